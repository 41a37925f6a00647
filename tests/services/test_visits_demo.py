"""The demo's home visits: every status, same-day ones with their reason, real field receipts."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from frontdesk.config import CashierSettings
from frontdesk.domain.visits import STATUSES, fits_calendar
from frontdesk.domain.workcalendar import OfficeCalendar, from_local, to_local
from frontdesk.services import audit, demo, demo_visits
from frontdesk.services.users import SYSTEM, add_user
from frontdesk.services.visits import FIELD_DESK
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    Allocation,
    Bill,
    CashSession,
    HomeVisit,
    HomeVisitEvent,
    Payment,
    Staff,
)
from frontdesk.storage.models.calls import FeeCall

TODAY = date(2026, 12, 2)  # a Wednesday
NOON = from_local(datetime(2026, 12, 2, 12, 0))  # the demo's "now" for a day not today
FIRST, LAST = TODAY - timedelta(days=30), TODAY + timedelta(days=14)
LIVE = ("booked", "confirmed", "out")


def _accounts(db: Database) -> None:
    for account in demo.DEMO_ACCOUNTS:
        add_user(db, SYSTEM, account.staff_no, account.name, account.role, account.password)


def _estate(db: Database, households: int = 300, *, accounts: bool = True) -> None:
    if accounts:
        _accounts(db)
    demo.create_demo_estate(db, SYSTEM, households)
    demo.add_demo_billing(db, today=TODAY)


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _snapshot(db: Database) -> list[tuple[int, str, str, str, int, str]]:
    with db.read() as s:
        return [
            (
                v.household_id,
                v.scheduled_at.isoformat(),
                v.status,
                v.reason,
                v.expected_fen,
                v.receipt_no,
            )
            for v in s.scalars(select(HomeVisit).order_by(HomeVisit.id))
        ]


@pytest.fixture
def demo_db(db: Database) -> Database:
    _estate(db)
    started = time.perf_counter()
    summary = demo_visits.add_demo(db, today=TODAY, seed=1)
    assert time.perf_counter() - started < 10  # about 1 s; room for a busy machine
    assert summary.startswith("上门收费 ") and "当天预约" in summary
    return db


def test_every_status_in_the_past_month_and_the_next_two_weeks(demo_db: Database) -> None:
    with demo_db.read() as s:
        visits = list(s.scalars(select(HomeVisit)))
        staff = dict(s.execute(select(Staff.id, Staff.staff_no)).all())
        assert audit.verify(s).ok
    assert set(v.status for v in visits) == set(STATUSES)
    days = {to_local(v.scheduled_at).date() for v in visits}
    assert min(days) >= FIRST and max(days) <= LAST
    assert min(days) < TODAY - timedelta(days=20) and max(days) > TODAY + timedelta(days=7)
    calendar = OfficeCalendar()  # the office defaults: Mon–Fri 09:00–18:00, lunch 12:00–13:30
    for v in visits:
        start = to_local(v.scheduled_at).replace(tzinfo=None)
        assert v.booked_at < v.scheduled_at and v.booked_at <= NOON
        assert fits_calendar(calendar, start, v.duration_minutes), start
        if v.status in ("booked", "confirmed"):
            assert v.scheduled_at > NOON  # what is still to come
        if v.status in ("done", "not_home"):
            assert v.scheduled_at < NOON
    # Booked by the demo clerk, made by the demo cashier and supervisor; households once each.
    # (a visit rebooked at the door after "not home" is booked by whoever went).
    chains = [v for v in visits if v.rescheduled_from_id is None]
    assert {v.booked_by for v in chains} == {"D001"}
    assert {staff[v.staff_id] for v in visits} == {"D002", "D003"}
    assert len({v.household_id for v in chains}) == len(chains)
    # Each moved visit points back at one that ended rescheduled or not home.
    by_id = {v.id: v for v in visits}
    for v in visits:
        if v.rescheduled_from_id is not None:
            assert by_id[v.rescheduled_from_id].status in ("rescheduled", "not_home")
            assert by_id[v.rescheduled_from_id].household_id == v.household_id


def test_same_day_visits_have_their_reason(demo_db: Database) -> None:
    with demo_db.read() as s:
        visits = list(s.scalars(select(HomeVisit)))
    same_day = [v for v in visits if v.same_day]
    assert len(same_day) >= 3
    for v in same_day:
        assert v.same_day_reason.strip()
        assert to_local(v.booked_at).date() == to_local(v.scheduled_at).date()
    assert all(v.same_day_reason == "" for v in visits if not v.same_day)


def test_the_steps_before_leaving_were_recorded(demo_db: Database) -> None:
    with demo_db.read() as s:
        visits = list(s.scalars(select(HomeVisit)))
        kinds: dict[int, list[str]] = {}
        for visit_id, kind in s.execute(
            select(HomeVisitEvent.visit_id, HomeVisitEvent.kind).order_by(
                HomeVisitEvent.at, HomeVisitEvent.id
            )
        ):
            kinds.setdefault(visit_id, []).append(kind)
    for v in visits:
        if v.status in ("out", "done", "not_home"):
            steps = kinds[v.id]
            assert steps[:5] == ["booked", "confirmed", "departure_call", "checklist", "out"], steps
            assert v.departure_call in ("done", "no_answer") and v.out_at is not None
        if v.status == "confirmed":
            assert kinds[v.id] == ["booked", "confirmed"]
        if v.status == "cancelled":
            assert v.cancel_reason


def test_collected_visits_are_field_receipts_with_paid_bills(demo_db: Database) -> None:
    series = CashierSettings().field_series
    with demo_db.read() as s:
        done = list(s.scalars(select(HomeVisit).where(HomeVisit.status == "done")))
        assert len(done) >= 10
        numbers = []
        for v in done:
            assert v.payment_id is not None and v.collected_fen
            payment = s.get_one(Payment, v.payment_id)
            assert (payment.desk, payment.series, payment.receipt_no) == (
                FIELD_DESK,
                series,
                v.receipt_no,
            )
            assert payment.household_id == v.household_id and payment.total_fen == v.collected_fen
            assert v.receipt_no.startswith(f"{series}{TODAY.year}-")
            numbers.append(int(v.receipt_no.rsplit("-", 1)[1]))
            bills = s.scalars(select(Allocation.bill_id).where(Allocation.payment_id == payment.id))
            statuses = set(s.scalars(select(Bill.status).where(Bill.id.in_(list(bills)))))
            assert statuses == {"paid"}
        # Gap-free in the field series, in the order they were collected.
        assert sorted(numbers) == list(range(1, len(done) + 1))
        by_time = sorted(done, key=lambda v: v.outcome_at or v.scheduled_at)
        assert [v.receipt_no for v in by_time] == sorted(v.receipt_no for v in done)
        # The field cash was handed in at the end of each past day; today's is still out.
        sessions = list(s.scalars(select(CashSession).where(CashSession.desk == FIELD_DESK)))
    assert sessions and all(c.status == "closed" for c in sessions if c.business_date < TODAY)
    assert all(c.difference_fen == 0 for c in sessions if c.status == "closed")


def test_running_it_twice_adds_nothing(demo_db: Database) -> None:
    before = [_count(demo_db, m) for m in (HomeVisit, HomeVisitEvent, Payment, CashSession)]
    again = demo_visits.add_demo(demo_db, today=TODAY, seed=1)
    assert "未再生成" in again
    assert [_count(demo_db, m) for m in (HomeVisit, HomeVisitEvent, Payment, CashSession)] == before


def test_same_seed_same_visits(demo_db: Database, sqlite_db: Database) -> None:
    _estate(sqlite_db)
    demo_visits.add_demo(sqlite_db, today=TODAY, seed=1)
    assert _snapshot(sqlite_db) == _snapshot(demo_db)


def test_without_staff_who_can_collect_nothing_is_made(db: Database) -> None:
    _estate(db, 40, accounts=False)
    add_user(db, SYSTEM, "C001", "李娜", "clerk", "secret-pass")
    summary = demo_visits.add_demo(db, today=TODAY, seed=1)
    assert "没有可上门收费的员工" in summary
    assert _count(db, HomeVisit) == 0 and _count(db, Payment) == 0


def test_without_households_nothing_is_made(db: Database) -> None:
    _accounts(db)
    assert "没有欠费的住户" in demo_visits.add_demo(db, today=TODAY, seed=1)
    assert _count(db, HomeVisit) == 0


def test_registered_before_the_calls() -> None:
    modules = demo.DEMO_ACTIVITY_MODULES
    assert modules.index("frontdesk.services.demo_visits") < modules.index(
        "frontdesk.services.demo_calls"
    )


def test_ensure_demo_books_visits_and_leaves_them_out_of_the_call_plan(db: Database) -> None:
    demo.ensure_demo(db)
    with db.read() as s:
        statuses = set(s.scalars(select(HomeVisit.status)))
        live = set(s.scalars(select(HomeVisit.household_id).where(HomeVisit.status.in_(LIVE))))
        called = set(s.scalars(select(FeeCall.household_id)))
    assert statuses == set(STATUSES)
    assert live and called and not live & called
