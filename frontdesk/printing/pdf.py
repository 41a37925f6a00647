"""PDF receipts (A5) and the day-close report (A4), with reportlab.

Chinese text uses the font :func:`frontdesk.printing.fonts.find_cjk_font`
finds (falling back to the built-in CID font), so the text can be selected,
searched and extracted. Amounts are formatted here, at the edge, from int fen.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Spacer, Table

from frontdesk.config import default_path
from frontdesk.domain.dayclose import DayCloseReport
from frontdesk.domain.receipt import STATUS_LABELS, ReceiptContent
from frontdesk.printing import fonts
from frontdesk.printing.pdf_report import day_close_story
from frontdesk.printing.pdf_style import MARGIN, Styles, money, para, table, write_pdf, yuan
from frontdesk.printing.templates import Template, field_values, load_template_named

__all__ = ["COPY_MARK", "a5_template", "day_close_pdf", "find_cjk_font", "receipt_pdf"]

log = logging.getLogger(__name__)

COPY_MARK = "重打 / COPY"


def find_cjk_font() -> tuple[str, Path | None]:
    """The Chinese font PDFs use: its registered name and file (None: built-in CID font)."""
    return fonts.find_cjk_font()


def _qr(code: str, size: float) -> Drawing:
    widget = QrCodeWidget(code, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


# ---------------------------------------------------------------- the receipt


def _header(template: Template, values: dict[str, str], s: Styles, width: float) -> list[Flowable]:
    """The template's header lines (the first one large), with the logo at the left if any."""
    lines = [text for line in template.header_lines if (text := template.render(line, values))]
    head: list[Flowable] = [
        para(text, s.title if n == 0 else s.subtitle) for n, text in enumerate(lines)
    ]
    if not template.logo:
        return head
    try:
        reader = ImageReader(template.logo)
        w, h = reader.getSize()
    except (OSError, ValueError) as exc:
        log.warning("logo %s not usable in the PDF: %s", template.logo, exc)
        return head
    size = 16 * mm
    logo = Image(template.logo, width=size * w / max(w, h), height=size * h / max(w, h))
    return [
        table(
            [[logo, head, ""]],
            [size + 2 * mm, width - 2 * size - 4 * mm, size + 2 * mm],
            grid=False,
        )
    ]


def receipt_story(
    content: ReceiptContent,
    styles: Styles,
    width: float,
    template: Template,
    *,
    copy_no: int = 0,
    reprinted_by: str = "",
    reprinted_at: datetime | None = None,
    verification_code: str | None = None,
) -> list[Flowable]:
    """The receipt as platypus flowables, ``width`` points wide."""
    s = styles
    values = field_values(content, template)
    story = _header(template, values, s, width)
    mark = STATUS_LABELS.get(content.status, "")
    if mark:
        story.append(para(f"【{mark}】此票据已失效，不作缴费凭证", s.mark))
    if copy_no:
        who = f"  {reprinted_by}" if reprinted_by else ""
        when = reprinted_at.astimezone().strftime("  %Y-%m-%d %H:%M") if reprinted_at else ""
        story.append(para(f"「{COPY_MARK}」 第 {copy_no} 次重打{who}{when}", s.mark))
    story.append(Spacer(1, 3 * mm))
    issued = content.issued_at.astimezone().strftime("%Y-%m-%d %H:%M")
    info = [
        ("票据号", content.receipt_no, "时间", issued),
        ("房号", content.room, "业主", content.owner),
        ("窗口", content.desk, "收费员", values["cashier"]),
    ]
    label_w = 14 * mm
    value_w = (width - 2 * label_w) / 2
    story.append(
        table(
            [
                [para(a, s.small), para(b, s.body), para(c, s.small), para(d, s.body)]
                for a, b, c, d in info
            ],
            [label_w, value_w, label_w, value_w],
            grid=False,
        )
    )
    story.append(Spacer(1, 3 * mm))
    rows: list[list[Any]] = [
        [para(h, s.body) for h in ("收费项目", "期间", "计费标准")] + [para("金额（元）", s.right)]
    ]
    for line in content.lines:
        rows.append(
            [
                para(line.item, s.body),
                para(line.period, s.body),
                para(line.standard, s.small),
                para(yuan(line.amount_fen), s.right),
            ]
        )
        if line.late_fee_fen:
            rows.append(
                [
                    para("滞纳金", s.indent),
                    para(line.period, s.body),
                    "",
                    para(yuan(line.late_fee_fen), s.right),
                ]
            )
    amount_w = 24 * mm
    period_w = 20 * mm
    item_w = 30 * mm
    story.append(
        table(rows, [item_w, period_w, width - item_w - period_w - amount_w, amount_w], header=True)
    )
    story.append(Spacer(1, 2 * mm))
    story.append(_totals(content, s, width))
    footer = [text for line in template.footer_lines if (text := template.render(line, values))]
    code = verification_code if template.show_qr else None
    if code or footer:
        story.append(Spacer(1, 4 * mm))
        story.append(_verification(code, footer, s, width))
    return story


