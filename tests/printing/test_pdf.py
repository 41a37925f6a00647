"""PDF receipts (A5) and the day-close report: Chinese text that can be extracted and searched.

The text is pulled out with ``pdftotext`` (poppler-utils) when it is installed;
those tests are skipped with a reason otherwise.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from frontdesk.domain.receipt import ReceiptLine
from frontdesk.errors import ValidationError
from frontdesk.printing import fonts
from frontdesk.printing.pdf import a5_template, day_close_pdf, find_cjk_font, receipt_pdf
from frontdesk.printing.templates import parse_template
from frontdesk.services.cashbox import close_drawer
from frontdesk.services.dayclose import day_close_report
from frontdesk.services.payments import Tender
from frontdesk.services.reversals import void_payment
from tests.printing.conftest import sample_receipt
from tests.services.payment_fixtures import DESK, FLOAT, TODAY, Counter, counter, pieces

__all__ = ["counter"]  # the fixture, re-exported for pytest

CODE = "FD1:A2026-000123:45910:ABCDEFGHIJ"
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def pdf_text(path: Path) -> str:
    """The PDF's text as ``pdftotext`` extracts it (reading order, no layout)."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, timeout=30
    )
    return out.stdout.decode("utf-8")


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Each page's MediaBox width and height in points (reportlab writes them uncompressed)."""
    boxes = re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", path.read_bytes())
    return [(float(w), float(h)) for w, h in boxes]


def _looks_like_a5(path: Path) -> None:
    sizes = page_sizes(path)
    assert sizes, "no pages"
    for w, h in sizes:  # 148 × 210 mm
        assert abs(w - 419.53) < 0.1 and abs(h - 595.28) < 0.1


def test_the_font_search_falls_back_to_the_built_in_cid_font(tmp_path: Path) -> None:
    not_a_font = tmp_path / "msyh.ttc"
    not_a_font.write_bytes(b"not a font at all")
    latin_only = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    tried = [(not_a_font, 0), (tmp_path / "missing.ttf", 0)]
    if latin_only.is_file():  # embeddable, but has no Chinese
        tried.append((latin_only, 0))
    assert fonts.find_cjk_font(tried) == (fonts.CID_FALLBACK, None)


def test_cff_opentype_fonts_are_not_used(tmp_path: Path) -> None:
    noto = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    if not noto.is_file():
        pytest.skip("Noto Sans CJK (a CFF font) is not installed here")
    assert fonts.load_ttf(noto, 2) is None  # reportlab cannot embed CFF outlines


def test_windows_fonts_are_looked_for_in_windir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "Fonts").mkdir()
    for name in ("msyh.ttc", "simsun.ttc"):
        (tmp_path / "Fonts" / name).write_bytes(b"x")
    monkeypatch.setenv("WINDIR", str(tmp_path))
    found = [path for path, _ in fonts.candidates()]
    assert found[:2] == [tmp_path / "Fonts" / "msyh.ttc", tmp_path / "Fonts" / "simsun.ttc"]
    assert all(path.is_file() for path in found)


def test_the_default_font_is_usable() -> None:
    name, path = find_cjk_font()
    assert name == fonts.CID_FALLBACK or (path is not None and path.is_file())


@needs_pdftotext
def test_receipt_pdf_text_can_be_found(tmp_path: Path) -> None:
    target = tmp_path / "收据.pdf"
    receipt_pdf(sample_receipt(), target, verification_code=CODE)
    _looks_like_a5(target)
    text = pdf_text(target)
    for needle in (
        "示例花园",
        "物业服务收费收据",
        "A2026-000123",
        "3-2-1201",
        "刘兵、王芳",
        "C001 张三",
        "物业管理费",
        "垃圾清运费",
        "滞纳金",
        "1.12",
        "224.00",
        "￥459.10",
        "银行转账",
        "TX20260305-0001",
        "300.00",  # tendered
        "40.90",  # change
        CODE,
        "谢谢惠顾",
    ):
        assert needle in text, needle
    assert "重打" not in text and "作废" not in text
    assert "㎡" in text  # "m²" shown with a glyph the fallback font has


