"""Overdue-fee calls (催缴): who is called, in which order, when, and what follows each outcome.

Pure rules, no database and no Qt. Times are **naive local wall-clock**
datetimes (see :mod:`frontdesk.domain.workcalendar`); the services convert
from and to the stored UTC values.

- Selection: a household is called when its open bills that are past due add
  up to at least the minimum amount and the oldest of them is past due by at
  least the minimum days. "Past due by N days" counts from the bill's
  ``due_date``: a bill due on 15 March is past due by 30 days on 14 April.
  Households with a call still in hand (open, promised, escalated), a promise
  not yet due, a home visit booked, or a recent call that ended unreachable
  are left out.
- Queue order: amount owed (largest first), then age (oldest due date
  first), then the household id, so the order is stable.
- Proposed times: inside the calling window (the office calendar narrowed by
  the margin), one slot every ``slot_minutes`` of window time from the next
  window opening, so one person is not given the same minute for every call.
- Outcomes: see :func:`next_step`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from frontdesk.domain.workcalendar import OfficeCalendar

OUTCOMES = ("no_answer", "wrong_number", "refused", "already_paid", "promise")
"""What an attempt can come to."""

STATUSES = (
    "open",  # to be called (again) at scheduled_at
    "promised",  # the owner promised to pay by promised_on
    "escalated",  # refused, or says paid while bills are open: for a supervisor
    "unreachable",  # max_attempts without an answer: a letter goes out
    "wrong_number",  # the number on file is wrong: a letter goes out
    "paid",  # nothing overdue any more, or the promise was kept
    "broken",  # the promise was not kept: a follow-up call took over
    "closed",  # closed by a supervisor
)

ACTIVE_STATUSES = ("open", "promised", "escalated")
"""A household with a call in one of these is not planned again."""

LETTER_STATUSES = ("unreachable", "wrong_number")
"""Calls that ended without reaching the owner: candidates for an overdue-fee notice."""

OUTCOME_LABELS = {
    "no_answer": "无人接听",
    "wrong_number": "号码错误",
    "refused": "拒绝缴费",
    "already_paid": "称已缴费",
    "promise": "承诺缴费",
}

STATUS_LABELS = {
    "open": "待拨打",
    "promised": "已承诺",
    "escalated": "转主管",
    "unreachable": "联系不上",
    "wrong_number": "号码错误",
    "paid": "已缴清",
    "broken": "未守约",
    "closed": "已关闭",
}


class CallError(ValueError):
    """An attempt that cannot be recorded as given (the message is for the user, in Chinese)."""


# ---------------------------------------------------------------- selection and order


@dataclass(frozen=True)
class Arrears:
    """What one household owes that is past due, as of a day.

    Attributes:
        household_id: the household.
        overdue_fen: the open bills whose due date has passed (principal, no late fees).
        oldest_due: the earliest due date among them.
        bills: how many bills that is.
    """

    household_id: int
    overdue_fen: int
    oldest_due: date
    bills: int = 1

    def days_overdue(self, today: date) -> int:
        """Days the oldest bill is past its due date."""
        return max(0, (today - self.oldest_due).days)


@dataclass(frozen=True)
class SelectionRules:
    """Who gets a call: thresholds from ``config.calls``."""

    min_days_overdue: int = 30
    min_amount_fen: int = 10_000

    @classmethod
    def from_settings(cls, calls: object) -> SelectionRules:
        """From ``Config.calls`` (``min_days_overdue``, ``min_amount_yuan``)."""
        return cls(
            min_days_overdue=int(getattr(calls, "min_days_overdue", 30)),
            min_amount_fen=int(getattr(calls, "min_amount_yuan", 100)) * 100,
        )


def qualifies(arrears: Arrears, today: date, rules: SelectionRules) -> bool:
    """True if the household is behind enough to be called."""
    return (
        arrears.overdue_fen > 0
        and arrears.overdue_fen >= rules.min_amount_fen
        and arrears.days_overdue(today) >= rules.min_days_overdue
    )


def queue_key(arrears: Arrears) -> tuple[int, date, int]:
    """Sort key of the queue: amount (largest first), then age (oldest first), then id."""
    return (-arrears.overdue_fen, arrears.oldest_due, arrears.household_id)


def select_households(
    arrears: Iterable[Arrears],
    today: date,
    rules: SelectionRules,
    *,
    exclude: Iterable[int] = (),
) -> list[Arrears]:
    """The households to call, in queue order, leaving out ``exclude`` (ids)."""
    left_out = set(exclude)
    chosen = [a for a in arrears if a.household_id not in left_out and qualifies(a, today, rules)]
    return sorted(chosen, key=queue_key)


# ---------------------------------------------------------------- the calling window


def calling_window(calendar: OfficeCalendar, margin_minutes: int) -> OfficeCalendar:
    """The calendar calls are made in: opening + margin to closing − margin, lunch excluded.

    Raises:
        CalendarError: the margins leave no time in the day.
    """
    return calendar.narrowed(margin_minutes)


def in_window(window: OfficeCalendar, moment: datetime) -> bool:
    """True if ``moment`` (local) is a good time to phone."""
    return window.is_open(moment)


def _inside(window: OfficeCalendar, moment: datetime) -> datetime:
    """``moment`` if it lies in the window, else the next window opening.

    ``add_working_time`` may end exactly at a closing time (closing excluded):
    such a moment moves on to the next opening.
    """
    return moment if window.is_open(moment) else window.next_open(moment)


def propose_slots(
    window: OfficeCalendar, start: datetime, count: int, slot_minutes: int = 5
) -> list[datetime]:
    """``count`` call times from the first window moment at or after ``start``.

    One every ``slot_minutes`` of window time: the lunch break, evenings,
    weekends and holidays are skipped, and no slot falls on a closing time.

    Raises:
        ValueError: ``slot_minutes`` < 1 or ``count`` < 0.
    """
    if slot_minutes < 1:
        raise ValueError("slot_minutes must be at least 1")
    if count < 0:
        raise ValueError("count must not be negative")
    first = _inside(window, _ceil_minute(start))
    step = timedelta(minutes=slot_minutes)
    slots = []
    current = first
    for _ in range(count):
        slots.append(current)
        current = _inside(window, window.add_working_time(current, step))
    return slots


def retry_time(window: OfficeCalendar, after: datetime, retry_after_hours: int) -> datetime:
    """When to try again after no answer: ``retry_after_hours`` of window time later."""
    begin = _inside(window, _ceil_minute(after))
    return _inside(window, window.add_working_time(begin, timedelta(hours=retry_after_hours)))


def follow_up_time(window: OfficeCalendar, promised_on: date, now: datetime) -> datetime:
    """A broken promise's follow-up call: the first window moment after the promised day."""
    day_after = datetime.combine(promised_on + timedelta(days=1), time(0, 0))
    return _inside(window, _ceil_minute(max(day_after, now)))


