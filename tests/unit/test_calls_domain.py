"""Overdue-fee call rules: selection, queue order, the calling window, outcomes, promises."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from frontdesk.config import CallSettings, OfficeSettings
from frontdesk.domain.calls import (
    Arrears,
    Attempt,
    CallError,
    SelectionRules,
    calling_window,
    check_attempt,
    follow_up_time,
    in_window,
    next_step,
    promise_broken,
    propose_slots,
    qualifies,
    retry_time,
    select_households,
)
from frontdesk.domain.workcalendar import CalendarError, OfficeCalendar

# 2026-11-30 is a Monday; 2026-12-04 a Friday.
MON = date(2026, 11, 30)
WED = date(2026, 12, 2)
FRI = date(2026, 12, 4)
SAT = date(2026, 12, 5)
NEXT_MON = date(2026, 12, 7)
BIG = 100_000_000


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm))


@pytest.fixture
def window() -> OfficeCalendar:
    return calling_window(OfficeCalendar.from_settings(OfficeSettings()), 10)


# ---------------------------------------------------------------- selection


def test_rules_come_from_the_settings() -> None:
    rules = SelectionRules.from_settings(CallSettings(min_days_overdue=10, min_amount_yuan=50))
    assert rules == SelectionRules(min_days_overdue=10, min_amount_fen=5000)


def test_a_household_qualifies_at_exactly_the_thresholds() -> None:
    rules = SelectionRules(min_days_overdue=30, min_amount_fen=10_000)
    due = date(2026, 11, 2)
    assert qualifies(Arrears(1, 10_000, due), date(2026, 12, 2), rules)  # 30 days, ¥100
    assert not qualifies(Arrears(1, 9_999, due), date(2026, 12, 2), rules)
    assert not qualifies(Arrears(1, 10_000, due), date(2026, 12, 1), rules)  # 29 days
    assert not qualifies(Arrears(1, 0, due), date(2027, 1, 1), SelectionRules(0, 0))


def test_the_queue_sorts_by_amount_then_age_and_leaves_out_excluded() -> None:
    rules = SelectionRules(min_days_overdue=30, min_amount_fen=10_000)
    rows = [
        Arrears(1, 20_000, date(2026, 9, 15)),
        Arrears(2, 50_000, date(2026, 10, 15)),
        Arrears(3, 20_000, date(2026, 8, 15)),  # same amount, older: before 1
        Arrears(4, 90_000, date(2026, 11, 25)),  # too recent
        Arrears(5, 5_000, date(2026, 1, 15)),  # too small
        Arrears(6, 80_000, date(2026, 1, 15)),  # excluded (promise / visit / open call)
    ]
    chosen = select_households(rows, WED, rules, exclude={6})
    assert [a.household_id for a in chosen] == [2, 3, 1]


# ---------------------------------------------------------------- the calling window


def test_the_window_opens_ten_minutes_late_and_closes_ten_minutes_early(
    window: OfficeCalendar,
) -> None:
    assert not in_window(window, at(WED, 9, 0))
    assert not in_window(window, at(WED, 9, 9))
    assert in_window(window, at(WED, 9, 10))
    assert in_window(window, at(WED, 11, 59))
    assert not in_window(window, at(WED, 12, 0))  # lunch
    assert not in_window(window, at(WED, 13, 29))
    assert in_window(window, at(WED, 13, 30))
    assert in_window(window, at(WED, 17, 49))
    assert not in_window(window, at(WED, 17, 50))
    assert not in_window(window, at(SAT, 10, 0))


def test_a_margin_that_leaves_no_time_is_refused() -> None:
    with pytest.raises(CalendarError):
        calling_window(OfficeCalendar.from_settings(OfficeSettings()), 300)


def test_slots_are_spread_and_skip_lunch(window: OfficeCalendar) -> None:
    slots = propose_slots(window, at(WED, 11, 50), 4, slot_minutes=5)
    assert slots == [at(WED, 11, 50), at(WED, 11, 55), at(WED, 13, 30), at(WED, 13, 35)]


def test_slots_start_at_the_window_opening_before_hours(window: OfficeCalendar) -> None:
    assert propose_slots(window, at(WED, 7, 3), 2) == [at(WED, 9, 10), at(WED, 9, 15)]
    # Seconds round up to the next whole minute.
    assert propose_slots(window, datetime(2026, 12, 2, 10, 0, 30), 1) == [at(WED, 10, 1)]


def test_slots_run_over_the_day_end_into_the_next_working_day(window: OfficeCalendar) -> None:
    slots = propose_slots(window, at(FRI, 17, 40), 3, slot_minutes=5)
    # 17:40, 17:45, and not 17:50 (closing) but Monday at the window opening.
    assert slots == [at(FRI, 17, 40), at(FRI, 17, 45), at(NEXT_MON, 9, 10)]


def test_slots_skip_weekends_and_holidays() -> None:
    office = OfficeSettings(holidays=["2026-12-07"])
    window = calling_window(OfficeCalendar.from_settings(office), 10)
    assert propose_slots(window, at(SAT, 10, 0), 1) == [at(date(2026, 12, 8), 9, 10)]


def test_slots_use_an_extra_working_day() -> None:
    office = OfficeSettings(extra_working_days=["2026-12-05"])
    window = calling_window(OfficeCalendar.from_settings(office), 10)
    assert propose_slots(window, at(FRI, 18, 0), 1) == [at(SAT, 9, 10)]


def test_slot_arguments_are_checked(window: OfficeCalendar) -> None:
    with pytest.raises(ValueError):
        propose_slots(window, at(WED, 10), 1, slot_minutes=0)
    with pytest.raises(ValueError):
        propose_slots(window, at(WED, 10), -1)
    assert propose_slots(window, at(WED, 10), 0) == []


def test_retry_counts_window_hours_across_lunch_and_day_end(window: OfficeCalendar) -> None:
    # 11:00 + 4 h of window time: 1 h to lunch, 3 h from 13:30 = 16:30.
    assert retry_time(window, at(WED, 11, 0), 4) == at(WED, 16, 30)
    # 16:50 + 4 h: 1 h to 17:50, then 09:10–12:00 (2 h 50), then 13:30 + 10 min.
    assert retry_time(window, at(WED, 16, 50), 4) == at(date(2026, 12, 3), 13, 40)
    # Friday afternoon runs into Monday.
    assert retry_time(window, at(FRI, 17, 0), 1) == at(NEXT_MON, 9, 20)
    # Ending exactly at a closing time moves on to the next opening.
    assert retry_time(window, at(WED, 16, 50), 1) == at(date(2026, 12, 3), 9, 10)
    # A call made in the lunch break counts from 13:30.
    assert retry_time(window, at(WED, 12, 30), 1) == at(WED, 14, 30)


def test_follow_up_is_the_first_window_moment_after_the_promised_day(
    window: OfficeCalendar,
) -> None:
    assert follow_up_time(window, WED, at(WED, 15)) == at(date(2026, 12, 3), 9, 10)
    assert follow_up_time(window, FRI, at(FRI, 15)) == at(NEXT_MON, 9, 10)
    # Noticed late (the app was not started): now, if in the window.
    assert follow_up_time(window, MON, at(FRI, 10, 30)) == at(FRI, 10, 30)


# ---------------------------------------------------------------- attempts


def _step(window: OfficeCalendar, attempt: Attempt, made: int = 1, overdue: bool = True) -> object:
    return next_step(
        attempt,
        attempts_made=made,
        max_attempts=3,
        window=window,
        retry_after_hours=4,
        still_overdue=overdue,
    )


def test_no_answer_is_retried_until_the_maximum(window: OfficeCalendar) -> None:
    first = _step(window, Attempt("no_answer", at(WED, 10)), made=1)
    assert first.status == "open" and first.scheduled_at == at(WED, 15, 30)
    assert _step(window, Attempt("no_answer", at(WED, 10)), made=2).status == "open"
    last = _step(window, Attempt("no_answer", at(WED, 10)), made=3)
    assert last.status == "unreachable" and last.scheduled_at is None


def test_each_other_outcome_and_its_next_step(window: OfficeCalendar) -> None:
    when = at(WED, 10)
    assert _step(window, Attempt("wrong_number", when)).status == "wrong_number"
    refused = _step(window, Attempt("refused", when))
    assert (refused.status, refused.escalation) == ("escalated", "refused")
    claimed = _step(window, Attempt("already_paid", when), overdue=True)
    assert (claimed.status, claimed.escalation) == ("escalated", "claimed_paid")
    assert _step(window, Attempt("already_paid", when), overdue=False).status == "paid"
    promise = Attempt("promise", when, promised_on=FRI, promised_fen=10_000)
    assert _step(window, promise).status == "promised"
    with pytest.raises(CallError):
        _step(window, Attempt("maybe", when))


def test_a_promise_needs_a_date_not_in_the_past_and_an_amount(window: OfficeCalendar) -> None:
    when = at(WED, 10)

    def check(attempt: Attempt) -> None:
        check_attempt(attempt, window, today=WED, max_amount_fen=BIG)

    check(Attempt("promise", when, promised_on=WED, promised_fen=1))  # today is fine
    with pytest.raises(CallError, match="已经过去"):
        check(Attempt("promise", when, promised_on=MON, promised_fen=10_000))
    with pytest.raises(CallError, match="承诺日期"):
        check(Attempt("promise", when, promised_fen=10_000))
    with pytest.raises(CallError, match="大于 0"):
        check(Attempt("promise", when, promised_on=FRI, promised_fen=0))
    with pytest.raises(CallError, match="最大金额"):
        check(Attempt("promise", when, promised_on=FRI, promised_fen=BIG + 1))
    with pytest.raises(CallError, match="未知"):
        check(Attempt("later", when))
    with pytest.raises(CallError, match="500"):
        check(Attempt("no_answer", when, note="长" * 501))


def test_a_call_outside_the_window_needs_a_reason(window: OfficeCalendar) -> None:
    for moment in (at(WED, 9, 5), at(WED, 12, 30), at(WED, 17, 55), at(SAT, 10)):
        with pytest.raises(CallError, match="原因"):
            check_attempt(Attempt("no_answer", moment), window, today=WED, max_amount_fen=BIG)
        with pytest.raises(CallError, match="原因"):
            check_attempt(
                Attempt("no_answer", moment, reason="   "), window, today=WED, max_amount_fen=BIG
            )
        check_attempt(
            Attempt("no_answer", moment, reason="业主要求午休时回电"),
            window,
            today=WED,
            max_amount_fen=BIG,
        )


# ---------------------------------------------------------------- promises


def test_a_promise_is_checked_the_day_after_the_promised_date() -> None:
    assert promise_broken(WED, 10_000, 0, 10_000, WED) is None
    assert promise_broken(WED, 10_000, 0, 10_000, date(2026, 12, 3)) is True
    assert promise_broken(WED, 10_000, 9_999, 10_000, date(2026, 12, 3)) is True
    assert promise_broken(WED, 10_000, 10_000, 5_000, date(2026, 12, 3)) is False
    assert promise_broken(WED, 10_000, 0, 0, date(2026, 12, 3)) is False  # paid up otherwise
