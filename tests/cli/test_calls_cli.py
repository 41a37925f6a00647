"""``frontdesk-admin calls plan|letters`` and ``export calls``, and their bad input."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from frontdesk.config import load
from frontdesk.domain.fees import add_months, period_label
from frontdesk.services.users import SYSTEM
from frontdesk.storage.database import Database
from tests.cli.conftest import Admin
from tests.factories import bill_household, make_fee_item, make_household


def _months_back(n: int) -> str:
    today = date.today()
    return period_label(*add_months(today.year, today.month, -n))


@pytest.fixture
def ready(admin_cli: Admin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Admin]:
    """An initialised database with two households behind on their fees and one paid up."""
    monkeypatch.chdir(tmp_path)
    assert admin_cli("init").code == 0
    db = Database(load().database_url)
    make_fee_item(db, SYSTEM, "WYF", "物业管理费", "area_monthly", "2.50")
    periods = [_months_back(n) for n in (5, 4, 3)]
    for room, owner in (("1-1-101", "刘兵"), ("1-1-102", "王芳")):
        bill_household(db, SYSTEM, make_household(db, room, owner, "89.60"), periods)
    bill_household(db, SYSTEM, make_household(db, "1-1-103", "李娜"), periods, status="paid")
    db.dispose()
    yield admin_cli


def test_plan_twice_adds_nothing_the_second_time(ready: Admin) -> None:
    first = ready("calls", "plan")
    assert first.code == 0, first.err
    assert "新增催缴任务 2 个" in first.out
    second = ready("calls", "plan")
    assert "新增催缴任务 0 个" in second.out and "已在名单中 2 户" in second.out


def test_export_calls_and_its_bad_input(ready: Admin, tmp_path: Path) -> None:
    ready("calls", "plan")
    out = tmp_path / "calls.csv"
    today = date.today().isoformat()
    far = date(date.today().year + 1, 12, 31).isoformat()
    result = ready("export", "calls", "--from", today, "--to", far, "--out", str(out))
    assert result.code == 0, result.err
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["room", "owner", "amount_owed"]
    assert {r[0] for r in rows[1:]} == {"1-1-101", "1-1-102"}
    bad = ready("export", "calls", "--from", "2026-13-01", "--to", today, "--out", str(out))
    assert bad.code == 1 and "--from" in bad.err
    wrong = ready(
        "export", "calls", "--from", today, "--to", today, "--out", str(tmp_path / "x.txt")
    )
    assert wrong.code == 1 and ".csv" in wrong.err


def test_letters_for_chosen_rooms(ready: Admin, tmp_path: Path) -> None:
    out = tmp_path / "notices.pdf"
    result = ready("calls", "letters", "--out", str(out), "--room", "1-1-101", "--room", "1-1-102")
    assert result.code == 0, result.err
    assert "2 页" in result.out and out.read_bytes().startswith(b"%PDF")


def test_letters_bad_input(ready: Admin, tmp_path: Path) -> None:
    nobody = ready("calls", "letters", "--out", str(tmp_path / "n.pdf"))
    assert nobody.code == 1 and "没有需要发催缴通知单" in nobody.err  # nobody unreachable yet
    unknown = ready("calls", "letters", "--out", str(tmp_path / "n.pdf"), "--room", "9-9-999")
    assert unknown.code == 1 and "9-9-999" in unknown.err
    not_pdf = ready("calls", "letters", "--out", str(tmp_path / "n.txt"))
    assert not_pdf.code == 1 and ".pdf" in not_pdf.err
    paid = ready("calls", "letters", "--out", str(tmp_path / "n.pdf"), "--room", "1-1-103")
    assert paid.code == 1 and not (tmp_path / "n.pdf").exists()
