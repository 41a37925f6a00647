"""Receipt verification codes: the receipt number and amount, signed with the installation's key.

A code reads ``FD1:A2026-000123:22400:K7Q2M4XB9P``: a version tag, the receipt
number, the amount paid in fen and the first 10 characters of the base32
HMAC-SHA256 of ``FD1:<receipt number>:<amount>`` under a per-installation
secret. 10 base32 characters are 50 bits: guessing a signature for a made-up
receipt is hopeless. Every character is in the QR code's alphanumeric set
(digits, capitals, ``$%*+-./:`` and space) as long as the receipt number is,
so the QR code stays small.

Pure: the key is handed in by the caller (``frontdesk.services.verification``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Final

__all__ = [
    "PREFIX",
    "SIGNATURE_CHARS",
    "CodeError",
    "ParsedCode",
    "check_code",
    "make_code",
    "parse_code",
    "signature",
]

PREFIX: Final = "FD1"
SIGNATURE_CHARS: Final = 10
MAX_CODE_CHARS: Final = 120
_SIGNATURE = re.compile(rf"[A-Z2-7]{{{SIGNATURE_CHARS}}}")
_AMOUNT = re.compile(r"0|[1-9][0-9]{0,15}")  # canonical: no sign, no leading zeros


class CodeError(ValueError):
    """Text that is not a verification code at all (wrong shape); the message says why."""


@dataclass(frozen=True)
class ParsedCode:
    """The parts of a well-formed code (its signature not yet checked)."""

    receipt_no: str
    amount_fen: int
    signature: str


def signature(secret: bytes, receipt_no: str, amount_fen: int) -> str:
    """The 10-character base32 signature of a receipt number and amount."""
    if not secret:
        raise ValueError("empty signing key")
    message = f"{PREFIX}:{receipt_no}:{amount_fen}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:SIGNATURE_CHARS]


def make_code(secret: bytes, receipt_no: str, amount_fen: int) -> str:
    """``FD1:<receipt number>:<amount fen>:<signature>`` for the receipt."""
    receipt_no = receipt_no.strip()
    if not receipt_no or any(ch.isspace() for ch in receipt_no):
        raise ValueError(f"bad receipt number {receipt_no!r}")
    if isinstance(amount_fen, bool) or amount_fen < 0:
        raise ValueError(f"bad amount {amount_fen!r}")
    return f"{PREFIX}:{receipt_no}:{amount_fen}:{signature(secret, receipt_no, amount_fen)}"


def parse_code(code: str) -> ParsedCode:
    """Split a code into receipt number, amount and signature.

    Spaces around the code are ignored and the prefix and signature may be in
    lower case (typed by hand); the receipt number is kept as written (it may
    itself contain ``:``).

    Raises:
        CodeError: not of the form ``FD1:<receipt number>:<amount>:<signature>``.
    """
    text = code.strip()
    if not text:
        raise CodeError("验证码为空")
    if len(text) > MAX_CODE_CHARS:
        raise CodeError("验证码太长")
    head, sep, rest = text.partition(":")
    if not sep or head.upper() != PREFIX:
        raise CodeError(f"验证码应以 {PREFIX}: 开头")
    parts = rest.rsplit(":", 2)
    if len(parts) != 3:
        raise CodeError("验证码不完整（应有票据号、金额和签名三段）")
    receipt_no, amount, sig = parts
    if not receipt_no or any(ch.isspace() for ch in receipt_no):
        raise CodeError("验证码中的票据号无效")
    if not _AMOUNT.fullmatch(amount):
        raise CodeError("验证码中的金额无效")
    sig = sig.upper()
    if not _SIGNATURE.fullmatch(sig):
        raise CodeError(f"验证码中的签名应为 {SIGNATURE_CHARS} 位字母数字（可能不完整）")
    return ParsedCode(receipt_no, int(amount), sig)


def check_code(secret: bytes, code: str) -> ParsedCode | None:
    """The parsed code if it is well formed and signed with ``secret``, else None."""
    try:
        parsed = parse_code(code)
    except CodeError:
        return None
    expected = signature(secret, parsed.receipt_no, parsed.amount_fen)
    return parsed if hmac.compare_digest(expected, parsed.signature) else None
