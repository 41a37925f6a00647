"""Home fee-collection visits (上门收费): statuses, transitions and booking rules. Pure.

Times here are naive local wall-clock datetimes, like ``OfficeCalendar``'s.

Lifecycle: ``booked`` → ``confirmed`` (phoned the day before) → ``out`` (the
pre-departure call is recorded and the checklist is ticked) → ``done``
(collected) or ``not_home``; ``rescheduled`` and ``cancelled`` end a visit
that has not happened. The four last statuses are final: nothing more may be
recorded on them.

Booking rules: the visit lies in one open period of a working day (not across
the lunch break, not after closing); it is at least ``min_days_ahead`` calendar
days ahead, otherwise it is a short-notice ("same-day") visit that needs a
reason and is marked; it does not come within the travel buffer of the same
person's other live visits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from frontdesk.domain.workcalendar import OfficeCalendar

STATUSES = ("booked", "confirmed", "out", "done", "not_home", "rescheduled", "cancelled")
LIVE_STATUSES = frozenset({"booked", "confirmed", "out"})
"""Visits that still take the person's time (they clash with new bookings)."""
FINAL_STATUSES = frozenset({"done", "not_home", "rescheduled", "cancelled"})

STATUS_LABELS = {
    "booked": "已预约",
    "confirmed": "已确认",
    "out": "已出发",
    "done": "已收费",
    "not_home": "不在家",
    "rescheduled": "已改期",
    "cancelled": "已取消",
}

TRANSITIONS: dict[str, frozenset[str]] = {
    "booked": frozenset({"confirmed", "rescheduled", "cancelled"}),
    "confirmed": frozenset({"out", "rescheduled", "cancelled"}),
    "out": frozenset({"done", "not_home", "rescheduled", "cancelled"}),
    "done": frozenset(),
    "not_home": frozenset(),
    "rescheduled": frozenset(),
    "cancelled": frozenset(),
}

REASONS = ("owner_asked", "transfer_receipt", "overdue")
REASON_LABELS = {
    "owner_asked": "业主要求上门",
    "transfer_receipt": "转账后送票据",
    "overdue": "欠费跟进",
}

DEPARTURE_CALLS = ("done", "no_answer")
DEPARTURE_CALL_LABELS = {"done": "已通话", "no_answer": "无人接听"}

CHECKLIST = ("staff_id", "change", "detector", "receipts", "shoe_covers")
CHECKLIST_LABELS = {
    "staff_id": "工作证",
    "change": "足够的零钱",
    "detector": "验钞器",
    "receipts": "票据",
    "shoe_covers": "鞋套",
}


class VisitRuleError(ValueError):
    """A booking or a step that breaks a rule; the message is for the user (Chinese)."""


@dataclass(frozen=True)
class Slot:
    """Another live visit of the same person: its id, start and length (local time)."""

    visit_id: int
    start: datetime
    minutes: int
    label: str = ""

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class BookingCheck:
    """What booking a visit at a time means: short notice or not, and its clashes."""

    same_day: bool
    clashes: tuple[Slot, ...]


def can_move(current: str, new: str) -> bool:
    """True if a visit in ``current`` may go to ``new``."""
    return new in TRANSITIONS.get(current, frozenset())


def check_move(current: str, new: str) -> None:
    """Raise VisitRuleError unless ``current`` → ``new`` is allowed."""
    if current in FINAL_STATUSES:
        raise VisitRuleError(
            f"该上门收费已{STATUS_LABELS[current]}，不能再登记（{STATUS_LABELS.get(new, new)}）。"
        )
    if not can_move(current, new):
        raise VisitRuleError(
            f"上门收费当前为“{STATUS_LABELS.get(current, current)}”，"
            f"不能直接改为“{STATUS_LABELS.get(new, new)}”。"
        )


def is_short_notice(start: datetime, now: datetime, min_days_ahead: int) -> bool:
    """True if ``start`` is fewer than ``min_days_ahead`` calendar days after ``now``'s date."""
    return (start.date() - now.date()).days < min_days_ahead


def fits_calendar(calendar: OfficeCalendar, start: datetime, minutes: int) -> bool:
    """True if ``[start, start + minutes)`` lies inside one open period of a working day."""
    end = start + timedelta(minutes=minutes)
    return any(a <= start and end <= b for a, b in calendar.periods(start.date()))


