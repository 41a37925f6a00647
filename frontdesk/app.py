"""QApplication bootstrap: settings → logging, language → database → login → main window.

``launch(config)`` does everything up to showing the login dialog and returns
it without entering the event loop (tests drive the GUI from there);
``main()`` adds the command line, the start-up error box and ``exec()``.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from frontdesk import __version__
from frontdesk.config import Config, load
from frontdesk.errors import ConfigError, DatabaseError, FrontdeskError
from frontdesk.logs import log_file, setup_logging
from frontdesk.storage import preflight
from frontdesk.storage.messages import describe_db_error
from frontdesk.ui import pyside_fixes
from frontdesk.ui.context import AppContext, LazyDatabase
from frontdesk.ui.errors import install_excepthook
from frontdesk.ui.i18n import install_translations
from frontdesk.ui.shell import Shell
from frontdesk.ui.tasks import TaskRunner

# SQLAlchemy and Alembic take longer to import than the rest of the program
# together, so they are imported only when needed: at once for a database that
# must be created or migrated, else on the worker after the login dialog shows.
if TYPE_CHECKING:
    import argparse

    from frontdesk.storage.database import Database
    from frontdesk.storage.migrate import UpgradeResult

log = logging.getLogger("frontdesk.app")

APP_NAME = "frontdesk"


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication: the existing one (tests, embedding) or a new one."""
    existing = QApplication.instance()
    if existing is not None:
        if not isinstance(existing, QApplication):
            raise RuntimeError("a QCoreApplication without widgets already exists")
        app = existing
    else:
        app = QApplication(list(argv) if argv else [sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def launch(config: Config | None = None) -> QWidget:
    """Set everything up and show the login dialog, without entering the event loop.

    Sets up logging, the interface language and the crash handler; opens the
    database and brings its schema up to date (an existing SQLite file is
    backed up first when ``[database] backup_before_migrate`` is on); in demo
    mode creates the demo data. The returned dialog's ``shell`` attribute is
    the ``frontdesk.ui.shell.Shell`` that manages the windows from then on.

    A SQLite file already at the newest schema (the usual case) is checked
    with ``frontdesk.storage.preflight`` only; the dialog is then shown at
    once and the database opened on the worker thread (``AppContext.warm_up``)
    while the person types. Anything else is opened, checked and migrated
    here, before the dialog.

    Args:
        config: the settings; ``None`` reads them with ``frontdesk.config.load()``.

    Raises:
        ConfigError: the settings are unusable (also an unparsable database URL).
        DatabaseError: the database cannot be opened, read or upgraded.
    """
    app = application()
    if config is None:
        config = load()
    path = setup_logging(config)
    language = install_translations(app, config.app.language)
    install_excepthook()
    if pyside_fixes.leaking:
        log.info(
            "PySide6 reference-count workaround active for %s", ", ".join(pyside_fixes.leaking)
        )
    log.info(
        "frontdesk %s starting (desk %s, language %s%s)",
        __version__,
        config.app.desk,
        language,
        ", demo" if config.demo else "",
    )
    ready = _ready_sqlite_file(config)
    if ready is not None:
        db: Database | LazyDatabase = LazyDatabase(lambda: _open_ready_database(config, ready))
        accounts: list[Any] = []
    else:
        db, accounts = open_database(config)
    context = AppContext(config, db, TaskRunner("db"), accounts, path)
    shell = Shell(context, parent=app)
    app.aboutToQuit.connect(shell.close)
    context.warm_up()  # before the dialog queues its first database job
    return shell.show_login()


def _ready_sqlite_file(config: Config) -> Path | None:
    """The SQLite file, if it can be used without migrating or creating anything, else None."""
    if config.demo:  # the demo data is checked (and created) at start-up
        return None
    path = preflight.sqlite_file(config.database_url)
    if path is None:
        return None
    found = preflight.inspect_sqlite(path, timeout_s=config.database.busy_timeout_ms / 1000)
    if not found.current:
        log.info(
            "database %s: %s%s",
            path,
            found.state.value,
            f" ({found.problem})" if found.problem else "",
        )
        return None
    return path


def _open_ready_database(config: Config, path: Path) -> Database:
    """Open a database the pre-flight found ready (on the worker, or on first use)."""
    from frontdesk.storage.database import Database

    db = Database(config.database_url, busy_timeout_ms=config.database.busy_timeout_ms)
    log.info("database %s (schema %s)", path, preflight.HEAD_REVISION)
    return db


def upgrade(db: Database, *, backup_dir: Path | None = None) -> UpgradeResult:
    """``frontdesk.storage.migrate.upgrade``, imported when first needed (Alembic is slow to load)."""
    from frontdesk.storage.migrate import upgrade as migrate_upgrade

    return migrate_upgrade(db, backup_dir=backup_dir)


def open_database(config: Config) -> tuple[Database, list[Any]]:
    """Open and check the database, migrate it, and in demo mode fill it.

    Returns:
        The database and the demo accounts (empty outside demo mode).

    Raises:
        ConfigError, DatabaseError: as for ``launch``.
    """
    from alembic.util import CommandError
    from sqlalchemy.exc import ArgumentError

    from frontdesk.storage.database import Database

    try:
        db = Database(config.database_url, busy_timeout_ms=config.database.busy_timeout_ms)
    except ArgumentError as exc:
        raise ConfigError(f"[database] url: {exc}") from exc
    except ImportError as exc:
        raise ConfigError(
            f"[database] url: 缺少数据库驱动程序 {exc.name or exc}。(Database driver not installed.)"
        ) from exc
    try:
        db.check()
        log.info("database %s", db.url.render_as_string(hide_password=True))
        accounts: list[Any] = []
        if config.demo:
            upgrade(db)
            from frontdesk.services.demo import ensure_demo

            accounts = list(ensure_demo(db))
        else:
            backups = config.data_dir / "backups" if config.database.backup_before_migrate else None
            result = upgrade(db, backup_dir=backups)
            if result.changed:
                log.info(
                    "database upgraded from %s to %s (backup: %s)",
                    result.before,
                    result.after,
                    result.backup,
                )
    except CommandError as exc:
        db.dispose()
        raise DatabaseError(
            f"数据库结构无法升级：{exc}。它可能来自更新版本的 frontdesk。(Cannot upgrade the database schema.)"
        ) from exc
    except (OSError, sqlite3.Error) as exc:
        # Raised by the backup before a migration (it works with sqlite3 directly).
        db.dispose()
        reason = describe_db_error(exc) or str(exc)
        raise DatabaseError(
            f"升级前无法备份数据库：{reason}(Backup before upgrade failed.)"
        ) from exc
    except BaseException:
        db.dispose()
        raise
    return db, accounts


def show_startup_error(error: BaseException) -> None:
    """The one message box shown when the program cannot start."""
    from PySide6.QtWidgets import QMessageBox

    if isinstance(error, ConfigError):
        lead = QCoreApplication.translate("Startup", "The settings file contains a mistake:")
        advice = QCoreApplication.translate(
            "Startup", "Correct the setting (or remove it to use the default) and start again."
        )
    elif isinstance(error, DatabaseError):
        lead = QCoreApplication.translate("Startup", "The database cannot be used:")
        advice = QCoreApplication.translate(
            "Startup", "Check the database file or server and start again."
        )
    elif isinstance(error, FrontdeskError):
        lead = QCoreApplication.translate("Startup", "The program cannot start:")
        advice = ""
    else:
        lead = QCoreApplication.translate("Startup", "An unexpected error stopped the program:")
        advice = ""
    if isinstance(error, FrontdeskError):
        error_text = str(error)
    else:
        error_text = f"{type(error).__name__}: {error}"
    text = f"{lead}\n\n{error_text}"
    if advice:
        text += f"\n\n{advice}"
    where = log_file()
    if where is not None and not isinstance(error, ConfigError):
        text += "\n\n" + QCoreApplication.translate("Startup", "Log file:") + f" {where}"
    QMessageBox.critical(
        None, QCoreApplication.translate("Startup", "Front desk cannot start"), text
    )


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(prog="frontdesk", description="front-desk software")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run on a separate demo database with sample data and demo accounts",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="settings file (default: FRONTDESK_CONFIG or config.toml in the user config dir)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The ``frontdesk`` GUI entry point: ``launch()`` + ``exec()``.

    Returns:
        The exit code: 0 after a normal quit, 1 when the program could not start.
    """
    args, qt_args = build_parser().parse_known_args(argv)
    program = sys.argv[0] if sys.argv else APP_NAME
    app = application([program, *qt_args])
    # Until the settings are read, the message box follows the system language.
    install_translations(app, "auto")
    try:
        config = load(args.config)
        if args.demo:
            config = config.for_demo()
        window = launch(config)
    except FrontdeskError as exc:
        log.error("cannot start: %s", exc)
        show_startup_error(exc)
        return 1
    except Exception as exc:
        log.exception("cannot start")
        show_startup_error(exc)
        return 1
    shell: Shell = window.shell  # type: ignore[attr-defined]
    shell.quitRequested.connect(app.quit)
    previous = qInstallMessageHandler(_qt_message)
    try:
        return int(app.exec())
    finally:
        qInstallMessageHandler(previous)
        shell.close()


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


if __name__ == "__main__":
    sys.exit(main())
