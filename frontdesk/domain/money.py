"""Money as integer fen: parsing cashier input, formatting, cash rounding, denominations.

Every amount in the domain is an ``int`` number of fen (1 yuan = 100 fen); floats are
never used. Text is turned into fen only by :func:`parse_amount` and back into text only
by :func:`format_fen` / :func:`fen_to_yuan_str`, at the edge of the application.

Change-making (:func:`make_change`, :class:`ChangeResult`) lives in
:mod:`frontdesk.domain.change` and is re-exported here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from frontdesk.domain.change import ChangeResult as ChangeResult
    from frontdesk.domain.change import make_change as make_change

__all__ = [
    "CASH_DENOMINATIONS",
    "COIN_1_YUAN",
    "DEFAULT_MAX_FEN",
    "DENOMINATIONS",
    "MAX_PIECES_PER_ENTRY",
    "NOTE_1_YUAN",
    "ChangeResult",
    "Denomination",
    "DenominationKind",
    "MoneyError",
    "MoneyErrorReason",
    "denomination",
    "fen_to_yuan_str",
    "format_fen",
    "make_change",
    "parse_amount",
    "parse_pieces",
    "pieces_total",
    "round_cash",
]

MoneyErrorReason = Literal["empty", "not_a_number", "too_many_decimals", "negative", "too_large"]
DenominationKind = Literal["note", "coin"]

DEFAULT_MAX_FEN: Final = 100_000_000  # ¥1,000,000.00
MAX_PIECES_PER_ENTRY: Final = 100_000  # parse_pieces: more pieces than this in one entry is a typo

_EXAMPLE: Final = "例如 1234.50"


class MoneyError(ValueError):
    """Invalid money input.

    ``str(error)`` is a complete sentence in Simplified Chinese, shown verbatim by the UI;
    ``reason`` is a stable English code for programs and tests.
    """

    def __init__(self, message: str, reason: MoneyErrorReason) -> None:
        super().__init__(message)
        self.message = message
        self.reason: MoneyErrorReason = reason


def _require_int(value: object, name: str) -> None:
    # Guards against a float or Decimal leaking into fen arithmetic.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be int fen, got {type(value).__name__}")


def _shorten(text: str, limit: int = 20) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"


# ---------------------------------------------------------------- amounts


# Integer part: plain digits, or digits grouped by commas in threes ("1,234,567").
# Fraction: any digits after the point; too many decimals is reported separately.
_AMOUNT_RE: Final = re.compile(r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.(?P<frac>[0-9]*))?")


def parse_amount(text: str, *, max_fen: int = DEFAULT_MAX_FEN) -> int:
    """Parse an amount typed by a cashier into fen; zero is allowed.

    Accepts ``1234.5``, ``1,234.50``, ``¥12``, ``￥12``, ``12元``, ``12.``, ``.5``, full-width
    characters (NFKC) and surrounding white space. Raises :class:`MoneyError` otherwise.
    A minus sign is always rejected as ``negative`` (even ``-0``) when the rest is a number.
    """
    _require_int(max_fen, "max_fen")
    if max_fen < 0:
        raise ValueError("max_fen must be >= 0")
    s = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    negative = False
    if s[:1] == "-":
        negative, s = True, s[1:].lstrip()
    if s[:1] == "¥":
        s = s[1:].lstrip()
        if not negative and s[:1] == "-":
            negative, s = True, s[1:].lstrip()
    if s[-1:] == "元":
        s = s[:-1].rstrip()
    if not s and not negative:
        raise MoneyError("请输入金额。", "empty")
    match = _AMOUNT_RE.fullmatch(s)
    if match is None or not (match["int"] or match["frac"]):
        raise MoneyError(
            f"无法识别金额“{_shorten(text)}”：请只输入数字，{_EXAMPLE}。", "not_a_number"
        )
    if negative:
        raise MoneyError("金额不能为负数。", "negative")
    frac = match["frac"] or ""
    if len(frac) > 2:
        raise MoneyError("金额最多只能有两位小数（精确到分）。", "too_many_decimals")
    int_digits = (match["int"] or "").replace(",", "").lstrip("0")
    too_large = MoneyError(f"金额不能超过 {format_fen(max_fen)}。", "too_large")
    if len(int_digits) > len(str(max_fen)):  # certainly too large; keeps Decimal small
        raise too_large
    with localcontext() as ctx:
        ctx.prec = len(int_digits) + 4  # exact: at most int digits + 2 decimals
        fen = int(Decimal(f"{int_digits or '0'}.{frac or '0'}").scaleb(2))
    if fen > max_fen:
        raise too_large
    return fen


def format_fen(fen: int, *, symbol: str = "¥") -> str:
    """``123450`` -> ``¥1,234.50``; ``-1200`` -> ``-¥12.00``; ``symbol=""`` drops the sign."""
    _require_int(fen, "fen")
    yuan, cents = divmod(abs(fen), 100)
    return f"{'-' if fen < 0 else ''}{symbol}{yuan:,}.{cents:02d}"


def fen_to_yuan_str(fen: int) -> str:
    """``123450`` -> ``1234.50`` (no symbol, no separators; for CSV exports)."""
    return format_fen(fen, symbol="").replace(",", "")


def round_cash(fen: int, unit_fen: int = 10) -> int:
    """Round to the cash unit (1 = none, 10 = jiao, 100 = yuan), half away from zero.

    ``round_cash(5) == 10``, ``round_cash(-5) == -10``, ``round_cash(1234) == 1230``.
    """
    _require_int(fen, "fen")
    if unit_fen not in (1, 10, 100):
        raise ValueError("unit_fen must be 1, 10 or 100")
    units, rest = divmod(abs(fen), unit_fen)
    if 2 * rest >= unit_fen:
        units += 1
    return -units * unit_fen if fen < 0 else units * unit_fen


# ---------------------------------------------------------------- denominations

CASH_DENOMINATIONS: tuple[int, ...] = (10000, 5000, 2000, 1000, 500, 100, 50, 10)

_VALID_DENOMINATIONS: Final[frozenset[tuple[int, str]]] = frozenset(
    [(v, "note") for v in (10000, 5000, 2000, 1000, 500, 100)]
    + [(v, "coin") for v in (100, 50, 10)]
)


@dataclass(frozen=True, slots=True)
class Denomination:
    """A CNY cash piece in circulation. The 1-yuan exists both as note and as coin."""

    value_fen: int
    kind: DenominationKind

    def __post_init__(self) -> None:
        if (self.value_fen, self.kind) not in _VALID_DENOMINATIONS:
            raise ValueError(f"not a CNY cash denomination: {self.value_fen} fen {self.kind}")

    @property
    def label(self) -> str:
        """Chinese label: ``100元`` … ``5元``, ``1元(纸币)``, ``1元(硬币)``, ``5角``, ``1角``."""
        if self.value_fen < 100:
            return f"{self.value_fen // 10}角"
        if self.value_fen == 100:
            return "1元(纸币)" if self.kind == "note" else "1元(硬币)"
        return f"{self.value_fen // 100}元"

    def __str__(self) -> str:
        return self.label


NOTE_1_YUAN: Final = Denomination(100, "note")
COIN_1_YUAN: Final = Denomination(100, "coin")

# Largest first; the 1-yuan note comes before the 1-yuan coin.
DENOMINATIONS: tuple[Denomination, ...] = (
    *(Denomination(v, "note") for v in (10000, 5000, 2000, 1000, 500, 100)),
    *(Denomination(v, "coin") for v in (100, 50, 10)),
)


def denomination(value_fen: int, kind: DenominationKind | None = None) -> Denomination:
    """Look up a denomination; without ``kind``, 1 yuan and above is a note, below a coin."""
    if kind is None:
        kind = "note" if value_fen >= 100 else "coin"
    return Denomination(value_fen, kind)


def pieces_total(pieces: Mapping[Denomination, int]) -> int:
    """Total value in fen of a ``{denomination: count}`` mapping."""
    return sum(d.value_fen * n for d, n in pieces.items())


# ---------------------------------------------------------------- piece counts

_ENTRY_SPLIT_RE: Final = re.compile(r"[\s,;、]+")
_TIMES_RE: Final = re.compile(r"\s*[×xX*]\s*")
_SIDE_RE: Final = re.compile(
    r"(?P<yen>¥)?(?P<num>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
    r"(?P<unit>元|块|角)?(?P<kind>硬币|纸币|[cC])?(?P<count>张|枚|个)?"
)
_PIECES_HELP: Final = "请按“张数×面额”填写，例如 2×100、0.5×3、1c×4（1c 表示1元硬币）"


def _value_marked(m: re.Match[str]) -> bool:
    return bool(m["yen"] or m["unit"] or m["kind"] or "." in m["num"])


def _as_denomination(m: re.Match[str]) -> Denomination | None:
    fen = Decimal(m["num"]) * (10 if m["unit"] == "角" else 100)
    if fen != fen.to_integral_value():
        return None
    kind: DenominationKind | None = None
    if m["kind"]:
        kind = "note" if m["kind"] == "纸币" else "coin"
    try:
        return denomination(int(fen), kind)
    except ValueError:
        return None


def _parse_entry(entry: str) -> tuple[Denomination, int]:
    bad = MoneyError(f"无法识别“{_shorten(entry)}”：{_PIECES_HELP}。", "not_a_number")
    sides = _TIMES_RE.split(entry)
    if len(sides) != 2:
        raise bad
    a, b = (_SIDE_RE.fullmatch(side) for side in sides)
    if a is None or b is None or any(_value_marked(m) and m["count"] for m in (a, b)):
        raise bad
    a_is_value = _value_marked(a) or bool(b["count"])
    b_is_value = _value_marked(b) or bool(a["count"])
    if a_is_value == b_is_value:
        if a_is_value:  # both sides look like a face value (or both like a count)
            raise bad
        # Two bare integers: the one that is a face value; if both are, the larger one.
        da, db = _as_denomination(a), _as_denomination(b)
        if da is None and db is None:
            raise bad
        a_is_value = db is None or (da is not None and da.value_fen >= db.value_fen)
    value, count = (a, b) if a_is_value else (b, a)
    denom = _as_denomination(value)
    if denom is None:
        raise MoneyError(
            f"“{_shorten(entry)}”中的面额不是人民币现金面额"
            "（可用 100、50、20、10、5、1 元和 5 角、1 角；1元硬币写作 1c）。",
            "not_a_number",
        )
    if "." in count["num"]:
        raise bad
    digits = count["num"].lstrip("0") or "0"
    if len(digits) > len(str(MAX_PIECES_PER_ENTRY)) or int(digits) > MAX_PIECES_PER_ENTRY:
        raise MoneyError(
            f"“{_shorten(entry)}”的张数过多（每项最多 {MAX_PIECES_PER_ENTRY:,} 张）。",
            "too_large",
        )
    return denom, int(digits)


def parse_pieces(text: str) -> dict[Denomination, int]:
    """Parse cashier piece counts such as ``2×100 1x50``, ``100*2, 0.5*3``, ``5角×2、1c×3``.

    Each entry is ``count×value`` or ``value×count`` (``×``, ``x``, ``X`` or ``*``), entries
    separated by spaces, commas, semicolons or ``、``. Values are in yuan unless written with
    ``角``; ``1`` is the 1-yuan note, ``1c`` / ``1硬币`` the coin. A side marked as a value
    (``元``, ``角``, ``¥``, ``c``, a decimal point) or as a count (``张``, ``枚``, ``个``) decides
    the order; between two bare integers the face value is the one that is a denomination,
    else the larger one (``1x50`` is one 50-yuan note; write ``50张×1`` for fifty 1-yuan notes).
    Repeated denominations add up; zero counts are dropped; blank text gives ``{}``.
    Result is ordered largest first. Raises :class:`MoneyError` on anything else.
    """
    normalized = _TIMES_RE.sub("*", unicodedata.normalize("NFKC", text).strip())
    counts: dict[Denomination, int] = {}
    for entry in _ENTRY_SPLIT_RE.split(normalized):
        if entry:
            denom, n = _parse_entry(entry)
            counts[denom] = counts.get(denom, 0) + n
    return {d: counts[d] for d in DENOMINATIONS if counts.get(d)}


def __getattr__(name: str) -> object:
    # Lazy re-export: frontdesk.domain.change imports this module, so importing it eagerly
    # here would be circular.
    if name in ("ChangeResult", "make_change"):
        from frontdesk.domain import change

        return getattr(change, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
