"""Working-day and office-hour arithmetic across lunch, evenings, weekends and holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from frontdesk.config import OfficeSettings
from frontdesk.domain.workcalendar import (
    CalendarError,
    OfficeCalendar,
    from_local,
    parse_clock,
    to_local,
)

CAL = OfficeCalendar(
    holidays=frozenset({date(2026, 10, 1), date(2026, 10, 2)}),
    extra_working_days=frozenset({date(2026, 10, 10)}),
)
# 2026-12-04 is a Friday.
FRI = date(2026, 12, 4)


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm))


def test_defaults_match_the_settings() -> None:
    assert OfficeCalendar.from_settings(OfficeSettings()) == OfficeCalendar()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 4), True),  # Friday
        (date(2026, 12, 5), False),  # Saturday
        (date(2026, 10, 1), False),  # holiday on a Thursday
        (date(2026, 10, 10), True),  # make-up Saturday
    ],
)
def test_working_days(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_open_periods_skip_lunch() -> None:
    assert CAL.periods(FRI) == [(at(FRI, 9), at(FRI, 12)), (at(FRI, 13, 30), at(FRI, 18))]
    assert CAL.is_open(at(FRI, 9))
    assert not CAL.is_open(at(FRI, 12, 30))
    assert not CAL.is_open(at(FRI, 18))
    assert CAL.next_open(at(FRI, 12, 10)) == at(FRI, 13, 30)


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (at(FRI, 10), 2, at(FRI, 12)),  # ends at lunch, stays there
        (at(FRI, 11, 30), 2, at(FRI, 15)),  # across lunch
        (at(FRI, 17), 2, at(date(2026, 12, 7), 10)),  # across the weekend
        (at(FRI, 20), 2, at(date(2026, 12, 7), 11)),  # received after closing
        (at(date(2026, 12, 5), 9), 6, at(date(2026, 12, 7), 16, 30)),  # received Saturday
        (at(date(2026, 9, 30), 17), 2, at(date(2026, 10, 5), 10)),  # holiday + weekend
        (at(FRI, 16), 2, at(FRI, 18)),  # exactly to closing
    ],
)
def test_add_working_hours(start: datetime, hours: int, due: datetime) -> None:
    assert CAL.add_working_time(start, timedelta(hours=hours)) == due


def test_24_working_hours_is_several_days() -> None:
    # 7.5 open hours a day: 24 hours from Monday 09:00 end Thursday 10:30.
    monday = date(2026, 12, 7)
    assert CAL.add_working_time(at(monday, 9), timedelta(hours=24)) == at(
        date(2026, 12, 10), 10, 30
    )


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (at(FRI, 10), 3, at(date(2026, 12, 9), 10)),
        (at(date(2026, 12, 5), 15), 3, at(date(2026, 12, 10), 9)),  # Saturday → from Monday 09:00
        (at(date(2026, 9, 29), 10), 3, at(date(2026, 10, 6), 10)),  # holidays skipped
        (at(FRI, 10), 0, at(FRI, 10)),
    ],
)
def test_add_working_days(start: datetime, days: int, due: datetime) -> None:
    assert CAL.add_working_days(start, days) == due


def test_working_time_between_counts_only_open_time() -> None:
    assert CAL.working_time_between(at(FRI, 11), at(FRI, 14)) == timedelta(hours=1, minutes=30)
    assert CAL.working_time_between(at(FRI, 17), at(date(2026, 12, 7), 10)) == timedelta(hours=2)
    assert CAL.working_time_between(at(FRI, 14), at(FRI, 11)) == timedelta(0)


def test_working_days_between() -> None:
    assert CAL.working_days_between(FRI, date(2026, 12, 7)) == 1
    assert CAL.working_days_between(FRI, FRI) == 0


def test_calling_window_is_narrowed_and_avoids_lunch() -> None:
    window = CAL.narrowed(10)
    assert window.periods(FRI) == [
        (at(FRI, 9, 10), at(FRI, 12)),
        (at(FRI, 13, 30), at(FRI, 17, 50)),
    ]
    assert not window.is_open(at(FRI, 9, 5))
    assert not window.is_open(at(FRI, 17, 55))
    assert window.next_open(at(FRI, 17, 55)) == at(date(2026, 12, 7), 9, 10)
    with pytest.raises(CalendarError):
        CAL.narrowed(600)


def test_no_lunch_break() -> None:
    cal = OfficeCalendar.from_settings(OfficeSettings(lunch_start="", lunch_end=""))
    assert cal.periods(FRI) == [(at(FRI, 9), at(FRI, 18))]


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"opens": "9"}, "opens"),
        ({"closes": "25:00"}, "closes"),
        ({"opens": "18:00", "closes": "09:00"}, "closes"),
        ({"lunch_start": "08:00"}, "lunch_start"),
        ({"working_days": [0, 8]}, "working_days"),
        ({"working_days": []}, "working_days"),
        ({"holidays": ["十月一日"]}, "holidays"),
    ],
)
def test_bad_settings_name_the_key(changes: dict[str, object], key: str) -> None:
    settings = OfficeSettings(**changes)  # type: ignore[arg-type]
    with pytest.raises(CalendarError) as info:
        OfficeCalendar.from_settings(settings)
    assert info.value.key == key


def test_parse_clock() -> None:
    assert parse_clock(" 13:30 ") == time(13, 30)
    with pytest.raises(CalendarError):
        parse_clock("1:3:0")


def test_local_round_trip() -> None:
    beijing = timezone(timedelta(hours=8))
    moment = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
    local = to_local(moment, beijing)
    assert local == datetime(2026, 12, 4, 10, 0)
    assert from_local(local, beijing) == moment
    assert from_local(to_local(moment)) == moment
