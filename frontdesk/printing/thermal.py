"""A receipt on a thermal printer as ESC/POS bytes.

The lines come from :mod:`frontdesk.printing.layout` (printer columns: a hanzi
takes two) and each is encoded by us in the printer's encoding: python-escpos 3.1 would
print ``￥100`` as ``?`` and count a hanzi as one column. python-escpos makes
the command bytes it does well (QR code, logo image, cut, cash drawer kick)
through its ``Dummy`` printer; they are spliced between our lines.

Nothing here talks to a printer; :func:`frontdesk.printing.connections.send`
does. python-escpos (and with it Pillow and qrcode) is imported on first use.
"""

from __future__ import annotations

import functools
import os
from dataclasses import replace
from datetime import datetime
from typing import Any, Final

from frontdesk.config import PrinterSettings
from frontdesk.domain.receipt import ReceiptContent
from frontdesk.printing.layout import Line, Sheet, receipt_layout, receipt_lines
from frontdesk.printing.templates import Template
from frontdesk.printing.text import CJK_ENCODINGS, LATIN_ENCODINGS, encode_line

__all__ = [
    "drawer_bytes",
    "receipt_bytes",
    "receipt_lines",
    "test_page_bytes",
]

ESC: Final = b"\x1b"
GS: Final = b"\x1d"
FS: Final = b"\x1c"
INIT: Final = ESC + b"@"
CHINESE_ON: Final = FS + b"&"
CHINESE_OFF: Final = FS + b"."
# ESC t n: the code page for single-byte text (Epson numbering).
CODE_PAGES: Final = {"cp437": 0, "cp850": 2, "cp1252": 16}
DOTS_PER_COLUMN: Final = 12  # font A is 12 dots wide: 48 columns = 576 dots (80 mm)

_STYLES: Final = {
    "": (b"", b""),
    "bold": (ESC + b"E\x01", ESC + b"E\x00"),
    # Double height keeps the column count; bold; for a mark also white on black.
    "title": (GS + b"!\x01" + ESC + b"E\x01", ESC + b"E\x00" + GS + b"!\x00"),
    "mark": (
        GS + b"!\x01" + ESC + b"E\x01" + GS + b"B\x01",
        GS + b"B\x00" + ESC + b"E\x00" + GS + b"!\x00",
    ),
}


def _for_printer(template: Template, settings: PrinterSettings) -> Template:
    """The printer settings decide the paper width and the encoding."""
    encoding = settings.encoding.lower()
    if template.width == settings.width and template.encoding == encoding:
        return template
    return replace(template, width=settings.width, encoding=encoding)


def _start(settings: PrinterSettings) -> bytes:
    """Reset, then the character set: Chinese mode, or a single-byte code page.

    Chinese mode (FS &) is for the double-byte encodings; a printer set to
    UTF-8 decodes its text itself, and FS & would make it read GB codes.
    """
    encoding = settings.encoding.lower()
    if encoding in LATIN_ENCODINGS:
        return INIT + CHINESE_OFF + ESC + b"t" + bytes([CODE_PAGES[encoding]])
    if settings.chinese_mode and encoding in CJK_ENCODINGS:
        return INIT + CHINESE_ON
    return INIT


def _encode(lines: list[Line], encoding: str) -> bytes:
    out = bytearray()
    for line in lines:
        on, off = _STYLES[line.style]
        out += on + encode_line(line.text, encoding) + b"\n" + off
    return bytes(out)


def _dummy(dots: int) -> Any:
    """A python-escpos ``Dummy`` printer that knows the paper is ``dots`` wide."""
    from escpos.printer import Dummy

    printer = Dummy()
    data = dict(printer.profile.profile_data)
    data["media"] = {"width": {"pixels": dots, "mm": "Unknown"}, "dpi": 203}
    printer.profile.profile_data = data  # this instance only; the class keeps its own
    return printer


@functools.cache
def _drawer(pin: int) -> bytes:
    printer = _dummy(576)
    printer.cashdraw(pin)
    return bytes(printer.output)


def drawer_bytes(settings: PrinterSettings) -> bytes:
    """The cash drawer kick on ``settings.drawer_pin`` (b"" when no drawer is set up)."""
    return _drawer(settings.drawer_pin) if settings.drawer_pin in (2, 5) else b""


@functools.cache
def _finish(cut: bool) -> bytes:
    printer = _dummy(576)
    if cut:
        printer.cut(mode="PART")  # feeds past the cutter first
    else:
        printer.print_and_feed(4)  # past the tear bar
    return bytes(printer.output)


@functools.lru_cache(maxsize=64)
def _qr(code: str, mode: str, dots: int) -> bytes:
    """The QR code, centred: drawn by the printer (native) or sent as an image."""
    from escpos.constants import QR_ECLEVEL_M

    printer = _dummy(dots)
    module = 6 if dots >= 512 else 5
    if mode == "native":
        printer._raw(ESC + b"a\x01")
        printer.qr(code, ec=QR_ECLEVEL_M, size=module, native=True)
        printer._raw(b"\n" + ESC + b"a\x00")
    else:
        # Built here: escpos's own image QR slips in ESC t 0, which would
        # switch a Latin printer's code page.
        import qrcode

        maker = qrcode.QRCode(
            box_size=module, border=2, error_correction=qrcode.constants.ERROR_CORRECT_M
        )
        maker.add_data(code)
        maker.make(fit=True)
        image = maker.make_image().get_image().convert("RGB")
        printer.image(image, center=True)
    return bytes(printer.output)


