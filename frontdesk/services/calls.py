"""Overdue-fee calls (催缴): the call plan, the queue, each attempt, promises, letters, export.

Every public function that writes is one user action in one transaction with
an audit row. The rules live in :mod:`frontdesk.domain.calls`; this module
reads the arrears, converts between stored UTC and the office's local time
(``tz``, default the computer's zone) and writes the outcome.

Choices made here:

- A bill is past due the day after its ``due_date``; the amount owed is the
  principal of every open bill past due (late fees are shown in the call
  script, not used for the selection).
- A broken promise is looked for by :func:`check_promises`, which the plan,
  the call screen's refresh and Today's work run: the day after the promised
  date, a promise counts as kept if the household has since paid at least the
  promised amount, or owes nothing past due any more; otherwise the call is
  marked ``broken`` and a follow-up call is created for the first calling
  moment.
- A household whose last call ended unreachable or with a wrong number is
  planned again only ``replan_after_days`` after that (a letter goes out meanwhile).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.config import CallSettings, OfficeSettings
from frontdesk.domain import calls as rules
from frontdesk.domain.calls import (
    ACTIVE_STATUSES,
    LETTER_STATUSES,
    OUTCOME_LABELS,
    STATUS_LABELS,
    Arrears,
    Attempt,
    CallError,
    ScriptLine,
    SelectionRules,
)
from frontdesk.domain.money import DEFAULT_MAX_FEN, MoneyError, fen_to_yuan_str, parse_amount
from frontdesk.domain.workcalendar import CalendarError, OfficeCalendar, from_local, to_local
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.billing import household_dues
from frontdesk.services.exports import _checked_suffix, write_csv, write_xlsx
from frontdesk.services.users import SYSTEM, Actor, require
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import Bill, Household, Owner, OwnerPhone, Payment, Room
from frontdesk.storage.models.calls import FeeCall, FeeCallAttempt

__all__ = [
    "CALL_COLUMNS",
    "CallRow",
    "CallScript",
    "PlanResult",
    "PromiseCheck",
    "call_queue",
    "call_script",
    "check_promises",
    "close_call",
    "export_calls",
    "get_call",
    "letter_candidates",
    "link_visit",
    "overdue_notices",
    "plan_calls",
    "record_attempt",
    "window_of",
]

log = logging.getLogger(__name__)

CALL_COLUMNS = (
    "room",
    "owner",
    "amount_owed",
    "scheduled_at",
    "status",
    "attempts",
    "last_outcome",
    "promised_on",
    "promised_amount",
)
_CALL_AMOUNT_COLUMNS = frozenset({2, 8})


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


# ---------------------------------------------------------------- calendar helpers


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


def _now(now: datetime | None) -> datetime:
    moment = now or utcnow()
    if moment.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return moment


# ---------------------------------------------------------------- arrears


def _arrears(s: Session, today: date, household_ids: Iterable[int] | None = None) -> list[Arrears]:
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


def _overdue_fen(s: Session, household_id: int, today: date) -> int:
    total = s.scalar(
        select(func.coalesce(func.sum(Bill.amount_fen), 0)).where(
            Bill.household_id == household_id, Bill.status == "open", Bill.due_date < today
        )
    )
    return int(total or 0)


def _visit_household_ids(s: Session, now: datetime) -> set[int]:
    """Households with a home visit booked (the visits area), or none if it is not there."""
    try:
        visits = importlib.import_module("frontdesk.services.visits")
    except ImportError:
        return set()
    find = getattr(visits, "open_visit_household_ids", None)
    if find is None:
        return set()
    return {int(h) for h in find(s, now=now)}


# ---------------------------------------------------------------- promises


def check_promises(
    db: Database,
    *,
    calls: CallSettings,
    office: OfficeSettings,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> PromiseCheck:
    """Settle the promises whose day has passed: kept, or broken with a follow-up call.

    Runs as the system (it is bookkeeping, not a person's action); one
    transaction, one audit row per promise settled.
    """
    moment = _now(now)
    window = window_of(office, calls)
    with db.begin() as s:
        return _check_promises(s, window, moment, tz)


def _check_promises(
    s: Session, window: OfficeCalendar, now: datetime, tz: tzinfo | None
) -> PromiseCheck:
    local_now = to_local(now, tz)
    today = local_now.date()
    due = s.scalars(
        select(FeeCall)
        .where(FeeCall.status == "promised", FeeCall.promised_on < today)
        .order_by(FeeCall.id)
        .with_for_update()
    ).all()
    kept = broken = 0
    follow_ups: list[int] = []
    for call in due:
        assert call.promised_on is not None
        since = call.promised_at or call.created_at
        paid = s.scalar(
            select(func.coalesce(func.sum(Payment.total_fen), 0)).where(
                Payment.household_id == call.household_id,
                Payment.status == "completed",
                Payment.paid_at >= since,
            )
        )
        overdue = _overdue_fen(s, call.household_id, today)
        verdict = rules.promise_broken(
            call.promised_on, call.promised_amount_fen or 0, int(paid or 0), overdue, today
        )
        if verdict is None:
            continue
        call.ended_at = now
        if not verdict:
            call.status = "paid"
            kept += 1
            audit.record(s, SYSTEM.staff_no, "call.promise_kept", "fee_call", call.id, {})
            continue
        call.status = "broken"
        broken += 1
        oldest = s.scalar(
            select(func.min(Bill.due_date)).where(
                Bill.household_id == call.household_id,
                Bill.status == "open",
                Bill.due_date < today,
            )
        )
        follow = FeeCall(
            household_id=call.household_id,
            status="open",
            amount_owed_fen=overdue,
            oldest_due=oldest or call.oldest_due,
            scheduled_at=from_local(rules.follow_up_time(window, call.promised_on, local_now), tz),
            attempts=0,
            last_outcome="",
            escalation="",
            follow_up_of_id=call.id,
            note=f"承诺 {call.promised_on.isoformat()} 缴费未兑现，跟进催缴",
            created_by=SYSTEM.staff_no,
            created_at=now,
        )
        s.add(follow)
        s.flush()
        follow_ups.append(follow.id)
        audit.record(
            s,
            SYSTEM.staff_no,
            "call.promise_broken",
            "fee_call",
            call.id,
            {
                "promised_on": call.promised_on.isoformat(),
                "promised_fen": call.promised_amount_fen,
                "paid_since_fen": int(paid or 0),
                "follow_up_id": follow.id,
            },
        )
    return PromiseCheck(kept, broken, tuple(follow_ups))


# ---------------------------------------------------------------- the plan


def plan_calls(
    db: Database,
    actor: Actor,
    *,
    calls: CallSettings,
    office: OfficeSettings,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> PlanResult:
    """Build the call list from the arrears (supervisor).

    Settles due promises first (see :func:`check_promises`). Then every
    household behind by at least ``calls.min_days_overdue`` days and
    ``calls.min_amount_yuan`` gets an open call, unless it already has one in
    hand (open, promised, escalated — so a second run adds nothing), has a
    home visit booked, or its last call ended unreachable less than
    ``calls.replan_after_days`` ago. Calls are proposed one slot apart in the
    calling window, in queue order (amount, then age).

    Raises:
        PermissionDenied: the actor is not a supervisor or administrator.
        ValidationError: the calling-window settings leave no time to call.
    """
    require(actor, "supervisor")
    moment = _now(now)
    window = window_of(office, calls)
    local_now = to_local(moment, tz)
    today = local_now.date()
    selection = SelectionRules.from_settings(calls)
    with db.begin() as s:
        promises = _check_promises(s, window, moment, tz)
        active = {
            int(h)
            for h, status in s.execute(
                select(FeeCall.household_id, FeeCall.status).where(
                    FeeCall.status.in_(ACTIVE_STATUSES)
                )
            )
        }
        promised = {
            int(h)
            for (h,) in s.execute(select(FeeCall.household_id).where(FeeCall.status == "promised"))
        }
        since = moment - timedelta(days=calls.replan_after_days)
        recent = {
            int(h)
            for (h,) in s.execute(
                select(FeeCall.household_id).where(
                    FeeCall.status.in_(LETTER_STATUSES), FeeCall.ended_at >= since
                )
            )
        }
        visits = _visit_household_ids(s, moment)
        arrears = _arrears(s, today)
        qualifying = [a for a in arrears if rules.qualifies(a, today, selection)]
        q_ids = {a.household_id for a in qualifying}
        chosen = rules.select_households(
            qualifying, today, selection, exclude=active | recent | visits
        )
        slots = rules.propose_slots(window, local_now, len(chosen), max(1, calls.slot_minutes))
        new_calls = [
            FeeCall(
                household_id=a.household_id,
                status="open",
                amount_owed_fen=a.overdue_fen,
                oldest_due=a.oldest_due,
                scheduled_at=from_local(slot, tz),
                attempts=0,
                last_outcome="",
                escalation="",
                note="",
                created_by=actor.staff_no,
                created_at=moment,
            )
            for a, slot in zip(chosen, slots, strict=True)
        ]
        s.add_all(new_calls)
        s.flush()
        result = PlanResult(
            created=len(new_calls),
            call_ids=tuple(c.id for c in new_calls),
            already_planned=len(q_ids & (active - promised)),
            left_out_promised=len(q_ids & promised),
            left_out_visit=len((q_ids & visits) - active),
            left_out_recent=len((q_ids & recent) - active - visits),
            promises=promises,
            first_at=new_calls[0].scheduled_at if new_calls else None,
        )
        audit.record(
            s,
            actor.staff_no,
            "call.plan",
            "fee_call",
            "",
            {
                "created": result.created,
                "already_planned": result.already_planned,
                "left_out_promised": result.left_out_promised,
                "left_out_visit": result.left_out_visit,
                "left_out_recent": result.left_out_recent,
                "promises_broken": promises.broken,
                "min_days_overdue": calls.min_days_overdue,
                "min_amount_yuan": calls.min_amount_yuan,
            },
        )
    return result


# ---------------------------------------------------------------- reading


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


def _rows(s: Session, found: Sequence[tuple[FeeCall, str]]) -> list[CallRow]:
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


def call_queue(
    db: Database, *, statuses: Sequence[str] = ("open",), limit: int = 2000
) -> list[CallRow]:
    """The calls in ``statuses``, in queue order: amount (largest first), then age, then time."""
    with db.read() as s:
        query = (
            select(FeeCall, Room.code)
            .join(Household, Household.id == FeeCall.household_id)
            .join(Room, Room.id == Household.room_id)
            .where(FeeCall.status.in_(list(statuses)))
            .order_by(
                FeeCall.amount_owed_fen.desc(),
                FeeCall.oldest_due,
                FeeCall.scheduled_at,
                FeeCall.id,
            )
            .limit(limit)
        )
        found = [(c, room) for c, room in s.execute(query)]
        return _rows(s, found)


def get_call(db: Database, call_id: int) -> CallRow:
    """One call.

    Raises:
        ValidationError: no such call.
    """
    with db.read() as s:
        return _get_row(s, call_id)


def _get_row(s: Session, call_id: int) -> CallRow:
    found = s.execute(
        select(FeeCall, Room.code)
        .join(Household, Household.id == FeeCall.household_id)
        .join(Room, Room.id == Household.room_id)
        .where(FeeCall.id == call_id)
    ).first()
    if found is None:
        raise ValidationError(f"找不到编号为 {call_id} 的催缴任务。")
    return _rows(s, [(found[0], found[1])])[0]


def _script_lines(db: Database, household_id: int, on: date) -> tuple[list[ScriptLine], str]:
    dues = household_dues(db, household_id, on=on)
    lines = [
        ScriptLine(
            item=line.item_name,
            period=line.period,
            standard=line.standard,
            amount_fen=line.amount_fen,
            late_fee_fen=line.late_fee_fen,
            due_date=line.due_date,
            days_overdue=line.days_overdue,
        )
        for line in dues.lines
        if not line.ahead and line.due_date < on
    ]
    return lines, dues.owners


def call_script(
    db: Database, call_id: int, *, now: datetime | None = None, tz: tzinfo | None = None
) -> CallScript:
    """What to say on the call: the overdue bills (period, item, standard, amount), the total.

    Raises:
        ValidationError: no such call.
    """
    today = to_local(_now(now), tz).date()
    with db.read() as s:
        row = _get_row(s, call_id)
        phones = tuple(
            number
            for (number,) in s.execute(
                select(OwnerPhone.number)
                .join(Owner, Owner.id == OwnerPhone.owner_id)
                .where(Owner.household_id == row.household_id)
                .order_by(Owner.primary.desc(), Owner.id, OwnerPhone.position)
            )
        )
        history = tuple(
            AttemptRow(
                a.at,
                a.staff_no,
                a.outcome,
                a.promised_on,
                a.promised_amount_fen,
                a.outside_window,
                a.reason,
                a.note,
            )
            for a in s.scalars(
                select(FeeCallAttempt)
                .where(FeeCallAttempt.call_id == call_id)
                .order_by(FeeCallAttempt.id)
            )
        )
    lines, owners = _script_lines(db, row.household_id, today)
    return CallScript(
        call=row,
        owners=owners,
        phones=phones,
        lines=tuple(lines),
        total_fen=rules.script_total(lines),
        history=history,
    )


# ---------------------------------------------------------------- attempts


def _promised_fen(value: int | str | None, max_fen: int) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, int):
        return value
    try:
        return parse_amount(value, max_fen=max_fen)
    except MoneyError as exc:
        raise ValidationError(f"承诺金额“{value}”无效：{exc}") from exc


def record_attempt(
    db: Database,
    actor: Actor,
    call_id: int,
    outcome: str,
    *,
    calls: CallSettings,
    office: OfficeSettings,
    promised_on: date | None = None,
    promised_amount: int | str | None = None,
    reason: str = "",
    note: str = "",
    now: datetime | None = None,
    tz: tzinfo | None = None,
    max_amount_fen: int = DEFAULT_MAX_FEN,
) -> CallRow:
    """Record one attempt on a call and move the call on (anyone may phone).

    ``outcome`` is one of ``no_answer``, ``wrong_number``, ``refused``,
    ``already_paid`` or ``promise`` (with ``promised_on`` and
    ``promised_amount``: fen, or text as typed, e.g. ``"300"``). A call made
    outside the calling window needs a ``reason``, which is stored. One
    transaction: the attempt, the call's new state, the audit row.

    Raises:
        ValidationError: no such call, a call already ended, an unknown
            outcome, a promise date in the past or an amount that is not
            positive, a call outside the window without a reason; nothing is
            recorded.
    """
    moment = _now(now)
    window = window_of(office, calls)
    local_now = to_local(moment, tz)
    today = local_now.date()
    fen = _promised_fen(promised_amount, max_amount_fen) if outcome == "promise" else 0
    attempt = Attempt(
        outcome=outcome,
        at=local_now,
        promised_on=promised_on if outcome == "promise" else None,
        promised_fen=fen,
        reason=reason.strip(),
        note=note.strip(),
    )
    try:
        rules.check_attempt(attempt, window, today=today, max_amount_fen=max_amount_fen)
    except CallError as exc:
        raise ValidationError(str(exc)) from exc
    with db.begin() as s:
        call = s.scalar(select(FeeCall).where(FeeCall.id == call_id).with_for_update())
        if call is None:
            raise ValidationError(f"找不到编号为 {call_id} 的催缴任务。")
        if call.status not in ACTIVE_STATUSES:
            raise ValidationError(
                f"这个催缴任务已结束（{STATUS_LABELS.get(call.status, call.status)}），"
                "不能再记录通话；如需再次催缴，请重新生成催缴名单。"
            )
        outside = not rules.in_window(window, local_now)
        still = _overdue_fen(s, call.household_id, today) > 0
        step = rules.next_step(
            attempt,
            attempts_made=call.attempts + 1,
            max_attempts=max(1, calls.max_attempts),
            window=window,
            retry_after_hours=calls.retry_after_hours,
            still_overdue=still,
        )
        s.add(
            FeeCallAttempt(
                call_id=call.id,
                at=moment,
                staff_no=actor.staff_no,
                outcome=outcome,
                promised_on=attempt.promised_on,
                promised_amount_fen=fen if outcome == "promise" else None,
                outside_window=outside,
                reason=attempt.reason,
                note=attempt.note,
            )
        )
        call.attempts += 1
        call.last_outcome = outcome
        call.last_attempt_at = moment
        call.status = step.status
        call.escalation = step.escalation
        if step.scheduled_at is not None:
            call.scheduled_at = from_local(step.scheduled_at, tz)
        if outcome == "promise":
            call.promised_on = attempt.promised_on
            call.promised_amount_fen = fen
            call.promised_at = moment
        if step.status not in ACTIVE_STATUSES:
            call.ended_at = moment
        s.flush()
        audit.record(
            s,
            actor.staff_no,
            "call.attempt",
            "fee_call",
            call.id,
            {
                "outcome": outcome,
                "status": step.status,
                "attempt": call.attempts,
                "outside_window": outside,
                "reason": attempt.reason,
                "promised_on": attempt.promised_on.isoformat() if attempt.promised_on else None,
                "promised_fen": fen or None,
            },
        )
        return _get_row(s, call.id)


def close_call(db: Database, actor: Actor, call_id: int, note: str) -> CallRow:
    """A supervisor closes an escalated (or any active) call, saying why.

    Raises:
        PermissionDenied: not a supervisor or administrator.
        ValidationError: no such call, already ended, or no note.
    """
    require(actor, "supervisor")
    if not note.strip():
        raise ValidationError("关闭催缴任务须写明处理情况。")
    if len(note) > rules.MAX_NOTE:
        raise ValidationError(f"处理情况最多 {rules.MAX_NOTE} 个字。")
    with db.begin() as s:
        call = s.scalar(select(FeeCall).where(FeeCall.id == call_id).with_for_update())
        if call is None:
            raise ValidationError(f"找不到编号为 {call_id} 的催缴任务。")
        if call.status not in ACTIVE_STATUSES:
            raise ValidationError("这个催缴任务已结束。")
        call.status = "closed"
        call.ended_at = utcnow()
        call.note = note.strip()
        s.flush()
        audit.record(s, actor.staff_no, "call.close", "fee_call", call.id, {"note": call.note})
        return _get_row(s, call.id)


def link_visit(db: Database, actor: Actor, call_id: int, visit_id: int) -> None:
    """Note on the call the home visit booked from its promise (one transaction, audited).

    Raises:
        ValidationError: no such call.
    """
    with db.begin() as s:
        call = s.get(FeeCall, call_id)
        if call is None:
            raise ValidationError(f"找不到编号为 {call_id} 的催缴任务。")
        call.visit_id = visit_id
        audit.record(
            s, actor.staff_no, "call.visit_booked", "fee_call", call.id, {"visit_id": visit_id}
        )


# ---------------------------------------------------------------- letters


@dataclass(frozen=True)
class Notice:
    """One household's overdue-fee notice (催缴通知单)."""

    household_id: int
    room: str
    owners: str
    lines: tuple[ScriptLine, ...]
    total_fen: int


def letter_candidates(db: Database) -> list[int]:
    """Households whose latest call ended unreachable or with a wrong number, by room."""
    with db.read() as s:
        latest = (
            select(FeeCall.household_id, func.max(FeeCall.id).label("last_id"))
            .group_by(FeeCall.household_id)
            .subquery()
        )
        found = s.execute(
            select(FeeCall.household_id)
            .join(latest, latest.c.last_id == FeeCall.id)
            .join(Household, Household.id == FeeCall.household_id)
            .join(Room, Room.id == Household.room_id)
            .where(FeeCall.status.in_(LETTER_STATUSES))
            .order_by(Room.code)
        )
        return [int(h) for (h,) in found]


def overdue_notices(db: Database, household_ids: Sequence[int], *, on: date) -> list[Notice]:
    """Each household's itemised arrears as of ``on``; households owing nothing are skipped.

    Raises:
        ValidationError: an unknown household.
    """
    notices = []
    for hid in dict.fromkeys(household_ids):
        dues = household_dues(db, hid, on=on)
        lines = [
            ScriptLine(
                line.item_name,
                line.period,
                line.standard,
                line.amount_fen,
                line.late_fee_fen,
                line.due_date,
                line.days_overdue,
            )
            for line in dues.lines
            if not line.ahead and line.due_date < on
        ]
        if lines:
            notices.append(
                Notice(hid, dues.room, dues.owners, tuple(lines), rules.script_total(lines))
            )
    return notices


# ---------------------------------------------------------------- export


def export_calls(
    db: Database,
    actor: Actor,
    *,
    start: date,
    end: date,
    out: Path,
    tz: tzinfo | None = None,
) -> int:
    """Write the calls scheduled (local date of ``scheduled_at``) in ``start``..``end`` to ``out``.

    Columns :data:`CALL_COLUMNS`; ``.csv`` or ``.xlsx``; amounts in yuan,
    times local. Returns the rows written.

    Raises:
        PermissionDenied: not a supervisor or admin.
        ValidationError: ``start`` after ``end``, a bad extension, or a file
            that cannot be written.
    """
    require(actor, "supervisor")
    if start > end:
        raise ValidationError(
            f"开始日期 {start.isoformat()} 晚于结束日期 {end.isoformat()}，请检查日期范围。"
        )
    suffix = _checked_suffix(out)
    low = from_local(datetime.combine(start, datetime.min.time()), tz)
    high = from_local(datetime.combine(end + timedelta(days=1), datetime.min.time()), tz)
    counter = [0]

    def rows() -> Iterator[list[object]]:
        with db.read() as s:
            found = [
                (c, room)
                for c, room in s.execute(
                    select(FeeCall, Room.code)
                    .join(Household, Household.id == FeeCall.household_id)
                    .join(Room, Room.id == Household.room_id)
                    .where(FeeCall.scheduled_at >= low, FeeCall.scheduled_at < high)
                    .order_by(FeeCall.scheduled_at, FeeCall.id)
                )
            ]
            for row in _rows(s, found):
                counter[0] += 1
                yield _export_row(row, tz)

    if suffix == ".csv":
        write_csv(out, [list(CALL_COLUMNS), *rows()])
    else:
        write_xlsx(out, CALL_COLUMNS, rows(), sheet="催缴记录", amount_columns=_CALL_AMOUNT_COLUMNS)
    with db.begin() as s:
        audit.record(
            s,
            actor.staff_no,
            "export.calls",
            "fee_call",
            "",
            {
                "from": start.isoformat(),
                "to": end.isoformat(),
                "rows": counter[0],
                "file": out.name,
            },
        )
    return counter[0]


def _export_row(row: CallRow, tz: tzinfo | None) -> list[object]:
    return [
        row.room,
        row.owner,
        fen_to_yuan_str(row.amount_owed_fen),
        to_local(row.scheduled_at, tz).strftime("%Y-%m-%d %H:%M"),
        row.status_label,
        row.attempts,
        row.last_outcome_label,
        row.promised_on.isoformat() if row.promised_on else "",
        fen_to_yuan_str(row.promised_amount_fen) if row.promised_amount_fen is not None else "",
    ]
