"""GUI fixtures: a migrated SQLite database with staff, and a launched application."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.app import launch
from frontdesk.config import Config
from frontdesk.logs import shutdown_logging
from frontdesk.services.users import SYSTEM, add_user
from frontdesk.storage.database import Database
from frontdesk.storage.migrate import upgrade
from frontdesk.storage.models import AuditEvent
from frontdesk.ui import errors, i18n
from frontdesk.ui.login.dialog import LoginDialog
from frontdesk.ui.main.window import MainWindow
from frontdesk.ui.shell import Shell

CASHIER = ("C001", "王芳", "cashier", "cash-pass-1")
ADMIN = ("A001", "陈明", "admin", "admin-pass-1")


# The offscreen platform plugin warns whenever a top-level window with a layout
# gets size constraints; real platforms (xcb, windows) implement the call.
OFFSCREEN_NOISE = r"^This plugin does not support propagateSizeHints\(\)$"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def gui_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Undo what ``launch`` changes process-wide: hooks, translators, log handler."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield
    errors.close_dialog()
    i18n.remove_translations()
    shutdown_logging()


@pytest.fixture
def gui_config(config: Config) -> Config:
    """English interface, quick lock-out and busy time-out, no idle logout."""
    config.app.language = "en"
    config.app.desk = "前台2"
    config.app.idle_timeout_minutes = 0
    config.security.max_failed_logins = 3
    config.database.busy_timeout_ms = 200
    return config


@pytest.fixture
def app_db(gui_config: Config) -> Iterator[Database]:
    """The configured SQLite database, migrated, with a cashier and an administrator."""
    db = Database(gui_config.database_url)
    upgrade(db)
    for staff_no, name, role, password in (CASHIER, ADMIN):
        add_user(db, SYSTEM, staff_no, name, role, password)
    yield db
    db.dispose()


@pytest.fixture
def start(qtbot: QtBot) -> Iterator[Callable[[Config], LoginDialog]]:
    """``start(config)`` launches the GUI; everything is closed after the test."""
    shells: list[Shell] = []

    def _start(config: Config) -> LoginDialog:
        dialog = launch(config)
        assert isinstance(dialog, LoginDialog)
        shells.append(dialog.shell)  # type: ignore[attr-defined]
        qtbot.waitExposed(dialog)
        # The administrator check runs first on the worker; let it land.
        qtbot.waitUntil(lambda: not dialog.context.tasks.busy)
        return dialog

    yield _start
    for shell in shells:
        shell.close()


@pytest.fixture
def login_dialog(
    start: Callable[[Config], LoginDialog], gui_config: Config, app_db: Database
) -> LoginDialog:
    return start(gui_config)


def type_login(qtbot: QtBot, dialog: LoginDialog, staff_no: str, password: str) -> None:
    """Fill the fields from the keyboard and press Enter; wait for the answer."""
    dialog.user.clear()
    dialog.password.clear()
    qtbot.keyClicks(dialog.user, staff_no)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, "\r")
    qtbot.waitUntil(lambda: not dialog.busy and not dialog.context.tasks.busy)


def log_in(
    qtbot: QtBot, dialog: LoginDialog, who: tuple[str, str, str, str] = CASHIER
) -> MainWindow:
    shell: Shell = dialog.shell  # type: ignore[attr-defined]
    type_login(qtbot, dialog, who[0], who[3])
    qtbot.waitUntil(lambda: isinstance(shell.window, MainWindow))
    window = shell.window
    assert isinstance(window, MainWindow)
    qtbot.waitExposed(window)
    return window


def audit_events(db: Database, action: str) -> list[dict[str, Any]]:
    with db.read() as s:
        rows = s.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
        return [{"actor": r.actor, **json.loads(r.details)} for r in rows]
