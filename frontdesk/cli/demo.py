"""``frontdesk-admin demo [--households N] [--seed S]``: fill an empty database with demo data."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from frontdesk.cli.common import config_from, open_ready_database
from frontdesk.services.demo import (
    DEMO_BILLED_MONTHS,
    DEMO_HOUSEHOLDS,
    MAX_DEMO_HOUSEHOLDS,
    add_demo_activity,
    add_demo_billing,
    create_demo_estate,
)
from frontdesk.services.users import SYSTEM


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= MAX_DEMO_HOUSEHOLDS:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_DEMO_HOUSEHOLDS}")
    return value


def register(sub: Any) -> None:
    p = sub.add_parser(
        "demo",
        help="fill an empty database with a realistic demo estate",
        description="Create buildings, units, rooms and households with owners (common Chinese "
        "names, including same-sounding ones like 刘兵/刘斌/刘冰), phone numbers, areas and "
        "move-in dates. Refuses a database that already has rooms, so real data is never "
        "mixed with demo data. The same seed gives the same estate.",
    )
    p.add_argument(
        "--households",
        type=_count,
        default=DEMO_HOUSEHOLDS,
        metavar="N",
        help=f"number of households (default {DEMO_HOUSEHOLDS})",
    )
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    db = open_ready_database(config)
    try:
        result = create_demo_estate(
            db, SYSTEM, args.households, args.seed, estate_name=config.app.estate_name
        )
        bills = add_demo_billing(db, today=date.today())
        activity = add_demo_activity(db, today=date.today(), seed=args.seed)
    finally:
        db.dispose()
    print(
        f"已生成演示小区“{result.estate}”：{result.buildings} 栋楼，{result.households} 户"
        f"（空置 {result.vacant} 户），业主 {result.owners} 人，电话 {result.phones} 个；"
        f"收费项目 2 个，近 {DEMO_BILLED_MONTHS} 个月账单 {bills} 张。"
    )
    for line in activity:
        print(line)
    return 0
