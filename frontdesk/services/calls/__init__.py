"""Overdue-fee calls (催缴): the call plan, the queue, each attempt, promises, letters, export.

Every public function that writes is one user action in one transaction with
an audit row. The rules live in :mod:`frontdesk.domain.calls`; this module
reads the arrears, converts between stored UTC and the office's local time
(``tz``, default the computer's zone) and writes the outcome.

Choices made here:

- A bill is past due the day after its ``due_date``; the amount owed is the
  principal of every open bill past due (late fees are shown in the call
  script, not used for the selection).
- A broken promise is looked for by :func:`check_promises`, which the plan,
  the call screen's refresh and Today's work run: the day after the promised
  date, a promise counts as kept if the household has since paid at least the
  promised amount, or owes nothing past due any more; otherwise the call is
  marked ``broken`` and a follow-up call is created for the first calling
  moment.
- A household whose last call ended unreachable or with a wrong number is
  planned again only ``replan_after_days`` after that (a letter goes out meanwhile).

The package's modules: ``records`` (rows, window, arrears), ``promises``,
``plan``, ``reads`` (queue and script), ``attempts``, ``letters`` and
``export``. Import from the package.
"""

from __future__ import annotations

from frontdesk.services.calls.attempts import close_call, link_visit, record_attempt
from frontdesk.services.calls.export import CALL_COLUMNS, export_calls
from frontdesk.services.calls.letters import Notice, letter_candidates, overdue_notices
from frontdesk.services.calls.plan import plan_calls
from frontdesk.services.calls.promises import check_promises
from frontdesk.services.calls.reads import call_queue, call_script, get_call
from frontdesk.services.calls.records import (
    AttemptRow,
    CallRow,
    CallScript,
    PlanResult,
    PromiseCheck,
    window_of,
)

__all__ = [
    "CALL_COLUMNS",
    "AttemptRow",
    "CallRow",
    "CallScript",
    "Notice",
    "PlanResult",
    "PromiseCheck",
    "call_queue",
    "call_script",
    "check_promises",
    "close_call",
    "export_calls",
    "get_call",
    "letter_candidates",
    "link_visit",
    "overdue_notices",
    "plan_calls",
    "record_attempt",
    "window_of",
]
