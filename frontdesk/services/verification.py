"""Receipt verification codes: the installation's signing key, making codes, checking them.

The key is the ``AppSecret`` row ``receipt_key``: 32 random bytes (hex), created
the first time a code is made, inside that transaction. Every desk of an
installation shares it through the database, so a code printed at one counter
verifies at any other. Checking a code only reads; an installation that never
signed a code has no key, and then no code is genuine.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from frontdesk.domain.money import format_fen
from frontdesk.domain.receipt import ReceiptContent
from frontdesk.domain.verification import CodeError, make_code, parse_code, signature
from frontdesk.errors import ValidationError
from frontdesk.storage.database import Database
from frontdesk.storage.models import AppSecret, Payment, PaymentReversal

__all__ = [
    "KEY_NAME",
    "NOT_OURS",
    "VerifyResult",
    "code_for",
    "receipt_key",
    "verification_code",
    "verify_code",
]

KEY_NAME = "receipt_key"
NOT_OURS = "不是本系统签发的票据"
_REVERSAL_LABELS = {"voided": "已作废", "refunded": "已退款"}


@dataclass(frozen=True)
class VerifyResult:
    """What a verification code says.

    ``genuine``: signed with this installation's key and the payment exists with
    that number and amount. ``status`` is the payment's status when genuine
    (``completed``, ``voided``, ``refunded``), else ``invalid``. ``receipt`` is
    the receipt as issued (with its current status) when genuine. ``valid``
    says whether the receipt still stands as proof of payment.
    """

    genuine: bool
    message: str
    receipt: ReceiptContent | None
    status: str

    @property
    def valid(self) -> bool:
        return self.genuine and self.status == "completed"


def receipt_key(s: Session, *, create: bool = True) -> bytes | None:
    """The installation's signing key, created (in ``s``'s transaction) when missing.

    With ``create=False`` a missing key gives None. Two desks creating it at
    once end up with the same key (INSERT … ON CONFLICT DO NOTHING, then read).
    """
    value = s.scalar(select(AppSecret.value).where(AppSecret.name == KEY_NAME))
    if value is None and create:
        dialect = s.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        s.execute(
            insert(AppSecret)
            .values(name=KEY_NAME, value=secrets.token_hex(32))
            .on_conflict_do_nothing(index_elements=["name"])
        )
        value = s.scalar(select(AppSecret.value).where(AppSecret.name == KEY_NAME))
    return bytes.fromhex(value) if value is not None else None


def code_for(s: Session, receipt_no: str, amount_fen: int) -> str:
    """The verification code for a receipt, inside a write transaction (creates the key)."""
    key = receipt_key(s)
    assert key is not None
    return make_code(key, receipt_no, amount_fen)


def verification_code(db: Database, receipt_no: str) -> str:
    """The verification code printed on receipt ``receipt_no``.

    Raises:
        ValidationError: no payment has this receipt number.
    """
    receipt_no = receipt_no.strip()
    with db.read() as s:
        total = s.scalar(select(Payment.total_fen).where(Payment.receipt_no == receipt_no))
        key = receipt_key(s, create=False)
    if total is None:
        raise ValidationError(f"没有票据号为 {receipt_no} 的付款。")
    if key is None:
        with db.begin() as s:
            key = receipt_key(s)
            assert key is not None
    return make_code(key, receipt_no, total)


def _not_ours(reason: str) -> VerifyResult:
    return VerifyResult(False, f"{NOT_OURS}：{reason}。", None, "invalid")


def verify_code(db: Database, code: str) -> VerifyResult:
    """Say whether ``code`` was issued by this installation, and for which payment.

    A well-formed code whose signature does not match (a changed number or
    amount, a code from another installation) is not genuine; neither is text
    that is not a code at all. Nothing is written.
    """
    try:
        parsed = parse_code(code)
    except CodeError as exc:
        return _not_ours(str(exc))
    with db.read() as s:
        key = receipt_key(s, create=False)
        if key is None:
            return _not_ours("本系统还没有签发过带验证码的票据")
        expected = signature(key, parsed.receipt_no, parsed.amount_fen)
        if not hmac.compare_digest(expected, parsed.signature):
            return _not_ours("签名不符（票据号或金额被改动，或来自其他系统）")
        payment = s.scalar(select(Payment).where(Payment.receipt_no == parsed.receipt_no))
        if payment is None or payment.total_fen != parsed.amount_fen:
            return _not_ours(f"签名有效，但数据库中没有票据 {parsed.receipt_no}")
        receipt = ReceiptContent.from_json(payment.receipt_text).with_status(payment.status)
        reversal = s.scalar(
            select(PaymentReversal)
            .where(PaymentReversal.payment_id == payment.id)
            .order_by(PaymentReversal.id.desc())
            .limit(1)
        )
    when = receipt.issued_at.astimezone().strftime("%Y-%m-%d %H:%M")
    facts = (
        f"票据号 {receipt.receipt_no}，金额 {format_fen(receipt.total_fen)}，"
        f"房号 {receipt.room}，业主 {receipt.owner}，收款时间 {when}，收费员 {receipt.cashier_staff_no}"
    )
    label = _REVERSAL_LABELS.get(payment.status)
    if label is None:
        return VerifyResult(True, f"票据真实有效：{facts}。", receipt, payment.status)
    detail = ""
    if reversal is not None:
        at = reversal.at.astimezone().strftime("%Y-%m-%d %H:%M")
        detail = f"（{at}，原因：{reversal.reason}）"
    return VerifyResult(
        True,
        f"票据是本系统签发的，但该笔付款{label}{detail}，不能作为缴费凭证：{facts}。",
        receipt,
        payment.status,
    )
