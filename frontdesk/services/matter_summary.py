"""Matters of a period: the summary by kind, category and outcome, and ``export matters``.

Both are a supervisor's: the summary is read on screen or printed as PDF
(``frontdesk.printing.matter_report``); the export writes ``.csv``/``.xlsx``
with formula-looking cells escaped (see ``services.exports``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path

from sqlalchemy import select

from frontdesk.domain import matters as dm
from frontdesk.domain.dayclose import local_day_bounds
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.exports import _checked_suffix, _with_header, write_csv, write_xlsx
from frontdesk.services.users import Actor, require
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models.matters import Matter
from frontdesk.storage.models.staff import Staff

__all__ = [
    "MATTER_COLUMNS",
    "MatterSummary",
    "SummaryLine",
    "export_matters",
    "matter_summary",
]

MATTER_COLUMNS = (
    "number",
    "kind",
    "category",
    "raised_at",
    "raised_by",
    "room",
    "contact",
    "owner_now",
    "status",
    "deadline",
    "resolved_at",
    "callback_due",
    "called_back_at",
    "satisfaction",
)
_BATCH = 1000


@dataclass
class SummaryLine:
    """Counts for one kind (``category`` empty: all its categories) in the period."""

    kind: str
    category: str
    total: int = 0
    valid: int = 0  # complaints only
    open: int = 0
    resolved: int = 0  # resolved, called back or closed
    late: int = 0  # resolved after the deadline, or still open past it
    called_back: int = 0
    satisfied: int = 0  # satisfied or basically satisfied
    dissatisfied: int = 0
    reopened: int = 0


@dataclass
class MatterSummary:
    """``lines`` per (kind, category) in kind order, ``kinds`` one per kind, ``total`` overall."""

    start: date
    end: date
    lines: list[SummaryLine] = field(default_factory=list)
    kinds: list[SummaryLine] = field(default_factory=list)
    total: SummaryLine = field(default_factory=lambda: SummaryLine("", ""))
    outcomes: dict[str, int] = field(default_factory=dict)  # status → count
    satisfaction: dict[str, int] = field(default_factory=dict)


def _check_period(start: date, end: date) -> None:
    if start > end:
        raise ValidationError(
            f"开始日期 {start.isoformat()} 晚于结束日期 {end.isoformat()}，请检查日期范围。"
        )
    if (end - start).days > 3660:
        raise ValidationError("日期范围太长（最多十年）。")


def _bounds(start: date, end: date, tz: tzinfo | None) -> tuple[datetime, datetime]:
    low, _ = local_day_bounds(start, tz)
    _, high = local_day_bounds(end, tz)
    return low, high


def matter_summary(
    db: Database,
    actor: Actor,
    *,
    start: date,
    end: date,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> MatterSummary:
    """Matters received on local dates ``start``..``end`` counted by kind, category, outcome.

    Raises:
        PermissionDenied: not a supervisor.
        ValidationError: ``start`` after ``end``.
    """
    require(actor, "supervisor")
    _check_period(start, end)
    low, high = _bounds(start, end, tz)
    when = now or utcnow()
    lines: dict[tuple[str, str], SummaryLine] = {}
    kinds = {k: SummaryLine(k, "") for k in dm.KINDS}
    total = SummaryLine("", "")
    outcomes: Counter[str] = Counter()
    satisfaction: Counter[str] = Counter()
    with db.read() as s:
        query = (
            select(
                Matter.kind,
                Matter.category,
                Matter.valid,
                Matter.status,
                Matter.late_minutes,
                Matter.deadline_at,
                Matter.satisfaction,
                Matter.called_back_at,
                Matter.reopen_count,
            )
            .where(Matter.raised_at >= low, Matter.raised_at < high)
            .execution_options(yield_per=_BATCH)
        )
        for kind, category, valid, status, late_min, deadline, sat, called, reopened in s.execute(
            query
        ):
            line = lines.setdefault((kind, category), SummaryLine(kind, category))
            late = late_min > 0 or (status in dm.OPEN_STATUSES and deadline < when)
            for target in (line, kinds[kind], total):
                target.total += 1
                target.valid += bool(valid)
                target.open += status in dm.OPEN_STATUSES
                target.resolved += status not in dm.OPEN_STATUSES
                target.late += late
                target.called_back += called is not None
                target.satisfied += sat in ("satisfied", "basically")
                target.dissatisfied += sat == "dissatisfied"
                target.reopened += reopened > 0
            outcomes[status] += 1
            if sat:
                satisfaction[sat] += 1
    order = {k: i for i, k in enumerate(dm.KINDS)}
    corder = {c: i for i, c in enumerate(dm.CATEGORIES)}
    return MatterSummary(
        start=start,
        end=end,
        lines=sorted(lines.values(), key=lambda x: (order[x.kind], corder.get(x.category, 99))),
        kinds=[kinds[k] for k in dm.KINDS if kinds[k].total],
        total=total,
        outcomes={st: outcomes[st] for st in dm.STATUSES if outcomes[st]},
        satisfaction={k: satisfaction[k] for k in dm.SATISFACTIONS if satisfaction[k]},
    )


def export_matters(
    db: Database,
    actor: Actor,
    *,
    start: date,
    end: date,
    out: Path,
    tz: tzinfo | None = None,
) -> int:
    """Write the matters received on ``start``..``end`` to ``out`` (``.csv`` or ``.xlsx``).

    Columns :data:`MATTER_COLUMNS`, oldest first; times in local time; ``raised_by``
    is who raised it (the contact's name), ``contact`` their phone (in full: a
    supervisor's export), ``owner_now`` the staff member who has it now.
    Returns the number of rows written.

    Raises:
        PermissionDenied: not a supervisor.
        ValidationError: bad dates, extension or target directory.
    """
    require(actor, "supervisor")
    _check_period(start, end)
    suffix = _checked_suffix(out)
    low, high = _bounds(start, end, tz)
    counter = [0]

    def stamp(moment: datetime | None) -> str:
        return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment is not None else ""

    def rows() -> Iterator[list[object]]:
        with db.read() as s:
            names = {
                sid: f"{name}（{no}）"
                for sid, no, name in s.execute(select(Staff.id, Staff.staff_no, Staff.name))
            }
            query = (
                select(Matter)
                .where(Matter.raised_at >= low, Matter.raised_at < high)
                .order_by(Matter.raised_at, Matter.id)
                .execution_options(yield_per=_BATCH)
            )
            for m in s.scalars(query):
                counter[0] += 1
                yield [
                    m.number,
                    dm.KIND_LABELS[m.kind],
                    dm.CATEGORY_LABELS.get(m.category, m.category),
                    stamp(m.raised_at),
                    m.contact_name,
                    m.room_code,
                    m.contact_phone,
                    names.get(m.owner_id, ""),
                    dm.STATUS_LABELS[m.status],
                    stamp(m.deadline_at),
                    stamp(m.resolved_at),
                    stamp(m.callback_due_at),
                    stamp(m.called_back_at),
                    dm.SATISFACTION_LABELS.get(m.satisfaction or "", ""),
                ]

    if suffix == ".csv":
        write_csv(out, _with_header(MATTER_COLUMNS, rows()))
    else:
        write_xlsx(out, MATTER_COLUMNS, rows(), sheet="工单", amount_columns=frozenset())
    with db.begin() as s:
        audit.record(
            s,
            actor.staff_no,
            "export.matters",
            "matter",
            "",
            {
                "from": start.isoformat(),
                "to": end.isoformat(),
                "rows": counter[0],
                "file": out.name,
            },
        )
    return counter[0]
