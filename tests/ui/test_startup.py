"""Starting the program: bad settings, unusable databases, migrations, demo mode."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from frontdesk import app as app_module
from frontdesk.app import launch, main
from frontdesk.config import Config
from frontdesk.errors import ConfigError, DatabaseError
from frontdesk.services.demo import DEMO_ACCOUNTS
from frontdesk.services.users import SYSTEM, add_user
from frontdesk.storage.database import Database
from frontdesk.storage.migrate import alembic_config, current_revision, head_revision, upgrade
from frontdesk.ui.login.dialog import LoginDialog
from frontdesk.ui.main.window import MainWindow
from frontdesk.ui.shell import Shell
from tests.ui.conftest import CASHIER, log_in, type_login


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record ``QMessageBox.critical`` calls instead of showing (and blocking on) them."""
    shown: list[tuple[str, str]] = []

    def critical(parent: QWidget | None, title: str, text: str, *args: object) -> int:
        shown.append((title, text))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    return shown


@pytest.fixture
def closes_shells(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Shell]]:
    """Collect the shells ``main`` creates (it closes them itself after exec)."""
    shells: list[Shell] = []
    real_launch = app_module.launch

    def spy(config: Config | None = None) -> QWidget:
        window = real_launch(config)
        shells.append(window.shell)  # type: ignore[attr-defined]
        return window

    monkeypatch.setattr(app_module, "launch", spy)
    yield shells
    for shell in shells:
        shell.close()


def _write_config(private_dirs: Path, text: str) -> Path:
    path = private_dirs / "config.toml"  # FRONTDESK_CONFIG points here
    path.write_text(text, encoding="utf-8")
    return path


# -- settings ---------------------------------------------------------------


def test_unknown_setting_makes_launch_raise(private_dirs: Path) -> None:
    _write_config(private_dirs, "[app]\ndesk = '前台1'\nfavourite_colour = 'red'\n")
    with pytest.raises(ConfigError, match="favourite_colour"):
        launch()


def test_unknown_setting_shows_one_message_box_and_fails(
    private_dirs: Path, message_boxes: list[tuple[str, str]]
) -> None:
    _write_config(private_dirs, "[app]\nfavourite_colour = 'red'\n")
    assert main([]) != 0
    assert len(message_boxes) == 1
    title, text = message_boxes[0]
    assert title
    assert "favourite_colour" in text
    assert "line 2" in text
    assert "Traceback" not in text


def test_explicit_config_path(tmp_path: Path, message_boxes: list[tuple[str, str]]) -> None:
    other = tmp_path / "elsewhere.toml"
    other.write_text("[nonsense]\n", encoding="utf-8")
    assert main(["--config", str(other)]) == 1
    assert "nonsense" in message_boxes[0][1]


# -- unusable databases -----------------------------------------------------


def _junk_database(config: Config) -> Path:
    path = config.data_dir / "frontdesk.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is a spreadsheet, not a database\x00" * 200)
    return path


def test_not_a_database_makes_launch_raise(gui_config: Config) -> None:
    _junk_database(gui_config)
    with pytest.raises(DatabaseError, match="不是"):
        launch(gui_config)


def test_not_a_database_shows_one_message_box(
    gui_config: Config, message_boxes: list[tuple[str, str]]
) -> None:
    _junk_database(gui_config)
    assert main([]) == 1
    assert len(message_boxes) == 1
    assert "not a database" in message_boxes[0][1]
    assert "Traceback" not in message_boxes[0][1]


def test_locked_database_login_says_so(
    qtbot: QtBot,
    start: Callable[[Config], LoginDialog],
    gui_config: Config,
    app_db: Database,
) -> None:
    path = gui_config.data_dir / "frontdesk.db"
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN EXCLUSIVE")
        # Reading still works through WAL, so the program starts ...
        dialog = start(gui_config)
        # ... and the first write (the login) reports the lock instead of crashing.
        type_login(qtbot, dialog, CASHIER[0], CASHIER[3])
        assert "占用" in dialog.message.text()
        assert dialog.isVisible() and dialog.button.isEnabled()
    finally:
        other.rollback()
        other.close()
    window = log_in(qtbot, dialog)  # once the other program lets go, login works
    assert isinstance(window, MainWindow)


def test_read_only_database_login_says_so(
    qtbot: QtBot,
    start: Callable[[Config], LoginDialog],
    gui_config: Config,
    app_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # chmod does not stop root, so open the file read-only through a SQLite URI.
    # Database() creates the URL's "parent directory" relative to the working
    # directory ("file:/..."), so work in tmp_path.
    monkeypatch.chdir(tmp_path)
    path = (gui_config.data_dir / "frontdesk.db").as_posix()
    app_db.dispose()
    gui_config.database.url = f"sqlite:///file:{path}?mode=ro&uri=true"
    dialog = start(gui_config)
    type_login(qtbot, dialog, CASHIER[0], CASHIER[3])
    assert "只读" in dialog.message.text()
    assert dialog.isVisible()


def test_read_only_database_that_needs_upgrading_makes_launch_raise(
    gui_config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = gui_config.data_dir / "frontdesk.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    sqlite3.connect(path).close()  # an empty, valid SQLite file
    gui_config.database.url = f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true"
    with pytest.raises(DatabaseError, match="只读"):
        launch(gui_config)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="file permissions do not stop root (and differ on Windows)",
)
def test_read_only_file_permissions(
    qtbot: QtBot,
    start: Callable[[Config], LoginDialog],
    gui_config: Config,
    app_db: Database,
) -> None:
    app_db.dispose()
    folder = gui_config.data_dir
    path = folder / "frontdesk.db"
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        dialog = start(gui_config)
        type_login(qtbot, dialog, CASHIER[0], CASHIER[3])
        assert "只读" in dialog.message.text() or "无法打开" in dialog.message.text()
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)


