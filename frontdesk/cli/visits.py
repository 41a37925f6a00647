"""``frontdesk-admin export visits``: home fee-collection visits for a spreadsheet."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from frontdesk.cli.cashbox import export_actions, parse_date
from frontdesk.cli.common import config_from, open_ready_database
from frontdesk.services.users import SYSTEM


def register(sub: Any) -> None:
    """Add ``export visits`` to the parser."""
    export = export_actions(sub).add_parser(
        "visits",
        help="home fee-collection visits scheduled in a date range as .csv or .xlsx",
        description="Columns: room, owner, staff, booked_at, scheduled_at, status, "
        "same_day_reason, expected_amount, collected_amount, receipt_no. A visit belongs to "
        "the local date it is scheduled on.",
    )
    export.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    export.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    export.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    from frontdesk.services.visits import export_visits

    start = parse_date(args.start, "--from")
    end = parse_date(args.end, "--to")
    db = open_ready_database(config_from(args))
    try:
        rows = export_visits(db, SYSTEM, start=start, end=end, out=args.out)
    finally:
        db.dispose()
    print(f"已导出 {rows} 条上门收费记录到 {args.out.resolve()}")
    return 0
