"""Shared pieces of the PDFs: paragraph styles in the Chinese font, tables, writing the file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from frontdesk.domain.money import format_fen
from frontdesk.errors import ValidationError
from frontdesk.printing.fonts import CID_FALLBACK

YUAN = "￥"  # full-width: the half-width ¥ is missing from some Chinese fonts
GRID = colors.HexColor("#999999")
SHADE = colors.HexColor("#EEEEEE")
RED = colors.HexColor("#B00020")
MARGIN = 12 * mm


def money(fen: int) -> str:
    """``￥1,234.50``."""
    return format_fen(fen, symbol=YUAN)


def yuan(fen: int) -> str:
    """``1,234.50``."""
    return format_fen(fen, symbol="")


class Styles:
    """Paragraph styles in the Chinese font (CJK line breaking)."""

    def __init__(self, font: str, base: float = 9.5) -> None:
        self.font = font

        def style(name: str, size: float = base, **kw: Any) -> ParagraphStyle:
            return ParagraphStyle(
                name, fontName=font, fontSize=size, leading=size * 1.35, wordWrap="CJK", **kw
            )

        self.body = style("body")
        self.small = style("small", base - 1.5, textColor=colors.HexColor("#444444"))
        self.right = style("right", alignment=TA_RIGHT)
        self.indent = style("indent", leftIndent=base * 2)
        self.indent2 = style("indent2", base - 1.5, leftIndent=base * 3)
        self.title = style("title", base + 6, alignment=TA_CENTER, spaceAfter=2)
        self.subtitle = style("subtitle", base + 3, alignment=TA_CENTER, spaceAfter=4)
        self.center = style("center", alignment=TA_CENTER)
        self.mark = style("mark", base + 3, alignment=TA_CENTER, textColor=RED)
        self.strong = style("strong", base + 2)
        self.strong_right = style("strong_right", base + 2, alignment=TA_RIGHT)
        self.heading = style("heading", base + 2, spaceBefore=6, spaceAfter=3)


# Characters the built-in CID font (Adobe-GB1 through UniGB-UCS2-H) has no glyph for,
# and what to show instead. Fonts found on the system have them.
_CID_REPLACEMENTS = (("m²", "㎡"), ("²", "2"), ("³", "3"), ("·", "・"), ("•", "・"), ("µ", "u"))


def printable(text: str, font: str) -> str:
    """``text`` with characters the font cannot show replaced (only the CID fallback lacks some)."""
    if font == CID_FALLBACK:
        for old, new in _CID_REPLACEMENTS:
            text = text.replace(old, new)
    return text


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (markup characters escaped, newlines kept)."""
    text = printable(text, style.fontName)
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped.replace("\n", "<br/>"), style)


def table(
    rows: list[list[Any]],
    widths: Sequence[float],
    *,
    header: bool = False,
    grid: bool = True,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A table with thin grid lines and an optional shaded header row (repeated per page)."""
    result = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), 0.4, GRID))
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    result.setStyle(TableStyle([*commands, *extra]))
    return result


def write_pdf(path: Path, pagesize: tuple[float, float], story: list[Flowable], title: str) -> None:
    """Build the document into ``path``.

    Raises:
        ValidationError: the folder does not exist or the file cannot be written.
    """
    path = Path(path)
    if not path.absolute().parent.is_dir():
        raise ValidationError(f"目录不存在：{path.absolute().parent}")
    doc = SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="frontdesk",
        subject=title,
    )
    try:
        doc.build(story)
    except OSError as exc:
        raise ValidationError(f"无法写入 PDF 文件 {path}：{exc.strerror or exc}") from exc
