"""What the home-visit screen asks of the database worker: the agenda, a visit's details, leaving."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from frontdesk.config import Config
from frontdesk.domain.workcalendar import OfficeCalendar
from frontdesk.services import visits as service
from frontdesk.services.actors import Actor
from frontdesk.services.visits import StaffChoice, VisitEventRow, VisitRow
from frontdesk.storage.database import Database


@dataclass(frozen=True)
class Agenda:
    """What one load brings: the visits and, the first time, the staff to choose from."""

    visits: list[VisitRow]
    staff: list[StaffChoice] | None


def load_agenda(
    db: Database, config: Config, mode: str, day: date, staff_id: int | None, with_staff: bool
) -> Agenda:
    """The agenda of the chosen view (on the worker)."""
    with db.read() as s:
        if mode == "week":
            visits = service.agenda(s, day - timedelta(days=day.weekday()), 7, staff_id)
        elif mode == "confirm":
            calendar = OfficeCalendar.from_settings(config.office)
            visits = service.to_confirm(s, day, staff_id, calendar=calendar)
        else:
            visits = service.day_agenda(s, day, staff_id)
    return Agenda(visits, service.list_staff(db) if with_staff else None)


def load_details(db: Database, visit_id: int) -> tuple[VisitRow, list[VisitEventRow]]:
    return service.get_visit(db, visit_id), service.visit_history(db, visit_id)


def leave(db: Database, actor: Actor, visit_id: int, ticked: tuple[str, ...]) -> VisitRow:
    """Save the ticked checklist if it changed, then leave (two steps the person took)."""
    current = service.get_visit(db, visit_id)
    if set(current.checklist) != set(ticked):
        service.set_checklist(db, actor, visit_id, ticked)
    return service.set_out(db, actor, visit_id)
