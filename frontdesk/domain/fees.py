"""Fee standards (收费标准): bill amounts, the standard text, late fees and bill periods.

Pure rules on ``int`` fen. A rate is fen per m² per month (``area_monthly``), fen
per month (``fixed_monthly``) or fen per charge (``one_off``); a quantity is in
hundredths (the floor area in 0.01 m², or 100 for one unit).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from frontdesk.domain.money import MoneyError, format_fen, parse_amount

KINDS: Final = ("area_monthly", "fixed_monthly", "one_off")
MONTHLY_KINDS: Final = ("area_monthly", "fixed_monthly")
KIND_LABELS: Final = {
    "area_monthly": "按面积/月",
    "fixed_monthly": "固定/月",
    "one_off": "一次性",
}
_UNITS: Final = {"area_monthly": "¥/m²/月", "fixed_monthly": "¥/月", "one_off": "¥/次"}

MIN_YEAR: Final = 2000
MAX_YEAR: Final = 2099
MAX_RATE_FEN: Final = 10_000_000  # ¥100,000.00 per unit: anything larger is a typo
MAX_DUE_DAY: Final = 28  # every month has it
MAX_LATE_FEE_BP: Final = 10_000  # 100 % per day is already absurd
MAX_LATE_FEE_CAP_PERCENT: Final = 100
MAX_GRACE_DAYS: Final = 3650


class FeeError(ValueError):
    """Invalid fee or period input; ``str(error)`` is a Simplified-Chinese sentence."""


@dataclass(frozen=True)
class LateFeePolicy:
    """Late fee (滞纳金) of a fee item; off unless ``enabled``.

    After ``grace_days`` days past the due date, ``daily_bp`` basis points
    (1/10,000) of the principal per further day, at most ``cap_percent`` % of it.
    """

    enabled: bool = False
    grace_days: int = 30
    daily_bp: int = 5
    cap_percent: int = 100


OFF: Final = LateFeePolicy()


def check_kind(kind: str) -> str:
    """Return ``kind`` if it is a fee kind, else raise FeeError."""
    if kind not in KINDS:
        choices = "、".join(f"{k}（{KIND_LABELS[k]}）" for k in KINDS)
        raise FeeError(f"未知的收费方式“{kind}”，可选：{choices}。")
    return kind


def check_rate(rate_fen: int) -> int:
    """Return a rate in fen if it is positive and plausible, else raise FeeError."""
    if rate_fen <= 0:
        raise FeeError("收费标准必须大于 0（不能为零或负数）。")
    if rate_fen > MAX_RATE_FEN:
        raise FeeError(f"收费标准不能超过 {format_fen(MAX_RATE_FEN)}，请检查。")
    return rate_fen


def parse_rate(text: str) -> int:
    """Parse a rate typed by a supervisor (``2.50``, ``¥2.5``) into fen; must be > 0."""
    try:
        fen = parse_amount(text, max_fen=MAX_RATE_FEN)
    except MoneyError as exc:
        if exc.reason == "negative":
            raise FeeError("收费标准必须大于 0（不能为零或负数）。") from exc
        raise FeeError(f"收费标准：{exc}") from exc
    return check_rate(fen)


def check_due_day(day: int) -> int:
    if not 1 <= day <= MAX_DUE_DAY:
        raise FeeError(f"缴费日应为每月 1 至 {MAX_DUE_DAY} 日之间。")
    return day


def check_late_fee(policy: LateFeePolicy) -> LateFeePolicy:
    """Return ``policy`` if its numbers are in range, else raise FeeError."""
    if not 0 <= policy.grace_days <= MAX_GRACE_DAYS:
        raise FeeError(f"滞纳金宽限天数应在 0 至 {MAX_GRACE_DAYS} 之间。")
    if policy.enabled and not 1 <= policy.daily_bp <= MAX_LATE_FEE_BP:
        raise FeeError(f"滞纳金日费率应在 1 至 {MAX_LATE_FEE_BP} 个基点（万分之一）之间。")
    if policy.enabled and not 1 <= policy.cap_percent <= MAX_LATE_FEE_CAP_PERCENT:
        raise FeeError(f"滞纳金上限应在本金的 1% 至 {MAX_LATE_FEE_CAP_PERCENT}% 之间。")
    return policy


def _div_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half up, for non-negative integers."""
    return (2 * numerator + denominator) // (2 * denominator)


