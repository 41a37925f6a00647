"""The visitor log service: sign in/out, who is in, the log, retention, export, bad input."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from frontdesk.config import ReceptionSettings
from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services import visitors as svc
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import VisitorVisit
from tests.factories import make_household, make_staff
from tests.services.cashbox_fixtures import audit_rows

CST = timezone(timedelta(hours=8))
SETTINGS = ReceptionSettings()
T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # 10:00 in Beijing


@pytest.fixture
def clerk(db: Database) -> Actor:
    return make_staff(db, "C001", "clerk", "王晓")


@pytest.fixture
def boss(db: Database) -> Actor:
    return make_staff(db, "S001", "supervisor", "赵主管")


def _count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(VisitorVisit)) or 0)


def _in(db: Database, actor: Actor, **kw: object) -> svc.VisitorRow:
    args: dict[str, object] = {
        "name": "张三",
        "phone": "13800001234",
        "room": "物业办公室",
        "purpose": "enquiry",
    }
    args.update(kw)
    return svc.sign_in(db, actor, SETTINGS, **args)  # type: ignore[arg-type]


def test_sign_in_finds_the_room_and_records_the_clerk(db: Database, clerk: Actor) -> None:
    make_household(db, "3-2-1201")
    row = _in(
        db,
        clerk,
        name="  李 四 ",
        phone="１３８-0000 5678",
        room="03－02-1201",
        purpose="repair",
        people=2,
        id_checked=True,
        car_plate="京a·12345",
        notes="漏水",
        now=T0,
    )
    assert row.name == "李 四" and row.room == "3-2-1201" and row.room_known
    assert row.phone == "138****5678"  # a clerk sees it masked
    assert row.people == 2 and row.id_checked and row.car_plate == "京A12345"
    assert row.signed_in_at == T0 and row.is_in
    with db.read() as s:
        v = s.get(VisitorVisit, row.id)
        assert v is not None
        assert v.phone == "13800005678" and v.phone_reversed == "87650000831"
        assert v.recorded_by == "C001" and v.room_id is not None
    assert len(audit_rows(db, "visitor.sign_in")) == 1


def test_department_and_international_number(db: Database, boss: Actor) -> None:
    row = _in(db, boss, room="物业办公室", phone="+852 6123 4567")
    assert row.room == "物业办公室" and not row.room_known
    assert row.phone == "+85261234567"  # supervisors see the whole number


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"name": "   "}, "请填写访客姓名"),
        ({"phone": ""}, "请填写访客的电话号码"),
        ({"phone": "138abc1234"}, "不是电话号码"),
        ({"phone": "12345"}, "应为 7 到 15 位"),
        ({"phone": "1234567890123456"}, "应为 7 到 15 位"),
        ({"phone": "138+0000"}, "不是电话号码"),
        ({"room": " "}, "请填写到访的房号或部门"),
        ({"purpose": "party"}, "来访事由"),
        ({"people": 0}, "来访人数"),
        ({"people": 100}, "来访人数"),
        ({"notes": "很" * 501}, "备注太长"),
        ({"name": "名" * 65}, "访客姓名太长"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    db: Database, clerk: Actor, kw: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        _in(db, clerk, **kw)
    assert _count(db) == 0


def test_unknown_room_offers_free_text(db: Database, clerk: Actor) -> None:
    make_household(db, "3-2-1201")
    with pytest.raises(svc.UnknownRoom, match="房号 9-9-999 不存在") as err:
        _in(db, clerk, room="9-9-999")
    assert err.value.text == "9-9-999"
    assert _count(db) == 0
    row = _in(db, clerk, room="9-9-999", free_text_room=True)
    assert row.room == "9-9-999" and not row.room_known
    assert svc.find_room(db, "３-2-1201") == "3-2-1201"
    assert svc.find_room(db, "9-9-999") is None
    assert svc.find_room(db, "物业办公室") is None


def test_cashier_may_not_record_visitors(db: Database) -> None:
    cashier = make_staff(db, "K001", "cashier")
    with pytest.raises(PermissionDenied):
        _in(db, cashier)
    assert _count(db) == 0


def test_sign_out_once_only(db: Database, clerk: Actor) -> None:
    row = _in(db, clerk, now=T0)
    assert [r.id for r in svc.who_is_in(db, clerk, SETTINGS)] == [row.id]
    out = svc.sign_out(db, clerk, SETTINGS, row.id, now=T0 + timedelta(hours=1))
    assert out.signed_out_at == T0 + timedelta(hours=1) and not out.auto_signed_out
    assert svc.who_is_in(db, clerk, SETTINGS) == []
    with pytest.raises(ValidationError, match=r"已于 .* 签离，不用再签离"):
        svc.sign_out(db, clerk, SETTINGS, row.id)
    assert svc.get_visit(db, clerk, SETTINGS, row.id).signed_out_at == out.signed_out_at
    assert len(audit_rows(db, "visitor.sign_out")) == 1
    with pytest.raises(ValidationError, match="找不到第 999 号"):
        svc.sign_out(db, clerk, SETTINGS, 999)


def test_returning_visitor_by_phone(db: Database, clerk: Actor) -> None:
    assert svc.returning_visitor(db, "13800001234") is None
    _in(db, clerk, name="张三", room="物业办公室", now=T0)
    _in(db, clerk, name="张三丰", room="保安室", purpose="delivery", now=T0 + timedelta(days=1))
    back = svc.returning_visitor(db, "138 0000 1234")
    assert back is not None
    assert (back.name, back.room, back.purpose, back.visits) == ("张三丰", "保安室", "delivery", 2)
    assert svc.returning_visitor(db, "1380") is None  # not a phone number yet


def _many(db: Database, clerk: Actor, n: int) -> list[int]:
    ids = []
    for i in range(n):
        # Two visits share each second, to test the tie-break of the keyset.
        row = _in(
            db,
            clerk,
            name=f"访客{i:03d}",
            phone=f"139{i:08d}",
            room=f"物业{i % 3}",
            purpose=("fee", "repair")[i % 2],
            now=T0 + timedelta(seconds=i // 2),
        )
        ids.append(row.id)
    return ids


def test_log_pages_cover_everything_once_newest_first(db: Database, clerk: Actor) -> None:
    ids = _many(db, clerk, 45)
    seen: list[int] = []
    after = None
    pages = 0
    while True:
        page = svc.log_page(db, clerk, SETTINGS, svc.LogFilter(), after=after, limit=10)
        seen += [r.id for r in page.rows]
        pages += 1
        if page.next_after is None:
            break
        after = page.next_after
    assert pages == 5
    assert seen == sorted(ids, key=lambda i: (ids.index(i) // 2, i), reverse=True)


@pytest.mark.parametrize("probe_limit", [5000, 1])
def test_log_filters(
    db: Database, clerk: Actor, monkeypatch: pytest.MonkeyPatch, probe_limit: int
) -> None:
    # probe_limit 1: every prefix counts as common, so the time index drives.
    monkeypatch.setattr(svc, "PROBE_LIMIT", probe_limit)
    _many(db, clerk, 30)
    other = _in(
        db,
        clerk,
        name="李四",
        phone="13512345678",
        room="3-2-1201",
        free_text_room=True,
        now=T0 - timedelta(days=3),
    )

    def ids(**kw: object) -> set[int]:
        page = svc.log_page(db, clerk, SETTINGS, svc.LogFilter(**kw), tz=CST)  # type: ignore[arg-type]
        return {r.id for r in page.rows}

    assert ids(name="李") == {other.id}
    assert ids(phone="5678") == {other.id}  # last digits
    assert ids(phone="1351") == {other.id}  # first digits
    assert ids(phone="135-1234-5678") == {other.id}
    assert len(ids(phone="139")) == 30
    assert ids(room="3-2") == {other.id}
    assert len(ids(room="物业1")) == 10
    assert len(ids(purpose="repair", room="物业")) == 15
    assert ids(start=date(2026, 11, 17), end=date(2026, 11, 17)) == {other.id}
    assert len(ids(start=date(2026, 11, 18))) == 30
    assert ids(name="王", phone="5678") == set()


def test_log_bad_filters(db: Database, clerk: Actor) -> None:
    with pytest.raises(ValidationError, match="晚于结束日期"):
        svc.log_page(
            db, clerk, SETTINGS, svc.LogFilter(start=date(2026, 2, 2), end=date(2026, 2, 1))
        )
    with pytest.raises(ValidationError, match="来访事由"):
        svc.log_page(db, clerk, SETTINGS, svc.LogFilter(purpose="party"))


def test_phone_masking_follows_the_setting(db: Database, clerk: Actor, boss: Actor) -> None:
    _in(db, clerk)
    assert svc.log_page(db, clerk, SETTINGS, svc.LogFilter()).rows[0].phone == "138****1234"
    assert svc.log_page(db, boss, SETTINGS, svc.LogFilter()).rows[0].phone == "13800001234"
    clerks_too = ReceptionSettings(full_phone_roles=["clerk"])
    assert svc.who_is_in(db, clerk, clerks_too)[0].phone == "13800001234"
    assert svc.who_is_in(db, boss, clerks_too)[0].phone == "138****1234"


def test_auto_sign_out_at_the_set_hour(db: Database, clerk: Actor) -> None:
    # 22:00 Beijing = 14:00 UTC.
    early = _in(db, clerk, now=datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    late = _in(db, clerk, now=datetime(2026, 11, 20, 14, 30, tzinfo=UTC))  # 22:30, after the hour
    before = datetime(2026, 11, 20, 13, 59, tzinfo=UTC)
    assert svc.auto_sign_out(db, SETTINGS, now=before, tz=CST) == 0
    after = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    assert svc.auto_sign_out(db, SETTINGS, now=after, tz=CST) == 1
    assert svc.auto_sign_out(db, SETTINGS, now=after, tz=CST) == 0
    row = svc.get_visit(db, clerk, SETTINGS, early.id)
    assert row.auto_signed_out and row.signed_out_at == datetime(2026, 11, 20, 14, 0, tzinfo=UTC)
    assert svc.get_visit(db, clerk, SETTINGS, late.id).is_in
    next_day = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)
    assert svc.auto_sign_out(db, SETTINGS, now=next_day, tz=CST) == 1
    with pytest.raises(ValidationError, match=r"已于 .* 自动签离"):
        svc.sign_out(db, clerk, SETTINGS, early.id)
    assert len(audit_rows(db, "visitor.auto_sign_out")) == 2


def test_anonymise_after_retention(db: Database, clerk: Actor, admin: Actor) -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    old = _in(db, clerk, now=now - timedelta(days=181), car_plate="京A12345", notes="x")
    new = _in(db, clerk, now=now - timedelta(days=179))
    assert svc.anonymise_old(db, admin, retention_days=180, now=now) == 1
    assert svc.anonymise_old(db, admin, retention_days=180, now=now) == 0
    gone = svc.get_visit(db, admin, SETTINGS, old.id)
    assert gone.anonymised and gone.name == "" and gone.phone == "" and gone.car_plate == ""
    assert gone.notes == "" and gone.purpose == "enquiry" and gone.room == "物业办公室"
    assert gone.recorded_by == "C001" and gone.signed_in_at == old.signed_in_at
    assert svc.get_visit(db, admin, SETTINGS, new.id).name == "张三"
    assert svc.returning_visitor(db, "13800001234") is not None  # the newer one
    events = audit_rows(db, "visitor.anonymise")
    assert len(events) == 1 and '"count":1' in events[0].details
    with pytest.raises(ValidationError, match="至少为 1 天"):
        svc.anonymise_old(db, admin, retention_days=0)


def test_daily_jobs(db: Database, clerk: Actor) -> None:
    now = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    _in(db, clerk, now=now - timedelta(days=200))
    _in(db, clerk, now=now - timedelta(hours=3))
    result = svc.run_daily_jobs(db, SETTINGS, now=now, tz=CST)
    assert result == svc.DailyResult(signed_out=2, anonymised=1)
    assert svc.run_daily_jobs(db, SETTINGS, now=now, tz=CST) == svc.DailyResult(0, 0)


def test_export_csv_and_xlsx(db: Database, clerk: Actor, boss: Actor, tmp_path: Path) -> None:
    row = _in(db, clerk, name='=HYPERLINK("x")', room="@物业", now=T0, id_checked=True)
    svc.sign_out(db, clerk, SETTINGS, row.id, now=T0 + timedelta(minutes=5))
    _in(db, clerk, name="+李四", phone="+85261234567", now=T0 + timedelta(days=5))
    out = tmp_path / "v.csv"
    assert (
        svc.export_visitors(
            db, boss, start=date(2026, 11, 20), end=date(2026, 11, 20), out=out, tz=CST
        )
        == 1
    )
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == svc.EXPORT_COLUMNS
    assert rows[1] == [
        "2026-11-20 10:00:00",
        "2026-11-20 10:05:00",
        "否",
        '\'=HYPERLINK("x")',
        "13800001234",
        "'@物业",
        "咨询",
        "1",
        "是",
        "C001",
    ]
    xlsx = tmp_path / "v.xlsx"
    assert (
        svc.export_visitors(
            db, boss, start=date(2026, 11, 1), end=date(2026, 11, 30), out=xlsx, tz=CST
        )
        == 2
    )
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[2][3] == "'+李四" and values[2][4] == "'+85261234567"
    assert len(audit_rows(db, "export.visitors")) == 2


def test_export_refusals(db: Database, clerk: Actor, boss: Actor, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        svc.export_visitors(
            db, clerk, start=date(2026, 1, 1), end=date(2026, 1, 2), out=tmp_path / "a.csv"
        )
    with pytest.raises(ValidationError, match="晚于结束日期"):
        svc.export_visitors(
            db, boss, start=date(2026, 1, 3), end=date(2026, 1, 2), out=tmp_path / "a.csv"
        )
    with pytest.raises(ValidationError, match=r"\.csv 或 \.xlsx"):
        svc.export_visitors(
            db, boss, start=date(2026, 1, 1), end=date(2026, 1, 2), out=tmp_path / "a.txt"
        )
    assert not list(tmp_path.glob("a.*"))


def test_visit_contact_has_the_full_phone(db: Database, clerk: Actor, admin: Actor) -> None:
    make_household(db, "3-2-1201")
    row = _in(db, clerk, room="3-2-1201", purpose="repair", now=T0)
    contact = svc.visit_contact(db, clerk, row.id)
    assert (contact.name, contact.phone, contact.room, contact.room_known, contact.purpose) == (
        "张三",
        "13800001234",
        "3-2-1201",
        True,
        "repair",
    )
    svc.anonymise_old(db, admin, retention_days=1, now=T0 + timedelta(days=2))
    with pytest.raises(ValidationError, match="匿名化"):
        svc.visit_contact(db, clerk, row.id)
    with pytest.raises(ValidationError, match="找不到"):
        svc.visit_contact(db, clerk, 12345)