@functools.lru_cache(maxsize=8)
def _logo_cached(path: str, stamp: tuple[int, int], dots: int) -> bytes:
    from PIL import Image

    with Image.open(path) as source:
        image = source.convert("RGB")
    if image.width > dots:
        height = max(1, round(image.height * dots / image.width))
        image = image.resize((dots, height))
    printer = _dummy(dots)
    printer.image(image, center=True)
    return bytes(printer.output)


def _logo(path: str, dots: int) -> bytes:
    """The logo as raster bytes, scaled to fit the paper; b"" if it cannot be read."""
    import logging

    try:
        stat = os.stat(path)
        return _logo_cached(path, (stat.st_mtime_ns, stat.st_size), dots)
    except Exception:  # a broken logo never stops a receipt
        logging.getLogger(__name__).warning("logo %s cannot be printed", path, exc_info=True)
        return b""


def _qr_block(code: str, template: Template, settings: PrinterSettings) -> bytes:
    dots = settings.width * DOTS_PER_COLUMN
    sheet = Sheet(settings.width, template.encoding)
    labelled = sheet.words["code"] + code
    sheet.center(labelled if sheet.fits(labelled) else code)
    return _qr(code, template.qr_mode, dots) + _encode(sheet.lines, template.encoding)


def receipt_bytes(
    content: ReceiptContent,
    settings: PrinterSettings,
    template: Template,
    *,
    copy_no: int = 0,
    reprinted_by: str = "",
    reprinted_at: datetime | None = None,
    verification_code: str | None = None,
    open_drawer: bool = False,
) -> bytes:
    """The ESC/POS bytes of one receipt, ready for :func:`connections.send`.

    Laid out as :func:`receipt_lines` at the settings' width and encoding.
    The QR code (with ``verification_code`` under it) is printed when a code
    is given and both the template and ``settings.print_qr`` want it; the cash
    drawer kick (sent first, so the drawer opens while the slip prints) only
    with ``open_drawer`` and a drawer pin set; the paper is cut if
    ``settings.cut``.
    """
    template = _for_printer(template, settings)
    top, bottom = receipt_layout(
        content, template, copy_no=copy_no, reprinted_by=reprinted_by, reprinted_at=reprinted_at
    )
    parts = [_start(settings)]
    if open_drawer:
        parts.append(drawer_bytes(settings))
    if template.logo:
        parts.append(_logo(template.logo, settings.width * DOTS_PER_COLUMN))
    parts.append(_encode(top, template.encoding))
    if verification_code and template.show_qr and settings.print_qr:
        parts.append(_qr_block(verification_code, template, settings))
    parts.append(_encode(bottom, template.encoding))
    parts.append(_finish(settings.cut))
    return b"".join(parts)


def test_page_bytes(settings: PrinterSettings, template: Template) -> bytes:
    """A test slip: connection, paper width rulers, Chinese and ￥ amounts, QR, cut.

    The two rulers must each fill one line exactly; if they wrap or fall
    short, ``[printer] width`` does not match the paper.
    """
    from frontdesk.printing.connections import describe_connection

    template = _for_printer(template, settings)
    width = settings.width
    sheet = Sheet(width, template.encoding)
    sheet.center("打印测试 / TEST PAGE", "title")
    sheet.rule("=")
    sheet.text(describe_connection(settings))
    sheet.text(f"纸宽：{width} 列  编码：{settings.encoding.upper()}")
    sheet.text(
        f"中文模式：{'开' if settings.chinese_mode else '关'}  切纸：{'开' if settings.cut else '关'}"
    )
    source = "内置" if template.source == "built-in" else template.source
    sheet.text(f"收据模板：{template.name}（{source}）")
    sheet.text(f"时间：{datetime.now().strftime('%Y-%m-%d %H:%M:%S')}")
    sheet.rule()
    sheet.add(["".join(str(n % 10) for n in range(1, width + 1))])
    hanzi = "中文宽度测试" * width
    sheet.add([hanzi[: width // 2] + ("|" if width % 2 else "")])
    sheet.pair("实收合计", "￥9,999,999.99", "bold")
    sheet.pair("  物业管理费 2026-01", "1,234.50")
    sheet.text("上面两条标尺应各占满一行；金额应靠右对齐。")
    sheet.rule()
    parts = [_start(settings), _encode(sheet.lines, template.encoding)]
    if template.show_qr and settings.print_qr:
        parts.append(_qr_block("FRONTDESK-TEST", template, settings))
    parts.append(_finish(settings.cut))
    return b"".join(parts)


# Its name starts with "test": tell pytest it is not a test when a test module imports it.
setattr(test_page_bytes, "__test__", False)  # noqa: B010
