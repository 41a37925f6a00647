"""Receipt (票据) content: what a receipt says, as data, JSON and plain text.

Built once when a payment completes and stored with it as JSON, so a reprint
shows exactly what was issued; only ``status`` changes when the payment is
voided or refunded. ``text_lines`` renders it for the screen in a fixed number
of columns where a Chinese character takes two (``unicodedata.east_asian_width``
"W"/"F"), as on a receipt printer.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime, tzinfo
from typing import Any, Final

from frontdesk.domain.money import format_fen

__all__ = [
    "METHOD_LABELS",
    "STATUS_LABELS",
    "ReceiptContent",
    "ReceiptLine",
    "char_width",
    "display_width",
    "pad_to",
    "wrap_to",
]

METHOD_LABELS: Final = {
    "cash": "现金",
    "wechat": "微信支付",
    "alipay": "支付宝",
    "unionpay": "银联卡",
    "transfer": "银行转账",
    "prepay": "预存款",
}
STATUS_LABELS: Final = {"completed": "", "voided": "已作废", "refunded": "已退款"}
_FORMAT_VERSION: Final = 1


def char_width(ch: str) -> int:
    """Columns one character takes: 2 for wide/full-width, 0 for combining, else 1."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced font where Chinese is double width."""
    return sum(char_width(ch) for ch in text)


def pad_to(text: str, width: int) -> str:
    """``text`` padded with spaces on the right to ``width`` columns."""
    return text + " " * max(0, width - display_width(text))


def wrap_to(text: str, width: int, indent: str = "") -> list[str]:
    """Break ``text`` into lines of at most ``width`` columns (continuations indented).

    Breaks between characters, preferring the last space for Latin text, and
    never splits a double-width character across lines.
    """
    lines: list[str] = []
    current = ""
    used = 0
    for ch in text:
        w = char_width(ch)
        if used + w > width and current.strip():
            cut = current.rfind(" ")
            if ch != " " and cut > len(indent) and display_width(current[cut + 1 :]) < width // 2:
                lines.append(current[:cut].rstrip())
                current = indent + current[cut + 1 :]
            else:
                lines.append(current.rstrip())
                current = indent
            used = display_width(current)
            if ch == " ":
                continue
        current += ch
        used += w
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def _pair(left: str, right: str, width: int) -> list[str]:
    """``left`` and ``right`` on one line, right-aligned; on two if they don't fit."""
    gap = width - display_width(left) - display_width(right)
    if gap >= 1:
        return [left + " " * gap + right]
    lines = wrap_to(left, width, "  ")
    return [*lines, " " * max(0, width - display_width(right)) + right]


def _center(text: str, width: int) -> str:
    pad = max(0, (width - display_width(text)) // 2)
    return " " * pad + text


def _yuan(fen: int) -> str:
    return format_fen(fen, symbol="")


@dataclass(frozen=True)
class ReceiptLine:
    """One fee on the receipt, with the standard that explains it."""

    item: str
    period: str
    standard: str
    amount_fen: int
    late_fee_fen: int


@dataclass(frozen=True)
class ReceiptContent:
    """Everything printed on a receipt.

    ``total_fen`` is what the owner paid (the lines, plus cash rounding, plus any
    overpayment kept as credit) and equals the sum of ``methods``
    (label, fen, reference). ``tendered_fen`` and ``change_fen`` are the cash
    handed over and given back (both 0 without cash). ``due_fen`` is the sum of
    the lines and late fees, ``credit_added_fen`` the overpayment kept as
    prepayment credit.
    """

    receipt_no: str
    estate: str
    desk: str
    cashier_staff_no: str
    cashier_name: str
    issued_at: datetime
    room: str
    owner: str
    lines: tuple[ReceiptLine, ...]
    total_fen: int
    methods: tuple[tuple[str, int, str], ...]
    tendered_fen: int
    change_fen: int
    prepay_balance_after_fen: int
    rounding_fen: int
    status: str = "completed"
    due_fen: int = 0
    credit_added_fen: int = 0

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None:
            raise ValueError("issued_at must be timezone-aware")
        if self.status not in STATUS_LABELS:
            raise ValueError(f"unknown receipt status {self.status!r}")

    def with_status(self, status: str) -> ReceiptContent:
        return replace(self, status=status)

    # ------------------------------------------------------------ JSON

    def to_json(self) -> str:
        """Compact JSON (UTF-8 text, Chinese kept readable)."""
        data: dict[str, Any] = asdict(self)
        data["issued_at"] = self.issued_at.isoformat()
        data["v"] = _FORMAT_VERSION
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ReceiptContent:
        """Read what ``to_json`` wrote. Raises ValueError on anything else."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.pop("v", None) != _FORMAT_VERSION:
                raise ValueError("not a receipt (unknown format version)")
            data["issued_at"] = datetime.fromisoformat(data["issued_at"])
            data["lines"] = tuple(ReceiptLine(**line) for line in data["lines"])
            data["methods"] = tuple(
                (str(label), int(fen), str(ref)) for label, fen, ref in data["methods"]
            )
            known = {f.name for f in fields(cls)}
            return cls(**{k: v for k, v in data.items() if k in known})
        except (KeyError, TypeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not a receipt: {exc}") from exc

    # ------------------------------------------------------------ text

    def text_lines(self, width: int = 32, *, tz: tzinfo | None = None) -> list[str]:
        """The receipt as plain text lines of at most ``width`` columns.

        Times are shown in ``tz`` (default: the computer's local time zone).
        """
        if width < 20:
            raise ValueError("width must be at least 20 columns")
        rule = "-" * width
        out = [_center(self.estate, width), _center("物业服务收费票据", width)]
        mark = STATUS_LABELS[self.status]
        if mark:
            out.append(_center(f"【{mark}】", width))
        local = self.issued_at.astimezone(tz)
        for label, value in (
            ("票据号", self.receipt_no),
            ("时间", local.strftime("%Y-%m-%d %H:%M")),
            ("窗口", self.desk),
            ("收费员", f"{self.cashier_staff_no} {self.cashier_name}".strip()),
            ("房号", self.room),
            ("业主", self.owner),
        ):
            out.extend(wrap_to(f"{label}：{value}", width, "  "))
        out.append(rule)
        for line in self.lines:
            out.extend(_pair(f"{line.item} {line.period}".strip(), _yuan(line.amount_fen), width))
            if line.standard:
                out.extend(wrap_to("  " + line.standard, width, "    "))
            if line.late_fee_fen:
                out.extend(_pair("  滞纳金", _yuan(line.late_fee_fen), width))
        out.append(rule)
        if self.rounding_fen or self.credit_added_fen:
            out.extend(_pair("应收合计", _yuan(self.due_fen), width))
        if self.rounding_fen:
            sign = "+" if self.rounding_fen > 0 else ""
            out.extend(_pair("现金取整", sign + _yuan(self.rounding_fen), width))
        if self.credit_added_fen:
            out.extend(_pair("存入预存款", _yuan(self.credit_added_fen), width))
        out.extend(_pair("实收合计", format_fen(self.total_fen), width))
        for label, fen, reference in self.methods:
            out.extend(_pair(f"  {label}", _yuan(fen), width))
            if reference:
                out.extend(wrap_to(f"    参考号：{reference}", width, "      "))
        if self.tendered_fen:
            out.extend(_pair("收现金", _yuan(self.tendered_fen), width))
            out.extend(_pair("找零", _yuan(self.change_fen), width))
        out.extend(_pair("预存款余额", _yuan(self.prepay_balance_after_fen), width))
        out.append(rule)
        return out
