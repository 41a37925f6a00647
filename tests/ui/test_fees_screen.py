"""Screen F5: fee items and rates, and the bill run (a supervisor's screen)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from frontdesk.config import Config
from frontdesk.domain.fees import add_months, period_label
from frontdesk.services.fees import get_fee_item, list_fee_items
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import Bill
from frontdesk.ui.context import AppContext, ScreenContext
from frontdesk.ui.fees.items_model import FeeItemsModel
from frontdesk.ui.fees.screen import FeesScreen
from frontdesk.ui.login.dialog import LoginDialog
from frontdesk.ui.tasks import TaskRunner
from tests.factories import make_fee_item, make_household, make_staff
from tests.ui.conftest import ADMIN, log_in

SUPERVISOR = Actor("S001", "李主管", "supervisor")


@pytest.fixture
def app_ctx(gui_config: Config, app_db: Database) -> Iterator[AppContext]:
    make_staff(app_db, SUPERVISOR.staff_no, "supervisor", SUPERVISOR.name)
    make_fee_item(app_db, SUPERVISOR, "WYF", "物业管理费", "area_monthly", "2.50",
                  effective_from=date(2020, 1, 1))  # fmt: skip
    make_household(app_db, "3-2-1201", "刘兵", "89.60")
    make_household(app_db, "3-2-1202", "刘斌", "120.00", phones=("13900005678",))
    make_household(app_db, "3-2-1203", "刘冰", "60.00", phones=(), occupied=False)
    tasks = TaskRunner("db")
    yield AppContext(gui_config, app_db, tasks)
    tasks.shutdown(wait=True)


def idle(qtbot: QtBot, ctx: AppContext) -> None:
    qtbot.waitUntil(lambda: not ctx.tasks.busy)


def show_screen(qtbot: QtBot, ctx: AppContext) -> FeesScreen:
    screen = FeesScreen(ScreenContext(ctx, SUPERVISOR))
    qtbot.addWidget(screen)
    screen.resize(1100, 700)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    idle(qtbot, ctx)
    return screen


def cell(screen: FeesScreen, row: int, column: int) -> str:
    return str(screen.items_table.model().index(row, column).data())


def bill_count(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Bill)) or 0


def test_fee_items_rates_and_bad_rates(
    qtbot: QtBot, app_ctx: AppContext, app_db: Database, qtmodeltester: object
) -> None:
    screen = show_screen(qtbot, app_ctx)
    assert screen.objectName() == "feesScreen"
    assert QApplication.focusWidget() is screen.items_table
    assert screen.items_table.model().rowCount() == 1
    assert cell(screen, 0, FeeItemsModel.CODE) == "WYF"
    assert cell(screen, 0, FeeItemsModel.KIND) == "Per m² per month"
    assert cell(screen, 0, FeeItemsModel.RATE) == "2.50 ¥/m²/月"
    assert cell(screen, 0, FeeItemsModel.DUE_DAY) == "Day 15"
    assert cell(screen, 0, FeeItemsModel.LATE_FEE) == "Off"
    assert screen.rates_model.rowCount() == 1
    for model in (screen.items_model, screen.items_proxy, screen.rates_model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]

    # Add a fixed monthly item with a late fee, from the keyboard; Enter adds it.
    screen.code.setFocus()
    qtbot.keyClicks(screen.code, "tcf")
    screen.name.setText("停车费")  # QTest cannot type Chinese
    screen.kind.setCurrentIndex(screen.kind.findData("fixed_monthly"))
    screen.due_day.setValue(10)
    screen.late_fee.setChecked(True)
    assert screen.late_grace.isEnabled()
    screen.late_grace.setValue(15)
    screen.late_cap.setValue(50)
    for bad, words in (("abc", "无法识别金额"), ("0", "大于 0"), ("-5", "负数")):
        screen.rate.setText(bad)
        qtbot.keyClick(screen.rate, Qt.Key.Key_Return)
        assert screen.rate_error.isVisible(), bad
        assert words in screen.rate_error.text(), bad
        assert screen.rate_error.objectName() == "feeRateError"
    idle(qtbot, app_ctx)
    assert [i.code for i in list_fee_items(app_db)] == ["WYF"]
    screen.rate.clear()
    qtbot.keyClicks(screen.rate, "150")
    assert not screen.rate_error.isVisible()
    qtbot.keyClick(screen.rate, Qt.Key.Key_Return)
    idle(qtbot, app_ctx)
    item = get_fee_item(app_db, "TCF")
    assert (item.name, item.kind, item.due_day) == ("停车费", "fixed_monthly", 10)
    assert item.late_fee.enabled and item.late_fee.grace_days == 15
    assert item.late_fee.cap_percent == 50
    assert item.rates[0].rate_fen == 15000 and item.rates[0].created_by == "S001"
    assert "TCF 停车费 added: 150.00 ¥/月" in screen.message.text()
    assert screen.items_table.model().rowCount() == 2
    assert screen.selected_item() is not None and screen.selected_item().code == "TCF"  # type: ignore[union-attr]
    row = [cell(screen, r, FeeItemsModel.CODE) for r in range(2)].index("TCF")
    assert cell(screen, row, FeeItemsModel.LATE_FEE) == "After 15 days: 5/10,000 a day, at most 50%"
    assert screen.code.text() == "" and screen.rate.text() == ""

    # The same code again: the service refuses, shown in the screen.
    screen.code.setText("WYF")
    screen.name.setText("重复")
    screen.rate.setText("1")
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    idle(qtbot, app_ctx)
    assert "已存在" in screen.message.text()
    assert len(list_fee_items(app_db)) == 2

    # A new rate for WYF: zero is refused next to the field, 2.80 is taken.
    wyf = screen.items_proxy.mapFromSource(
        screen.items_model.index(screen.items_model.row_of("WYF") or 0, 0)
    )
    screen.items_table.selectRow(wyf.row())
    assert screen.selected_item().code == "WYF"  # type: ignore[union-attr]
    start = date(2030, 1, 1)
    screen.new_rate_from.setDate(QDate(start))
    screen.new_rate.setText("0")
    qtbot.keyClick(screen.new_rate, Qt.Key.Key_Return)
    assert screen.new_rate_error.isVisible() and "大于 0" in screen.new_rate_error.text()
    assert screen.new_rate_error.objectName() == "newRateError"
    screen.new_rate.setText("-1")
    qtbot.mouseClick(screen.set_rate_button, Qt.MouseButton.LeftButton)
    assert "负数" in screen.new_rate_error.text()
    idle(qtbot, app_ctx)
    assert len(get_fee_item(app_db, "WYF").rates) == 1
    screen.new_rate.setText("2.80")
    qtbot.keyClick(screen.new_rate, Qt.Key.Key_Return)
    idle(qtbot, app_ctx)
    rates = get_fee_item(app_db, "WYF").rates
    assert [(r.effective_from, r.rate_fen) for r in rates] == [
        (date(2020, 1, 1), 250),
        (start, 280),
    ]
    assert "2.80 ¥/m²/月 from 2030-01-01" in screen.message.text()
    assert screen.selected_item().code == "WYF"  # type: ignore[union-attr]
    assert screen.rates_model.rowCount() == 2
    assert screen.rates_model.index(0, 0).data() == "2030-01-01 (coming)"
    assert screen.rates_model.index(1, 0).data() == "2020-01-01 (in force)"
    assert cell(screen, wyf.row(), FeeItemsModel.RATE) == "2.50 ¥/m²/月"  # still today's
    # The same day twice is refused by the service.
    screen.new_rate.setText("3")
    qtbot.keyClick(screen.new_rate, Qt.Key.Key_Return)
    idle(qtbot, app_ctx)
    assert "2030-01-01" in screen.message.text() and "已有" in screen.message.text()
    qtmodeltester.check(screen.rates_model)  # type: ignore[attr-defined]


def test_generate_bills_twice_and_bad_periods(
    qtbot: QtBot, app_ctx: AppContext, app_db: Database
) -> None:
    screen = show_screen(qtbot, app_ctx)
    today = date.today()
    assert screen.period.text() == period_label(today.year, today.month)
    # Badly formatted, and too far ahead: the service's reason, nothing billed.
    for bad, words in (("2026/13", "格式不对"), ("2026-13", "1 至 12")):
        screen.period.setText(bad)
        qtbot.keyClick(screen.period, Qt.Key.Key_Return)
        idle(qtbot, app_ctx)
        assert words in screen.bill_result.text(), bad
    far = period_label(*add_months(today.year, today.month, 3))
    screen.period.setText(far)
    qtbot.mouseClick(screen.generate_button, Qt.MouseButton.LeftButton)
    idle(qtbot, app_ctx)
    assert "太靠后" in screen.bill_result.text()
    assert bill_count(app_db) == 0
    # This month: two occupied households × one monthly item.
    month = period_label(today.year, today.month)
    screen.period.setText(month)
    qtbot.keyClick(screen.period, Qt.Key.Key_Return)
    idle(qtbot, app_ctx)
    assert screen.bill_result.text().startswith(f"{month}: 2 bill(s) created, 0 already billed")
    assert bill_count(app_db) == 2
    # Again: nothing new, and it says so.
    qtbot.mouseClick(screen.generate_button, Qt.MouseButton.LeftButton)
    idle(qtbot, app_ctx)
    text = screen.bill_result.text()
    assert text.startswith(f"{month}: 0 bill(s) created, 2 already billed")
    assert "already billed: nothing new" in text
    assert bill_count(app_db) == 2


def test_f5_is_there_for_a_supervisor_or_admin(
    qtbot: QtBot, login_dialog: LoginDialog, app_db: Database
) -> None:
    window = log_in(qtbot, login_dialog, ADMIN)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    screen = window.current_screen()
    assert isinstance(screen, FeesScreen)
    qtbot.waitUntil(lambda: not window.context.tasks.busy)
    assert screen.items_table.model().rowCount() == 0
