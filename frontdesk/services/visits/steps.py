"""The steps between booking and the outcome: confirm, the call before leaving, the checklist, out, cancel.

Each is one user action in one transaction with its history row and audit row.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from frontdesk.domain import visits as rules
from frontdesk.domain.visits import VisitRuleError
from frontdesk.errors import ValidationError
from frontdesk.services.users import Actor
from frontdesk.services.visits.records import (
    VisitRow,
    add_event,
    check_text,
    get_row,
    move,
    refuse_final,
    to_rows,
)
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database


def confirm_visit(
    db: Database, actor: Actor, visit_id: int, *, now: datetime | None = None, note: str = ""
) -> VisitRow:
    """The owner confirmed the time by phone (the day before)."""
    now = now or utcnow()
    note = check_text(note, "备注")
    with db.begin() as s:
        visit = get_row(s, visit_id, lock=True)
        move(s, visit, "confirmed", actor, now, note)
        visit.confirmed_at = now
        visit.confirmed_by = actor.staff_no
        return to_rows(s, [visit])[0]


def record_departure_call(
    db: Database, actor: Actor, visit_id: int, result: str, *, now: datetime | None = None
) -> VisitRow:
    """The call before leaving: ``done`` or ``no_answer``."""
    now = now or utcnow()
    if result not in rules.DEPARTURE_CALLS:
        raise ValidationError("出发前电话的结果只能是“已通话”或“无人接听”。")
    with db.begin() as s:
        visit = get_row(s, visit_id, lock=True)
        refuse_final(visit)
        if visit.status != "confirmed":
            raise ValidationError("请先确认预约（提前一天电话确认），再登记出发前电话。")
        visit.departure_call = result
        visit.departure_call_at = now
        add_event(
            s,
            visit,
            actor,
            "departure_call",
            now,
            visit.status,
            rules.DEPARTURE_CALL_LABELS[result],
        )
        return to_rows(s, [visit])[0]


def set_checklist(
    db: Database,
    actor: Actor,
    visit_id: int,
    ticked: Sequence[str],
    *,
    now: datetime | None = None,
) -> VisitRow:
    """Store which checklist items are ticked (staff ID, change, detector, receipts, shoe covers)."""
    now = now or utcnow()
    try:
        items = rules.check_checklist(ticked)
    except VisitRuleError as exc:
        raise ValidationError(str(exc)) from None
    with db.begin() as s:
        visit = get_row(s, visit_id, lock=True)
        refuse_final(visit)
        if visit.status == "out":
            raise ValidationError("已出发，不能再修改出发前检查清单。")
        visit.checklist = json.dumps(list(items))
        labels = "、".join(rules.CHECKLIST_LABELS[i] for i in items) or "（无）"
        add_event(s, visit, actor, "checklist", now, visit.status, labels)
        return to_rows(s, [visit])[0]


def set_out(db: Database, actor: Actor, visit_id: int, *, now: datetime | None = None) -> VisitRow:
    """Leave for the visit: needs the pre-departure call and the whole checklist."""
    now = now or utcnow()
    with db.begin() as s:
        visit = get_row(s, visit_id, lock=True)
        refuse_final(visit)
        if visit.status != "confirmed":
            raise ValidationError("只有已确认的预约才能出发。")
        try:
            rules.check_departure(visit.departure_call, json.loads(visit.checklist or "[]"))
        except VisitRuleError as exc:
            raise ValidationError(str(exc)) from None
        move(s, visit, "out", actor, now)
        visit.out_at = now
        return to_rows(s, [visit])[0]


def cancel_visit(
    db: Database, actor: Actor, visit_id: int, reason: str, *, now: datetime | None = None
) -> VisitRow:
    """Cancel a visit that has not happened; a reason is required."""
    now = now or utcnow()
    reason = check_text(reason, "取消原因")
    if not reason:
        raise ValidationError("取消上门收费必须填写原因。")
    with db.begin() as s:
        visit = get_row(s, visit_id, lock=True)
        move(s, visit, "cancelled", actor, now, reason)
        visit.cancel_reason = reason
        visit.outcome_at = now
        visit.outcome_by = actor.staff_no
        return to_rows(s, [visit])[0]
