"""Helpers for files the office opens in Excel (exports, rejected-row reports)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

# A cell starting with one of these is taken as a formula by Excel and WPS.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A value as CSV text that a spreadsheet shows as text and never evaluates.

    Text starting with ``= + - @`` (or a tab or carriage return) gets a leading
    ``'``, the usual defence against formula injection. Dates become ISO text;
    whole floats lose their ``.0``; None becomes an empty cell.
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        text = (
            value.date().isoformat()
            if value.time() == datetime.min.time()
            else value.isoformat(" ")
        )
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, Decimal):
        text = format(value, "f")
    else:
        text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def unescape_cell(value: object) -> object:
    """Undo ``safe_cell`` on text read back from a spreadsheet: ``'=x`` → ``=x``.

    So a rejected-rows file can be corrected and imported again as it is.
    Anything else comes back unchanged.
    """
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
        return value[1:]
    return value
