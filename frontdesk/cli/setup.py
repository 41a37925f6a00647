"""``frontdesk-admin init``: create or upgrade the database and the first administrator."""

from __future__ import annotations

import argparse
from typing import Any

from frontdesk.cli.common import config_from, open_database, read_password
from frontdesk.errors import ValidationError
from frontdesk.services.users import SYSTEM, LoginPolicy, add_user, has_admin
from frontdesk.storage.migrate import upgrade
from frontdesk.storage.models import Staff


def register(sub: Any) -> None:
    p = sub.add_parser(
        "init", help="create or upgrade the database; optionally add the first administrator"
    )
    p.add_argument("--admin", metavar="STAFFNO", help="staff number of the first administrator")
    p.add_argument("--name", help="the administrator's name (with --admin)")
    p.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    if bool(args.name) != bool(args.admin):
        raise ValidationError("--admin 和 --name 需要一起使用。(--admin and --name go together.)")
    db = open_database(config)
    try:
        result = upgrade(db, backup_dir=config.data_dir / "backups")
        where = db.sqlite_path or db.url.render_as_string(hide_password=True)
        if result.before is None:
            print(f"数据库已创建（版本 {result.after}）：{where}")
        elif result.changed:
            print(f"数据库已从版本 {result.before} 升级到 {result.after}：{where}")
            if result.backup:
                print(f"升级前的备份：{result.backup}")
        else:
            print(f"数据库已是最新版本（{result.after}），无需更改：{where}")
        if args.admin:
            _ensure_admin(db, args, config.security.min_password_length)
        elif not has_admin(db):
            print(
                "提示：还没有管理员账号。运行 frontdesk-admin init --admin 工号 --name 姓名 创建。"
            )
    finally:
        db.dispose()
    return 0


def _ensure_admin(db: Any, args: argparse.Namespace, min_len: int) -> None:
    from sqlalchemy import select

    with db.read() as s:
        existing = s.scalar(select(Staff).where(Staff.staff_no == args.admin))
    if existing is not None:
        print(f"账号 {args.admin}（{existing.name}，{existing.role}）已存在，未做更改。")
        return
    password = read_password(args)
    add_user(
        db,
        SYSTEM,
        args.admin,
        args.name,
        "admin",
        password,
        LoginPolicy(min_password_length=min_len),
    )
    print(f"已创建管理员 {args.admin}（{args.name}）。")
