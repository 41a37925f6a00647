"""``frontdesk-admin export matters`` and ``matters summary``, and their bad input."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from frontdesk.config import load
from frontdesk.services.matter_summary import MATTER_COLUMNS
from frontdesk.storage.database import Database
from tests.cli.conftest import Admin


@pytest.fixture
def ready(admin_cli: Admin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Admin]:
    """A demo database with its staff and three months of matters."""
    monkeypatch.chdir(tmp_path)
    assert admin_cli("init").code == 0
    from tests.factories import make_staff

    db = Database(load().database_url)
    make_staff(db, "C101", "clerk", "李娜")
    make_staff(db, "S001", "supervisor", "张强")
    db.dispose()
    result = admin_cli("demo", "--households", "60")
    assert result.code == 0, result.err
    assert "工单" in result.out
    yield admin_cli


def test_export_and_summary(ready: Admin, tmp_path: Path) -> None:
    start = (date.today() - timedelta(days=100)).isoformat()
    end = date.today().isoformat()
    result = ready("export", "matters", "--from", start, "--to", end, "--out", "m.csv")
    assert result.code == 0, result.err
    with (tmp_path / "m.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == MATTER_COLUMNS and len(rows) > 20
    result = ready("matters", "summary", "--from", start, "--to", end, "--pdf", "s.pdf")
    assert result.code == 0, result.err
    assert "合计" in result.out and (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("export", "matters", "--from", "2026-13-01", "--to", "2026-12-01", "--out", "m.csv"),
            "--from",
        ),
        (
            ("export", "matters", "--from", "2026-12-02", "--to", "2026-12-01", "--out", "m.csv"),
            "晚于",
        ),
        (
            ("export", "matters", "--from", "2026-11-01", "--to", "2026-12-01", "--out", "m.txt"),
            ".xlsx",
        ),
        (
            ("matters", "summary", "--from", "2026-11-01", "--to", "2026-12-01", "--pdf", "s.csv"),
            ".pdf",
        ),
    ],
)
def test_bad_input(ready: Admin, tmp_path: Path, argv: tuple[str, ...], message: str) -> None:
    result = ready(*argv)
    assert result.code == 1 and message in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not (tmp_path / "m.csv").exists() and not (tmp_path / "s.csv").exists()
