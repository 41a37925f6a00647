"""Recording a call: each attempt's outcome and its follow-up, closing a call, linking a home visit."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from sqlalchemy import select

from frontdesk.config import CallSettings, OfficeSettings
from frontdesk.domain import calls as rules
from frontdesk.domain.calls import (
    ACTIVE_STATUSES,
    STATUS_LABELS,
    Attempt,
    CallError,
)
from frontdesk.domain.money import DEFAULT_MAX_FEN, MoneyError, parse_amount
from frontdesk.domain.workcalendar import from_local, to_local
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.calls.records import (
    CallRow,
    aware_now,
    get_call_row,
    read_overdue_fen,
    window_of,
)
from frontdesk.services.users import Actor, require
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models.calls import FeeCall, FeeCallAttempt


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
    moment = aware_now(now)
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
        still = read_overdue_fen(s, call.household_id, today) > 0
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
        return get_call_row(s, call.id)


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
        return get_call_row(s, call.id)


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
