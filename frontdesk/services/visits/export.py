"""``frontdesk-admin export visits``: the visits scheduled in a range, as CSV or Excel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, tzinfo
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.domain.money import fen_to_yuan_str
from frontdesk.domain.workcalendar import to_local
from frontdesk.services.exports import ExportSpec, run_export
from frontdesk.services.users import Actor
from frontdesk.services.visits.records import VISIT_COLUMNS, day_bounds, to_rows
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    HomeVisit,
)


def export_visits(
    db: Database,
    actor: Actor,
    *,
    start: date,
    end: date,
    out: Path,
    tz: tzinfo | None = None,
) -> int:
    """Write the visits scheduled on local dates ``start``..``end`` to ``out`` (.csv / .xlsx).

    Columns :data:`VISIT_COLUMNS`; times in local time; amounts in yuan.

    Raises:
        PermissionDenied: not a supervisor or admin (exports are a supervisor's act).
        ValidationError: ``start`` after ``end``, an unknown extension.
    """
    low, high = day_bounds(start, (end - start).days + 1, tz)

    def rows(s: Session) -> Iterator[list[object]]:
        visits = s.scalars(
            select(HomeVisit)
            .where(HomeVisit.scheduled_at >= low, HomeVisit.scheduled_at < high)
            .order_by(HomeVisit.scheduled_at, HomeVisit.id)
        ).all()
        for r in to_rows(s, visits):
            yield [
                r.room,
                r.owner,
                f"{r.staff_no} {r.staff_name}",
                to_local(r.booked_at, tz).strftime("%Y-%m-%d %H:%M"),
                to_local(r.scheduled_at, tz).strftime("%Y-%m-%d %H:%M"),
                r.status_label,
                r.same_day_reason,
                fen_to_yuan_str(r.expected_fen),
                "" if r.collected_fen is None else fen_to_yuan_str(r.collected_fen),
                r.receipt_no,
            ]

    spec = ExportSpec(VISIT_COLUMNS, "上门收费", "export.visits", "home_visit", frozenset({7, 8}))
    return run_export(db, actor, spec, start=start, end=end, out=out, rows=rows)
