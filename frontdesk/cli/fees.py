"""``frontdesk-admin fees list|add|set-rate`` and ``bill --period YYYY-MM``."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from frontdesk.cli.common import config_from, open_ready_database
from frontdesk.domain.fees import KINDS, OFF, FeeError, LateFeePolicy, parse_rate, rate_label
from frontdesk.errors import ValidationError
from frontdesk.services.billing import generate_bills
from frontdesk.services.fees import add_fee_item, list_fee_items, set_rate
from frontdesk.services.users import SYSTEM


def register(sub: Any) -> None:
    p = sub.add_parser("fees", help="fee items (收费项目) and their rates")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True

    lst = actions.add_parser("list", help="list fee items with their rate history")
    lst.set_defaults(handler=_list)

    add = actions.add_parser("add", help="define a fee item with its first rate")
    add.add_argument("code", metavar="CODE", help="short code, e.g. WYF")
    add.add_argument("--name", required=True, help="name shown on bills, e.g. 物业管理费")
    add.add_argument("--kind", required=True, choices=KINDS)
    add.add_argument("--rate", required=True, help="yuan per m² per month, per month or per charge")
    add.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--due-day", type=int, default=15, help="day of the month bills fall due")
    add.add_argument("--late-fee-bp", type=int, help="late fee per day in 1/10,000 (turns it on)")
    add.add_argument("--late-fee-grace", type=int, help="days past due before it runs (30)")
    add.add_argument("--late-fee-cap", type=int, help="cap in %% of the bill (100)")
    add.set_defaults(handler=_add)

    rate = actions.add_parser("set-rate", help="set a new rate from a date (old bills keep theirs)")
    rate.add_argument("code", metavar="CODE")
    rate.add_argument("--rate", required=True)
    rate.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    rate.set_defaults(handler=_set_rate)

    bill = sub.add_parser(
        "bill", help="generate a month's bills (应收) for every occupied household"
    )
    bill.add_argument("--period", required=True, metavar="YYYY-MM")
    bill.set_defaults(handler=_bill)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"日期“{text}”格式不对，应为 YYYY-MM-DD，例如 2026-01-01。") from None


def _rate(text: str) -> int:
    try:
        return parse_rate(text)
    except FeeError as exc:
        raise ValidationError(str(exc)) from exc


def _policy(args: argparse.Namespace) -> LateFeePolicy:
    given = (args.late_fee_bp, args.late_fee_grace, args.late_fee_cap)
    if all(v is None for v in given):
        return OFF
    if args.late_fee_bp is None:
        raise ValidationError("启用滞纳金需要 --late-fee-bp（每日万分之几）。")
    return LateFeePolicy(
        enabled=True,
        daily_bp=args.late_fee_bp,
        grace_days=OFF.grace_days if args.late_fee_grace is None else args.late_fee_grace,
        cap_percent=OFF.cap_percent if args.late_fee_cap is None else args.late_fee_cap,
    )


def _list(args: argparse.Namespace) -> int:
    db = open_ready_database(config_from(args))
    items = list_fee_items(db)
    if not items:
        print("（没有收费项目）")
    today = date.today()
    for item in items:
        late = item.late_fee
        late_text = (
            f"滞纳金 逾期{late.grace_days}天后每日万分之{late.daily_bp}，上限{late.cap_percent}%"
            if late.enabled
            else "无滞纳金"
        )
        state = "" if item.active else "\t(停用)"
        print(
            f"{item.code}\t{item.name}\t{item.kind_label}\t现行 {item.rate_text(today)}"
            f"\t每月{item.due_day}日到期\t{late_text}{state}"
        )
        for r in item.rates:
            print(f"\t{r.effective_from.isoformat()} 起\t{rate_label(item.kind, r.rate_fen)}")
    return 0


def _add(args: argparse.Namespace) -> int:
    rate_fen = _rate(args.rate)
    start = _date(args.start)
    policy = _policy(args)
    db = open_ready_database(config_from(args))
    info = add_fee_item(
        db,
        SYSTEM,
        args.code,
        args.name,
        args.kind,
        rate_fen,
        effective_from=start,
        due_day=args.due_day,
        late_fee=policy,
    )
    print(
        f"已添加收费项目 {info.code} {info.name}：{rate_label(info.kind, rate_fen)}，"
        f"{start.isoformat()} 起。"
    )
    return 0


def _set_rate(args: argparse.Namespace) -> int:
    rate_fen = _rate(args.rate)
    start = _date(args.start)
    db = open_ready_database(config_from(args))
    info = set_rate(db, SYSTEM, args.code, rate_fen, effective_from=start)
    print(
        f"{info.code} {info.name} 的新标准 {rate_label(info.kind, rate_fen)} "
        f"自 {start.isoformat()} 起执行；已生成的账单不变。"
    )
    return 0


def _bill(args: argparse.Namespace) -> int:
    config = config_from(args)
    db = open_ready_database(config)
    run = generate_bills(
        db,
        SYSTEM,
        args.period,
        today=date.today(),
        max_months_ahead=config.cashier.max_bill_months_ahead,
    )
    print(
        f"{run.period}：新生成 {run.created} 张账单，{run.already_billed} 张此前已生成（未重复），"
        f"共 {run.households} 户，收费项目 {'、'.join(run.items)}。"
    )
    return 0
