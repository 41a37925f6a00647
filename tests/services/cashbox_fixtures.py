"""Payments, reversals and drawer movements built straight with the ORM, for the cashbox tests.

These stand in for the payments service: they write the rows a payment, a void or a
refund would write (without its checks), so the drawer, the day close and the
exports can be tested on their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select

from frontdesk.domain.money import Denomination, parse_pieces
from frontdesk.services.drawer import add_movement, require_open_session
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    Allocation,
    AuditEvent,
    Bill,
    CashMovement,
    CashSession,
    FeeItem,
    Payment,
    PaymentReversal,
    PaymentTender,
)
from tests.factories import make_household

CASHIER = Actor("C001", "刘兵", "cashier")
CASHIER2 = Actor("C002", "王芳", "cashier")
SUPERVISOR = Actor("S001", "张主管", "supervisor")
CLERK = Actor("K001", "李客服", "clerk")
DESK = "前台1"
DESK2 = "前台2"
DAY = date(2026, 11, 23)


def pieces(text: str) -> dict[Denomination, int]:
    """``"2x100 1x50"`` → pieces (see ``parse_pieces``)."""
    return parse_pieces(text)


def household(db: Database, room: str = "3-2-1201", owner: str = "刘兵") -> int:
    return make_household(db, room, owner)


def fee_item(db: Database, code: str = "WYF", name: str = "物业管理费") -> int:
    with db.begin() as s:
        item = FeeItem(code=code, name=name, kind="fixed_monthly")
        s.add(item)
        s.flush()
        return item.id


def bill(db: Database, household_id: int, item_id: int, period: str, amount_fen: int) -> int:
    with db.begin() as s:
        row = Bill(
            household_id=household_id,
            fee_item_id=item_id,
            period=period,
            rate_fen=amount_fen,
            quantity_centi=100,
            amount_fen=amount_fen,
            due_date=date(int(period[:4]), int(period[5:7]), 15),
            created_by="system",
        )
        s.add(row)
        s.flush()
        return row.id


def pay(
    db: Database,
    household_id: int,
    bill_ids: Sequence[int],
    *,
    seq: int,
    tenders: Sequence[tuple[str, int]] | None = None,
    received: str = "",
    change: str = "",
    desk: str = DESK,
    series: str = "A",
    on: date = DAY,
    paid_at: datetime | None = None,
    cashier: str = "C001",
    late_fee_fen: int = 0,
    rounding_fen: int = 0,
    credit_added_fen: int = 0,
    receipt_text: str = "",
) -> int:
    """Write a completed payment of ``bill_ids``; return its id.

    ``tenders`` default to all cash. With cash, ``received`` (pieces text) goes into
    the desk's open drawer as a sale and ``change`` comes out of it.
    """
    with db.begin() as s:
        bills = [s.get_one(Bill, b) for b in bill_ids]
        due = sum(b.amount_fen for b in bills) + late_fee_fen
        total = due + rounding_fen + credit_added_fen
        tenders = list(tenders) if tenders is not None else [("cash", total)]
        got, back = parse_pieces(received), parse_pieces(change)
        cash_session = None
        if any(m == "cash" for m, _ in tenders):
            cash_session = require_open_session(s, desk)
        payment = Payment(
            receipt_no=f"{series}{on.year}-{seq:06d}",
            desk=desk,
            series=series,
            year=on.year,
            seq=seq,
            household_id=household_id,
            cashier_staff_no=cashier,
            paid_at=paid_at or datetime.combine(on, time(2, 30), tzinfo=UTC),
            business_date=on,
            due_fen=due,
            rounding_fen=rounding_fen,
            total_fen=total,
            tendered_fen=sum(d.value_fen * n for d, n in got.items()),
            change_fen=sum(d.value_fen * n for d, n in back.items()),
            credit_added_fen=credit_added_fen,
            cash_session_id=cash_session.id if cash_session else None,
            receipt_text=receipt_text,
        )
        s.add(payment)
        s.flush()
        for method, fen in tenders:
            s.add(PaymentTender(payment_id=payment.id, method=method, amount_fen=fen))
        for i, b in enumerate(bills):
            late = late_fee_fen if i == 0 else 0
            s.add(
                Allocation(
                    payment_id=payment.id, bill_id=b.id, amount_fen=b.amount_fen, late_fee_fen=late
                )
            )
            b.status = "paid"
        if cash_session is not None:
            add_movement(s, cash_session, "sale", got, cashier, payment_id=payment.id)
            if back:
                neg = {d: -n for d, n in back.items()}
                add_movement(s, cash_session, "change", neg, cashier, payment_id=payment.id)
        return payment.id


def reverse(
    db: Database,
    payment_id: int,
    kind: str,
    *,
    reason: str = "收错户",
    by: str = "C001",
    approved_by: str = "S001",
    at: datetime | None = None,
    cash_back: str = "",
    desk: str = DESK,
) -> int:
    """Void or refund a payment: the reversal row, status, bills re-opened, cash paid out."""
    with db.begin() as s:
        payment = s.get_one(Payment, payment_id)
        cash_session = require_open_session(s, desk) if cash_back else None
        rev = PaymentReversal(
            payment_id=payment_id,
            kind=kind,
            reason=reason,
            by_staff_no=by,
            approved_by_staff_no=approved_by,
            at=at or datetime.combine(payment.business_date, time(5), tzinfo=UTC),
            amount_fen=payment.total_fen,
            cash_session_id=cash_session.id if cash_session else None,
        )
        s.add(rev)
        payment.status = "voided" if kind == "void" else "refunded"
        for alloc in payment.allocations:
            s.get_one(Bill, alloc.bill_id).status = "open"
        if cash_session is not None:
            out = {d: -n for d, n in parse_pieces(cash_back).items()}
            add_movement(s, cash_session, kind, out, by, payment_id=payment_id, reason=reason)
        s.flush()
        return rev.id


def counts(db: Database) -> dict[str, int]:
    """Row counts of the tables the cashbox writes (to show an error changed nothing)."""
    with db.read() as s:
        return {
            model.__tablename__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in (CashSession, CashMovement, AuditEvent)
        }


def audit_rows(db: Database, action: str) -> list[AuditEvent]:
    with db.read() as s:
        return list(
            s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
        )
