"""``frontdesk-admin verify-audit | backup | restore``: keeping the data safe."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from frontdesk.cli.common import config_from, open_database, open_ready_database
from frontdesk.services import audit
from frontdesk.services.backup import backup, inspect_backup, restore


def register(sub: Any) -> None:
    v = sub.add_parser("verify-audit", help="check the audit log's hash chain")
    v.set_defaults(handler=_verify)

    b = sub.add_parser("backup", help="write a consistent copy of the live SQLite database")
    b.add_argument("--out", required=True, type=Path, metavar="FILE")
    b.set_defaults(handler=_backup)

    r = sub.add_parser("restore", help="put a backup back (the current data is saved aside first)")
    r.add_argument("file", type=Path, metavar="FILE")
    r.set_defaults(handler=_restore)


def _verify(args: argparse.Namespace) -> int:
    db = open_ready_database(config_from(args))
    with db.read() as s:
        report = audit.verify(s)
    if report.ok:
        print(
            f"审计日志完整：已核对 {report.checked} 条记录。(Audit log intact: {report.checked} rows.)"
        )
        return 0
    print(
        f"frontdesk-admin: 审计日志被改动：{report.problem}（第一处：第 {report.first_bad_id} 条）",
        file=sys.stderr,
    )
    return 1


def _backup(args: argparse.Namespace) -> int:
    db = open_ready_database(config_from(args))
    info = backup(db, args.out)
    print(
        f"备份完成：{info.path}（版本 {info.revision}，{info.households} 户，"
        f"{info.staff} 个账号，{info.audit_events} 条审计记录）"
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    config = config_from(args)
    inspect_backup(args.file)  # check before touching the live database
    db = open_database(config)
    info, safety = restore(db, args.file, config.data_dir / "backups")
    if safety is not None:
        print(f"恢复前的数据已另存为：{safety}")
    print(
        f"已从 {info.path} 恢复（版本 {info.revision}，{info.households} 户，{info.staff} 个账号）。"
    )
    return 0
