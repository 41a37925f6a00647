"""The print queue: receipts queued with the payment, claims, failures, uncertain jobs, reprints."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from frontdesk.domain.verification import check_code
from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services import print_jobs, print_worker
from frontdesk.services.payments import Tender
from frontdesk.services.print_jobs import ReprintCopy
from frontdesk.services.reversals import void_payment
from frontdesk.services.verification import receipt_key
from frontdesk.storage.base import utcnow
from frontdesk.storage.models import AuditEvent, PrintJob
from tests.services.payment_fixtures import DESK, TODAY, Counter, counter, snapshot
from tests.services.print_fixtures import audit_actions, job_count, job_rows, pay_printed

__all__ = ["counter"]  # the fixture, re-exported for pytest


# ---------------------------------------------------------------- queued with the payment


def test_cash_payment_queues_its_receipt_with_a_drawer_kick(counter: Counter) -> None:
    result = pay_printed(counter)
    [job] = job_rows(counter.db)
    assert (job.kind, job.status, job.copy_no, job.attempts) == ("receipt", "pending", 0, 0)
    assert (job.desk, job.receipt_no, job.payment_id) == (
        DESK,
        result.receipt_no,
        result.payment_id,
    )
    assert job.open_drawer is True
    assert job.requested_by == counter.cashier.staff_no
    assert job.created_at.tzinfo is not None


def test_electronic_payment_does_not_open_the_drawer(counter: Counter) -> None:
    pay_printed(counter, [Tender("wechat", 46800, "4200001234")])
    [job] = job_rows(counter.db)
    assert job.open_drawer is False


def test_existing_callers_queue_nothing(counter: Counter) -> None:
    counter.pay()  # collect without print_receipt
    assert job_count(counter.db) == 0


def test_refused_payment_queues_nothing(counter: Counter) -> None:
    pay_printed(counter, bills=counter.bills[:2], tenders=[Tender("cash", 23400)])
    before = snapshot(counter.db)
    with pytest.raises(ValidationError):
        pay_printed(counter, bills=counter.bills[:2], tenders=[Tender("cash", 23400)])
    assert snapshot(counter.db) == before
    assert job_count(counter.db) == 1


def test_jobs_lists_the_desks_waiting_jobs(counter: Counter) -> None:
    first = pay_printed(counter, bills=counter.bills[:2], tenders=[Tender("cash", 23400)])
    pay_printed(
        counter,
        bills=counter.bills[2:],
        tenders=[Tender("wechat", 23400)],
        desk="前台2",
        series="B",
    )
    listed = print_jobs.jobs(counter.db, desk=DESK)
    assert [(j.receipt_no, j.status, j.uncertain) for j in listed] == [
        (first.receipt_no, "pending", False)
    ]
    assert print_jobs.jobs(counter.db, desk=DESK, statuses=("printed",)) == []
    assert print_jobs.counts(counter.db, desk=DESK) == print_jobs.QueueCounts(1, 0)


# ---------------------------------------------------------------- the spool's side


def test_claim_fail_claim_print(counter: Counter) -> None:
    result = pay_printed(counter)
    job = print_worker.claim(counter.db, DESK)
    assert job is not None
    assert (job.kind, job.attempt, job.copy_no, job.open_drawer) == ("receipt", 1, 0, True)
    assert job.receipt is not None and job.receipt == result.receipt
    with counter.db.begin() as s:
        key = receipt_key(s)
    assert key is not None and job.verification_code is not None
    assert check_code(key, job.verification_code) is not None
    assert f":{result.receipt_no}:46800:" in job.verification_code
    [row] = job_rows(counter.db)
    assert (row.status, row.attempts) == ("printing", 1) and row.started_at is not None
    assert print_worker.claim(counter.db, DESK) is None  # one job, already taken

    assert print_worker.mark_failed(counter.db, job, "打印机缺纸")
    [row] = job_rows(counter.db)
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "打印机缺纸")

    again = print_worker.claim(counter.db, DESK)
    assert again is not None and again.attempt == 2
    assert not print_worker.mark_printed(counter.db, job)  # the stale first attempt
    assert print_worker.mark_printed(counter.db, again)
    [row] = job_rows(counter.db)
    assert (row.status, row.attempts, row.last_error) == ("printed", 2, "")
    assert row.printed_at is not None
    assert print_jobs.jobs(counter.db, desk=DESK) == []
    assert print_worker.claim(counter.db, DESK) is None


def test_claims_are_oldest_first_and_per_desk(counter: Counter) -> None:
    a = pay_printed(counter, bills=counter.bills[:2], tenders=[Tender("cash", 23400)])
    b = pay_printed(counter, bills=counter.bills[2:], tenders=[Tender("wechat", 23400)])
    assert print_worker.claim(counter.db, "前台2") is None
    first = print_worker.claim(counter.db, DESK)
    second = print_worker.claim(counter.db, DESK)
    assert first is not None and second is not None
    assert (first.receipt_no, second.receipt_no) == (a.receipt_no, b.receipt_no)


def test_claim_without_code_leaves_no_key(counter: Counter) -> None:
    pay_printed(counter)
    job = print_worker.claim(counter.db, DESK, with_code=False)
    assert job is not None and job.verification_code is None
    with counter.db.read() as s:
        assert receipt_key(s, create=False) is None


def test_interrupted_job_is_uncertain_and_not_claimed_again(counter: Counter) -> None:
    pay_printed(counter)
    job = print_worker.claim(counter.db, DESK)
    assert job is not None
    [info] = print_jobs.jobs(counter.db, desk=DESK)
    assert info.status == "printing" and not info.uncertain  # being printed right now
    assert print_worker.mark_interrupted(counter.db, DESK) == 1  # the next start-up
    [info] = print_jobs.jobs(counter.db, desk=DESK)
    assert info.uncertain and info.last_error == print_jobs.INTERRUPTED
    assert print_jobs.counts(counter.db, desk=DESK) == print_jobs.QueueCounts(0, 1)
    assert print_worker.claim(counter.db, DESK) is None


def test_a_job_printing_for_too_long_is_uncertain(counter: Counter) -> None:
    pay_printed(counter)
    assert print_worker.claim(counter.db, DESK) is not None
    long_ago = utcnow() - print_jobs.UNCERTAIN_AFTER - timedelta(seconds=1)
    with counter.db.begin() as s:
        s.execute(update(PrintJob).values(started_at=long_ago))
    [info] = print_jobs.jobs(counter.db, desk=DESK)
    assert info.uncertain


def test_broken_job_is_set_aside(counter: Counter) -> None:
    pay_printed(counter)
    job = print_worker.claim(counter.db, DESK)
    assert job is not None
    assert print_worker.mark_unprintable(counter.db, job, "无法生成票据：坏数据")
    [row] = job_rows(counter.db)
    assert (row.status, row.last_error) == ("cancelled", "无法生成票据：坏数据")


# ---------------------------------------------------------------- retry and cancel


def _uncertain_job(counter: Counter) -> int:
    pay_printed(counter)
    job = print_worker.claim(counter.db, DESK)
    assert job is not None
    print_worker.mark_interrupted(counter.db, DESK)
    return job.id


def test_retry_of_an_uncertain_job_prints_a_marked_copy(counter: Counter) -> None:
    job_id = _uncertain_job(counter)
    info = print_jobs.retry(counter.db, counter.supervisor, job_id)
    assert (info.status, info.kind, info.copy_no, info.uncertain) == (
        "pending",
        "reprint",
        1,
        False,
    )
    [row] = job_rows(counter.db)
    assert row.open_drawer is False  # the drawer opened (or not) the first time
    assert row.requested_by == counter.supervisor.staff_no
    assert audit_actions(counter.db)[-1] == "print_job.retry"
    claimed = print_worker.claim(counter.db, DESK)
    assert claimed is not None and claimed.copy_no == 1
    assert claimed.reprinted_by == f"{counter.supervisor.staff_no} 李主管"


def test_retry_of_a_pending_job_changes_nothing(counter: Counter) -> None:
    pay_printed(counter)
    [row] = job_rows(counter.db)
    before = audit_actions(counter.db)
    info = print_jobs.retry(counter.db, counter.cashier, row.id)
    assert (info.status, info.copy_no, info.kind) == ("pending", 0, "receipt")
    assert audit_actions(counter.db) == before


def test_retry_refuses_printed_cancelled_busy_and_unknown_jobs(counter: Counter) -> None:
    pay_printed(counter)
    job = print_worker.claim(counter.db, DESK)
    assert job is not None
    with pytest.raises(ValidationError, match="正在打印"):
        print_jobs.retry(counter.db, counter.cashier, job.id)
    print_worker.mark_printed(counter.db, job)
    with pytest.raises(ValidationError, match=r"已打印.*重打"):
        print_jobs.retry(counter.db, counter.cashier, job.id)
    with pytest.raises(ValidationError, match="没有编号为 999"):
        print_jobs.retry(counter.db, counter.cashier, 999)
    with pytest.raises(PermissionDenied):
        print_jobs.retry(counter.db, counter.clerk, job.id)


def test_cancel_a_waiting_or_uncertain_job(counter: Counter) -> None:
    job_id = _uncertain_job(counter)
    print_jobs.cancel(counter.db, counter.cashier, job_id)
    [row] = job_rows(counter.db)
    assert row.status == "cancelled"
    with counter.db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "print_job.cancel")).one()
    assert json.loads(event.details)["was"] == "printing"
    with pytest.raises(ValidationError, match="已取消"):
        print_jobs.cancel(counter.db, counter.cashier, job_id)
    with pytest.raises(ValidationError, match="已取消"):
        print_jobs.retry(counter.db, counter.cashier, job_id)


# ---------------------------------------------------------------- reprints


def test_reprints_count_up_and_are_audited(counter: Counter) -> None:
    result = pay_printed(counter)
    first = print_jobs.request_reprint(counter.db, counter.cashier, result.receipt_no, desk=DESK)
    second = print_jobs.request_reprint(
        counter.db, counter.supervisor, f"  {result.receipt_no} ", desk="前台2"
    )
    assert (first.kind, first.copy_no, first.status) == ("reprint", 1, "pending")
    assert (second.copy_no, second.desk, second.requested_by) == (2, "前台2", "S001")
    with counter.db.read() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "receipt.reprint").order_by(AuditEvent.id)
        ).all()
    assert [e.entity_id for e in events] == [result.receipt_no] * 2
    assert [json.loads(e.details)["copy_no"] for e in events] == [1, 2]
    assert [e.actor for e in events] == ["C001", "S001"]
    claimed = [print_worker.claim(counter.db, DESK) for _ in range(2)]
    assert [(c.kind, c.copy_no) for c in claimed if c] == [("receipt", 0), ("reprint", 1)]


def test_reprint_of_an_unknown_receipt_changes_nothing(counter: Counter) -> None:
    pay_printed(counter)
    before = (snapshot(counter.db), job_count(counter.db))
    with pytest.raises(ValidationError, match="没有票据号为 A2026-999999 的付款"):
        print_jobs.request_reprint(counter.db, counter.cashier, "A2026-999999", desk=DESK)
    with pytest.raises(ValidationError, match="票据号"):
        print_jobs.request_reprint(counter.db, counter.cashier, "  ", desk=DESK)
    with pytest.raises(PermissionDenied):
        print_jobs.request_reprint(counter.db, counter.clerk, "A2026-000001", desk=DESK)
    assert (snapshot(counter.db), job_count(counter.db)) == before


def test_reprint_delivered_at_once_is_recorded_printed(counter: Counter) -> None:
    result = pay_printed(counter, print_receipt=False)
    got: list[ReprintCopy] = []
    info = print_jobs.request_reprint(
        counter.db, counter.cashier, result.receipt_no, desk=DESK, deliver=got.append
    )
    [copy] = got
    assert (info.status, info.copy_no) == ("printed", 1)
    assert copy.copy_no == 1 and copy.receipt == result.receipt
    assert copy.reprinted_by == "C001 张三"
    assert copy.verification_code.startswith(f"FD1:{result.receipt_no}:46800:")
    assert print_worker.claim(counter.db, DESK) is None  # nothing left for the printer


def test_failed_delivery_records_nothing(counter: Counter) -> None:
    result = pay_printed(counter, print_receipt=False)
    before = snapshot(counter.db)

    def fail(_: ReprintCopy) -> None:
        raise ValidationError("磁盘已满")

    with pytest.raises(ValidationError, match="磁盘已满"):
        print_jobs.request_reprint(
            counter.db, counter.cashier, result.receipt_no, desk=DESK, deliver=fail
        )
    assert snapshot(counter.db) == before and job_count(counter.db) == 0
    again = print_jobs.request_reprint(counter.db, counter.cashier, result.receipt_no, desk=DESK)
    assert again.copy_no == 1  # the failed copy did not use up a number


def test_reprint_of_a_voided_receipt_shows_the_void(counter: Counter) -> None:
    result = pay_printed(counter)
    void_payment(
        counter.db, counter.cashier, result.receipt_no, "收错", counter.supervisor, today=TODAY
    )
    print_jobs.request_reprint(counter.db, counter.cashier, result.receipt_no, desk=DESK)
    claimed = [print_worker.claim(counter.db, DESK) for _ in range(2)]
    assert [c.receipt.status for c in claimed if c and c.receipt] == ["voided", "voided"]


def test_a_pdf_for_a_receipt_never_printed_is_the_original(counter: Counter) -> None:
    result = pay_printed(counter, [Tender("transfer", 46800, "TX1")], print_receipt=False)
    got: list[ReprintCopy] = []
    first = print_jobs.deliver_receipt(
        counter.db, counter.cashier, result.receipt_no, desk=DESK, deliver=got.append
    )
    second = print_jobs.deliver_receipt(
        counter.db, counter.cashier, result.receipt_no, desk=DESK, deliver=got.append
    )
    assert [(i.kind, i.copy_no, i.status) for i in (first, second)] == [
        ("receipt", 0, "printed"),
        ("reprint", 1, "printed"),
    ]
    assert [c.copy_no for c in got] == [0, 1]
    assert audit_actions(counter.db)[-2:] == ["receipt.deliver", "receipt.reprint"]


def test_a_pdf_of_a_receipt_already_queued_is_a_copy(counter: Counter) -> None:
    result = pay_printed(counter)  # the original waits for the printer
    info = print_jobs.deliver_receipt(
        counter.db, counter.cashier, result.receipt_no, desk=DESK, deliver=lambda _: None
    )
    assert (info.kind, info.copy_no) == ("reprint", 1)


def test_a_job_that_failed_half_way_is_uncertain(counter: Counter) -> None:
    pay_printed(counter)
    job = print_worker.claim(counter.db, DESK)
    assert job is not None
    assert print_worker.mark_uncertain(counter.db, job, "打印中断（可能已打出一部分）")
    [info] = print_jobs.jobs(counter.db, desk=DESK)
    assert info.status == "printing" and info.uncertain
    assert print_worker.claim(counter.db, DESK) is None
    assert print_jobs.retry(counter.db, counter.cashier, info.id).copy_no == 1
