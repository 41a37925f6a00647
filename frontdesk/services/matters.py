"""Matters (工单): record, hand over, resolve, call back, close and reopen.

Each public function is one user action in one transaction: the matter row,
its timeline entry (``matter_event``) and the audit event are written together.
Deadlines come from ``config.matters`` and are counted in the office calendar
(``config.office``); they are stored in UTC. A matter keeps its deadline after
it passes; the lateness of a late resolution is added to ``late_minutes`` and
survives a reopen, as does ``first_deadline_at``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from frontdesk.domain import matters as dm
from frontdesk.domain.deadlines import Deadline, parse_deadline
from frontdesk.domain.workcalendar import OfficeCalendar, from_local, to_local
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.search import mask_phone
from frontdesk.services.users import Actor, require
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models.estate import Household, Room
from frontdesk.storage.models.matters import Matter, MatterCounter, MatterEvent
from frontdesk.storage.models.staff import Staff

__all__ = [
    "MATTER_ROLES",
    "Colleague",
    "MatterCounts",
    "MatterDetail",
    "MatterInput",
    "MatterRow",
    "MatterRules",
    "TimelineEntry",
    "add_note",
    "assign",
    "call_back",
    "close",
    "colleagues",
    "create_matter",
    "get_matter",
    "list_matters",
    "matter_counts",
    "record_attended",
    "reopen",
    "resolve",
    "rules_from_config",
    "take",
]

MATTER_ROLES = ("clerk", "supervisor")
MAX_TEXT = 4000
_PHONE_CHARS = set("0123456789+- ()")


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


# ---------------------------------------------------------------- creating


def create_matter(
    db: Database,
    actor: Actor,
    data: MatterInput,
    rules: MatterRules,
    *,
    now: datetime | None = None,
) -> MatterRow:
    """Record a new matter; the clerk who takes it is its first-contact owner.

    Raises:
        PermissionDenied: not a clerk or supervisor.
        ValidationError: a missing description, an unknown kind/channel/category,
            a complaint without valid/invalid, a bad phone number, an unknown room
            or colleague.
    """
    require(actor, *MATTER_ROLES)
    clean = _checked_input(data)
    when = now or utcnow()
    with db.begin() as s:
        me = _staff(s, actor)
        owner = _staff_by_no(s, clean.owner_staff_no) if clean.owner_staff_no else me
        household_id, room_code = _household(s, clean.household_id, clean.room_code)
        spec = rules.deadline_for(clean.kind, clean.complexity)
        deadline = rules.due(spec, when)
        attend = (
            rules.due(rules.deadlines["repair_attend"], when) if clean.kind == "repair" else None
        )
        seq = _next_seq(s, dm.NUMBER_PREFIXES[clean.kind], to_local(when, rules.zone).year)
        matter = Matter(
            number=dm.matter_number(clean.kind, to_local(when, rules.zone).year, seq),
            kind=clean.kind,
            channel=clean.channel,
            category=clean.category,
            complexity=clean.complexity,
            valid=clean.valid,
            household_id=household_id,
            room_code=room_code,
            contact_name=clean.contact_name,
            contact_phone=clean.contact_phone,
            description=clean.description,
            visitor_visit_id=clean.visitor_visit_id,
            raised_at=when,
            taken_by_id=me.id,
            owner_id=owner.id,
            status="new",
            deadline_at=deadline,
            first_deadline_at=deadline,
            attend_deadline_at=attend,
            late_minutes=0,
            reopen_count=0,
            resolution="",
            updated_at=when,
        )
        s.add(matter)
        s.flush()
        note = f"时限 {spec.describe()}"
        if owner.id != me.id:
            note += f"；转交 {owner.name}（{owner.staff_no}）"
        _event(s, matter, actor, "created", "", "new", note, when)
        audit.record(
            s,
            actor.staff_no,
            "matter.create",
            "matter",
            matter.id,
            {"number": matter.number, "kind": matter.kind, "owner": owner.staff_no},
        )
        return _row(s, matter, rules, when)


def _checked_input(data: MatterInput) -> MatterInput:
    if data.kind not in dm.KINDS:
        raise ValidationError(f"未知的工单类型“{data.kind}”。")
    if data.channel not in dm.CHANNELS:
        raise ValidationError(f"未知的来源“{data.channel}”。")
    if data.category not in dm.CATEGORIES:
        raise ValidationError(f"未知的类别“{data.category}”。")
    description = data.description.strip()
    if not description:
        raise ValidationError("请填写事项内容。")
    if len(description) > MAX_TEXT:
        raise ValidationError(f"事项内容太长（最多 {MAX_TEXT} 字）。")
    complexity, valid = data.complexity, data.valid
    if data.kind == "complaint":
        if complexity not in dm.COMPLEXITIES:
            raise ValidationError("投诉须选择简单或复杂。")
        if valid is None:
            raise ValidationError("投诉须注明是否为有效投诉。")
    else:
        complexity, valid = None, None
    name = data.contact_name.strip()
    phone = _checked_phone(data.contact_phone)
    if not name and not phone and data.household_id is None and not data.room_code.strip():
        raise ValidationError("请填写房号或联系人（姓名或电话）。")
    if len(name) > 64:
        raise ValidationError("联系人姓名太长（最多 64 字）。")
    return MatterInput(
        kind=data.kind,
        description=description,
        channel=data.channel,
        category=data.category,
        complexity=complexity,
        valid=valid,
        household_id=data.household_id,
        room_code=data.room_code.strip(),
        contact_name=name,
        contact_phone=phone,
        visitor_visit_id=data.visitor_visit_id,
        owner_staff_no=(data.owner_staff_no or "").strip() or None,
    )


def _checked_phone(text: str) -> str:
    phone = text.strip()
    if not phone:
        return ""
    digits = sum(ch.isdigit() for ch in phone)
    if any(ch not in _PHONE_CHARS for ch in phone) or not 3 <= digits <= 20:
        raise ValidationError(f"电话号码“{phone}”无效：只能有数字、+、- 和空格。")
    return phone


def _household(s: Session, household_id: int | None, room_code: str) -> tuple[int | None, str]:
    if household_id is not None:
        code = s.scalar(
            select(Room.code)
            .join(Household, Household.room_id == Room.id)
            .where(Household.id == household_id)
        )
        if code is None:
            raise ValidationError(f"找不到编号为 {household_id} 的住户。")
        return household_id, code
    if room_code:
        found = s.scalar(
            select(Household.id)
            .join(Room, Room.id == Household.room_id)
            .where(Room.code == room_code)
        )
        if found is None:
            raise ValidationError(f"没有房号为“{room_code}”的住户，请检查房号。")
        return found, room_code
    return None, ""


def _next_seq(s: Session, prefix: str, year: int) -> int:
    """Next number of the series, under a row lock (see ``payments._next_receipt_seq``)."""
    query = (
        select(MatterCounter)
        .where(MatterCounter.prefix == prefix, MatterCounter.year == year)
        .with_for_update()
    )
    counter = s.scalar(query)
    if counter is None:
        dialect = s.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        s.execute(
            insert(MatterCounter)
            .values(prefix=prefix, year=year, last_seq=0)
            .on_conflict_do_nothing(index_elements=["prefix", "year"])
        )
        counter = s.scalars(query).one()
    counter.last_seq += 1
    return counter.last_seq


# ---------------------------------------------------------------- changing


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
            target = _staff_by_no(s, owner_no or "")
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
        _event(s, matter, actor, action, old, new, note, when)
        details.update({"from": old, "to": new})
        audit.record(s, actor.staff_no, f"matter.{action}", "matter", matter.id, details)
        s.flush()
        return _row(s, matter, rules, when)


def _event(
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


def _staff(s: Session, actor: Actor) -> Staff:
    staff = s.scalar(select(Staff).where(Staff.staff_no == actor.staff_no))
    if staff is None:
        raise ValidationError(f"找不到工号 {actor.staff_no}。")
    return staff


def _staff_by_no(s: Session, staff_no: str) -> Staff:
    staff = s.scalar(select(Staff).where(Staff.staff_no == staff_no))
    if staff is None or not staff.active:
        raise ValidationError(f"找不到在职的同事（工号 {staff_no}）。")
    return staff


# ---------------------------------------------------------------- reading


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
        names = _staff_names(s, {m.owner_id for m in matters} | {m.taken_by_id for m in matters})
        rows = [_row(s, m, rules, when, names) for m in matters]
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
            row=_row(s, matter, rules, when),
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


def _staff_names(s: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    return {
        sid: (no, name)
        for sid, no, name in s.execute(
            select(Staff.id, Staff.staff_no, Staff.name).where(Staff.id.in_(sorted(ids)))
        )
    }


def _row(
    s: Session,
    m: Matter,
    rules: MatterRules,
    now: datetime,
    names: dict[int, tuple[str, str]] | None = None,
) -> MatterRow:
    if names is None:
        names = _staff_names(s, {m.owner_id, m.taken_by_id})
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
