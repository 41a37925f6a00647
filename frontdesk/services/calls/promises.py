"""Promises to pay: kept or broken the day after the promised date, and the follow-up call.

``check_promises`` is one transaction; ``settle_promises`` does the same inside
the caller's (the plan runs it first).
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.config import CallSettings, OfficeSettings
from frontdesk.domain import calls as rules
from frontdesk.domain.workcalendar import OfficeCalendar, from_local, to_local
from frontdesk.services import audit
from frontdesk.services.calls.records import PromiseCheck, aware_now, read_overdue_fen, window_of
from frontdesk.services.users import SYSTEM
from frontdesk.storage.database import Database
from frontdesk.storage.models import Bill, Payment
from frontdesk.storage.models.calls import FeeCall


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
    moment = aware_now(now)
    window = window_of(office, calls)
    with db.begin() as s:
        return settle_promises(s, window, moment, tz)


def settle_promises(
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
        overdue = read_overdue_fen(s, call.household_id, today)
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
