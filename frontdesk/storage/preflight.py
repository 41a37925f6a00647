"""A quick look at a SQLite database before SQLAlchemy and Alembic are loaded.

The program's start-up asks one question here with the standard ``sqlite3``
module: is the database file there, readable, and already at the newest
schema? Only then may the login dialog be shown before the (slow to import)
database machinery is ready. Every other answer sends start-up down the full
path (open with SQLAlchemy, check, back up, migrate), which also produces the
error messages.

``HEAD_REVISION`` must name the newest Alembic migration
(``frontdesk/storage/migrations/versions``). Left at the previous revision, a
database still at that revision would look current and start without its
upgrade, so ``tests/unit/test_preflight.py`` compares it with
``frontdesk.storage.migrate.head_revision()`` and fails until it is bumped.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from frontdesk.storage.messages import describe_db_error

HEAD_REVISION = "0007"
"""The newest migration's revision id (bump it with every new migration)."""

_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")


class State(Enum):
    """What the pre-flight found."""

    CURRENT = "current"  # an existing database at HEAD_REVISION
    MISSING = "missing"  # no file yet: it is created and migrated at start-up
    MIGRATE = "migrate"  # empty, older, newer or branched schema: Alembic decides
    UNUSABLE = "unusable"  # sqlite3 could not read it (see ``problem``)


@dataclass(frozen=True)
class Preflight:
    """The pre-flight's answer.

    Attributes:
        state: what was found.
        revision: the schema revision read from ``alembic_version`` (if any).
        problem: for ``UNUSABLE``, the same message ``describe_db_error``
            gives (or the driver's own text when it has none).
    """

    state: State
    revision: str | None = None
    problem: str | None = None

    @property
    def current(self) -> bool:
        return self.state is State.CURRENT


def sqlite_file(url: str) -> Path | None:
    """The file behind a plain SQLite URL (``sqlite:///path``), else None.

    None also for URLs this module does not try to interpret the way
    SQLAlchemy would: other databases, in-memory databases, SQLite URI
    filenames (``file:…``), query strings and percent-escapes.
    """
    prefix = next((p for p in _PREFIXES if url.startswith(p)), None)
    if prefix is None:
        return None
    name = url[len(prefix) :]
    if not name or name == ":memory:" or name.startswith("file:") or any(c in name for c in "?%"):
        return None
    return Path(name)


def inspect_sqlite(path: Path, *, timeout_s: float = 5.0) -> Preflight:
    """Read the schema revision of the SQLite database at ``path`` without changing it.

    Never raises for a database problem: an unreadable file is reported as
    ``State.UNUSABLE`` with the message the user would see.
    """
    if not path.is_file():
        return Preflight(State.MISSING)
    try:
        # mode=rw: never create the file (a read-only file still opens, read-only).
        uri = path.absolute().as_uri() + "?mode=rw"
        conn = sqlite3.connect(uri, uri=True, timeout=timeout_s, isolation_level=None)
    except (sqlite3.Error, ValueError) as exc:
        return Preflight(State.UNUSABLE, problem=describe_db_error(exc) or str(exc))
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_table:
            return Preflight(State.MIGRATE)
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error as exc:
        return Preflight(State.UNUSABLE, problem=describe_db_error(exc) or str(exc))
    finally:
        conn.close()
    if len(rows) != 1:
        return Preflight(State.MIGRATE)
    revision = str(rows[0][0])
    return Preflight(State.CURRENT if revision == HEAD_REVISION else State.MIGRATE, revision)
