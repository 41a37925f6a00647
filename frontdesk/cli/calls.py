"""``frontdesk-admin calls plan|letters`` and ``frontdesk-admin export calls``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from frontdesk.cli.cashbox import export_actions, parse_date
from frontdesk.cli.common import config_from, open_ready_database
from frontdesk.errors import ValidationError
from frontdesk.services.users import SYSTEM


def register(sub: Any) -> None:
    """Add ``calls`` and ``export calls`` to the parser."""
    calls = sub.add_parser(
        "calls",
        help="overdue-fee calls (催缴): build the call list, print notices",
        description="Overdue-fee calls: build the call list from the arrears, and print "
        "overdue-fee notices (催缴通知单) for owners the calls could not reach.",
    )
    actions = calls.add_subparsers(dest="action", metavar="ACTION", parser_class=type(calls))
    actions.required = True
    plan = actions.add_parser(
        "plan",
        help="build the call list from the arrears (running it twice adds nothing)",
        description="Households behind by at least [calls] min_days_overdue days and "
        "min_amount_yuan get a call, proposed in the calling window, largest amount first. "
        "Households with a call in hand, a promise not yet due or a home visit booked are "
        "left out. Broken promises get a follow-up call.",
    )
    plan.set_defaults(handler=_plan)
    letters = actions.add_parser(
        "letters",
        help="overdue-fee notices as PDF, one page per household",
        description="By default for every household whose last call ended unreachable or "
        "with a wrong number; --room chooses households instead.",
    )
    letters.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    letters.add_argument(
        "--room", action="append", default=[], metavar="ROOM", help="a room code (repeatable)"
    )
    letters.add_argument("--date", metavar="YYYY-MM-DD", help="the notice's date (default today)")
    letters.set_defaults(handler=_letters)

    export = export_actions(sub).add_parser(
        "calls",
        help="overdue-fee calls scheduled in a date range as .csv or .xlsx",
        description="Columns: room, owner, amount_owed, scheduled_at, status, attempts, "
        "last_outcome, promised_on, promised_amount. A call belongs to the local date of "
        "its (last) proposed time.",
    )
    export.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    export.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    export.set_defaults(handler=_export)


def _plan(args: argparse.Namespace) -> int:
    from frontdesk.domain.workcalendar import to_local
    from frontdesk.services.calls import plan_calls

    config = config_from(args)
    db = open_ready_database(config)
    try:
        result = plan_calls(db, SYSTEM, calls=config.calls, office=config.office)
    finally:
        db.dispose()
    print(f"新增催缴任务 {result.created} 个")
    if result.first_at is not None:
        print(f"第一个拨打时间：{to_local(result.first_at):%Y-%m-%d %H:%M}")
    print(
        f"已在名单中 {result.already_planned} 户，承诺未到期 {result.left_out_promised} 户，"
        f"已约上门 {result.left_out_visit} 户，近期联系不上 {result.left_out_recent} 户"
    )
    if result.promises.kept or result.promises.broken:
        print(
            f"承诺到期：已兑现 {result.promises.kept} 户，未兑现 {result.promises.broken} 户"
            "（已生成跟进电话）"
        )
    return 0


def _letters(args: argparse.Namespace) -> int:
    from datetime import date

    from sqlalchemy import select

    from frontdesk.printing.overdue_notice import overdue_notices_pdf
    from frontdesk.services.calls import letter_candidates, overdue_notices
    from frontdesk.storage.models import Household, Room

    out: Path = args.out
    if out.suffix.lower() != ".pdf":
        raise ValidationError(f"--out 的文件名应以 .pdf 结尾（收到“{out.name}”）。")
    if not out.absolute().parent.is_dir():
        raise ValidationError(f"目录不存在：{out.absolute().parent}")
    on = parse_date(args.date, "--date") if args.date else date.today()
    config = config_from(args)
    db = open_ready_database(config)
    try:
        if args.room:
            with db.read() as s:
                found = dict(
                    s.execute(
                        select(Room.code, Household.id)
                        .join(Household, Household.room_id == Room.id)
                        .where(Room.code.in_([r.strip() for r in args.room]))
                    ).all()
                )
            missing = [r for r in args.room if r.strip() not in found]
            if missing:
                raise ValidationError(f"找不到房号：{'、'.join(missing)}")
            ids = [found[r.strip()] for r in args.room]
        else:
            ids = letter_candidates(db)
        notices = overdue_notices(db, ids, on=on)
    finally:
        db.dispose()
    pages = overdue_notices_pdf(
        notices,
        out,
        estate_name=config.app.estate_name,
        on=on,
        office_phone=config.calls.notice_phone,
    )
    print(f"已写入催缴通知单 {pages} 页：{out.resolve()}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from frontdesk.services.calls import export_calls

    start = parse_date(args.start, "--from")
    end = parse_date(args.end, "--to")
    db = open_ready_database(config_from(args))
    try:
        rows = export_calls(db, SYSTEM, start=start, end=end, out=args.out)
    finally:
        db.dispose()
    print(f"已导出 {rows} 条催缴记录到 {args.out.resolve()}")
    return 0
