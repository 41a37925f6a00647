"""Home fee-collection visits (上门收费): booking, agenda, confirmation, departure, outcome.

Each public function taking a ``Database`` is one user action in one
transaction; those taking a ``Session`` are read helpers for other areas
(overdue calls, Today's work) that run inside the caller's session.

Contract for other areas (overdue-fee calls):

- ``book_visit(db, actor, VisitRequest(...), now=..., calendar=..., settings=...) -> VisitRow``;
  ``VisitRequest(household_id, staff_id, scheduled_at, expected_amount_fen, reason,
  same_day_reason="", note="", source_call_id=None, source="desk")`` with an aware
  ``scheduled_at``; a visit booked from a call passes ``source_call_id`` (``source`` then
  defaults to ``"call"``). Bad input raises ``ValidationError`` (Chinese).
- ``open_visit_household_ids(s) -> set[int]``: households with a live visit still to come.
- ``day_agenda(s, day, staff_id=None)`` and ``to_confirm(s, day, staff_id=None)``.

Decisions: who goes is any active staff member; visits lie inside one open
period of a working day (never across the lunch break); "at least one day
ahead" counts calendar days (``visits.min_days_ahead``); a clash with the same
person's live visits (with ``visits.travel_buffer_minutes`` either side) is
refused, and ``preview_booking`` shows it before saving. A collected visit is
a real payment on the fixed desk ``上门收费`` with the field series
(``cashier.field_series``), so its receipt numbers are gap-free per year apart
from the counters'. Cash taken in the field goes into that desk's own cash
session (opened on the first field payment), never into a counter drawer;
a supervisor closes it when the cash is handed in.

The package's modules: ``records`` (the rows and the history helpers),
``reads`` (agenda, confirmation list, staff, history, the float),
``booking`` (preview, book, reschedule, the next free slot), ``steps``
(confirm, the pre-departure call, the checklist, out, cancel), ``outcome``
(collected, not home) and ``export``. Import from the package.
"""

from __future__ import annotations

from frontdesk.services.visits.booking import (
    book_visit,
    next_slot,
    preview_booking,
    reschedule_visit,
)
from frontdesk.services.visits.export import (
    export_visits,
)
from frontdesk.services.visits.outcome import (
    record_collected,
    record_not_home,
)
from frontdesk.services.visits.reads import (
    agenda,
    day_agenda,
    default_expected_fen,
    float_plan_for,
    get_visit,
    list_staff,
    open_visit_household_ids,
    to_confirm,
    visit_history,
)
from frontdesk.services.visits.records import (
    FIELD_DESK,
    MAX_TEXT,
    VISIT_COLUMNS,
    BookingPreview,
    Outcome,
    StaffChoice,
    VisitEventRow,
    VisitRequest,
    VisitRow,
)
from frontdesk.services.visits.steps import (
    cancel_visit,
    confirm_visit,
    record_departure_call,
    set_checklist,
    set_out,
)

__all__ = [
    "FIELD_DESK",
    "MAX_TEXT",
    "VISIT_COLUMNS",
    "BookingPreview",
    "Outcome",
    "StaffChoice",
    "VisitEventRow",
    "VisitRequest",
    "VisitRow",
    "agenda",
    "book_visit",
    "cancel_visit",
    "confirm_visit",
    "day_agenda",
    "default_expected_fen",
    "export_visits",
    "float_plan_for",
    "get_visit",
    "list_staff",
    "next_slot",
    "open_visit_household_ids",
    "preview_booking",
    "record_collected",
    "record_departure_call",
    "record_not_home",
    "reschedule_visit",
    "set_checklist",
    "set_out",
    "to_confirm",
    "visit_history",
]
