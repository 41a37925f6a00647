"""The cashier screen's table models (checked with qtmodeltester) and its Qt-free sums."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from frontdesk.domain.money import Denomination, parse_pieces
from frontdesk.services.billing import DueLine
from frontdesk.services.search import HouseholdHit
from frontdesk.ui.cashier.bills_model import AMOUNT, ITEM, LATE_FEE, OVERDUE, BillsModel
from frontdesk.ui.cashier.figures import (
    TenderEntry,
    TenderPreview,
    breakdown,
    change_phrase,
    pieces_text,
    preview_tender,
    select_lines,
)
from frontdesk.ui.cashier.search_model import HouseholdSearchModel, area_text
from frontdesk.ui.cashier.tender_model import METHOD_TITLES, TenderLinesModel, method_title

MAX = 100_000_000
DRAWER = parse_pieces("5张×50 10张×20 10张×10 10张×5 10张×1 10张×0.5 10张×0.1")


def line(
    bill_id: int | None,
    item: str = "物业管理费",
    period: str = "2026-01",
    amount: int = 22400,
    late: int = 0,
    *,
    ahead: bool = False,
    overdue: int = 0,
) -> DueLine:
    return DueLine(
        bill_id=bill_id,
        item_code="WYF" if item == "物业管理费" else "LJF",
        item_name=item,
        period=period,
        standard="2.50 ¥/m²/月 × 89.60 m² = 224.00"
        if item == "物业管理费"
        else "10.00 ¥/月 = 10.00",
        amount_fen=amount,
        late_fee_fen=late,
        due_date=date(2026, int(period[-2:]), 15),
        days_overdue=overdue,
        ahead=ahead,
    )


LINES = [
    line(1, overdue=40, late=112),
    line(2, "垃圾清运费", amount=1000),
    line(3, period="2026-02", overdue=10),
    line(None, period="2026-03", ahead=True),
]


# -- the models ----------------------------------------------------------------------------


def test_search_model(qtmodeltester: ModelTester) -> None:
    model = HouseholdSearchModel()
    qtmodeltester.check(model)
    model.set_hits(
        [
            HouseholdHit(1, "3-2-1201", "刘兵", "138****1234", 8960, True),
            HouseholdHit(2, "3-2-1202", "刘斌、王芳", "139****5678", 12000, False),
        ]
    )
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 5
    assert [model.index(1, c).data() for c in range(5)] == [
        "3-2-1202",
        "刘斌、王芳",
        "139****5678",
        "120.00 m²",
        "vacant",
    ]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Room"
    assert model.hit(1) is not None and model.hit(1).household_id == 2  # type: ignore[union-attr]
    assert model.hit(5) is None
    assert model.rowCount(model.index(0, 0)) == 0
    model.clear()
    assert model.rowCount() == 0
    assert area_text(8960) == "89.60 m²" and area_text(5) == "0.05 m²"


def test_bills_model_checks(qtmodeltester: ModelTester) -> None:
    model = BillsModel()
    qtmodeltester.check(model)
    model.set_lines(LINES)
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and model.columnCount() == 7
    assert model.checked_bill_ids() == {1, 2, 3}
    first = model.index(0, ITEM)
    assert first.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.flags(first) & Qt.ItemFlag.ItemIsUserCheckable
    ahead = model.index(3, ITEM)
    assert not model.flags(ahead) & Qt.ItemFlag.ItemIsUserCheckable
    assert ahead.data() == "物业管理费 (paid ahead)"
    assert model.index(0, AMOUNT).data() == "¥224.00"
    assert model.index(0, LATE_FEE).data() == "¥1.12"
    assert model.index(1, LATE_FEE).data() == "—"
    assert model.index(0, OVERDUE).data() == "40 d"
    assert model.index(1, OVERDUE).data() == ""

    changes: list[int] = []
    model.selectionChanged.connect(lambda: changes.append(1))
    assert model.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_bill_ids() == {2, 3}
    assert first.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert not model.setData(ahead, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert model.is_checked(3)
    assert not model.setData(model.index(0, AMOUNT), "x", Qt.ItemDataRole.EditRole)
    assert changes == [1]
    # Reloading (months ahead changed) keeps the cashier's choices; a new household does not.
    model.set_lines(LINES, keep_choices=True)
    assert model.checked_bill_ids() == {2, 3}
    model.set_lines(LINES)
    assert model.checked_bill_ids() == {1, 2, 3}
    model.set_all_checked(False)
    assert model.checked_bill_ids() == set()
    qtmodeltester.check(model)
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_tender_lines_model(qtmodeltester: ModelTester) -> None:
    model = TenderLinesModel()
    qtmodeltester.check(model)
    model.append(TenderEntry("wechat", 20000))
    model.append(TenderEntry("transfer", 10000, "BK-1"))
    qtmodeltester.check(model)
    assert [model.index(1, c).data() for c in range(3)] == ["Bank transfer", "¥100.00", "BK-1"]
    assert model.remove(0) == TenderEntry("wechat", 20000)
    assert model.remove(7) is None
    assert model.rowCount() == 1
    model.clear()
    assert model.entries == []
    assert method_title("cash") == "Cash"
    assert method_title("unknown") == "unknown"
    assert set(METHOD_TITLES) == {"cash", "wechat", "alipay", "unionpay", "transfer", "prepay"}


# -- the sums ------------------------------------------------------------------------------


def test_selection_sums_bills_late_fees_and_months_ahead() -> None:
    selection = select_lines(LINES, {1, 3}, 10)
    assert selection.bill_ids == (1, 3)
    assert selection.bills_fen == 44800
    assert selection.late_fees_fen == 112
    assert selection.ahead_fen == 22400
    assert selection.due_fen == 67312
    assert selection.cash_due_fen == 67310
    assert not selection.empty
    assert select_lines([], set(), 10).empty


def test_breakdown_groups_months_of_one_standard() -> None:
    rows = breakdown(LINES)
    assert [(r.item, r.months, r.first_period, r.last_period, r.ahead) for r in rows] == [
        ("物业管理费", 2, "2026-01", "2026-02", False),
        ("垃圾清运费", 1, "2026-01", "2026-01", False),
        ("物业管理费", 1, "2026-03", "2026-03", True),
    ]
    assert rows[0].amount_fen == 44800 and rows[0].late_fee_fen == 112


def test_phrase_and_pieces() -> None:
    assert change_phrase(3200) == "这是找您的零钱，共 ¥32.00，请清点。"
    assert pieces_text(parse_pieces("1×20 2×1").items()) == "20元×1、1元(纸币)×2"


def _preview(
    entries: list[TenderEntry],
    due: int = 46800,
    *,
    balance: int = 0,
    credit: bool = False,
    drawer: dict[Denomination, int] | None = DRAWER,
) -> TenderPreview:
    return preview_tender(
        due,
        balance,
        entries,
        overpay_to_credit=credit,
        cash_unit_fen=10,
        max_fen=MAX,
        drawer=drawer,
    )


def test_preview_cash_with_change() -> None:
    p = preview_tender(
        46800,
        0,
        [TenderEntry("cash", 50000)],
        overpay_to_credit=False,
        cash_unit_fen=10,
        max_fen=MAX,
        drawer=DRAWER,
    )
    assert p.ready and p.has_cash
    assert p.plan is not None and p.plan.change_fen == 3200
    assert p.change is not None and pieces_text(p.change.pieces) == "20元×1、10元×1、1元(纸币)×2"
    assert p.cash_tendered_fen == 50000
    assert [(t.method, t.amount_fen) for t in p.tenders] == [("cash", 46800)]


@pytest.mark.parametrize(
    ("entries", "due", "options", "message"),
    [
        ([TenderEntry("cash", 40000)], 46800, {}, "实收现金不足"),
        ([TenderEntry("wechat", 40000)], 46800, {}, "付款金额不足"),
        ([TenderEntry("wechat", 50000)], 46800, {}, "电子支付不能找零"),
        ([TenderEntry("wechat", 46800), TenderEntry("cash", 100)], 46800, {}, "不需要现金"),
        ([TenderEntry("wechat", 46796), TenderEntry("cash", 100)], 46800, {}, "取整后为零"),
        ([TenderEntry("prepay", 100)], 46800, {"balance": 50}, "预存款余额不足"),
        ([TenderEntry("transfer", 46800)], 46800, {}, "参考号"),
        ([TenderEntry("cash", 50000)], 46800, {"drawer": {}}, "钱箱零钱不足"),
        ([TenderEntry("cash", 46805)], 46800, {}, "精确到角"),
    ],
)
def test_preview_refusals(
    entries: list[TenderEntry], due: int, options: dict[str, object], message: str
) -> None:
    p = _preview(entries, due, **options)  # type: ignore[arg-type]
    assert message in p.error
    assert not p.ready


def test_preview_without_a_drawer_and_untyped() -> None:
    p = _preview([TenderEntry("cash", 50000)], drawer=None)
    assert p.needs_drawer and not p.ready and not p.error
    assert _preview([TenderEntry("alipay", 46800)], drawer=None).ready
    blank = _preview([TenderEntry("cash", 0)])
    assert not blank.ready and not blank.error
    assert blank.remaining_fen == 46800


def test_preview_split_and_credit() -> None:
    split = _preview([TenderEntry("wechat", 20000), TenderEntry("cash", 30000)])
    assert split.ready
    assert [(t.method, t.amount_fen) for t in split.tenders] == [
        ("wechat", 20000),
        ("cash", 26800),
    ]
    kept = _preview([TenderEntry("cash", 50000)], credit=True)
    assert kept.ready and kept.plan is not None
    assert (kept.plan.credit_added_fen, kept.plan.change_fen) == (3200, 0)
    rounded = _preview([TenderEntry("cash", 20710)], due=20709)
    assert rounded.ready and rounded.plan is not None and rounded.plan.rounding_fen == 1
