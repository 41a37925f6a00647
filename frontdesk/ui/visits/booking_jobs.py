"""The visit-booking dialog's worker jobs, and the day's start times.

The jobs are plain functions taking the database first
(``ctx.tasks.submit(fn, ctx.db, ...)``); each one that writes is one user action.
``book`` books a visit and, when it was booked from an overdue-fee call, notes
the visit on the call in the same job (``book_visit`` only records the call on
the visit, as ``source_call_id``; the call's own ``visit_id`` is set by
``calls.link_visit``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from frontdesk.config import Config
from frontdesk.domain.workcalendar import OfficeCalendar
from frontdesk.services import calls
from frontdesk.services import visits as service
from frontdesk.services.billing import household_dues
from frontdesk.services.users import Actor
from frontdesk.services.visits import (
    BookingPreview,
    StaffChoice,
    VisitRequest,
    VisitRow,
)
from frontdesk.storage.database import Database

SLOT_MINUTES = 30
"""The time list offers a start every this many minutes inside the open periods."""


def office_calendar(config: Config) -> OfficeCalendar:
    """The office calendar from the settings (checked when they load), as the screens use it."""
    return OfficeCalendar.from_settings(config.office)


def time_slots(
    calendar: OfficeCalendar, day: date, minutes: int, step: int = SLOT_MINUTES
) -> list[time]:
    """Starts on the ``step`` grid of ``day``'s open periods where ``minutes`` still fit."""
    found = []
    length = timedelta(minutes=minutes)
    for start, end in calendar.periods(day):
        moment = start
        while moment + length <= end:
            found.append(moment.time())
            moment += timedelta(minutes=step)
    return found


def first_bookable_day(calendar: OfficeCalendar, today: date, min_days_ahead: int) -> date:
    """The first day a visit may be booked without a reason: far enough ahead, a working day."""
    return calendar.next_working_day(today + timedelta(days=min_days_ahead), include=True)


@dataclass(frozen=True)
class Household:
    """The household a visit is for, with what the dialog shows and proposes."""

    household_id: int
    room: str
    owners: str
    expected_fen: int


@dataclass(frozen=True)
class Prepared:
    """What the dialog loads when it opens: who can go, and the given household."""

    staff: list[StaffChoice]
    household: Household | None


def household(db: Database, household_id: int, on: date) -> Household:
    """The household's room, owners and dues as of ``on`` (the proposed expected amount)."""
    dues = household_dues(db, household_id, on=on)
    expected = service.default_expected_fen(db, household_id, on=on)
    return Household(household_id, dues.room, dues.owners, expected)


def prepare(db: Database, household_id: int | None, on: date) -> Prepared:
    """The active staff and, if one is given, the household (on the worker)."""
    found = household(db, household_id, on) if household_id is not None else None
    return Prepared(service.list_staff(db), found)


def preview(
    db: Database,
    config: Config,
    request: VisitRequest,
    now: datetime,
    exclude_visit_id: int | None,
) -> BookingPreview:
    return service.preview_booking(
        db,
        request,
        now=now,
        calendar=office_calendar(config),
        settings=config.visits,
        exclude_visit_id=exclude_visit_id,
    )


def book(
    db: Database,
    actor: Actor,
    config: Config,
    request: VisitRequest,
    now: datetime,
) -> VisitRow:
    """Book the visit; one booked from a call is then noted on that call.

    The call is looked up first, so a call that no longer exists refuses the
    booking instead of leaving a visit the call does not know of.

    Raises:
        ValidationError: the booking or the call refused (Chinese).
    """
    call_id = request.source_call_id
    if call_id is not None:
        calls.get_call(db, call_id)
    row = service.book_visit(
        db,
        actor,
        request,
        now=now,
        calendar=office_calendar(config),
        settings=config.visits,
        money=config.money,
    )
    if call_id is not None:
        calls.link_visit(db, actor, call_id, row.id)
    return row


def reschedule(
    db: Database,
    actor: Actor,
    config: Config,
    visit_id: int,
    new_time: datetime,
    reason: str,
    staff_id: int | None,
    same_day_reason: str,
    now: datetime,
) -> VisitRow:
    """Move the visit (the old one ends rescheduled); returns the new booking."""
    return service.reschedule_visit(
        db,
        actor,
        visit_id,
        new_time,
        reason,
        staff_id=staff_id,
        same_day_reason=same_day_reason,
        now=now,
        calendar=office_calendar(config),
        settings=config.visits,
        money=config.money,
    )
