"""Home fee-collection visits (上门收费) and their history.

A visit is booked for one staff member at one time. Rescheduling does not move
a visit: the old one ends as ``rescheduled`` (or ``not_home``) and a new one is
booked that points back at it (``rescheduled_from_id``), so the agenda and the
history keep both; every step is a ``home_visit_event`` (from, to, who, why).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.storage.base import Base, Fen, UTCDateTime, utcnow

VISIT_STATUSES = ("booked", "confirmed", "out", "done", "not_home", "rescheduled", "cancelled")
VISIT_REASONS = ("owner_asked", "transfer_receipt", "overdue")


class HomeVisit(Base):
    """One booked home collection visit."""

    __tablename__ = "home_visit"
    __table_args__ = (
        CheckConstraint(
            "status IN ('booked', 'confirmed', 'out', 'done', 'not_home', 'rescheduled',"
            " 'cancelled')",
            name="status",
        ),
        CheckConstraint("reason IN ('owner_asked', 'transfer_receipt', 'overdue')", name="reason"),
        CheckConstraint("source IN ('desk', 'phone', 'call')", name="source"),
        CheckConstraint("expected_fen >= 0", name="expected_fen"),
        Index("ix_home_visit_staff_scheduled", "staff_id", "scheduled_at"),
        Index("ix_home_visit_status_scheduled", "status", "scheduled_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    duration_minutes: Mapped[int] = mapped_column(Integer)
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    booked_by: Mapped[str] = mapped_column(String(32))
    expected_fen: Mapped[int] = mapped_column(Fen)
    reason: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(8), default="desk")
    source_call_id: Mapped[int | None] = mapped_column(Integer)
    same_day: Mapped[bool] = mapped_column(Boolean, default=False)
    same_day_reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="booked")
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_by: Mapped[str | None] = mapped_column(String(32))
    departure_call: Mapped[str] = mapped_column(String(16), default="")  # "" | done | no_answer
    departure_call_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checklist: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of ticked items
    out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome_by: Mapped[str | None] = mapped_column(String(32))
    collected_fen: Mapped[int | None] = mapped_column(Fen)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"))
    receipt_no: Mapped[str] = mapped_column(String(32), default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    rescheduled_from_id: Mapped[int | None] = mapped_column(ForeignKey("home_visit.id"))


class HomeVisitEvent(Base):
    """One step in a visit's history: who did what, when, from which status to which."""

    __tablename__ = "home_visit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("home_visit.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by_staff_no: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[str] = mapped_column(String(16), default="")
    to_status: Mapped[str] = mapped_column(String(16), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
