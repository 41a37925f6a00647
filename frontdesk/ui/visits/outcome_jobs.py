"""The visit-outcome dialog's work on the database worker: loading and each outcome.

Plain functions taking the database first (``ctx.tasks.submit(fn, ctx.db, ...)``);
each outcome is one service call, i.e. one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from frontdesk.config import Config
from frontdesk.domain.workcalendar import OfficeCalendar
from frontdesk.services import visits as service
from frontdesk.services.billing import DueLine, household_dues
from frontdesk.services.users import Actor
from frontdesk.services.visits import Outcome, VisitRow
from frontdesk.storage.database import Database


@dataclass(frozen=True)
class Prepared:
    """What the dialog loads on opening: the open bills (if out) and the next free slot."""

    lines: tuple[DueLine, ...]
    next_slot: datetime | None


def _calendar(config: Config) -> OfficeCalendar:
    return OfficeCalendar.from_settings(config.office)  # checked when the settings load


def prepare(db: Database, config: Config, visit: VisitRow, today: date) -> Prepared:
    """The household's open bills (for a visit that is out) and the visit's next free slot."""
    lines: tuple[DueLine, ...] = ()
    if visit.status == "out":
        lines = tuple(household_dues(db, visit.household_id, on=today).lines)
    slot = service.next_slot(db, visit.id, calendar=_calendar(config), settings=config.visits)
    return Prepared(lines, slot)


def collect(
    db: Database,
    actor: Actor,
    config: Config,
    visit_id: int,
    method: str,
    reference: str,
    bill_ids: tuple[int, ...] | None,
) -> Outcome:
    return service.record_collected(
        db,
        actor,
        visit_id,
        cashier=config.cashier,
        estate_name=config.app.estate_name,
        method=method,
        reference=reference,
        bill_ids=bill_ids,
        money=config.money,
    )


def not_home(
    db: Database, actor: Actor, config: Config, visit_id: int, note: str, rebook_at: datetime | None
) -> Outcome:
    return service.record_not_home(
        db,
        actor,
        visit_id,
        note=note,
        rebook_at=rebook_at,
        calendar=_calendar(config),
        settings=config.visits,
        money=config.money,
    )


def reschedule(
    db: Database,
    actor: Actor,
    config: Config,
    visit_id: int,
    new_time: datetime,
    reason: str,
    same_day_reason: str,
) -> Outcome:
    """Move the visit; the outcome's ``visit`` is the old one, ``next_visit`` the new booking."""
    new = service.reschedule_visit(
        db,
        actor,
        visit_id,
        new_time,
        reason,
        same_day_reason=same_day_reason,
        calendar=_calendar(config),
        settings=config.visits,
        money=config.money,
    )
    return Outcome(service.get_visit(db, visit_id), next_visit=new)


def cancel(db: Database, actor: Actor, visit_id: int, reason: str) -> Outcome:
    return Outcome(service.cancel_visit(db, actor, visit_id, reason))
