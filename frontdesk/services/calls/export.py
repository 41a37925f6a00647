"""``frontdesk-admin export calls``: the calls scheduled in a range, as CSV or Excel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from sqlalchemy import select

from frontdesk.domain.money import fen_to_yuan_str
from frontdesk.domain.workcalendar import from_local, to_local
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.calls.records import CallRow, call_rows
from frontdesk.services.exports import _checked_suffix, write_csv, write_xlsx
from frontdesk.services.users import Actor, require
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
    require(actor, "supervisor")
    if start > end:
        raise ValidationError(
            f"开始日期 {start.isoformat()} 晚于结束日期 {end.isoformat()}，请检查日期范围。"
        )
    suffix = _checked_suffix(out)
    low = from_local(datetime.combine(start, datetime.min.time()), tz)
    high = from_local(datetime.combine(end + timedelta(days=1), datetime.min.time()), tz)
    counter = [0]

    def rows() -> Iterator[list[object]]:
        with db.read() as s:
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
                counter[0] += 1
                yield _export_row(row, tz)

    if suffix == ".csv":
        write_csv(out, [list(CALL_COLUMNS), *rows()])
    else:
        write_xlsx(out, CALL_COLUMNS, rows(), sheet="催缴记录", amount_columns=_CALL_AMOUNT_COLUMNS)
    with db.begin() as s:
        audit.record(
            s,
            actor.staff_no,
            "export.calls",
            "fee_call",
            "",
            {
                "from": start.isoformat(),
                "to": end.isoformat(),
                "rows": counter[0],
                "file": out.name,
            },
        )
    return counter[0]


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
