"""``frontdesk-admin import-households FILE [--skip-bad]``: load households from CSV or Excel."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from frontdesk.cli.common import config_from, open_ready_database
from frontdesk.errors import ValidationError
from frontdesk.services.households import ImportRejected, import_households
from frontdesk.services.users import SYSTEM


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import-households",
        help="import households from a .csv or .xlsx file (房号, 业主姓名, 电话, 面积, 入住日期)",
        description="Import households from a .csv (UTF-8, UTF-8 with BOM or GB18030) or .xlsx "
        "file. Columns, named in English or Chinese: room code (3-2-1201), owner name, "
        "phone (several separated by / or ;), floor area in m², move-in date (optional). "
        "By default one bad row stops the import and nothing is written. Importing the "
        "same file again changes nothing; a changed owner or phone updates the household.",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the .csv or .xlsx file")
    p.add_argument(
        "--skip-bad",
        action="store_true",
        help="import the good rows; write the bad ones to FILE.rejected.csv beside the input",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    db = open_ready_database(config)
    try:
        try:
            result = import_households(
                db, SYSTEM, args.file, skip_bad=args.skip_bad, estate_name=config.app.estate_name
            )
        except ImportRejected as exc:
            raise ValidationError(
                f"{exc} 改正后重新导入，或加 --skip-bad 只导入正确的行。"
            ) from exc
    finally:
        db.dispose()
    summary = (
        f"导入完成：新增 {result.created} 户，更新 {result.updated} 户，未变 {result.unchanged} 户"
    )
    if result.rejected:
        summary += f"，跳过 {result.rejected} 行有误的数据（见 {result.rejected_file}）"
    print(summary + "。")
    return 0
