"""Verification codes against the database: the installation's key, genuine, voided and forged codes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from frontdesk.domain.verification import make_code
from frontdesk.errors import ValidationError
from frontdesk.services.payments import Tender
from frontdesk.services.reversals import void_payment
from frontdesk.services.verification import (
    KEY_NAME,
    NOT_OURS,
    receipt_key,
    verification_code,
    verify_code,
)
from frontdesk.storage.models import AppSecret
from tests.services.payment_fixtures import TODAY, Counter, counter

__all__ = ["counter"]  # the fixture, re-exported for pytest


def _secrets(counter: Counter) -> list[tuple[str, str]]:
    with counter.db.read() as s:
        return [(n, v) for n, v in s.execute(select(AppSecret.name, AppSecret.value))]


def test_key_is_made_once_on_first_use(counter: Counter) -> None:
    receipt = counter.pay().receipt_no
    assert _secrets(counter) == []
    code = verification_code(counter.db, receipt)
    [(name, value)] = _secrets(counter)
    assert name == KEY_NAME and len(bytes.fromhex(value)) == 32
    assert verification_code(counter.db, receipt) == code
    with counter.db.begin() as s:
        assert receipt_key(s) == bytes.fromhex(value)
    assert len(_secrets(counter)) == 1


def test_genuine_code_shows_the_payment(counter: Counter) -> None:
    result = counter.pay()
    code = verification_code(counter.db, result.receipt_no)
    assert code.startswith(f"FD1:{result.receipt_no}:46800:")
    verdict = verify_code(counter.db, code)
    assert verdict.genuine and verdict.valid and verdict.status == "completed"
    assert verdict.receipt == result.receipt
    for part in ("票据真实有效", result.receipt_no, "¥468.00", "3-2-1201", "刘兵、王芳", "C001"):
        assert part in verdict.message


def test_voided_payment_is_genuine_but_not_valid(counter: Counter) -> None:
    result = counter.pay([Tender("wechat", 46800, "42000099")])
    code = verification_code(counter.db, result.receipt_no)
    void_payment(
        counter.db, counter.cashier, result.receipt_no, "收错户", counter.supervisor, today=TODAY
    )
    verdict = verify_code(counter.db, code)
    assert verdict.genuine and not verdict.valid
    assert verdict.status == "voided"
    assert verdict.receipt is not None and verdict.receipt.status == "voided"
    assert "已作废" in verdict.message and "收错户" in verdict.message
    assert "不能作为缴费凭证" in verdict.message


@pytest.mark.parametrize(
    "forge",
    [
        lambda code: code.replace(":23400:", ":23500:"),
        lambda code: code.replace("-000001:", "-000002:"),
        lambda code: code[:-2],
        lambda code: code.rsplit(":", 1)[0],
        lambda code: "",
        lambda code: "https://example.com/pay?id=1",
    ],
    ids=["amount", "number", "truncated", "no-signature", "empty", "url"],
)
def test_forged_codes_are_not_ours(counter: Counter, forge: object) -> None:
    counter.pay(bills=counter.bills[:2], tenders=[Tender("cash", 23400)])
    counter.pay(bills=counter.bills[2:], tenders=[Tender("cash", 23400)])
    code = verification_code(counter.db, "A2026-000001")
    forged = forge(code)  # type: ignore[operator]
    assert forged != code
    verdict = verify_code(counter.db, forged)
    assert not verdict.genuine and not verdict.valid
    assert verdict.status == "invalid" and verdict.receipt is None
    assert verdict.message.startswith(NOT_OURS)


def test_code_from_another_installation_is_not_ours(counter: Counter) -> None:
    result = counter.pay()
    verification_code(counter.db, result.receipt_no)  # this installation has a key
    foreign = make_code(b"\x01" * 32, result.receipt_no, 46800)
    verdict = verify_code(counter.db, foreign)
    assert not verdict.genuine
    assert "签名不符" in verdict.message


def test_checking_never_creates_the_key(counter: Counter) -> None:
    result = counter.pay()
    verdict = verify_code(counter.db, make_code(b"\x01" * 32, result.receipt_no, 46800))
    assert not verdict.genuine and "还没有签发" in verdict.message
    assert _secrets(counter) == []


def test_code_for_an_unknown_receipt(counter: Counter) -> None:
    with pytest.raises(ValidationError, match="没有票据号为 A2026-000009"):
        verification_code(counter.db, "A2026-000009")
    with counter.db.read() as s:
        assert s.scalar(select(func.count()).select_from(AppSecret)) == 0
