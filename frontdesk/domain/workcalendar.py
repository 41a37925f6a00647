"""The office's working calendar: working days, opening hours, lunch break, holidays.

Service deadlines ("answer within 2 hours", "3 working days") and the calling
window for overdue-fee calls are counted in this calendar. Everything here
works on **naive local wall-clock datetimes** (the office's time); services
convert from and to the stored UTC values at their edge (``to_local`` /
``from_local``).

A day's open time is one or two periods: opening to lunch, and lunch to
closing (one period when there is no lunch break). Time outside them does not
count: two working hours from 11:30 with lunch 12:00–13:30 end at 15:00.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol

MAX_SEARCH_DAYS = 3660
"""How far the calendar looks for the next working day before giving up (ten years)."""


class CalendarError(ValueError):
    """A calendar setting that cannot work; ``key`` names the setting."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


class _OfficeSettingsLike(Protocol):
    working_days: list[int]
    opens: str
    closes: str
    lunch_start: str
    lunch_end: str
    holidays: list[str]
    extra_working_days: list[str]


def parse_clock(text: str, key: str | None = None) -> time:
    """``"09:00"`` → ``time(9, 0)``; ``"24:00"`` is refused (use ``"23:59"``).

    Raises:
        CalendarError: not ``HH:MM``.
    """
    parts = text.strip().split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise CalendarError(f"{key or 'time'} must be a time like 09:00, not {text!r}", key)
    hour, minute = int(parts[0]), int(parts[1])
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise CalendarError(f"{key or 'time'} must be a time like 09:00, not {text!r}", key)
    return time(hour, minute)


def _parse_dates(values: Iterable[str], key: str) -> frozenset[date]:
    found = set()
    for value in values:
        try:
            found.add(date.fromisoformat(value.strip()))
        except ValueError:
            raise CalendarError(f"{key}: {value!r} is not a date like 2026-10-01", key) from None
    return frozenset(found)


