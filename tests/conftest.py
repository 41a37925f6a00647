"""Root fixtures: offscreen Qt, private directories, and databases on SQLite and PostgreSQL."""

from __future__ import annotations

import os

# Must happen before any QApplication exists.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "0")

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import frontdesk.ui  # noqa: F401  (applies the PySide6 reference-count workaround first)
from frontdesk.config import Config, load
from frontdesk.services.users import SYSTEM, Actor, add_user
from frontdesk.storage.database import Database
from frontdesk.storage.migrate import upgrade

PG_URL = os.environ.get("FRONTDESK_TEST_PG_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every standard directory and frontdesk variable into tmp_path."""
    home = tmp_path / "home"
    for sub in ("config", "data", "cache", "state"):
        (home / sub).mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("FRONTDESK_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("FRONTDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("FRONTDESK_DATABASE_URL", raising=False)
    return tmp_path


@pytest.fixture
def config(private_dirs: Path) -> Config:
    return load()


def _fresh_pg_url() -> tuple[str, str]:
    schema = "t_" + uuid.uuid4().hex[:12]
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}", schema


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, private_dirs: Path) -> Iterator[str]:
    """An empty database URL: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield "sqlite:///" + (private_dirs / "data" / "test.db").as_posix()
        return
    url, schema = _fresh_pg_url()
    yield url
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture
def empty_db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def db(empty_db: Database) -> Database:
    """A migrated database on every backend under test."""
    upgrade(empty_db)
    return empty_db


@pytest.fixture
def sqlite_db(private_dirs: Path) -> Iterator[Database]:
    """A migrated SQLite database only (for SQLite-specific behaviour)."""
    database = Database("sqlite:///" + (private_dirs / "data" / "frontdesk.db").as_posix())
    upgrade(database)
    yield database
    database.dispose()


@pytest.fixture
def admin(db: Database) -> Actor:
    add_user(db, SYSTEM, "A001", "管理员", "admin", "admin-pass")
    return Actor("A001", "管理员", "admin")
