"""``frontdesk-admin day-close --desk 上门收费``: the field desk's day close on the command line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from frontdesk.config import load
from frontdesk.services.cashbox import close_drawer, drawer_status
from frontdesk.services.users import Actor
from frontdesk.services.visits import FIELD_DESK
from frontdesk.storage.database import Database
from tests.cli.conftest import Admin
from tests.services.field_cash_fixtures import CASHIER_SETTINGS, VISIT_DAY, two_collected

ADMIN = Actor("A001", "管理员", "admin")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_day_close_of_the_field_desk(admin_cli: Admin, work: Path) -> None:
    assert admin_cli("init").code == 0
    db = Database(load().database_url)
    try:
        day = two_collected(db, ADMIN)
        status = drawer_status(db, FIELD_DESK)
        assert status is not None
        close_drawer(
            db,
            day.supervisor,
            FIELD_DESK,
            status.expected_pieces,
            tolerance_fen=CASHIER_SETTINGS.close_tolerance_fen,
        )
    finally:
        db.dispose()
    r = admin_cli("day-close", "--date", VISIT_DAY.isoformat(), "--desk", FIELD_DESK)
    assert r.code == 0, r.err
    assert f"日结报表  {VISIT_DAY.isoformat()}  {FIELD_DESK}" in r.out
    assert "收款 2 笔，合计 ¥672.00" in r.out and "无差额" in r.out
    target = work / f"day-close-{FIELD_DESK}-{VISIT_DAY.isoformat()}.csv"
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1][:5] == ["summary", FIELD_DESK, f"日结 {VISIT_DAY.isoformat()}", "2", "672.00"]
