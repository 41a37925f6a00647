"""Household rules: room codes, areas, phones, names, dates, headers and import rows."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.households import (
    MAX_AREA_CENTI_M2,
    HouseholdRecord,
    RoomCode,
    RowError,
    check_name,
    is_blank_row,
    join_phone_cells,
    map_headers,
    normalize_header,
    parse_area,
    parse_move_in,
    parse_room_code,
    pinyin_initials,
    reversed_digits,
    split_phones,
    validate_row,
    validate_rows,
)

# ---------------------------------------------------------------- room codes


@pytest.mark.parametrize(
    "text",
    [
        "3-2-1201",
        " 3-2-1201 ",
        "３－２－１２０１",
        "3 - 2 - 1201",
        "03-02-1201",
        "3–2–1201",
        "3—2—1201",
    ],
)
def test_room_code_forms(text: str) -> None:
    assert parse_room_code(text) == RoomCode("3", "2", "1201", "3-2-1201")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "房号为空"),
        ("   ", "房号为空"),
        (None, "房号为空"),
        ("3-2", "格式不对"),
        ("3-2-1201-1", "格式不对"),
        ("A-1-101", "格式不对"),
        ("3/2/1201", "格式不对"),
        ("=1-2-3", "格式不对"),
        ("0-1-101", "不能为 0"),
        ("1234567-1-1", "太长"),
        ("٣-٢-١٢٠١", "格式不对"),  # Arabic-Indic digits are not room numbers here
    ],
)
def test_room_code_rejects(text: object, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_room_code(text)


def test_room_code_that_excel_turned_into_a_date_is_explained() -> None:
    with pytest.raises(ValueError, match="日期"):
        parse_room_code(datetime(2001, 1, 1))


# ---------------------------------------------------------------- areas


@pytest.mark.parametrize(
    ("text", "centi"),
    [
        ("89.6", 8960),
        ("89.60", 8960),
        ("89", 8900),
        ("0.01", 1),
        ("８９．６", 8960),
        ("89.6㎡", 8960),
        ("89.6 m²", 8960),
        ("120平方米", 12000),
        (" 100.25 ", 10025),
        ("10000", MAX_AREA_CENTI_M2),
        (89.6, 8960),
        (100, 10000),
        (89.60000000000001, 8960),  # Excel arithmetic noise
    ],
)
def test_area_to_hundredths(text: object, centi: int) -> None:
    assert parse_area(text) == centi


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "面积为空"),
        (None, "面积为空"),
        ("abc", "不是数字"),
        ("八十", "不是数字"),
        ("89,6", "不是数字"),
        ("=A1*2", "不是数字"),
        ("nan", "不是数字"),
        ("inf", "不是数字"),
        ("0", "必须大于 0"),
        ("0.00", "必须大于 0"),
        ("-5", "必须大于 0"),
        (-5, "必须大于 0"),
        (0, "必须大于 0"),
        ("89.605", "两位小数"),
        ("10000.01", "10000"),
        (True, "不是数字"),
    ],
)
def test_area_rejects(text: object, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_area(text)


@given(st.integers(min_value=1, max_value=MAX_AREA_CENTI_M2))
def test_area_round_trips_through_text(centi: int) -> None:
    assert parse_area(f"{centi // 100}.{centi % 100:02d}") == centi


# ---------------------------------------------------------------- phones


@pytest.mark.parametrize(
    ("text", "phones"),
    [
        ("13812345678", ["13812345678"]),
        ("138 1234 5678", ["13812345678"]),
        ("138-1234-5678", ["13812345678"]),
        ("+86 138 1234 5678", ["+8613812345678"]),
        ("13812345678/13987654321", ["13812345678", "13987654321"]),
        ("13812345678;0571-88888888", ["13812345678", "057188888888"]),
        ("13812345678；13987654321、0571-8888888", ["13812345678", "13987654321", "05718888888"]),
        ("13812345678, 13987654321", ["13812345678", "13987654321"]),
        ("13812345678/13812345678", ["13812345678"]),  # repeated number kept once
        ("１３８１２３４５６７８", ["13812345678"]),
        (13812345678, ["13812345678"]),  # a number cell from Excel
        (13812345678.0, ["13812345678"]),
        ("13812345678/", ["13812345678"]),
    ],
)
def test_split_phones(text: object, phones: list[str]) -> None:
    assert split_phones(text) == phones


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "电话为空"),
        (None, "电话为空"),
        ("/", "电话为空"),
        ("abc", "格式不对"),
        ("=1+2", "格式不对"),
        ("@13812345678", "格式不对"),
        ("-13812345678", "格式不对"),
        ("+", "格式不对"),
        ("123456", "7–15"),
        ("1234567890123456", "7–15"),
        ("13812345678/abc", "abc"),
        ("138 1234 5678 ext 3", "格式不对"),
    ],
)
def test_split_phones_rejects(text: object, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        split_phones(text)


def test_reversed_digits() -> None:
    assert reversed_digits("+8613812345678") == "8765432183168"
    assert reversed_digits("13812345678") == "87654321831"


# ---------------------------------------------------------------- names


def test_same_sounding_names_share_initials() -> None:
    assert {pinyin_initials(n) for n in ("刘兵", "刘斌", "刘冰")} == {"lb"}
    assert pinyin_initials("王晶") == "wj"


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("欧阳娜娜", "oynn"),
        ("曾伟", "zw"),  # surname reading, not céng
        ("单雄信", "sxx"),
        ("解放", "xf"),
        ("John Smith", "js"),
        ("Ｊｏｈｎ", "j"),
        ("李 娜", "ln"),
        ("阿依古丽·买买提", "ayglmmt"),
        ("=SUM(A1)", "sa"),
        ("", ""),
    ],
)
def test_pinyin_initials(name: str, initials: str) -> None:
    assert pinyin_initials(name) == initials


def test_surname_reading_can_be_switched_off() -> None:
    assert pinyin_initials("曾经", surname=False) == "cj"


def test_names_are_kept_literally() -> None:
    assert check_name('  =HYPERLINK("x")  ') == '=HYPERLINK("x")'
    assert check_name("@刘兵") == "@刘兵"
    with pytest.raises(ValueError, match="为空"):
        check_name("  ")
    with pytest.raises(ValueError, match="不可见"):
        check_name("刘\u200b兵")
    with pytest.raises(ValueError, match="不可见"):
        check_name("刘\n兵")
    with pytest.raises(ValueError, match="太长"):
        check_name("张" * 129)


# ---------------------------------------------------------------- move-in dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-05-01", date(2019, 5, 1)),
        ("2019-5-1", date(2019, 5, 1)),
        ("2019/5/1", date(2019, 5, 1)),
        ("2019.5.1", date(2019, 5, 1)),
        ("2019年5月1日", date(2019, 5, 1)),
        ("2019年5月1", date(2019, 5, 1)),
        ("２０１９－０５－０１", date(2019, 5, 1)),
        ("20190501", date(2019, 5, 1)),
        ("2019-05-01 00:00:00", date(2019, 5, 1)),
        (datetime(2019, 5, 1, 0, 0), date(2019, 5, 1)),
        (date(2019, 5, 1), date(2019, 5, 1)),
        ("", None),
        (None, None),
        ("  ", None),
    ],
)
def test_move_in(text: object, expected: date | None) -> None:
    assert parse_move_in(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2019-02-30", "不是有效日期"),
        ("5/1/2019", "格式不对"),
        ("yesterday", "格式不对"),
        ("1800-01-01", "年份"),
        (43586, "格式不对"),  # an Excel serial number without date format
    ],
)
def test_move_in_rejects(text: object, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_move_in(text)


# ---------------------------------------------------------------- headers


def test_headers_in_english() -> None:
    found = map_headers(["Room Code", "Owner Name", "Phones", "Floor Area", "Move-in Date"])
    assert found.ok
    assert found.columns == {"room": 0, "owner": 1, "phone": 2, "area": 3, "move_in": 4}


def test_headers_in_chinese_with_units_and_full_width() -> None:
    found = map_headers(["\ufeff房号", "业主姓名", "联系电话", "面积（㎡）", "入伙日期", "备注"])
    assert found.ok
    assert found.columns == {"room": 0, "owner": 1, "phone": 2, "area": 3, "move_in": 4}
    assert map_headers(["房间号", "业主", "手机", "建筑面积(m²)"]).ok
    assert map_headers(["ROOM_CODE", "OWNER", "PHONE", "ＡＲＥＡ"]).ok


@pytest.mark.parametrize(
    "header", ["面积", "建筑面积", "面积(m²)", "面积（㎡）", "area", "floor_area", " Floor  Area "]
)
def test_area_header_aliases(header: str) -> None:
    assert normalize_header(header) in {
        normalize_header(a) for a in ("面积", "建筑面积", "area", "floorarea")
    }
    assert map_headers(["房号", "姓名", "电话", header]).ok


def test_missing_and_duplicated_columns_are_named() -> None:
    missing = map_headers(["房号", "业主", "电话"])
    assert not missing.ok
    assert missing.missing == ("area",)
    assert missing.problem() == "缺少列：面积"
    nothing = map_headers(["a", "b", "c"])
    assert nothing.problem() == "缺少列：房号、业主姓名、电话、面积"
    twice = map_headers(["房号", "房间号", "业主", "电话", "面积"])
    assert twice.problem() == "列重复：房号"


def test_several_phone_columns_are_joined() -> None:
    found = map_headers(["房号", "业主", "电话", "手机", "面积"])
    assert found.ok
    assert found.columns["phone"] == 2
    assert found.phone_columns == (2, 3)
    assert join_phone_cells(["0571-88888888", 13812345678.0, None, " "]) == (
        "0571-88888888/13812345678"
    )


# ---------------------------------------------------------------- rows


def _cells(**overrides: object) -> dict[str, object]:
    cells: dict[str, object] = {
        "room": "3-2-1201",
        "owner": "刘兵",
        "phone": "13812345678",
        "area": "89.6",
        "move_in": "2019-05-01",
    }
    cells.update(overrides)
    return cells


def test_valid_row() -> None:
    record = validate_row(_cells(phone="+86 138 1234 5678/0571-88888888"), 7)
    assert record == HouseholdRecord(
        line=7,
        room=RoomCode("3", "2", "1201", "3-2-1201"),
        owner_name="刘兵",
        phones=("+8613812345678", "057188888888"),
        area_centi_m2=8960,
        move_in=date(2019, 5, 1),
    )


def test_row_without_move_in_column() -> None:
    cells = _cells()
    del cells["move_in"]
    record = validate_row(cells, 2)
    assert isinstance(record, HouseholdRecord)
    assert record.move_in is None


def test_formula_like_name_is_data() -> None:
    record = validate_row(_cells(owner="=cmd|' /C calc'!A0"), 2)
    assert isinstance(record, HouseholdRecord)
    assert record.owner_name == "=cmd|' /C calc'!A0"


def test_bad_row_reports_every_problem() -> None:
    error = validate_row(_cells(room="3-2", phone="abc", area="-1"), 9)
    assert isinstance(error, RowError)
    assert error.line == 9
    assert "房号" in error.reason and "电话" in error.reason and "面积" in error.reason
    assert error.reason.count("；") == 2


def test_duplicate_room_is_the_later_row() -> None:
    rows = [
        (2, _cells()),
        (3, _cells(room="3-2-1202")),
        (5, _cells(room="３－２－１２０１", owner="刘斌")),
    ]
    records, errors = validate_rows(rows)
    assert [r.line for r in records] == [2, 3]
    assert errors == [RowError(5, "房号 3-2-1201 与第 2 行重复")]


def test_blank_rows() -> None:
    assert is_blank_row([])
    assert is_blank_row(["", " ", None])
    assert not is_blank_row(["", "x"])
