"""The tender plan: how a payment is made up from its methods, with rounding, change and credit.

Pure rules, no storage. Amounts are ``int`` fen.

A payment settles ``due_fen`` (bills plus late fees). Each non-cash tender is an
exact amount charged on that channel; a prepayment tender uses the household's
credit and may not exceed its balance. Cash covers whatever the other methods
leave, rounded to the cash unit (jiao by default; electronic methods keep fen).
The cash handed over (``cash_tendered_fen``) may exceed that cash share: the
difference is change, or, only when the cashier chooses, prepayment credit.
An electronic overpayment is refused unless it is kept as credit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final, Protocol

from frontdesk.domain.money import DEFAULT_MAX_FEN, format_fen, round_cash
from frontdesk.domain.receipt import METHOD_LABELS
from frontdesk.errors import ValidationError

__all__ = [
    "ELECTRONIC_METHODS",
    "METHODS",
    "QuoteLike",
    "Tender",
    "TenderPlan",
    "cash_share",
    "plan_tender",
]

# Mirrors frontdesk.storage.models.payments.METHODS (the domain does not import storage).
METHODS: Final = ("cash", "wechat", "alipay", "unionpay", "transfer", "prepay")
ELECTRONIC_METHODS: Final = ("wechat", "alipay", "unionpay", "transfer")
MAX_REFERENCE_CHARS: Final = 64

_LABELS: Final = METHOD_LABELS


@dataclass(frozen=True)
class Tender:
    """One method's share of a payment; ``reference`` is required for a bank transfer."""

    method: str
    amount_fen: int
    reference: str = ""


class QuoteLike(Protocol):
    """What the plan needs from a quote: the amount due and the prepayment balance."""

    @property
    def due_fen(self) -> int: ...

    @property
    def prepay_balance_fen(self) -> int: ...


@dataclass(frozen=True)
class TenderPlan:
    """The checked outcome of a tender.

    ``total_fen`` is what the owner pays: due + rounding + credit added; it equals
    the sum of ``tenders`` (the rows to record, where the cash row is the cash
    kept in the drawer: the cash share plus any overpayment kept as credit).
    ``tendered_fen`` is the cash handed over (0 without cash), ``cash_fen`` the
    cash share after rounding (0 without cash).
    """

    change_fen: int
    rounding_fen: int
    credit_added_fen: int
    credit_used_fen: int
    total_fen: int
    due_fen: int = 0
    cash_fen: int = 0
    tendered_fen: int = 0
    tenders: tuple[Tender, ...] = field(default=())

    @property
    def has_cash(self) -> bool:
        return self.cash_fen > 0


def cash_share(due_fen: int, other_fen: int, cash_unit_fen: int) -> int:
    """The cash still to pay after ``other_fen`` by other methods, rounded to the cash unit."""
    return round_cash(max(0, due_fen - other_fen), cash_unit_fen)


