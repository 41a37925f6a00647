"""Home collection visits: booking rules, clashes, the lifecycle, outcomes and the field payment."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from frontdesk.config import CashierSettings, VisitSettings
from frontdesk.domain.workcalendar import from_local, to_local
from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services import visits
from frontdesk.services.users import Actor
from frontdesk.services.visits import FIELD_DESK, VisitRequest
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    AuditEvent,
    Bill,
    CashSession,
    HomeVisit,
    HomeVisitEvent,
    Payment,
)
from tests.factories import bill_household, make_fee_item, make_household, make_staff

# Wednesday 2026-03-04 10:00 local: tomorrow is Thursday, a working day.
NOW = from_local(datetime(2026, 3, 4, 10, 0))
TOMORROW = date(2026, 3, 5)
CASHIER = CashierSettings()


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return from_local(datetime.combine(day, datetime.min.time()).replace(hour=hh, minute=mm))


class Field:
    def __init__(self, db: Database, admin: Actor) -> None:
        self.db = db
        self.clerk = make_staff(db, "C01", "clerk", "李娜")
        self.cashier = make_staff(db, "K01", "cashier", "王芳")
        self.goer = make_staff(db, "F01", "clerk", "赵强")
        self.supervisor = make_staff(db, "S01", "supervisor", "张主管")
        make_fee_item(db, admin)
        self.household = make_household(db)
        self.bills = bill_household(db, admin, self.household, ["2026-01", "2026-02"])

    def request(self, when: datetime, **kw: object) -> VisitRequest:
        base = VisitRequest(
            household_id=self.household,
            staff_id=self.goer.staff_id,
            scheduled_at=when,
            expected_amount_fen=44800,
            reason="owner_asked",
        )
        return replace(base, **kw)  # type: ignore[arg-type]

    def book(self, when: datetime, **kw: object) -> visits.VisitRow:
        return visits.book_visit(self.db, self.clerk, self.request(when, **kw), now=NOW)

    def ready(self, when: datetime) -> visits.VisitRow:
        """Booked, confirmed, called and ticked: ready to go out."""
        row = self.book(when)
        visits.confirm_visit(self.db, self.clerk, row.id, now=NOW)
        visits.record_departure_call(self.db, self.goer, row.id, "done", now=when)
        visits.set_checklist(
            self.db,
            self.goer,
            row.id,
            ["staff_id", "change", "detector", "receipts", "shoe_covers"],
        )
        return visits.set_out(self.db, self.goer, row.id, now=when)


@pytest.fixture
def field(db: Database, admin: Actor) -> Field:
    return Field(db, admin)


def count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


# ---------------------------------------------------------------- booking


def test_book_a_visit_a_day_ahead(field: Field) -> None:
    row = field.book(at(TOMORROW, 10))
    assert row.status == "booked" and not row.same_day
    assert row.room == "3-2-1201" and row.owner == "刘兵" and row.staff_name == "赵强"
    assert row.expected_fen == 44800 and to_local(row.scheduled_at) == datetime(2026, 3, 5, 10, 0)
    history = visits.visit_history(field.db, row.id)
    assert [e.kind for e in history] == ["booked"] and history[0].by_staff_no == "C01"
    with field.db.read() as s:
        assert s.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc())) == "visit.book"


def test_default_expected_amount_is_the_dues(field: Field) -> None:
    assert visits.default_expected_fen(field.db, field.household, on=TOMORROW) == 2 * 22400


def test_same_day_needs_a_reason_and_is_marked(field: Field) -> None:
    with pytest.raises(ValidationError, match="当天"):
        field.book(at(date(2026, 3, 4), 15))
    assert count(field.db, HomeVisit) == 0
    row = field.book(at(date(2026, 3, 4), 15), same_day_reason="业主明天出差")
    assert row.same_day and row.same_day_reason == "业主明天出差"


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (at(date(2026, 3, 4), 9), "已过"),  # in the past
        (at(date(2026, 3, 7), 10), "办公时间"),  # Saturday
        (at(TOMORROW, 12, 15), "办公时间"),  # lunch break
        (at(TOMORROW, 11, 45), "办公时间"),  # runs into lunch
        (at(TOMORROW, 17, 45), "办公时间"),  # runs past closing
        (at(TOMORROW, 8, 0), "办公时间"),
    ],
)
def test_bad_times_are_refused(field: Field, when: datetime, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        field.book(when, same_day_reason="急")
    assert count(field.db, HomeVisit) == 0


def test_bad_input_is_refused_and_nothing_changes(field: Field) -> None:
    when = at(TOMORROW, 10)
    for kw, message in [
        ({"staff_id": None}, "请选择上门的员工"),
        ({"staff_id": 9999}, "不存在或已停用"),
        ({"household_id": 9999}, "找不到"),
        ({"expected_amount_fen": -1}, "金额"),
        ({"reason": "gossip"}, "上门原因"),
        ({"note": "x" * 501}, "备注"),
    ]:
        with pytest.raises(ValidationError, match=message):
            field.book(when, **kw)
    assert count(field.db, HomeVisit) == 0 and count(field.db, HomeVisitEvent) == 0


def test_clash_with_travel_buffer(field: Field) -> None:
    first = field.book(at(TOMORROW, 10))
    # 10:00–10:30 plus 20 minutes travel: 10:45 clashes, 10:50 is free.
    preview = visits.preview_booking(field.db, field.request(at(TOMORROW, 10, 45)), now=NOW)
    assert [c.id for c in preview.clashes] == [first.id] and "冲突" in preview.problem
    with pytest.raises(ValidationError, match="冲突"):
        field.book(at(TOMORROW, 10, 45))
    with pytest.raises(ValidationError, match="冲突"):
        field.book(at(TOMORROW, 9, 15))
    ok = visits.preview_booking(field.db, field.request(at(TOMORROW, 10, 50)), now=NOW)
    assert ok.clashes == () and ok.problem == ""
    field.book(at(TOMORROW, 10, 50))
    # Another person may go at the same time.
    field.book(at(TOMORROW, 10), staff_id=field.cashier.staff_id)
    # A cancelled visit no longer takes the slot.
    visits.cancel_visit(field.db, field.clerk, first.id, "业主已到前台缴费", now=NOW)
    field.book(at(TOMORROW, 10, 0))


def test_buffer_is_a_setting(field: Field) -> None:
    field.book(at(TOMORROW, 10))
    settings = VisitSettings(travel_buffer_minutes=0)
    visits.book_visit(
        field.db, field.clerk, field.request(at(TOMORROW, 10, 30)), now=NOW, settings=settings
    )


# ---------------------------------------------------------------- agenda and the day before


def test_agenda_and_to_confirm(field: Field) -> None:
    a = field.book(at(TOMORROW, 14))
    b = field.book(at(TOMORROW, 9, 30), staff_id=field.cashier.staff_id)
    c = field.book(at(date(2026, 3, 9), 10))  # Monday
    with field.db.read() as s:
        assert [r.id for r in visits.day_agenda(s, TOMORROW)] == [b.id, a.id]
        assert [r.id for r in visits.day_agenda(s, TOMORROW, field.goer.staff_id)] == [a.id]
        assert [r.id for r in visits.agenda(s, date(2026, 3, 3), 7)] == [b.id, a.id, c.id]
        assert [r.id for r in visits.to_confirm(s, date(2026, 3, 4))] == [b.id, a.id]
        # From Friday the next working day is Monday.
        assert [r.id for r in visits.to_confirm(s, date(2026, 3, 6))] == [c.id]
        assert visits.open_visit_household_ids(s, now=NOW) == {field.household}
    visits.confirm_visit(field.db, field.clerk, a.id, now=NOW)
    with field.db.read() as s:
        assert [r.id for r in visits.to_confirm(s, date(2026, 3, 4))] == [b.id]


# ---------------------------------------------------------------- before leaving


def test_out_needs_the_call_and_the_checklist(field: Field) -> None:
    row = field.book(at(TOMORROW, 10))
    with pytest.raises(ValidationError, match="已确认"):
        visits.set_out(field.db, field.goer, row.id, now=NOW)
    visits.confirm_visit(field.db, field.clerk, row.id, now=NOW)
    with pytest.raises(ValidationError, match="电话"):
        visits.set_out(field.db, field.goer, row.id, now=NOW)
    with pytest.raises(ValidationError, match="已通话"):
        visits.record_departure_call(field.db, field.goer, row.id, "maybe", now=NOW)
    visits.record_departure_call(field.db, field.goer, row.id, "no_answer", now=NOW)
    visits.set_checklist(field.db, field.goer, row.id, ["staff_id", "receipts"])
    with pytest.raises(ValidationError, match="验钞器"):
        visits.set_out(field.db, field.goer, row.id, now=NOW)
    with pytest.raises(ValidationError, match="清单中没有"):
        visits.set_checklist(field.db, field.goer, row.id, ["umbrella"])
    got = visits.set_checklist(
        field.db, field.goer, row.id, ["shoe_covers", "staff_id", "change", "detector", "receipts"]
    )
    assert got.checklist == ("staff_id", "change", "detector", "receipts", "shoe_covers")
    out = visits.set_out(field.db, field.goer, row.id, now=NOW)
    assert out.status == "out" and out.departure_call == "no_answer"


# ---------------------------------------------------------------- outcomes


def test_collected_becomes_a_field_payment(field: Field) -> None:
    row = field.ready(at(TOMORROW, 10))
    when = at(TOMORROW, 10, 20)
    outcome = visits.record_collected(
        field.db, field.cashier, row.id, cashier=CASHIER, estate_name="示例花园", now=when
    )
    year = TOMORROW.year
    assert outcome.receipt_no == f"F{year}-000001"
    assert outcome.visit.status == "done" and outcome.visit.collected_fen == 44800
    with field.db.read() as s:
        payment = s.get_one(Payment, outcome.payment_id)
        assert (payment.desk, payment.series, payment.total_fen) == (FIELD_DESK, "F", 44800)
        assert set(s.scalars(select(Bill.status).where(Bill.id.in_(field.bills)))) == {"paid"}
        session = s.get_one(CashSession, payment.cash_session_id)
        assert session.desk == FIELD_DESK  # not a counter's drawer
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
        # The field session opened itself with no float, audited like a counter's opening.
        assert actions[-3:] == ["cash.open", "payment.collect", "visit.done"]
        opened = s.scalars(select(AuditEvent).where(AuditEvent.action == "cash.open")).one()
        assert opened.entity_id == str(session.id) and json.loads(opened.details)["float_fen"] == 0
    # The receipt can be fetched (and reprinted / made a PDF) like any other.
    from frontdesk.services.payments import get_receipt

    assert get_receipt(field.db, outcome.receipt_no).desk == FIELD_DESK
    # Any further outcome is refused.
    with pytest.raises(ValidationError, match="已收费"):
        visits.cancel_visit(field.db, field.clerk, row.id, "x", now=when)


def test_field_receipts_number_on_in_their_series(field: Field, admin: Actor) -> None:
    first = field.ready(at(TOMORROW, 10))
    visits.record_collected(
        field.db, field.cashier, first.id, cashier=CASHIER, estate_name="E", now=at(TOMORROW, 10)
    )
    other = make_household(field.db, "1-1-101", "王静", phones=("13900001111",))
    bill_household(field.db, admin, other, "2026-01")
    second = field.ready(at(TOMORROW, 14))
    with field.db.begin() as s:  # the second visit is for the other household
        s.get_one(HomeVisit, second.id).household_id = other
    done = visits.record_collected(
        field.db,
        field.cashier,
        second.id,
        cashier=CASHIER,
        estate_name="E",
        method="wechat",
        now=at(TOMORROW, 14, 10),
    )
    assert done.receipt_no.endswith("-000002") and done.receipt_no.startswith("F")


def test_collected_needs_a_cashier_and_bills(field: Field) -> None:
    row = field.ready(at(TOMORROW, 10))
    with pytest.raises(PermissionDenied):
        visits.record_collected(field.db, field.goer, row.id, cashier=CASHIER, estate_name="E")
    with pytest.raises(ValidationError, match="收款方式"):
        visits.record_collected(
            field.db, field.cashier, row.id, cashier=CASHIER, estate_name="E", method="gold"
        )
    assert count(field.db, Payment) == 0


def test_outcome_on_a_cancelled_visit_is_refused(field: Field) -> None:
    row = field.book(at(TOMORROW, 10))
    with pytest.raises(ValidationError, match="原因"):
        visits.cancel_visit(field.db, field.clerk, row.id, "  ", now=NOW)
    visits.cancel_visit(field.db, field.clerk, row.id, "业主已转账", now=NOW)
    events = count(field.db, HomeVisitEvent)
    for action in (
        lambda: visits.record_collected(
            field.db, field.cashier, row.id, cashier=CASHIER, estate_name="E", now=NOW
        ),
        lambda: visits.record_not_home(field.db, field.goer, row.id, now=NOW),
        lambda: visits.confirm_visit(field.db, field.clerk, row.id, now=NOW),
        lambda: visits.reschedule_visit(
            field.db, field.clerk, row.id, at(date(2026, 3, 9), 10), "改", now=NOW
        ),
        lambda: visits.cancel_visit(field.db, field.clerk, row.id, "再取消", now=NOW),
    ):
        with pytest.raises(ValidationError, match="已取消"):
            action()
    assert count(field.db, HomeVisitEvent) == events and count(field.db, Payment) == 0


def test_reschedule_keeps_history(field: Field) -> None:
    row = field.book(at(TOMORROW, 10))
    new = visits.reschedule_visit(
        field.db, field.clerk, row.id, at(date(2026, 3, 6), 15), "业主临时加班", now=NOW
    )
    assert new.id != row.id and new.rescheduled_from_id == row.id and new.status == "booked"
    assert visits.get_visit(field.db, row.id).status == "rescheduled"
    history = visits.visit_history(field.db, new.id)
    assert [e.kind for e in history] == ["booked", "rescheduled", "booked"]
    assert "2026-03-05 10:00 → 2026-03-06 15:00" in history[1].detail
    assert "业主临时加班" in history[1].detail and history[1].by_staff_no == "C01"
    with pytest.raises(ValidationError, match="原因"):
        visits.reschedule_visit(field.db, field.clerk, new.id, at(date(2026, 3, 9), 10), "")


def test_not_home_offers_the_next_free_slot(field: Field) -> None:
    row = field.ready(at(TOMORROW, 10))
    field.book(at(date(2026, 3, 6), 9))  # Friday 09:00 taken
    when = at(TOMORROW, 10, 15)
    outcome = visits.record_not_home(field.db, field.goer, row.id, note="敲门无人", now=when)
    assert outcome.visit.status == "not_home" and outcome.next_visit is None
    # The next day from now, 09:00 is taken (plus buffer): 10:00 is the first free half hour.
    assert outcome.offered_slot is not None
    assert to_local(outcome.offered_slot) == datetime(2026, 3, 6, 10, 0)


def test_not_home_can_rebook_at_once(field: Field) -> None:
    row = field.ready(at(TOMORROW, 10))
    when = at(TOMORROW, 10, 15)
    slot = visits.next_slot(field.db, row.id, now=when)
    assert slot is not None
    outcome = visits.record_not_home(field.db, field.goer, row.id, rebook_at=slot, now=when)
    assert outcome.next_visit is not None and outcome.next_visit.rescheduled_from_id == row.id
    assert outcome.visit.status == "not_home"


# ---------------------------------------------------------------- float and export


def test_float_plan_for_a_day(field: Field) -> None:
    field.book(at(TOMORROW, 10), expected_amount_fen=23650)
    field.book(at(TOMORROW, 14), expected_amount_fen=44800)
    plan = visits.float_plan_for(field.db, field.goer.staff_id or 0, TOMORROW)
    assert [line.change_fen for line in plan.lines] == [6350, 5200]
    assert plan.total_fen == 11550 == sum(d.value_fen * n for d, n in plan.pieces)
    plan50 = visits.float_plan_for(
        field.db, field.goer.staff_id or 0, TOMORROW, settings=VisitSettings(float_round_to_yuan=50)
    )
    assert plan50.total_fen == 1350 + 200


def test_export_visits(field: Field, tmp_path: Path) -> None:
    row = field.ready(at(TOMORROW, 10))
    visits.record_collected(
        field.db, field.cashier, row.id, cashier=CASHIER, estate_name="E", now=at(TOMORROW, 10)
    )
    field.book(at(TOMORROW, 14), same_day_reason="")
    out = tmp_path / "visits.csv"
    with pytest.raises(PermissionDenied):
        visits.export_visits(field.db, field.clerk, start=TOMORROW, end=TOMORROW, out=out)
    n = visits.export_visits(field.db, field.supervisor, start=TOMORROW, end=TOMORROW, out=out)
    assert n == 2
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert tuple(rows[0]) == visits.VISIT_COLUMNS
    assert rows[1][0] == "3-2-1201" and rows[1][5] == "已收费" and rows[1][8] == "448.00"
    assert rows[1][9].startswith("F") and rows[2][8] == "" and rows[2][9] == ""
    with pytest.raises(ValidationError, match="晚于"):
        visits.export_visits(
            field.db, field.supervisor, start=TOMORROW, end=TOMORROW - timedelta(days=1), out=out
        )
    with pytest.raises(ValidationError, match=r"\.csv"):
        visits.export_visits(
            field.db, field.supervisor, start=TOMORROW, end=TOMORROW, out=tmp_path / "x.txt"
        )
