"""Matters (工单): complaints, enquiries, repairs and messages, with their timeline.

Also the messages (留言) one colleague takes for another, and the per-kind,
per-year counter behind the matter numbers.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.storage.base import Base, UTCDateTime, utcnow


class MatterCounter(Base):
    """Last matter number per prefix and year; locked while a matter is created."""

    __tablename__ = "matter_counter"
    __table_args__ = (UniqueConstraint("prefix", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prefix: Mapped[str] = mapped_column(String(8))
    year: Mapped[int]
    last_seq: Mapped[int] = mapped_column(default=0)


class Matter(Base):
    """A complaint, enquiry, repair or phone message, from receipt to close.

    ``taken_by_id`` is the clerk who took it (first-contact owner, never
    changes); ``owner_id`` who has it now. ``deadline_at`` is the current
    deadline (kept after it passes); ``first_deadline_at`` the one set when the
    matter was received. ``late_minutes`` adds up the lateness of every
    resolution that came after its deadline, so reopening never hides it.
    """

    __tablename__ = "matter"
    __table_args__ = (
        CheckConstraint("kind IN ('complaint', 'enquiry', 'repair', 'message')", name="kind"),
        CheckConstraint(
            "status IN ('new', 'in_progress', 'resolved', 'called_back', 'closed')", name="status"
        ),
        Index("ix_matter_status_deadline", "status", "deadline_at"),
        Index("ix_matter_status_callback", "status", "callback_due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(24))
    complexity: Mapped[str | None] = mapped_column(String(16))  # complaints: simple | complex
    valid: Mapped[bool | None]  # complaints: 有效投诉 or not
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), index=True)
    room_code: Mapped[str] = mapped_column(String(48), default="")
    contact_name: Mapped[str] = mapped_column(String(64), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    description: Mapped[str] = mapped_column(Text)
    visitor_visit_id: Mapped[int | None] = mapped_column(ForeignKey("visitor_visit.id"), index=True)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    taken_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="new")
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime())
    first_deadline_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attend_deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # repairs
    attended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    late_minutes: Mapped[int] = mapped_column(default=0)
    reopen_count: Mapped[int] = mapped_column(default=0)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolution: Mapped[str] = mapped_column(Text, default="")
    callback_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    called_back_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    satisfaction: Mapped[str | None] = mapped_column(String(16))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MatterEvent(Base):
    """One entry of a matter's timeline: who did what, when, from which status to which."""

    __tablename__ = "matter_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    matter_id: Mapped[int] = mapped_column(ForeignKey("matter.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(32))  # staff number
    action: Mapped[str] = mapped_column(String(16))
    from_status: Mapped[str] = mapped_column(String(16), default="")
    to_status: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class StaffMessage(Base):
    """A message (留言) taken for a colleague: from whom, call-back number, read back or not."""

    __tablename__ = "staff_message"
    __table_args__ = (Index("ix_staff_message_to_read", "to_staff_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to_staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    taken_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime())
    caller_name: Mapped[str] = mapped_column(String(64))
    callback_phone: Mapped[str] = mapped_column(String(32), default="")
    body: Mapped[str] = mapped_column(Text)
    read_back: Mapped[bool] = mapped_column(default=False)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
