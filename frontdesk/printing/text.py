"""Text on a receipt printer: columns, wrapping, alignment, printable characters.

A receipt printer in Chinese mode prints every multi-byte character (a hanzi,
but also ``×``, ``é``, ``￥`` …) in a double-width cell and every ASCII byte in a
single cell. So here **every non-ASCII character takes two columns**: for
Chinese text this is the ``east_asian_width`` "W"/"F" rule, and for the
"ambiguous" symbols it is what the printer really does. On a printer set to a
Latin code page such characters print one column wide, so a line can come out
shorter than planned, never wider than the paper.

Nothing here knows about receipts; :mod:`frontdesk.printing.thermal` lays
them out with these helpers.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Final, Literal

__all__ = [
    "CJK_ENCODINGS",
    "LATIN_ENCODINGS",
    "Align",
    "align",
    "char_width",
    "clean",
    "columns",
    "display_width",
    "encode_line",
    "printable",
    "wrap",
]

Align = Literal["left", "right", "center"]

CJK_ENCODINGS: Final = ("gb18030", "gbk", "big5")
LATIN_ENCODINGS: Final = ("cp437", "cp850", "cp1252")

# Characters that must never start a line (they stay with the character before)
# and that must never end one (they go down with the character after).
_CLOSING: Final = frozenset("，。、；：！？）》」』】〕〉”’…,.;:!?)]}%·")
_OPENING: Final = frozenset("（《「『【〔〈“‘([{")

# Forms the printer shows better, per family of encodings. The half-width yen
# sign is a four-byte GB18030 sequence that Chinese printers print as "0 6".
_CJK_FORMS: Final = (("m²", "㎡"), ("m³", "m3"), ("²", "2"), ("³", "3"), ("¥", "￥"))
_BIG5_FORMS: Final = (("m²", "㎡"), ("²", "2"), ("³", "3"), ("￥", "¥"))  # Big5 A244 is ¥
_LATIN_FORMS: Final = (("￥", "¥"), ("㎡", "m²"), ("　", "  "))


# Control characters, line separators, no-break space, lone surrogates.
_UNSAFE: Final = re.compile("[\x00-\x1f\x7f-\xa0\u2028\u2029\ud800-\udfff]")


def char_width(ch: str) -> int:
    """Columns one character takes on the printer: 1 for ASCII, else 2."""
    return 1 if ch < "\x80" else 2


def display_width(text: str) -> int:
    """Columns ``text`` takes on a receipt printer (Chinese and other non-ASCII = 2)."""
    # Two per character, less one for each ASCII one (counted in C, not in a loop).
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def clean(text: str) -> str:
    """``text`` made safe to print: one line, no control bytes.

    Line breaks and tabs become spaces; other control characters (which the
    printer would take as commands) become ``?``. Unicode is composed (NFC).
    """
    if not _UNSAFE.search(text) and unicodedata.is_normalized("NFC", text):
        return text
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "\r\n\t\v\f" or ch in "\u2028\u2029\u00a0":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cs"):
            out.append("?")
        else:
            out.append(ch)
    return "".join(out)


def printable(text: str, encoding: str) -> str:
    """``text`` as the printer set to ``encoding`` can show it, column for column.

    Cleans the text (:func:`clean`), swaps a few characters for the form the
    printer shows (``¥`` → ``￥``, ``m²`` → ``㎡`` for Chinese encodings), and
    replaces a character the encoding cannot show by ``?`` (``？`` for a
    double-width one in a Chinese encoding) so the columns stay where they were.
    """
    text = clean(text)
    if text.isascii():
        return text
    encoding = encoding.lower()
    if encoding == "big5":
        forms: tuple[tuple[str, str], ...] = _BIG5_FORMS
    elif encoding in CJK_ENCODINGS:
        forms = _CJK_FORMS
    elif encoding in LATIN_ENCODINGS:
        forms = _LATIN_FORMS
    else:
        forms = ()
    for old, new in forms:
        if old in text:
            text = text.replace(old, new)
    # GB18030 encodes every character, but a printer's GB18030 font holds the
    # GBK set plus the rarer hanzi (names); an emoji would print as garbage.
    check = "gbk" if encoding == "gb18030" else encoding
    try:
        text.encode(check)
        return text
    except UnicodeEncodeError:
        pass
    wide = "？" if encoding in CJK_ENCODINGS else "??"
    out = []
    for ch in text:
        try:
            ch.encode(check)
            out.append(ch)
        except UnicodeEncodeError:
            if check != encoding and _is_hanzi(ch):
                out.append(ch)
            else:
                out.append("?" if ch < "\x80" else wide)
    return "".join(out)


def _is_hanzi(ch: str) -> bool:
    """A CJK ideograph outside GBK (extension A, B…): GB18030 printers have them."""
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH") or (
        "\uf900" <= ch <= "\ufaff"
    )


def _visible(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: unencodable characters become ``?``, one per column."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "?" * display_width(bad), error.end


codecs.register_error("frontdesk.visible", _visible)


def encode_line(text: str, encoding: str) -> bytes:
    """One printed line as bytes; anything unencodable becomes ``?`` (never raises)."""
    return text.encode(encoding, errors="frontdesk.visible")


def align(text: str, width: int, how: Align = "left") -> str:
    """``text`` placed in ``width`` columns (spaces; right side left ragged for "left")."""
    room = width - display_width(text)
    if room <= 0:
        return text
    if how == "right":
        return " " * room + text
    if how == "center":
        return " " * (room // 2) + text
    return text + " " * room


def _units(text: str) -> list[str]:
    """Pieces a line may break between: ASCII words, single spaces, single hanzi.

    Closing punctuation sticks to the piece before it and opening punctuation
    to the piece after it, so neither is stranded at a line's edge.
    """
    tokens: list[str] = []
    word = ""
    for ch in text:
        if "!" <= ch < "\x80":
            word += ch
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(ch)
    if word:
        tokens.append(word)
    units: list[str] = []
    opening = ""
    for token in tokens:
        if token in _OPENING:
            opening += token
        elif token == " ":
            if opening:
                units.append(opening)
                opening = ""
            units.append(token)
        elif opening:
            units.append(opening + token)
            opening = ""
        elif token in _CLOSING and units and units[-1] != " ":
            units[-1] += token
        else:
            units.append(token)
    if opening:
        units.append(opening)
    return units


def _head(unit: str, room: int) -> str:
    """The longest start of ``unit`` that fits in ``room`` columns (at least one character)."""
    used = 0
    for n, ch in enumerate(unit):
        used += char_width(ch)
        if used > room:
            return unit[: max(n, 1)]
    return unit


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` broken into lines of at most ``width`` columns.

    Chinese breaks between any two characters; Latin text and numbers break at
    spaces (a word longer than a line is cut). Continuation lines start with
    ``indent`` (ignored if it leaves no room). Leading spaces of the first line
    are kept, trailing spaces dropped. Always returns at least one line.
    """
    if width < 1:
        raise ValueError("width must be at least one column")
    text = clean(text).rstrip()
    if display_width(text) <= width:
        return [text]
    if display_width(indent) * 2 > width:
        indent = ""
    lines: list[str] = []
    current = ""
    used = 0
    for unit in _units(text):
        w = display_width(unit)
        if used + w <= width:
            current += unit
            used += w
            continue
        if unit == " ":
            continue  # a break falls here; the space is not carried over
        if current.strip():
            lines.append(current.rstrip())
            current, used = indent, display_width(indent)
        while used + w > width:  # a piece wider than the line: cut it
            head = _head(unit, width - used)
            lines.append((current + head).rstrip())
            unit = unit[len(head) :]
            w = display_width(unit)
            current, used = indent, display_width(indent)
        current += unit
        used += w
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def columns(left: str, right: str, width: int, *, indent: str = "  ") -> list[str]:
    """``left`` with ``right`` right-aligned on its first line (an amount beside an item).

    The left text wraps inside its own column so amounts form one straight
    column. When ``right`` leaves the left column too narrow (under a third of
    the line), the left text takes whole lines and ``right`` gets a line of
    its own, still right-aligned.
    """
    left = clean(left).rstrip()
    right = clean(right).strip()
    right_w = display_width(right)
    if not right:
        return wrap(left, width, indent)
    room = width - right_w - 1
    if room < max(1, width // 3):
        return [*wrap(left, width, indent), align(right, width, "right")]
    if not left.strip():
        return [align(right, width, "right")]
    lead = left[: len(left) - len(left.lstrip(" "))]
    parts = wrap(left, room, lead + indent)
    first = parts[0]
    return [align(first, width - right_w) + right, *parts[1:]]
