"""The print queue: receipts waiting for the desk's printer, reprints, retries.

A payment queues its receipt in its own transaction (``enqueue_receipt``,
called by ``payments.collect``); the desk's spool (``frontdesk.printing.spool``)
claims jobs one at a time and marks the outcome (``frontdesk.services.print_worker``),
each in its own transaction, so a printer failure never touches the payment.

A job is printed once. A job found in ``printing`` that nobody is printing
(the program stopped half-way, the printer failed after part of the slip was
sent, or it has been printing for longer than ``UNCERTAIN_AFTER``) may or may
not be on paper: it is *uncertain* and is printed again only by an explicit
``retry``, as a copy (「重打 / COPY」).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.domain.receipt import ReceiptContent
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.users import Actor, require
from frontdesk.services.verification import code_for
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import Payment, PrintJob, Staff

__all__ = [
    "INTERRUPTED",
    "UNCERTAIN_AFTER",
    "JobInfo",
    "QueueCounts",
    "ReprintCopy",
    "cancel",
    "counts",
    "deliver_receipt",
    "enqueue_receipt",
    "jobs",
    "request_reprint",
    "retry",
]

UNCERTAIN_AFTER = timedelta(seconds=60)
INTERRUPTED = "打印中途程序退出，无法确定是否已打出"
KIND_LABELS = {"receipt": "票据", "reprint": "重打", "test": "测试页"}
STATUS_LABELS = {
    "pending": "等待打印",
    "printing": "打印中",
    "printed": "已打印",
    "cancelled": "已取消",
}


@dataclass(frozen=True)
class JobInfo:
    """One print job as lists and warnings show it.

    ``uncertain``: left in ``printing`` (see the module doc); printed again
    only through :func:`retry`, as a copy.
    """

    id: int
    kind: str
    receipt_no: str
    copy_no: int
    status: str
    attempts: int
    last_error: str
    created_at: datetime
    uncertain: bool
    desk: str = ""
    requested_by: str = ""
    printed_at: datetime | None = None


@dataclass(frozen=True)
class QueueCounts:
    """How many of a desk's jobs wait, and how many are uncertain."""

    pending: int
    uncertain: int


@dataclass(frozen=True)
class ReprintCopy:
    """A receipt delivered straight away (e.g. written as PDF) rather than queued.

    ``copy_no`` 0 is the original (see :func:`deliver_receipt`), else a copy.
    """

    receipt: ReceiptContent
    copy_no: int
    reprinted_by: str
    reprinted_at: datetime
    verification_code: str


def _is_uncertain(job: PrintJob, now: datetime) -> bool:
    # A claim clears last_error; an error noted while printing means nobody prints it now.
    if job.status != "printing":
        return False
    if job.last_error:
        return True
    return job.started_at is None or job.started_at < now - UNCERTAIN_AFTER


def _info(job: PrintJob, now: datetime) -> JobInfo:
    return JobInfo(
        id=job.id,
        kind=job.kind,
        receipt_no=job.receipt_no,
        copy_no=job.copy_no,
        status=job.status,
        attempts=job.attempts,
        last_error=job.last_error,
        created_at=job.created_at,
        uncertain=_is_uncertain(job, now),
        desk=job.desk,
        requested_by=job.requested_by,
        printed_at=job.printed_at,
    )


# ---------------------------------------------------------------- queueing


def enqueue_receipt(
    s: Session, payment_id: int, receipt_no: str, *, desk: str, by: str, open_drawer: bool
) -> PrintJob:
    """Queue the original receipt of a payment, in the payment's own transaction."""
    job = PrintJob(
        desk=desk,
        kind="receipt",
        payment_id=payment_id,
        receipt_no=receipt_no,
        copy_no=0,
        open_drawer=open_drawer,
        status="pending",
        attempts=0,
        last_error="",
        requested_by=by,
        created_at=utcnow(),
    )
    s.add(job)
    s.flush()
    return job


