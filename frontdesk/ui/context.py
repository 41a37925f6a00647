"""What every window needs: settings, the database, and its task runner."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QTimer

from frontdesk.config import Config
from frontdesk.services.actors import Actor, LoginPolicy
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP
from frontdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from frontdesk.storage.database import Database

log = logging.getLogger(__name__)

WARM_UP_DELAY_MS = 100
"""``AppContext.warm_up`` starts when the event loop first goes idle, or after this long."""

WARM_UP_WAIT_S = 2.0
"""… or, if the event loop does not run at all, after this long."""

# English role names; the Chinese catalogue translates them to ROLE_NAMES
# (tests/ui/test_translations.py keeps the two in step).
ROLE_TITLES = {
    "clerk": QT_TRANSLATE_NOOP("Roles", "Reception clerk"),
    "cashier": QT_TRANSLATE_NOOP("Roles", "Cashier"),
    "supervisor": QT_TRANSLATE_NOOP("Roles", "Supervisor"),
    "admin": QT_TRANSLATE_NOOP("Roles", "Administrator"),
}


def role_title(role: str) -> str:
    """The role's name in the interface language (客服专员, 收费员, 主管, 管理员)."""
    source = ROLE_TITLES.get(role)
    return QCoreApplication.translate("Roles", source) if source else role


class LazyDatabase:
    """A ``Database`` opened on first use, by whichever thread asks first, exactly once.

    Start-up uses it when the database is known to be ready (see
    ``frontdesk.storage.preflight``) so that the login dialog shows before
    SQLAlchemy is even imported. If opening fails, the next ``get`` tries again.
    """

    def __init__(self, opener: Callable[[], Database]) -> None:
        self._opener = opener
        self._db: Database | None = None
        self._lock = threading.Lock()

    @property
    def opened(self) -> Database | None:
        """The database if it has been opened, else None (never opens it)."""
        return self._db

    def get(self) -> Database:
        """The database, opening it now if nobody has yet (blocks while another thread does)."""
        db = self._db
        if db is not None:
            return db
        with self._lock:
            if self._db is None:
                self._db = self._opener()
            return self._db


class AppContext:
    """The process-wide things a window works with.

    Widgets never open sessions themselves: they hand service calls to
    ``tasks`` (one worker for the database) and get the result back on the
    GUI thread.

    ``db`` may be given as a ``LazyDatabase``: it is then opened the first
    time ``db`` is read, normally on the worker by ``warm_up``. Work for the
    worker that needs the database should read ``context.db`` on the worker,
    not when the job is submitted, so the GUI thread never waits for it.
    """

    def __init__(
        self,
        config: Config,
        db: Database | LazyDatabase,
        tasks: TaskRunner,
        demo_accounts: Sequence[Any] = (),
        log_file: Path | None = None,
    ) -> None:
        self.config = config
        self._db = db
        self.tasks = tasks
        self.demo_accounts: Sequence[Any] = list(demo_accounts)
        self.log_file = log_file
        self._closing = False
        self._warm_gate = threading.Event()
        self._gate_dispatcher: QAbstractEventDispatcher | None = None

    @property
    def db(self) -> Database:
        """The database (a lazily opened one is opened on first use, which may block)."""
        db = self._db
        return db.get() if isinstance(db, LazyDatabase) else db

    @property
    def db_opened(self) -> bool:
        """False while a lazily opened database has not been opened yet."""
        db = self._db
        return db.opened is not None if isinstance(db, LazyDatabase) else True

    @property
    def desk(self) -> str:
        return self.config.app.desk

    @property
    def demo(self) -> bool:
        return self.config.demo

    def warm_up(self) -> None:
        """Open a lazily opened database on the worker once the first window is up.

        The job is queued now, so work submitted later runs after it. It waits
        until the GUI thread's event loop first runs out of work (the window
        has been shown and painted; at most ``WARM_UP_DELAY_MS``), so that its
        imports (SQLAlchemy, the models: most of a second) do not hold the
        interpreter lock while the window is being shown. It also imports the
        services that the login and the administrator check run.
        """
        if self.db_opened:
            return
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None:
            dispatcher.aboutToBlock.connect(self._open_warm_gate)
            self._gate_dispatcher = dispatcher
        # For event loops that never block (processEvents() in a loop).
        QTimer.singleShot(WARM_UP_DELAY_MS, self._open_warm_gate)
        self.tasks.submit(self._warm, on_error=self._warm_failed)

    def _open_warm_gate(self) -> None:
        self._warm_gate.set()
        dispatcher, self._gate_dispatcher = self._gate_dispatcher, None
        if dispatcher is not None:
            dispatcher.aboutToBlock.disconnect(self._open_warm_gate)

    def _warm(self) -> None:
        self._warm_gate.wait(WARM_UP_WAIT_S)
        if self._closing:
            return
        if isinstance(self._db, LazyDatabase):
            self._db.get()
        import frontdesk.services.users  # noqa: F401  (what the login and admin check run)

    @staticmethod
    def _warm_failed(error: BaseException) -> None:
        # The login reports the problem to the person; here it is only logged.
        log.warning("opening the database in the background failed: %s", error)

    def login_policy(self) -> LoginPolicy:
        """The login lockout and password rules from the settings."""
        security = self.config.security
        return LoginPolicy(
            max_failed=security.max_failed_logins,
            lockout=timedelta(minutes=security.lockout_minutes),
            min_password_length=security.min_password_length,
        )

    def database_location(self) -> str:
        """Where the data lives, for people: the SQLite file, or server and database name.

        Never includes a password.
        """
        url = self.db.url
        path = self.db.sqlite_path
        if self.db.is_sqlite:
            return str(path.resolve()) if path is not None else str(url.database or ":memory:")
        host = url.host or "localhost"
        if url.port:
            host = f"{host}:{url.port}"
        user = f"{url.username}@" if url.username else ""
        return f"{url.get_backend_name()}://{user}{host}/{url.database or ''}"

    def close(self) -> None:
        """Finish queued database work, then release the database."""
        self._closing = True
        self._open_warm_gate()
        self.tasks.shutdown(wait=True)
        db = self._db
        opened = db.opened if isinstance(db, LazyDatabase) else db
        if opened is not None:
            opened.dispose()


@dataclass(frozen=True)
class ScreenContext:
    """What a screen's factory gets: the application context and who is logged in."""

    app: AppContext
    actor: Actor

    @property
    def config(self) -> Config:
        return self.app.config

    @property
    def db(self) -> Database:
        return self.app.db

    @property
    def tasks(self) -> TaskRunner:
        return self.app.tasks
