"""The main window: who is logged in, the home page, screens on function keys, log-out."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from frontdesk import __version__
from frontdesk.config import Config
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.ui.context import AppContext, ScreenContext
from frontdesk.ui.login.dialog import LoginDialog
from frontdesk.ui.main import screens as screen_registry
from frontdesk.ui.main.screens import ScreenSpec, register, screens_for
from frontdesk.ui.main.window import MainWindow
from frontdesk.ui.shell import Shell
from tests.ui.conftest import ADMIN, CASHIER, audit_events, log_in


def _label(window: QWidget, name: str) -> str:
    label = window.findChild(QLabel, name)
    assert isinstance(label, QLabel), name
    return label.text()


def test_home_page_shows_session_and_installation(
    qtbot: QtBot, login_dialog: LoginDialog, gui_config: Config
) -> None:
    window = log_in(qtbot, login_dialog)
    assert window.stack.currentWidget() is window.home
    assert window.home.objectName() == "homePage"
    assert "王芳" in _label(window, "homeGreeting")
    assert _label(window, "homeUser") == "王芳 (C001)"
    assert _label(window, "homeRole") == "Cashier"
    assert _label(window, "homeDesk") == "前台2"
    database = _label(window, "homeDatabase")
    assert str((gui_config.data_dir / "frontdesk.db").resolve()) in database
    assert __version__ in _label(window, "homeVersion")
    texts = " ".join(label.text() for label in window.home.findChildren(QLabel))
    for shortcut in ("Ctrl+L", "Ctrl+Q", "Alt+Home", "Esc", "Enter"):
        assert shortcut in texts
    assert "coming soon" not in texts.lower()
    assert "Automatic log-out" in texts or "off" in _label(window, "homeIdle")


def test_database_location_never_shows_a_password(
    qtbot: QtBot, login_dialog: LoginDialog, gui_config: Config
) -> None:
    class _FakeDb:
        url = make_url("postgresql+psycopg://desk:s3cret@db.example:5433/frontdesk")
        is_sqlite = False
        sqlite_path = None

    ctx = AppContext(gui_config, _FakeDb(), login_dialog.context.tasks)  # type: ignore[arg-type]
    location = ctx.database_location()
    assert location == "postgresql://desk@db.example:5433/frontdesk"
    assert "s3cret" not in location


def test_logout_with_ctrl_l_returns_to_a_fresh_login(
    qtbot: QtBot, login_dialog: LoginDialog, app_db: Database
) -> None:
    shell: Shell = login_dialog.shell  # type: ignore[attr-defined]
    window = log_in(qtbot, login_dialog)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(shell.window, LoginDialog))
    fresh = shell.window
    assert isinstance(fresh, LoginDialog)
    assert fresh is not login_dialog
    assert fresh.user.text() == "" and fresh.password.text() == ""
    assert "王芳" in fresh.message.text()
    qtbot.waitUntil(lambda: not shell.context.tasks.busy)
    assert audit_events(app_db, "logout")[-1] == {
        "actor": "C001",
        "reason": "user",
        "desk": "前台2",
    }
    qtbot.waitUntil(lambda: not shiboken6.isValid(window) or not window.isVisible())


def test_logout_action_in_the_menu(
    qtbot: QtBot, login_dialog: LoginDialog, app_db: Database
) -> None:
    shell: Shell = login_dialog.shell  # type: ignore[attr-defined]
    window = log_in(qtbot, login_dialog)
    assert window.logout_action.objectName() == "logoutAction"
    assert window.logout_action.shortcut().toString() == "Ctrl+L"
    window.logout_action.trigger()
    qtbot.waitUntil(lambda: isinstance(shell.window, LoginDialog))
    qtbot.waitUntil(lambda: not shell.context.tasks.busy)
    assert [e["reason"] for e in audit_events(app_db, "logout")] == ["user"]
    # The next person can log in on the fresh dialog.
    fresh = shell.window
    assert isinstance(fresh, LoginDialog)
    second = log_in(qtbot, fresh, ADMIN)
    assert "陈明" in second.windowTitle()


def test_idle_timeout_logs_out(
    qtbot: QtBot,
    start: Callable[[Config], LoginDialog],
    gui_config: Config,
    app_db: Database,
) -> None:
    gui_config.app.idle_timeout_minutes = 15
    dialog = start(gui_config)
    shell: Shell = dialog.shell  # type: ignore[attr-defined]
    window = log_in(qtbot, dialog)
    assert window.idle.interval_ms == 15 * 60_000
    assert window.idle.active
    window.idle.interval_ms = 50  # a tiny time-out: let it really fire
    with qtbot.waitSignal(window.loggedOut, timeout=5000) as blocker:
        pass
    assert blocker.args == ["idle"]
    qtbot.waitUntil(lambda: isinstance(shell.window, LoginDialog))
    qtbot.waitUntil(lambda: not shell.context.tasks.busy)
    assert audit_events(app_db, "logout")[-1]["reason"] == "idle"
    message = shell.window.message.text()  # type: ignore[union-attr]
    assert "15 minutes" in message


def test_activity_postpones_the_idle_timeout(
    qtbot: QtBot,
    start: Callable[[Config], LoginDialog],
    gui_config: Config,
    app_db: Database,
) -> None:
    gui_config.app.idle_timeout_minutes = 15
    window = log_in(qtbot, start(gui_config))
    watcher = window.idle
    watcher.interval_ms = 60_000
    qtbot.waitUntil(lambda: watcher.idle_ms() >= 50)
    qtbot.keyClick(window.home, Qt.Key.Key_Shift)  # any key counts as activity
    assert watcher.idle_ms() < 50
    # When the timer fires after recent activity, it waits for the rest of the time.
    with qtbot.assertNotEmitted(watcher.idle):
        watcher._on_timeout()
    assert watcher.active
    assert watcher._timer.remainingTime() > 59_000
    window._on_idle()
    assert window.logged_out


def test_idle_timeout_zero_is_off(
    qtbot: QtBot, login_dialog: LoginDialog, gui_config: Config
) -> None:
    assert gui_config.app.idle_timeout_minutes == 0
    window = log_in(qtbot, login_dialog)
    assert not window.idle.active
    assert "off" in _label(window, "homeIdle")


def test_closing_the_main_window_records_logout_and_asks_to_quit(
    qtbot: QtBot, login_dialog: LoginDialog, app_db: Database
) -> None:
    shell: Shell = login_dialog.shell  # type: ignore[attr-defined]
    window = log_in(qtbot, login_dialog)
    with qtbot.waitSignal(shell.quitRequested):
        window.close()
    qtbot.waitUntil(lambda: not shell.context.tasks.busy)
    assert audit_events(app_db, "logout")[-1]["reason"] == "close"


# -- the screen registry --------------------------------------------------


def _screen(ctx: ScreenContext) -> QWidget:
    widget = QWidget()
    widget.setObjectName("fakeCashierPage")
    widget.setProperty("who", ctx.actor.staff_no)
    return widget


def test_registry_refuses_duplicates_and_bad_keys() -> None:
    screens: list[ScreenSpec] = []
    register(ScreenSpec("F2", "Cashier", _screen, roles=("cashier",)), screens)
    with pytest.raises(ValueError, match="F2"):
        register(ScreenSpec("F2", "Other", _screen), screens)
    with pytest.raises(ValueError, match="already registered"):
        register(ScreenSpec("F3", "Cashier", _screen), screens)
    with pytest.raises(ValueError, match=r"not F1\.\.F12"):
        ScreenSpec("Ctrl+L", "Bad", _screen)
    with pytest.raises(ValueError, match="unknown roles"):
        ScreenSpec("F4", "Bad", _screen, roles=("janitor",))
    assert screens[0].name == "cashier"
    assert ScreenSpec("F5", "Overdue calls", _screen).name == "overdueCalls"


def test_screens_for_filters_by_role_and_sorts_by_key() -> None:
    screens = [
        ScreenSpec("F3", "Reception", _screen, roles=("clerk",)),
        ScreenSpec("F2", "Cashier", _screen, roles=("cashier", "supervisor")),
        ScreenSpec("Shift+F1", "Reports", _screen, roles=("supervisor",)),
        ScreenSpec("F1", "Messages", _screen),
    ]
    assert [s.key for s in screens_for("cashier", screens)] == ["F1", "F2"]
    assert [s.key for s in screens_for("clerk", screens)] == ["F1", "F3"]
    assert [s.key for s in screens_for("admin", screens)] == ["F1", "F2", "F3", "Shift+F1"]


def test_registered_screen_opens_on_its_function_key(
    qtbot: QtBot, login_dialog: LoginDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry: list[ScreenSpec] = []
    monkeypatch.setattr(screen_registry, "SCREENS", registry)
    register(ScreenSpec("F2", "Cashier", _screen, roles=("cashier",)))
    register(ScreenSpec("F3", "Reports", _screen, roles=("supervisor",)))
    window = log_in(qtbot, login_dialog, CASHIER)
    assert [s.name for s in window.screens] == ["cashier"]
    assert window.findChild(type(window.home_action), "cashierAction") is not None
    assert window.findChild(type(window.home_action), "reportsAction") is None
    texts = " ".join(label.text() for label in window.home.findChildren(QLabel))
    assert "F2" in texts and "Cashier" in texts
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    page = window.stack.currentWidget()
    assert page.objectName() == "fakeCashierPage"
    assert page.property("who") == "C001"
    assert window.windowTitle().startswith("Cashier")
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentWidget() is window.home
    window.open_screen("cashier")
    assert window.stack.currentWidget() is page  # built once, kept
    assert window.open_screen("reports") is None  # not for a cashier


def test_a_screen_that_fails_to_build_does_not_break_the_window(
    qtbot: QtBot, login_dialog: LoginDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(ctx: ScreenContext) -> QWidget:
        raise RuntimeError("screen exploded")

    seen: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda t, e, tb: seen.append(e))
    window = MainWindow(
        login_dialog.context,
        Actor("C001", "王芳", "cashier"),
        [ScreenSpec("F2", "Cashier", broken)],
    )
    qtbot.addWidget(window)
    assert window.open_screen("cashier") is None
    assert window.stack.currentWidget() is window.home
    assert [str(e) for e in seen] == ["screen exploded"]
    window.idle.stop()
