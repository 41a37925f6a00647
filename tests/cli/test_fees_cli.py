"""frontdesk-admin fees list|add|set-rate and bill --period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func, select

from frontdesk.config import load
from frontdesk.domain.fees import add_months, period_label
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEvent, Bill, FeeItem, FeeRate
from tests.cli.conftest import Admin
from tests.factories import make_household

WYF = [
    "fees", "add", "WYF", "--name", "物业管理费", "--kind", "area_monthly",
    "--rate", "2.50", "--from", "2020-01-01", "--due-day", "15",
]  # fmt: skip


@pytest.fixture
def cli(admin_cli: Admin) -> Admin:
    r = admin_cli(
        "init", "--admin", "A001", "--name", "王管理", "--password-stdin", stdin="secret-1\n"
    )
    assert r.code == 0, r.err
    return admin_cli


@pytest.fixture
def db(cli: Admin) -> Iterator[Database]:
    database = Database(load().database_url)
    yield database
    database.dispose()


def _counts(db: Database) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m)) or 0
            for m in (FeeItem, FeeRate, Bill, AuditEvent)
        )


def _this_month(offset: int = 0) -> str:
    today = date.today()
    return period_label(*add_months(today.year, today.month, offset))


def test_fees_add_list_and_set_rate(cli: Admin, db: Database) -> None:
    r = cli(*WYF, "--late-fee-bp", "5", "--late-fee-grace", "30", "--late-fee-cap", "100")
    assert r.code == 0, r.err
    assert "已添加收费项目 WYF 物业管理费：2.50 ¥/m²/月，2020-01-01 起" in r.out
    r = cli("fees", "add", "LJF", "--name", "垃圾清运费", "--kind", "fixed_monthly",
            "--rate", "¥10", "--from", "2020-01-01")  # fmt: skip
    assert r.code == 0, r.err

    r = cli("fees", "set-rate", "WYF", "--rate", "2.80", "--from", "2099-01-01")
    assert r.code == 0, r.err
    assert "2.80 ¥/m²/月 自 2099-01-01 起执行；已生成的账单不变" in r.out

    r = cli("fees", "list")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].startswith("LJF\t垃圾清运费\t固定/月\t现行 10.00 ¥/月\t每月15日到期\t无滞纳金")
    wyf = lines.index(next(line for line in lines if line.startswith("WYF")))
    assert "现行 2.50 ¥/m²/月" in lines[wyf]
    assert "滞纳金 逾期30天后每日万分之5，上限100%" in lines[wyf]
    assert lines[wyf + 1 :] == ["\t2020-01-01 起\t2.50 ¥/m²/月", "\t2099-01-01 起\t2.80 ¥/m²/月"]
    with db.read() as s:
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.actor == "system")))
    assert actions.count("fee.add") == 2 and actions.count("fee.rate") == 1


def test_fees_list_empty(cli: Admin) -> None:
    r = cli("fees", "list")
    assert r.code == 0 and "没有收费项目" in r.out


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("0", "收费标准必须大于 0"),
        ("0.00", "收费标准必须大于 0"),
        ("-2.50", "收费标准必须大于 0"),
        ("abc", "无法识别"),
    ],
)
def test_bad_rate_is_refused(cli: Admin, db: Database, rate: str, message: str) -> None:
    before = _counts(db)
    r = cli(*WYF[:8], rate, *WYF[9:])
    assert r.code == 1
    assert message in r.err and r.err.count("\n") == 1
    assert _counts(db) == before


def test_set_rate_refusals(cli: Admin, db: Database) -> None:
    assert cli(*WYF).code == 0
    before = _counts(db)
    for argv, message in [
        (["--rate", "0", "--from", "2027-01-01"], "必须大于 0"),
        (["--rate", "-1", "--from", "2027-01-01"], "必须大于 0"),
        (["--rate", "2.80", "--from", "2027-13-01"], "日期“2027-13-01”格式不对"),
        (["--rate", "2.80", "--from", "2020-01-01"], "已有从 2020-01-01 起的标准"),
    ]:
        r = cli("fees", "set-rate", "WYF", *argv)
        assert r.code == 1 and message in r.err, (argv, r.err)
    r = cli("fees", "set-rate", "NOPE", "--rate", "1", "--from", "2027-01-01")
    assert r.code == 1 and "没有代码为 NOPE 的收费项目" in r.err
    assert _counts(db) == before


def test_late_fee_needs_a_rate(cli: Admin, db: Database) -> None:
    r = cli(*WYF, "--late-fee-grace", "10")
    assert r.code == 1 and "--late-fee-bp" in r.err
    assert _counts(db)[0] == 0


def test_bill_period_twice(cli: Admin, db: Database) -> None:
    assert cli(*WYF).code == 0
    make_household(db, "3-2-1201")
    make_household(db, "3-2-1202", "刘斌")
    period = _this_month()

    r = cli("bill", "--period", period)
    assert r.code == 0, r.err
    assert f"{period}：新生成 2 张账单，0 张此前已生成（未重复），共 2 户" in r.out

    r = cli("bill", "--period", period)
    assert r.code == 0, r.err
    assert "新生成 0 张账单，2 张此前已生成" in r.out
    assert _counts(db)[2] == 2


@pytest.mark.parametrize("period", ["2026-13", "2026/11", "11-2026", "", "NEXT2"])
def test_bill_bad_period(cli: Admin, db: Database, period: str) -> None:
    assert cli(*WYF).code == 0
    make_household(db)
    if period == "NEXT2":  # the default setting allows one month ahead
        period = _this_month(2)
    before = _counts(db)
    r = cli("bill", "--period", period)
    assert r.code == 1
    assert "账期" in r.err and r.err.count("\n") == 1
    assert _counts(db) == before


def test_bill_without_fee_items(cli: Admin, db: Database) -> None:
    make_household(db)
    r = cli("bill", "--period", _this_month())
    assert r.code == 1 and "没有在" in r.err and "生效的月度收费项目" in r.err