def jobs(
    db: Database,
    *,
    desk: str,
    statuses: Sequence[str] = ("pending", "printing"),
    limit: int = 200,
) -> list[JobInfo]:
    """A desk's jobs in the given statuses, oldest first (at most ``limit``)."""
    now = utcnow()
    with db.read() as s:
        rows = s.scalars(
            select(PrintJob)
            .where(PrintJob.desk == desk, PrintJob.status.in_(list(statuses)))
            .order_by(PrintJob.id)
            .limit(limit)
        ).all()
        return [_info(job, now) for job in rows]


def counts(db: Database, *, desk: str) -> QueueCounts:
    """Pending and uncertain jobs of a desk (one small read)."""
    now = utcnow()
    with db.read() as s:
        pending = s.scalar(
            select(func.count()).where(PrintJob.desk == desk, PrintJob.status == "pending")
        )
        printing = s.scalars(
            select(PrintJob).where(PrintJob.desk == desk, PrintJob.status == "printing")
        ).all()
        return QueueCounts(int(pending or 0), sum(_is_uncertain(j, now) for j in printing))


def _next_copy_no(s: Session, payment_id: int) -> int:
    last = s.scalar(select(func.max(PrintJob.copy_no)).where(PrintJob.payment_id == payment_id))
    return int(last or 0) + 1


def staff_label(s: Session, staff_no: str) -> str:
    """``C001 张三`` (the staff number alone if there is no such account, e.g. ``system``)."""
    name = s.scalar(select(Staff.name).where(Staff.staff_no == staff_no))
    return f"{staff_no} {name}" if name else staff_no


def request_reprint(
    db: Database,
    actor: Actor,
    receipt_no: str,
    *,
    desk: str,
    deliver: Callable[[ReprintCopy], None] | None = None,
) -> JobInfo:
    """Reprint a receipt as a copy: 「重打 / COPY」, copy number, who and when; audited.

    The copy number is one more than the receipt's last copy (the original is
    0). Without ``deliver`` the copy is queued for ``desk``'s printer. With
    ``deliver`` (e.g. write a PDF) it is called inside the transaction and the
    job is recorded as printed; if it raises, nothing is recorded.

    Raises:
        ValidationError: no payment has this receipt number.
        PermissionDenied: the actor is not a cashier, supervisor or administrator.
    """
    return _issue(db, actor, receipt_no, desk=desk, deliver=deliver, original=False)


def deliver_receipt(
    db: Database,
    actor: Actor,
    receipt_no: str,
    *,
    desk: str,
    deliver: Callable[[ReprintCopy], None],
) -> JobInfo:
    """Hand a receipt over other than on the desk's printer (e.g. an A5 PDF for a transfer).

    The first time a receipt is issued at all (no receipt job queued or
    printed for it, e.g. no thermal printer) this is the original (copy 0);
    after that it is a copy like :func:`request_reprint`'s. ``deliver`` runs
    inside the transaction; if it raises, nothing is recorded. Audited.

    Raises:
        ValidationError: no payment has this receipt number.
        PermissionDenied: the actor is not a cashier, supervisor or administrator.
    """
    return _issue(db, actor, receipt_no, desk=desk, deliver=deliver, original=True)


def _issue(
    db: Database,
    actor: Actor,
    receipt_no: str,
    *,
    desk: str,
    deliver: Callable[[ReprintCopy], None] | None,
    original: bool,
) -> JobInfo:
    require(actor, "cashier", "supervisor")
    receipt_no = receipt_no.strip()
    if not receipt_no:
        raise ValidationError("请输入票据号。")
    now = utcnow()
    with db.begin() as s:
        payment = s.scalar(
            select(Payment).where(Payment.receipt_no == receipt_no).with_for_update()
        )
        if payment is None:
            what = "出具票据" if original else "重打"
            raise ValidationError(f"没有票据号为 {receipt_no} 的付款，无法{what}。")
        issued = s.scalar(
            select(PrintJob.id).where(
                PrintJob.payment_id == payment.id,
                PrintJob.copy_no == 0,
                PrintJob.status != "cancelled",
            )
        )
        copy_no = 0 if original and issued is None else _next_copy_no(s, payment.id)
        job = PrintJob(
            desk=desk,
            kind="reprint" if copy_no else "receipt",
            payment_id=payment.id,
            receipt_no=receipt_no,
            copy_no=copy_no,
            open_drawer=False,
            status="printed" if deliver else "pending",
            attempts=1 if deliver else 0,
            last_error="",
            requested_by=actor.staff_no,
            created_at=now,
            started_at=now if deliver else None,
            printed_at=now if deliver else None,
        )
        s.add(job)
        s.flush()
        audit.record(
            s,
            actor.staff_no,
            "receipt.reprint" if copy_no else "receipt.deliver",
            "payment",
            receipt_no,
            {
                "copy_no": copy_no,
                "desk": desk,
                "job_id": job.id,
                "to": "pdf" if deliver else "printer",
            },
        )
        if deliver is not None:
            content = ReceiptContent.from_json(payment.receipt_text).with_status(payment.status)
            deliver(
                ReprintCopy(
                    receipt=content,
                    copy_no=copy_no,
                    reprinted_by=staff_label(s, actor.staff_no),
                    reprinted_at=now,
                    verification_code=code_for(s, receipt_no, payment.total_fen),
                )
            )
        return _info(job, now)


