"""The start-up pre-flight: a SQLAlchemy-free look at the SQLite file and its schema revision."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy.engine import make_url

from frontdesk.storage.database import Database, describe_db_error
from frontdesk.storage.migrate import alembic_config, head_revision, upgrade
from frontdesk.storage.preflight import HEAD_REVISION, State, inspect_sqlite, sqlite_file


def test_head_revision_constant_names_the_newest_migration() -> None:
    # Bump HEAD_REVISION in frontdesk/storage/preflight.py with every new migration:
    # otherwise a database still at the previous revision would start without its upgrade.
    assert head_revision() == HEAD_REVISION


def test_a_migrated_database_is_current(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{(tmp_path / 'f.db').as_posix()}")
    try:
        upgrade(db)
    finally:
        db.dispose()
    found = inspect_sqlite(tmp_path / "f.db")
    assert found.state is State.CURRENT and found.current
    assert found.revision == HEAD_REVISION


def test_an_older_database_needs_migrating(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{(tmp_path / 'f.db').as_posix()}")
    cfg = alembic_config()
    try:
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0001")
    finally:
        db.dispose()
    found = inspect_sqlite(tmp_path / "f.db")
    assert (found.state, found.revision) == (State.MIGRATE, "0001")


def test_missing_empty_and_unknown_files(tmp_path: Path) -> None:
    assert inspect_sqlite(tmp_path / "nothing.db").state is State.MISSING
    assert not (tmp_path / "nothing.db").exists()  # the pre-flight never creates it
    sqlite3.connect(tmp_path / "empty.db").close()
    assert inspect_sqlite(tmp_path / "empty.db").state is State.MIGRATE
    newer = sqlite3.connect(tmp_path / "newer.db")
    newer.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    newer.execute("INSERT INTO alembic_version VALUES ('9999')")
    newer.commit()
    newer.close()
    found = inspect_sqlite(tmp_path / "newer.db")
    assert (found.state, found.revision) == (State.MIGRATE, "9999")


def test_not_a_database_gets_the_usual_message(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is a spreadsheet, not a database\x00" * 200)
    found = inspect_sqlite(junk)
    assert found.state is State.UNUSABLE
    expected = describe_db_error(sqlite3.DatabaseError("file is not a database"))
    assert expected is not None and found.problem == expected


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///relative.db",
        "sqlite:////abs/dir/frontdesk.db",
        "sqlite:///C:/Users/张三/AppData/frontdesk.db",
        "sqlite:///a b#c.db",
        "sqlite+pysqlite:////x/y.db",
    ],
)
def test_sqlite_file_reads_urls_as_sqlalchemy_does(url: str) -> None:
    database = make_url(url).database
    assert database is not None
    assert sqlite_file(url) == Path(database)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///file:/x/f.db?mode=ro&uri=true",
        "sqlite:///x.db?timeout=3",
        "sqlite:///a%20b.db",
        "postgresql+psycopg://desk@db/frontdesk",
    ],
)
def test_urls_left_to_the_full_start_up(url: str) -> None:
    assert sqlite_file(url) is None
