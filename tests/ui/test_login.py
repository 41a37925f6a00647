"""The login dialog: messages, lock-out, keyboard, and what it hands to the main window."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from frontdesk.config import Config
from frontdesk.services.users import SYSTEM, add_user
from frontdesk.storage.database import Database
from frontdesk.storage.migrate import upgrade
from frontdesk.ui.login.dialog import ADMIN_INIT_COMMAND, LoginDialog
from frontdesk.ui.main.window import MainWindow
from tests.ui.conftest import ADMIN, CASHIER, audit_events, log_in, type_login


def test_login_dialog_has_the_named_widgets(login_dialog: LoginDialog) -> None:
    assert login_dialog.objectName() == "loginDialog"
    assert isinstance(login_dialog.findChild(QLineEdit, "loginUser"), QLineEdit)
    password = login_dialog.findChild(QLineEdit, "loginPassword")
    assert isinstance(password, QLineEdit)
    assert password.echoMode() == QLineEdit.EchoMode.Password
    button = login_dialog.findChild(QPushButton, "loginButton")
    assert isinstance(button, QPushButton)
    assert button.isDefault()
    assert button.text() == "Log in"
    assert isinstance(login_dialog.findChild(QLabel, "loginMessage"), QLabel)
    assert "前台2" in login_dialog.findChild(QLabel, "loginDesk").text()


def test_focus_starts_in_staff_number(qtbot: QtBot, login_dialog: LoginDialog) -> None:
    login_dialog.activateWindow()
    qtbot.waitUntil(login_dialog.isActiveWindow)
    assert login_dialog.focusWidget() is login_dialog.user
    assert login_dialog.user.hasFocus()


def test_empty_fields_give_a_message_without_asking_the_database(
    qtbot: QtBot, login_dialog: LoginDialog
) -> None:
    qtbot.mouseClick(login_dialog.button, Qt.MouseButton.LeftButton)
    assert login_dialog.message.text() == "Enter your staff number and password."
    assert not login_dialog.context.tasks.busy
    qtbot.keyClicks(login_dialog.user, "C001")
    login_dialog.password.setFocus()
    qtbot.keyClick(login_dialog.password, Qt.Key.Key_Return)
    assert login_dialog.message.text() == "Enter your staff number and password."
    assert not login_dialog.context.tasks.busy
    assert login_dialog.isVisible()


def test_enter_after_the_staff_number_moves_to_the_password(
    qtbot: QtBot, login_dialog: LoginDialog
) -> None:
    login_dialog.activateWindow()
    qtbot.waitUntil(login_dialog.isActiveWindow)
    qtbot.keyClicks(login_dialog.user, "C001")
    qtbot.keyClick(login_dialog.user, Qt.Key.Key_Return)
    assert login_dialog.password.hasFocus()
    assert login_dialog.message.text() == ""


def test_wrong_password_shows_the_reason(
    qtbot: QtBot, login_dialog: LoginDialog, app_db: Database
) -> None:
    type_login(qtbot, login_dialog, "C001", "not-the-password")
    assert "工号或密码错误" in login_dialog.message.text()
    assert login_dialog.isVisible()
    assert login_dialog.button.isEnabled()
    assert login_dialog.password.text() == ""  # cleared for the next try
    failed = audit_events(app_db, "login.failed")
    assert failed[-1]["reason"] == "password"
    assert failed[-1]["desk"] == "前台2"


def test_unknown_staff_number(qtbot: QtBot, login_dialog: LoginDialog) -> None:
    type_login(qtbot, login_dialog, "X999", "whatever-1")
    assert "工号或密码错误" in login_dialog.message.text()


def test_button_is_disabled_while_logging_in(qtbot: QtBot, login_dialog: LoginDialog) -> None:
    qtbot.keyClicks(login_dialog.user, "C001")
    qtbot.keyClicks(login_dialog.password, "wrong-password")
    with qtbot.waitSignal(login_dialog.context.tasks.finished):
        login_dialog.submit()
        assert not login_dialog.button.isEnabled()
        assert login_dialog.busy
        login_dialog.submit()  # a second Enter while waiting does nothing
        assert login_dialog.context.tasks.pending == 1
    assert login_dialog.button.isEnabled()


def test_repeated_failures_lock_the_account(
    qtbot: QtBot, login_dialog: LoginDialog, gui_config: Config
) -> None:
    assert gui_config.security.max_failed_logins == 3
    type_login(qtbot, login_dialog, "C001", "wrong-1")
    assert "再错 2 次" in login_dialog.message.text()
    type_login(qtbot, login_dialog, "C001", "wrong-2")
    type_login(qtbot, login_dialog, "C001", "wrong-3")
    assert "锁定" in login_dialog.message.text()
    assert f"{gui_config.security.lockout_minutes} 分钟" in login_dialog.message.text()
    # Even the right password is refused now.
    type_login(qtbot, login_dialog, CASHIER[0], CASHIER[3])
    assert "锁定" in login_dialog.message.text()
    assert login_dialog.isVisible()


def test_successful_login_opens_the_main_window(
    qtbot: QtBot, login_dialog: LoginDialog, app_db: Database
) -> None:
    window = log_in(qtbot, login_dialog)
    assert window.objectName() == "mainWindow"
    assert window.isVisible()
    title = window.windowTitle()
    for part in ("王芳", "C001", "Cashier", "前台2"):
        assert part in title
    status_user = window.findChild(QLabel, "statusUser")
    status_desk = window.findChild(QLabel, "statusDesk")
    assert "王芳" in status_user.text() and "C001" in status_user.text()
    assert "Cashier" in status_user.text()
    assert "前台2" in status_desk.text()
    assert not shiboken6.isValid(login_dialog) or not login_dialog.isVisible()
    assert audit_events(app_db, "login")[-1] == {"actor": "C001", "desk": "前台2"}


def test_no_administrator_yet_explains_how_to_create_one(
    start: Callable[[Config], LoginDialog], gui_config: Config
) -> None:
    db = Database(gui_config.database_url)
    upgrade(db)
    add_user(db, SYSTEM, "C001", "王芳", "cashier", "cash-pass-1")
    db.dispose()
    dialog = start(gui_config)
    hint = dialog.findChild(QLabel, "loginSetupHint")
    assert hint.isVisible()
    assert ADMIN_INIT_COMMAND in hint.text()
    layout = dialog.layout()
    assert dialog.height() >= layout.totalHeightForWidth(dialog.width())  # not clipped
    assert ADMIN_INIT_COMMAND == "frontdesk-admin init --admin 工号 --name 姓名"


def test_administrator_present_hides_the_hint(login_dialog: LoginDialog) -> None:
    assert not login_dialog.findChild(QLabel, "loginSetupHint").isVisible()


def test_escape_quits_from_the_login_dialog(qtbot: QtBot, login_dialog: LoginDialog) -> None:
    shell = login_dialog.shell  # type: ignore[attr-defined]
    with qtbot.waitSignal(shell.quitRequested):
        qtbot.keyClick(login_dialog.user, Qt.Key.Key_Escape)
    assert not login_dialog.isVisible()


def test_admin_can_log_in(qtbot: QtBot, login_dialog: LoginDialog) -> None:
    window = log_in(qtbot, login_dialog, ADMIN)
    assert isinstance(window, MainWindow)
    assert "Administrator" in window.windowTitle()
