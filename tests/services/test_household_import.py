"""Importing households from CSV and Excel: encodings, bad rows, idempotence, audit."""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import delete, func, select

from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services import audit
from frontdesk.services.households import (
    ImportRejected,
    import_households,
    read_household_file,
)
from frontdesk.services.spreadsheet import safe_cell, unescape_cell
from frontdesk.services.users import SYSTEM, Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    AuditEvent,
    Building,
    Estate,
    Household,
    Owner,
    OwnerPhone,
    Room,
)

HEADER = ["房号", "业主姓名", "电话", "面积（㎡）", "入住日期"]
GOOD = [
    ["3-2-1201", "刘兵", "13812345678/0571-88888888", "89.6", "2019/5/1"],
    ["3-2-1202", "刘斌", "+86 139 0000 1111", "120.25", ""],
    ["5-1-301", "王晶", "13700001111", "75", "2020年10月1日"],
]
TABLES = (Estate, Building, Room, Household, Owner, OwnerPhone, AuditEvent)


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], encoding: str = "utf-8", *, bom: bool = False
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)
    return path


def counts(db: Database) -> dict[str, int]:
    with db.read() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0 for m in TABLES}


def households(db: Database) -> dict[str, tuple[str, list[str], int, date | None]]:
    """room code → (owner, phones, area, move-in) as stored."""
    with db.read() as s:
        rows = s.execute(
            select(Room.code, Owner.name, Room.area_centi_m2, Household.move_in_date, Owner.id)
            .join(Household, Household.room_id == Room.id)
            .join(Owner, Owner.household_id == Household.id)
        ).all()
        phones: dict[int, list[str]] = {}
        for owner_id, number in s.execute(
            select(OwnerPhone.owner_id, OwnerPhone.number).order_by(OwnerPhone.position)
        ):
            phones.setdefault(owner_id, []).append(number)
    return {
        code: (name, phones.get(oid, []), area, move_in) for code, name, area, move_in, oid in rows
    }


def audit_actions(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


@pytest.fixture
def good_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "households.csv", [HEADER, *GOOD])


# ---------------------------------------------------------------- happy paths


def test_import_creates_households(db: Database, good_csv: Path) -> None:
    result = import_households(db, SYSTEM, good_csv, estate_name="幸福里")
    assert (result.created, result.updated, result.unchanged, result.rejected) == (3, 0, 0, 0)
    assert result.rejected_file is None
    assert households(db) == {
        "3-2-1201": ("刘兵", ["13812345678", "057188888888"], 8960, date(2019, 5, 1)),
        "3-2-1202": ("刘斌", ["+8613900001111"], 12025, None),
        "5-1-301": ("王晶", ["13700001111"], 7500, date(2020, 10, 1)),
    }
    with db.read() as s:
        assert s.scalars(select(Estate.name)).all() == ["幸福里"]
        assert sorted(s.scalars(select(Building.code))) == ["3", "5"]
        room = s.execute(select(Room.unit, Room.number).where(Room.code == "5-1-301")).one()
        assert tuple(room) == ("1", "301")
        assert sorted(s.scalars(select(Owner.initials))) == ["lb", "lb", "wj"]
        assert (
            s.scalar(select(OwnerPhone.reversed_digits).where(OwnerPhone.number == "13812345678"))
            == "87654321831"
        )
        event = s.scalars(select(AuditEvent)).one()
        assert audit.verify(s).ok
    assert event.action == "households.import"
    assert json.loads(event.details) == {
        "file": "households.csv",
        "encoding": "utf-8",
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
    }


