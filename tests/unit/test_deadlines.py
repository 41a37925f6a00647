"""Deadline settings and due times in office hours."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from frontdesk.domain.deadlines import Deadline, DeadlineError, format_duration, parse_deadline
from frontdesk.domain.workcalendar import OfficeCalendar

CAL = OfficeCalendar()  # Mon–Fri 09:00–18:00, lunch 12:00–13:30


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2h", Deadline(2, "h")),
        (" 24H ", Deadline(24, "h")),
        ("3wd", Deadline(3, "wd")),
        ("24ch", Deadline(24, "ch")),
    ],
)
def test_parse(text: str, expected: Deadline) -> None:
    assert parse_deadline(text) == expected


@pytest.mark.parametrize(
    "text", ["0h", "-2h", "0wd", "-1ch", "2", "h", "2 hours", "", "1.5h", "99999wd"]
)
def test_parse_refuses_zero_negative_and_garbage(text: str) -> None:
    with pytest.raises(DeadlineError, match="simple_complaint"):
        parse_deadline(text, "simple_complaint")


def test_office_hours_skip_lunch_and_night() -> None:
    # Wednesday 11:30 + 2 office hours: 30 min before lunch, 90 after → 15:00
    assert Deadline(2, "h").due(datetime(2026, 12, 2, 11, 30), CAL) == datetime(2026, 12, 2, 15, 0)
    # Friday 17:00 + 2h → Monday 10:00
    assert Deadline(2, "h").due(datetime(2026, 12, 4, 17, 0), CAL) == datetime(2026, 12, 7, 10, 0)
    # 24 office hours from Monday 09:00: 7.5 h a day → Thursday 10:30
    assert Deadline(24, "h").due(datetime(2026, 11, 30, 9, 0), CAL) == datetime(2026, 12, 3, 10, 30)


def test_working_days_and_clock_hours() -> None:
    saturday = datetime(2026, 12, 5, 10, 0)
    assert Deadline(3, "wd").due(saturday, CAL) == datetime(2026, 12, 10, 9, 0)
    assert Deadline(24, "ch").due(saturday, CAL) == datetime(2026, 12, 6, 10, 0)


def test_holidays_count() -> None:
    cal = OfficeCalendar(holidays=frozenset({datetime(2026, 12, 3).date()}))
    # Wednesday 17:00 + 2h: 1 h Wednesday, Thursday is a holiday → Friday 10:00
    assert Deadline(2, "h").due(datetime(2026, 12, 2, 17, 0), cal) == datetime(2026, 12, 4, 10, 0)


def test_lateness_in_office_time() -> None:
    deadline = datetime(2026, 12, 2, 17, 0)
    assert Deadline(2, "h").lateness(deadline, datetime(2026, 12, 3, 10, 0), CAL) == timedelta(
        hours=2
    )
    assert Deadline(2, "h").lateness(deadline, datetime(2026, 12, 2, 16, 0), CAL) == timedelta(0)
    assert Deadline(2, "ch").lateness(deadline, datetime(2026, 12, 3, 10, 0), CAL) == timedelta(
        hours=17
    )


def test_random_due_stays_in_window_and_office_hours() -> None:
    rng = random.Random(7)
    start = datetime(2026, 12, 2, 16, 0)
    spec = Deadline(48, "h")
    end = spec.due(start, CAL)
    seen = {spec.random_due(start, CAL, rng) for _ in range(200)}
    assert all(start < t <= end for t in seen)
    assert all(CAL.is_open(t) or t == end for t in seen)
    assert len(seen) > 150
    # The same seed gives the same moment (injectable for tests).
    assert spec.random_due(start, CAL, random.Random(1)) == spec.random_due(
        start, CAL, random.Random(1)
    )


def test_format_duration() -> None:
    assert format_duration(timedelta(hours=2, minutes=15)) == "2小时15分"
    assert format_duration(timedelta(minutes=5)) == "5分"
    assert format_duration(timedelta(days=3, hours=2, minutes=7)) == "3天2小时"
    assert format_duration(timedelta(seconds=30)) == "0分"
