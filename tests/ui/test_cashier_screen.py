"""The cashier screen driven like a cashier: from the keyboard, against a real SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from frontdesk.config import Config
from frontdesk.domain.money import parse_pieces
from frontdesk.services.cashbox import open_drawer
from frontdesk.services.payments import PaymentRequest, Tender, collect
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import Bill, CashMovement, Payment, PaymentTender
from frontdesk.ui.cashier.confirm_dialog import ConfirmPaymentDialog
from frontdesk.ui.cashier.screen import CashierScreen
from frontdesk.ui.context import AppContext, ScreenContext
from frontdesk.ui.login.dialog import LoginDialog
from frontdesk.ui.tasks import TaskRunner
from tests.factories import bill_household, make_fee_item, make_household
from tests.ui.conftest import ADMIN, CASHIER, log_in

FLOAT = "5张×50 10张×20 10张×10 10张×5 10张×1 10张×0.5 10张×0.1"
CASHIER_ACTOR = Actor(CASHIER[0], CASHIER[1], CASHIER[2])


@dataclass
class Counter:
    db: Database
    config: Config
    household: int
    neighbour: int
    bills: list[int]  # 2026-01 LJF, 2026-01 WYF, 2026-02 LJF, 2026-02 WYF: 468.00 in all


def setup_counter(db: Database, config: Config, *, drawer: bool = True) -> Counter:
    household = make_household(db, "3-2-1201", "刘兵", "89.60", ("13800001234",))
    neighbour = make_household(db, "3-2-1202", "刘斌", "120.00", ("13900005678",))
    make_household(db, "5-1-301", "王芳", "75.00", ("13700000001",))
    make_fee_item(db, CASHIER_ACTOR, "WYF", "物业管理费", "area_monthly", "2.50")
    make_fee_item(db, CASHIER_ACTOR, "LJF", "垃圾清运费", "fixed_monthly", "10.00")
    bills = bill_household(db, CASHIER_ACTOR, household, ["2026-01", "2026-02"])
    bill_household(db, CASHIER_ACTOR, neighbour, ["2026-02"])
    if drawer:
        open_drawer(db, CASHIER_ACTOR, config.app.desk, parse_pieces(FLOAT), today=date.today())
    return Counter(db, config, household, neighbour, bills)


@pytest.fixture
def counter(app_db: Database, gui_config: Config) -> Counter:
    return setup_counter(app_db, gui_config)


@contextmanager
def open_screen(qtbot: QtBot, db: Database, config: Config) -> Iterator[CashierScreen]:
    tasks = TaskRunner("db")
    try:
        ctx = ScreenContext(AppContext(config, db, tasks), CASHIER_ACTOR)
        screen = CashierScreen(ctx)
        qtbot.addWidget(screen)
        screen.resize(1200, 760)
        screen.show()
        qtbot.waitExposed(screen)
        screen.activateWindow()
        qtbot.waitUntil(screen.isActiveWindow)
        yield screen
    finally:
        tasks.shutdown(wait=True)


@pytest.fixture
def screen(qtbot: QtBot, counter: Counter) -> Iterator[CashierScreen]:
    with open_screen(qtbot, counter.db, counter.config) as opened:
        yield opened


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_ime(widget: QWidget, text: str) -> None:
    """Text committed by the input method (how Chinese and full-width text arrives)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def named(screen: QWidget, cls: type, name: str) -> QWidget:
    widget = screen.findChild(cls, name)
    assert isinstance(widget, cls), name
    return widget


def text_of(screen: QWidget, name: str) -> str:
    widget = screen.findChild(QLabel, name)
    assert isinstance(widget, QLabel), name
    return widget.text()


def idle(qtbot: QtBot, screen: CashierScreen) -> None:
    """Wait until the debounce has fired and every database job has been delivered."""
    qtbot.waitUntil(lambda: not screen.search.searching and not screen.ctx.tasks.busy)


def find_household(qtbot: QtBot, screen: CashierScreen, typed: str) -> None:
    """Type into the search box and press Enter, as a cashier does; wait for the bills."""
    assert focused() is screen.search.box
    qtbot.keyClicks(focused(), typed)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused().objectName() == "tenderedInput")
    idle(qtbot, screen)


