"""Screen F3: open the drawer with a float, cash out, close the day with a difference."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QSpinBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.config import Config
from frontdesk.domain.money import DENOMINATIONS, Denomination, denomination
from frontdesk.services.cashbox import drawer_status, open_drawer
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import CashSession
from frontdesk.ui.authorize import SupervisorAuthDialog
from frontdesk.ui.context import AppContext, ScreenContext
from frontdesk.ui.drawer.screen import DrawerScreen
from frontdesk.ui.login.dialog import LoginDialog
from frontdesk.ui.pieces import PiecesEditor
from frontdesk.ui.tasks import TaskRunner
from tests.factories import STAFF_PASSWORD, make_staff
from tests.ui.conftest import CASHIER, log_in

Y100 = denomination(10000)
Y50 = denomination(5000)
Y20 = denomination(2000)
Y10 = denomination(1000)
COIN1 = denomination(100, "coin")
FLOAT = {Y100: 1, Y50: 2, Y10: 5, COIN1: 10}  # ¥260.00

CASHIER_ACTOR = Actor(CASHIER[0], CASHIER[1], CASHIER[2])
SUPERVISOR = ("S001", "李主管")


@pytest.fixture
def app_ctx(gui_config: Config, app_db: Database) -> Iterator[AppContext]:
    make_staff(app_db, SUPERVISOR[0], "supervisor", SUPERVISOR[1])
    tasks = TaskRunner("db")
    yield AppContext(gui_config, app_db, tasks)
    tasks.shutdown(wait=True)


def idle(qtbot: QtBot, ctx: AppContext) -> None:
    qtbot.waitUntil(lambda: not ctx.tasks.busy)


def show_screen(qtbot: QtBot, ctx: AppContext, actor: Actor = CASHIER_ACTOR) -> DrawerScreen:
    screen = DrawerScreen(ScreenContext(ctx, actor))
    qtbot.addWidget(screen)
    screen.resize(1100, 700)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    idle(qtbot, ctx)
    return screen


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_count(qtbot: QtBot, editor: PiecesEditor, pieces: Mapping[Denomination, int]) -> None:
    """Type a count row by row from the keyboard: a number (or nothing) and Enter."""
    editor.focus_first()
    for d in DENOMINATIONS:
        box = focused()
        assert isinstance(box, QSpinBox), box
        qtbot.keyClicks(box, str(pieces.get(d, 0)))
        qtbot.keyClick(box, Qt.Key.Key_Return)


def sessions(db: Database) -> list[CashSession]:
    with db.read() as s:
        rows = list(s.scalars(select(CashSession).order_by(CashSession.id)))
        s.expunge_all()
        return rows


def auth_dialog(qtbot: QtBot, screen: QWidget) -> SupervisorAuthDialog:
    qtbot.waitUntil(lambda: screen.findChild(SupervisorAuthDialog) is not None)
    dialog = screen.findChild(SupervisorAuthDialog)
    assert isinstance(dialog, SupervisorAuthDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def authorise(
    qtbot: QtBot, ctx: AppContext, dialog: SupervisorAuthDialog, staff_no: str, password: str
) -> None:
    dialog.staff_no.clear()
    dialog.password.clear()
    qtbot.keyClicks(dialog.staff_no, staff_no)
    qtbot.keyClick(dialog.staff_no, Qt.Key.Key_Return)  # moves on to the password
    assert dialog.focusWidget() is dialog.password
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    idle(qtbot, ctx)


def test_open_cash_out_and_close_with_a_difference(
    qtbot: QtBot, app_ctx: AppContext, app_db: Database, qtmodeltester: object
) -> None:
    screen = show_screen(qtbot, app_ctx)
    assert screen.objectName() == "drawerScreen"
    assert screen.stack.currentWidget() is screen.closed_page
    assert "not open" in screen.status_label.text()
    # The float count has the focus, ready to type; Enter goes down and then to the button.
    assert focused().parent().parent() is screen.float_count.view  # editor in the viewport
    type_count(qtbot, screen.float_count, FLOAT)
    assert screen.float_count.pieces() == FLOAT
    assert screen.float_count.total_label.text() == "Total: ¥260.00"
    assert focused() is screen.open_button
    qtbot.keyClick(screen.open_button, Qt.Key.Key_Return)
    idle(qtbot, app_ctx)
    assert screen.stack.currentWidget() is screen.open_page
    assert "¥260.00" in screen.status_label.text()
    assert "¥260.00" in screen.message.text()
    assert screen.expected.model.pieces() == FLOAT
    qtmodeltester.check(screen.expected.model)  # type: ignore[attr-defined]
    qtmodeltester.check(screen.close_count.model)  # type: ignore[attr-defined]
    status = drawer_status(app_db, "前台2")
    assert status is not None and status.expected_fen == 26000
    assert status.opened_by == "C001"

    # A stale second window at the same desk, used at the end to close twice.
    stale = show_screen(qtbot, app_ctx)
    assert stale.stack.currentWidget() is stale.open_page

    # Cash out without a reason: the service says what is missing, nothing is recorded.
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    assert screen.move_kind.currentData() == "cash_out"
    screen.move_pieces.set_pieces({Y100: 1})
    qtbot.mouseClick(screen.move_button, Qt.MouseButton.LeftButton)
    idle(qtbot, app_ctx)
    assert "原因" in screen.message.text()
    assert drawer_status(app_db, "前台2").expected_fen == 26000  # type: ignore[union-attr]
    # Taking out more than the drawer holds is refused too.
    screen.move_pieces.set_pieces({Y20: 1})
    screen.move_reason.setText("存银行")
    qtbot.mouseClick(screen.move_button, Qt.MouseButton.LeftButton)
    idle(qtbot, app_ctx)
    assert "20元" in screen.message.text()
    # With a reason, from the keyboard: pieces, reason, Enter.
    type_count(qtbot, screen.move_pieces, {Y100: 1})
    assert focused() is screen.move_reason
    qtbot.keyClick(screen.move_reason, Qt.Key.Key_Return)
    idle(qtbot, app_ctx)
    assert "Took ¥100.00 out of the drawer (存银行)" in screen.message.text()
    assert screen.move_pieces.pieces() == {} and screen.move_reason.text() == ""
    assert screen.expected.model.pieces() == {Y50: 2, Y10: 5, COIN1: 10}
    assert screen.close_count.model.expected() == {Y50: 2, Y10: 5, COIN1: 10}

    # Close with ¥10 missing: the table says so in words, per denomination and in total.
    counted = {Y50: 2, Y10: 4, COIN1: 10}
    type_count(qtbot, screen.close_count, counted)
    assert focused() is screen.close_note
    model = screen.close_count.model
    row = DENOMINATIONS.index(Y10)
    difference = model.index(row, model.columns.index(model.DIFFERENCE)).data()
    assert difference == "1 short (¥10.00)"
    assert "short ¥10.00" in screen.close_count.total_label.text()
    # No note yet: asked for one, no dialog.
    qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
    assert "note" in screen.message.text()
    assert screen.findChild(SupervisorAuthDialog) is None
    assert focused() is screen.close_note
    screen.close_note.insert("少了一张10元，已查监控")  # QTest cannot type Chinese
    qtbot.keyClick(screen.close_note, Qt.Key.Key_Return)
    dialog = auth_dialog(qtbot, screen)
    assert "short ¥10.00" in dialog.prompt.text()
    assert dialog.reason_edit is None
    # A wrong password: the dialog says so and stays open; nothing is closed.
    authorise(qtbot, app_ctx, dialog, "S001", "wrong-password")
    assert shiboken6.isValid(dialog) and dialog.isVisible()
    assert dialog.message.text().startswith("工号或密码错误")
    assert sessions(app_db)[0].status == "open"
    # The cashier's own account is no supervisor.
    authorise(qtbot, app_ctx, dialog, CASHIER[0], CASHIER[3])
    assert dialog.isVisible() and "不是主管" in dialog.message.text()
    authorise(qtbot, app_ctx, dialog, "S001", STAFF_PASSWORD)
    idle(qtbot, app_ctx)
    qtbot.waitUntil(lambda: screen.findChild(SupervisorAuthDialog) is None)

    closed = sessions(app_db)[0]
    assert closed.status == "closed"
    assert closed.difference_fen == -1000
    assert closed.difference_approved_by == "S001"
    assert closed.close_note == "少了一张10元，已查监控"
    assert screen.stack.currentWidget() is screen.closed_page
    assert "The day is closed" in screen.message.text()
    assert "short ¥10.00" in screen.message.text()
    # The supervisor who approved is here: the report is shown at once.
    report = screen.report_view.toPlainText()
    assert report.startswith("日结报表")
    assert "前台2" in report and "短款 ¥10.00" in report
    assert "差额批准：S001" in report and "取出 -¥100.00" in report

    # Closing again from the stale window: the service refuses, the window catches up.
    stale.activateWindow()
    qtbot.waitUntil(stale.isActiveWindow)
    stale.close_count.set_pieces({Y100: 1, Y50: 2, Y10: 5, COIN1: 10})
    qtbot.mouseClick(stale.close_button, Qt.MouseButton.LeftButton)
    box = stale.confirm_box
    assert isinstance(box, QMessageBox) and box.objectName() == "closeConfirm"
    qtbot.waitExposed(box)
    box.button(QMessageBox.StandardButton.Yes).click()
    idle(qtbot, app_ctx)
    assert "不能重复日结" in stale.message.text()
    assert stale.stack.currentWidget() is stale.closed_page
    assert len(sessions(app_db)) == 1


def test_cashier_sees_the_count_and_a_supervisor_authorises_the_report(
    qtbot: QtBot, app_ctx: AppContext, app_db: Database
) -> None:
    open_drawer(app_db, CASHIER_ACTOR, "前台2", FLOAT, today=date.today())
    screen = show_screen(qtbot, app_ctx)
    assert screen.stack.currentWidget() is screen.open_page
    # The count matches: a confirmation (Esc backs out), then the close.
    screen.close_count.set_pieces(FLOAT)
    assert "no difference" in screen.close_count.total_label.text()
    qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
    box = screen.confirm_box
    assert box is not None
    qtbot.waitExposed(box)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    idle(qtbot, app_ctx)
    assert sessions(app_db)[0].status == "open"
    qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
    box = screen.confirm_box
    assert box is not None
    qtbot.waitExposed(box)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Yes is the default
    idle(qtbot, app_ctx)
    assert sessions(app_db)[0].status == "closed"
    assert sessions(app_db)[0].difference_approved_by is None
    # A cashier sees the closing count, not the report.
    summary = screen.report_view.toPlainText()
    assert "no difference" in summary and "Show report" in summary
    assert "日结报表" not in summary
    # Show report: a supervisor authorises; Esc first cancels.
    qtbot.mouseClick(screen.report_button, Qt.MouseButton.LeftButton)
    dialog = auth_dialog(qtbot, screen)
    qtbot.keyClick(dialog.staff_no, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: screen.findChild(SupervisorAuthDialog) is None)
    assert "日结报表" not in screen.report_view.toPlainText()
    qtbot.mouseClick(screen.report_button, Qt.MouseButton.LeftButton)
    dialog = auth_dialog(qtbot, screen)
    authorise(qtbot, app_ctx, dialog, "S001", STAFF_PASSWORD)
    idle(qtbot, app_ctx)
    assert screen.report_view.toPlainText().startswith("日结报表")
    assert "无差额" in screen.report_view.toPlainText()
    # Opening again on the same day is refused with the service's message.
    screen.float_count.set_pieces(FLOAT)
    qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    idle(qtbot, app_ctx)
    assert "已日结" in screen.message.text()
    assert len(sessions(app_db)) == 1


def test_a_supervisor_closes_a_difference_with_a_note_only(
    qtbot: QtBot, app_ctx: AppContext, app_db: Database
) -> None:
    supervisor = Actor(SUPERVISOR[0], SUPERVISOR[1], "supervisor")
    open_drawer(app_db, supervisor, "前台2", FLOAT, today=date.today())
    screen = show_screen(qtbot, app_ctx, supervisor)
    screen.close_count.set_pieces({**FLOAT, Y20: 1})
    screen.close_note.setText("多出20元，待查")
    qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
    assert screen.findChild(SupervisorAuthDialog) is None
    box = screen.confirm_box
    assert box is not None
    qtbot.waitExposed(box)
    box.button(QMessageBox.StandardButton.Yes).click()
    idle(qtbot, app_ctx)
    closed = sessions(app_db)[0]
    assert closed.status == "closed" and closed.difference_fen == 2000
    assert closed.difference_approved_by == "S001"
    assert "长款 ¥20.00" in screen.report_view.toPlainText()


def test_f3_opens_the_drawer_screen(
    qtbot: QtBot, login_dialog: LoginDialog, app_db: Database
) -> None:
    window = log_in(qtbot, login_dialog)
    assert "drawer" in window.screen_actions
    assert "fees" not in window.screen_actions  # a supervisor's screen
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    screen = window.current_screen()
    assert isinstance(screen, DrawerScreen)
    qtbot.waitUntil(lambda: not window.context.tasks.busy)
    assert screen.stack.currentWidget() is screen.closed_page


def test_pieces_editor_keyboard_and_model(qtbot: QtBot, qtmodeltester: object) -> None:
    form = QWidget()
    before = QLineEdit(form)
    editor = PiecesEditor("countTest", form, show_expected=True)
    after = QLineEdit(form)
    layout = QVBoxLayout(form)
    for widget in (before, editor, after):
        layout.addWidget(widget)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    assert editor.view.objectName() == "countTestTable"
    assert editor.total_label.objectName() == "countTestTotal"
    editor.set_expected({Y100: 2, COIN1: 3})
    assert [editor.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Denomination",
        "Expected",
        "Counted",
        "Difference",
        "Amount",
    ]
    assert editor.model.index(0, 0).data() == "¥100 note"
    assert editor.model.index(6, 0).data() == "¥1 coin"
    assert editor.total_label.text() == "Expected ¥203.00 · counted ¥0.00 · short ¥203.00"
    # Tab from the field before lands on the first count, ready to type; Tab goes down.
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    with qtbot.waitSignal(editor.changed):
        qtbot.keyClicks(focused(), "3")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert editor.view.currentIndex().row() == 1
    # Shift+Tab goes back up, and from the first row out of the table.
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
    assert editor.view.currentIndex().row() == 0
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
    assert focused() is before
    assert editor.pieces() == {Y100: 3}
    assert editor.difference_fen() == 10000 - 300
    assert editor.model.index(0, 3).data() == "1 over (¥100.00)"
    assert editor.model.index(6, 3).data() == "3 short (¥3.00)"
    assert editor.model.index(1, 3).data() == "—"
    assert editor.model.index(0, 4).data() == "¥300.00"
    # Counts are whole pieces, not negative, not absurd.
    count = editor.model.index(0, editor.model.count_column)
    assert not editor.model.setData(count, -1)
    assert not editor.model.setData(count, 10**9)
    assert not editor.model.setData(count, "abc")
    assert editor.model.setData(count, "4")
    assert editor.pieces() == {Y100: 4}
    editor.clear()
    assert editor.pieces() == {} and editor.total_fen() == 0
    qtmodeltester.check(editor.model)  # type: ignore[attr-defined]


def test_read_only_pieces(qtbot: QtBot, qtmodeltester: object) -> None:
    editor = PiecesEditor("heldTest", editable=False)
    qtbot.addWidget(editor)
    editor.set_pieces({Y50: 2, COIN1: 3})
    assert editor.view.focusPolicy() == Qt.FocusPolicy.NoFocus
    count = editor.model.index(1, editor.model.count_column)
    assert not editor.model.flags(count) & Qt.ItemFlag.ItemIsEditable
    assert not editor.model.setData(count, 5)
    assert editor.total_label.text() == "Total: ¥103.00"
    assert editor.model.headerData(1, Qt.Orientation.Horizontal) == "Pieces"
    qtmodeltester.check(editor.model)  # type: ignore[attr-defined]
