"""Today's work: calls due, promises due, escalations, and the broken-promise check it runs."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from frontdesk.services import today as svc
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from tests.services.test_calls import CALLS, CST, OFFICE, Estate, at


@pytest.fixture
def estate(db: Database, admin: Actor) -> Estate:
    return Estate(db, admin)


def work(estate: Estate, actor: Actor, now: datetime) -> svc.TodaysWork:
    return svc.todays_work(estate.db, actor, calls=CALLS, office=OFFICE, now=now, tz=CST)


def counts(result: svc.TodaysWork) -> dict[str, int]:
    return {
        i.kind: i.count for i in result.items if i.kind.startswith(("calls", "promises", "esc"))
    }


def test_nothing_to_do_on_an_empty_day(estate: Estate) -> None:
    result = work(estate, estate.boss, at(2, 8))
    assert result.day == date(2026, 12, 2)
    assert counts(result) == {"calls_due": 0, "promises_due": 0, "escalated": 0}


def test_calls_due_promises_due_and_escalations(estate: Estate) -> None:
    estate.plan(now=at(2, 10))
    big, old, small = (estate.call_of(h) for h in (estate.big, estate.old, estate.small))
    estate.attempt(big.call_id, "promise", promised_on=date(2026, 12, 3), promised_amount="896")
    estate.attempt(old.call_id, "refused")
    estate.attempt(small.call_id, "no_answer", now=at(2, 16))  # next try tomorrow 10:20
    today = work(estate, estate.boss, at(2, 17))
    assert counts(today) == {"calls_due": 0, "promises_due": 0, "escalated": 1}
    tomorrow = work(estate, estate.boss, at(3, 8))
    assert counts(tomorrow) == {"calls_due": 1, "promises_due": 1, "escalated": 1}
    assert tomorrow.item("calls_due") == svc.WorkItem("calls_due", 1, ("1-1-103",))
    assert tomorrow.item("promises_due").screen == "calls"  # type: ignore[union-attr]
    # A clerk does not see the escalations.
    assert "escalated" not in counts(work(estate, estate.clerk, at(3, 8)))


def test_the_morning_after_a_broken_promise_brings_its_follow_up(estate: Estate) -> None:
    estate.plan(now=at(2, 10))
    big = estate.call_of(estate.big)
    estate.attempt(big.call_id, "promise", promised_on=date(2026, 12, 2), promised_amount="896")
    result = work(estate, estate.clerk, at(3, 8))
    assert result.promises.broken == 1
    assert result.item("calls_due") == svc.WorkItem(
        "calls_due", 3, ("1-1-101", "1-1-102", "1-1-103")
    )
