"""The demo's call history: every outcome, follow-ups of broken promises, quickly."""

from __future__ import annotations

import time
from datetime import date

from sqlalchemy import func, select

from frontdesk.services import demo, demo_calls
from frontdesk.storage.database import Database
from frontdesk.storage.models.calls import FeeCall, FeeCallAttempt

TODAY = date(2026, 12, 2)  # a Wednesday


def test_the_demo_has_a_call_history_with_every_outcome(db: Database) -> None:
    demo.create_demo_estate(db, demo.SYSTEM, 300)
    demo.add_demo_billing(db, today=TODAY)
    started = time.perf_counter()
    summary = demo_calls.add_demo(db, today=TODAY, seed=1)
    elapsed = time.perf_counter() - started
    assert "催缴电话" in summary
    assert elapsed < 5  # the goal is < 2 s; leave room for a busy test machine
    with db.read() as s:
        outcomes = set(s.scalars(select(FeeCallAttempt.outcome)))
        statuses = dict(
            s.execute(select(FeeCall.status, func.count()).group_by(FeeCall.status)).all()
        )
        follow_ups = s.scalar(select(func.count()).where(FeeCall.follow_up_of_id.is_not(None)))
    assert outcomes == {"no_answer", "wrong_number", "refused", "already_paid", "promise"}
    for status in ("open", "promised", "escalated", "unreachable", "wrong_number", "broken"):
        assert statuses.get(status, 0) > 0, status
    assert follow_ups == statuses["broken"]


def test_the_demo_module_is_registered() -> None:
    assert "frontdesk.services.demo_calls" in demo.DEMO_ACTIVITY_MODULES
