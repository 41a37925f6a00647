"""The tender plan: splits, cash rounding, change, overpayment to credit, bad input."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.money import DEFAULT_MAX_FEN, round_cash
from frontdesk.domain.tender import Tender, TenderPlan, cash_share, plan_tender
from frontdesk.errors import ValidationError


@dataclass(frozen=True)
class Q:
    due_fen: int
    prepay_balance_fen: int = 0


def plan(
    due: int,
    *tenders: Tender,
    tendered: int = 0,
    credit: bool = False,
    unit: int = 10,
    balance: int = 0,
) -> TenderPlan:
    return plan_tender(Q(due, balance), tenders, tendered, credit, unit)


def cash(fen: int) -> Tender:
    return Tender("cash", fen)


# ---------------------------------------------------------------- cash


def test_exact_cash() -> None:
    p = plan(22400, cash(22400), tendered=22400)
    assert (p.total_fen, p.change_fen, p.rounding_fen, p.credit_added_fen) == (22400, 0, 0, 0)
    assert p.tenders == (Tender("cash", 22400),)
    assert p.cash_fen == 22400 and p.tendered_fen == 22400 and p.has_cash


def test_cash_with_change() -> None:
    p = plan(22400, cash(22400), tendered=30000)
    assert (p.total_fen, p.change_fen, p.tendered_fen) == (22400, 7600, 30000)


def test_zero_tendered_means_exactly_the_cash_share() -> None:
    p = plan(22437, cash(22440))
    assert (p.tendered_fen, p.change_fen, p.rounding_fen) == (22440, 0, 3)


@pytest.mark.parametrize(
    ("due", "unit", "share", "rounding"),
    [
        (22437, 10, 22440, 3),
        (22434, 10, 22430, -4),
        (22435, 10, 22440, 5),
        (22437, 1, 22437, 0),
        (22450, 100, 22500, 50),
        (22449, 100, 22400, -49),
    ],
)
def test_cash_rounds_to_the_unit(due: int, unit: int, share: int, rounding: int) -> None:
    tendered = share if share % 10 == 0 else share + 10 - share % 10
    p = plan(due, cash(share), tendered=tendered, unit=unit)
    assert (p.cash_fen, p.rounding_fen, p.total_fen) == (share, rounding, due + rounding)
    assert p.change_fen == tendered - share


def test_cash_share_may_be_given_unrounded() -> None:
    p = plan(22437, cash(22437), tendered=30000)
    assert (p.cash_fen, p.rounding_fen, p.change_fen) == (22440, 3, 7560)
    assert p.tenders == (Tender("cash", 22440),)


def test_cash_overpayment_kept_as_credit_only_when_chosen() -> None:
    p = plan(22437, cash(22440), tendered=30000, credit=True)
    assert (p.change_fen, p.credit_added_fen, p.total_fen) == (0, 7560, 30000)
    assert p.tenders == (Tender("cash", 30000),)  # all the cash stays in the drawer
    assert plan(22437, cash(22440), tendered=22440, credit=True).credit_added_fen == 0


def test_tendered_below_the_cash_due_cannot_complete() -> None:
    with pytest.raises(ValidationError, match=r"实收现金不足.*还差 ¥24\.40"):
        plan(22437, cash(22440), tendered=20000)


def test_cash_has_no_fen() -> None:
    with pytest.raises(ValidationError, match="精确到角"):
        plan(22437, cash(22440), tendered=30005)


def test_cash_share_helper() -> None:
    assert cash_share(22437, 10000, 10) == 12440
    assert cash_share(22437, 30000, 10) == 0


# ---------------------------------------------------------------- electronic and split


@pytest.mark.parametrize("method", ["wechat", "alipay", "unionpay"])
def test_electronic_keeps_fen(method: str) -> None:
    p = plan(22437, Tender(method, 22437))
    assert (p.total_fen, p.rounding_fen, p.tendered_fen, p.change_fen) == (22437, 0, 0, 0)
    assert not p.has_cash


def test_transfer_needs_a_reference() -> None:
    with pytest.raises(ValidationError, match="参考号"):
        plan(22437, Tender("transfer", 22437))
    with pytest.raises(ValidationError, match="参考号"):
        plan(22437, Tender("transfer", 22437, "   "))
    p = plan(22437, Tender("transfer", 22437, " TX-1 "))
    assert p.tenders == (Tender("transfer", 22437, "TX-1"),)


def test_split_electronic_and_cash() -> None:
    p = plan(22437, Tender("wechat", 10000), cash(12440), tendered=13000)
    assert (p.total_fen, p.rounding_fen, p.change_fen, p.cash_fen) == (22440, 3, 560, 12440)
    assert p.tenders == (Tender("cash", 12440), Tender("wechat", 10000))
    assert sum(t.amount_fen for t in p.tenders) == p.total_fen


def test_split_that_does_not_add_up() -> None:
    with pytest.raises(ValidationError, match=r"合计与应收不符.*现金部分应为 ¥124\.40"):
        plan(22437, Tender("wechat", 10000), cash(13000), tendered=13000)


def test_electronic_split_below_due() -> None:
    with pytest.raises(ValidationError, match=r"付款金额不足.*还差 ¥24\.37"):
        plan(22437, Tender("wechat", 10000), Tender("alipay", 10000))


def test_electronic_overpayment_refused_unless_credited() -> None:
    with pytest.raises(ValidationError, match="不能找零"):
        plan(22437, Tender("wechat", 30000))
    p = plan(22437, Tender("wechat", 30000), credit=True)
    assert (p.credit_added_fen, p.total_fen, p.change_fen) == (7563, 30000, 0)


def test_cash_not_needed_when_others_cover_it() -> None:
    with pytest.raises(ValidationError, match="不需要现金"):
        plan(22437, Tender("wechat", 22437), cash(100), tendered=100)


def test_cash_tendered_without_a_cash_tender() -> None:
    with pytest.raises(ValidationError, match="未选择现金"):
        plan(22437, Tender("wechat", 22437), tendered=10000)


def test_zero_amount_tenders_are_ignored() -> None:
    p = plan(22437, Tender("wechat", 22437), Tender("transfer", 0), cash(0))
    assert p.tenders == (Tender("wechat", 22437),)


def test_cash_part_rounding_to_zero() -> None:
    with pytest.raises(ValidationError, match="取整后为零"):
        plan(22437, Tender("wechat", 22433), cash(4))


# ---------------------------------------------------------------- prepayment


def test_prepay_within_balance() -> None:
    p = plan(22437, Tender("prepay", 20000), cash(2440), tendered=5000, balance=20000)
    assert (p.credit_used_fen, p.change_fen, p.total_fen) == (20000, 2560, 22440)


def test_prepay_above_balance() -> None:
    with pytest.raises(ValidationError, match=r"预存款余额不足.*余额 ¥100\.00"):
        plan(22437, Tender("prepay", 22437), balance=10000)


def test_prepay_cannot_overpay_into_credit() -> None:
    with pytest.raises(ValidationError, match="不能多付"):
        plan(100, Tender("prepay", 500), credit=True, balance=1000)
    with pytest.raises(ValidationError, match="不能多付"):
        plan(
            22437, Tender("prepay", 10000), cash(12440), tendered=20000, credit=True, balance=10000
        )


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("tenders", "tendered", "message"),
    [
        ((cash(-100),), 0, "现金金额不能为负数"),
        ((Tender("wechat", -1),), 0, "微信支付金额不能为负数"),
        ((cash(22440),), -100, "实收现金不能为负数"),
        ((cash(22440),), DEFAULT_MAX_FEN + 10, "实收现金不能超过"),
        ((Tender("alipay", DEFAULT_MAX_FEN + 1),), 0, "支付宝金额不能超过"),
        ((Tender("bitcoin", 100),), 0, "未知的支付方式"),
        ((cash(10000), cash(12440)), 0, "只能有一项现金"),
        ((Tender("unionpay", 100, "x" * 65), Tender("wechat", 22337)), 0, "参考号最多"),
    ],
)
def test_bad_tenders(tenders: tuple[Tender, ...], tendered: int, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        plan(22437, *tenders, tendered=tendered)


def test_nothing_due() -> None:
    with pytest.raises(ValidationError, match="没有要收取的费用"):
        plan(0, cash(0))


def test_float_amounts_are_a_programming_error() -> None:
    with pytest.raises(TypeError):
        plan(22437, Tender("wechat", 224.37))  # type: ignore[arg-type]


def test_custom_max() -> None:
    with pytest.raises(ValidationError, match=r"不能超过 ¥100\.00"):
        plan_tender(Q(5000), [cash(5000)], 20000, False, 10, max_fen=10000)


@given(
    due=st.integers(1, 10_000_000),
    other=st.integers(0, 10_000_000),
    extra=st.integers(0, 100_000),
    credit=st.booleans(),
    unit=st.sampled_from([10, 100]),
)
def test_plan_always_balances(due: int, other: int, extra: int, credit: bool, unit: int) -> None:
    """Whenever a plan is accepted: tenders sum to the total, and the money adds up."""
    rest = due - other
    tenders = [Tender("wechat", other)]
    if rest > 0 and round_cash(rest, unit) > 0:
        share = round_cash(rest, unit)
        tenders.append(cash(share))
        p = plan_tender(Q(due), tenders, share + extra * 10, credit, unit)
        assert p.tendered_fen - p.change_fen == p.tenders[0].amount_fen
    else:
        try:
            p = plan_tender(Q(due), tenders, 0, credit, unit)
        except ValidationError:
            assert other < due or (other > due and not credit)
            return
    assert sum(t.amount_fen for t in p.tenders) == p.total_fen
    assert p.total_fen == p.due_fen + p.rounding_fen + p.credit_added_fen
    assert p.change_fen >= 0 and p.credit_added_fen >= 0
    assert abs(p.rounding_fen) * 2 <= unit
    assert not (p.change_fen and p.credit_added_fen)
