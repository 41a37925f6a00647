"""``frontdesk-admin day-close`` and ``frontdesk-admin export payments``.

``export`` is a command group: other modules add ``export visitors`` and the like
with :func:`export_actions`::

    def register(sub):
        p = export_actions(sub).add_parser("visitors", help="...")
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path
from typing import Any

from frontdesk.cli.common import config_from, open_ready_database
from frontdesk.domain.dayclose import report_text
from frontdesk.errors import ValidationError
from frontdesk.services.dayclose import day_close_report, write_day_close_csv
from frontdesk.services.exports import export_payments
from frontdesk.services.users import SYSTEM

_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\s]+')


def register(sub: Any) -> None:
    dc = sub.add_parser(
        "day-close",
        help="print the day-close report (日结报表) and write it as CSV",
        description="Print a day's totals by method and fee item, receipt numbers, voids, "
        "refunds and drawer counts, and write them as CSV (UTF-8 with BOM).",
    )
    dc.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the business date")
    dc.add_argument("--desk", metavar="NAME", help="one desk (default: every desk)")
    dc.add_argument(
        "--csv",
        metavar="FILE",
        type=Path,
        help="CSV file to write (default: day-close-<desk or all>-<date>.csv here, "
        "unless --pdf is given)",
    )
    dc.add_argument(
        "--pdf", metavar="FILE", type=Path, help="also (or, without --csv, only) write an A4 PDF"
    )
    dc.set_defaults(handler=_day_close)

    pay = export_actions(sub).add_parser(
        "payments",
        help="payments of a date range as .csv or .xlsx",
        description="Columns: receipt_no, desk, cashier, paid_at, room, owner, items, method, "
        "amount, tendered, change, status. One row per payment; split methods are joined "
        "with '+'.",
    )
    pay.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    pay.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    pay.add_argument("--out", required=True, type=Path, metavar="FILE", help="a .csv or .xlsx file")
    pay.set_defaults(handler=_export_payments)


def export_actions(sub: Any) -> Any:
    """The subcommands of ``export`` (the group is created on first use)."""
    parser = sub.choices.get("export")
    if parser is None:
        parser = sub.add_parser("export", help="export data for spreadsheets (.csv or .xlsx)")
        actions = parser.add_subparsers(dest="what", metavar="WHAT", parser_class=type(parser))
        actions.required = True
        parser.frontdesk_actions = actions
    return parser.frontdesk_actions


def parse_date(text: str, option: str) -> date:
    """``YYYY-MM-DD`` → date, else a ValidationError naming the option."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            raise ValueError(text)
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"{option} 的日期“{text}”无效，请按 YYYY-MM-DD 填写，例如 2026-11-23。"
        ) from None


def default_csv_name(desk: str | None, on: date) -> str:
    """``day-close-前台1-2026-11-23.csv`` (``all`` for every desk)."""
    name = _UNSAFE_IN_NAME.sub("_", desk.strip()) if desk and desk.strip() else "all"
    return f"day-close-{name}-{on.isoformat()}.csv"


def _day_close(args: argparse.Namespace) -> int:
    on = parse_date(args.date, "--date")
    if on > date.today():
        raise ValidationError(f"日期 {on.isoformat()} 还没到，不能出日结报表。")
    path: Path | None = args.csv
    if path is None and args.pdf is None:
        path = Path(default_csv_name(args.desk, on))
    if path is not None and path.suffix.lower() != ".csv":
        raise ValidationError(f"日结报表只能写成 .csv 文件（收到“{path.name}”）。")
    if args.pdf is not None and args.pdf.suffix.lower() != ".pdf":
        raise ValidationError(f"--pdf 的文件名应以 .pdf 结尾（收到“{args.pdf.name}”）。")
    for target in (path, args.pdf):
        if target is not None and not target.absolute().parent.is_dir():
            raise ValidationError(f"目录不存在：{target.absolute().parent}")
    db = open_ready_database(config_from(args))
    try:
        report = day_close_report(db, SYSTEM, on=on, desk=args.desk)
        for line in report_text(report):
            print(line)
        if path is not None:
            write_day_close_csv(report, path)
    finally:
        db.dispose()
    if path is not None:
        print(f"已写入 CSV：{path.resolve()}")
    if args.pdf is not None:
        from frontdesk.printing.pdf import day_close_pdf

        day_close_pdf(report, args.pdf)
        print(f"已写入 PDF：{args.pdf.resolve()}")
    return 0


def _export_payments(args: argparse.Namespace) -> int:
    start = parse_date(args.start, "--from")
    end = parse_date(args.end, "--to")
    db = open_ready_database(config_from(args))
    try:
        rows = export_payments(db, SYSTEM, start=start, end=end, out=args.out)
    finally:
        db.dispose()
    print(f"已导出 {rows} 条收款记录到 {args.out.resolve()}")
    return 0
