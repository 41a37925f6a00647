"""The print spool: receipts and other slips waiting for (or sent to) a printer.

A job is rendered from the payment's stored receipt content when it prints,
so the paper always matches what was issued. ``status`` runs
pending → printing → printed, or back to pending with ``last_error`` when the
printer fails. A job found in ``printing`` after a crash may or may not have
reached the paper: it is shown as uncertain and printed again only when the
cashier says so (the slip then says it is a copy).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.storage.base import Base, UTCDateTime, utcnow

JOB_KINDS = ("receipt", "reprint", "test")
JOB_STATUSES = ("pending", "printing", "printed", "cancelled")


class PrintJob(Base):
    __tablename__ = "print_job"
    __table_args__ = (
        CheckConstraint("kind IN ('receipt', 'reprint', 'test')", name="kind"),
        CheckConstraint("status IN ('pending', 'printing', 'printed', 'cancelled')", name="status"),
        Index("ix_print_job_desk_status", "desk", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    desk: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"), index=True)
    receipt_no: Mapped[str] = mapped_column(String(32), default="")
    copy_no: Mapped[int] = mapped_column(default=0)  # 0 = the original, 1.. = reprints
    open_drawer: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    requested_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AppSecret(Base):
    """Per-installation secrets (e.g. the key that signs receipt verification codes)."""

    __tablename__ = "app_secret"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
