"""Every step after recording: take on, hand over, progress notes, attended, resolve, call back, close, reopen.

All go through ``_change``: the status rule, the timeline entry and the audit
row in one transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from frontdesk.domain import matters as dm
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.matters.records import (
    MATTER_ROLES,
    MAX_TEXT,
    MatterRow,
    MatterRules,
    add_event,
    matter_row,
    staff_by_no,
)
from frontdesk.services.users import Actor, require
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models.matters import Matter


def take(
    db: Database, actor: Actor, matter_id: int, rules: MatterRules, *, now: datetime | None = None
) -> MatterRow:
    """The actor takes the matter on (hand-over to oneself); it is then in progress."""
    return _change(db, actor, matter_id, rules, "take", "", now, owner_no=actor.staff_no)


def assign(
    db: Database,
    actor: Actor,
    matter_id: int,
    to_staff_no: str,
    rules: MatterRules,
    *,
    note: str = "",
    now: datetime | None = None,
) -> MatterRow:
    """Hand the matter to a colleague; the first-contact owner stays on record."""
    if not to_staff_no.strip():
        raise ValidationError("请选择要转交的同事。")
    return _change(db, actor, matter_id, rules, "assign", note, now, owner_no=to_staff_no.strip())


def add_note(
    db: Database,
    actor: Actor,
    matter_id: int,
    note: str,
    rules: MatterRules,
    *,
    now: datetime | None = None,
) -> MatterRow:
    """A progress note on the timeline (an open matter becomes in progress)."""
    if not note.strip():
        raise ValidationError("请填写进展说明。")
    return _change(db, actor, matter_id, rules, "note", note, now)


def record_attended(
    db: Database,
    actor: Actor,
    matter_id: int,
    rules: MatterRules,
    *,
    note: str = "",
    now: datetime | None = None,
) -> MatterRow:
    """A repair was attended (someone went to look); only for repairs."""
    return _change(db, actor, matter_id, rules, "attend", note, now)


def resolve(
    db: Database,
    actor: Actor,
    matter_id: int,
    resolution: str,
    rules: MatterRules,
    *,
    now: datetime | None = None,
) -> MatterRow:
    """Record the resolution; the call-back falls due (enquiries: at a random moment)."""
    if not resolution.strip():
        raise ValidationError("请填写处理结果后再标记为已解决。")
    return _change(db, actor, matter_id, rules, "resolve", resolution, now)


def call_back(
    db: Database,
    actor: Actor,
    matter_id: int,
    satisfaction: str,
    rules: MatterRules,
    *,
    note: str = "",
    at: datetime | None = None,
    now: datetime | None = None,
) -> MatterRow:
    """Record the call-back and the owner's satisfaction.

    ``at`` is when the call was made (default now); it may not be before the
    resolution nor in the future.
    """
    if satisfaction not in dm.SATISFACTIONS:
        raise ValidationError("请选择业主的满意度。")
    return _change(
        db, actor, matter_id, rules, "call_back", note, now, satisfaction=satisfaction, at=at
    )


def close(
    db: Database,
    actor: Actor,
    matter_id: int,
    rules: MatterRules,
    *,
    note: str = "",
    now: datetime | None = None,
) -> MatterRow:
    """Close a resolved (or called-back) matter; one without a resolution is refused."""
    return _change(db, actor, matter_id, rules, "close", note, now)


def reopen(
    db: Database,
    actor: Actor,
    matter_id: int,
    reason: str,
    rules: MatterRules,
    *,
    now: datetime | None = None,
) -> MatterRow:
    """Reopen: a new deadline from now; the first deadline and earlier lateness stay."""
    if not reason.strip():
        raise ValidationError("请说明重新打开的原因。")
    return _change(db, actor, matter_id, rules, "reopen", reason, now)


def _change(
    db: Database,
    actor: Actor,
    matter_id: int,
    rules: MatterRules,
    action: str,
    note: str,
    now: datetime | None,
    *,
    owner_no: str | None = None,
    satisfaction: str | None = None,
    at: datetime | None = None,
) -> MatterRow:
    require(actor, *MATTER_ROLES)
    note = note.strip()
    if len(note) > MAX_TEXT:
        raise ValidationError(f"说明太长（最多 {MAX_TEXT} 字）。")
    when = now or utcnow()
    with db.begin() as s:
        matter = s.scalar(select(Matter).where(Matter.id == matter_id).with_for_update())
        if matter is None:
            raise ValidationError(f"找不到编号为 {matter_id} 的工单。")
        old = matter.status
        try:
            new = dm.next_status(old, action)
        except dm.TransitionError as exc:
            raise ValidationError(f"工单 {matter.number}：{exc}") from None
        details: dict[str, Any] = {"number": matter.number}
        if action in ("take", "assign"):
            target = staff_by_no(s, owner_no or "")
            if action == "assign" and target.id == matter.owner_id:
                raise ValidationError(f"工单 {matter.number} 已经在 {target.name} 手上。")
            matter.owner_id = target.id
            details["owner"] = target.staff_no
            note = f"{target.name}（{target.staff_no}）" + (f"：{note}" if note else "")
        elif action == "note" and old == "new":
            new = "in_progress"
        elif action == "attend":
            if matter.kind != "repair":
                raise ValidationError(f"工单 {matter.number} 不是报修，无需记录到场。")
            if matter.attended_at is not None:
                raise ValidationError(f"工单 {matter.number} 已记录过到场。")
            matter.attended_at = when
        elif action == "resolve":
            spec = rules.deadline_for(matter.kind, matter.complexity)
            late = rules.lateness_minutes(spec, matter.deadline_at, when)
            matter.late_minutes += late
            matter.resolved_at = when
            matter.resolution = note
            matter.callback_due_at = rules.callback_due(matter.kind, when)
            details["late_minutes"] = late
            if matter.kind == "repair" and matter.attended_at is None:
                matter.attended_at = when
        elif action == "call_back":
            called = at or when
            if called.tzinfo is None:
                raise ValidationError("回访时间缺少时区。")
            if matter.resolved_at is None or called < matter.resolved_at:
                raise ValidationError(
                    f"工单 {matter.number}：回访时间不能早于解决时间，请先记录处理结果。"
                )
            if called > when + timedelta(minutes=1):
                raise ValidationError("回访时间不能晚于现在。")
            matter.called_back_at = called
            matter.satisfaction = satisfaction
            details["satisfaction"] = satisfaction
            label = dm.SATISFACTION_LABELS[satisfaction or ""]
            note = label + (f"：{note}" if note else "")
        elif action == "close":
            if not matter.resolution.strip() or matter.resolved_at is None:
                raise ValidationError(f"工单 {matter.number} 没有处理结果，不能关闭。")
            matter.closed_at = when
        elif action == "reopen":
            spec = rules.deadline_for(matter.kind, matter.complexity)
            matter.deadline_at = rules.due(spec, when)
            matter.reopen_count += 1
            matter.resolved_at = None
            matter.callback_due_at = None
            matter.called_back_at = None
            matter.satisfaction = None
            matter.closed_at = None
            details["deadline"] = matter.deadline_at.isoformat()
        matter.status = new
        matter.updated_at = when
        add_event(s, matter, actor, action, old, new, note, when)
        details.update({"from": old, "to": new})
        audit.record(s, actor.staff_no, f"matter.{action}", "matter", matter.id, details)
        s.flush()
        return matter_row(s, matter, rules, when)