def test_utf8_with_bom(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bom.csv", [HEADER, *GOOD], bom=True)
    assert read_household_file(path).encoding == "utf-8-sig"
    assert read_household_file(path).header[0] == "房号"  # no BOM glued to the first header
    assert import_households(db, SYSTEM, path).created == 3
    assert households(db)["3-2-1201"][0] == "刘兵"


def test_gb18030_from_chinese_excel(db: Database, tmp_path: Path) -> None:
    rows = [HEADER, *GOOD, ["6-1-101", "王喆", "13600000000", "66.6", ""]]  # 喆 is outside GB2312
    path = write_csv(tmp_path / "gbk.csv", rows, "gb18030")
    assert read_household_file(path).encoding == "gb18030"
    assert import_households(db, SYSTEM, path).created == 4
    stored = households(db)
    assert stored["3-2-1202"][0] == "刘斌"
    assert stored["6-1-101"][0] == "王喆"


def test_tab_separated_text_from_excel(db: Database, tmp_path: Path) -> None:
    lines = ["\t".join(HEADER), *("\t".join(row) for row in GOOD)]
    path = tmp_path / "list.txt"
    path.write_bytes("\r\n".join(lines).encode("gb18030"))
    assert import_households(db, SYSTEM, path).created == 3
    assert households(db)["3-2-1201"][1] == ["13812345678", "057188888888"]


def test_phone_and_mobile_columns_are_merged(db: Database, tmp_path: Path) -> None:
    rows = [
        ["房号", "业主姓名", "电话", "手机", "面积"],
        ["1-1-101", "赵六", "0571-88888888", "13800000000", "90"],
        ["1-1-102", "钱七", "", "13800000001", "90"],
    ]
    assert import_households(db, SYSTEM, write_csv(tmp_path / "p.csv", rows)).created == 2
    stored = households(db)
    assert stored["1-1-101"][1] == ["057188888888", "13800000000"]
    assert stored["1-1-102"][1] == ["13800000001"]


def test_english_headers_and_reordered_columns(db: Database, tmp_path: Path) -> None:
    rows = [
        ["Area", "Phone", "Owner Name", "Room Code", "Notes"],
        ["89.6", "13812345678", "Zhang Wei", "1-1-101", "anything"],
    ]
    path = write_csv(tmp_path / "en.csv", rows)
    assert import_households(db, SYSTEM, path).created == 1
    assert households(db) == {"1-1-101": ("Zhang Wei", ["13812345678"], 8960, None)}


def test_title_row_above_header_is_tolerated(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["幸福里业户清单", "", "", ""], HEADER, *GOOD])
    source = read_household_file(path)
    assert source.header_line == 2
    assert [r.line for r in source.rows] == [3, 4, 5]
    assert import_households(db, SYSTEM, path).created == 3


