"""Payments, what they paid, how they were paid, receipt numbers and prepayment credit.

Nothing here is ever deleted. A void or refund is a ``PaymentReversal`` row
pointing at the payment; the payment's ``status`` mirrors it for quick lookups.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from frontdesk.storage.base import Base, Fen, UTCDateTime, utcnow

METHODS = ("cash", "wechat", "alipay", "unionpay", "transfer", "prepay")


class ReceiptCounter(Base):
    """Next receipt number per desk, series and year; locked while a payment is written."""

    __tablename__ = "receipt_counter"
    __table_args__ = (UniqueConstraint("desk", "series", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    desk: Mapped[str] = mapped_column(String(64))
    series: Mapped[str] = mapped_column(String(8))
    year: Mapped[int]
    last_seq: Mapped[int] = mapped_column(default=0)


class Payment(Base):
    """One payment at a desk, with its receipt (票据) number."""

    __tablename__ = "payment"
    __table_args__ = (
        CheckConstraint("status IN ('completed', 'voided', 'refunded')", name="status"),
        Index("ix_payment_desk_business_date", "desk", "business_date"),
        Index("ix_payment_household_id", "household_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(32), unique=True)
    desk: Mapped[str] = mapped_column(String(64))
    series: Mapped[str] = mapped_column(String(8))
    year: Mapped[int]
    seq: Mapped[int]
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    cashier_staff_no: Mapped[str] = mapped_column(String(32))
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    business_date: Mapped[date] = mapped_column(Date)  # the desk's local date
    due_fen: Mapped[int] = mapped_column(Fen)  # bills + late fees allocated
    rounding_fen: Mapped[int] = mapped_column(Fen, default=0)  # cash rounding (+/-)
    total_fen: Mapped[int] = mapped_column(
        Fen
    )  # what the owner pays: due + rounding + credit added
    tendered_fen: Mapped[int] = mapped_column(Fen)  # cash handed over (0 without cash)
    change_fen: Mapped[int] = mapped_column(Fen, default=0)
    credit_added_fen: Mapped[int] = mapped_column(Fen, default=0)  # overpayment kept as prepayment
    credit_used_fen: Mapped[int] = mapped_column(Fen, default=0)
    credit_after_fen: Mapped[int] = mapped_column(Fen, default=0)
    status: Mapped[str] = mapped_column(String(16), default="completed")
    cash_session_id: Mapped[int | None] = mapped_column(ForeignKey("cash_session.id"))
    receipt_text: Mapped[str] = mapped_column(
        Text, default=""
    )  # the receipt content as issued (JSON)

    tenders: Mapped[list[PaymentTender]] = relationship(
        order_by="PaymentTender.id", back_populates="payment"
    )
    allocations: Mapped[list[Allocation]] = relationship(
        order_by="Allocation.id", back_populates="payment"
    )


class PaymentTender(Base):
    """One method's share of a payment (a payment can be split across methods)."""

    __tablename__ = "payment_tender"
    __table_args__ = (
        CheckConstraint(
            "method IN ('cash', 'wechat', 'alipay', 'unionpay', 'transfer', 'prepay')",
            name="method",
        ),
        CheckConstraint("amount_fen > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id"), index=True)
    method: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Fen)
    reference: Mapped[str] = mapped_column(String(64), default="")

    payment: Mapped[Payment] = relationship(back_populates="tenders")


class Allocation(Base):
    """The part of a payment that settles one bill, with any late fee charged on it."""

    __tablename__ = "allocation"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id"), index=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bill.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(Fen)
    late_fee_fen: Mapped[int] = mapped_column(Fen, default=0)

    payment: Mapped[Payment] = relationship(back_populates="allocations")


class PaymentReversal(Base):
    """A void (作废, same day, before day close) or refund (退款, later) of a payment."""

    __tablename__ = "payment_reversal"
    __table_args__ = (
        CheckConstraint("kind IN ('void', 'refund')", name="kind"),
        UniqueConstraint("payment_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id"))
    kind: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text)
    by_staff_no: Mapped[str] = mapped_column(String(32))
    approved_by_staff_no: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    amount_fen: Mapped[int] = mapped_column(Fen)
    cash_session_id: Mapped[int | None] = mapped_column(ForeignKey("cash_session.id"))


class PrepayEntry(Base):
    """A movement of a household's prepayment credit (预存): + added, − used or refunded."""

    __tablename__ = "prepay_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"))
    reversal_id: Mapped[int | None] = mapped_column(ForeignKey("payment_reversal.id"))
    amount_fen: Mapped[int] = mapped_column(Fen)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    note: Mapped[str] = mapped_column(String(128), default="")
