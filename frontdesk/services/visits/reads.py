"""Reading visits: the agenda, tomorrow's to confirm, live households, history, staff, dues, float.

Functions taking a ``Session`` run inside the caller's session (overdue calls
and Today's work use them); those taking a ``Database`` open their own.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.config import MoneySettings, VisitSettings
from frontdesk.domain import visits as rules
from frontdesk.domain.float_plan import FloatPlan, plan_float
from frontdesk.domain.money import round_cash
from frontdesk.domain.workcalendar import OfficeCalendar
from frontdesk.services.billing import household_dues
from frontdesk.services.visits.records import (
    StaffChoice,
    VisitEventRow,
    VisitRow,
    day_bounds,
    get_row,
    to_rows,
)
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    HomeVisit,
    HomeVisitEvent,
    Staff,
)


def agenda(
    s: Session, start_day: date, days: int = 1, staff_id: int | None = None
) -> list[VisitRow]:
    """Every visit (any status) on ``days`` local days from ``start_day``, in time order."""
    low, high = day_bounds(start_day, days)
    query = select(HomeVisit).where(HomeVisit.scheduled_at >= low, HomeVisit.scheduled_at < high)
    if staff_id is not None:
        query = query.where(HomeVisit.staff_id == staff_id)
    visits = s.scalars(query.order_by(HomeVisit.scheduled_at, HomeVisit.id)).all()
    return to_rows(s, visits)


def day_agenda(s: Session, day: date, staff_id: int | None = None) -> list[VisitRow]:
    """The visits of local ``day`` (every status), for one person or everyone."""
    return agenda(s, day, 1, staff_id)


def to_confirm(
    s: Session,
    day: date,
    staff_id: int | None = None,
    *,
    calendar: OfficeCalendar | None = None,
) -> list[VisitRow]:
    """Visits on the next working day after ``day`` still ``booked``: phone to confirm them."""
    calendar = calendar or OfficeCalendar()
    target = calendar.next_working_day(day)
    return [row for row in day_agenda(s, target, staff_id) if row.status == "booked"]


def open_visit_household_ids(s: Session, *, now: datetime | None = None) -> set[int]:
    """Households with a visit booked, confirmed or out whose time has not passed (or is out)."""
    now = now or utcnow()
    live = HomeVisit.status.in_(("booked", "confirmed"))
    ids = s.scalars(
        select(HomeVisit.household_id).where(
            (live & (HomeVisit.scheduled_at >= now - timedelta(hours=12)))
            | (HomeVisit.status == "out")
        )
    ).all()
    return set(ids)


def get_visit(db: Database, visit_id: int) -> VisitRow:
    """One visit. Raises ValidationError if there is none with this id."""
    with db.read() as s:
        return to_rows(s, [get_row(s, visit_id)])[0]


def visit_history(db: Database, visit_id: int) -> list[VisitEventRow]:
    """The steps of a visit, oldest first, following reschedules back to the first booking."""
    with db.read() as s:
        chain: list[int] = []
        current: int | None = visit_id
        while current is not None and current not in chain:
            chain.append(current)
            current = s.scalar(select(HomeVisit.rescheduled_from_id).where(HomeVisit.id == current))
        events = s.scalars(
            select(HomeVisitEvent)
            .where(HomeVisitEvent.visit_id.in_(chain))
            .order_by(HomeVisitEvent.at, HomeVisitEvent.id)
        ).all()
        return [
            VisitEventRow(e.at, e.by_staff_no, e.kind, e.from_status, e.to_status, e.detail)
            for e in events
        ]


def list_staff(db: Database) -> list[StaffChoice]:
    """Active staff members, by staff number: anyone may be sent on a visit."""
    with db.read() as s:
        return [
            StaffChoice(r.id, r.staff_no, r.name)
            for r in s.execute(
                select(Staff.id, Staff.staff_no, Staff.name)
                .where(Staff.active.is_(True))
                .order_by(Staff.staff_no)
            )
        ]


def default_expected_fen(db: Database, household_id: int, *, on: date) -> int:
    """The household's dues as of ``on``: open bills plus late fees (the expected amount)."""
    dues = household_dues(db, household_id, on=on)
    return dues.arrears_fen + dues.late_fees_fen


def float_plan_for(
    db: Database,
    staff_id: int,
    day: date,
    *,
    settings: VisitSettings | None = None,
    money: MoneySettings | None = None,
) -> FloatPlan:
    """The change float for a person's live visits of local ``day`` (expected amounts)."""
    settings = settings or VisitSettings()
    money = money or MoneySettings()
    with db.read() as s:
        rows = [r for r in day_agenda(s, day, staff_id) if r.status in rules.LIVE_STATUSES]
    return plan_float(
        [round_cash(r.expected_fen, money.cash_unit_fen) for r in rows if r.expected_fen > 0],
        round_to_fen=settings.float_round_to_yuan * 100,
    )
