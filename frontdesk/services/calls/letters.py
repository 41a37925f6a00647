"""Overdue-fee notices (催缴通知单) for the owners the calls could not reach."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from frontdesk.domain import calls as rules
from frontdesk.domain.calls import (
    LETTER_STATUSES,
    ScriptLine,
)
from frontdesk.services.billing import household_dues
from frontdesk.storage.database import Database
from frontdesk.storage.models import Household, Room
from frontdesk.storage.models.calls import FeeCall


@dataclass(frozen=True)
class Notice:
    """One household's overdue-fee notice (催缴通知单)."""

    household_id: int
    room: str
    owners: str
    lines: tuple[ScriptLine, ...]
    total_fen: int


def letter_candidates(db: Database) -> list[int]:
    """Households whose latest call ended unreachable or with a wrong number, by room."""
    with db.read() as s:
        latest = (
            select(FeeCall.household_id, func.max(FeeCall.id).label("last_id"))
            .group_by(FeeCall.household_id)
            .subquery()
        )
        found = s.execute(
            select(FeeCall.household_id)
            .join(latest, latest.c.last_id == FeeCall.id)
            .join(Household, Household.id == FeeCall.household_id)
            .join(Room, Room.id == Household.room_id)
            .where(FeeCall.status.in_(LETTER_STATUSES))
            .order_by(Room.code)
        )
        return [int(h) for (h,) in found]


def overdue_notices(db: Database, household_ids: Sequence[int], *, on: date) -> list[Notice]:
    """Each household's itemised arrears as of ``on``; households owing nothing are skipped.

    Raises:
        ValidationError: an unknown household.
    """
    notices = []
    for hid in dict.fromkeys(household_ids):
        dues = household_dues(db, hid, on=on)
        lines = [
            ScriptLine(
                line.item_name,
                line.period,
                line.standard,
                line.amount_fen,
                line.late_fee_fen,
                line.due_date,
                line.days_overdue,
            )
            for line in dues.lines
            if not line.ahead and line.due_date < on
        ]
        if lines:
            notices.append(
                Notice(hid, dues.room, dues.owners, tuple(lines), rules.script_total(lines))
            )
    return notices
