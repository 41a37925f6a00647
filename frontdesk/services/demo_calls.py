"""Demo overdue-fee calls: a call plan made two working days ago and a history with every outcome.

Runs through the calls service itself (plan, attempts, the promise check), so
the demo data obeys the same rules as real work: attempts fall in the calling
window, promises are dated on or after the call, broken promises have their
follow-up calls.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from frontdesk.config import CallSettings, OfficeSettings
from frontdesk.domain.calls import calling_window
from frontdesk.domain.workcalendar import OfficeCalendar, from_local, to_local
from frontdesk.services.calls import check_promises, get_call, plan_calls, record_attempt
from frontdesk.services.users import SYSTEM, Actor
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database

DEMO_CALLER = Actor("D001", "李娜", "clerk")
ATTEMPTED = 48
"""How many of the planned calls the demo has already phoned."""

# What each call in turn came to (cycled): a list of outcomes per call.
_SCRIPTS: tuple[tuple[str, ...], ...] = (
    ("no_answer", "no_answer", "no_answer"),  # unreachable: a letter goes out
    ("wrong_number",),
    ("refused",),
    ("already_paid",),  # says paid, bills open: a supervisor checks
    ("promise_later",),  # promise not yet due
    ("promise_broken",),  # promised for the call's day, not paid: follow-up call
    ("no_answer",),  # to be tried again
    ("no_answer", "promise_later"),
)


def add_demo(db: Database, *, today: date, seed: int = 1) -> str:
    """Plan calls two working days before ``today`` and record a history; returns a summary."""
    rng = random.Random(seed * 7919 + 6)
    calls, office = CallSettings(), OfficeSettings()
    window = calling_window(OfficeCalendar.from_settings(office), calls.window_margin_minutes)
    real_now = utcnow()
    now = (
        real_now
        if to_local(real_now).date() == today
        else from_local(datetime.combine(today, time(12, 0)))
    )
    start_day = today
    for _ in range(2):
        start_day = _previous_working_day(window, start_day)
    plan_at = from_local(datetime.combine(start_day, window.opens))
    plan = plan_calls(db, SYSTEM, calls=calls, office=office, now=plan_at)
    attempts = promises = 0
    for index, call_id in enumerate(plan.call_ids[:ATTEMPTED]):
        for step in _SCRIPTS[index % len(_SCRIPTS)]:
            row = get_call(db, call_id)
            when = row.scheduled_at + timedelta(minutes=rng.randint(0, 3))
            if when >= now or not window.is_open(to_local(when)):
                break
            kwargs: dict[str, object] = {}
            outcome = step
            if step.startswith("promise"):
                outcome = "promise"
                day = to_local(when).date()
                promised_on = day if step == "promise_broken" else today + timedelta(days=3)
                kwargs = {
                    "promised_on": promised_on,
                    "promised_amount": min(row.amount_owed_fen, 50_000),
                }
                promises += 1
            record_attempt(
                db,
                DEMO_CALLER,
                call_id,
                outcome,
                calls=calls,
                office=office,
                now=when,
                note="演示数据",
                **kwargs,  # type: ignore[arg-type]
            )
            attempts += 1
    settled = check_promises(db, calls=calls, office=office, now=now)
    return (
        f"催缴电话 {plan.created} 个任务、{attempts} 次通话记录"
        f"（承诺缴费 {promises} 次，未守约 {settled.broken} 户已生成跟进电话）"
    )


def _previous_working_day(window: OfficeCalendar, day: date) -> date:
    current = day - timedelta(days=1)
    while not window.is_working_day(current):
        current -= timedelta(days=1)
    return current
