"""Reading matters: the list most urgent first, one matter with its timeline, the counts, colleagues."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select

from frontdesk.domain import matters as dm
from frontdesk.errors import ValidationError
from frontdesk.services.matters.records import (
    Colleague,
    MatterCounts,
    MatterDetail,
    MatterRow,
    MatterRules,
    TimelineEntry,
    matter_row,
    staff_names,
)
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models.matters import Matter, MatterEvent
from frontdesk.storage.models.staff import Staff


def list_matters(
    db: Database,
    rules: MatterRules,
    *,
    kind: str | None = None,
    status: str | None = None,
    owner_staff_no: str | None = None,
    include_closed: bool = False,
    limit: int = 500,
    now: datetime | None = None,
) -> list[MatterRow]:
    """Matters, most urgent first (overdue, call-backs overdue, due soon, …).

    Without ``status``, closed matters are left out unless ``include_closed``.
    """
    when = now or utcnow()
    with db.read() as s:
        query = select(Matter)
        if kind:
            query = query.where(Matter.kind == kind)
        if status:
            query = query.where(Matter.status == status)
        elif not include_closed:
            query = query.where(Matter.status != "closed")
        if owner_staff_no:
            owner = s.scalar(select(Staff.id).where(Staff.staff_no == owner_staff_no))
            query = query.where(Matter.owner_id == (owner if owner is not None else -1))
        # Open work first in the database too, so the limit never cuts urgent rows.
        open_first = func.coalesce(Matter.callback_due_at, Matter.deadline_at)
        query = query.order_by(Matter.closed_at.is_not(None), open_first).limit(limit)
        matters = s.scalars(query).all()
        names = staff_names(s, {m.owner_id for m in matters} | {m.taken_by_id for m in matters})
        rows = [matter_row(s, m, rules, when, names) for m in matters]
    rows.sort(key=lambda r: r.sort_key)
    return rows


def get_matter(
    db: Database, matter_id: int, rules: MatterRules, *, now: datetime | None = None
) -> MatterDetail:
    """One matter with its timeline, oldest entry first.

    Raises:
        ValidationError: no such matter.
    """
    when = now or utcnow()
    with db.read() as s:
        matter = s.get(Matter, matter_id)
        if matter is None:
            raise ValidationError(f"找不到编号为 {matter_id} 的工单。")
        events = s.scalars(
            select(MatterEvent)
            .where(MatterEvent.matter_id == matter_id)
            .order_by(MatterEvent.at, MatterEvent.id)
        ).all()
        names = {no: name for no, name in s.execute(select(Staff.staff_no, Staff.name))}
        timeline = [
            TimelineEntry(
                e.at,
                f"{names.get(e.actor, e.actor)}（{e.actor}）",
                e.action,
                e.from_status,
                e.to_status,
                e.note,
            )
            for e in events
        ]
        actions = [
            a
            for a in dm.allowed_actions(matter.status)
            if a != "attend" or (matter.kind == "repair" and matter.attended_at is None)
        ]
        return MatterDetail(
            row=matter_row(s, matter, rules, when),
            contact_phone=matter.contact_phone,
            resolution=matter.resolution,
            attend_deadline_at=matter.attend_deadline_at,
            attended_at=matter.attended_at,
            closed_at=matter.closed_at,
            visitor_visit_id=matter.visitor_visit_id,
            timeline=timeline,
            actions=actions,
        )


def matter_counts(
    db: Database,
    *,
    now: datetime | None = None,
    due_soon_minutes: int = 60,
    owner_staff_no: str | None = None,
) -> MatterCounts:
    """Open matters overdue and due within ``due_soon_minutes``; call-backs due by now.

    Three indexed counts (``status``, ``deadline_at`` / ``callback_due_at``).
    """
    when = now or utcnow()
    soon = when + timedelta(minutes=due_soon_minutes)
    is_open = Matter.status.in_(sorted(dm.OPEN_STATUSES))
    repair_late = and_(Matter.attended_at.is_(None), Matter.attend_deadline_at.is_not(None))
    with db.read() as s:
        owner_filter: list[Any] = []
        if owner_staff_no:
            owner = s.scalar(select(Staff.id).where(Staff.staff_no == owner_staff_no))
            owner_filter = [Matter.owner_id == (owner if owner is not None else -1)]

        def count(*where: Any) -> int:
            return int(
                s.scalar(select(func.count()).select_from(Matter).where(*where, *owner_filter)) or 0
            )

        overdue = count(
            is_open,
            or_(Matter.deadline_at < when, and_(repair_late, Matter.attend_deadline_at < when)),
        )
        due_soon = count(
            is_open,
            Matter.deadline_at >= when,
            or_(
                Matter.deadline_at <= soon,
                and_(
                    repair_late,
                    Matter.attend_deadline_at >= when,
                    Matter.attend_deadline_at <= soon,
                ),
            ),
            ~and_(repair_late, Matter.attend_deadline_at < when),
        )
        callbacks = count(Matter.status == "resolved", Matter.callback_due_at <= when)
    return MatterCounts(due_soon=due_soon, overdue=overdue, callbacks_due=callbacks)


def colleagues(db: Database, roles: tuple[str, ...] | None = None) -> list[Colleague]:
    """Active staff (of ``roles``, default all), by staff number: whom work can go to."""
    with db.read() as s:
        query = select(Staff).where(Staff.active).order_by(Staff.staff_no)
        if roles:
            query = query.where(Staff.role.in_(roles))
        return [Colleague(st.id, st.staff_no, st.name, st.role) for st in s.scalars(query)]
