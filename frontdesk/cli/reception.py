"""``frontdesk-admin purge-visitors`` and ``frontdesk-admin export visitors``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from frontdesk.cli.cashbox import export_actions, parse_date
from frontdesk.cli.common import config_from, open_ready_database
from frontdesk.errors import ValidationError
from frontdesk.services.users import SYSTEM
from frontdesk.services.visitors import (
    EXPORT_COLUMNS,
    anonymise_old,
    auto_sign_out,
    export_visitors,
)


def register(sub: Any) -> None:
    """Add this module's commands to the parser."""
    purge = sub.add_parser(
        "purge-visitors",
        help="anonymise visitor records older than the retention period",
        description="Blank the name, phone, car plate and notes of visits signed in more than "
        "[reception] retention_days ago (default 180); time, room, purpose and who recorded "
        "the visit are kept. Visitors still in since before the automatic sign-out hour are "
        "signed out first. Running it again changes nothing. The app does the same daily.",
    )
    purge.add_argument(
        "--days",
        type=int,
        metavar="N",
        help="keep the last N days instead of [reception] retention_days",
    )
    purge.set_defaults(handler=_purge)

    exp = export_actions(sub).add_parser(
        "visitors",
        help="visitor log of a date range as .csv or .xlsx (full phone numbers)",
        description="Columns: " + ", ".join(EXPORT_COLUMNS) + ". One row per visit signed in "
        "on the dates given (local time), oldest first.",
    )
    exp.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    exp.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    exp.add_argument("--out", required=True, type=Path, metavar="FILE", help="a .csv or .xlsx file")
    exp.set_defaults(handler=_export)


def _purge(args: argparse.Namespace) -> int:
    config = config_from(args)
    days = config.reception.retention_days if args.days is None else args.days
    if days < 1:
        raise ValidationError("--days 至少为 1 天。")
    db = open_ready_database(config)
    try:
        signed_out = auto_sign_out(db, config.reception)
        count = anonymise_old(db, SYSTEM, retention_days=days)
    finally:
        db.dispose()
    if signed_out:
        print(f"已自动签离 {signed_out} 位仍在场的访客")
    print(f"已匿名化 {count} 条 {days} 天前的访客记录")
    return 0


def _export(args: argparse.Namespace) -> int:
    start = parse_date(args.start, "--from")
    end = parse_date(args.end, "--to")
    db = open_ready_database(config_from(args))
    try:
        rows = export_visitors(db, SYSTEM, start=start, end=end, out=args.out)
    finally:
        db.dispose()
    print(f"已导出 {rows} 条访客记录到 {args.out.resolve()}")
    return 0
