"""Receipt verification codes: shape, signature, and every way a code can be wrong."""

from __future__ import annotations

import re

import pytest

from frontdesk.domain.verification import (
    SIGNATURE_CHARS,
    CodeError,
    ParsedCode,
    check_code,
    make_code,
    parse_code,
)

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
# The QR code's alphanumeric mode: a code in it needs the fewest modules.
QR_ALPHANUMERIC = re.compile(r"[0-9A-Z $%*+\-./:]+")


def test_code_shape_and_round_trip() -> None:
    code = make_code(KEY, "A2026-000123", 22400)
    assert re.fullmatch(r"FD1:A2026-000123:22400:[A-Z2-7]{10}", code), code
    assert QR_ALPHANUMERIC.fullmatch(code)
    parsed = parse_code(code)
    assert parsed == ParsedCode("A2026-000123", 22400, code[-SIGNATURE_CHARS:])
    assert check_code(KEY, code) == parsed


def test_code_is_deterministic_and_depends_on_every_part() -> None:
    code = make_code(KEY, "A2026-000123", 22400)
    assert make_code(KEY, "A2026-000123", 22400) == code
    signatures = {
        make_code(KEY, "A2026-000123", 22400)[-10:],
        make_code(KEY, "A2026-000124", 22400)[-10:],
        make_code(KEY, "A2026-000123", 22401)[-10:],
        make_code(OTHER_KEY, "A2026-000123", 22400)[-10:],
    }
    assert len(signatures) == 4


def test_hand_typed_code_with_spaces_and_lower_case_is_accepted() -> None:
    code = make_code(KEY, "A2026-000123", 22400)
    typed = "  fd1:A2026-000123:22400:" + code[-10:].lower() + "\n"
    assert check_code(KEY, typed) is not None


def test_receipt_number_may_contain_a_colon() -> None:
    code = make_code(KEY, "F:2026:7", 100)
    assert parse_code(code).receipt_no == "F:2026:7"
    assert check_code(KEY, code) is not None


def test_zero_amount_and_large_amount() -> None:
    for amount in (0, 999_999_999):
        assert check_code(KEY, make_code(KEY, "A2026-000001", amount)) is not None


@pytest.mark.parametrize(
    "tamper",
    [
        lambda c: c.replace(":22400:", ":22500:"),  # amount changed
        lambda c: c.replace("000123", "000124"),  # receipt number changed
        lambda c: c[:-1] + ("A" if c[-1] != "A" else "B"),  # signature changed
    ],
    ids=["amount", "number", "signature"],
)
def test_tampered_codes_are_rejected(tamper: object) -> None:
    code = make_code(KEY, "A2026-000123", 22400)
    bad = tamper(code)  # type: ignore[operator]
    assert bad != code
    assert parse_code(bad)  # still well formed ...
    assert check_code(KEY, bad) is None  # ... but not signed by us


def test_foreign_code_is_rejected() -> None:
    assert check_code(KEY, make_code(OTHER_KEY, "A2026-000123", 22400)) is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "为空"),
        ("   ", "为空"),
        ("hello", "FD1"),
        ("FD2:A2026-000123:22400:ABCDEFGHIJ", "FD1"),
        ("FD1:A2026-000123", "不完整"),
        ("FD1:A2026-000123:22400", "不完整"),
        ("FD1::22400:ABCDEFGHIJ", "票据号"),
        ("FD1:A 1:22400:ABCDEFGHIJ", "票据号"),
        ("FD1:A2026-000123:022400:ABCDEFGHIJ", "金额"),
        ("FD1:A2026-000123:-5:ABCDEFGHIJ", "金额"),
        ("FD1:A2026-000123:224.00:ABCDEFGHIJ", "金额"),
        ("FD1:A2026-000123:22400:ABCDEFGHI", "签名"),  # truncated by one
        ("FD1:A2026-000123:22400:ABCDEFGHIJK", "签名"),
        ("FD1:A2026-000123:22400:ABCDEFGH18", "签名"),  # not base32
        ("FD1:" + "A" * 200 + ":1:ABCDEFGHIJ", "太长"),
    ],
)
def test_malformed_codes_say_why(text: str, why: str) -> None:
    with pytest.raises(CodeError, match=why):
        parse_code(text)
    assert check_code(KEY, text) is None


def test_every_truncation_of_a_real_code_is_rejected() -> None:
    code = make_code(KEY, "A2026-000123", 22400)
    for end in range(len(code)):
        assert check_code(KEY, code[:end]) is None, code[:end]


def test_bad_arguments_to_make_code() -> None:
    with pytest.raises(ValueError):
        make_code(KEY, "", 100)
    with pytest.raises(ValueError):
        make_code(KEY, "A 1", 100)
    with pytest.raises(ValueError):
        make_code(KEY, "A1", -1)
    with pytest.raises(ValueError):
        make_code(b"", "A1", 1)
