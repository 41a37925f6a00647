"""Today's work (今日工作), shown on the home page after login.

Calls due today, promises to pay falling due, escalated calls (for
supervisors), home visits to confirm (phone the owner the day before) and
visits today. Loading it first settles due promises
(:func:`frontdesk.services.calls.check_promises`), so a broken promise's
follow-up call is in the list the morning after.

The visit counts come from the visits area (``to_confirm`` and
``day_agenda`` in :mod:`frontdesk.services.visits`); "visits today" counts the
visits still to make (booked, confirmed or out), not those already ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.config import CallSettings, OfficeSettings
from frontdesk.domain.visits import LIVE_STATUSES
from frontdesk.domain.workcalendar import OfficeCalendar, from_local, to_local
from frontdesk.services import visits
from frontdesk.services.calls import PromiseCheck, check_promises
from frontdesk.services.users import Actor
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import Household, Room
from frontdesk.storage.models.calls import FeeCall

__all__ = ["KINDS", "SCREEN_OF", "TodaysWork", "WorkItem", "todays_work"]


KINDS = ("calls_due", "promises_due", "escalated", "visits_to_confirm", "visits_today")
SCREEN_OF = {
    "calls_due": "calls",
    "promises_due": "calls",
    "escalated": "calls",
    "visits_to_confirm": "visits",
    "visits_today": "visits",
}
"""Which screen (``ScreenSpec.name``) each line opens."""

_SAMPLE = 3


@dataclass(frozen=True)
class WorkItem:
    """One line of Today's work: what, how many, a few rooms, and the screen that deals with it."""

    kind: str
    count: int
    rooms: tuple[str, ...] = ()

    @property
    def screen(self) -> str:
        return SCREEN_OF[self.kind]


@dataclass(frozen=True)
class TodaysWork:
    """Today's work as of ``day`` (local)."""

    day: date
    items: tuple[WorkItem, ...]
    promises: PromiseCheck

    def item(self, kind: str) -> WorkItem | None:
        return next((i for i in self.items if i.kind == kind), None)

    @property
    def total(self) -> int:
        return sum(i.count for i in self.items)


def todays_work(
    db: Database,
    actor: Actor,
    *,
    calls: CallSettings,
    office: OfficeSettings,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> TodaysWork:
    """What is to be done today, for ``actor``.

    Every line is present even when its count is 0 (the escalated calls only
    for supervisors and administrators; the visit lines only when the visits
    area is installed).
    """
    moment = now or utcnow()
    promises = check_promises(db, calls=calls, office=office, now=moment, tz=tz)
    today = to_local(moment, tz).date()
    end = from_local(datetime.combine(today + timedelta(days=1), datetime.min.time()), tz)
    items: list[WorkItem] = []
    with db.read() as s:
        items.append(_calls(s, "calls_due", FeeCall.status == "open", FeeCall.scheduled_at < end))
        items.append(
            _calls(s, "promises_due", FeeCall.status == "promised", FeeCall.promised_on <= today)
        )
        if actor.can("supervisor"):
            items.append(_calls(s, "escalated", FeeCall.status == "escalated"))
        items += _visits(s, today, OfficeCalendar.from_settings(office))
    return TodaysWork(today, tuple(items), promises)


def _calls(s: Session, kind: str, *where: Any) -> WorkItem:
    rooms = [
        code
        for (code,) in s.execute(
            select(Room.code)
            .join(Household, Household.room_id == Room.id)
            .join(FeeCall, FeeCall.household_id == Household.id)
            .where(*where)
            .order_by(FeeCall.amount_owed_fen.desc(), FeeCall.id)
        )
    ]
    return WorkItem(kind, len(rooms), tuple(rooms[:_SAMPLE]))


def _visits(s: Session, day: date, calendar: OfficeCalendar) -> list[WorkItem]:
    """Tomorrow's visits still to confirm, and today's visits still to make (live ones)."""
    to_confirm = visits.to_confirm(s, day, calendar=calendar)
    today = [v for v in visits.day_agenda(s, day) if v.status in LIVE_STATUSES]
    return [
        WorkItem(kind, len(rows), tuple(r.room for r in rows[:_SAMPLE] if r.room))
        for kind, rows in (("visits_to_confirm", to_confirm), ("visits_today", today))
    ]
