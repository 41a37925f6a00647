"""The cash drawer (钱箱): a session per desk from float to day close, and every cash movement.

Pieces are JSON objects mapping a denomination key to a signed count, e.g.
``{"10000": 2, "100c": -1}`` (see ``frontdesk.domain.money``: value in fen,
``c`` suffix for the 1-yuan coin).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.storage.base import Base, Fen, UTCDateTime, utcnow

MOVEMENT_KINDS = ("float", "sale", "change", "cash_in", "cash_out", "void", "refund")


class CashSession(Base):
    """One desk's drawer for one business day, opened with a counted float and closed by a count."""

    __tablename__ = "cash_session"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed')", name="status"),
        Index("ix_cash_session_desk_status", "desk", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    desk: Mapped[str] = mapped_column(String(64))
    business_date: Mapped[date] = mapped_column(Date)
    opened_by: Mapped[str] = mapped_column(String(32))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[str] = mapped_column(String(8), default="open")
    closed_by: Mapped[str | None] = mapped_column(String(32))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expected_fen: Mapped[int | None] = mapped_column(Fen)
    counted_fen: Mapped[int | None] = mapped_column(Fen)
    counted_pieces: Mapped[str | None] = mapped_column(Text)
    difference_fen: Mapped[int | None] = mapped_column(Fen)
    difference_approved_by: Mapped[str | None] = mapped_column(String(32))
    close_note: Mapped[str] = mapped_column(Text, default="")


class CashMovement(Base):
    """Money into (+) or out of (−) a drawer, with the pieces that moved."""

    __tablename__ = "cash_movement"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('float', 'sale', 'change', 'cash_in', 'cash_out', 'void', 'refund')",
            name="kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cash_session_id: Mapped[int] = mapped_column(ForeignKey("cash_session.id"), index=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"))
    kind: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Fen)
    pieces: Mapped[str] = mapped_column(Text, default="{}")
    reason: Mapped[str] = mapped_column(Text, default="")
    by_staff_no: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
