"""Home visits and the overdue calls: a live visit keeps the household off the call plan.

And Today's work lists the visits: tomorrow's to confirm, today's to make.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from frontdesk.config import CallSettings, OfficeSettings
from frontdesk.domain.workcalendar import from_local
from frontdesk.services import calls, today, visits
from frontdesk.services.users import Actor
from frontdesk.services.visits import VisitRequest
from frontdesk.storage.database import Database
from frontdesk.storage.models.calls import FeeCall
from tests.factories import bill_household, make_fee_item, make_household, make_staff

CALLS = CallSettings()
OFFICE = OfficeSettings()
OLD = ["2026-08", "2026-09", "2026-10"]  # due the 15th: 48+ days behind on 2 Dec, ¥672.00
TODAY = date(2026, 12, 2)  # a Wednesday
TOMORROW = date(2026, 12, 3)


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return from_local(datetime(day.year, day.month, day.day, hh, mm))


NOW = at(TODAY, 10)


class Office:
    """Four households behind on their fees, the staff, and a way to book visits."""

    def __init__(self, db: Database, admin: Actor) -> None:
        self.db = db
        self.boss = make_staff(db, "S001", "supervisor", "李主管")
        self.clerk = make_staff(db, "C001", "clerk", "王客服")
        self.goer = make_staff(db, "F001", "cashier", "赵强")
        make_fee_item(db, admin)
        self.rooms = {"1-1-101": "刘兵", "1-1-102": "刘斌", "1-1-103": "王静", "1-1-104": "张伟"}
        self.ids = {
            room: make_household(db, room, owner, phones=(f"1380000{n:04d}",))
            for n, (room, owner) in enumerate(self.rooms.items())
        }
        for household in self.ids.values():
            bill_household(db, admin, household, OLD)

    def book(self, room: str, when: datetime, **kw: Any) -> visits.VisitRow:
        request = VisitRequest(
            household_id=self.ids[room],
            staff_id=self.goer.staff_id,
            scheduled_at=when,
            expected_amount_fen=67200,
            reason="overdue",
            **kw,
        )
        return visits.book_visit(self.db, self.clerk, request, now=NOW)

    def plan(self, now: datetime = NOW) -> calls.PlanResult:
        return calls.plan_calls(self.db, self.boss, calls=CALLS, office=OFFICE, now=now)

    def called(self) -> set[str]:
        with self.db.read() as s:
            households = set(s.scalars(select(FeeCall.household_id)))
        return {room for room, hid in self.ids.items() if hid in households}

    def work(self, now: datetime) -> today.TodaysWork:
        return today.todays_work(self.db, self.clerk, calls=CALLS, office=OFFICE, now=now)


@pytest.fixture
def office(db: Database, admin: Actor) -> Office:
    return Office(db, admin)


def test_a_booked_visit_keeps_the_household_off_the_call_plan(office: Office) -> None:
    office.book("1-1-101", at(TOMORROW, 10))
    office.book("1-1-102", at(TODAY, 15), same_day_reason="业主今天下午在家")
    cancelled = office.book("1-1-103", at(TOMORROW, 14))
    visits.cancel_visit(office.db, office.clerk, cancelled.id, "业主改为到前台缴费", now=NOW)
    result = office.plan()
    assert result.left_out_visit == 2
    assert result.created == 2 and len(result.call_ids) == 2
    # The cancelled visit does not count: that household is called like one with no visit.
    assert office.called() == {"1-1-103", "1-1-104"}
    # Planning again adds nothing, and still leaves the two visits out.
    again = office.plan()
    assert (again.created, again.left_out_visit) == (0, 2)
    assert office.called() == {"1-1-103", "1-1-104"}


def test_confirmed_and_out_visits_count_too(office: Office) -> None:
    confirmed = office.book("1-1-101", at(TOMORROW, 10))
    visits.confirm_visit(office.db, office.clerk, confirmed.id, now=NOW)
    out = office.book("1-1-102", at(TODAY, 11), same_day_reason="业主上午在家")
    visits.confirm_visit(office.db, office.clerk, out.id, now=NOW)
    visits.record_departure_call(office.db, office.goer, out.id, "done", now=NOW)
    visits.set_checklist(
        office.db,
        office.goer,
        out.id,
        ["staff_id", "change", "detector", "receipts", "shoe_covers"],
    )
    visits.set_out(office.db, office.goer, out.id, now=at(TODAY, 10, 40))
    # Even long after its time, a visit that is out keeps the household off the plan.
    result = office.plan(now=at(TODAY, 16))
    assert result.left_out_visit == 2
    assert office.called() == {"1-1-103", "1-1-104"}


def test_after_not_home_the_household_is_called_again(office: Office) -> None:
    row = office.book("1-1-101", at(TOMORROW, 10))
    visits.confirm_visit(office.db, office.clerk, row.id, now=NOW)
    visits.record_departure_call(office.db, office.goer, row.id, "no_answer", now=NOW)
    visits.set_checklist(
        office.db,
        office.goer,
        row.id,
        ["staff_id", "change", "detector", "receipts", "shoe_covers"],
    )
    visits.set_out(office.db, office.goer, row.id, now=at(TOMORROW, 9, 40))
    assert office.plan(now=at(TOMORROW, 10, 10)).left_out_visit == 1
    visits.record_not_home(office.db, office.goer, row.id, now=at(TOMORROW, 10, 20))
    result = office.plan(now=at(TOMORROW, 10, 30))
    assert (result.created, result.left_out_visit) == (1, 0)
    assert "1-1-101" in office.called()


def test_todays_work_lists_visits_to_confirm_and_visits_today(office: Office) -> None:
    office.book("1-1-101", at(TOMORROW, 10))
    office.book("1-1-102", at(TODAY, 15), same_day_reason="业主今天下午在家")
    confirmed = office.book("1-1-104", at(TOMORROW, 15))
    visits.confirm_visit(office.db, office.clerk, confirmed.id, now=NOW)
    work = office.work(NOW)
    # Tomorrow's booked visit is to be confirmed by phone; the confirmed one is not.
    assert work.item("visits_to_confirm") == today.WorkItem("visits_to_confirm", 1, ("1-1-101",))
    assert work.item("visits_today") == today.WorkItem("visits_today", 1, ("1-1-102",))
    assert work.item("visits_to_confirm").screen == "visits"  # type: ignore[union-attr]
    # The next morning both of tomorrow's visits are today's, and nothing is left to confirm.
    morning = office.work(at(TOMORROW, 8))
    assert morning.item("visits_to_confirm") == today.WorkItem("visits_to_confirm", 0, ())
    assert morning.item("visits_today") == today.WorkItem("visits_today", 2, ("1-1-101", "1-1-104"))


def test_todays_work_on_a_friday_confirms_mondays_visits(office: Office) -> None:
    monday = date(2026, 12, 7)
    office.book("1-1-103", at(monday, 9))
    friday = office.work(at(date(2026, 12, 4), 9))
    assert friday.item("visits_to_confirm") == today.WorkItem("visits_to_confirm", 1, ("1-1-103",))
    assert friday.item("visits_today") == today.WorkItem("visits_today", 0, ())


def test_todays_work_leaves_out_visits_already_ended(office: Office) -> None:
    cancelled = office.book("1-1-101", at(TOMORROW, 10))
    visits.cancel_visit(office.db, office.clerk, cancelled.id, "业主已转账", now=NOW)
    office.book("1-1-102", at(TOMORROW, 14))
    morning = office.work(at(TOMORROW, 8))
    assert morning.item("visits_today") == today.WorkItem("visits_today", 1, ("1-1-102",))


def test_a_call_follows_its_visit_when_the_visit_is_rescheduled(office: Office) -> None:
    office.plan()
    with office.db.read() as s:
        call_id = s.scalars(
            select(FeeCall.id).where(FeeCall.household_id == office.ids["1-1-101"])
        ).one()
    visit = office.book("1-1-101", at(TOMORROW, 10), source_call_id=call_id)
    calls.link_visit(office.db, office.clerk, call_id, visit.id)
    moved = visits.reschedule_visit(
        office.db, office.clerk, visit.id, at(TOMORROW, 15), "业主下午才在家", now=NOW
    )
    assert moved.source_call_id == call_id
    assert calls.get_call(office.db, call_id).visit_id == moved.id
    # The owner is not home at the new time and the next slot is booked: the call follows again.
    visits.confirm_visit(office.db, office.clerk, moved.id, now=NOW)
    visits.record_departure_call(office.db, office.goer, moved.id, "done", now=at(TOMORROW, 14))
    visits.set_checklist(
        office.db,
        office.goer,
        moved.id,
        ["staff_id", "change", "detector", "receipts", "shoe_covers"],
    )
    visits.set_out(office.db, office.goer, moved.id, now=at(TOMORROW, 14, 30))
    slot = visits.next_slot(office.db, moved.id, now=at(TOMORROW, 15, 20))
    assert slot is not None
    outcome = visits.record_not_home(
        office.db, office.goer, moved.id, rebook_at=slot, now=at(TOMORROW, 15, 20)
    )
    assert outcome.next_visit is not None
    assert calls.get_call(office.db, call_id).visit_id == outcome.next_visit.id
