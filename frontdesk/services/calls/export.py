"""``frontdesk-admin export calls``: the calls scheduled in a range, as CSV or Excel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.domain.money import fen_to_yuan_str
from frontdesk.domain.workcalendar import from_local, to_local
from frontdesk.services.calls.records import CallRow, call_rows
from frontdesk.services.exports import ExportSpec, run_export
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import Household, Room
from frontdesk.storage.models.calls import FeeCall

CALL_COLUMNS = (
    "room",
    "owner",
    "amount_owed",
    "scheduled_at",
    "status",
    "attempts",
    "last_outcome",
    "promised_on",
    "promised_amount",
)


_CALL_AMOUNT_COLUMNS = frozenset({2, 8})


def export_calls(
    db: Database,
    actor: Actor,
    *,
    start: date,
    end: date,
    out: Path,
    tz: tzinfo | None = None,
) -> int:
    """Write the calls scheduled (local date of ``scheduled_at``) in ``start``..``end`` to ``out``.

    Columns :data:`CALL_COLUMNS`; ``.csv`` or ``.xlsx``; amounts in yuan,
    times local. Returns the rows written.

    Raises:
        PermissionDenied: not a supervisor or admin.
        ValidationError: ``start`` after ``end``, a bad extension, or a file
            that cannot be written.
    """
    low = from_local(datetime.combine(start, datetime.min.time()), tz)
    high = from_local(datetime.combine(end + timedelta(days=1), datetime.min.time()), tz)

    def rows(s: Session) -> Iterator[list[object]]:
        found = [
            (c, room)
            for c, room in s.execute(
                select(FeeCall, Room.code)
                .join(Household, Household.id == FeeCall.household_id)
                .join(Room, Room.id == Household.room_id)
                .where(FeeCall.scheduled_at >= low, FeeCall.scheduled_at < high)
                .order_by(FeeCall.scheduled_at, FeeCall.id)
            )
        ]
        for row in call_rows(s, found):
            yield _export_row(row, tz)

    spec = ExportSpec(CALL_COLUMNS, "催缴记录", "export.calls", "fee_call", _CALL_AMOUNT_COLUMNS)
    return run_export(db, actor, spec, start=start, end=end, out=out, rows=rows)


def _export_row(row: CallRow, tz: tzinfo | None) -> list[object]:
    return [
        row.room,
        row.owner,
        fen_to_yuan_str(row.amount_owed_fen),
        to_local(row.scheduled_at, tz).strftime("%Y-%m-%d %H:%M"),
        row.status_label,
        row.attempts,
        row.last_outcome_label,
        row.promised_on.isoformat() if row.promised_on else "",
        fen_to_yuan_str(row.promised_amount_fen) if row.promised_amount_fen is not None else "",
    ]
