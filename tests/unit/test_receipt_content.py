"""Receipt content: JSON round trip and plain-text rendering with double-width Chinese."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from frontdesk.domain.receipt import (
    METHOD_LABELS,
    ReceiptContent,
    ReceiptLine,
    char_width,
    display_width,
    pad_to,
    wrap_to,
)

BEIJING = timezone(timedelta(hours=8))
STANDARD = "2.50 ¥/m²/月 × 89.60 m² = 224.00"


def sample(**changes: Any) -> ReceiptContent:
    receipt = ReceiptContent(
        receipt_no="A2026-000123",
        estate="示例花园",
        desk="前台1",
        cashier_staff_no="C001",
        cashier_name="张三",
        issued_at=datetime(2026, 3, 5, 2, 7, tzinfo=UTC),
        room="3-2-1201",
        owner="刘兵、王芳",
        lines=(
            ReceiptLine("物业管理费", "2026-02", STANDARD, 22400, 0),
            ReceiptLine("物业管理费", "2026-01", STANDARD, 22400, 112),
            ReceiptLine("垃圾清运费", "2026-02", "10.00 ¥/月 = 10.00", 1000, 0),
        ),
        total_fen=45910,
        methods=(("现金", 25910, ""), ("银行转账", 20000, "TX20260305-0001")),
        tendered_fen=30000,
        change_fen=4090,
        prepay_balance_after_fen=1500,
        rounding_fen=-2,
        due_fen=45912,
    )
    return replace(receipt, **changes)


# ---------------------------------------------------------------- widths


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("", 0),
        ("abc", 3),
        ("刘兵", 4),
        ("前台1", 5),
        ("（）：", 6),
        ("¥12", 3),
        ("ｱ", 1),
        ("Ａ", 2),
    ],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_combining_marks_take_no_column() -> None:
    assert char_width("\u0301") == 0
    assert display_width("e\u0301") == 1


def test_pad_to() -> None:
    assert pad_to("刘兵", 6) == "刘兵  "
    assert pad_to("刘兵刘兵", 6) == "刘兵刘兵"


def test_wrap_never_splits_a_wide_character() -> None:
    lines = wrap_to("物业管理费" * 4, 9)
    assert lines == ["物业管理", "费物业管", "理费物业", "管理费物", "业管理费"]
    assert all(display_width(line) <= 9 for line in lines)


def test_wrap_prefers_spaces_and_indents() -> None:
    lines = wrap_to("  " + STANDARD, 20, "    ")
    assert lines[0] == "  2.50 ¥/m²/月 ×"
    assert all(line.startswith("    ") for line in lines[1:])
    assert "".join(line.strip() + " " for line in lines).split() == STANDARD.split()


# ---------------------------------------------------------------- JSON


def test_json_round_trip() -> None:
    receipt = sample()
    text = receipt.to_json()
    assert "示例花园" in text  # readable, not \\u escapes
    assert ReceiptContent.from_json(text) == receipt


def test_json_keeps_the_time_zone() -> None:
    receipt = sample(issued_at=datetime(2026, 3, 5, 10, 7, tzinfo=BEIJING))
    back = ReceiptContent.from_json(receipt.to_json())
    assert back.issued_at == receipt.issued_at and back.issued_at.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize("text", ["", "[]", '{"v": 99}', '{"v": 1, "receipt_no": "x"}'])
def test_from_json_refuses_other_text(text: str) -> None:
    with pytest.raises(ValueError):
        ReceiptContent.from_json(text)


def test_from_json_ignores_unknown_keys() -> None:
    data = json.loads(sample().to_json())
    data["printed_by"] = "someone"
    assert ReceiptContent.from_json(json.dumps(data)) == sample()


def test_naive_time_and_unknown_status_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        sample(issued_at=datetime(2026, 3, 5, 10, 7))
    with pytest.raises(ValueError, match="status"):
        sample(status="lost")


def test_method_labels() -> None:
    assert METHOD_LABELS["wechat"] == "微信支付" and METHOD_LABELS["prepay"] == "预存款"
    assert set(METHOD_LABELS) == {"cash", "wechat", "alipay", "unionpay", "transfer", "prepay"}


# ---------------------------------------------------------------- text


@pytest.mark.parametrize("width", [20, 32, 48])
def test_text_fits_the_width(width: int) -> None:
    lines = sample().text_lines(width, tz=BEIJING)
    assert all(display_width(line) <= width for line in lines), lines


def test_text_content() -> None:
    lines = sample().text_lines(32, tz=BEIJING)
    text = "\n".join(lines)
    for expected in (
        "示例花园",
        "票据号：A2026-000123",
        "时间：2026-03-05 10:07",  # shown in the desk's time zone
        "窗口：前台1",
        "收费员：C001 张三",
        "房号：3-2-1201",
        "业主：刘兵、王芳",
        "2.50 ¥/m²/月 × 89.60 m² =",
        "TX20260305-0001",
    ):
        assert expected in text, expected
    assert "作废" not in text
    # amounts right-aligned to the full width
    assert _row(lines, "物业管理费 2026-02") == "物业管理费 2026-02" + " " * 8 + "224.00"
    assert _row(lines, "  滞纳金").endswith(" 1.12")
    assert _row(lines, "应收合计").endswith(" 459.12")
    assert _row(lines, "现金取整").endswith(" -0.02")
    assert _row(lines, "实收合计").endswith(" ¥459.10")
    assert _row(lines, "  现金").endswith(" 259.10")
    assert _row(lines, "  银行转账").endswith(" 200.00")
    assert _row(lines, "收现金").endswith(" 300.00")
    assert _row(lines, "找零").endswith(" 40.90")
    assert _row(lines, "预存款余额").endswith(" 15.00")
    for line in lines:
        if line.startswith(("物业管理费", "实收合计", "找零")):
            assert display_width(line) == 32


def test_text_without_cash_or_rounding() -> None:
    receipt = sample(
        methods=(("微信支付", 45912, ""),),
        total_fen=45912,
        tendered_fen=0,
        change_fen=0,
        rounding_fen=0,
    )
    text = "\n".join(receipt.text_lines(32, tz=BEIJING))
    assert "收现金" not in text and "找零" not in text and "现金取整" not in text
    assert "应收合计" not in text  # same as the total, not repeated


def test_text_shows_credit_added() -> None:
    receipt = sample(
        methods=(("现金", 50000, ""),),
        total_fen=50000,
        tendered_fen=50000,
        change_fen=0,
        rounding_fen=-2,
        credit_added_fen=4090,
    )
    lines = receipt.text_lines(32, tz=BEIJING)
    assert _row(lines, "存入预存款").endswith(" 40.90")


@pytest.mark.parametrize(("status", "mark"), [("voided", "【已作废】"), ("refunded", "【已退款】")])
def test_text_marks_void_and_refund(status: str, mark: str) -> None:
    lines = sample().with_status(status).text_lines(32, tz=BEIJING)
    assert any(line.strip() == mark for line in lines)


def test_long_names_wrap_instead_of_overflowing() -> None:
    receipt = sample(
        owner="欧阳娜娜、司马相如、诸葛孔明、上官婉儿",
        lines=(ReceiptLine("地下停车位管理服务费（含照明）", "2026-02", "", 30000, 0),),
    )
    lines = receipt.text_lines(24, tz=BEIJING)
    assert all(display_width(line) <= 24 for line in lines)
    assert any(line.endswith("300.00") for line in lines)


def test_too_narrow() -> None:
    with pytest.raises(ValueError):
        sample().text_lines(10)


def _row(lines: list[str], start: str) -> str:
    return next(line for line in lines if line.startswith(start))