@needs_pdftotext
def test_copy_and_void_marks(tmp_path: Path) -> None:
    target = tmp_path / "copy.pdf"
    receipt_pdf(
        sample_receipt(status="voided"),
        target,
        copy_no=3,
        verification_code=CODE,
        reprinted_by="S001 李主管",
        reprinted_at=datetime(2026, 3, 6, 1, 0, tzinfo=UTC),
    )
    text = pdf_text(target)
    assert "重打 / COPY" in text and "第 3 次重打" in text and "S001 李主管" in text
    assert "2026-03-0" in text  # when (local time)
    assert "已作废" in text and "不作缴费凭证" in text


@needs_pdftotext
def test_long_names_and_many_lines_wrap_and_flow_onto_more_pages(tmp_path: Path) -> None:
    owner = "欧阳" + "长名字测试" * 6  # 32 characters
    lines = tuple(
        ReceiptLine(
            f"物业管理费（{n}号车位附加服务费用）",
            f"2025-{n % 12 + 1:02d}",
            "2.50 ¥/m²/月",
            999_999_999,
            0,
        )
        for n in range(40)
    )
    receipt = replace(sample_receipt(), owner=owner, lines=lines, total_fen=39_999_999_960)
    target = tmp_path / "long.pdf"
    receipt_pdf(receipt, target)
    assert len(page_sizes(target)) >= 2
    text = pdf_text(target).replace("\n", "")
    assert owner in text
    assert "9,999,999.99" in text and "￥399,999,999.60" in text


def test_the_offices_a5_template_texts_reach_the_pdf(tmp_path: Path) -> None:
    template = parse_template(
        'hotline = "0755-8888 6666"\nheader = ["{estate}", "收款收据"]\n'
        'footer = ["服务热线：{hotline}"]\nshow_qr = false\n',
        name="a5",
        source="test",
    )
    target = tmp_path / "office.pdf"
    receipt_pdf(sample_receipt(), target, verification_code=CODE, template=template)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = pdf_text(target)
    assert "收款收据" in text and "0755-8888 6666" in text
    assert CODE not in text  # the office turned the QR code off


def test_the_built_in_a5_template_is_the_default(tmp_path: Path) -> None:
    assert a5_template(tmp_path).name == "a5"


def test_unwritable_target_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="目录不存在"):
        receipt_pdf(sample_receipt(), tmp_path / "nowhere" / "x.pdf")
    if os.name == "posix" and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(ValidationError, match="无法写入"):
            receipt_pdf(sample_receipt(), locked / "x.pdf")


@needs_pdftotext
def test_day_close_pdf_text_can_be_found(counter: Counter, tmp_path: Path) -> None:
    first = counter.pay(bills=counter.bills[:2], tenders=[Tender("cash", 23400)], tendered=25000)
    counter.pay(bills=counter.bills[2:], tenders=[Tender("wechat", 23400, "4200001")])
    void_payment(
        counter.db, counter.cashier, first.receipt_no, "收错户", counter.supervisor, today=TODAY
    )
    close_drawer(
        counter.db, counter.cashier, DESK, pieces(FLOAT), tolerance_fen=100_000_00, note="测试"
    )
    report = day_close_report(counter.db, counter.supervisor, on=TODAY, desk=DESK)
    target = tmp_path / "日结.pdf"
    day_close_pdf(report, target)
    sizes = page_sizes(target)
    assert sizes and all(abs(w - 595.28) < 0.1 and abs(h - 841.89) < 0.1 for w, h in sizes)  # A4
    text = pdf_text(target)
    for needle in (
        "日结报表",
        TODAY.isoformat(),
        DESK,
        "微信支付",
        "￥234.00",
        "物业管理费",
        "A2026-000001",
        "A2026-000002",
        "连续无缺号",
        "作废：1 笔",
        "收错户",
        "已日结",
        "测试",
        "主管签字",
    ):
        assert needle in text, needle