def clashes(
    start: datetime, minutes: int, others: Iterable[Slot], buffer_minutes: int
) -> tuple[Slot, ...]:
    """The other visits within ``buffer_minutes`` of ``[start, start + minutes)``."""
    end = start + timedelta(minutes=minutes)
    gap = timedelta(minutes=buffer_minutes)
    return tuple(
        slot
        for slot in sorted(others, key=lambda o: o.start)
        if slot.start - gap < end and start < slot.end + gap
    )


def check_booking(
    *,
    start: datetime,
    now: datetime,
    minutes: int,
    calendar: OfficeCalendar,
    min_days_ahead: int,
    same_day_reason: str,
    others: Sequence[Slot],
    buffer_minutes: int,
    reason: str,
) -> BookingCheck:
    """Check a booking at local ``start`` made at local ``now``.

    Raises:
        VisitRuleError: in the past, outside office hours, short notice without
            a reason, an unknown reason, or a clash with the person's other visits.
    """
    if reason not in REASONS:
        raise VisitRuleError(f"请选择上门原因（{'、'.join(REASON_LABELS.values())}）。")
    if start <= now:
        raise VisitRuleError("上门时间已过，不能预约过去的时间。")
    if not fits_calendar(calendar, start, minutes):
        raise VisitRuleError(
            f"上门时间须在工作日的办公时间内（{calendar.opens:%H:%M}–{calendar.closes:%H:%M}，"
            f"午休不安排），且 {minutes} 分钟内结束。"
        )
    same_day = is_short_notice(start, now, min_days_ahead)
    if same_day and not same_day_reason.strip():
        raise VisitRuleError(
            f"上门收费应至少提前 {min_days_ahead} 天约定；当天（临时）预约必须填写原因。"
        )
    found = clashes(start, minutes, others, buffer_minutes)
    if found:
        listed = "、".join(
            f"{c.start:%m-%d %H:%M}{(' ' + c.label) if c.label else ''}" for c in found
        )
        raise VisitRuleError(
            f"与该员工的其他上门时间冲突（含路上 {buffer_minutes} 分钟）：{listed}。"
        )
    return BookingCheck(same_day=same_day, clashes=())


def next_free_slot(
    *,
    after: datetime,
    calendar: OfficeCalendar,
    minutes: int,
    others: Sequence[Slot],
    buffer_minutes: int,
    step_minutes: int = 30,
    earliest_day: date | None = None,
    max_days: int = 60,
) -> datetime | None:
    """The first start on the ``step_minutes`` grid of an open period, after ``after``.

    Starts from ``earliest_day`` (if later), fits the calendar and clashes with
    none of ``others``; None if nothing is free within ``max_days``.
    """
    day = max(after.date(), earliest_day or after.date())
    step = timedelta(minutes=step_minutes)
    for _ in range(max_days):
        for period_start, period_end in calendar.periods(day):
            candidate = period_start
            while candidate + timedelta(minutes=minutes) <= period_end:
                if (
                    candidate > after
                    and fits_calendar(calendar, candidate, minutes)
                    and not clashes(candidate, minutes, others, buffer_minutes)
                ):
                    return candidate
                candidate += step
        day += timedelta(days=1)
    return None


def check_checklist(ticked: Iterable[str]) -> tuple[str, ...]:
    """The ticked items in checklist order; unknown items are refused.

    Raises:
        VisitRuleError: an item that is not on the checklist.
    """
    items = set(ticked)
    unknown = items - set(CHECKLIST)
    if unknown:
        raise VisitRuleError(f"清单中没有这些项目：{'、'.join(sorted(unknown))}。")
    return tuple(item for item in CHECKLIST if item in items)


def missing_checklist(ticked: Iterable[str]) -> tuple[str, ...]:
    """Checklist items not yet ticked, in checklist order."""
    items = set(ticked)
    return tuple(item for item in CHECKLIST if item not in items)


def check_departure(departure_call: str, ticked: Iterable[str]) -> None:
    """Raise VisitRuleError unless the pre-departure call is recorded and everything is ticked."""
    if departure_call not in DEPARTURE_CALLS:
        raise VisitRuleError("出发前请先给业主打电话，并登记结果（已通话 / 无人接听）。")
    missing = missing_checklist(ticked)
    if missing:
        names = "、".join(CHECKLIST_LABELS[m] for m in missing)
        raise VisitRuleError(f"出发前检查清单未完成：{names}。")