def _ceil_minute(moment: datetime) -> datetime:
    if moment.second or moment.microsecond:
        return moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return moment


# ---------------------------------------------------------------- outcomes


@dataclass(frozen=True)
class Attempt:
    """One call attempt as entered by the person phoning.

    Attributes:
        outcome: one of :data:`OUTCOMES`.
        at: when the call was made (local).
        promised_on / promised_fen: a promise's date and amount.
        reason: why the call was made outside the calling window.
        note: free text.
    """

    outcome: str
    at: datetime
    promised_on: date | None = None
    promised_fen: int = 0
    reason: str = ""
    note: str = ""


@dataclass(frozen=True)
class NextStep:
    """What an attempt leads to: the call's new status and when to call next (if again)."""

    status: str
    scheduled_at: datetime | None
    escalation: str = ""  # "refused" | "claimed_paid" | ""


MAX_NOTE = 500


def check_attempt(
    attempt: Attempt, window: OfficeCalendar, *, today: date, max_amount_fen: int
) -> None:
    """Refuse an attempt that cannot be recorded.

    Raises:
        CallError: unknown outcome; a promise without a date, with a date in the
            past or without a positive amount (or more than ``max_amount_fen``);
            a call outside the calling window without a reason; a note too long.
    """
    if attempt.outcome not in OUTCOMES:
        raise CallError(f"未知的通话结果“{attempt.outcome}”。")
    if attempt.outcome == "promise":
        if attempt.promised_on is None:
            raise CallError("承诺缴费须填写承诺日期。")
        if attempt.promised_on < today:
            raise CallError(
                f"承诺日期 {attempt.promised_on.isoformat()} 已经过去，请填写今天或以后的日期。"
            )
        if attempt.promised_fen <= 0:
            raise CallError("承诺缴费的金额须大于 0。")
        if attempt.promised_fen > max_amount_fen:
            raise CallError("承诺金额超出允许的最大金额，请检查。")
    if not in_window(window, attempt.at) and not attempt.reason.strip():
        raise CallError(
            "现在不在催缴通话时段内（上班后10分钟至下班前10分钟，午休除外），"
            "如确需拨打，请填写原因。"
        )
    if len(attempt.note) > MAX_NOTE or len(attempt.reason) > MAX_NOTE:
        raise CallError(f"备注和原因最多 {MAX_NOTE} 个字。")


