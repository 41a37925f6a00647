"""What every window needs: settings, the database, and its task runner."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from frontdesk.config import Config
from frontdesk.services.users import Actor, LoginPolicy
from frontdesk.storage.database import Database
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP
from frontdesk.ui.tasks import TaskRunner

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


@dataclass
class AppContext:
    """The process-wide things a window works with.

    Widgets never open sessions themselves: they hand service calls to
    ``tasks`` (one worker for the database) and get the result back on the
    GUI thread.
    """

    config: Config
    db: Database
    tasks: TaskRunner
    demo_accounts: Sequence[Any] = field(default_factory=list)
    log_file: Path | None = None

    @property
    def desk(self) -> str:
        return self.config.app.desk

    @property
    def demo(self) -> bool:
        return self.config.demo

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
        self.tasks.shutdown(wait=True)
        self.db.dispose()


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
