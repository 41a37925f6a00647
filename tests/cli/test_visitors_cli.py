"""``frontdesk-admin purge-visitors`` and ``frontdesk-admin export visitors``."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

from frontdesk.config import ReceptionSettings, load
from frontdesk.services.visitors import EXPORT_COLUMNS, get_visit, sign_in
from frontdesk.storage.database import Database
from tests.cli.conftest import Admin
from tests.factories import make_staff


def _setup(admin_cli: Admin) -> tuple[int, int]:
    assert admin_cli("init").code == 0
    db = Database(load().database_url)
    clerk = make_staff(db, "C001", "clerk")
    now = datetime.now(UTC)
    old = sign_in(
        db,
        clerk,
        ReceptionSettings(),
        name="=cmd|' /C calc'!A0",
        phone="13800001234",
        room="物业办公室",
        purpose="fee",
        now=now - timedelta(days=200),
    )
    new = sign_in(
        db,
        clerk,
        ReceptionSettings(),
        name="李四",
        phone="13900001234",
        room="物业办公室",
        purpose="guest",
        now=now - timedelta(days=10),
    )
    db.dispose()
    return old.id, new.id


def test_export_visitors(admin_cli: Admin, tmp_path: Path) -> None:
    _setup(admin_cli)
    out = tmp_path / "v.csv"
    start = (datetime.now(UTC) - timedelta(days=400)).date().isoformat()
    end = datetime.now(UTC).date().isoformat()
    result = admin_cli("export", "visitors", "--from", start, "--to", end, "--out", str(out))
    assert result.code == 0, result.err
    assert "已导出 2 条访客记录" in result.out
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert rows[1][3] == "'=cmd|' /C calc'!A0" and rows[2][4] == "13900001234"


def test_export_visitors_bad_input(admin_cli: Admin, tmp_path: Path) -> None:
    _setup(admin_cli)
    bad_date = admin_cli(
        "export", "visitors", "--from", "2026-13-01", "--to", "2026-12-01", "--out", "x.csv"
    )
    assert bad_date.code != 0 and "--from" in bad_date.err
    reversed_ = admin_cli(
        "export",
        "visitors",
        "--from",
        "2026-12-02",
        "--to",
        "2026-12-01",
        "--out",
        str(tmp_path / "x.csv"),
    )
    assert reversed_.code != 0 and "晚于结束日期" in reversed_.err
    wrong = admin_cli(
        "export",
        "visitors",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-01",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert wrong.code != 0 and ".csv 或 .xlsx" in wrong.err
    assert not list(tmp_path.glob("x.*"))


def test_purge_visitors(admin_cli: Admin) -> None:
    old, new = _setup(admin_cli)
    result = admin_cli("purge-visitors")
    assert result.code == 0, result.err
    assert "已匿名化 1 条 180 天前的访客记录" in result.out
    assert "已自动签离 2 位" in result.out
    again = admin_cli("purge-visitors")
    assert "已匿名化 0 条" in again.out
    db = Database(load().database_url)
    settings = ReceptionSettings()
    boss = make_staff(db, "S001", "supervisor")
    assert get_visit(db, boss, settings, old).anonymised
    assert get_visit(db, boss, settings, new).name == "李四"
    db.dispose()
    shorter = admin_cli("purge-visitors", "--days", "5")
    assert "已匿名化 1 条 5 天前" in shorter.out
    assert admin_cli("purge-visitors", "--days", "0").code != 0