def _totals(content: ReceiptContent, s: Styles, width: float) -> Table:
    rows: list[list[Any]] = []

    def add(label: str, value: str, style: ParagraphStyle | None = None) -> None:
        rows.append([para(label, style or s.body), para(value, s.right)])

    if content.rounding_fen or content.credit_added_fen:
        add("应收合计", yuan(content.due_fen))
    if content.rounding_fen:
        sign = "+" if content.rounding_fen > 0 else ""
        add("现金取整", sign + yuan(content.rounding_fen))
    if content.credit_added_fen:
        add("存入预存款", yuan(content.credit_added_fen))
    total_row = len(rows)
    rows.append([para("实收合计", s.strong), para(money(content.total_fen), s.strong_right)])
    for label, fen, reference in content.methods:
        add(label, yuan(fen), s.indent)
        if reference:
            add(f"参考号：{reference}", "", s.indent2)
    if content.tendered_fen:
        add("收现金", yuan(content.tendered_fen))
        add("找零", yuan(content.change_fen))
    add("预存款余额", yuan(content.prepay_balance_after_fen))
    return table(
        rows,
        [width - 40 * mm, 40 * mm],
        grid=False,
        extra=[("LINEABOVE", (0, total_row), (-1, total_row), 0.6, colors.black)],
    )


def _verification(code: str | None, footer_lines: Sequence[str], s: Styles, width: float) -> Table:
    size = 28 * mm
    text = [para(line, s.body) for line in footer_lines if line.strip()]
    if code:
        text += [
            para("验证码（扫描二维码或在前台“票据验证”中输入）：", s.small),
            para(code, s.body),
        ]
        return table([[_qr(code, size), text]], [size + 4 * mm, width - size - 4 * mm], grid=False)
    return table([[text]], [width], grid=False)


def receipt_pdf(
    content: ReceiptContent,
    path: Path,
    *,
    copy_no: int = 0,
    verification_code: str | None = None,
    reprinted_by: str = "",
    reprinted_at: datetime | None = None,
    template: Template | None = None,
) -> None:
    """Write the receipt as an A5 PDF (a copy says 「重打 / COPY」, its number, who and when).

    ``template`` gives the header, footer, hotline, logo and whether to show
    the QR code (default: the ``a5`` template, the office's copy if it has one).

    Raises:
        ValidationError: the file cannot be written.
    """
    if template is None:
        template = a5_template()
    font, _ = fonts.find_cjk_font()
    width = A5[0] - 2 * MARGIN
    story = receipt_story(
        content,
        Styles(font),
        width,
        template,
        copy_no=copy_no,
        reprinted_by=reprinted_by,
        reprinted_at=reprinted_at,
        verification_code=verification_code,
    )
    title = f"票据 {content.receipt_no}" + (f"（重打 第 {copy_no} 次）" if copy_no else "")
    write_pdf(path, A5, story, title)


def a5_template(config_dir: Path | None = None) -> Template:
    """The A5 receipt template: the office's ``receipts/a5.toml`` if any, else the built-in."""
    template, warnings = load_template_named("a5", config_dir or default_path().parent)
    for warning in warnings:
        log.warning("%s", warning)
    return template


# ---------------------------------------------------------------- the day-close report


def day_close_pdf(report: DayCloseReport, path: Path) -> None:
    """Write the day-close report (日结报表) as an A4 PDF.

    Raises:
        ValidationError: the file cannot be written.
    """
    font, _ = fonts.find_cjk_font()
    styles = Styles(font, base=9.5)
    width = A4[0] - 2 * MARGIN
    story = day_close_story(report, styles, width)
    scope = report.desk if report.desk is not None else "全部前台"
    write_pdf(path, A4, story, f"日结报表 {report.on.isoformat()} {scope}")
