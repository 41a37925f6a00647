"""Overdue-fee notices (催缴通知单): one A4 page per household, itemised, text extractable."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from frontdesk.domain.calls import ScriptLine
from frontdesk.errors import ValidationError
from frontdesk.printing.overdue_notice import overdue_notices_pdf
from frontdesk.services.calls import Notice, overdue_notices
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from tests.factories import bill_household, make_fee_item, make_household
from tests.printing.test_pdf import page_sizes, pdf_text

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)
ON = date(2026, 12, 2)


def _line(period: str, fen: int) -> ScriptLine:
    return ScriptLine(
        "物业管理费",
        period,
        "2.50 ¥/m²/月 × 89.60 m² = 224.00",
        fen,
        0,
        date(int(period[:4]), int(period[5:]), 15),
        30,
    )


@needs_pdftotext
def test_one_page_per_household_with_the_itemised_arrears(tmp_path: Path) -> None:
    notices = [
        Notice(1, "1-1-101", "刘兵", (_line("2026-09", 22400), _line("2026-10", 22400)), 44800),
        Notice(2, "2-3-1502", "王芳、李娜", (_line("2026-08", 22400),), 22400),
    ]
    out = tmp_path / "notices.pdf"
    assert overdue_notices_pdf(notices, out, estate_name="示例花园", on=ON) == 2
    sizes = page_sizes(out)
    assert len(sizes) == 2
    for w, h in sizes:  # A4
        assert abs(w - 595.28) < 0.1 and abs(h - 841.89) < 0.1
    text = pdf_text(out)
    pages = text.split("\f")
    assert "催缴通知单" in pages[0] and "示例花园" in pages[0]
    assert "1-1-101" in pages[0] and "刘兵" in pages[0]
    assert "2026-09" in pages[0] and "2026-10" in pages[0] and "448.00" in pages[0]
    assert "2-3-1502" in pages[1] and "王芳、李娜" in pages[1] and "224.00" in pages[1]
    assert "缴费方式" in pages[1] and "2026 年 12 月 2 日" in pages[1]


def test_no_notices_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="没有"):
        overdue_notices_pdf([], tmp_path / "x.pdf", estate_name="示例花园", on=ON)
    assert not (tmp_path / "x.pdf").exists()


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    notice = Notice(1, "1-1-101", "刘兵", (_line("2026-09", 22400),), 22400)
    with pytest.raises(ValidationError, match="目录不存在"):
        overdue_notices_pdf([notice], tmp_path / "no" / "x.pdf", estate_name="示例花园", on=ON)


@needs_pdftotext
def test_notices_from_the_database(db: Database, admin: Actor, tmp_path: Path) -> None:
    make_fee_item(db, admin, "WYF", "物业管理费", "area_monthly", "2.50")
    household = make_household(db, "3-2-1201", "刘兵", "89.60")
    bill_household(db, admin, household, ["2026-09", "2026-10", "2026-12"])  # December not due
    notices = overdue_notices(db, [household], on=ON)
    out = tmp_path / "n.pdf"
    overdue_notices_pdf(notices, out, estate_name="示例花园", on=ON)
    text = pdf_text(out)
    assert "2026-10" in text and "2026-12" not in text and "448.00" in text
    assert "89.60" in text  # the fee standard is printed
