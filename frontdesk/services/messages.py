"""Messages (留言) for a colleague: take one, see one's unread messages, mark them read.

Anyone logged in may take a message for anyone active; only the person it is
for sees it (and marks it read).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.users import Actor
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models.matters import StaffMessage
from frontdesk.storage.models.staff import Staff

__all__ = ["MessageInfo", "list_messages", "mark_read", "take_message", "unread_count"]

MAX_BODY = 2000
_PHONE_CHARS = set("0123456789+- ()")


@dataclass(frozen=True)
class MessageInfo:
    id: int
    taken_at: datetime
    taken_by: str
    caller_name: str
    callback_phone: str
    body: str
    read_back: bool
    read_at: datetime | None


def take_message(
    db: Database,
    actor: Actor,
    *,
    to_staff_no: str,
    caller_name: str,
    callback_phone: str,
    body: str,
    read_back: bool,
    now: datetime | None = None,
) -> int:
    """Write down a message for ``to_staff_no``; returns its id.

    Raises:
        ValidationError: no such active colleague, no caller, no message, or a
            call-back number that is not a phone number.
    """
    caller = caller_name.strip()
    text = body.strip()
    phone = callback_phone.strip()
    if not to_staff_no.strip():
        raise ValidationError("请选择留言给哪位同事。")
    if not caller:
        raise ValidationError("请填写留言人（来电人）姓名。")
    if len(caller) > 64:
        raise ValidationError("留言人姓名太长（最多 64 字）。")
    if not text:
        raise ValidationError("请填写留言内容。")
    if len(text) > MAX_BODY:
        raise ValidationError(f"留言内容太长（最多 {MAX_BODY} 字）。")
    if phone:
        digits = sum(ch.isdigit() for ch in phone)
        if any(ch not in _PHONE_CHARS for ch in phone) or not 3 <= digits <= 20:
            raise ValidationError(f"回电号码“{phone}”无效：只能有数字、+、- 和空格。")
    when = now or utcnow()
    with db.begin() as s:
        to = s.scalar(select(Staff).where(Staff.staff_no == to_staff_no.strip()))
        if to is None or not to.active:
            raise ValidationError(f"找不到在职的同事（工号 {to_staff_no}）。")
        me = s.scalar(select(Staff).where(Staff.staff_no == actor.staff_no))
        if me is None:
            raise ValidationError(f"找不到工号 {actor.staff_no}。")
        message = StaffMessage(
            to_staff_id=to.id,
            taken_by_id=me.id,
            taken_at=when,
            caller_name=caller,
            callback_phone=phone,
            body=text,
            read_back=read_back,
        )
        s.add(message)
        s.flush()
        audit.record(
            s,
            actor.staff_no,
            "message.take",
            "staff_message",
            message.id,
            {"to": to.staff_no, "read_back": read_back},
        )
        return message.id


def unread_count(db: Database, staff_no: str) -> int:
    """How many messages wait unread for ``staff_no`` (one indexed count)."""
    with db.read() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(StaffMessage)
                .join(Staff, Staff.id == StaffMessage.to_staff_id)
                .where(Staff.staff_no == staff_no, StaffMessage.read_at.is_(None))
            )
            or 0
        )


def list_messages(
    db: Database, actor: Actor, *, unread_only: bool = False, limit: int = 200
) -> list[MessageInfo]:
    """The actor's own messages, unread first, newest first within each."""
    taker = aliased(Staff)
    with db.read() as s:
        query = (
            select(StaffMessage, taker.name, taker.staff_no)
            .join(Staff, Staff.id == StaffMessage.to_staff_id)
            .join(taker, taker.id == StaffMessage.taken_by_id)
            .where(Staff.staff_no == actor.staff_no)
        )
        if unread_only:
            query = query.where(StaffMessage.read_at.is_(None))
        query = query.order_by(
            StaffMessage.read_at.is_not(None), StaffMessage.taken_at.desc(), StaffMessage.id.desc()
        ).limit(limit)
        return [
            MessageInfo(
                m.id,
                m.taken_at,
                f"{name}（{no}）",
                m.caller_name,
                m.callback_phone,
                m.body,
                m.read_back,
                m.read_at,
            )
            for m, name, no in s.execute(query)
        ]


def mark_read(db: Database, actor: Actor, message_id: int, *, now: datetime | None = None) -> None:
    """Mark one of the actor's messages read (again is harmless).

    Raises:
        ValidationError: no such message for this person.
    """
    with db.begin() as s:
        row = s.execute(
            select(StaffMessage)
            .join(Staff, Staff.id == StaffMessage.to_staff_id)
            .where(StaffMessage.id == message_id, Staff.staff_no == actor.staff_no)
        ).scalar_one_or_none()
        if row is None:
            raise ValidationError("找不到这条留言（或它不是留给您的）。")
        if row.read_at is None:
            row.read_at = now or utcnow()
            audit.record(s, actor.staff_no, "message.read", "staff_message", row.id)