@dataclass(frozen=True)
class OfficeCalendar:
    """When the office works.

    Attributes:
        working_days: ISO weekdays the office opens (1 = Monday).
        opens / closes: opening and closing time.
        lunch: the lunch break (start, end), or None.
        holidays: dates closed although a working weekday.
        extra_working_days: dates open although not a working weekday (调休).
    """

    working_days: frozenset[int] = frozenset({1, 2, 3, 4, 5})
    opens: time = time(9, 0)
    closes: time = time(18, 0)
    lunch: tuple[time, time] | None = (time(12, 0), time(13, 30))
    holidays: frozenset[date] = field(default_factory=frozenset)
    extra_working_days: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not self.working_days and not self.extra_working_days:
            raise CalendarError("working_days must name at least one day", "working_days")
        bad = sorted(d for d in self.working_days if not 1 <= d <= 7)
        if bad:
            raise CalendarError(
                f"working_days are 1 (Monday) to 7 (Sunday), not {bad}", "working_days"
            )
        if self.opens >= self.closes:
            raise CalendarError("opens must be before closes", "closes")
        if self.lunch is not None:
            start, end = self.lunch
            if start > end:
                raise CalendarError("lunch_start must not be after lunch_end", "lunch_end")
            if start < self.opens or end > self.closes:
                raise CalendarError("the lunch break must lie within opening hours", "lunch_start")
            if start == end:
                object.__setattr__(self, "lunch", None)

    @classmethod
    def from_settings(cls, office: _OfficeSettingsLike) -> OfficeCalendar:
        """Build from ``Config.office``; an empty lunch start or end means no break.

        Raises:
            CalendarError: a value that cannot work (its ``key`` names it).
        """
        lunch = None
        if office.lunch_start.strip() and office.lunch_end.strip():
            lunch = (
                parse_clock(office.lunch_start, "lunch_start"),
                parse_clock(office.lunch_end, "lunch_end"),
            )
        return cls(
            working_days=frozenset(office.working_days),
            opens=parse_clock(office.opens, "opens"),
            closes=parse_clock(office.closes, "closes"),
            lunch=lunch,
            holidays=_parse_dates(office.holidays, "holidays"),
            extra_working_days=_parse_dates(office.extra_working_days, "extra_working_days"),
        )

    # -- days -------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """True if the office opens on ``day``."""
        if day in self.extra_working_days:
            return True
        return day.isoweekday() in self.working_days and day not in self.holidays

    def next_working_day(self, day: date, *, include: bool = False) -> date:
        """The first working day after ``day`` (or ``day`` itself with ``include``)."""
        current = day if include else day + timedelta(days=1)
        for _ in range(MAX_SEARCH_DAYS):
            if self.is_working_day(current):
                return current
            current += timedelta(days=1)
        raise CalendarError("no working day within ten years: check the calendar settings")

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``(start, end]``: 1 from a Friday to the next Monday."""
        if end <= start:
            return 0
        return sum(
            1
            for n in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=n))
        )

    # -- hours ------------------------------------------------------------

    def periods(self, day: date) -> list[tuple[datetime, datetime]]:
        """The open periods of ``day`` (empty on a day off), in order."""
        if not self.is_working_day(day):
            return []
        opens = datetime.combine(day, self.opens)
        closes = datetime.combine(day, self.closes)
        if self.lunch is None:
            return [(opens, closes)]
        lunch_start = datetime.combine(day, self.lunch[0])
        lunch_end = datetime.combine(day, self.lunch[1])
        return [(a, b) for a, b in ((opens, lunch_start), (lunch_end, closes)) if a < b]

    def _periods_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Open periods that end after ``moment``, the first clipped to start at it."""
        day = moment.date()
        for _ in range(MAX_SEARCH_DAYS):
            for start, end in self.periods(day):
                if end > moment:
                    yield max(start, moment), end
            day += timedelta(days=1)
        raise CalendarError("no open time within ten years: check the calendar settings")

    def is_open(self, moment: datetime) -> bool:
        """True if ``moment`` lies in an open period (opening included, closing excluded)."""
        return any(start <= moment < end for start, end in self.periods(moment.date()))

    def next_open(self, moment: datetime) -> datetime:
        """``moment`` if the office is open then, else the next opening."""
        start, _end = next(self._periods_from(moment))
        return start

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The moment ``amount`` of open time after ``start``.

        A deadline that ends exactly at a closing time stays there (not at the
        next opening): 2 hours from 16:00 with closing at 18:00 is 18:00.
        """
        if amount < timedelta(0):
            raise ValueError("amount must not be negative")
        if amount == timedelta(0):
            return start
        left = amount
        for period_start, period_end in self._periods_from(start):
            length = period_end - period_start
            if left <= length:
                return period_start + left
            left -= length
        raise AssertionError("unreachable")  # pragma: no cover

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """The same clock time ``days`` working days after ``start``.

        A start outside opening hours counts from the next opening, so a
        matter received on Saturday with 3 working days is due on Thursday at
        opening time (Monday 09:00 + 3 working days).
        """
        if days < 0:
            raise ValueError("days must not be negative")
        begin = self.next_open(start)
        day = begin.date()
        for _ in range(days):
            day = self.next_working_day(day)
        return datetime.combine(day, begin.time())

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Open time in ``[start, end)``: how late, in office hours, ``end`` is after ``start``."""
        total = timedelta(0)
        if end <= start:
            return total
        for period_start, period_end in self._periods_from(start):
            if period_start >= end:
                break
            total += min(period_end, end) - period_start
        return total

    # -- derived calendars --------------------------------------------------

    def narrowed(self, minutes: int) -> OfficeCalendar:
        """This calendar opening ``minutes`` later and closing ``minutes`` earlier.

        The calling window: from 10 minutes after the other party's working
        day starts to 10 minutes before it ends, never in the lunch break.

        Raises:
            CalendarError: the margins leave no time in the day.
        """
        if minutes < 0:
            raise CalendarError("the margin must not be negative", "window_margin_minutes")
        opens = datetime.combine(date.min, self.opens) + timedelta(minutes=minutes)
        closes = datetime.combine(date.min, self.closes) - timedelta(minutes=minutes)
        if opens >= closes or opens.date() != date.min or closes.date() != date.min:
            raise CalendarError("the margins leave no time to call", "window_margin_minutes")
        lunch = self.lunch
        if lunch is not None:
            start, end = max(lunch[0], opens.time()), min(lunch[1], closes.time())
            lunch = (start, end) if start < end else None
        return replace(self, opens=opens.time(), closes=closes.time(), lunch=lunch)


# -- wall clock ↔ stored UTC -------------------------------------------------


def local_zone() -> tzinfo:
    """This computer's time zone (the office's local time)."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


def to_local(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """An aware datetime as naive local wall-clock time."""
    if moment.tzinfo is None:
        raise ValueError("to_local needs an aware datetime")
    return moment.astimezone(zone or local_zone()).replace(tzinfo=None)


def from_local(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """Naive local wall-clock time as an aware UTC datetime."""
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    if zone is None:
        return moment.astimezone().astimezone(UTC)  # the system's rules, DST included
    return moment.replace(tzinfo=zone).astimezone(UTC)
