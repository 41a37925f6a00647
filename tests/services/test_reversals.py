"""Voids and refunds: supervisor authorisation, bills re-opened, cash and credit reversed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from frontdesk.errors import AuthError, PermissionDenied, ValidationError
from frontdesk.services import audit
from frontdesk.services.cashbox import close_drawer, drawer_status, move_cash, open_drawer
from frontdesk.services.payments import Tender, get_receipt, list_payments
from frontdesk.services.reversals import authorize_supervisor, refund_payment, void_payment
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    AuditEvent,
    CashMovement,
    Payment,
    PaymentReversal,
    PrepayEntry,
    ReceiptCounter,
)
from tests.services.payment_fixtures import (
    DESK,
    FLOAT,
    NOW,
    PASSWORD,
    TODAY,
    Counter,
    counter,
    pieces,
    setup_counter,
    snapshot,
    statuses,
)

__all__ = ["counter"]  # the fixture, re-exported for pytest

TOMORROW = TODAY + timedelta(days=1)
LATER = NOW + timedelta(hours=1)


def cash(fen: int) -> Tender:
    return Tender("cash", fen)


def void(
    counter: Counter, receipt_no: str, reason: str = "收错户", approver: Actor | None = None
) -> None:
    void_payment(
        counter.db,
        counter.cashier,
        receipt_no,
        reason,
        approver or counter.supervisor,
        today=TODAY,
        now=LATER,
    )


def refund(
    counter: Counter, receipt_no: str, reason: str = "业主退房", today: date = TOMORROW
) -> None:
    refund_payment(
        counter.db,
        counter.cashier,
        receipt_no,
        reason,
        counter.supervisor,
        desk=DESK,
        today=today,
        now=LATER,
    )


def close_day(counter: Counter) -> None:
    status = drawer_status(counter.db, DESK)
    assert status is not None
    close_drawer(
        counter.db, counter.cashier, DESK, dict(status.expected_pieces), tolerance_fen=0, now=NOW
    )


# ---------------------------------------------------------------- supervisor authorisation


def test_authorize_supervisor(counter: Counter) -> None:
    approver = authorize_supervisor(counter.db, "S001", PASSWORD)
    assert (approver.staff_no, approver.role) == ("S001", "supervisor")


def test_authorize_with_a_wrong_password(counter: Counter) -> None:
    with pytest.raises(AuthError, match="工号或密码错误"):
        authorize_supervisor(counter.db, "S001", "wrong-password")


def test_authorize_a_non_supervisor(counter: Counter) -> None:
    with pytest.raises(PermissionDenied, match="不是主管"):
        authorize_supervisor(counter.db, "C001", PASSWORD)


def test_approver_must_be_a_supervisor(counter: Counter) -> None:
    counter.pay([cash(46800)], tendered=50000)
    before = snapshot(counter.db)
    with pytest.raises(PermissionDenied, match="不是主管"):
        void(counter, "A2026-000001", approver=counter.cashier)
    assert snapshot(counter.db) == before


# ---------------------------------------------------------------- void


def test_void_a_cash_payment(counter: Counter) -> None:
    db = counter.db
    counter.pay([cash(46800)], tendered=50000)
    void(counter, "A2026-000001", "收错户，重新收费")
    with db.read() as s:
        payment = s.scalars(select(Payment)).one()
        assert (payment.receipt_no, payment.status) == ("A2026-000001", "voided")
        reversal = s.scalars(select(PaymentReversal)).one()
        assert (reversal.kind, reversal.reason, reversal.by_staff_no) == (
            "void",
            "收错户，重新收费",
            "C001",
        )
        assert (reversal.approved_by_staff_no, reversal.amount_fen, reversal.at) == (
            "S001",
            46800,
            LATER,
        )
        assert reversal.cash_session_id == counter.session_id
        moves = s.execute(
            select(CashMovement.kind, CashMovement.amount_fen).where(
                CashMovement.payment_id == payment.id
            )
        ).all()
        assert [tuple(m) for m in moves] == [("sale", 50000), ("change", -3200), ("void", -46800)]
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "payment.void")).one()
        details = json.loads(event.details)
        assert (event.entity_id, details["approved_by"], details["reason"]) == (
            "A2026-000001",
            "S001",
            "收错户，重新收费",
        )
        assert s.scalar(select(ReceiptCounter.last_seq)) == 1  # the number is not reused
        assert audit.verify(s).ok
    assert statuses(db, counter.bills) == ["open"] * 4
    status = drawer_status(db, DESK)
    assert status is not None and dict(status.expected_pieces) == pieces(FLOAT)
    assert get_receipt(db, "A2026-000001").status == "voided"
    assert list_payments(db, desk=DESK, on=TODAY)[0].status == "voided"
    # the bills can be paid again, under the next number
    assert counter.pay([Tender("wechat", 46800)]).receipt_no == "A2026-000002"


def test_void_pays_back_with_other_pieces_when_the_notes_are_gone(counter: Counter) -> None:
    counter.pay([cash(46800)], tendered=50000)  # 5×100 in, 32.00 out
    move_cash(counter.db, counter.cashier, DESK, "cash_out", pieces("5张×100"), "存银行")
    void(counter, "A2026-000001")
    with counter.db.read() as s:
        out = s.scalar(select(CashMovement.pieces).where(CashMovement.kind == "void"))
    assert out is not None
    assert sum(int(k.rstrip("c")) * n for k, n in json.loads(out).items()) == -46800
    assert "10000" not in json.loads(out)


def test_void_of_a_non_cash_payment_moves_no_cash(counter: Counter) -> None:
    counter.pay([Tender("wechat", 46800)])
    void(counter, "A2026-000001")
    with counter.db.read() as s:
        assert s.scalars(select(CashMovement.kind).where(CashMovement.kind == "void")).all() == []
        assert s.scalars(select(PaymentReversal.cash_session_id)).one() is None


def test_void_gives_back_credit_used_and_takes_back_credit_added(counter: Counter) -> None:
    db = counter.db
    counter.pay([cash(23400)], bills=counter.bills[:2], tendered=30000, credit=True)  # +66.00
    counter.pay([Tender("prepay", 6600), cash(16800)], bills=counter.bills[2:])  # −66.00
    void(counter, "A2026-000002")
    with db.read() as s:
        amounts = s.scalars(select(PrepayEntry.amount_fen).order_by(PrepayEntry.id)).all()
    assert amounts == [6600, -6600, 6600]
    void(counter, "A2026-000001")
    with db.read() as s:
        amounts = s.scalars(select(PrepayEntry.amount_fen).order_by(PrepayEntry.id)).all()
    assert amounts == [6600, -6600, 6600, -6600]


def test_void_refused_when_the_credit_was_spent(counter: Counter) -> None:
    counter.pay([cash(23400)], bills=counter.bills[:2], tendered=30000, credit=True)
    counter.pay([Tender("prepay", 6600), cash(16800)], bills=counter.bills[2:])
    before = snapshot(counter.db)
    with pytest.raises(ValidationError, match=r"存入的预存款 ¥66\.00 已被使用"):
        void(counter, "A2026-000001")
    assert snapshot(counter.db) == before


# ---------------------------------------------------------------- bad input: nothing recorded


def test_void_twice(counter: Counter) -> None:
    counter.pay([cash(46800)])
    void(counter, "A2026-000001")
    before = snapshot(counter.db)
    with pytest.raises(ValidationError, match="已作废"):
        void(counter, "A2026-000001")
    with pytest.raises(ValidationError, match="已作废"):
        refund(counter, "A2026-000001")
    assert snapshot(counter.db) == before


@pytest.mark.parametrize(("reason", "message"), [("", "请填写作废原因"), ("   ", "请填写作废原因")])
def test_void_needs_a_reason(counter: Counter, reason: str, message: str) -> None:
    counter.pay([cash(46800)])
    before = snapshot(counter.db)
    with pytest.raises(ValidationError, match=message):
        void(counter, "A2026-000001", reason)
    assert snapshot(counter.db) == before


def test_void_of_an_unknown_receipt(counter: Counter) -> None:
    with pytest.raises(ValidationError, match="没有票据号"):
        void(counter, "A2026-000042")


def test_void_of_a_closed_day_is_refused_then_refunded(counter: Counter) -> None:
    db = counter.db
    counter.pay([cash(46800)], tendered=50000)
    close_day(counter)
    before = snapshot(db)
    with pytest.raises(ValidationError, match=r"已日结.*请办理退款"):
        void(counter, "A2026-000001")
    assert snapshot(db) == before
    # refund needs an open drawer to pay the cash from
    with pytest.raises(ValidationError, match="钱箱尚未开班"):
        refund(counter, "A2026-000001")
    assert snapshot(db) == before
    session = open_drawer(db, counter.cashier, DESK, pieces(FLOAT), today=TOMORROW)
    refund(counter, "A2026-000001")
    with db.read() as s:
        reversal = s.scalars(select(PaymentReversal)).one()
        assert (reversal.kind, reversal.cash_session_id) == ("refund", session)
        move = s.execute(
            select(CashMovement.kind, CashMovement.amount_fen, CashMovement.cash_session_id).where(
                CashMovement.kind == "refund"
            )
        ).one()
        assert tuple(move) == ("refund", -46800, session)
        assert s.scalars(
            select(AuditEvent.action).where(AuditEvent.action == "payment.refund")
        ).all()
    assert statuses(db, counter.bills) == ["open"] * 4
    assert get_receipt(db, "A2026-000001").status == "refunded"


def test_non_cash_payment_of_a_closed_day_cannot_be_voided(db: Database, admin: Actor) -> None:
    counter = setup_counter(db, admin)
    counter.pay([Tender("wechat", 23400)], bills=counter.bills[:2])
    close_day(counter)
    with pytest.raises(ValidationError, match="已日结"):
        void(counter, "A2026-000001")
    refund(counter, "A2026-000001", today=TODAY)  # electronic: no drawer needed
    with db.read() as s:
        assert s.scalars(select(Payment.status)).one() == "refunded"


def test_void_of_an_earlier_day(counter: Counter) -> None:
    counter.pay([Tender("alipay", 46800)], now=NOW - timedelta(days=1))
    before = snapshot(counter.db)
    with pytest.raises(ValidationError, match="不是当日"):
        void(counter, "A2026-000001")
    assert snapshot(counter.db) == before


def test_refund_of_a_voidable_payment_is_refused(counter: Counter) -> None:
    counter.pay([cash(46800)])
    before = snapshot(counter.db)
    with pytest.raises(ValidationError, match="请直接作废"):
        refund(counter, "A2026-000001", today=TODAY)
    assert snapshot(counter.db) == before


def test_refund_when_the_drawer_cannot_pay_it(counter: Counter) -> None:
    counter.pay([cash(46800)], tendered=50000)
    close_day(counter)
    open_drawer(counter.db, counter.cashier, DESK, pieces("1张×100"), today=TOMORROW)
    before = snapshot(counter.db)
    with pytest.raises(ValidationError, match=r"退款需付出现金 ¥468\.00，钱箱零钱不足"):
        refund(counter, "A2026-000001")
    assert snapshot(counter.db) == before


def test_refund_returns_used_credit(counter: Counter) -> None:
    counter.pay([Tender("wechat", 50000)], bills=counter.bills[:2], credit=True)  # +266.00
    counter.pay([Tender("prepay", 23400)], bills=counter.bills[2:])
    refund(counter, "A2026-000002", today=TOMORROW)
    with counter.db.read() as s:
        amounts = s.scalars(select(PrepayEntry.amount_fen).order_by(PrepayEntry.id)).all()
    assert amounts == [26600, -23400, 23400]
    assert statuses(counter.db, counter.bills) == ["paid", "paid", "open", "open"]


def test_clerk_cannot_void(counter: Counter) -> None:
    counter.pay([cash(46800)])
    with pytest.raises(PermissionDenied):
        void_payment(
            counter.db, counter.clerk, "A2026-000001", "x", counter.supervisor, today=TODAY
        )


def test_reversal_time_defaults_to_now(counter: Counter) -> None:
    counter.pay([Tender("wechat", 46800)])
    void_payment(counter.db, counter.cashier, "A2026-000001", "x", counter.supervisor, today=TODAY)
    with counter.db.read() as s:
        at = s.scalars(select(PaymentReversal.at)).one()
    assert at.tzinfo is not None and abs(at - datetime.now(UTC)) < timedelta(minutes=5)
