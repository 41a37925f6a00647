"""Helpers for the print-queue tests: collect a payment with its receipt queued."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select

from frontdesk.services.payments import PaymentRequest, PaymentResult, Tender, collect
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEvent, PrintJob
from tests.services.payment_fixtures import DESK, ESTATE, NOW, SETTINGS, Counter


def pay_printed(
    counter: Counter,
    tenders: Sequence[Tender] | None = None,
    *,
    bills: Sequence[int] | None = None,
    tendered: int = 0,
    print_receipt: bool = True,
    desk: str = DESK,
    series: str = "A",
) -> PaymentResult:
    """Collect (all four bills, 468.00 in cash by default) with the receipt queued for printing."""
    request = PaymentRequest(
        household_id=counter.household_id,
        bill_ids=tuple(counter.bills if bills is None else bills),
        ahead_months=0,
        tenders=tuple(tenders or [Tender("cash", 46800)]),
        cash_tendered_fen=tendered,
    )
    return collect(
        counter.db,
        counter.cashier,
        request,
        desk=desk,
        series=series,
        settings=SETTINGS,
        estate_name=ESTATE,
        now=NOW,
        print_receipt=print_receipt,
    )


def job_rows(db: Database) -> list[PrintJob]:
    with db.read() as s:
        return list(s.scalars(select(PrintJob).order_by(PrintJob.id)))


def audit_actions(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def job_count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(PrintJob)) or 0)