def test_unparsable_database_url_is_a_config_error(gui_config: Config) -> None:
    gui_config.database.url = "nonsense://"
    with pytest.raises(ConfigError, match=r"\[database\] url"):
        launch(gui_config)


# -- migrations -------------------------------------------------------------


def test_launch_migrates_a_new_database(
    start: Callable[[Config], LoginDialog], gui_config: Config
) -> None:
    start(gui_config)
    db = Database(gui_config.database_url)
    try:
        assert current_revision(db) == head_revision()
    finally:
        db.dispose()


def test_launch_backs_up_an_older_database_before_upgrading(
    start: Callable[[Config], LoginDialog], gui_config: Config
) -> None:
    db = Database(gui_config.database_url)
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    add_user(db, SYSTEM, *CASHIER[:3], CASHIER[3])
    db.dispose()
    if head_revision() == "0001":
        pytest.skip("only one migration exists")
    start(gui_config)
    backups = list((gui_config.data_dir / "backups").glob("*.db"))
    assert len(backups) == 1
    assert "0001" in backups[0].name
    check = sqlite3.connect(backups[0])
    try:
        assert check.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert check.execute("SELECT staff_no FROM staff").fetchall() == [("C001",)]
    finally:
        check.close()


@pytest.mark.parametrize("backup", [True, False])
def test_backup_setting_is_passed_to_upgrade(
    start: Callable[[Config], LoginDialog],
    gui_config: Config,
    monkeypatch: pytest.MonkeyPatch,
    backup: bool,
) -> None:
    calls: list[Path | None] = []

    def spy(db: Database, *, backup_dir: Path | None = None) -> object:
        calls.append(backup_dir)
        return upgrade(db, backup_dir=backup_dir)

    monkeypatch.setattr(app_module, "upgrade", spy)
    gui_config.database.backup_before_migrate = backup
    start(gui_config)
    assert calls == [gui_config.data_dir / "backups" if backup else None]


# -- demo mode ----------------------------------------------------------------


def test_demo_mode_lists_the_demo_accounts(
    qtbot: QtBot, start: Callable[[Config], LoginDialog], gui_config: Config
) -> None:
    demo_config = gui_config.for_demo()
    dialog = start(demo_config)
    table = dialog.demo_table
    assert table is not None and table.objectName() == "demoAccounts"
    model = table.model()
    assert model.rowCount() == len(DEMO_ACCOUNTS)
    shown = {
        tuple(model.index(row, col).data() for col in range(4)) for row in range(model.rowCount())
    }
    for account in DEMO_ACCOUNTS:
        assert any(account.staff_no == row[0] and account.password == row[3] for row in shown)
    assert not dialog.findChild(QWidget, "loginSetupHint").isVisible()
    assert "demo" in dialog.windowTitle().lower()
    # Choosing a row fills the fields; Enter logs in.
    cashier = next(i for i, a in enumerate(DEMO_ACCOUNTS) if a.role == "cashier")
    table.setFocus()
    table.setCurrentIndex(model.index(cashier, 0))
    assert dialog.user.text() == DEMO_ACCOUNTS[cashier].staff_no
    assert dialog.password.text() == DEMO_ACCOUNTS[cashier].password
    shell: Shell = dialog.shell  # type: ignore[attr-defined]
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(shell.window, MainWindow))
    window = shell.window
    assert isinstance(window, MainWindow)
    assert window.actor.staff_no == DEMO_ACCOUNTS[cashier].staff_no
    assert window.findChild(QWidget, "statusDemo") is not None
    # The demo lives in its own directory; the real database was never created.
    assert (demo_config.data_dir / "frontdesk-demo.db").is_file()
    assert not (gui_config.data_dir / "frontdesk.db").exists()


def test_main_demo_starts_and_quits(
    monkeypatch: pytest.MonkeyPatch,
    closes_shells: list[Shell],
    message_boxes: list[tuple[str, str]],
    private_dirs: Path,
) -> None:
    _write_config(private_dirs, "[app]\nlanguage = 'en'\n")
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    assert main(["--demo"]) == 0
    assert message_boxes == []
    assert len(closes_shells) == 1
    assert closes_shells[0].context.demo
    assert closes_shells[0].context.config.data_dir == private_dirs / "data" / "demo"
    # A second start reuses the demo database (ensure_demo is idempotent).
    assert main(["--demo"]) == 0
    assert len(closes_shells[1].context.demo_accounts) == len(DEMO_ACCOUNTS)