def test_xlsx(db: Database, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Room", "Owner", "Phone", "面积", "入住日期"])
    sheet.append(["3-2-1201", "刘兵", 13812345678, 89.6, datetime(2019, 5, 1)])
    sheet.append([])  # blank sheet row 3
    sheet.append(["3-2-1202", "=1+1", "13812345679;13812345670", 120, None])
    sheet.append(["3-2-1203", "刘冰", 13812345671, "100.5", "2021-03-04"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    source = read_household_file(path)
    assert source.encoding == "xlsx"
    assert [r.line for r in source.rows] == [2, 4, 5]
    result = import_households(db, SYSTEM, path)
    assert result.created == 3
    assert households(db) == {
        "3-2-1201": ("刘兵", ["13812345678"], 8960, date(2019, 5, 1)),
        "3-2-1202": ("=1+1", ["13812345679", "13812345670"], 12000, None),  # never evaluated
        "3-2-1203": ("刘冰", ["13812345671"], 10050, date(2021, 3, 4)),
    }


def test_xlsx_bad_row_names_the_sheet_row(db: Database, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(GOOD[0])
    sheet.append([])
    sheet.append([])
    sheet.append(["3-2-1202", "刘斌", "13812345678", 0, None])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(ImportRejected, match="第 5 行：面积必须大于 0"):
        import_households(db, SYSTEM, path)
    assert counts(db)["room"] == 0


# ---------------------------------------------------------------- idempotence and updates


def test_importing_twice_changes_nothing(db: Database, good_csv: Path) -> None:
    import_households(db, SYSTEM, good_csv)
    before = counts(db)
    stored = households(db)
    result = import_households(db, SYSTEM, good_csv)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert counts(db) == before  # audit included: no event for a no-op import
    assert households(db) == stored


def test_same_data_in_another_spelling_is_unchanged(
    db: Database, good_csv: Path, tmp_path: Path
) -> None:
    import_households(db, SYSTEM, good_csv)
    respelled = [
        ["３－２－１２０１", " 刘兵 ", "138 1234 5678；0571-8888 8888", "89.60", "2019-05-01"],
        ["03-02-1202", "刘斌", "+86 13900001111", "120.25", ""],
    ]
    path = write_csv(tmp_path / "again.csv", [HEADER, *respelled], "gb18030")
    result = import_households(db, SYSTEM, path)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


def test_changed_owner_and_phone_update_and_are_audited(
    db: Database, good_csv: Path, tmp_path: Path
) -> None:
    import_households(db, SYSTEM, good_csv)
    changed = [
        ["3-2-1201", "刘冰", "13812345678/0571-88888888", "89.6", "2019/5/1"],  # owner
        ["3-2-1202", "刘斌", "13900002222", "120.25", ""],  # phone
        GOOD[2],  # same
        ["7-1-101", "张伟", "13511112222", "66", ""],  # new
    ]
    path = write_csv(tmp_path / "changed.csv", [HEADER, *changed])
    before = counts(db)
    result = import_households(db, SYSTEM, path)
    assert (result.created, result.updated, result.unchanged) == (1, 2, 1)
    stored = households(db)
    assert stored["3-2-1201"][:2] == ("刘冰", ["13812345678", "057188888888"])
    assert stored["3-2-1202"][:2] == ("刘斌", ["13900002222"])
    after = counts(db)
    assert after["owner_phone"] == before["owner_phone"] + 1
    assert after["household"] == before["household"] + 1
    with db.read() as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()[1:]
        assert audit.verify(s).ok
        owner_initials = s.scalar(select(Owner.initials).where(Owner.name == "刘冰"))
    assert owner_initials == "lb"
    assert [e.action for e in events] == [
        "household.update",
        "household.update",
        "households.import",
    ]
    first, second, summary = (json.loads(e.details) for e in events)
    assert first["room"] == "3-2-1201"
    assert first["old"] == {"owner": "刘兵"}
    assert first["new"] == {"owner": "刘冰"}
    assert second["old"] == {"phones": ["+8613900001111"]}
    assert second["new"] == {"phones": ["13900002222"]}
    assert summary["created"] == 1 and summary["updated"] == 2 and summary["unchanged"] == 1
    assert all(e.actor == "system" for e in events)


def test_changed_area_and_move_in_update(db: Database, good_csv: Path, tmp_path: Path) -> None:
    import_households(db, SYSTEM, good_csv)
    rows = [["3-2-1201", "刘兵", "13812345678/0571-88888888", "90.1", "2019/6/1"]]
    result = import_households(db, SYSTEM, write_csv(tmp_path / "a.csv", [HEADER, *rows]))
    assert result.updated == 1
    assert households(db)["3-2-1201"][2:] == (9010, date(2019, 6, 1))
    with db.read() as s:
        details = json.loads(
            s.scalars(
                select(AuditEvent.details).where(AuditEvent.action == "household.update")
            ).one()
        )
    assert details["old"] == {"area_centi_m2": 8960, "move_in": "2019-05-01"}
    assert details["new"] == {"area_centi_m2": 9010, "move_in": "2019-06-01"}


def test_blank_move_in_keeps_the_stored_date(db: Database, good_csv: Path, tmp_path: Path) -> None:
    import_households(db, SYSTEM, good_csv)
    rows = [["3-2-1201", "刘兵", "13812345678/0571-88888888", "89.6", ""]]
    result = import_households(db, SYSTEM, write_csv(tmp_path / "a.csv", [HEADER, *rows]))
    assert result.unchanged == 1
    assert households(db)["3-2-1201"][3] == date(2019, 5, 1)


def _room_household(db: Database, code: str) -> tuple[int, int]:
    with db.read() as s:
        row = s.execute(
            select(Room.id, Household.id)
            .join(Household, Household.room_id == Room.id)
            .where(Room.code == code)
        ).one()
    return row[0], row[1]


def test_room_without_household_gets_one(db: Database, good_csv: Path, tmp_path: Path) -> None:
    import_households(db, SYSTEM, good_csv)
    room_id, household_id = _room_household(db, "3-2-1201")
    with db.begin() as s:  # the household moved out and was removed behind the import's back
        owner_ids = s.scalars(select(Owner.id).where(Owner.household_id == household_id)).all()
        s.execute(delete(OwnerPhone).where(OwnerPhone.owner_id.in_(owner_ids)))
        s.execute(delete(Owner).where(Owner.household_id == household_id))
        s.execute(delete(Household).where(Household.id == household_id))
    rows = [["3-2-1201", "赵六", "13800000000", "91", ""]]
    result = import_households(db, SYSTEM, write_csv(tmp_path / "r.csv", [HEADER, *rows]))
    assert (result.created, result.updated, result.unchanged) == (1, 0, 0)
    assert households(db)["3-2-1201"] == ("赵六", ["13800000000"], 9100, None)
    assert _room_household(db, "3-2-1201")[0] == room_id  # same room, new household


def test_household_without_owner_gets_one(db: Database, good_csv: Path) -> None:
    import_households(db, SYSTEM, good_csv)
    _room_id, household_id = _room_household(db, "3-2-1202")
    with db.begin() as s:
        owner_ids = s.scalars(select(Owner.id).where(Owner.household_id == household_id)).all()
        s.execute(delete(OwnerPhone).where(OwnerPhone.owner_id.in_(owner_ids)))
        s.execute(delete(Owner).where(Owner.household_id == household_id))
    result = import_households(db, SYSTEM, good_csv)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert households(db)["3-2-1202"][:2] == ("刘斌", ["+8613900001111"])
    with db.read() as s:
        details = json.loads(
            s.scalars(
                select(AuditEvent.details).where(AuditEvent.action == "household.update")
            ).one()
        )
    assert details["old"] == {"owner": None, "phones": []}


def test_co_owner_is_left_alone(db: Database, good_csv: Path, tmp_path: Path) -> None:
    import_households(db, SYSTEM, good_csv)
    _room_id, household_id = _room_household(db, "3-2-1201")
    with db.begin() as s:  # a co-owner added at the counter, not in the file
        s.add(Owner(household_id=household_id, name="王芳", initials="wf", primary=False))
    assert import_households(db, SYSTEM, good_csv).unchanged == 3
    rows = [["3-2-1201", "刘冰", "13812345678", "89.6", ""]]
    assert (
        import_households(db, SYSTEM, write_csv(tmp_path / "c.csv", [HEADER, *rows])).updated == 1
    )
    with db.read() as s:
        owners = s.execute(
            select(Owner.name, Owner.primary)
            .where(Owner.household_id == household_id)
            .order_by(Owner.id)
        ).all()
    assert [tuple(o) for o in owners] == [("刘冰", True), ("王芳", False)]


# ---------------------------------------------------------------- bad input: nothing changes


def _rejects(db: Database, path: Path, *fragments: str) -> str:
    before = counts(db)
    with pytest.raises(ValidationError) as info:
        import_households(db, SYSTEM, path)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message
    assert "\n" not in message  # one line on the command line
    assert counts(db) == before
    assert not path.with_name(path.stem + ".rejected.csv").exists()
    return message


@pytest.fixture
def seeded(db: Database, tmp_path: Path) -> Database:
    """A database that already holds the GOOD households (so "nothing changed" means something)."""
    import_households(db, SYSTEM, write_csv(tmp_path / "seed.csv", [HEADER, *GOOD]))
    return db


def test_utf16_file_is_an_encoding_error(seeded: Database, tmp_path: Path) -> None:
    path = tmp_path / "unicode.csv"
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, ["9-9-901", "赵六", "13800000000", "90"]])
    path.write_text(buffer.getvalue(), encoding="utf-16")
    _rejects(seeded, path, "文件编码无法识别")


def test_latin1_file_is_an_encoding_error(seeded: Database, tmp_path: Path) -> None:
    rows = [
        ["room", "owner", "phone", "area"],
        ["9-9-901", "José Müller", "13800000000", "90"],
        ["9-9-902", "Hélène François", "13800000001", "91"],
    ]
    _rejects(seeded, write_csv(tmp_path / "latin.csv", rows, "latin-1"), "文件编码无法识别")


def test_latin1_that_happens_to_decode_as_gb18030_is_still_refused(
    seeded: Database, tmp_path: Path
) -> None:
    rows = [["room", "owner", "phone", "area"], ["9-9-901", "Hélène Dupont", "13800000000", "90"]]
    path = write_csv(tmp_path / "latin.csv", rows, "latin-1")
    path.read_bytes().decode("gb18030")  # really does decode: the plausibility check catches it
    _rejects(seeded, path, "文件编码无法识别")


def test_missing_column(seeded: Database, tmp_path: Path) -> None:
    rows = [["房号", "业主姓名", "电话"], ["9-9-901", "赵六", "13800000000"]]
    _rejects(seeded, write_csv(tmp_path / "m.csv", rows), "缺少列：面积")


def test_no_recognisable_header(seeded: Database, tmp_path: Path) -> None:
    rows = [["a", "b", "c"], ["9-9-901", "赵六", "13800000000"]]
    _rejects(seeded, write_csv(tmp_path / "m.csv", rows), "缺少列：房号、业主姓名、电话、面积")


def test_duplicate_room_in_file(seeded: Database, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["9-9-901", "赵六", "13800000000", "90"],
        GOOD[0],
        ["9-9-901", "钱七", "13800000001", "91"],
    ]
    _rejects(seeded, write_csv(tmp_path / "d.csv", rows), "第 4 行：房号 9-9-901 与第 2 行重复")


@pytest.mark.parametrize(
    ("area", "reason"),
    [
        ("abc", "面积“abc”不是数字"),
        ("0", "面积必须大于 0"),
        ("-12.5", "面积必须大于 0"),
        ("", "面积为空"),
    ],
)
def test_bad_area(seeded: Database, tmp_path: Path, area: str, reason: str) -> None:
    rows = [
        HEADER,
        ["9-9-901", "赵六", "13800000000", "90"],
        ["9-9-902", "钱七", "13800000001", area],
    ]
    message = _rejects(seeded, write_csv(tmp_path / "a.csv", rows), f"第 3 行：{reason}")
    assert "有 1 行有误" in message and "未导入任何数据" in message


def test_blank_lines_are_skipped_but_counted(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    text = (
        "房号,业主姓名,电话,面积\r\n"
        "\r\n"
        "9-9-901,赵六,13800000000,90\r\n"
        ",,,\r\n"  # an Excel row with nothing in it
        "   \r\n"
        "9-9-902,钱七,13800000001,90\r\n"
        "\r\n"
    )
    path.write_text(text, encoding="utf-8")
    assert [r.line for r in read_household_file(path).rows] == [3, 6]
    assert import_households(db, SYSTEM, path).created == 2

    bad = tmp_path / "blank_bad.csv"
    bad.write_text(text + "\n\n9-9-903,孙八,13800000002,-1\n", encoding="utf-8")
    _rejects(db, bad, "第 10 行：面积必须大于 0")


def test_quoted_line_break_keeps_later_line_numbers_right(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(
        '房号,业主姓名,电话,面积\n9-9-901,"赵\n六",13800000000,90\n9-9-902,钱七,138,90\n',
        encoding="utf-8",
    )
    message = _rejects(db, path, "第 2 行：业主姓名中含有不可见字符", "第 4 行：电话号码“138”")
    assert "有 2 行有误" in message


def test_formula_like_cells_are_stored_as_text(db: Database, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["9-9-901", "=cmd|' /C calc'!A0", "13800000000", "90"],
        ["9-9-902", "+刘兵", "+86 138 0000 0001", "90"],
        ["9-9-903", "-刘斌", "13800000002", "90"],
        ["9-9-904", "@SUM(1+1)", "13800000003", "90"],
    ]
    assert import_households(db, SYSTEM, write_csv(tmp_path / "f.csv", rows)).created == 4
    stored = households(db)
    assert stored["9-9-901"][0] == "=cmd|' /C calc'!A0"
    assert stored["9-9-902"][:2] == ("+刘兵", ["+8613800000001"])
    assert stored["9-9-903"][0] == "-刘斌"
    assert stored["9-9-904"][0] == "@SUM(1+1)"


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        (2, "=1+2", "电话号码“=1+2”格式不对"),
        (2, "@13800000000", "电话号码“@13800000000”格式不对"),
        (2, "-13800000000", "电话号码“-13800000000”格式不对"),
        (3, "=A1*2", "面积“=A1*2”不是数字"),
        (3, "@90", "面积“@90”不是数字"),
        (0, "=1-2-3", "房号“=1-2-3”格式不对"),
        (0, "+1-2-3", "房号“+1-2-3”格式不对"),
    ],
)
def test_formula_like_cells_in_number_columns_are_bad_rows(
    seeded: Database, tmp_path: Path, column: int, value: str, reason: str
) -> None:
    row = ["9-9-901", "赵六", "13800000000", "90"]
    row[column] = value
    _rejects(seeded, write_csv(tmp_path / "f.csv", [HEADER, row]), f"第 2 行：{reason}")


def test_plus_sign_on_an_area_is_just_a_sign(db: Database, tmp_path: Path) -> None:
    row = ["9-9-901", "赵六", "13800000000", "+90"]
    assert import_households(db, SYSTEM, write_csv(tmp_path / "p.csv", [HEADER, row])).created == 1
    assert households(db)["9-9-901"][2] == 9000


def test_message_lists_the_first_rows_and_the_total(db: Database, tmp_path: Path) -> None:
    rows = [HEADER] + [[f"9-9-9{i:02d}", "赵六", "13800000000", "0"] for i in range(1, 9)]
    message = _rejects(db, write_csv(tmp_path / "many.csv", rows), "有 8 行有误", "另有 3 行有误")
    assert message.count("第 ") == 5
    assert "第 2 行" in message and "第 6 行" in message and "第 7 行" not in message


def test_import_rejected_carries_the_errors(db: Database, tmp_path: Path) -> None:
    rows = [HEADER, ["9-9-901", "", "", "x"]]
    with pytest.raises(ImportRejected) as info:
        import_households(db, SYSTEM, write_csv(tmp_path / "e.csv", rows))
    (error,) = info.value.errors
    assert error.line == 2
    assert error.reason == "业主姓名为空；电话为空；面积“x”不是数字"


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("missing.csv", None, "找不到文件"),
        ("old.xls", b"\xd0\xcf\x11\xe0", ".xls"),
        ("list.json", b"{}", "只能导入 .csv 或 .xlsx"),
        ("empty.csv", b"", "文件是空的"),
        ("blank.csv", b"\r\n\r\n", "文件是空的"),
        ("header.csv", "房号,业主姓名,电话,面积\r\n".encode(), "只有表头"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "无法读取 Excel 文件"),
    ],
)
def test_unusable_files(
    seeded: Database, tmp_path: Path, name: str, content: bytes | None, fragment: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    _rejects(seeded, path, fragment)


def test_only_administrators_import(db: Database, good_csv: Path) -> None:
    with pytest.raises(PermissionDenied):
        import_households(db, Actor("C001", "王芳", "cashier"), good_csv)
    assert counts(db)["room"] == 0


# ---------------------------------------------------------------- --skip-bad


def test_skip_bad_imports_good_rows_and_writes_the_rest(db: Database, tmp_path: Path) -> None:
    rows = [
        [*HEADER, "备注"],
        ["9-9-901", "赵六", "13800000000", "90", "", "ok"],
        ["9-9-902", '=HYPERLINK("http://x")', "=1+2", "90", "", "bad phone"],
        [],
        ["9-9-903", "孙八", "13800000002", "-1", "", "@note"],
        ["9-9-901", "钱七", "13800000003", "91", ""],
    ]
    path = write_csv(tmp_path / "mixed.csv", rows, "gb18030")
    result = import_households(db, SYSTEM, path, skip_bad=True)
    assert (result.created, result.rejected) == (1, 3)
    assert result.rejected_file == tmp_path / "mixed.rejected.csv"
    assert [e.line for e in result.errors] == [3, 5, 6]
    assert set(households(db)) == {"9-9-901"}

    raw = result.rejected_file.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)  # so Excel shows the Chinese
    written = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert written[0] == [*HEADER, "备注", "line", "reason"]
    assert written[1] == [
        "9-9-902",
        '\'=HYPERLINK("http://x")',
        "'=1+2",
        "90",
        "",
        "bad phone",
        "3",
        "电话号码“=1+2”格式不对",
    ]
    assert written[2][:7] == ["9-9-903", "孙八", "13800000002", "'-1", "", "'@note", "5"]
    assert written[2][7] == "面积必须大于 0（现为 -1）"
    assert written[3][6:] == ["6", "房号 9-9-901 与第 2 行重复"]
    with db.read() as s:
        summary = json.loads(s.scalars(select(AuditEvent.details)).one())
    assert summary["rejected"] == 3


