"""Overdue-fee calls: the plan, every outcome and what follows, promises, letters, export."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from frontdesk.config import CallSettings, OfficeSettings
from frontdesk.domain.calls import STATUSES
from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services import calls as svc
from frontdesk.services.payments import Tender
from frontdesk.services.users import SYSTEM, Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEvent, Bill
from frontdesk.storage.models.calls import FeeCall, FeeCallAttempt
from tests.factories import bill_household, make_fee_item, make_household, make_staff
from tests.services.payment_fixtures import Counter, counter

__all__ = ["counter"]

CST = timezone(timedelta(hours=8))
WED_10 = datetime(2026, 12, 2, 10, 0, tzinfo=CST)  # a Wednesday, in the calling window
CALLS = CallSettings()
OFFICE = OfficeSettings()
OLD = ["2026-08", "2026-09", "2026-10"]  # due 15 Aug/Sep/Oct: 109 days behind on 2 Dec


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 12, day, hh, mm, tzinfo=CST)


class Estate:
    def __init__(self, db: Database, admin: Actor) -> None:
        self.db = db
        self.admin = admin
        self.boss = make_staff(db, "S001", "supervisor", "李主管")
        self.clerk = make_staff(db, "K001", "clerk", "王客服")
        make_fee_item(db, admin, "WYF", "物业管理费", "area_monthly", "2.50")
        # 224.00 a month each
        self.big = make_household(db, "1-1-101", "刘兵", "89.60", phones=("13800001234",))
        self.old = make_household(db, "1-1-102", "刘斌", "89.60", phones=("13900005678",))
        self.small = make_household(db, "1-1-103", "刘冰", "20.00")  # 50.00 a month
        self.recent = make_household(db, "1-1-104", "张伟", "89.60")
        self.paid = make_household(db, "1-1-105", "李娜", "89.60")
        bill_household(db, admin, self.big, [*OLD, "2026-11"])  # 896.00
        bill_household(db, admin, self.old, ["2026-05", "2026-06"])  # 448.00, older
        bill_household(db, admin, self.small, OLD)  # 150.00
        bill_household(db, admin, self.recent, ["2026-11"])  # 17 days only
        bill_household(db, admin, self.paid, OLD, status="paid")

    def plan(self, now: datetime = WED_10, calls: CallSettings = CALLS) -> svc.PlanResult:
        return svc.plan_calls(self.db, self.boss, calls=calls, office=OFFICE, now=now, tz=CST)

    def attempt(
        self, call_id: int, outcome: str, now: datetime = WED_10, **kw: object
    ) -> svc.CallRow:
        return svc.record_attempt(
            self.db,
            self.clerk,
            call_id,
            outcome,
            calls=CALLS,
            office=OFFICE,
            now=now,
            tz=CST,
            **kw,  # type: ignore[arg-type]
        )

    def call_of(self, household_id: int) -> svc.CallRow:
        rows = svc.call_queue(self.db, statuses=STATUSES)
        return [r for r in rows if r.household_id == household_id][-1]

    def pay_all(self, household_id: int) -> None:
        with self.db.begin() as s:
            s.execute(update(Bill).where(Bill.household_id == household_id).values(status="paid"))


@pytest.fixture
def estate(db: Database, admin: Actor) -> Estate:
    return Estate(db, admin)


def count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


# ---------------------------------------------------------------- the plan


def test_the_plan_picks_households_behind_enough_in_queue_order(estate: Estate) -> None:
    result = estate.plan()
    assert result.created == 3
    queue = svc.call_queue(estate.db)
    assert [r.room for r in queue] == ["1-1-101", "1-1-102", "1-1-103"]
    assert [r.amount_owed_fen for r in queue] == [89600, 44800, 15000]
    assert queue[0].owner == "刘兵" and queue[0].phone == "13800001234"
    assert queue[1].oldest_due == date(2026, 5, 15)
    # One slot every 5 minutes from now (10:00, in the window), in queue order.
    times = sorted(r.scheduled_at.astimezone(CST) for r in queue)
    assert times == [at(2, 10, 0), at(2, 10, 5), at(2, 10, 10)]


def test_running_the_plan_twice_does_not_duplicate_calls(estate: Estate) -> None:
    estate.plan()
    again = estate.plan()
    assert again.created == 0 and again.already_planned == 3
    assert count(estate.db, FeeCall) == 3


def test_the_plan_proposes_times_in_the_window_only(estate: Estate) -> None:
    estate.plan(now=at(4, 17, 45))  # Friday: 17:45, then Monday 09:10, 09:15
    times = sorted(r.scheduled_at.astimezone(CST) for r in svc.call_queue(estate.db))
    assert times == [at(4, 17, 45), at(7, 9, 10), at(7, 9, 15)]


def test_thresholds_come_from_the_settings(estate: Estate) -> None:
    result = estate.plan(calls=CallSettings(min_days_overdue=10, min_amount_yuan=200))
    assert result.created == 3  # 1-1-101, 1-1-102, 1-1-104 (224.00, 17 days); not 1-1-103
    rooms = {r.room for r in svc.call_queue(estate.db)}
    assert rooms == {"1-1-101", "1-1-102", "1-1-104"}


def test_only_a_supervisor_plans(estate: Estate) -> None:
    with pytest.raises(PermissionDenied):
        svc.plan_calls(estate.db, estate.clerk, calls=CALLS, office=OFFICE, now=WED_10, tz=CST)
    assert count(estate.db, FeeCall) == 0
    assert svc.plan_calls(estate.db, SYSTEM, calls=CALLS, office=OFFICE, now=WED_10).created == 3


def test_a_household_with_a_promise_not_yet_due_is_left_out(estate: Estate) -> None:
    estate.plan()
    call = estate.call_of(estate.big)
    estate.attempt(call.call_id, "promise", promised_on=date(2026, 12, 10), promised_amount="896")
    again = estate.plan(now=at(3, 10))
    assert again.created == 0 and again.left_out_promised == 1


def test_a_bad_window_setting_is_reported(estate: Estate) -> None:
    with pytest.raises(ValidationError, match="window_margin_minutes"):
        estate.plan(calls=CallSettings(window_margin_minutes=400))


# ---------------------------------------------------------------- attempts


def test_no_answer_is_retried_then_the_call_ends_unreachable(estate: Estate) -> None:
    estate.plan()
    call = estate.call_of(estate.big)
    first = estate.attempt(call.call_id, "no_answer", now=at(2, 10, 0))
    assert first.status == "open" and first.attempts == 1
    assert first.scheduled_at.astimezone(CST) == at(2, 15, 30)  # 4 h of window time, lunch off
    second = estate.attempt(call.call_id, "no_answer", now=at(2, 15, 30))
    assert second.status == "open"
    assert second.scheduled_at.astimezone(CST) == at(3, 10, 50)
    third = estate.attempt(call.call_id, "no_answer", now=at(3, 10, 50))
    assert third.status == "unreachable" and third.attempts == 3
    assert svc.letter_candidates(estate.db) == [estate.big]
    with pytest.raises(ValidationError, match="已结束"):
        estate.attempt(call.call_id, "no_answer", now=at(3, 14))
    # Not planned again while recent.
    assert estate.plan(now=at(4, 10)).left_out_recent == 1


def test_wrong_number_ends_the_call_and_asks_for_a_letter(estate: Estate) -> None:
    estate.plan()
    call = estate.call_of(estate.old)
    row = estate.attempt(call.call_id, "wrong_number", note="空号")
    assert row.status == "wrong_number"
    assert svc.letter_candidates(estate.db) == [estate.old]


def test_refused_goes_to_a_supervisor_who_closes_it(estate: Estate) -> None:
    estate.plan()
    call = estate.call_of(estate.big)
    row = estate.attempt(call.call_id, "refused", note="对维修不满")
    assert (row.status, row.escalation) == ("escalated", "refused")
    assert [r.call_id for r in svc.call_queue(estate.db, statuses=("escalated",))] == [call.call_id]
    with pytest.raises(PermissionDenied):
        svc.close_call(estate.db, estate.clerk, call.call_id, "已处理")
    with pytest.raises(ValidationError, match="处理情况"):
        svc.close_call(estate.db, estate.boss, call.call_id, "  ")
    closed = svc.close_call(estate.db, estate.boss, call.call_id, "主管上门沟通")
    assert closed.status == "closed"


def test_already_paid_is_checked_against_the_bills(estate: Estate) -> None:
    estate.plan()
    big, old = estate.call_of(estate.big), estate.call_of(estate.old)
    claimed = estate.attempt(big.call_id, "already_paid")
    assert (claimed.status, claimed.escalation) == ("escalated", "claimed_paid")
    estate.pay_all(estate.old)
    assert estate.attempt(old.call_id, "already_paid").status == "paid"


def test_a_promise_is_recorded_with_date_and_amount(estate: Estate) -> None:
    estate.plan()
    call = estate.call_of(estate.big)
    row = estate.attempt(
        call.call_id, "promise", promised_on=date(2026, 12, 4), promised_amount="¥896.00"
    )
    assert row.status == "promised"
    assert (row.promised_on, row.promised_amount_fen) == (date(2026, 12, 4), 89600)
    with estate.db.read() as s:
        actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-1] == "call.attempt"


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"promised_on": date(2026, 12, 1), "promised_amount": "100"}, "已经过去"),
        ({"promised_amount": "100"}, "承诺日期"),
        ({"promised_on": date(2026, 12, 4), "promised_amount": "0"}, "大于 0"),
        ({"promised_on": date(2026, 12, 4), "promised_amount": "abc"}, "承诺金额"),
        ({"promised_on": date(2026, 12, 4), "promised_amount": "-5"}, "承诺金额"),
    ],
)
def test_a_bad_promise_is_refused_and_nothing_changes(
    estate: Estate, kw: dict[str, object], message: str
) -> None:
    estate.plan()
    call = estate.call_of(estate.big)
    events = count(estate.db, AuditEvent)
    with pytest.raises(ValidationError, match=message):
        estate.attempt(call.call_id, "promise", **kw)
    assert count(estate.db, FeeCallAttempt) == 0
    assert count(estate.db, AuditEvent) == events
    assert estate.call_of(estate.big) == call


def test_a_call_outside_the_window_needs_a_reason_which_is_stored(estate: Estate) -> None:
    estate.plan()
    call = estate.call_of(estate.big)
    for moment in (at(2, 9, 5), at(2, 12, 30), at(2, 17, 55), at(5, 10)):
        with pytest.raises(ValidationError, match="原因"):
            estate.attempt(call.call_id, "no_answer", now=moment)
    assert count(estate.db, FeeCallAttempt) == 0
    estate.attempt(call.call_id, "no_answer", now=at(2, 12, 30), reason="业主约午休时间")
    with estate.db.read() as s:
        row = s.scalars(select(FeeCallAttempt)).one()
    assert row.outside_window and row.reason == "业主约午休时间" and row.staff_no == "K001"


def test_unknown_call_and_outcome_are_refused(estate: Estate) -> None:
    estate.plan()
    with pytest.raises(ValidationError, match="找不到"):
        estate.attempt(9999, "no_answer")
    call = estate.call_of(estate.big)
    with pytest.raises(ValidationError, match="未知"):
        estate.attempt(call.call_id, "hung_up")


# ---------------------------------------------------------------- promises


def test_a_broken_promise_creates_a_follow_up_the_day_after(estate: Estate) -> None:
    estate.plan()
    call = estate.call_of(estate.big)
    estate.attempt(call.call_id, "promise", promised_on=date(2026, 12, 4), promised_amount="896")

    def check(now: datetime) -> svc.PromiseCheck:
        return svc.check_promises(estate.db, calls=CALLS, office=OFFICE, now=now, tz=CST)

    assert check(at(4, 17)) == svc.PromiseCheck()  # the promised day itself: not yet
    result = check(at(5, 9))  # Saturday
    assert result.broken == 1 and len(result.follow_up_ids) == 1
    assert svc.get_call(estate.db, call.call_id).status == "broken"
    follow = svc.get_call(estate.db, result.follow_up_ids[0])
    assert follow.status == "open" and follow.follow_up_of_id == call.call_id
    assert follow.scheduled_at.astimezone(CST) == at(7, 9, 10)  # Monday, window opening
    assert follow.amount_owed_fen == 89600
    assert check(at(5, 10)) == svc.PromiseCheck()  # settled once


def test_a_promise_kept_by_paying_up_ends_the_call(estate: Estate) -> None:
    estate.plan()
    call = estate.call_of(estate.old)
    estate.attempt(call.call_id, "promise", promised_on=date(2026, 12, 3), promised_amount="448")
    estate.pay_all(estate.old)
    result = svc.check_promises(estate.db, calls=CALLS, office=OFFICE, now=at(4, 9), tz=CST)
    assert result.kept == 1 and result.broken == 0
    assert svc.get_call(estate.db, call.call_id).status == "paid"


def test_a_promise_kept_by_a_payment_at_the_counter(counter: Counter) -> None:
    # The counter fixture's household owes 2026-01 and 2026-02 (due 15 Jan / 15 Feb).
    db = counter.db
    promise_day = datetime(2026, 3, 2, 10, 0, tzinfo=CST)
    svc.plan_calls(
        db,
        counter.supervisor,
        calls=CallSettings(min_days_overdue=10),
        office=OFFICE,
        now=promise_day,
        tz=CST,
    )
    [call] = svc.call_queue(db)
    svc.record_attempt(
        db,
        counter.clerk,
        call.call_id,
        "promise",
        promised_on=date(2026, 3, 4),
        promised_amount="200",
        calls=CALLS,
        office=OFFICE,
        now=promise_day,
        tz=CST,
    )
    # January paid (234.00) at the counter; February still open.
    counter.pay([Tender("cash", 23400)], bills=counter.bills[:2])
    result = svc.check_promises(
        db, calls=CALLS, office=OFFICE, now=datetime(2026, 3, 6, 9, tzinfo=CST), tz=CST
    )
    assert (result.kept, result.broken) == (1, 0)


# ---------------------------------------------------------------- script, letters, export


def test_the_call_script_lists_each_overdue_bill_with_its_standard(estate: Estate) -> None:
    estate.plan()
    call = estate.call_of(estate.big)
    script = svc.call_script(estate.db, call.call_id, now=WED_10, tz=CST)
    assert [line.period for line in script.lines] == [*OLD, "2026-11"]
    assert script.lines[0].standard == "2.50 ¥/m²/月 × 89.60 m² = 224.00"
    assert script.total_fen == 89600
    assert script.phones == ("13800001234",)
    estate.attempt(call.call_id, "no_answer")
    again = svc.call_script(estate.db, call.call_id, now=WED_10, tz=CST)
    assert [h.outcome for h in again.history] == ["no_answer"]


def test_notices_itemise_the_arrears_and_skip_households_paid_up(estate: Estate) -> None:
    notices = svc.overdue_notices(
        estate.db, [estate.big, estate.paid, estate.big], on=WED_10.date()
    )
    assert [n.room for n in notices] == ["1-1-101"]
    assert notices[0].total_fen == 89600 and len(notices[0].lines) == 4


def test_export_calls_writes_the_columns(estate: Estate, tmp_path: Path) -> None:
    estate.plan()
    call = estate.call_of(estate.big)
    estate.attempt(call.call_id, "promise", promised_on=date(2026, 12, 4), promised_amount="300")
    out = tmp_path / "calls.csv"
    written = svc.export_calls(
        estate.db, estate.boss, start=date(2026, 12, 1), end=date(2026, 12, 2), out=out, tz=CST
    )
    assert written == 3
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(svc.CALL_COLUMNS)
    assert rows[1] == [
        "1-1-101",
        "刘兵",
        "896.00",
        "2026-12-02 10:00",
        "已承诺",
        "1",
        "承诺缴费",
        "2026-12-04",
        "300.00",
    ]
    assert (
        svc.export_calls(
            estate.db, estate.boss, start=date(2026, 12, 3), end=date(2026, 12, 3), out=out, tz=CST
        )
        == 0
    )
    with pytest.raises(ValidationError, match="晚于"):
        svc.export_calls(
            estate.db, estate.boss, start=date(2026, 12, 3), end=date(2026, 12, 1), out=out
        )
    with pytest.raises(PermissionDenied):
        svc.export_calls(
            estate.db, estate.clerk, start=date(2026, 12, 1), end=date(2026, 12, 1), out=out
        )


def test_export_calls_as_xlsx(estate: Estate, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    estate.plan()
    out = tmp_path / "calls.xlsx"
    svc.export_calls(
        estate.db, estate.boss, start=date(2026, 12, 2), end=date(2026, 12, 2), out=out, tz=CST
    )
    sheet = load_workbook(out).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == svc.CALL_COLUMNS
    assert float(values[1][2]) == 896.0