def _job_for_update(s: Session, job_id: int) -> PrintJob:
    job = s.scalar(select(PrintJob).where(PrintJob.id == job_id).with_for_update())
    if job is None:
        raise ValidationError(f"没有编号为 {job_id} 的打印任务。")
    return job


def _describe(job: PrintJob) -> str:
    what = KIND_LABELS.get(job.kind, job.kind)
    return f"{what} {job.receipt_no}".strip()


def _check_settled(job: PrintJob, now: datetime, action: str) -> None:
    """Refuse to touch a job that is printed, cancelled, or being printed right now."""
    if job.status == "printed":
        raise ValidationError(
            f"{_describe(job)} 已打印，不能{action}。如需再打一张，请使用“重打”。"
        )
    if job.status == "cancelled":
        raise ValidationError(f"{_describe(job)} 的打印任务已取消，不能{action}。")
    if job.status == "printing" and not _is_uncertain(job, now):
        raise ValidationError(f"{_describe(job)} 正在打印，请稍候再{action}。")


def retry(db: Database, actor: Actor, job_id: int) -> JobInfo:
    """Print a job again that failed or whose printing is uncertain.

    A pending job is left as it is (the spool tries it again when kicked). An
    uncertain job may already be on paper, so it goes back to the queue as a
    copy (「重打 / COPY」 with the next copy number, no drawer kick); audited.

    Raises:
        ValidationError: no such job, already printed or cancelled, or being
            printed right now.
        PermissionDenied: the actor is not a cashier, supervisor or administrator.
    """
    require(actor, "cashier", "supervisor")
    now = utcnow()
    with db.begin() as s:
        job = _job_for_update(s, job_id)
        _check_settled(job, now, "重试")
        if job.status == "printing":
            if job.payment_id is not None:
                job.kind = "reprint"
                job.copy_no = _next_copy_no(s, job.payment_id)
            job.status = "pending"
            job.open_drawer = False
            job.last_error = "上次打印结果不明，已改为副本重打"
            job.requested_by = actor.staff_no
            audit.record(
                s,
                actor.staff_no,
                "print_job.retry",
                "print_job",
                job.id,
                {"receipt_no": job.receipt_no, "copy_no": job.copy_no, "uncertain": True},
            )
        return _info(job, now)


def cancel(db: Database, actor: Actor, job_id: int) -> None:
    """Take a waiting or uncertain job out of the queue (it stays, marked cancelled); audited.

    Raises:
        ValidationError: no such job, already printed or cancelled, or being
            printed right now.
        PermissionDenied: the actor is not a cashier, supervisor or administrator.
    """
    require(actor, "cashier", "supervisor")
    now = utcnow()
    with db.begin() as s:
        job = _job_for_update(s, job_id)
        _check_settled(job, now, "取消")
        was = job.status
        job.status = "cancelled"
        audit.record(
            s,
            actor.staff_no,
            "print_job.cancel",
            "print_job",
            job.id,
            {"receipt_no": job.receipt_no, "copy_no": job.copy_no, "was": was},
        )
