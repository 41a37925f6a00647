"""Engine and session setup for SQLite (embedded default) and PostgreSQL.

One ``Database`` per process. Each user action opens its own session:
``with db.begin() as s:`` for anything that writes (on SQLite this takes the
write lock up front with ``BEGIN IMMEDIATE``, so two desks never interleave a
read-then-write), ``with db.read() as s:`` for lookups.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.errors import DatabaseError
from frontdesk.storage.messages import describe_db_error as describe_db_error

_IMMEDIATE = "frontdesk_immediate"


class Database:
    """An engine plus the two kinds of session the application uses."""

    def __init__(self, url: str, *, busy_timeout_ms: int = 5000, echo: bool = False) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite:
            _prepare_sqlite_file(self.sqlite_path)
            self.engine = create_engine(
                url,
                echo=echo,
                connect_args={"timeout": busy_timeout_ms / 1000, "isolation_level": None},
            )
            _install_sqlite_hooks(self.engine, busy_timeout_ms)
        else:
            self.engine = create_engine(url, echo=echo, pool_pre_ping=True)
        self._write = sessionmaker(
            bind=self.engine.execution_options(**{_IMMEDIATE: True}), expire_on_commit=False
        )
        self._read = sessionmaker(bind=self.engine, expire_on_commit=False)

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file, or None for PostgreSQL or an in-memory database."""
        name = self.url.database
        if not self.is_sqlite or not name or name == ":memory:":
            return None
        if name.startswith("file:"):  # a URI filename (?uri=true), e.g. file:/x.db?mode=ro
            name = name.removeprefix("file:").split("?", 1)[0]
            if name.startswith("///"):
                name = name[2:]
        return Path(name)

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """A write transaction: commits on success, rolls back on any exception."""
        with translate_errors(), self._write.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end)."""
        with translate_errors(), self._read() as session:
            yield session

    def check(self) -> None:
        """Open a connection and read the schema; raise DatabaseError if unusable."""
        with translate_errors(), self.engine.connect() as conn:
            if self.is_sqlite:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            else:
                conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()


def _prepare_sqlite_file(path: Path | None) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)


def _install_sqlite_hooks(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cur.execute("PRAGMA foreign_keys = ON")
            mode = cur.execute("PRAGMA journal_mode").fetchone()
            if mode and str(mode[0]).lower() != "wal":
                # A read-only file or directory stays in its current mode.
                with contextlib.suppress(sqlite3.OperationalError):
                    cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(_IMMEDIATE):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn driver failures about the database itself into a clear DatabaseError."""
    try:
        yield
    except sqlite3.Error as exc:  # raw sqlite3 use (backup API)
        message = describe_db_error(exc)
        if message is None:
            raise
        raise DatabaseError(message) from exc
    except (OperationalError, DBAPIError) as exc:
        message = describe_db_error(exc)
        if message is None:
            raise
        raise DatabaseError(message) from exc
