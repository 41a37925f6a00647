"""Overdue-fee calls (催缴): one call task per household and round, and each attempt made."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from frontdesk.storage.base import Base, Fen, UTCDateTime, utcnow

_STATUSES = (
    "'open', 'promised', 'escalated', 'unreachable', 'wrong_number', 'paid', 'broken', 'closed'"
)
_OUTCOMES = "'no_answer', 'wrong_number', 'refused', 'already_paid', 'promise'"


class FeeCall(Base):
    """A household to phone about its arrears, until the call comes to an end.

    ``amount_owed_fen`` and ``oldest_due`` are what was overdue when planned;
    ``scheduled_at`` the proposed time of the next attempt; ``escalation`` why
    a supervisor has it (``refused`` / ``claimed_paid``). A follow-up of a
    broken promise points at the call it follows (``follow_up_of_id``).
    ``visit_id`` is a home visit booked from a promise (no foreign key: the
    visits area owns that table).
    """

    __tablename__ = "fee_call"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUSES})", name="status"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        CheckConstraint("amount_owed_fen >= 0", name="amount_not_negative"),
        Index("ix_fee_call_status_scheduled_at", "status", "scheduled_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    amount_owed_fen: Mapped[int] = mapped_column(Fen)
    oldest_due: Mapped[date] = mapped_column(Date)
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    last_outcome: Mapped[str] = mapped_column(String(16), default="")
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    promised_on: Mapped[date | None] = mapped_column(Date)
    promised_amount_fen: Mapped[int | None] = mapped_column(Fen)
    promised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    escalation: Mapped[str] = mapped_column(String(16), default="")
    follow_up_of_id: Mapped[int | None] = mapped_column(ForeignKey("fee_call.id"))
    visit_id: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    attempt_rows: Mapped[list[FeeCallAttempt]] = relationship(
        back_populates="call", order_by="FeeCallAttempt.id"
    )


class FeeCallAttempt(Base):
    """One attempt to reach the owner: who, when, the outcome, and why outside the window."""

    __tablename__ = "fee_call_attempt"
    __table_args__ = (CheckConstraint(f"outcome IN ({_OUTCOMES})", name="outcome"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("fee_call.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    staff_no: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(16))
    promised_on: Mapped[date | None] = mapped_column(Date)
    promised_amount_fen: Mapped[int | None] = mapped_column(Fen)
    outside_window: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    call: Mapped[FeeCall] = relationship(back_populates="attempt_rows")
