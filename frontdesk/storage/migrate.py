"""Create or upgrade the schema with Alembic, backing SQLite up first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from frontdesk.storage.database import Database, translate_errors

MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass(frozen=True)
class UpgradeResult:
    """What ``upgrade`` did: the revisions before and after, and any backup it made."""

    before: str | None
    after: str | None
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def alembic_config() -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    """Every revision this version of frontdesk knows how to handle."""
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(db: Database) -> str | None:
    with translate_errors(), db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(db: Database) -> bool:
    return current_revision(db) != head_revision()


def upgrade(db: Database, *, backup_dir: Path | None = None) -> UpgradeResult:
    """Bring the schema to the newest revision.

    When the database is an existing SQLite file that is behind and
    ``backup_dir`` is given, a consistent copy is written there first.
    """
    before = current_revision(db)
    head = head_revision()
    backup = None
    if before == head:
        return UpgradeResult(before, before, None)
    if before is not None and backup_dir is not None and db.sqlite_path is not None:
        from frontdesk.services.backup import backup_before_migration

        backup = backup_before_migration(db, backup_dir, before)
    cfg = alembic_config()
    with translate_errors(), db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return UpgradeResult(before, head, backup)
