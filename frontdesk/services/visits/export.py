"""``frontdesk-admin export visits``: the visits scheduled in a range, as CSV or Excel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, tzinfo
from pathlib import Path

from sqlalchemy import select

from frontdesk.domain.money import fen_to_yuan_str
from frontdesk.domain.workcalendar import to_local
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.exports import _checked_suffix, _with_header, write_csv, write_xlsx
from frontdesk.services.users import Actor, require
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
    require(actor, "supervisor")
    if start > end:
        raise ValidationError(
            f"开始日期 {start.isoformat()} 晚于结束日期 {end.isoformat()}，请检查日期范围。"
        )
    suffix = _checked_suffix(out)
    counter = [0]

    def rows() -> Iterator[list[object]]:
        with db.read() as s:
            low, high = day_bounds(start, (end - start).days + 1, tz)
            visits = s.scalars(
                select(HomeVisit)
                .where(HomeVisit.scheduled_at >= low, HomeVisit.scheduled_at < high)
                .order_by(HomeVisit.scheduled_at, HomeVisit.id)
            ).all()
            for r in to_rows(s, visits):
                counter[0] += 1
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

    if suffix == ".csv":
        write_csv(out, _with_header(VISIT_COLUMNS, rows()))
    else:
        write_xlsx(out, VISIT_COLUMNS, rows(), sheet="上门收费", amount_columns=frozenset({7, 8}))
    with db.begin() as s:
        audit.record(
            s,
            actor.staff_no,
            "export.visits",
            "home_visit",
            "",
            {
                "from": start.isoformat(),
                "to": end.isoformat(),
                "rows": counter[0],
                "file": out.name,
            },
        )
    return counter[0]
