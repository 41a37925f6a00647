"""A receipt laid out in printer columns: the lines and how each is printed.

The words, the order of the parts and the alignment live here; turning the
lines into ESC/POS bytes is :mod:`frontdesk.printing.thermal`'s job. Every
text passes through :func:`~frontdesk.printing.text.printable` first, so the
widths computed are those of what the printer will really show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from frontdesk.domain.money import format_fen
from frontdesk.domain.receipt import METHOD_LABELS, ReceiptContent
from frontdesk.printing.templates import Template, field_values
from frontdesk.printing.text import (
    LATIN_ENCODINGS,
    align,
    columns,
    display_width,
    printable,
    wrap,
)

__all__ = ["Line", "Sheet", "receipt_layout", "receipt_lines"]

# The printed words. A printer set to a Latin code page has no Chinese font,
# so it gets English words (names and items it cannot show become "??").
_ZH: Final = {
    "voided": "作废 / VOID",
    "refunded": "已退款 / REFUNDED",
    "voided_note": "本票据已作废，不作收费凭证。",
    "refunded_note": "本笔收费已退款。",
    "copy": "重打 / COPY（第 {n} 次）",
    "copy_by": "重打：",
    "receipt_no": "票据号：",
    "time": "时间：",
    "desk": "窗口：",
    "cashier": "收费员：",
    "room": "房号：",
    "owner": "业主：",
    "items": "收费项目",
    "amount": "金额(元)",
    "late_fee": "滞纳金",
    "due": "应收合计",
    "rounding": "现金取整",
    "credit": "存入预存款",
    "total": "实收合计",
    "reference": "参考号：",
    "tendered": "收现金",
    "change": "找零",
    "balance": "预存款余额",
    "code": "验证码：",
}
_EN: Final = {
    **_ZH,
    "voided": "VOID",
    "refunded": "REFUNDED",
    "voided_note": "This receipt is void.",
    "refunded_note": "This payment was refunded.",
    "copy": "COPY ({n})",
    "copy_by": "Reprinted: ",
    "receipt_no": "Receipt No.: ",
    "time": "Time: ",
    "desk": "Desk: ",
    "cashier": "Cashier: ",
    "room": "Room: ",
    "owner": "Owner: ",
    "items": "Item",
    "amount": "Amount",
    "late_fee": "Late fee",
    "due": "Amount due",
    "rounding": "Cash rounding",
    "credit": "To prepayment",
    "total": "TOTAL",
    "reference": "Ref.: ",
    "tendered": "Cash tendered",
    "change": "Change",
    "balance": "Prepayment balance",
    "code": "Code: ",
}
_METHODS_EN: Final = {
    METHOD_LABELS[key]: text
    for key, text in (
        ("cash", "Cash"),
        ("wechat", "WeChat Pay"),
        ("alipay", "Alipay"),
        ("unionpay", "UnionPay card"),
        ("transfer", "Bank transfer"),
        ("prepay", "Prepayment"),
    )
}


@dataclass(frozen=True)
class Line:
    """One printed line; ``style`` is "", "bold", "title" (large) or "mark" (large, inverted)."""

    text: str
    style: str = ""


def _yuan(fen: int) -> str:
    return format_fen(fen, symbol="")


def _local(moment: datetime) -> str:
    # Stored times are UTC-aware; a naive one is taken as already local.
    shown = moment.astimezone() if moment.tzinfo is not None else moment
    return shown.strftime("%Y-%m-%d %H:%M")


class Sheet:
    """Lines being laid out for one paper width and encoding (English words on Latin code pages)."""

    def __init__(self, width: int, encoding: str) -> None:
        self.width = width
        self.encoding = encoding
        self.lines: list[Line] = []
        self.latin = encoding in LATIN_ENCODINGS
        self.words = _EN if self.latin else _ZH

    def p(self, text: str) -> str:
        return printable(text, self.encoding)

    def fits(self, text: str) -> bool:
        return display_width(self.p(text)) <= self.width

    def add(self, texts: list[str], style: str = "") -> None:
        self.lines.extend(Line(text, style) for text in texts)

    def rule(self, ch: str = "-") -> None:
        self.lines.append(Line(ch * self.width))

    def text(self, text: str, style: str = "", indent: str = "  ") -> None:
        self.add(wrap(self.p(text), self.width, indent), style)

    def center(self, text: str, style: str = "") -> None:
        self.add([align(t, self.width, "center") for t in wrap(self.p(text), self.width)], style)

    def pair(self, left: str, right: str, style: str = "") -> None:
        self.add(columns(self.p(left), self.p(right), self.width), style)

    def mark(self, text: str) -> None:
        """A band across the paper (printed large, white on black where supported)."""
        label = self.p(f"*** {text} ***")
        for line in wrap(label, self.width):
            self.lines.append(Line(align(align(line, self.width, "center"), self.width), "mark"))


def _header(sheet: Sheet, template: Template, values: dict[str, str]) -> None:
    first = True
    for raw in template.header_lines:
        line = template.render(raw, values)
        if line is not None:
            sheet.center(line, "title" if first else "")
            first = False


def _status(sheet: Sheet, content: ReceiptContent) -> None:
    if content.status in ("voided", "refunded"):
        sheet.mark(sheet.words[content.status])
        sheet.center(sheet.words[content.status + "_note"])


def _reprint(sheet: Sheet, copy_no: int, by: str, at: datetime | None) -> None:
    w = sheet.words
    sheet.center(w["copy"].format(n=copy_no), "title")
    when = _local(at) if at else ""
    line = w["copy_by"] + " ".join(x for x in (by, when) if x)
    if by or when:
        if sheet.fits(line):
            sheet.center(line)
        else:  # who on one line, when on the next
            sheet.center(w["copy_by"] + by if by else when)
            if by and when:
                sheet.center(when)


def _money(sheet: Sheet, content: ReceiptContent) -> None:
    w = sheet.words
    if content.rounding_fen or content.credit_added_fen:
        sheet.pair(w["due"], _yuan(content.due_fen))
    if content.rounding_fen:
        sign = "+" if content.rounding_fen > 0 else ""
        sheet.pair(w["rounding"], sign + _yuan(content.rounding_fen))
    if content.credit_added_fen:
        sheet.pair(w["credit"], _yuan(content.credit_added_fen))
    sheet.pair(w["total"], format_fen(content.total_fen, symbol="￥"), "bold")
    for label, fen, reference in content.methods:
        shown = _METHODS_EN.get(label, label) if sheet.latin else label
        sheet.pair(f"  {shown}", _yuan(fen))
        if reference:
            sheet.text(f"    {w['reference']}{reference}", indent="      ")
    if content.tendered_fen:
        sheet.pair(w["tendered"], _yuan(content.tendered_fen))
        sheet.pair(w["change"], _yuan(content.change_fen), "bold")
    sheet.pair(w["balance"], _yuan(content.prepay_balance_after_fen))


def receipt_layout(
    content: ReceiptContent,
    template: Template,
    *,
    copy_no: int,
    reprinted_by: str,
    reprinted_at: datetime | None,
) -> tuple[list[Line], list[Line]]:
    """The receipt's lines above the QR code and below it (the footer)."""
    sheet = Sheet(template.width, template.encoding)
    w = sheet.words
    values = field_values(content, template)
    _header(sheet, template, values)
    _status(sheet, content)
    if copy_no > 0:
        _reprint(sheet, copy_no, reprinted_by, reprinted_at)
    sheet.rule()
    sheet.text(w["receipt_no"] + content.receipt_no, "bold")
    sheet.text(w["time"] + _local(content.issued_at))
    sheet.text(w["desk"] + content.desk)
    sheet.text(w["cashier"] + values["cashier"])
    sheet.text(w["room"] + content.room)
    sheet.text(w["owner"] + content.owner)
    sheet.rule()
    sheet.pair(w["items"], w["amount"])
    for line in content.lines:
        sheet.pair(f"{line.item} {line.period}".strip(), _yuan(line.amount_fen))
        if line.standard:
            sheet.text("  " + line.standard, indent="    ")
        if line.late_fee_fen:
            sheet.pair("  " + w["late_fee"], _yuan(line.late_fee_fen))
    sheet.rule()
    _money(sheet, content)
    sheet.rule()
    _status(sheet, content)
    top = sheet.lines
    sheet.lines = []
    for raw in template.footer_lines:
        footer = template.render(raw, values)
        if footer is not None:
            sheet.center(footer)
    return top, sheet.lines


def receipt_lines(
    content: ReceiptContent,
    template: Template,
    *,
    copy_no: int = 0,
    reprinted_by: str = "",
    reprinted_at: datetime | None = None,
) -> list[str]:
    """The receipt as the printer prints it, one string per line.

    Every line is at most ``template.width`` columns (a hanzi takes two) and
    holds only characters ``template.encoding`` can print. A copy
    (``copy_no`` > 0) says 「重打 / COPY」 with the count, who and when; a
    voided or refunded receipt carries a band saying so at the top and bottom.
    """
    top, bottom = receipt_layout(
        content, template, copy_no=copy_no, reprinted_by=reprinted_by, reprinted_at=reprinted_at
    )
    return [line.text for line in (*top, *bottom)]
