"""``frontdesk-admin export visits`` and its bad input."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest

from frontdesk.config import load
from frontdesk.domain.workcalendar import from_local
from frontdesk.services.users import SYSTEM
from frontdesk.services.visits import VisitRequest, book_visit
from frontdesk.storage.database import Database
from tests.cli.conftest import Admin
from tests.factories import bill_household, make_fee_item, make_household, make_staff

NOW = from_local(datetime(2026, 3, 4, 10, 0))  # a Wednesday
WHEN = from_local(datetime(2026, 3, 5, 10, 0))


def test_export_visits_and_its_bad_input(
    admin_cli: Admin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert admin_cli("init").code == 0
    db = Database(load().database_url)
    clerk = make_staff(db, "C01", "clerk", "李娜")
    goer = make_staff(db, "F01", "clerk", "赵强")
    make_fee_item(db, SYSTEM, "WYF", "物业管理费", "area_monthly", "2.50")
    household = make_household(db, "1-1-101", "刘兵", "89.60")
    bill_household(db, SYSTEM, household, ["2026-01", "2026-02"])
    request = VisitRequest(household, goer.staff_id, WHEN, 44800, "owner_asked")
    book_visit(db, clerk, request, now=NOW)
    db.dispose()

    out = tmp_path / "visits.csv"
    result = admin_cli(
        "export", "visits", "--from", "2026-03-01", "--to", "2026-03-31", "--out", str(out)
    )
    assert result.code == 0, result.err
    assert "1 条" in result.out
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [
        "room", "owner", "staff", "booked_at", "scheduled_at", "status",
        "same_day_reason", "expected_amount", "collected_amount", "receipt_no",
    ]  # fmt: skip
    assert rows[1][0] == "1-1-101" and rows[1][1] == "刘兵"

    bad = admin_cli(
        "export", "visits", "--from", "2026-13-01", "--to", "2026-03-31", "--out", str(out)
    )
    assert bad.code == 1 and "--from" in bad.err
    wrong = admin_cli(
        "export",
        "visits",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--out",
        str(tmp_path / "x.txt"),
    )
    assert wrong.code == 1 and ".csv" in wrong.err
