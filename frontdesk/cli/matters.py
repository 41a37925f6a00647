"""``frontdesk-admin export matters`` and ``frontdesk-admin matters summary``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from frontdesk.cli.cashbox import export_actions, parse_date
from frontdesk.cli.common import config_from, open_ready_database
from frontdesk.errors import ValidationError
from frontdesk.services.users import SYSTEM


def register(sub: Any) -> None:
    """Add ``export matters`` and ``matters summary`` to the parser."""
    exp = export_actions(sub).add_parser(
        "matters",
        help="matters (complaints, enquiries, repairs, messages) of a date range as .csv or .xlsx",
        description="Columns: number, kind, category, raised_at, raised_by, room, contact, "
        "owner_now, status, deadline, resolved_at, callback_due, called_back_at, satisfaction. "
        "One row per matter received in the range.",
    )
    exp.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    exp.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    exp.add_argument("--out", required=True, type=Path, metavar="FILE", help="a .csv or .xlsx file")
    exp.set_defaults(handler=_export)

    group = sub.add_parser("matters", help="matters (工单): the summary of a period")
    actions = group.add_subparsers(
        dest="matters_action", metavar="ACTION", parser_class=type(group)
    )
    actions.required = True
    summ = actions.add_parser(
        "summary",
        help="matters by kind, category and outcome for a period (optionally as PDF)",
    )
    summ.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    summ.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    summ.add_argument("--pdf", type=Path, metavar="FILE", help="also write an A4 PDF")
    summ.set_defaults(handler=_summary)


def _export(args: argparse.Namespace) -> int:
    from frontdesk.services.matter_summary import export_matters

    start = parse_date(args.start, "--from")
    end = parse_date(args.end, "--to")
    db = open_ready_database(config_from(args))
    try:
        rows = export_matters(db, SYSTEM, start=start, end=end, out=args.out)
    finally:
        db.dispose()
    print(f"已导出 {rows} 条工单到 {args.out.resolve()}")
    return 0


def _summary(args: argparse.Namespace) -> int:
    from frontdesk.printing.matter_report import HEADER, summary_rows
    from frontdesk.services.matter_summary import matter_summary

    start = parse_date(args.start, "--from")
    end = parse_date(args.end, "--to")
    if args.pdf is not None:
        if args.pdf.suffix.lower() != ".pdf":
            raise ValidationError(f"--pdf 的文件名应以 .pdf 结尾（收到“{args.pdf.name}”）。")
        if not args.pdf.absolute().parent.is_dir():
            raise ValidationError(f"目录不存在：{args.pdf.absolute().parent}")
    db = open_ready_database(config_from(args))
    try:
        summary = matter_summary(db, SYSTEM, start=start, end=end)
    finally:
        db.dispose()
    print(f"工单汇总 {start.isoformat()} 至 {end.isoformat()}")
    print("\t".join(HEADER))
    for row in summary_rows(summary):
        print("\t".join(row))
    if args.pdf is not None:
        from frontdesk.printing.matter_report import matter_summary_pdf

        matter_summary_pdf(summary, args.pdf)
        print(f"已写入 PDF：{args.pdf.resolve()}")
    return 0