def next_step(
    attempt: Attempt,
    *,
    attempts_made: int,
    max_attempts: int,
    window: OfficeCalendar,
    retry_after_hours: int,
    still_overdue: bool,
) -> NextStep:
    """The call's status after ``attempt`` (``attempts_made`` counts it).

    - no answer: called again ``retry_after_hours`` of window time later, until
      ``max_attempts`` attempts; then ``unreachable`` (a letter goes out);
    - wrong number: ``wrong_number`` (a letter goes out);
    - refused: ``escalated`` to a supervisor;
    - already paid: ``paid`` when nothing is overdue any more, else ``escalated``
      for a supervisor to check (``claimed_paid``);
    - promise: ``promised`` (checked the day after the promised date).
    """
    outcome = attempt.outcome
    if outcome == "no_answer":
        if attempts_made >= max_attempts:
            return NextStep("unreachable", None)
        return NextStep("open", retry_time(window, attempt.at, retry_after_hours))
    if outcome == "wrong_number":
        return NextStep("wrong_number", None)
    if outcome == "refused":
        return NextStep("escalated", None, "refused")
    if outcome == "already_paid":
        if still_overdue:
            return NextStep("escalated", None, "claimed_paid")
        return NextStep("paid", None)
    if outcome == "promise":
        return NextStep("promised", None)
    raise CallError(f"未知的通话结果“{outcome}”。")


# ---------------------------------------------------------------- promises


def promise_check_day(promised_on: date) -> date:
    """The day a promise is checked: the day after the promised date."""
    return promised_on + timedelta(days=1)


def promise_broken(
    promised_on: date,
    promised_fen: int,
    paid_since_fen: int,
    still_overdue_fen: int,
    today: date,
) -> bool | None:
    """Whether a promise was kept, as of ``today``.

    Returns None while it is not yet checked (before the day after the
    promised date); True if by then less than the promised amount was paid
    since the promise and something is still overdue; False otherwise.
    """
    if today < promise_check_day(promised_on):
        return None
    if still_overdue_fen <= 0:
        return False
    return paid_since_fen < promised_fen


# ---------------------------------------------------------------- the call script


@dataclass(frozen=True)
class ScriptLine:
    """One overdue bill as read out to the owner."""

    item: str
    period: str
    standard: str
    amount_fen: int
    late_fee_fen: int
    due_date: date
    days_overdue: int


def script_total(lines: Sequence[ScriptLine]) -> int:
    """What the owner is asked to pay: the bills plus their late fees."""
    return sum(line.amount_fen + line.late_fee_fen for line in lines)
