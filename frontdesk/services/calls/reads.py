"""The call queue, one call, and the script: what to tell the owner (each overdue bill, the total)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from sqlalchemy import select

from frontdesk.domain import calls as rules
from frontdesk.domain.calls import (
    ScriptLine,
)
from frontdesk.domain.workcalendar import to_local
from frontdesk.services.billing import household_dues
from frontdesk.services.calls.records import (
    AttemptRow,
    CallRow,
    CallScript,
    aware_now,
    call_rows,
    get_call_row,
)
from frontdesk.storage.database import Database
from frontdesk.storage.models import Household, Owner, OwnerPhone, Room
from frontdesk.storage.models.calls import FeeCall, FeeCallAttempt


def call_queue(
    db: Database, *, statuses: Sequence[str] = ("open",), limit: int = 2000
) -> list[CallRow]:
    """The calls in ``statuses``, in queue order: amount (largest first), then age, then time."""
    with db.read() as s:
        query = (
            select(FeeCall, Room.code)
            .join(Household, Household.id == FeeCall.household_id)
            .join(Room, Room.id == Household.room_id)
            .where(FeeCall.status.in_(list(statuses)))
            .order_by(
                FeeCall.amount_owed_fen.desc(),
                FeeCall.oldest_due,
                FeeCall.scheduled_at,
                FeeCall.id,
            )
            .limit(limit)
        )
        found = [(c, room) for c, room in s.execute(query)]
        return call_rows(s, found)


def get_call(db: Database, call_id: int) -> CallRow:
    """One call.

    Raises:
        ValidationError: no such call.
    """
    with db.read() as s:
        return get_call_row(s, call_id)


def _script_lines(db: Database, household_id: int, on: date) -> tuple[list[ScriptLine], str]:
    dues = household_dues(db, household_id, on=on)
    lines = [
        ScriptLine(
            item=line.item_name,
            period=line.period,
            standard=line.standard,
            amount_fen=line.amount_fen,
            late_fee_fen=line.late_fee_fen,
            due_date=line.due_date,
            days_overdue=line.days_overdue,
        )
        for line in dues.lines
        if not line.ahead and line.due_date < on
    ]
    return lines, dues.owners


def call_script(
    db: Database, call_id: int, *, now: datetime | None = None, tz: tzinfo | None = None
) -> CallScript:
    """What to say on the call: the overdue bills (period, item, standard, amount), the total.

    Raises:
        ValidationError: no such call.
    """
    today = to_local(aware_now(now), tz).date()
    with db.read() as s:
        row = get_call_row(s, call_id)
        phones = tuple(
            number
            for (number,) in s.execute(
                select(OwnerPhone.number)
                .join(Owner, Owner.id == OwnerPhone.owner_id)
                .where(Owner.household_id == row.household_id)
                .order_by(Owner.primary.desc(), Owner.id, OwnerPhone.position)
            )
        )
        history = tuple(
            AttemptRow(
                a.at,
                a.staff_no,
                a.outcome,
                a.promised_on,
                a.promised_amount_fen,
                a.outside_window,
                a.reason,
                a.note,
            )
            for a in s.scalars(
                select(FeeCallAttempt)
                .where(FeeCallAttempt.call_id == call_id)
                .order_by(FeeCallAttempt.id)
            )
        )
    lines, owners = _script_lines(db, row.household_id, today)
    return CallScript(
        call=row,
        owners=owners,
        phones=phones,
        lines=tuple(lines),
        total_fen=rules.script_total(lines),
        history=history,
    )
