"""``frontdesk-admin users add|list|disable|enable|passwd``: staff accounts."""

from __future__ import annotations

import argparse
from typing import Any

from frontdesk.cli.common import config_from, open_ready_database, read_password
from frontdesk.services.users import (
    ROLE_NAMES,
    SYSTEM,
    LoginPolicy,
    add_user,
    disable_user,
    enable_user,
    list_users,
    set_password,
)
from frontdesk.storage.models.staff import ROLES


def register(sub: Any) -> None:
    p = sub.add_parser("users", help="manage staff accounts")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True

    add = actions.add_parser("add", help="add a staff account")
    add.add_argument("staff_no", metavar="STAFFNO")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--password-stdin", action="store_true")
    add.set_defaults(handler=_add)

    lst = actions.add_parser("list", help="list staff accounts")
    lst.set_defaults(handler=_list)

    dis = actions.add_parser("disable", help="disable an account (it keeps its history)")
    dis.add_argument("staff_no", metavar="STAFFNO")
    dis.set_defaults(handler=_disable)

    ena = actions.add_parser("enable", help="enable an account again and lift a lockout")
    ena.add_argument("staff_no", metavar="STAFFNO")
    ena.set_defaults(handler=_enable)

    pw = actions.add_parser("passwd", help="set a new password (also lifts a lockout)")
    pw.add_argument("staff_no", metavar="STAFFNO")
    pw.add_argument("--password-stdin", action="store_true")
    pw.set_defaults(handler=_passwd)


def _policy(args: argparse.Namespace) -> tuple[Any, LoginPolicy]:
    config = config_from(args)
    return open_ready_database(config), LoginPolicy(
        min_password_length=config.security.min_password_length
    )


def _add(args: argparse.Namespace) -> int:
    db, policy = _policy(args)
    password = read_password(args)
    info = add_user(db, SYSTEM, args.staff_no, args.name, args.role, password, policy)
    print(f"已添加 {info.staff_no} {info.name}（{ROLE_NAMES[info.role]}）。")
    return 0


def _list(args: argparse.Namespace) -> int:
    db, _ = _policy(args)
    rows = list_users(db, SYSTEM)
    if not rows:
        print("（没有账号）")
    for info in rows:
        state = "active" if info.active else "disabled"
        if info.locked_until is not None:
            state += f", locked until {info.locked_until.astimezone():%Y-%m-%d %H:%M}"
        last = f"{info.last_login_at.astimezone():%Y-%m-%d %H:%M}" if info.last_login_at else "-"
        print(f"{info.staff_no}\t{info.name}\t{info.role}\t{state}\tlast login {last}")
    return 0


def _disable(args: argparse.Namespace) -> int:
    db, _ = _policy(args)
    info = disable_user(db, SYSTEM, args.staff_no)
    print(f"已停用 {info.staff_no} {info.name}。")
    return 0


def _enable(args: argparse.Namespace) -> int:
    db, _ = _policy(args)
    info = enable_user(db, SYSTEM, args.staff_no)
    print(f"已启用 {info.staff_no} {info.name}。")
    return 0


def _passwd(args: argparse.Namespace) -> int:
    db, policy = _policy(args)
    password = read_password(args)
    set_password(db, SYSTEM, args.staff_no, password, policy)
    print(f"{args.staff_no} 的密码已更新。")
    return 0
