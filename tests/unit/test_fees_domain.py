"""Fee standards: amounts, the standard text, late fees, periods."""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk.domain.fees import (
    OFF,
    FeeError,
    LateFeePolicy,
    add_months,
    bill_amount,
    check_due_day,
    check_kind,
    check_late_fee,
    check_rate,
    due_date,
    late_fee,
    months_between,
    parse_period,
    parse_rate,
    period_label,
    rate_label,
    rate_on,
    standard_text,
)


@pytest.mark.parametrize(
    ("kind", "rate", "quantity", "amount"),
    [
        ("area_monthly", 250, 8960, 22400),
        ("area_monthly", 280, 8960, 25088),
        ("area_monthly", 255, 8963, 22856),  # 228.5565 → 228.56
        ("area_monthly", 250, 8961, 22403),  # 224.025 → 224.03 (half up)
        ("area_monthly", 150, 3, 5),  # 0.045 → 0.05
        ("area_monthly", 150, 1, 2),  # 0.015 → 0.02
        ("area_monthly", 100, 1, 1),  # 0.01
        ("area_monthly", 1, 49, 0),  # 0.0049 → 0.00
        ("area_monthly", 1, 50, 1),  # 0.005 → 0.01
        ("fixed_monthly", 5000, 100, 5000),
        ("one_off", 20000, 100, 20000),
        ("fixed_monthly", 1000, 300, 3000),
    ],
)
def test_bill_amount_is_rate_times_quantity_half_up(
    kind: str, rate: int, quantity: int, amount: int
) -> None:
    assert bill_amount(kind, rate, quantity) == amount


def test_bill_amount_is_exact_for_large_numbers() -> None:
    assert bill_amount("area_monthly", 10_000_000, 1_000_000) == 100_000_000_000


def test_bill_amount_refuses_unknown_kind_and_negative() -> None:
    with pytest.raises(FeeError, match="未知的收费方式"):
        bill_amount("weekly", 100, 100)
    with pytest.raises(ValueError):
        bill_amount("fixed_monthly", -1, 100)


def test_standard_text_for_each_kind() -> None:
    assert standard_text("area_monthly", 250, 8960, 22400) == "2.50 ¥/m²/月 × 89.60 m² = 224.00"
    assert standard_text("fixed_monthly", 5000, 100, 5000) == "50.00 ¥/月 = 50.00"
    assert standard_text("one_off", 20000, 100, 20000) == "200.00 ¥/次 = 200.00"
    assert standard_text("fixed_monthly", 1000, 300, 3000) == "10.00 ¥/月 × 3 = 30.00"
    assert standard_text("area_monthly", 250, 50005, 125013) == (
        "2.50 ¥/m²/月 × 500.05 m² = 1,250.13"
    )


def test_rate_label() -> None:
    assert rate_label("area_monthly", 280) == "2.80 ¥/m²/月"
    assert rate_label("fixed_monthly", 1000) == "10.00 ¥/月"


ON = LateFeePolicy(enabled=True, grace_days=30, daily_bp=5, cap_percent=100)


def test_late_fee_off_by_default() -> None:
    assert OFF.enabled is False
    assert late_fee(22400, date(2026, 1, 15), date(2030, 1, 1), OFF) == 0


def test_late_fee_runs_after_the_grace_period() -> None:
    due = date(2026, 1, 15)
    assert late_fee(22400, due, date(2026, 1, 10), ON) == 0  # not yet due
    assert late_fee(22400, due, date(2026, 2, 14), ON) == 0  # day 30: still grace
    assert late_fee(22400, due, date(2026, 2, 15), ON) == 11  # 1 day × 0.05% = 11.2 fen
    assert late_fee(22400, due, date(2026, 2, 24), ON) == 112  # 10 days
    assert late_fee(10000, due, date(2026, 2, 15), ON) == 5  # exactly 5 fen
    assert late_fee(1000, due, date(2026, 2, 15), ON) == 1  # 0.5 fen → 1 (half up)


def test_late_fee_is_capped() -> None:
    capped = LateFeePolicy(enabled=True, grace_days=0, daily_bp=100, cap_percent=10)
    due = date(2026, 1, 15)
    assert late_fee(10000, due, date(2026, 1, 20), capped) == 500  # 5 days × 1 %
    assert late_fee(10000, due, date(2026, 1, 25), capped) == 1000  # 10 %: the cap
    assert late_fee(10000, due, date(2027, 1, 25), capped) == 1000
    assert late_fee(0, due, date(2027, 1, 25), capped) == 0


@pytest.mark.parametrize(
    "text", ["2026-11", " 2026-11 ", "2026-1", "２０２６－１１".replace("－", "-")]
)
def test_parse_period_accepts(text: str) -> None:
    assert parse_period(text) in ((2026, 11), (2026, 1))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "请输入账期"),
        ("   ", "请输入账期"),
        ("2026-13", "月份应在 1 至 12"),
        ("2026-00", "月份应在 1 至 12"),
        ("2026/11", "格式不对"),
        ("11-2026", "格式不对"),
        ("2026-11-01", "格式不对"),
        ("202611", "格式不对"),
        ("abc", "格式不对"),
        ("1999-12", "年份应在"),
    ],
)
def test_parse_period_refuses(text: str, message: str) -> None:
    with pytest.raises(FeeError, match=message):
        parse_period(text)


def test_period_helpers() -> None:
    assert period_label(2026, 1) == "2026-01"
    assert add_months(2026, 11, 2) == (2027, 1)
    assert add_months(2026, 1, -1) == (2025, 12)
    assert add_months(2026, 12, 0) == (2026, 12)
    assert add_months(2026, 5, 24) == (2028, 5)
    assert months_between((2026, 11), (2027, 1)) == 2
    assert months_between((2026, 11), (2026, 10)) == -1
    assert due_date(2026, 2, 28) == date(2026, 2, 28)


def test_rate_on_picks_latest_effective() -> None:
    rates = [(date(2026, 1, 1), 250), (date(2027, 1, 1), 280)]
    assert rate_on(rates, date(2025, 12, 31)) is None
    assert rate_on(rates, date(2026, 1, 1)) == 250
    assert rate_on(rates, date(2026, 12, 31)) == 250
    assert rate_on(list(reversed(rates)), date(2027, 1, 1)) == 280


@pytest.mark.parametrize(("text", "fen"), [("2.50", 250), ("¥2.8", 280), ("１０", 1000)])
def test_parse_rate(text: str, fen: int) -> None:
    assert parse_rate(text) == fen


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "必须大于 0"),
        ("0.00", "必须大于 0"),
        ("-2.50", "必须大于 0"),
        ("abc", "收费标准：无法识别"),
        ("2.505", "两位小数"),
        ("", "请输入金额"),
        ("1000000", "不能超过"),
    ],
)
def test_parse_rate_refuses(text: str, message: str) -> None:
    with pytest.raises(FeeError, match=message):
        parse_rate(text)


def test_checks() -> None:
    assert check_kind("one_off") == "one_off"
    with pytest.raises(FeeError):
        check_rate(0)
    with pytest.raises(FeeError):
        check_due_day(29)
    with pytest.raises(FeeError):
        check_due_day(0)
    assert check_late_fee(OFF) is OFF
    with pytest.raises(FeeError, match="日费率"):
        check_late_fee(LateFeePolicy(enabled=True, daily_bp=0))
    with pytest.raises(FeeError, match="上限"):
        check_late_fee(LateFeePolicy(enabled=True, cap_percent=101))
    with pytest.raises(FeeError, match="宽限"):
        check_late_fee(LateFeePolicy(enabled=True, grace_days=-1))
