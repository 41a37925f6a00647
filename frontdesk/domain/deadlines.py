"""Service deadlines: ``"2h"``, ``"24h"``, ``"3wd"``, ``"24ch"`` and how late a matter is.

* ``<n>h`` — hours of office time (working days, opening hours, no lunch break,
  no holidays): 2 hours from 11:30 with lunch 12:00–13:30 end at 15:00;
* ``<n>wd`` — working days: the same clock time ``n`` working days later
  (counted from the next opening when received outside office hours);
* ``<n>ch`` — clock hours, round the clock.

Times are naive local wall-clock datetimes, as in
:mod:`frontdesk.domain.workcalendar`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from frontdesk.domain.workcalendar import OfficeCalendar

UNITS: Final = ("h", "wd", "ch")
UNIT_LABELS: Final = {"h": "工作小时", "wd": "个工作日", "ch": "小时（全天计）"}
MAX_AMOUNT: Final = {"h": 24 * 366, "wd": 366, "ch": 24 * 366}

_SPEC = re.compile(r"^\s*(-?[0-9]+)\s*(h|wd|ch)\s*$", re.IGNORECASE)


class DeadlineError(ValueError):
    """A deadline setting that cannot be used; the message says why, in Chinese."""


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline setting: ``amount`` of ``unit`` (``h``, ``wd`` or ``ch``)."""

    amount: int
    unit: str

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"

    def describe(self) -> str:
        """``2 工作小时``, ``3 个工作日``, ``24 小时（全天计）``."""
        return f"{self.amount} {UNIT_LABELS[self.unit]}"

    def due(self, start: datetime, calendar: OfficeCalendar) -> datetime:
        """When something received at ``start`` is due."""
        if self.unit == "ch":
            return start + timedelta(hours=self.amount)
        if self.unit == "wd":
            return calendar.add_working_days(start, self.amount)
        return calendar.add_working_time(start, timedelta(hours=self.amount))

    def random_due(self, start: datetime, calendar: OfficeCalendar, rng: random.Random) -> datetime:
        """A random moment after ``start`` and no later than ``due(start)``.

        Counted in the same time as the deadline (office time for ``h``/``wd``),
        so a random call-back never falls at night or in the lunch break.
        """
        end = self.due(start, calendar)
        fraction = 1.0 - rng.random()  # (0, 1]
        if self.unit == "ch":
            return start + (end - start) * fraction
        span = calendar.working_time_between(start, end)
        offset = timedelta(seconds=round(span.total_seconds() * fraction))
        return calendar.add_working_time(start, offset)

    def lateness(self, deadline: datetime, end: datetime, calendar: OfficeCalendar) -> timedelta:
        """How late ``end`` is after ``deadline`` (zero if on time), in the deadline's time."""
        if end <= deadline:
            return timedelta(0)
        if self.unit == "ch":
            return end - deadline
        return calendar.working_time_between(deadline, end)


def parse_deadline(text: str, key: str = "deadline") -> Deadline:
    """``"2h"`` → ``Deadline(2, "h")``.

    Raises:
        DeadlineError: not ``<n>h``/``<n>wd``/``<n>ch``, zero, negative or absurdly long.
    """
    if not isinstance(text, str):
        raise DeadlineError(f'{key} 须写成文字，如 "2h"、"3wd"、"24ch"。')
    match = _SPEC.match(text)
    if match is None:
        raise DeadlineError(
            f"{key} 的时限“{text}”无法识别：请写成 2h（工作小时）、3wd（工作日）"
            "或 24ch（全天小时）。"
        )
    amount, unit = int(match.group(1)), match.group(2).lower()
    if amount <= 0:
        raise DeadlineError(f"{key} 的时限必须大于零（收到“{text}”）。")
    if amount > MAX_AMOUNT[unit]:
        raise DeadlineError(f"{key} 的时限“{text}”太长，超过一年。")
    return Deadline(amount, unit)


def format_duration(delta: timedelta) -> str:
    """``2小时15分``, ``3天2小时`` (days only past 24 h), ``5分`` — whole minutes."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days}天")
    if hours:
        parts.append(f"{hours}小时")
    if mins and not days:
        parts.append(f"{mins}分")
    return "".join(parts) or "0分"
