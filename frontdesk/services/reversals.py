"""Voids (作废) and refunds (退款) of payments, authorised in place by a supervisor.

A payment made today whose drawer day is still open is voided: its cash goes
back out of that same drawer session. Any other payment is refunded: cash is
paid out of the desk's current drawer session, electronic amounts are paid back
on their channel outside the application (the reversal records the amount).
Either way the payment keeps its receipt number and is marked voided or
refunded, a ``PaymentReversal`` row says who, when, why and who approved, the
bills it paid are re-opened, prepayment credit it used is given back and credit
it added is taken back (refused when that credit was already spent), and the
audit log records it. Nothing is deleted.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from frontdesk.domain.change import make_change
from frontdesk.domain.money import Denomination, format_fen
from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services import audit, drawer
from frontdesk.services.billing import prepay_balance
from frontdesk.services.users import ROLE_NAMES, Actor, LoginPolicy, authenticate, require
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    Bill,
    CashMovement,
    CashSession,
    Household,
    Payment,
    PaymentReversal,
    PrepayEntry,
)

__all__ = ["authorize_supervisor", "refund_payment", "void_payment"]

_KIND_LABEL = {"void": "作废", "refund": "退款"}
_STATUS_AFTER = {"void": "voided", "refund": "refunded"}
MAX_REASON_CHARS = 500


def authorize_supervisor(
    db: Database,
    staff_no: str,
    password: str,
    *,
    policy: LoginPolicy | None = None,
    desk: str = "",
) -> Actor:
    """Check a supervisor's staff number and password typed in place (e.g. for a void).

    Uses the login check, so failures count towards the account's lockout and
    are audited.

    Raises:
        AuthError: empty fields, unknown account, wrong password, disabled or locked.
        PermissionDenied: the account is valid but not a supervisor (or administrator).
    """
    approver = authenticate(db, staff_no, password, policy or LoginPolicy(), desk=desk)
    if not approver.can("supervisor"):
        role = ROLE_NAMES.get(approver.role, approver.role)
        raise PermissionDenied(f"{approver.name}（{role}）不是主管，不能授权此操作。")
    return approver


def void_payment(
    db: Database,
    actor: Actor,
    receipt_no: str,
    reason: str,
    approver: Actor,
    *,
    today: date,
    now: datetime | None = None,
) -> None:
    """Void (作废) a payment made ``today`` while its drawer day is still open.

    The cash it took in goes back out of the same drawer session ("void" movement).

    Raises:
        ValidationError: no such receipt, already voided or refunded, not from
            today or its day already closed, no reason, credit it added already
            spent, or the drawer cannot pay the cash back; nothing is recorded.
        PermissionDenied: the actor is not a cashier or the approver not a supervisor.
    """
    _reverse(db, actor, receipt_no, reason, approver, "void", desk=None, today=today, now=now)


def refund_payment(
    db: Database,
    actor: Actor,
    receipt_no: str,
    reason: str,
    approver: Actor,
    *,
    desk: str,
    today: date,
    now: datetime | None = None,
) -> None:
    """Refund (退款) a payment that can no longer be voided (an earlier day, or a closed day).

    Its cash is paid out of ``desk``'s open drawer session ("refund" movement).

    Raises:
        ValidationError: no such receipt, already voided or refunded, still
            voidable (void it instead), no reason, credit it added already
            spent, no open drawer for a cash refund or not enough change in it;
            nothing is recorded.
        PermissionDenied: the actor is not a cashier or the approver not a supervisor.
    """
    _reverse(db, actor, receipt_no, reason, approver, "refund", desk=desk, today=today, now=now)


def _reverse(
    db: Database,
    actor: Actor,
    receipt_no: str,
    reason: str,
    approver: Actor,
    kind: Literal["void", "refund"],
    *,
    desk: str | None,
    today: date,
    now: datetime | None,
) -> None:
    require(actor, "cashier", "supervisor")
    if not approver.can("supervisor"):
        raise PermissionDenied(f"{approver.name} 不是主管，不能授权{_KIND_LABEL[kind]}。")
    reason = reason.strip()
    if not reason:
        raise ValidationError(f"请填写{_KIND_LABEL[kind]}原因。")
    if len(reason) > MAX_REASON_CHARS:
        raise ValidationError(f"{_KIND_LABEL[kind]}原因最多 {MAX_REASON_CHARS} 个字。")
    now = now or utcnow()
    receipt_no = receipt_no.strip()
    with db.begin() as s:
        payment = s.scalar(
            select(Payment)
            .where(Payment.receipt_no == receipt_no)
            .options(selectinload(Payment.tenders), selectinload(Payment.allocations))
            .with_for_update(of=Payment)
        )
        if payment is None:
            raise ValidationError(f"没有票据号为 {receipt_no} 的付款。")
        if payment.status != "completed":
            done = "作废" if payment.status == "voided" else "退款"
            raise ValidationError(f"票据 {receipt_no} 已{done}，不能再{_KIND_LABEL[kind]}。")
        s.scalar(select(Household.id).where(Household.id == payment.household_id).with_for_update())
        voidable = _voidable(s, payment, today)
        if kind == "void" and voidable is not None:
            raise ValidationError(f"票据 {receipt_no} {voidable}，不能作废，请办理退款。")
        if kind == "refund" and voidable is None:
            raise ValidationError(f"票据 {receipt_no} 是当日付款且尚未日结，请直接作废。")
        reversal = PaymentReversal(
            payment_id=payment.id,
            kind=kind,
            reason=reason,
            by_staff_no=actor.staff_no,
            approved_by_staff_no=approver.staff_no,
            at=now,
            amount_fen=payment.total_fen,
        )
        s.add(reversal)
        s.flush()
        _reverse_credit(s, payment, reversal, kind, now)
        _reopen_bills(s, payment)
        cash = sum(t.amount_fen for t in payment.tenders if t.method == "cash")
        cash_session: CashSession | None = None
        if cash:
            if kind == "void":
                cash_session = _void_cash(s, payment, actor)
            else:
                assert desk is not None
                cash_session = _refund_cash(s, payment, cash, desk, actor)
            reversal.cash_session_id = cash_session.id
        payment.status = _STATUS_AFTER[kind]
        audit.record(
            s,
            actor.staff_no,
            f"payment.{kind}",
            "payment",
            receipt_no,
            {
                "reason": reason,
                "approved_by": approver.staff_no,
                "amount": payment.total_fen,
                "cash": cash,
                "methods": [[t.method, t.amount_fen, t.reference] for t in payment.tenders],
                "bills": [a.bill_id for a in payment.allocations],
                "credit_added": payment.credit_added_fen,
                "credit_used": payment.credit_used_fen,
                "desk": desk or payment.desk,
            },
        )


def _voidable(s: Session, payment: Payment, today: date) -> str | None:
    """None if the payment can be voided, else why not (a phrase for the message)."""
    if payment.business_date != today:
        return f"不是当日（{today.isoformat()}）的付款"
    if payment.cash_session_id is not None:
        session = s.get(CashSession, payment.cash_session_id)
        if session is not None and session.status != "open":
            return "所在钱箱已日结"
        return None
    closed = s.scalar(
        select(CashSession.id).where(
            CashSession.desk == payment.desk,
            CashSession.business_date == payment.business_date,
            CashSession.status == "closed",
            CashSession.closed_at >= payment.paid_at,
        )
    )
    return "所在的营业日已日结" if closed is not None else None


def _reverse_credit(
    s: Session, payment: Payment, reversal: PaymentReversal, kind: str, now: datetime
) -> None:
    """Take back credit the payment added (if still there) and give back credit it used."""
    label = _KIND_LABEL[kind]
    if payment.credit_added_fen:
        balance = prepay_balance(s, payment.household_id)
        if balance < payment.credit_added_fen:
            raise ValidationError(
                f"该笔付款存入的预存款 {format_fen(payment.credit_added_fen)} 已被使用"
                f"（现余额 {format_fen(balance)}），不能{label}。"
            )
        s.add(
            PrepayEntry(
                household_id=payment.household_id,
                payment_id=payment.id,
                reversal_id=reversal.id,
                amount_fen=-payment.credit_added_fen,
                at=now,
                note=f"{label}冲回 {payment.receipt_no}",
            )
        )
    if payment.credit_used_fen:
        s.add(
            PrepayEntry(
                household_id=payment.household_id,
                payment_id=payment.id,
                reversal_id=reversal.id,
                amount_fen=payment.credit_used_fen,
                at=now,
                note=f"{label}退回 {payment.receipt_no}",
            )
        )


def _reopen_bills(s: Session, payment: Payment) -> None:
    ids = [a.bill_id for a in payment.allocations]
    if not ids:
        return
    for bill in s.scalars(select(Bill).where(Bill.id.in_(ids)).with_for_update()):
        bill.status = "open"


def _void_cash(s: Session, payment: Payment, actor: Actor) -> CashSession:
    """Hand back the payment's net cash from its own (open) session."""
    session = s.scalar(
        select(CashSession).where(CashSession.id == payment.cash_session_id).with_for_update()
    )
    if session is None or session.status != "open":
        raise ValidationError(f"票据 {payment.receipt_no} 所在钱箱已日结，不能作废，请办理退款。")
    net: dict[Denomination, int] = {}
    for text in s.scalars(
        select(CashMovement.pieces).where(
            CashMovement.payment_id == payment.id, CashMovement.cash_session_id == session.id
        )
    ):
        for d, n in drawer.pieces_from_json(text).items():
            net[d] = net.get(d, 0) + n
    held = drawer.drawer_contents(s, session.id)
    if all(held.get(d, 0) >= n for d, n in net.items() if n > 0):
        out = {d: -n for d, n in net.items() if n}
    else:  # the very notes were given out since: pay the same amount with others
        amount = sum(d.value_fen * n for d, n in net.items())
        out = _pay_out(held, amount, "作废")
    drawer.add_movement(
        s, session, "void", out, actor.staff_no, payment_id=payment.id, reason="作废退回现金"
    )
    return session


def _refund_cash(s: Session, payment: Payment, cash: int, desk: str, actor: Actor) -> CashSession:
    """Pay the payment's cash back out of ``desk``'s current open session."""
    session = drawer.require_open_session(s, desk)
    out = _pay_out(drawer.drawer_contents(s, session.id), cash, "退款")
    drawer.add_movement(
        s, session, "refund", out, actor.staff_no, payment_id=payment.id, reason="退款退回现金"
    )
    return session


def _pay_out(held: dict[Denomination, int], amount: int, label: str) -> dict[Denomination, int]:
    result = make_change(amount, held)
    if not result.exact:
        raise ValidationError(f"{label}需付出现金 {format_fen(amount)}，{result.message}")
    return {d: -n for d, n in result.pieces}
