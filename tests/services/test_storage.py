"""Migrations match the models; SQLite is set up safely; unusable databases say why."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from frontdesk.errors import DatabaseError
from frontdesk.storage.database import Database
from frontdesk.storage.migrate import current_revision, head_revision, needs_upgrade, upgrade
from frontdesk.storage.models import Base


def test_migrations_build_exactly_the_models(empty_db: Database) -> None:
    result = upgrade(empty_db)
    assert result.before is None and result.after == head_revision()
    with empty_db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_upgrade_twice_is_harmless(db: Database) -> None:
    again = upgrade(db)
    assert not again.changed
    assert not needs_upgrade(db)
    assert current_revision(db) == head_revision()


def test_sqlite_pragmas(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_foreign_keys_are_enforced(sqlite_db: Database) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), sqlite_db.begin() as s:
        s.execute(
            text(
                "INSERT INTO household (room_id, occupied, created_at, updated_at) VALUES (999, 1, '2026-01-01', '2026-01-01')"
            )
        )


def test_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is a spreadsheet, not a database" * 100)
    db = Database("sqlite:///" + junk.as_posix())
    with pytest.raises(DatabaseError, match="不是 frontdesk 数据库"):
        db.check()


def test_locked_database_says_so(sqlite_db: Database) -> None:
    path = sqlite_db.sqlite_path
    assert path is not None
    other = Database("sqlite:///" + path.as_posix(), busy_timeout_ms=100)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseError, match="占用"), other.begin() as s:
            s.execute(text("UPDATE audit_head SET last_id = last_id"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        other.dispose()


def test_read_only_database_says_so(sqlite_db: Database) -> None:
    path = sqlite_db.sqlite_path
    assert path is not None
    sqlite_db.dispose()
    ro = Database(f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true")
    with pytest.raises(DatabaseError, match="只读"), ro.begin() as s:
        s.execute(text("UPDATE audit_head SET last_id = last_id"))
    ro.dispose()


def test_sqlite_is_backed_up_before_an_upgrade(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Pretend the file is one revision behind; the upgrade itself is then a no-op.
    from frontdesk.storage import migrate

    real = migrate.current_revision
    calls = iter(["0000"])
    monkeypatch.setattr(migrate, "current_revision", lambda db: next(calls, None) or real(db))
    result = upgrade(sqlite_db, backup_dir=tmp_path / "backups")
    assert result.backup is not None and result.backup.is_file()
    assert "before-upgrade-from-0000" in result.backup.name
    conn = sqlite3.connect(result.backup)
    assert conn.execute("SELECT count(*) FROM audit_head").fetchone() == (1,)
    conn.close()
