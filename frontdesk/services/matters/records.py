"""The matter rows, the deadline rules from the settings, and the helpers every step shares.

``MatterRules`` / ``rules_from_config`` turn ``config.matters`` and
``config.office`` into deadlines; ``matter_row`` builds a listed row;
``add_event`` writes a timeline entry; ``staff_of`` / ``staff_by_no`` /
``staff_names`` find the people involved.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.domain import matters as dm
from frontdesk.domain.deadlines import Deadline, parse_deadline
from frontdesk.domain.workcalendar import OfficeCalendar, from_local, to_local
from frontdesk.errors import ValidationError
from frontdesk.services.search import mask_phone
from frontdesk.services.users import Actor
from frontdesk.storage.models.matters import Matter, MatterEvent
from frontdesk.storage.models.staff import Staff

MATTER_ROLES = ("clerk", "supervisor")


MAX_TEXT = 4000


PHONE_CHARS = set("0123456789+- ()")


@dataclass
class MatterRules:
    """Deadline settings, the office calendar, the time zone and the call-back dice."""

    deadlines: dict[str, Deadline]
    calendar: OfficeCalendar = field(default_factory=OfficeCalendar)
    zone: tzinfo | None = None
    enquiry_random_callback: bool = True
    due_soon_minutes: int = 60
    rng: random.Random = field(default_factory=random.Random)

    def deadline_for(self, kind: str, complexity: str | None) -> Deadline:
        """The answer (or, for repairs, fix) deadline of a kind of matter."""
        if kind == "complaint":
            return self.deadlines[f"{complexity or 'simple'}_complaint"]
        if kind == "repair":
            return self.deadlines["repair_fix"]
        return self.deadlines[kind]

    def due(self, spec: Deadline, start_utc: datetime) -> datetime:
        local = to_local(start_utc, self.zone)
        return from_local(spec.due(local, self.calendar), self.zone)

    def lateness_minutes(self, spec: Deadline, deadline: datetime, end: datetime) -> int:
        late = spec.lateness(to_local(deadline, self.zone), to_local(end, self.zone), self.calendar)
        return int(late.total_seconds() // 60)

    def callback_due(self, kind: str, resolved_at: datetime) -> datetime:
        local = to_local(resolved_at, self.zone)
        if kind == "enquiry" and self.enquiry_random_callback:
            spec = self.deadlines["enquiry_callback_window"]
            return from_local(spec.random_due(local, self.calendar, self.rng), self.zone)
        return from_local(self.deadlines["callback_after"].due(local, self.calendar), self.zone)


def rules_from_config(config: Any, *, rng: random.Random | None = None) -> MatterRules:
    """Rules from ``Config`` (``matters`` and ``office``; checked when it was loaded)."""
    from frontdesk.config import MATTER_DEADLINE_KEYS

    settings = config.matters
    return MatterRules(
        deadlines={k: parse_deadline(getattr(settings, k), k) for k in MATTER_DEADLINE_KEYS},
        calendar=OfficeCalendar.from_settings(config.office),
        enquiry_random_callback=settings.enquiry_random_callback,
        due_soon_minutes=settings.due_soon_minutes,
        rng=rng or random.Random(),
    )


@dataclass(frozen=True)
class MatterInput:
    """What the clerk records when a matter comes in.

    ``owner_staff_no`` hands it at once to a colleague (default: the clerk keeps it).
    """

    kind: str
    description: str
    channel: str = "visit"
    category: str = "other"
    complexity: str | None = None
    valid: bool | None = None
    household_id: int | None = None
    room_code: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    visitor_visit_id: int | None = None
    owner_staff_no: str | None = None


@dataclass(frozen=True)
class MatterRow:
    """One matter in a list, with its urgency at the time it was read."""

    id: int
    number: str
    kind: str
    category: str
    channel: str
    status: str
    complexity: str | None
    valid: bool | None
    room_code: str
    contact_name: str
    phone_masked: str
    description: str
    raised_at: datetime
    taken_by: str
    owner: str
    owner_staff_no: str
    deadline_at: datetime  # the one that counts now (a repair not yet attended: attend by)
    first_deadline_at: datetime
    late_minutes: int  # earlier lateness, kept through reopen
    overdue_minutes: int  # how late it is now (open matters past their deadline), office time
    reopen_count: int
    resolved_at: datetime | None
    callback_due_at: datetime | None
    called_back_at: datetime | None
    satisfaction: str | None
    urgency: str

    @property
    def sort_key(self) -> tuple[int, float]:
        return dm.urgency_key(self.urgency, self.deadline_at, self.callback_due_at)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor: str
    action: str
    from_status: str
    to_status: str
    note: str


@dataclass(frozen=True)
class MatterDetail:
    """A matter with everything the detail view shows (full phone number included)."""

    row: MatterRow
    contact_phone: str
    resolution: str
    attend_deadline_at: datetime | None
    attended_at: datetime | None
    closed_at: datetime | None
    visitor_visit_id: int | None
    timeline: list[TimelineEntry]
    actions: list[str]


@dataclass(frozen=True)
class MatterCounts:
    """For the status bar: open matters due soon and overdue, call-backs due."""

    due_soon: int
    overdue: int
    callbacks_due: int


@dataclass(frozen=True)
class Colleague:
    staff_id: int
    staff_no: str
    name: str
    role: str


def add_event(
    s: Session,
    matter: Matter,
    actor: Actor,
    action: str,
    old: str,
    new: str,
    note: str,
    when: datetime,
) -> None:
    s.add(
        MatterEvent(
            matter_id=matter.id,
            at=when,
            actor=actor.staff_no,
            action=action,
            from_status=old,
            to_status=new,
            note=note,
        )
    )


def staff_of(s: Session, actor: Actor) -> Staff:
    staff = s.scalar(select(Staff).where(Staff.staff_no == actor.staff_no))
    if staff is None:
        raise ValidationError(f"找不到工号 {actor.staff_no}。")
    return staff


def staff_by_no(s: Session, staff_no: str) -> Staff:
    staff = s.scalar(select(Staff).where(Staff.staff_no == staff_no))
    if staff is None or not staff.active:
        raise ValidationError(f"找不到在职的同事（工号 {staff_no}）。")
    return staff


def staff_names(s: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    return {
        sid: (no, name)
        for sid, no, name in s.execute(
            select(Staff.id, Staff.staff_no, Staff.name).where(Staff.id.in_(sorted(ids)))
        )
    }


def matter_row(
    s: Session,
    m: Matter,
    rules: MatterRules,
    now: datetime,
    names: dict[int, tuple[str, str]] | None = None,
) -> MatterRow:
    if names is None:
        names = staff_names(s, {m.owner_id, m.taken_by_id})
    deadline = m.deadline_at
    spec = rules.deadline_for(m.kind, m.complexity)
    if (
        m.kind == "repair"
        and m.attended_at is None
        and m.attend_deadline_at is not None
        and m.status in dm.OPEN_STATUSES
        and m.attend_deadline_at < deadline
    ):
        deadline = m.attend_deadline_at
        spec = rules.deadlines["repair_attend"]
    level = dm.urgency(
        m.status,
        deadline,
        m.callback_due_at,
        now,
        due_soon_seconds=rules.due_soon_minutes * 60,
    )
    overdue = 0
    if m.status in dm.OPEN_STATUSES and deadline < now:
        overdue = rules.lateness_minutes(spec, deadline, now)
    owner_no, owner_name = names.get(m.owner_id, ("", ""))
    taken_no, taken_name = names.get(m.taken_by_id, ("", ""))
    return MatterRow(
        id=m.id,
        number=m.number,
        kind=m.kind,
        category=m.category,
        channel=m.channel,
        status=m.status,
        complexity=m.complexity,
        valid=m.valid,
        room_code=m.room_code,
        contact_name=m.contact_name,
        phone_masked=mask_phone(m.contact_phone) if m.contact_phone else "",
        description=m.description,
        raised_at=m.raised_at,
        taken_by=f"{taken_name}（{taken_no}）" if taken_no else "",
        owner=f"{owner_name}（{owner_no}）" if owner_no else "",
        owner_staff_no=owner_no,
        deadline_at=deadline,
        first_deadline_at=m.first_deadline_at,
        late_minutes=m.late_minutes,
        overdue_minutes=overdue,
        reopen_count=m.reopen_count,
        resolved_at=m.resolved_at,
        callback_due_at=m.callback_due_at,
        called_back_at=m.called_back_at,
        satisfaction=m.satisfaction,
        urgency=level,
    )
