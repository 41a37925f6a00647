"""Matter statuses, transitions and urgency."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from frontdesk.domain.matters import (
    MatterPrefill,
    TransitionError,
    allowed_actions,
    matter_number,
    next_status,
    urgency,
    urgency_key,
)


def test_status_runs_and_reopens() -> None:
    status = "new"
    for action, expected in [
        ("take", "in_progress"),
        ("resolve", "resolved"),
        ("call_back", "called_back"),
        ("close", "closed"),
        ("reopen", "in_progress"),
    ]:
        status = next_status(status, action)
        assert status == expected


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("new", "close"),
        ("in_progress", "close"),
        ("new", "call_back"),
        ("closed", "resolve"),
        ("new", "reopen"),
    ],
)
def test_refused_transitions(status: str, action: str) -> None:
    with pytest.raises(TransitionError, match="不能"):
        next_status(status, action)


def test_allowed_actions() -> None:
    assert "close" not in allowed_actions("in_progress")
    assert allowed_actions("closed") == ["reopen"]


def test_number_and_prefill() -> None:
    assert matter_number("complaint", 2026, 123) == "TS2026-000123"
    assert MatterPrefill().kind == "enquiry"


def test_urgency_levels_and_order() -> None:
    now = datetime(2026, 12, 2, 10, 0)
    soon = 3600.0
    late = urgency("in_progress", now - timedelta(minutes=5), None, now, due_soon_seconds=soon)
    close = urgency("new", now + timedelta(minutes=30), None, now, due_soon_seconds=soon)
    fine = urgency("new", now + timedelta(hours=3), None, now, due_soon_seconds=soon)
    cb = urgency("resolved", None, now - timedelta(hours=1), now, due_soon_seconds=soon)
    done = urgency("closed", now - timedelta(days=1), None, now, due_soon_seconds=soon)
    assert (late, close, fine, cb, done) == (
        "overdue",
        "due_soon",
        "on_time",
        "callback_overdue",
        "done",
    )
    keys = sorted(
        [
            (urgency_key(fine, now + timedelta(hours=3), None), "fine"),
            (urgency_key(done, now, None), "done"),
            (urgency_key(close, now + timedelta(minutes=30), None), "close"),
            (urgency_key(late, now - timedelta(minutes=5), None), "late"),
        ]
    )
    assert [k[1] for k in keys] == ["late", "close", "fine", "done"]
