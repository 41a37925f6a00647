"""Recording a new matter in one step: checked input, the household, the number per kind and year."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from frontdesk.domain import matters as dm
from frontdesk.domain.workcalendar import to_local
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.matters.records import (
    MATTER_ROLES,
    MAX_TEXT,
    PHONE_CHARS,
    MatterInput,
    MatterRow,
    MatterRules,
    add_event,
    matter_row,
    staff_by_no,
    staff_of,
)
from frontdesk.services.users import Actor, require
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models.estate import Household, Room
from frontdesk.storage.models.matters import Matter, MatterCounter


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
        me = staff_of(s, actor)
        owner = staff_by_no(s, clean.owner_staff_no) if clean.owner_staff_no else me
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
        add_event(s, matter, actor, "created", "", "new", note, when)
        audit.record(
            s,
            actor.staff_no,
            "matter.create",
            "matter",
            matter.id,
            {"number": matter.number, "kind": matter.kind, "owner": owner.staff_no},
        )
        return matter_row(s, matter, rules, when)


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
    if any(ch not in PHONE_CHARS for ch in phone) or not 3 <= digits <= 20:
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