def confirm_dialog(qtbot: QtBot, screen: CashierScreen) -> ConfirmPaymentDialog:
    qtbot.waitUntil(lambda: screen.confirm is not None and screen.confirm.isVisible())
    dialog = screen.confirm
    assert isinstance(dialog, ConfirmPaymentDialog)
    assert dialog.objectName() == "confirmPayment"
    qtbot.waitUntil(lambda: focused().window() is dialog)
    assert focused().objectName() == "confirmButton"
    return dialog


def payments(db: Database) -> list[Payment]:
    with db.read() as s:
        return list(s.scalars(select(Payment).order_by(Payment.id)))


def tenders(db: Database, payment_id: int) -> dict[str, int]:
    with db.read() as s:
        rows = s.execute(
            select(PaymentTender.method, PaymentTender.amount_fen).where(
                PaymentTender.payment_id == payment_id
            )
        ).all()
    return {method: amount for method, amount in rows}


def bill_statuses(db: Database, ids: list[int]) -> list[str]:
    with db.read() as s:
        found = dict(s.execute(select(Bill.id, Bill.status).where(Bill.id.in_(ids))).all())
    return [found[i] for i in ids]


# -- the whole cash payment from the keyboard ---------------------------------------------


def test_cash_payment_without_the_mouse(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    assert focused().objectName() == "householdSearch"
    find_household(qtbot, screen, "3-2-1201")

    # Bills all selected, oldest first; the total and its explanation on screen.
    assert screen.dues.model.rowCount() == 4
    assert all(screen.dues.model.is_checked(row) for row in range(4))
    assert [line.period for line in screen.dues.model.lines] == [
        "2026-01",
        "2026-01",
        "2026-02",
        "2026-02",
    ]
    assert text_of(screen, "amountDue") == "¥468.00"
    assert "2.50 ¥/m²/月 × 89.60 m² = 224.00" in text_of(screen, "dueBreakdown")
    assert "3-2-1201" in text_of(screen, "householdInfo")
    assert "¥468.00" in text_of(screen, "householdBalances")

    qtbot.keyClicks(focused(), "500")
    assert text_of(screen, "changeDue") == "¥32.00"
    assert text_of(screen, "changeBreakdown") == "20元 × 1\n10元 × 1\n1元(纸币) × 2"
    assert text_of(screen, "changePhrase") == "这是找您的零钱，共 ¥32.00，请清点。"
    collect_button = named(screen, QPushButton, "collectButton")
    assert collect_button.isEnabled()

    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    dialog = confirm_dialog(qtbot, screen)
    assert text_of(dialog, "confirmTotal") == "¥468.00"
    assert text_of(dialog, "confirmTendered") == "¥500.00"
    assert text_of(dialog, "confirmChange").startswith("¥32.00")
    assert payments(counter.db) == []  # nothing until confirmed
    qtbot.keyClick(focused(), Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: screen.receipt.toPlainText() != "")
    idle(qtbot, screen)
    receipt_no = counter.config.cashier.receipt_no("A", date.today().year, 1)
    (payment,) = payments(counter.db)
    assert payment.receipt_no == receipt_no
    assert payment.total_fen == 46800
    assert payment.tendered_fen == 50000
    assert payment.change_fen == 3200
    assert payment.desk == counter.config.app.desk
    assert payment.cashier_staff_no == "C001"
    assert tenders(counter.db, payment.id) == {"cash": 46800}
    assert bill_statuses(counter.db, counter.bills) == ["paid"] * 4
    with counter.db.read() as s:
        change = s.scalar(
            select(CashMovement.amount_fen).where(
                CashMovement.payment_id == payment.id, CashMovement.kind == "change"
            )
        )
    assert change == -3200

    # The receipt on screen; the form is ready for the next owner.
    shown = screen.receipt.toPlainText()
    assert receipt_no in shown and "刘兵" in shown and "3-2-1201" in shown
    assert receipt_no in text_of(screen, "cashierMessage")
    assert "这是找您的零钱，共 ¥32.00，请清点。" in text_of(screen, "cashierMessage")
    qtbot.waitUntil(lambda: focused().objectName() == "householdSearch")
    assert screen.search.box.text() == ""
    assert screen.dues.model.rowCount() == 0
    assert named(screen, QLineEdit, "tenderedInput").text() == ""  # type: ignore[attr-defined]
    assert not collect_button.isEnabled()


def test_the_next_owner_gets_the_next_receipt_number(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    for room, amount in (("3-2-1201", "468"), ("3-2-1202", "310")):
        find_household(qtbot, screen, room)
        qtbot.keyClicks(focused(), amount)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        dialog = confirm_dialog(qtbot, screen)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: focused().objectName() == "householdSearch")
        idle(qtbot, screen)
    year = date.today().year
    assert [p.receipt_no for p in payments(counter.db)] == [
        counter.config.cashier.receipt_no("A", year, 1),
        counter.config.cashier.receipt_no("A", year, 2),
    ]
    assert [p.change_fen for p in payments(counter.db)] == [0, 0]


# -- bad input: a clear message and nothing recorded -------------------------------------


def test_tendered_below_the_amount_due(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    find_household(qtbot, screen, "3-2-1201")
    qtbot.keyClicks(focused(), "400")
    message = text_of(screen, "tenderMessage")
    assert "实收现金不足" in message and "¥68.00" in message
    assert not named(screen, QPushButton, "collectButton").isEnabled()
    assert text_of(screen, "changeDue") == "—"
    assert text_of(screen, "changePhrase") == ""
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    idle(qtbot, screen)
    assert screen.confirm is None
    assert payments(counter.db) == []
    assert bill_statuses(counter.db, counter.bills) == ["open"] * 4


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12a", "无法识别金额"),
        ("-5", "金额不能为负数"),
        ("1.234", "两位小数"),
        ("99999999999", "金额不能超过"),
    ],
)
def test_a_bad_tendered_amount(
    qtbot: QtBot, screen: CashierScreen, counter: Counter, typed: str, expected: str
) -> None:
    find_household(qtbot, screen, "3-2-1201")
    qtbot.keyClicks(focused(), typed)
    assert expected in text_of(screen, "tenderedInputError")
    assert not named(screen, QPushButton, "collectButton").isEnabled()
    assert text_of(screen, "changeDue") == "—"
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    idle(qtbot, screen)
    assert screen.confirm is None
    assert payments(counter.db) == []
    # Correcting it clears the message.
    focused_edit = focused()
    assert isinstance(focused_edit, QLineEdit)
    focused_edit.selectAll()
    qtbot.keyClicks(focused_edit, "468")
    assert text_of(screen, "tenderedInputError") == ""
    assert named(screen, QPushButton, "collectButton").isEnabled()