def _check_amount(value: object, what: str, max_fen: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be int fen, got {type(value).__name__}")
    if value < 0:
        raise ValidationError(f"{what}不能为负数。")
    if value > max_fen:
        raise ValidationError(f"{what}不能超过 {format_fen(max_fen)}。")
    return value


def _checked_tenders(tenders: Iterable[Tender], max_fen: int) -> list[Tender]:
    """Validate each tender; zero amounts are dropped (an untouched method field)."""
    kept: list[Tender] = []
    seen: set[str] = set()
    for t in tenders:
        if t.method not in METHODS:
            raise ValidationError(f"未知的支付方式“{t.method}”。")
        label = _LABELS[t.method]
        amount = _check_amount(t.amount_fen, f"{label}金额", max_fen)
        if amount == 0:
            continue
        reference = t.reference.strip()
        if t.method == "transfer" and not reference:
            raise ValidationError("银行转账须填写转账参考号（流水号）。")
        if len(reference) > MAX_REFERENCE_CHARS:
            raise ValidationError(f"参考号最多 {MAX_REFERENCE_CHARS} 个字符。")
        if t.method in ("cash", "prepay") and t.method in seen:
            raise ValidationError(f"一笔付款只能有一项{label}。")
        seen.add(t.method)
        kept.append(Tender(t.method, amount, reference))
    return kept


def plan_tender(
    quote: QuoteLike,
    tenders: Iterable[Tender],
    cash_tendered_fen: int,
    overpay_to_credit: bool,
    cash_unit_fen: int,
    *,
    max_fen: int = DEFAULT_MAX_FEN,
) -> TenderPlan:
    """Check a tender against the amount due and work out rounding, change and credit.

    The cash tender's amount is the cash share: what the other methods leave,
    either as is or already rounded to ``cash_unit_fen``; ``cash_tendered_fen``
    is the cash handed over (0 means exactly the cash share).

    Raises:
        ValidationError: nothing due; a negative or absurdly large amount; an
            unknown method; a transfer without reference; prepayment above the
            balance; parts that don't add up; less tendered than due; an
            electronic overpayment not kept as credit.
    """
    if cash_unit_fen not in (1, 10, 100):
        raise ValueError("cash_unit_fen must be 1, 10 or 100")
    due = _check_amount(quote.due_fen, "应收金额", max_fen)
    if due == 0:
        raise ValidationError("没有要收取的费用：请先选择账单或预交月份。")
    balance = quote.prepay_balance_fen
    tendered = _check_amount(cash_tendered_fen, "实收现金", max_fen)
    kept = _checked_tenders(tenders, max_fen)
    cash = next((t for t in kept if t.method == "cash"), None)
    others = [t for t in kept if t.method != "cash"]
    prepay = sum(t.amount_fen for t in others if t.method == "prepay")
    if prepay > balance:
        raise ValidationError(
            f"预存款余额不足：余额 {format_fen(balance)}，本次使用 {format_fen(prepay)}。"
        )
    other = sum(t.amount_fen for t in others)
    if cash is None:
        if tendered:
            raise ValidationError("未选择现金支付，却填写了实收现金：请选择现金或清空实收金额。")
        return _plan_without_cash(due, other, prepay, others, overpay_to_credit)
    return _plan_with_cash(
        due, other, prepay, others, cash, tendered, overpay_to_credit, cash_unit_fen
    )


def _plan_without_cash(
    due: int, other: int, prepay: int, others: list[Tender], overpay_to_credit: bool
) -> TenderPlan:
    if other < due:
        raise ValidationError(
            f"付款金额不足：应收 {format_fen(due)}，已付 {format_fen(other)}，"
            f"还差 {format_fen(due - other)}。"
        )
    credit = other - due
    if credit:
        if not overpay_to_credit:
            raise ValidationError(
                f"付款金额超过应收 {format_fen(credit)}：电子支付不能找零，"
                "请改正金额，或选择“多付存入预存款”。"
            )
        if prepay:
            raise ValidationError("使用预存款支付时不能多付：请减少预存款的使用金额。")
    return TenderPlan(
        change_fen=0,
        rounding_fen=0,
        credit_added_fen=credit,
        credit_used_fen=prepay,
        total_fen=other,
        due_fen=due,
        tenders=tuple(others),
    )


def _plan_with_cash(
    due: int,
    other: int,
    prepay: int,
    others: list[Tender],
    cash: Tender,
    tendered: int,
    overpay_to_credit: bool,
    unit: int,
) -> TenderPlan:
    rest = due - other
    if rest <= 0:
        raise ValidationError(
            f"其他方式已付 {format_fen(other)}，已足额（应收 {format_fen(due)}），不需要现金："
            "请去掉现金或减少其他方式的金额。"
        )
    share = round_cash(rest, unit)
    if share == 0:
        raise ValidationError(
            f"现金部分仅 {format_fen(rest)}，按现金取整后为零：请用其他方式支付这部分。"
        )
    if cash.amount_fen not in (rest, share):
        raise ValidationError(
            f"各项金额合计与应收不符：应收 {format_fen(due)}，其他方式 {format_fen(other)}，"
            f"现金部分应为 {format_fen(share)}，填写的是 {format_fen(cash.amount_fen)}。"
        )
    if tendered == 0:
        tendered = share
    if tendered % 10:
        raise ValidationError("实收现金只能精确到角（现金没有分）。")
    if tendered < share:
        raise ValidationError(
            f"实收现金不足：应收现金 {format_fen(share)}，实收 {format_fen(tendered)}，"
            f"还差 {format_fen(share - tendered)}。"
        )
    excess = tendered - share
    credit = excess if overpay_to_credit else 0
    if credit and prepay:
        raise ValidationError("使用预存款支付时不能多付：请减少预存款的使用金额。")
    rounding = share - rest
    kept_cash = share + credit
    return TenderPlan(
        change_fen=excess - credit,
        rounding_fen=rounding,
        credit_added_fen=credit,
        credit_used_fen=prepay,
        total_fen=due + rounding + credit,
        due_fen=due,
        cash_fen=share,
        tendered_fen=tendered,
        tenders=(Tender("cash", kept_cash), *others),
    )
