"""Consistent copies of a live SQLite database, and putting one back.

Both directions use SQLite's online backup API, so other counters may keep
the database open: readers see either the old or the new content, never a mix.
PostgreSQL installations back up with the server's own tools (pg_dump).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from frontdesk.errors import DatabaseError, ValidationError
from frontdesk.storage.database import Database, translate_errors

REQUIRED_TABLES = frozenset({"alembic_version", "staff", "audit_event", "audit_head", "household"})


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup file holds."""

    path: Path
    revision: str
    staff: int
    households: int
    audit_events: int


def _live_path(db: Database) -> Path:
    path = db.sqlite_path
    if path is None:
        raise DatabaseError(
            "备份/恢复只适用于内置的 SQLite 数据库；PostgreSQL 请使用 pg_dump / pg_restore。"
            "(Backup and restore work on the embedded SQLite database; use pg_dump for PostgreSQL.)"
        )
    return path


def backup(db: Database, out: Path) -> BackupInfo:
    """Write a consistent copy of the live database to ``out`` (must not exist yet)."""
    src_path = _live_path(db)
    if out.exists():
        raise ValidationError(f"{out} 已存在，不会覆盖。(Refusing to overwrite an existing file.)")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".partial")
    tmp.unlink(missing_ok=True)
    with (
        translate_errors(),
        closing(sqlite3.connect(src_path)) as src,
        closing(sqlite3.connect(tmp)) as dst,
    ):
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    tmp.replace(out)
    return inspect_backup(out)


def backup_before_migration(db: Database, backup_dir: Path, revision: str) -> Path:
    """Copy the database aside before a schema upgrade; returns the copy's path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = backup_dir / f"frontdesk-before-upgrade-from-{revision}-{stamp}.db"
    n = 1
    while out.exists():
        out = backup_dir / f"frontdesk-before-upgrade-from-{revision}-{stamp}-{n}.db"
        n += 1
    backup(db, out)
    return out


def inspect_backup(path: Path) -> BackupInfo:
    """Check that ``path`` is an intact frontdesk database; raise ValidationError if not."""
    if not path.is_file():
        raise ValidationError(f"找不到备份文件 {path}。(No such file.)")
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise ValidationError(
                f"{path} 不是 frontdesk 备份文件（不是 SQLite 数据库）。(Not a frontdesk backup.)"
            )
    try:
        with closing(sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)) as conn:
            check = conn.execute("PRAGMA integrity_check").fetchone()
            if not check or check[0] != "ok":
                raise ValidationError(f"{path} 已损坏（完整性检查失败）。(Integrity check failed.)")
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            missing = REQUIRED_TABLES - tables
            if missing:
                raise ValidationError(
                    f"{path} 不是 frontdesk 备份文件（缺少表：{', '.join(sorted(missing))}）。(Not a frontdesk backup.)"
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if row is None:
                raise ValidationError(
                    f"{path} 不是 frontdesk 备份文件（没有版本信息）。(Not a frontdesk backup.)"
                )
            counts = [
                conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("staff", "household", "audit_event")
            ]
    except sqlite3.DatabaseError as exc:
        raise ValidationError(
            f"{path} 不是 frontdesk 备份文件（{exc}）。(Not a frontdesk backup.)"
        ) from exc
    return BackupInfo(path, str(row[0]), int(counts[0]), int(counts[1]), int(counts[2]))


def restore(db: Database, backup_file: Path, safety_dir: Path) -> tuple[BackupInfo, Path | None]:
    """Replace the live database's content with a checked backup.

    The current content is first copied to ``safety_dir`` so a restore can be
    undone. A backup made by a newer frontdesk (unknown revision) is refused.

    Returns:
        The restored backup's info, and the path of the safety copy (None when
        there was no database yet).
    """
    from frontdesk.storage.migrate import known_revisions

    info = inspect_backup(backup_file)
    if info.revision not in known_revisions():
        raise ValidationError(
            f"备份来自更新版本的 frontdesk（版本 {info.revision}），请先升级程序。"
            "(The backup comes from a newer frontdesk.)"
        )
    live = _live_path(db)
    safety: Path | None = None
    if live.exists() and live.stat().st_size > 0:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        safety = safety_dir / f"frontdesk-before-restore-{stamp}.db"
        n = 1
        while safety.exists():
            safety = safety_dir / f"frontdesk-before-restore-{stamp}-{n}.db"
            n += 1
        backup(db, safety)
    db.dispose()
    with (
        translate_errors(),
        closing(sqlite3.connect(f"file:{backup_file.as_posix()}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(live)) as dst,
    ):
        src.backup(dst)
    return info, safety
