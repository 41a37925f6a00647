"""The matters summary by kind, category and outcome; ``export matters``; the demo matters."""

from __future__ import annotations

import csv
import random
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from frontdesk.config import Config
from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.printing.matter_report import matter_summary_pdf, summary_rows
from frontdesk.services import demo_matters
from frontdesk.services import matters as svc
from frontdesk.services.demo import create_demo_estate
from frontdesk.services.matter_summary import MATTER_COLUMNS, export_matters, matter_summary
from frontdesk.services.matters import MatterInput
from frontdesk.services.users import SYSTEM
from frontdesk.storage.database import Database
from frontdesk.storage.models.matters import Matter, MatterEvent
from tests.factories import make_staff

ZONE = UTC
T0 = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)  # a Monday, 02:00 UTC = 10:00 in the office (UTC+8)


@pytest.fixture
def rules(config: Config) -> svc.MatterRules:
    r = svc.rules_from_config(config, rng=random.Random(3))
    r.zone = ZONE
    return r


def _fill(db: Database, rules: svc.MatterRules) -> None:
    clerk = make_staff(db, "C101", "clerk", "李娜")
    a = svc.create_matter(
        db,
        clerk,
        MatterInput(
            kind="complaint",
            description='=HYPERLINK("x")',
            complexity="simple",
            valid=True,
            category="noise",
            contact_name="@刘兵",
            contact_phone="13800001234",
        ),
        rules,
        now=T0,
    )
    svc.resolve(db, clerk, a.id, "已处理", rules, now=T0 + timedelta(hours=1))
    svc.call_back(db, clerk, a.id, "satisfied", rules, now=T0 + timedelta(hours=3))
    b = svc.create_matter(
        db,
        clerk,
        MatterInput(
            kind="complaint",
            description="晚了",
            complexity="simple",
            valid=False,
            category="noise",
            contact_name="王五",
        ),
        rules,
        now=T0,
    )
    svc.resolve(db, clerk, b.id, "已处理", rules, now=T0 + timedelta(days=1))  # late
    svc.create_matter(
        db,
        clerk,
        MatterInput(kind="repair", description="漏水", category="repairs", contact_name="赵六"),
        rules,
        now=T0,
    )
    svc.create_matter(  # outside the period
        db,
        clerk,
        MatterInput(kind="enquiry", description="问", contact_name="孙七"),
        rules,
        now=T0 + timedelta(days=40),
    )


def test_summary_counts_by_kind_category_outcome(
    db: Database, rules: svc.MatterRules, tmp_path: Path
) -> None:
    _fill(db, rules)
    boss = make_staff(db, "S001", "supervisor")
    summary = matter_summary(
        db,
        boss,
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        tz=ZONE,
        now=T0 + timedelta(days=5),
    )
    assert summary.total.total == 3
    complaints = next(k for k in summary.kinds if k.kind == "complaint")
    assert (complaints.total, complaints.valid, complaints.late, complaints.satisfied) == (
        2,
        1,
        1,
        1,
    )
    assert complaints.called_back == 1
    repair = next(k for k in summary.kinds if k.kind == "repair")
    assert repair.open == 1 and repair.late == 1  # still open past its deadline
    assert summary.outcomes == {"new": 1, "resolved": 1, "called_back": 1}
    rows = summary_rows(summary)
    assert rows[-1][0] == "合计" and rows[-1][2] == "3"
    out = tmp_path / "summary.pdf"
    matter_summary_pdf(summary, out)
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert "工单汇总" in text and "投诉" in text


def test_summary_and_export_need_a_supervisor_and_a_sane_period(
    db: Database, tmp_path: Path
) -> None:
    clerk = make_staff(db, "C101", "clerk")
    with pytest.raises(PermissionDenied):
        matter_summary(db, clerk, start=date(2026, 11, 1), end=date(2026, 11, 2))
    with pytest.raises(PermissionDenied):
        export_matters(
            db, clerk, start=date(2026, 11, 1), end=date(2026, 11, 2), out=tmp_path / "m.csv"
        )
    with pytest.raises(ValidationError, match="晚于"):
        matter_summary(db, SYSTEM, start=date(2026, 11, 3), end=date(2026, 11, 2))
    with pytest.raises(ValidationError, match=r"\.csv 或 \.xlsx"):
        export_matters(
            db, SYSTEM, start=date(2026, 11, 1), end=date(2026, 11, 2), out=tmp_path / "m.pdf"
        )
    assert not (tmp_path / "m.csv").exists()


def test_export_csv_and_xlsx_escape_formulas(
    db: Database, rules: svc.MatterRules, tmp_path: Path
) -> None:
    _fill(db, rules)
    out = tmp_path / "m.csv"
    n = export_matters(
        db, SYSTEM, start=date(2026, 11, 1), end=date(2026, 11, 30), out=out, tz=ZONE
    )
    assert n == 3
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == MATTER_COLUMNS
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["number"] == "TS2026-000001" and first["kind"] == "投诉"
    assert first["raised_by"] == "'@刘兵"  # escaped
    assert first["contact"] == "13800001234" and first["satisfaction"] == "满意"
    assert first["owner_now"] == "李娜（C101）" and first["status"] == "已回访"
    assert first["raised_at"] == "2026-11-02 02:00"
    xlsx = tmp_path / "m.xlsx"
    export_matters(db, SYSTEM, start=date(2026, 11, 1), end=date(2026, 11, 30), out=xlsx, tz=ZONE)
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == list(MATTER_COLUMNS) and len(values) == 4
    assert values[1][4] == "'@刘兵"


def test_demo_matters_every_kind_and_status(db: Database) -> None:
    make_staff(db, "D001", "clerk", "李娜")
    make_staff(db, "D003", "supervisor", "张强")
    create_demo_estate(db, SYSTEM, 300, 1)
    import time

    started = time.perf_counter()
    summary = demo_matters.add_demo(db, today=date.today(), seed=1)
    elapsed = time.perf_counter() - started
    print(f"demo matters: {elapsed:.3f} s")
    assert elapsed < 10.0, elapsed  # goal < 2 s; generous for a busy CI machine
    assert "工单" in summary
    with db.read() as s:
        kinds = set(s.scalars(select(Matter.kind).distinct()))
        statuses = set(s.scalars(select(Matter.status).distinct()))
        overdue = s.scalar(
            select(func.count())
            .select_from(Matter)
            .where(
                Matter.status.in_(("new", "in_progress")),
                Matter.deadline_at < datetime.now(UTC),
            )
        )
        events = s.scalar(select(func.count()).select_from(MatterEvent))
        total = s.scalar(select(func.count()).select_from(Matter))
    assert kinds == {"complaint", "enquiry", "repair", "message"}
    assert statuses == {"new", "in_progress", "resolved", "called_back", "closed"}
    assert overdue and events and total and events >= total
    # Numbers continue after the demo's.
    assert "已有工单" in demo_matters.add_demo(db, today=date.today(), seed=1)