def bill_amount(kind: str, rate_fen: int, quantity_centi: int) -> int:
    """Amount in fen: rate × quantity / 100, rounded half up (224.00 for 2.50 × 89.60)."""
    check_kind(kind)
    if rate_fen < 0 or quantity_centi < 0:
        raise ValueError("rate and quantity must not be negative")
    return _div_half_up(rate_fen * quantity_centi, 100)


def format_quantity(quantity_centi: int) -> str:
    """``8960`` → ``89.60``."""
    whole, part = divmod(quantity_centi, 100)
    return f"{whole}.{part:02d}"


def rate_label(kind: str, rate_fen: int) -> str:
    """``2.50 ¥/m²/月``, ``10.00 ¥/月``, ``200.00 ¥/次``."""
    return f"{format_fen(rate_fen, symbol='')} {_UNITS[check_kind(kind)]}"


def standard_text(kind: str, rate_fen: int, quantity_centi: int, amount_fen: int) -> str:
    """How an amount was reached, for the owner.

    ``area_monthly``: ``2.50 ¥/m²/月 × 89.60 m² = 224.00``;
    ``fixed_monthly``: ``50.00 ¥/月 = 50.00``; ``one_off``: ``200.00 ¥/次 = 200.00``.
    A fixed or one-off quantity other than one unit is shown as ``× N``.
    """
    amount = format_fen(amount_fen, symbol="")
    rate = rate_label(kind, rate_fen)
    if kind == "area_monthly":
        return f"{rate} × {format_quantity(quantity_centi)} m² = {amount}"
    if quantity_centi != 100:
        return f"{rate} × {format_quantity(quantity_centi).removesuffix('.00')} = {amount}"
    return f"{rate} = {amount}"


def late_fee(principal_fen: int, due_date: date, on: date, policy: LateFeePolicy) -> int:
    """The late fee on an unpaid principal as of ``on``, in fen (0 when off).

    Days counted are those after the grace period: on the due date plus
    ``grace_days`` nothing is charged yet, the next day one day's rate, and so
    on; rounded half up, capped at ``cap_percent`` % of the principal.
    """
    if not policy.enabled or principal_fen <= 0:
        return 0
    days = (on - due_date).days - policy.grace_days
    if days <= 0:
        return 0
    fee = _div_half_up(principal_fen * policy.daily_bp * days, 10_000)
    cap = principal_fen * policy.cap_percent // 100
    return min(fee, cap)


_PERIOD_RE: Final = re.compile(r"(\d{4})-(\d{1,2})")


def parse_period(text: str) -> tuple[int, int]:
    """``"2026-11"`` → ``(2026, 11)``; also ``2026-1`` and full-width digits.

    Raises:
        FeeError: empty, not ``YYYY-MM`` (``2026/11``, ``11-2026``), a month
            outside 1–12, or a year outside 2000–2099.
    """
    raw = text.strip()
    if not raw:
        raise FeeError("请输入账期，格式为 YYYY-MM，例如 2026-11。")
    match = _PERIOD_RE.fullmatch(unicodedata.normalize("NFKC", raw))
    if match is None:
        raise FeeError(f"账期“{raw[:20]}”格式不对，应为 YYYY-MM，例如 2026-11。")
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise FeeError(f"账期“{raw}”的月份应在 1 至 12 之间。")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise FeeError(f"账期“{raw}”的年份应在 {MIN_YEAR} 至 {MAX_YEAR} 之间。")
    return year, month


def period_label(year: int, month: int) -> str:
    """``(2026, 11)`` → ``"2026-11"``."""
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """The month ``n`` months after (or before, if negative) ``year``-``month``."""
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def months_between(start: tuple[int, int], end: tuple[int, int]) -> int:
    """How many months ``end`` is after ``start`` (negative if before)."""
    return (end[0] - start[0]) * 12 + (end[1] - start[1])


def due_date(year: int, month: int, due_day: int) -> date:
    """The due date of a monthly bill: the item's due day in the period's month."""
    return date(year, month, check_due_day(due_day))


def rate_on(rates: Iterable[tuple[date, int]], on: date) -> int | None:
    """The rate in force on ``on`` from ``(effective_from, rate_fen)`` pairs, or None."""
    best: tuple[date, int] | None = None
    for start, fen in rates:
        if start <= on and (best is None or start > best[0]):
            best = (start, fen)
    return best[1] if best else None