def test_corrected_rejected_file_imports_again(db: Database, tmp_path: Path) -> None:
    rows = [HEADER, ["9-9-901", "=赵六", "+86 138 0000 0000", "0", ""]]
    result = import_households(db, SYSTEM, write_csv(tmp_path / "x.csv", rows), skip_bad=True)
    assert result.rejected_file is not None
    fixed = result.rejected_file.read_text(encoding="utf-8-sig").replace(",0,", ",90,")
    again = tmp_path / "fixed.csv"
    again.write_text(fixed, encoding="utf-8-sig")
    assert import_households(db, SYSTEM, again).created == 1
    assert households(db)["9-9-901"][:2] == ("=赵六", ["+8613800000000"])


def test_skip_bad_with_nothing_good(db: Database, tmp_path: Path) -> None:
    rows = [HEADER, ["9-9-901", "赵六", "13800000000", "0"]]
    result = import_households(db, SYSTEM, write_csv(tmp_path / "x.csv", rows), skip_bad=True)
    assert (result.created, result.rejected) == (0, 1)
    assert counts(db)["audit_event"] == 0
    assert result.rejected_file is not None and result.rejected_file.exists()


def test_skip_bad_without_bad_rows_writes_no_file(db: Database, good_csv: Path) -> None:
    result = import_households(db, SYSTEM, good_csv, skip_bad=True)
    assert result.rejected == 0 and result.rejected_file is None
    assert not (good_csv.parent / "households.rejected.csv").exists()


# ---------------------------------------------------------------- spreadsheet helpers


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("=1+2", "'=1+2"),
        ("+86 138", "'+86 138"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("刘兵", "刘兵"),
        ("", ""),
        (None, ""),
        (12, "12"),
        (12.0, "12"),
        (89.6, "89.6"),
        (date(2019, 5, 1), "2019-05-01"),
        (datetime(2019, 5, 1), "2019-05-01"),
        (datetime(2019, 5, 1, 8, 30), "2019-05-01 08:30:00"),
    ],
)
def test_safe_cell(value: object, text: str) -> None:
    assert safe_cell(value) == text


def test_unescape_cell_undoes_safe_cell() -> None:
    for value in ("=1+2", "+86", "-5", "@x", "刘兵", "'quoted'"):
        assert unescape_cell(safe_cell(value)) == value
    assert unescape_cell(5) == 5
