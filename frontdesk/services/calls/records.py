"""The call rows and what every part of the calls area reads: the window, arrears, owners, rows.

``window_of`` turns the settings into the calling window; ``read_arrears`` and
``read_overdue_fen`` read what is past due (the day after a bill's due date);
``visit_household_ids`` the households with a home visit booked;
``call_rows`` / ``get_call_row`` build the listed rows with owner and phone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.config import CallSettings, OfficeSettings
from frontdesk.domain import calls as rules
from frontdesk.domain.calls import (
    OUTCOME_LABELS,
    STATUS_LABELS,
    Arrears,
    ScriptLine,
)
from frontdesk.domain.workcalendar import CalendarError, OfficeCalendar
from frontdesk.errors import ValidationError
from frontdesk.services import visits
from frontdesk.storage.base import utcnow
from frontdesk.storage.models import Bill, Household, Owner, OwnerPhone, Room
from frontdesk.storage.models.calls import FeeCall


@dataclass(frozen=True)
class CallRow:
    """One call task as listed in the queue (times aware UTC)."""

    call_id: int
    household_id: int
    room: str
    owner: str
    phone: str
    amount_owed_fen: int
    oldest_due: date
    scheduled_at: datetime
    status: str
    attempts: int
    last_outcome: str
    promised_on: date | None
    promised_amount_fen: int | None
    escalation: str
    follow_up_of_id: int | None
    visit_id: int | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def last_outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.last_outcome, self.last_outcome)

    def days_overdue(self, today: date) -> int:
        return max(0, (today - self.oldest_due).days)


@dataclass(frozen=True)
class AttemptRow:
    """A past attempt, for the call's history."""

    at: datetime
    staff_no: str
    outcome: str
    promised_on: date | None
    promised_amount_fen: int | None
    outside_window: bool
    reason: str
    note: str


@dataclass(frozen=True)
class CallScript:
    """What to tell the owner: each overdue bill with its period and standard, and the total."""

    call: CallRow
    owners: str
    phones: tuple[str, ...]
    lines: tuple[ScriptLine, ...]
    total_fen: int
    history: tuple[AttemptRow, ...]


@dataclass(frozen=True)
class PromiseCheck:
    """What :func:`check_promises` found: promises kept and broken (follow-ups created)."""

    kept: int = 0
    broken: int = 0
    follow_up_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class PlanResult:
    """The outcome of a call plan."""

    created: int
    call_ids: tuple[int, ...]
    already_planned: int
    left_out_promised: int
    left_out_visit: int
    left_out_recent: int
    promises: PromiseCheck
    first_at: datetime | None


def window_of(office: OfficeSettings, calls: CallSettings) -> OfficeCalendar:
    """The calling window from the settings.

    Raises:
        ValidationError: the margins leave no time to call.
    """
    try:
        return rules.calling_window(
            OfficeCalendar.from_settings(office), calls.window_margin_minutes
        )
    except CalendarError as exc:
        raise ValidationError(
            f"催缴通话时段设置有误（calls.window_margin_minutes）：{exc}"
        ) from exc


def aware_now(now: datetime | None) -> datetime:
    moment = now or utcnow()
    if moment.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return moment


def read_arrears(
    s: Session, today: date, household_ids: Iterable[int] | None = None
) -> list[Arrears]:
    query = (
        select(
            Bill.household_id,
            func.sum(Bill.amount_fen),
            func.min(Bill.due_date),
            func.count(Bill.id),
        )
        .where(Bill.status == "open", Bill.due_date < today)
        .group_by(Bill.household_id)
    )
    if household_ids is not None:
        query = query.where(Bill.household_id.in_(sorted(set(household_ids))))
    return [
        Arrears(int(hid), int(total or 0), oldest, int(count))
        for hid, total, oldest, count in s.execute(query)
    ]


def read_overdue_fen(s: Session, household_id: int, today: date) -> int:
    total = s.scalar(
        select(func.coalesce(func.sum(Bill.amount_fen), 0)).where(
            Bill.household_id == household_id, Bill.status == "open", Bill.due_date < today
        )
    )
    return int(total or 0)


def visit_household_ids(s: Session, now: datetime) -> set[int]:
    """Households with a home visit booked, confirmed or out (left out of the plan)."""
    return {int(h) for h in visits.open_visit_household_ids(s, now=now)}


def _owner_phone(s: Session, household_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Per household: the owners' names joined, and the primary owner's first phone."""
    names: dict[int, list[str]] = {}
    phones: dict[int, str] = {}
    if not household_ids:
        return {}
    ids = sorted(set(household_ids))
    for hid, name in s.execute(
        select(Owner.household_id, Owner.name)
        .where(Owner.household_id.in_(ids))
        .order_by(Owner.household_id, Owner.primary.desc(), Owner.id)
    ):
        names.setdefault(hid, []).append(name)
    for hid, number in s.execute(
        select(Owner.household_id, OwnerPhone.number)
        .join(OwnerPhone, OwnerPhone.owner_id == Owner.id)
        .where(Owner.household_id.in_(ids))
        .order_by(Owner.household_id, Owner.primary.desc(), Owner.id, OwnerPhone.position)
    ):
        phones.setdefault(hid, number)
    return {hid: ("、".join(names.get(hid, [])), phones.get(hid, "")) for hid in ids}


def call_rows(s: Session, found: Sequence[tuple[FeeCall, str]]) -> list[CallRow]:
    who = _owner_phone(s, [c.household_id for c, _ in found])
    return [
        CallRow(
            call_id=c.id,
            household_id=c.household_id,
            room=room,
            owner=who.get(c.household_id, ("", ""))[0],
            phone=who.get(c.household_id, ("", ""))[1],
            amount_owed_fen=c.amount_owed_fen,
            oldest_due=c.oldest_due,
            scheduled_at=c.scheduled_at,
            status=c.status,
            attempts=c.attempts,
            last_outcome=c.last_outcome,
            promised_on=c.promised_on,
            promised_amount_fen=c.promised_amount_fen,
            escalation=c.escalation,
            follow_up_of_id=c.follow_up_of_id,
            visit_id=c.visit_id,
        )
        for c, room in found
    ]


def get_call_row(s: Session, call_id: int) -> CallRow:
    found = s.execute(
        select(FeeCall, Room.code)
        .join(Household, Household.id == FeeCall.household_id)
        .join(Room, Room.id == Household.room_id)
        .where(FeeCall.id == call_id)
    ).first()
    if found is None:
        raise ValidationError(f"找不到编号为 {call_id} 的催缴任务。")
    return call_rows(s, [(found[0], found[1])])[0]