def test_full_width_and_yuan_sign_amounts_are_understood(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    find_household(qtbot, screen, "3-2-1201")
    type_ime(focused(), "￥５００")
    assert text_of(screen, "tenderedInputError") == ""
    assert text_of(screen, "changeDue") == "¥32.00"


def test_esc_in_the_confirmation_goes_back(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    find_household(qtbot, screen, "3-2-1201")
    qtbot.keyClicks(focused(), "500")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    dialog = confirm_dialog(qtbot, screen)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: focused().objectName() == "tenderedInput")
    idle(qtbot, screen)
    assert payments(counter.db) == []
    assert focused().text() == "500"  # type: ignore[attr-defined]
    assert screen.hit is not None


# -- split payment -------------------------------------------------------------------------


def test_split_payment_wechat_and_cash(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    find_household(qtbot, screen, "3-2-1201")
    # Shift+Tab to the method, Down to WeChat Pay, Tab back to the amount.
    qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    method = focused()
    assert isinstance(method, QComboBox) and method.objectName() == "paymentMethod"
    qtbot.keyClick(method, Qt.Key.Key_Down)
    assert method.currentData() == "wechat"
    assert method.currentText() == "WeChat Pay"
    qtbot.keyClick(method, Qt.Key.Key_Tab)
    amount = focused()
    assert isinstance(amount, QLineEdit) and amount.objectName() == "tenderedInput"
    assert amount.text() == "468.00"  # an electronic method pays the rest exactly…
    qtbot.keyClicks(amount, "200")  # …unless the cashier types another amount
    assert amount.text() == "200"
    qtbot.keyClick(amount, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Add method
    qtbot.waitUntil(lambda: screen.tender.lines_model.rowCount() == 1)
    assert text_of(screen, "remainingDue") == "Still to pay: ¥268.00"
    assert screen.tender.current_method == "cash"
    assert focused() is amount and amount.text() == ""
    qtbot.keyClicks(amount, "300")
    assert text_of(screen, "changeDue") == "¥32.00"
    assert text_of(screen, "changePhrase") == "这是找您的零钱，共 ¥32.00，请清点。"
    qtbot.keyClick(amount, Qt.Key.Key_Return)
    dialog = confirm_dialog(qtbot, screen)
    assert "WeChat Pay  ¥200.00" in text_of(dialog, "confirmMethods")
    assert "Cash  ¥268.00" in text_of(dialog, "confirmMethods")
    assert text_of(dialog, "confirmTendered") == "¥300.00"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.receipt.toPlainText() != "")
    idle(qtbot, screen)
    (payment,) = payments(counter.db)
    assert tenders(counter.db, payment.id) == {"wechat": 20000, "cash": 26800}
    assert (payment.total_fen, payment.tendered_fen, payment.change_fen) == (46800, 30000, 3200)


def test_split_parts_that_do_not_add_up(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    find_household(qtbot, screen, "3-2-1201")
    tender = screen.tender
    tender.method.setCurrentIndex(tender.method.findData("wechat"))
    tender.amount.selectAll()
    qtbot.keyClicks(tender.amount, "100")
    qtbot.keyClick(tender.amount, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: tender.lines_model.rowCount() == 1)
    tender.method.setCurrentIndex(tender.method.findData("alipay"))
    tender.amount.selectAll()
    qtbot.keyClicks(tender.amount, "100")
    assert "付款金额不足" in text_of(screen, "tenderMessage")
    assert not tender.collect.isEnabled()
    # Too much on an electronic method: no change can be given…
    tender.amount.selectAll()
    qtbot.keyClicks(tender.amount, "400")
    assert "电子支付不能找零" in text_of(screen, "tenderMessage")
    assert not tender.collect.isEnabled()
    # …unless the overpayment is kept as prepayment.
    tender.overpay.setChecked(True)
    assert text_of(screen, "tenderMessage") == ""
    assert tender.collect.isEnabled()
    # A method line can be removed again (Delete in the table).
    tender.lines.setFocus()
    tender.lines.selectRow(0)
    qtbot.keyClick(tender.lines, Qt.Key.Key_Delete)
    assert tender.lines_model.rowCount() == 0
    assert payments(counter.db) == []


def test_bank_transfer_needs_its_reference(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    find_household(qtbot, screen, "3-2-1201")
    tender = screen.tender
    reference = named(screen, QLineEdit, "transferReference")
    assert not reference.isVisible()
    tender.method.setCurrentIndex(tender.method.findData("transfer"))
    assert reference.isVisible()
    assert tender.amount.text() == "468.00"
    assert "参考号" in text_of(screen, "tenderMessage")
    assert not tender.collect.isEnabled()
    qtbot.keyClicks(reference, "BK20261123-0001")
    assert text_of(screen, "tenderMessage") == ""
    assert text_of(screen, "changeDue") == "—"
    qtbot.keyClick(tender.amount, Qt.Key.Key_Return)
    dialog = confirm_dialog(qtbot, screen)
    assert "BK20261123-0001" in text_of(dialog, "confirmMethods")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.receipt.toPlainText() != "")
    (payment,) = payments(counter.db)
    assert tenders(counter.db, payment.id) == {"transfer": 46800}
    tender.method.setCurrentIndex(tender.method.findData("cash"))
    assert not reference.isVisible()


# -- what is due ------------------------------------------------------------------------------


def test_deselecting_a_bill_and_paying_ahead(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    find_household(qtbot, screen, "3-2-1201")
    table = screen.dues.table
    table.setFocus()
    table.setCurrentIndex(screen.dues.model.index(3, 0))  # the 2026-02 property fee
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert not screen.dues.model.is_checked(3)
    assert text_of(screen, "amountDue") == "¥244.00"
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert text_of(screen, "amountDue") == "¥468.00"
    qtbot.keyClick(table, Qt.Key.Key_Space)

    ahead = screen.dues.ahead
    assert ahead.maximum() == counter.config.cashier.max_prepay_months
    ahead.setFocus()
    qtbot.keyClick(ahead, Qt.Key.Key_Up)
    qtbot.keyClick(ahead, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: screen.dues.model.rowCount() == 8)
    idle(qtbot, screen)
    ahead_lines = [line for line in screen.dues.model.lines if line.ahead]
    assert [line.period for line in ahead_lines] == ["2026-03", "2026-03", "2026-04", "2026-04"]
    assert not screen.dues.model.is_checked(3)  # the choice survives the reload
    assert text_of(screen, "amountDue") == "¥712.00"  # 244 + 2 × 234
    assert "(ahead)" in text_of(screen, "dueBreakdown")
    assert "× 2 months" in text_of(screen, "dueBreakdown")

    screen.tender.focus_amount()
    qtbot.keyClicks(focused(), "712")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    dialog = confirm_dialog(qtbot, screen)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.receipt.toPlainText() != "")
    idle(qtbot, screen)
    assert bill_statuses(counter.db, counter.bills) == ["paid", "paid", "paid", "open"]
    with counter.db.read() as s:
        prepaid = s.scalar(select(func.count()).select_from(Bill).where(Bill.prepaid))
    assert prepaid == 4


def test_cash_rounds_to_the_jiao(qtbot: QtBot, app_db: Database, gui_config: Config) -> None:
    household = make_household(app_db, "9-1-101", "赵敏", "88.88", ("13700009999",))
    make_fee_item(app_db, CASHIER_ACTOR, "WYF", "物业管理费", "area_monthly", "2.33")
    bill_household(app_db, CASHIER_ACTOR, household, ["2026-01"])  # 2.33 × 88.88 = 207.09
    open_drawer(app_db, CASHIER_ACTOR, gui_config.app.desk, parse_pieces(FLOAT), today=date.today())
    with open_screen(qtbot, app_db, gui_config) as screen:
        find_household(qtbot, screen, "9-1-101")
        assert text_of(screen, "amountDue") == "¥207.09  (cash ¥207.10)"
        qtbot.keyClicks(focused(), "207.1")
        assert text_of(screen, "changeDue") == "¥0.00"
        assert text_of(screen, "tenderMessage") == ""
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        dialog = confirm_dialog(qtbot, screen)
        assert text_of(dialog, "confirmRounding") == "+¥0.01"
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.receipt.toPlainText() != "")
        idle(qtbot, screen)
        (payment,) = payments(app_db)
        assert (payment.total_fen, payment.rounding_fen) == (20710, 1)


# -- errors from the services -------------------------------------------------------------


def test_a_bill_just_paid_at_another_desk(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    find_household(qtbot, screen, "3-2-1201")
    qtbot.keyClicks(focused(), "500")
    # Meanwhile the other desk takes the money for the same bills.
    collect(
        counter.db,
        CASHIER_ACTOR,
        PaymentRequest(counter.household, tuple(counter.bills), 0, (Tender("wechat", 46800),)),
        desk="前台1",
        series="B",
        settings=counter.config.cashier,
        estate_name=counter.config.app.estate_name,
    )
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    dialog = confirm_dialog(qtbot, screen)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "已被其他窗口收取" in text_of(screen, "cashierMessage"))
    idle(qtbot, screen)
    assert [p.desk for p in payments(counter.db)] == ["前台1"]  # nothing recorded here
    # The form is kept: the household, the amount, the focus.
    assert screen.hit is not None and screen.hit.room == "3-2-1201"
    assert screen.tender.amount.text() == "500"
    qtbot.waitUntil(lambda: focused().objectName() == "tenderedInput")
    assert screen.receipt.toPlainText() == ""


def test_cash_without_an_open_drawer(qtbot: QtBot, app_db: Database, gui_config: Config) -> None:
    counter = setup_counter(app_db, gui_config, drawer=False)
    with open_screen(qtbot, app_db, gui_config) as screen:
        find_household(qtbot, screen, "3-2-1201")
        assert "not open" in text_of(screen, "drawerStatus")
        qtbot.keyClicks(focused(), "500")
        assert "No cash drawer is open" in text_of(screen, "tenderMessage")
        assert not screen.tender.collect.isEnabled()
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        idle(qtbot, screen)
        assert screen.confirm is None
        # Electronic payments need no drawer. (What the cashier typed is kept when the
        # method changes; a blank amount is filled in with what is due.)
        screen.tender.method.setCurrentIndex(screen.tender.method.findData("alipay"))
        assert screen.tender.amount.text() == "500"
        assert "电子支付不能找零" in text_of(screen, "tenderMessage")
        screen.tender.amount.selectAll()
        qtbot.keyClick(screen.tender.amount, Qt.Key.Key_Backspace)
        screen.tender.method.setCurrentIndex(screen.tender.method.findData("wechat"))
        screen.tender.method.setCurrentIndex(screen.tender.method.findData("alipay"))
        assert screen.tender.amount.text() == "468.00"
        assert screen.tender.collect.isEnabled()
        qtbot.keyClick(screen.tender.amount, Qt.Key.Key_Return)
        dialog = confirm_dialog(qtbot, screen)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.receipt.toPlainText() != "")
        idle(qtbot, screen)
    assert [tenders(app_db, p.id) for p in payments(app_db)] == [{"alipay": 46800}]
    assert counter.bills


def test_coming_back_to_the_screen_refreshes_the_drawer(
    qtbot: QtBot, app_db: Database, gui_config: Config
) -> None:
    setup_counter(app_db, gui_config, drawer=False)
    with open_screen(qtbot, app_db, gui_config) as screen:
        find_household(qtbot, screen, "3-2-1201")
        screen.dues.model.set_checked(0, False)
        assert "not open" in text_of(screen, "drawerStatus")
        # The cashier opens the drawer on its own screen (F3) and comes back (F2).
        open_drawer(
            app_db, CASHIER_ACTOR, gui_config.app.desk, parse_pieces(FLOAT), today=date.today()
        )
        screen.hide()
        screen.show()
        qtbot.waitUntil(lambda: "holds ¥" in text_of(screen, "drawerStatus"))
        idle(qtbot, screen)
        assert not screen.dues.model.is_checked(0)  # the choices are kept
        assert screen.dues.model.rowCount() == 4


def test_change_the_drawer_cannot_make(qtbot: QtBot, app_db: Database, gui_config: Config) -> None:
    setup_counter(app_db, gui_config, drawer=False)
    open_drawer(
        app_db, CASHIER_ACTOR, gui_config.app.desk, parse_pieces("1张×100"), today=date.today()
    )
    with open_screen(qtbot, app_db, gui_config) as screen:
        find_household(qtbot, screen, "3-2-1201")
        # 32.00 change: the drawer has one 100 note (and the five 100s received).
        qtbot.keyClicks(focused(), "500")
        assert "钱箱零钱不足" in text_of(screen, "tenderMessage")
        assert not screen.tender.collect.isEnabled()
        focused_edit = focused()
        assert isinstance(focused_edit, QLineEdit)
        focused_edit.selectAll()
        qtbot.keyClicks(focused_edit, "568")  # 100 change: the drawer has one 100 note
        assert text_of(screen, "changeBreakdown") == "100元 × 1"
        assert screen.tender.collect.isEnabled()
    assert payments(app_db) == []


# -- finding the household --------------------------------------------------------------------


def test_same_sounding_names_are_told_apart(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    qtbot.keyClicks(screen.search.box, "lb")
    idle(qtbot, screen)
    model = screen.search.model
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert rows == [
        ["3-2-1201", "刘兵", "138****1234", "89.60 m²", ""],
        ["3-2-1202", "刘斌", "139****5678", "120.00 m²", ""],
    ]
    assert "2 found" in text_of(screen, "searchStatus")
    # Down moves from the box into the results; Enter takes the highlighted one.
    assert screen.search.table.currentIndex().row() == 0
    qtbot.keyClick(screen.search.box, Qt.Key.Key_Down)
    assert screen.search.table.currentIndex().row() == 1
    assert focused() is screen.search.box
    qtbot.keyClick(screen.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.dues.dues is not None)
    assert screen.hit is not None and screen.hit.owners == "刘斌"
    assert text_of(screen, "amountDue") == "¥310.00"


def test_results_appear_after_a_pause_and_stale_answers_are_dropped(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    search = screen.search
    qtbot.keyClicks(search.box, "3-2")
    assert search.timer.isActive()  # typing: nothing asked yet
    assert search.model.rowCount() == 0
    idle(qtbot, screen)
    assert search.model.rowCount() == 2
    # An answer for an older query than the latest is not shown.
    old = search._asked
    qtbot.keyClicks(search.box, "-1202")
    search.search_now()
    search._show(old, "3-2", [])  # a late answer to "3-2"
    idle(qtbot, screen)
    assert [search.model.hit(r).room for r in range(search.model.rowCount())] == ["3-2-1202"]  # type: ignore[union-attr]


def test_enter_before_the_results_takes_the_first_match(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    qtbot.keyClicks(screen.search.box, "5-1")
    qtbot.keyClick(screen.search.box, Qt.Key.Key_Return)  # within the debounce
    qtbot.waitUntil(lambda: screen.dues.dues is not None)
    assert screen.hit is not None and screen.hit.room == "5-1-301"
    assert "Nothing is owed" in text_of(screen, "dueBreakdown")
    assert text_of(screen, "amountDue") == "¥0.00"
    assert not screen.tender.collect.isEnabled()


def test_search_by_phone_tail_and_not_found(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    qtbot.keyClicks(screen.search.box, "5678")
    idle(qtbot, screen)
    assert screen.search.model.hit(0).room == "3-2-1202"  # type: ignore[union-attr]
    screen.search.box.clear()
    type_ime(screen.search.box, "诸葛亮")
    idle(qtbot, screen)
    assert screen.search.model.rowCount() == 0
    assert text_of(screen, "searchStatus") == "No household found."
    qtbot.keyClick(screen.search.box, Qt.Key.Key_Return)
    idle(qtbot, screen)
    assert screen.hit is None


def test_esc_drops_the_household_and_goes_back_to_the_search(
    qtbot: QtBot, screen: CashierScreen, counter: Counter
) -> None:
    find_household(qtbot, screen, "3-2-1201")
    qtbot.keyClicks(focused(), "500")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert focused() is screen.search.box
    assert screen.hit is None
    assert screen.dues.model.rowCount() == 0
    assert screen.tender.amount.text() == ""
    assert screen.search.box.selectedText() == "3-2-1201"  # type over it for the next one
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert screen.search.box.text() == ""
    assert payments(counter.db) == []


# -- in the main window -------------------------------------------------------------------------


def test_f2_opens_the_cashier_screen_for_cashiers(
    qtbot: QtBot, login_dialog: LoginDialog, counter: Counter
) -> None:
    window = log_in(qtbot, login_dialog, CASHIER)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    page = window.stack.currentWidget()
    assert isinstance(page, CashierScreen)
    assert page.objectName() == "cashierScreen"
    qtbot.waitUntil(lambda: focused().objectName() == "householdSearch")
    assert window.windowTitle().startswith("Cashier")
    find_household(qtbot, page, "3-2-1201")
    assert text_of(page, "amountDue") == "¥468.00"


def test_only_cashiers_and_supervisors_see_it() -> None:
    from frontdesk.ui.main.screens import SCREENS

    spec = next(s for s in SCREENS if s.name == "cashier")
    assert spec.key == "F2"
    assert spec.allows("cashier") and spec.allows("supervisor") and spec.allows("admin")
    assert not spec.allows("clerk")
    assert ADMIN[2] == "admin"
