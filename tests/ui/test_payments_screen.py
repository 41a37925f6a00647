"""Screen F4: the day's payments, their receipts, void and refund with a supervisor."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.config import CashierSettings, Config
from frontdesk.domain.money import parse_pieces
from frontdesk.services.cashbox import drawer_status, open_drawer
from frontdesk.services.payments import PaymentRequest, PaymentResult, Tender, collect
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import Bill, Payment, PaymentReversal
from frontdesk.ui.authorize import SupervisorAuthDialog
from frontdesk.ui.context import AppContext, ScreenContext
from frontdesk.ui.payments.screen import PaymentsModel, PaymentsScreen
from frontdesk.ui.tasks import TaskRunner
from tests.factories import (
    STAFF_PASSWORD,
    bill_household,
    make_fee_item,
    make_household,
    make_staff,
)
from tests.ui.conftest import CASHIER

DESK = "前台2"
CASHIER_ACTOR = Actor(CASHIER[0], CASHIER[1], CASHIER[2])
FLOAT = parse_pieces("5×50 10×20 10×10 10×5 10×1 10×0.5 10×0.1")


@dataclass
class Desk:
    ctx: AppContext
    db: Database
    supervisor: Actor
    household: int
    bills: list[int]

    def pay(self, tenders: list[Tender], *, now: datetime | None = None) -> PaymentResult:
        request = PaymentRequest(
            household_id=self.household,
            bill_ids=tuple(self.bills),
            ahead_months=0,
            tenders=tuple(tenders),
        )
        return collect(
            self.db,
            CASHIER_ACTOR,
            request,
            desk=DESK,
            series="A",
            settings=CashierSettings(),
            estate_name="示例花园",
            now=now,
        )


@pytest.fixture
def desk(gui_config: Config, app_db: Database) -> Iterator[Desk]:
    supervisor = make_staff(app_db, "S001", "supervisor", "李主管")
    household = make_household(app_db, "3-2-1201", ["刘兵", "王芳"], "89.60")
    make_fee_item(app_db, supervisor, "WYF", "物业管理费", "area_monthly", "2.50")
    make_fee_item(app_db, supervisor, "LJF", "垃圾清运费", "fixed_monthly", "10.00")
    bills = bill_household(app_db, supervisor, household, ["2026-01", "2026-02"])
    tasks = TaskRunner("db")
    yield Desk(AppContext(gui_config, app_db, tasks), app_db, supervisor, household, bills)
    tasks.shutdown(wait=True)


def idle(qtbot: QtBot, ctx: AppContext) -> None:
    qtbot.waitUntil(lambda: not ctx.tasks.busy)


def show_screen(qtbot: QtBot, ctx: AppContext, actor: Actor = CASHIER_ACTOR) -> PaymentsScreen:
    screen = PaymentsScreen(ScreenContext(ctx, actor))
    qtbot.addWidget(screen)
    screen.resize(1100, 650)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    idle(qtbot, ctx)
    return screen


def cell(screen: PaymentsScreen, row: int, column: int) -> str:
    return str(screen.table.model().index(row, column).data())


def bill_statuses(db: Database, ids: list[int]) -> list[str]:
    with db.read() as s:
        rows = dict(s.execute(select(Bill.id, Bill.status).where(Bill.id.in_(ids))).all())
    return [rows[i] for i in ids]


def auth_dialog(qtbot: QtBot, screen: PaymentsScreen) -> SupervisorAuthDialog:
    qtbot.waitUntil(lambda: screen.findChild(SupervisorAuthDialog) is not None)
    dialog = screen.findChild(SupervisorAuthDialog)
    assert isinstance(dialog, SupervisorAuthDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_void_a_payment_of_today_with_a_supervisor(
    qtbot: QtBot, desk: Desk, qtmodeltester: object
) -> None:
    open_drawer(desk.db, CASHIER_ACTOR, DESK, FLOAT, today=date.today())
    paid = desk.pay([Tender("cash", 46800)])
    assert bill_statuses(desk.db, desk.bills) == ["paid"] * 4
    screen = show_screen(qtbot, desk.ctx)
    assert screen.objectName() == "paymentsScreen"
    assert screen.date_edit.date() == QDate.currentDate()
    assert screen.table.model().rowCount() == 1
    qtmodeltester.check(screen.model)  # type: ignore[attr-defined]
    qtmodeltester.check(screen.proxy)  # type: ignore[attr-defined]
    assert cell(screen, 0, PaymentsModel.RECEIPT) == paid.receipt_no
    assert cell(screen, 0, PaymentsModel.ROOM) == "3-2-1201"
    assert cell(screen, 0, PaymentsModel.OWNER) == "刘兵、王芳"
    assert cell(screen, 0, PaymentsModel.AMOUNT) == "¥468.00"
    assert cell(screen, 0, PaymentsModel.METHODS) == "现金"
    assert cell(screen, 0, PaymentsModel.STATUS) == "Completed"
    assert "¥468.00" in screen.summary.text()
    # The first payment is selected and its receipt shown; the table has the focus.
    assert QApplication.focusWidget() is screen.table
    qtbot.waitUntil(lambda: paid.receipt_no in screen.preview.toPlainText())
    assert "【已作废】" not in screen.preview.toPlainText()
    assert screen.void_button.isEnabled()
    assert not screen.refund_button.isEnabled()  # today, drawer open: void it instead

    # A stale second window, used at the end to void twice.
    stale = show_screen(qtbot, desk.ctx)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)

    # Alt+V: the reason first, then the supervisor; Enter moves on, Enter submits.
    qtbot.keyClick(screen, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    dialog = auth_dialog(qtbot, screen)
    assert paid.receipt_no in dialog.prompt.text()
    assert dialog.reason_edit is not None
    assert dialog.focusWidget() is dialog.reason_edit
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)  # no reason yet
    assert "reason" in dialog.message.text()
    qtbot.keyClicks(dialog.reason_edit, "wrong household")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.staff_no
    qtbot.keyClicks(dialog.staff_no, "S001")
    qtbot.keyClick(dialog.staff_no, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.password
    qtbot.keyClicks(dialog.password, "not-it")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    idle(qtbot, desk.ctx)
    assert shiboken6.isValid(dialog) and dialog.isVisible()
    assert dialog.message.text().startswith("工号或密码错误")
    assert bill_statuses(desk.db, desk.bills) == ["paid"] * 4
    qtbot.keyClicks(dialog.password, STAFF_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    idle(qtbot, desk.ctx)
    qtbot.waitUntil(lambda: screen.findChild(SupervisorAuthDialog) is None)
    idle(qtbot, desk.ctx)

    # Voided: bills open again, the list and the receipt say so, the number is kept.
    assert bill_statuses(desk.db, desk.bills) == ["open"] * 4
    with desk.db.read() as s:
        payment = s.scalar(select(Payment).where(Payment.receipt_no == paid.receipt_no))
        assert payment is not None and payment.status == "voided"
        reversal = s.scalar(select(PaymentReversal))
        assert reversal is not None
        assert (reversal.kind, reversal.reason) == ("void", "wrong household")
        assert (reversal.by_staff_no, reversal.approved_by_staff_no) == ("C001", "S001")
    status = drawer_status(desk.db, DESK)
    assert status is not None and status.expected_fen == sum(
        d.value_fen * n for d, n in FLOAT.items()
    )
    assert f"{paid.receipt_no} is void" in screen.message.text()
    assert cell(screen, 0, PaymentsModel.RECEIPT) == paid.receipt_no
    assert cell(screen, 0, PaymentsModel.STATUS) == "Voided"
    qtbot.waitUntil(lambda: "【已作废】" in screen.preview.toPlainText())
    assert paid.receipt_no in screen.preview.toPlainText()
    assert not screen.void_button.isEnabled() and not screen.refund_button.isEnabled()
    assert "0 payment(s), ¥0.00" in screen.summary.text()

    # Voiding it again (from the stale window): the service refuses, the window catches up.
    stale.activateWindow()
    qtbot.waitUntil(stale.isActiveWindow)
    assert cell(stale, 0, PaymentsModel.STATUS) == "Completed"
    qtbot.mouseClick(stale.void_button, Qt.MouseButton.LeftButton)
    dialog = auth_dialog(qtbot, stale)
    dialog.reason_edit.setText("again")  # type: ignore[union-attr]
    dialog.staff_no.setText("S001")
    dialog.password.setText(STAFF_PASSWORD)
    qtbot.mouseClick(dialog.button, Qt.MouseButton.LeftButton)
    idle(qtbot, desk.ctx)
    idle(qtbot, desk.ctx)
    assert "已作废" in stale.message.text()
    assert cell(stale, 0, PaymentsModel.STATUS) == "Voided"
    with desk.db.read() as s:
        assert len(s.scalars(select(PaymentReversal)).all()) == 1


def test_refund_a_payment_of_an_earlier_day(qtbot: QtBot, desk: Desk) -> None:
    yesterday = date.today() - timedelta(days=1)
    noon = datetime.combine(yesterday, time(12, 0)).astimezone()
    paid = desk.pay([Tender("wechat", 46800, "4200001234")], now=noon)
    today_paid = make_household(desk.db, "3-2-1202", "张伟", "50.00", phones=())
    screen = show_screen(qtbot, desk.ctx)
    assert screen.table.model().rowCount() == 0  # nothing today
    assert not screen.void_button.isEnabled() and not screen.refund_button.isEnabled()
    assert today_paid  # (another household, no payments)
    screen.date_edit.setDate(QDate(yesterday))
    idle(qtbot, desk.ctx)
    assert cell(screen, 0, PaymentsModel.RECEIPT) == paid.receipt_no
    assert cell(screen, 0, PaymentsModel.METHODS) == "微信支付"
    idle(qtbot, desk.ctx)
    assert "4200001234" in screen.preview.toPlainText()
    assert not screen.void_button.isEnabled()
    assert screen.refund_button.isEnabled()
    # Esc cancels the dialog: nothing happens.
    qtbot.mouseClick(screen.refund_button, Qt.MouseButton.LeftButton)
    dialog = auth_dialog(qtbot, screen)
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Escape)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: screen.findChild(SupervisorAuthDialog) is None)
    assert bill_statuses(desk.db, desk.bills) == ["paid"] * 4
    # Now with the supervisor.
    qtbot.mouseClick(screen.refund_button, Qt.MouseButton.LeftButton)
    dialog = auth_dialog(qtbot, screen)
    dialog.reason_edit.setText("owner moved out")  # type: ignore[union-attr]
    dialog.staff_no.setText("S001")
    dialog.password.setText(STAFF_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    idle(qtbot, desk.ctx)
    qtbot.waitUntil(lambda: screen.findChild(SupervisorAuthDialog) is None)
    idle(qtbot, desk.ctx)
    assert f"{paid.receipt_no} is refunded" in screen.message.text()
    assert cell(screen, 0, PaymentsModel.STATUS) == "Refunded"
    qtbot.waitUntil(lambda: "【已退款】" in screen.preview.toPlainText())
    assert bill_statuses(desk.db, desk.bills) == ["open"] * 4
    assert not screen.refund_button.isEnabled()


def test_a_supervisor_finds_their_staff_number_filled_in(qtbot: QtBot, desk: Desk) -> None:
    open_drawer(desk.db, CASHIER_ACTOR, DESK, FLOAT, today=date.today())
    desk.pay([Tender("alipay", 46800)])
    screen = show_screen(qtbot, desk.ctx, desk.supervisor)
    idle(qtbot, desk.ctx)
    qtbot.mouseClick(screen.void_button, Qt.MouseButton.LeftButton)
    dialog = auth_dialog(qtbot, screen)
    assert dialog.staff_no.text() == "S001"
    dialog.reject()
