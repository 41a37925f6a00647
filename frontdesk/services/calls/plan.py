"""The call plan: who to call, from the arrears and the selection settings, at which proposed time."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from sqlalchemy import select

from frontdesk.config import CallSettings, OfficeSettings
from frontdesk.domain import calls as rules
from frontdesk.domain.calls import (
    ACTIVE_STATUSES,
    LETTER_STATUSES,
    SelectionRules,
)
from frontdesk.domain.workcalendar import from_local, to_local
from frontdesk.services import audit
from frontdesk.services.calls.promises import settle_promises
from frontdesk.services.calls.records import (
    PlanResult,
    aware_now,
    read_arrears,
    visit_household_ids,
    window_of,
)
from frontdesk.services.users import Actor, require
from frontdesk.storage.database import Database
from frontdesk.storage.models.calls import FeeCall


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
    moment = aware_now(now)
    window = window_of(office, calls)
    local_now = to_local(moment, tz)
    today = local_now.date()
    selection = SelectionRules.from_settings(calls)
    with db.begin() as s:
        promises = settle_promises(s, window, moment, tz)
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
        visits = visit_household_ids(s, moment)
        arrears = read_arrears(s, today)
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
