"""Visitor log rules: purposes, phone numbers, the automatic sign-out hour, retention.

Pure functions on plain values; the services store what these return.
Times handed in and out here are naive local wall-clock times, like
:mod:`frontdesk.domain.workcalendar`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, time, timedelta
from typing import Final

from frontdesk.domain.workcalendar import parse_clock

__all__ = [
    "MAX_NAME_CHARS",
    "MAX_NOTES_CHARS",
    "MAX_PEOPLE",
    "MAX_PLATE_CHARS",
    "MAX_ROOM_CHARS",
    "PURPOSES",
    "PURPOSE_LABELS",
    "VisitorRuleError",
    "auto_sign_out_cutoff",
    "check_name",
    "check_notes",
    "check_people",
    "check_plate",
    "check_purpose",
    "check_room_text",
    "normalise_phone",
    "parse_sign_out_hour",
    "phone_digits",
    "phone_query_digits",
    "retention_cutoff",
]

PURPOSES: Final = (
    "fee",
    "enquiry",
    "complaint",
    "repair",
    "delivery",
    "guest",
    "contractor",
    "other",
)
"""Why someone came, in the order the sign-in form offers them."""

PURPOSE_LABELS: Final = {
    "fee": "缴费",
    "enquiry": "咨询",
    "complaint": "投诉",
    "repair": "报修",
    "delivery": "快递/取送",
    "guest": "业主访客",
    "contractor": "施工/维修单位",
    "other": "其他",
}

MIN_PHONE_DIGITS: Final = 7
MAX_PHONE_DIGITS: Final = 15
MAX_NAME_CHARS: Final = 64
MAX_ROOM_CHARS: Final = 64
MAX_PLATE_CHARS: Final = 16
MAX_NOTES_CHARS: Final = 500
MAX_PEOPLE: Final = 99

_PHONE_SEPARATORS: Final = re.compile(r"[\s\-‐‑‒–—―−().]")
_PLATE_SPACES: Final = re.compile(r"[\s·•.\-]")


class VisitorRuleError(ValueError):
    """Input that breaks a visitor rule; the message is a Chinese sentence for the clerk."""


def normalise_phone(raw: str) -> str:
    """A phone number as stored: its digits, with a leading ``+`` if one was typed.

    Full-width characters are folded (NFKC); spaces, dashes, dots and brackets
    between the digits are dropped. A number has 7–15 digits.

    Raises:
        VisitorRuleError: nothing typed, a letter or other sign, a ``+`` not at the
            start, or too few or too many digits.
    """
    s = unicodedata.normalize("NFKC", raw).strip()
    if not s:
        raise VisitorRuleError("请填写访客的电话号码。")
    compact = _PHONE_SEPARATORS.sub("", s)
    plus = compact.startswith("+")
    digits = compact[1:] if plus else compact
    if not digits.isascii() or not digits.isdigit():
        raise VisitorRuleError(
            f"“{raw.strip()}”不是电话号码：只能有数字（可以 + 开头），7 到 15 位。"
        )
    if not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
        raise VisitorRuleError(f"电话号码“{raw.strip()}”有 {len(digits)} 位数字，应为 7 到 15 位。")
    return ("+" if plus else "") + digits


def phone_digits(number: str) -> str:
    """The digits of a stored number (``+8613800001234`` → ``8613800001234``)."""
    return "".join(ch for ch in number if ch.isascii() and ch.isdigit())


def phone_query_digits(raw: str) -> str:
    """What a clerk typed in a phone filter, as digits only (full-width folded)."""
    return phone_digits(unicodedata.normalize("NFKC", raw))


def check_name(raw: str) -> str:
    """The visitor's name, trimmed, inner runs of spaces made one.

    Raises:
        VisitorRuleError: empty or longer than 64 characters.
    """
    name = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", raw)).strip()
    if not name:
        raise VisitorRuleError("请填写访客姓名。")
    if len(name) > MAX_NAME_CHARS:
        raise VisitorRuleError(f"访客姓名太长（{len(name)} 个字），最多 {MAX_NAME_CHARS} 个字。")
    return name


def check_room_text(raw: str) -> str:
    """A room or department as free text, trimmed.

    Raises:
        VisitorRuleError: empty or longer than 64 characters.
    """
    text = re.sub(r"\s+", " ", raw).strip()
    if not text:
        raise VisitorRuleError("请填写到访的房号或部门（如 3-2-1201 或 物业办公室）。")
    if len(text) > MAX_ROOM_CHARS:
        raise VisitorRuleError(f"房号或部门太长，最多 {MAX_ROOM_CHARS} 个字。")
    return text


def check_purpose(purpose: str) -> str:
    """One of :data:`PURPOSES`.

    Raises:
        VisitorRuleError: anything else.
    """
    if purpose not in PURPOSES:
        raise VisitorRuleError(
            f"来访事由“{purpose}”不在列表中，可选：{'、'.join(PURPOSE_LABELS.values())}。"
        )
    return purpose


def check_people(people: int) -> int:
    """How many came together: 1–99.

    Raises:
        VisitorRuleError: fewer than one or more than 99.
    """
    if isinstance(people, bool) or not isinstance(people, int) or not 1 <= people <= MAX_PEOPLE:
        raise VisitorRuleError(f"来访人数应为 1 到 {MAX_PEOPLE} 人。")
    return people


def check_plate(raw: str) -> str:
    """A car plate, upper-cased, without spaces or dots (``京A·12345`` → ``京A12345``).

    Raises:
        VisitorRuleError: longer than 16 characters.
    """
    plate = _PLATE_SPACES.sub("", unicodedata.normalize("NFKC", raw)).upper()
    if len(plate) > MAX_PLATE_CHARS:
        raise VisitorRuleError(f"车牌号太长，最多 {MAX_PLATE_CHARS} 个字符。")
    return plate


def check_notes(raw: str) -> str:
    """Notes, trimmed.

    Raises:
        VisitorRuleError: longer than 500 characters.
    """
    notes = raw.strip()
    if len(notes) > MAX_NOTES_CHARS:
        raise VisitorRuleError(f"备注太长（{len(notes)} 个字），最多 {MAX_NOTES_CHARS} 个字。")
    return notes


def parse_sign_out_hour(text: str) -> time:
    """The ``[reception] auto_sign_out_at`` setting, ``HH:MM``.

    Raises:
        CalendarError: not a time of day (``key`` is ``auto_sign_out_at``).
    """
    return parse_clock(text, "auto_sign_out_at")


def auto_sign_out_cutoff(now: datetime, at: time) -> datetime:
    """The most recent moment, not after ``now``, at which the sign-out hour struck.

    Visitors signed in before it and still in are signed out at that moment.
    A visitor who came after today's hour stays in until tomorrow's.
    """
    today = datetime.combine(now.date(), at)
    return today if today <= now else today - timedelta(days=1)


def retention_cutoff(now: datetime, days: int) -> datetime:
    """Visits signed in before this moment are anonymised (``days`` ≥ 1).

    Raises:
        VisitorRuleError: ``days`` below one.
    """
    if days < 1:
        raise VisitorRuleError("访客记录保留天数至少为 1 天。")
    return now - timedelta(days=days)
