"""What a home visit looks like to the rest of the program, and the helpers every step shares.

The rows (``VisitRequest``, ``VisitRow``, ``VisitEventRow``, ``BookingPreview``,
``StaffChoice``, ``Outcome``), ``to_rows`` (visits with their room, owners and
person), the local-day bounds, and the write helpers used inside one
transaction: ``get_row`` (optionally locked), ``add_event`` (a history row),
``move`` (a checked status change with its history and audit rows),
``refuse_final`` and ``check_text``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.domain import visits as rules
from frontdesk.domain.visits import VisitRuleError
from frontdesk.domain.workcalendar import from_local
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.users import Actor
from frontdesk.storage.models import (
    HomeVisit,
    HomeVisitEvent,
    Household,
    Owner,
    Room,
    Staff,
)

FIELD_DESK = "上门收费"
"""The desk name of every field receipt (its own gap-free counter per series and year)."""

VISIT_COLUMNS = (
    "room",
    "owner",
    "staff",
    "booked_at",
    "scheduled_at",
    "status",
    "same_day_reason",
    "expected_amount",
    "collected_amount",
    "receipt_no",
)
SOURCES = ("desk", "phone", "call")
MAX_TEXT = 500


@dataclass(frozen=True)
class VisitRequest:
    """A visit to book; ``scheduled_at`` is aware. ``source``: desk, phone or call."""

    household_id: int
    staff_id: int | None
    scheduled_at: datetime
    expected_amount_fen: int
    reason: str
    same_day_reason: str = ""
    note: str = ""
    source_call_id: int | None = None
    source: str = ""


@dataclass(frozen=True)
class VisitRow:
    """One visit as a list shows it (times aware UTC; show with ``to_local``)."""

    id: int
    household_id: int
    room: str
    owner: str
    staff_id: int
    staff_no: str
    staff_name: str
    scheduled_at: datetime
    duration_minutes: int
    status: str
    reason: str
    expected_fen: int
    same_day: bool
    same_day_reason: str
    booked_at: datetime
    booked_by: str
    departure_call: str
    checklist: tuple[str, ...]
    collected_fen: int | None
    receipt_no: str
    cancel_reason: str
    note: str
    rescheduled_from_id: int | None
    source_call_id: int | None

    @property
    def status_label(self) -> str:
        return rules.STATUS_LABELS.get(self.status, self.status)

    @property
    def reason_label(self) -> str:
        return rules.REASON_LABELS.get(self.reason, self.reason)


@dataclass(frozen=True)
class VisitEventRow:
    """One step of a visit's history."""

    at: datetime
    by_staff_no: str
    kind: str
    from_status: str
    to_status: str
    detail: str


@dataclass(frozen=True)
class BookingPreview:
    """What booking would mean, shown before saving: short notice, clashes, or the problem."""

    same_day: bool
    clashes: tuple[VisitRow, ...]
    problem: str = ""


@dataclass(frozen=True)
class StaffChoice:
    """An active staff member who can be sent."""

    id: int
    staff_no: str
    name: str


@dataclass(frozen=True)
class Outcome:
    """The result of recording an outcome: the visit and, for a collection, the payment."""

    visit: VisitRow
    payment_id: int | None = None
    receipt_no: str = ""
    next_visit: VisitRow | None = None
    offered_slot: datetime | None = None
    lines: tuple[str, ...] = field(default=())


def to_rows(s: Session, visits: Sequence[HomeVisit]) -> list[VisitRow]:
    if not visits:
        return []
    household_ids = {v.household_id for v in visits}
    rooms = dict(
        s.execute(
            select(Household.id, Room.code)
            .join(Room, Room.id == Household.room_id)
            .where(Household.id.in_(household_ids))
        ).all()
    )
    owners: dict[int, list[str]] = {}
    for hid, name in s.execute(
        select(Owner.household_id, Owner.name)
        .where(Owner.household_id.in_(household_ids))
        .order_by(Owner.household_id, Owner.primary.desc(), Owner.id)
    ).all():
        owners.setdefault(hid, []).append(name)
    staff = {
        row.id: row
        for row in s.execute(
            select(Staff.id, Staff.staff_no, Staff.name).where(
                Staff.id.in_({v.staff_id for v in visits})
            )
        )
    }
    return [
        VisitRow(
            id=v.id,
            household_id=v.household_id,
            room=rooms.get(v.household_id, ""),
            owner="、".join(owners.get(v.household_id, [])),
            staff_id=v.staff_id,
            staff_no=staff[v.staff_id].staff_no,
            staff_name=staff[v.staff_id].name,
            scheduled_at=v.scheduled_at,
            duration_minutes=v.duration_minutes,
            status=v.status,
            reason=v.reason,
            expected_fen=v.expected_fen,
            same_day=v.same_day,
            same_day_reason=v.same_day_reason,
            booked_at=v.booked_at,
            booked_by=v.booked_by,
            departure_call=v.departure_call,
            checklist=tuple(json.loads(v.checklist or "[]")),
            collected_fen=v.collected_fen,
            receipt_no=v.receipt_no,
            cancel_reason=v.cancel_reason,
            note=v.note,
            rescheduled_from_id=v.rescheduled_from_id,
            source_call_id=v.source_call_id,
        )
        for v in visits
    ]


def day_bounds(day: date, days: int = 1, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    start = from_local(datetime.combine(day, time.min), tz)
    end = from_local(datetime.combine(day + timedelta(days=days), time.min), tz)
    return start, end


def get_row(s: Session, visit_id: int, *, lock: bool = False) -> HomeVisit:
    query = select(HomeVisit).where(HomeVisit.id == visit_id)
    if lock:
        query = query.with_for_update()
    visit = s.scalar(query)
    if visit is None:
        raise ValidationError(f"找不到编号为 {visit_id} 的上门收费预约。")
    return visit


def check_text(value: str, name: str) -> str:
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise ValidationError(f"{name}不能超过 {MAX_TEXT} 个字。")
    return value


def add_event(
    s: Session,
    visit: HomeVisit,
    actor: Actor,
    kind: str,
    now: datetime,
    from_status: str,
    detail: str = "",
) -> None:
    s.add(
        HomeVisitEvent(
            visit_id=visit.id,
            at=now,
            by_staff_no=actor.staff_no,
            kind=kind,
            from_status=from_status,
            to_status=visit.status,
            detail=detail,
        )
    )


def move(
    s: Session, visit: HomeVisit, new: str, actor: Actor, now: datetime, detail: str = ""
) -> None:
    try:
        rules.check_move(visit.status, new)
    except VisitRuleError as exc:
        raise ValidationError(str(exc)) from None
    old = visit.status
    visit.status = new
    add_event(s, visit, actor, new, now, old, detail)
    audit.record(
        s,
        actor.staff_no,
        f"visit.{new}",
        "home_visit",
        visit.id,
        {"from": old, "to": new, "detail": detail},
    )


def refuse_final(visit: HomeVisit) -> None:
    if visit.status in rules.FINAL_STATUSES:
        raise ValidationError(f"该上门收费已{rules.STATUS_LABELS[visit.status]}，不能再登记。")
