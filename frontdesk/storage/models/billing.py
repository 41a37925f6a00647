"""Fee standards (收费标准), their rate history, and the bills (应收) made from them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from frontdesk.storage.base import Base, Fen, UTCDateTime, utcnow

FEE_KINDS = ("area_monthly", "fixed_monthly", "one_off")


class FeeItem(Base):
    """A fee the office charges: per m² per month, fixed per month, or one-off.

    Late fees (off by default): after ``late_fee_grace_days`` past the due date,
    ``late_fee_daily_bp`` basis points (1/10,000) of the principal per day,
    capped at ``late_fee_cap_percent`` % of the principal.
    """

    __tablename__ = "fee_item"
    __table_args__ = (
        CheckConstraint("kind IN ('area_monthly', 'fixed_monthly', 'one_off')", name="kind"),
        CheckConstraint("due_day BETWEEN 1 AND 28", name="due_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    due_day: Mapped[int] = mapped_column(default=15)
    active: Mapped[bool] = mapped_column(default=True)
    late_fee_enabled: Mapped[bool] = mapped_column(default=False)
    late_fee_grace_days: Mapped[int] = mapped_column(default=30)
    late_fee_daily_bp: Mapped[int] = mapped_column(default=5)
    late_fee_cap_percent: Mapped[int] = mapped_column(default=100)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    rates: Mapped[list[FeeRate]] = relationship(
        back_populates="item", order_by="FeeRate.effective_from"
    )


class FeeRate(Base):
    """One rate of a fee item, applying from ``effective_from`` until the next one.

    ``rate_fen`` is fen per m² per month (area_monthly), fen per month
    (fixed_monthly) or fen per charge (one_off).
    """

    __tablename__ = "fee_rate"
    __table_args__ = (
        UniqueConstraint("fee_item_id", "effective_from"),
        CheckConstraint("rate_fen > 0", name="rate_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    fee_item_id: Mapped[int] = mapped_column(ForeignKey("fee_item.id"))
    effective_from: Mapped[date] = mapped_column(Date)
    rate_fen: Mapped[int] = mapped_column(Fen)
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    item: Mapped[FeeItem] = relationship(back_populates="rates")


class Bill(Base):
    """What a household owes for one fee item and period; never billed twice.

    The standard is copied in (``rate_fen``, ``quantity_centi``) so a later rate
    change leaves it alone: amount = rate × quantity / 100, rounded half up.
    ``quantity_centi`` is the area in hundredths of m² for area fees, 100 otherwise.
    ``status``: open → paid; a void or refund of its payment re-opens it.
    """

    __tablename__ = "bill"
    __table_args__ = (
        UniqueConstraint("household_id", "fee_item_id", "period"),
        CheckConstraint("status IN ('open', 'paid', 'cancelled')", name="status"),
        CheckConstraint("amount_fen >= 0", name="amount_not_negative"),
        Index("ix_bill_household_status", "household_id", "status"),
        Index("ix_bill_item_period", "fee_item_id", "period"),  # the bill run's "already billed?"
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    fee_item_id: Mapped[int] = mapped_column(ForeignKey("fee_item.id"))
    period: Mapped[str] = mapped_column(String(16))  # YYYY-MM (or a label for one-off fees)
    rate_fen: Mapped[int] = mapped_column(Fen)
    quantity_centi: Mapped[int]
    amount_fen: Mapped[int] = mapped_column(Fen)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    prepaid: Mapped[bool] = mapped_column(default=False)  # made at the counter for a month ahead
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    item: Mapped[FeeItem] = relationship()
