"""Helpers shared by the CLI command modules."""

from __future__ import annotations

import argparse
import getpass
import sys

from frontdesk.config import Config, load
from frontdesk.errors import DatabaseError, ValidationError
from frontdesk.storage.database import Database
from frontdesk.storage.migrate import current_revision, head_revision


def config_from(args: argparse.Namespace) -> Config:
    return load(getattr(args, "config", None))


def open_database(config: Config) -> Database:
    """Open the configured database and check that it is usable (not necessarily migrated)."""
    db = Database(config.database_url, busy_timeout_ms=config.database.busy_timeout_ms)
    db.check()
    return db


def open_ready_database(config: Config) -> Database:
    """Open the database and insist that its schema is current."""
    db = open_database(config)
    current = current_revision(db)
    if current is None:
        raise DatabaseError(
            "数据库尚未初始化，请先运行 frontdesk-admin init。(Database not initialised: run 'frontdesk-admin init'.)"
        )
    if current != head_revision():
        raise DatabaseError(
            "数据库版本较旧，请先运行 frontdesk-admin init 升级。(Database needs upgrading: run 'frontdesk-admin init'.)"
        )
    return db


def read_password(args: argparse.Namespace, prompt: str = "Password: ") -> str:
    """Password from stdin (``--password-stdin``) or an interactive prompt asked twice."""
    if getattr(args, "password_stdin", False):
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            raise ValidationError("没有从标准输入读到密码。(No password on standard input.)")
        return password
    if not sys.stdin.isatty():
        raise ValidationError(
            "需要密码：请在终端中运行，或使用 --password-stdin。(Use --password-stdin when not on a terminal.)"
        )
    first = getpass.getpass(prompt)
    second = getpass.getpass("Repeat password: ")
    if first != second:
        raise ValidationError("两次输入的密码不一致。(Passwords do not match.)")
    return first
