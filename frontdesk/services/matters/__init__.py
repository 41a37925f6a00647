"""Matters (工单): record, hand over, resolve, call back, close and reopen.

Each public function is one user action in one transaction: the matter row,
its timeline entry (``matter_event``) and the audit event are written together.
Deadlines come from ``config.matters`` and are counted in the office calendar
(``config.office``); they are stored in UTC. A matter keeps its deadline after
it passes; the lateness of a late resolution is added to ``late_minutes`` and
survives a reopen, as does ``first_deadline_at``.

The package's modules: ``records`` (rows, rules, shared helpers),
``creating``, ``changing`` and ``reading``. Import from the package.
"""

from __future__ import annotations

from frontdesk.services.matters.changing import (
    add_note,
    assign,
    call_back,
    close,
    record_attended,
    reopen,
    resolve,
    take,
)
from frontdesk.services.matters.creating import create_matter
from frontdesk.services.matters.reading import colleagues, get_matter, list_matters, matter_counts
from frontdesk.services.matters.records import (
    MATTER_ROLES,
    Colleague,
    MatterCounts,
    MatterDetail,
    MatterInput,
    MatterRow,
    MatterRules,
    TimelineEntry,
    rules_from_config,
)

__all__ = [
    "MATTER_ROLES",
    "Colleague",
    "MatterCounts",
    "MatterDetail",
    "MatterInput",
    "MatterRow",
    "MatterRules",
    "TimelineEntry",
    "add_note",
    "assign",
    "call_back",
    "close",
    "colleagues",
    "create_matter",
    "get_matter",
    "list_matters",
    "matter_counts",
    "record_attended",
    "reopen",
    "resolve",
    "rules_from_config",
    "take",
]
