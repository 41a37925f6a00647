"""The spool's side of the print queue: claim a job, then mark how printing went.

Each call is its own transaction. A claim stores the attempt before anything is
sent, so a crash while printing leaves the job ``printing`` (uncertain, see
:mod:`frontdesk.services.print_jobs`), never pending (printed twice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from frontdesk.domain.receipt import ReceiptContent
from frontdesk.errors import FrontdeskError
from frontdesk.services.print_jobs import INTERRUPTED, staff_label
from frontdesk.services.verification import code_for
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import Payment, PrintJob

__all__ = [
    "ClaimedJob",
    "UnprintableJob",
    "claim",
    "mark_failed",
    "mark_interrupted",
    "mark_printed",
    "mark_uncertain",
    "mark_unprintable",
]


class UnprintableJob(FrontdeskError):
    """A job that can never print (its receipt data cannot be read or rendered); set aside."""


@dataclass(frozen=True)
class ClaimedJob:
    """A job the spool has just claimed, with everything needed to render it.

    ``receipt`` is the receipt as issued, with the payment's current status
    (None for a test page). ``reprinted_by`` and ``requested_at`` are what a
    copy says about who asked for it and when.
    """

    id: int
    kind: str
    attempt: int
    receipt_no: str
    copy_no: int
    open_drawer: bool
    receipt: ReceiptContent | None
    verification_code: str | None
    reprinted_by: str
    requested_at: datetime


def claim(
    db: Database, desk: str, *, job_id: int | None = None, with_code: bool = True
) -> ClaimedJob | None:
    """Take the desk's oldest pending job (or job ``job_id`` if pending): pending → printing.

    Its own transaction: attempts + 1 and ``started_at`` are stored before
    anything is sent, so a crash while printing leaves the job ``printing``
    (uncertain), never pending (printed twice). ``with_code``: make the
    receipt's verification code (creates the key on first use).

    Raises:
        UnprintableJob: the payment's stored receipt cannot be read; the job
            has been cancelled with the reason, so it does not block the queue.
    """
    now = utcnow()
    query = select(PrintJob).where(PrintJob.desk == desk, PrintJob.status == "pending")
    if job_id is not None:
        query = query.where(PrintJob.id == job_id)
    with db.begin() as s:
        job = s.scalar(query.order_by(PrintJob.id).limit(1).with_for_update(skip_locked=True))
        if job is None:
            return None
        job.status = "printing"
        job.attempts += 1
        job.started_at = now
        job.last_error = ""
        content: ReceiptContent | None = None
        code: str | None = None
        broken = ""
        if job.payment_id is not None:
            payment = s.get(Payment, job.payment_id)
            assert payment is not None
            try:
                content = ReceiptContent.from_json(payment.receipt_text)
            except ValueError as exc:
                broken = f"票据 {job.receipt_no} 的存档内容无法读取，不能打印（{exc}）"
                job.status = "cancelled"
                job.last_error = broken
            else:
                content = content.with_status(payment.status)
                if with_code:
                    code = code_for(s, payment.receipt_no, payment.total_fen)
        if not broken:
            return ClaimedJob(
                id=job.id,
                kind=job.kind,
                attempt=job.attempts,
                receipt_no=job.receipt_no,
                copy_no=job.copy_no,
                open_drawer=job.open_drawer,
                receipt=content,
                verification_code=code,
                reprinted_by=staff_label(s, job.requested_by) if job.copy_no else "",
                requested_at=job.created_at,
            )
    raise UnprintableJob(broken)


def _finish(db: Database, job: ClaimedJob, **values: object) -> bool:
    with db.begin() as s:
        result = s.execute(
            update(PrintJob)
            .where(
                PrintJob.id == job.id,
                PrintJob.status == "printing",
                PrintJob.attempts == job.attempt,
            )
            .values(**values)
        )
        return bool(getattr(result, "rowcount", 0) == 1)


def mark_printed(db: Database, job: ClaimedJob) -> bool:
    """The printer took the job. False if the job was changed meanwhile (e.g. retried)."""
    return _finish(db, job, status="printed", printed_at=utcnow(), last_error="")


def mark_failed(db: Database, job: ClaimedJob, error: str) -> bool:
    """The printer refused the job before printing: back to pending with the reason."""
    return _finish(db, job, status="pending", last_error=error[:2000])


def mark_uncertain(db: Database, job: ClaimedJob, error: str) -> bool:
    """The printer failed half-way (part of the slip may be out): the job becomes uncertain.

    It stays ``printing`` with the reason and is printed again only through
    :func:`retry`, as a copy.
    """
    return _finish(db, job, last_error=(error or INTERRUPTED)[:2000])


def mark_unprintable(db: Database, job: ClaimedJob, error: str) -> bool:
    """The job cannot be rendered at all (broken data): cancelled with the reason."""
    return _finish(db, job, status="cancelled", last_error=error[:2000])


def mark_interrupted(db: Database, desk: str) -> int:
    """At spool start: the desk's jobs still ``printing`` were cut off; mark them uncertain."""
    with db.begin() as s:
        result = s.execute(
            update(PrintJob)
            .where(PrintJob.desk == desk, PrintJob.status == "printing")
            .values(last_error=INTERRUPTED)
        )
        return int(getattr(result, "rowcount", 0) or 0)
