"""``frontdesk-admin day-close`` and ``frontdesk-admin export payments``, and their bad input."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from frontdesk.cli.cashbox import default_csv_name
from frontdesk.config import load
from frontdesk.services.cashbox import close_drawer, open_drawer
from frontdesk.storage.database import Database
from tests.cli.conftest import Admin
from tests.services.cashbox_fixtures import (
    CASHIER,
    DAY,
    DESK,
    bill,
    fee_item,
    household,
    pay,
    pieces,
)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def ready(admin_cli: Admin, work: Path) -> Iterator[Admin]:
    """An initialised database with a day of business at 前台1 (drawer closed)."""
    assert admin_cli("init").code == 0
    db = Database(load().database_url)
    hh = household(db)
    item = fee_item(db)
    open_drawer(db, CASHIER, DESK, pieces("1x100 1x50 1x20 1x5 1张x1"), today=DAY)
    change = "1x50 1x20 1x5 1张x1"  # 300 − 224
    pay(db, hh, [bill(db, hh, item, "2026-10", 22400)], seq=1, received="3x100", change=change)
    pay(db, hh, [bill(db, hh, item, "2026-11", 22400)], seq=2, tenders=[("wechat", 22400)])
    close_drawer(db, CASHIER, DESK, pieces("4x100 1x20"), tolerance_fen=10000)  # ¥20.00 over
    db.dispose()
    yield admin_cli


def _csv(path: Path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_day_close_prints_and_writes_csv_here(ready: Admin, work: Path) -> None:
    r = ready("day-close", "--date", "2026-11-23", "--desk", DESK)
    assert r.code == 0, r.err
    target = work / "day-close-前台1-2026-11-23.csv"
    assert "日结报表  2026-11-23  前台1" in r.out
    assert "收款 2 笔，合计 ¥448.00" in r.out
    assert "A2026-000001 至 A2026-000002，共 2 张，连续无缺号" in r.out
    assert "长款 ¥20.00" in r.out
    assert r.out.rstrip().endswith(f"已写入 CSV：{target}")
    rows = _csv(target)
    assert rows[0][:3] == ["section", "desk", "item"]
    assert rows[1][:5] == ["summary", "前台1", "日结 2026-11-23", "2", "448.00"]


def test_day_close_all_desks_to_a_named_file(ready: Admin, work: Path, tmp_path: Path) -> None:
    r = ready("day-close", "--date", "2026-11-23")
    assert r.code == 0, r.err
    assert "全部前台" in r.out and (work / "day-close-all-2026-11-23.csv").is_file()
    target = tmp_path / "reports" / "日结.csv"
    target.parent.mkdir()
    r = ready("day-close", "--date", "2026-11-23", "--csv", str(target))
    assert r.code == 0, r.err
    assert f"已写入 CSV：{target}" in r.out and _csv(target)[1][0] == "summary"


def test_day_close_of_a_quiet_day(ready: Admin, work: Path) -> None:
    r = ready("day-close", "--date", "2026-11-01", "--desk", "前台9")
    assert r.code == 0, r.err
    assert "当日未开票据" in r.out and "当日没有开班记录" in r.out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("--date", "2026-13-01"), "YYYY-MM-DD"),
        (("--date", "2026-02-30"), "YYYY-MM-DD"),
        (("--date", "2026/11/23"), "YYYY-MM-DD"),
        (("--date", "yesterday"), "YYYY-MM-DD"),
        (("--date", "2999-01-01"), "还没到"),
        (("--date", "2026-11-23", "--csv", "report.xlsx"), ".csv"),
        (("--date", "2026-11-23", "--csv", "no/such/dir.csv"), "目录不存在"),
    ],
)
def test_day_close_bad_input(ready: Admin, work: Path, argv: tuple[str, ...], needle: str) -> None:
    r = ready("day-close", *argv)
    assert r.code == 1 and needle in r.err and r.err.count("\n") == 1
    assert r.out == "" and list(work.iterdir()) == []


def test_day_close_needs_the_date(ready: Admin) -> None:
    r = ready("day-close")
    assert r.code == 2 and "--date" in r.err


def test_day_close_on_an_uninitialised_database(admin_cli: Admin, work: Path) -> None:
    r = admin_cli("day-close", "--date", "2026-11-23")
    assert r.code == 1 and "init" in r.err


def test_export_payments_csv_and_xlsx(ready: Admin, work: Path) -> None:
    r = ready("export", "payments", "--from", "2026-11-01", "--to", "2026-11-30", "--out", "p.csv")
    assert r.code == 0, r.err
    assert f"已导出 2 条收款记录到 {work / 'p.csv'}" in r.out
    rows = _csv(work / "p.csv")
    assert rows[0][0] == "receipt_no" and len(rows) == 3
    assert [row[7] for row in rows[1:]] == ["现金", "微信支付"]
    r = ready("export", "payments", "--from", "2026-11-23", "--to", "2026-11-23", "--out", "p.xlsx")
    assert r.code == 0, r.err
    ws = openpyxl.load_workbook(work / "p.xlsx").active
    assert ws is not None and ws.max_row == 3 and ws["A2"].value == "A2026-000001"


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("--from", "2026-11-30", "--to", "2026-11-01", "--out", "p.csv"), "晚于"),
        (("--from", "2026-11-01", "--to", "2026-11-30", "--out", "p.pdf"), ".xlsx"),
        (("--from", "2026-11-01", "--to", "2026-11-31", "--out", "p.csv"), "--to"),
        (("--from", "11/01/2026", "--to", "2026-11-30", "--out", "p.csv"), "--from"),
    ],
)
def test_export_bad_input(ready: Admin, work: Path, argv: tuple[str, ...], needle: str) -> None:
    r = ready("export", "payments", *argv)
    assert r.code == 1 and needle in r.err and r.err.count("\n") == 1
    assert list(work.iterdir()) == []


def test_export_needs_a_kind(ready: Admin) -> None:
    r = ready("export")
    assert r.code == 2 and "WHAT" in r.err
    r = ready("export", "invoices")
    assert r.code == 2


def test_default_csv_name() -> None:
    assert default_csv_name(None, date(2026, 11, 23)) == "day-close-all-2026-11-23.csv"
    assert default_csv_name("前台 1/东门", DAY) == "day-close-前台_1_东门-2026-11-23.csv"
