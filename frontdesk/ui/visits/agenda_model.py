"""Home visits as a table: day, time, who goes, room, owner, expected amount, reason, status.

The same model shows a day, a week or the visits to confirm; the day column
matters in the week view and is narrow otherwise. A live visit whose time has
passed without an outcome is shown in red, a same-day booking is marked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from frontdesk.domain.money import format_fen
from frontdesk.domain.visits import CHECKLIST, FINAL_STATUSES
from frontdesk.services.visits import VisitRow
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP
from frontdesk.ui.tables import TitledTableModel
from frontdesk.ui.visits.labels import REASON_TITLES, STATUS_TITLES, title

_Index = QModelIndex | QPersistentModelIndex

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LATE = QColor("#b00020")
_ENDED = QColor("#707070")

WEEKDAYS = (
    QT_TRANSLATE_NOOP("VisitsModel", "Mon"),
    QT_TRANSLATE_NOOP("VisitsModel", "Tue"),
    QT_TRANSLATE_NOOP("VisitsModel", "Wed"),
    QT_TRANSLATE_NOOP("VisitsModel", "Thu"),
    QT_TRANSLATE_NOOP("VisitsModel", "Fri"),
    QT_TRANSLATE_NOOP("VisitsModel", "Sat"),
    QT_TRANSLATE_NOOP("VisitsModel", "Sun"),
)


def weekday_name(when: datetime) -> str:
    """Mon … Sun in the interface language (周一 … 周日)."""
    return QCoreApplication.translate("VisitsModel", WEEKDAYS[when.weekday()])


def progress_text(visit: VisitRow) -> str:
    """What is done before leaving: the departure call and how much of the checklist."""
    if visit.status in FINAL_STATUSES or visit.status == "booked":
        return ""
    call = {"done": "☎✓", "no_answer": "☎✗"}.get(visit.departure_call, "☎?")
    return f"{call} {len(visit.checklist)}/{len(CHECKLIST)}"


class VisitsModel(TitledTableModel):
    """Visit rows in time order (the service's order)."""

    DAY, TIME, STAFF, ROOM, OWNER, EXPECTED, REASON, STATUS, READY = range(9)
    COLUMNS = 9

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[VisitRow] = []
        self.now = datetime.now(UTC)

    def set_visits(self, visits: Sequence[VisitRow], now: datetime | None = None) -> None:
        self.beginResetModel()
        self._rows = list(visits)
        self.now = now or datetime.now(UTC)
        self.endResetModel()

    def visit(self, row: int) -> VisitRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def visits(self) -> list[VisitRow]:
        return list(self._rows)

    def row_of(self, visit_id: int) -> int | None:
        return next((n for n, v in enumerate(self._rows) if v.id == visit_id), None)

    def replace(self, visit: VisitRow) -> None:
        """Show the new state of one visit (after an action) without reloading."""
        row = self.row_of(visit.id)
        if row is None:
            return
        self._rows[row] = visit
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))

    def late(self, visit: VisitRow) -> bool:
        """A visit still booked or confirmed whose time has passed, or out since an earlier day."""
        if visit.status == "out":
            return visit.scheduled_at.astimezone().date() < self.now.astimezone().date()
        return visit.status in ("booked", "confirmed") and visit.scheduled_at < self.now

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        visit = self.visit(index.row()) if index.isValid() else None
        if visit is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(visit, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.STATUS and visit.same_day:
                return self.tr("Booked the same day: {reason}").format(reason=visit.same_day_reason)
            return self._text(visit, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.EXPECTED:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.late(visit):
                return _LATE
            if visit.status in FINAL_STATUSES:
                return _ENDED
        if role == Qt.ItemDataRole.FontRole and column == self.STATUS and visit.status == "out":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, visit: VisitRow, column: int) -> str:
        local = visit.scheduled_at.astimezone()
        if column == self.DAY:
            return f"{local.strftime('%m-%d')} {weekday_name(local)}"
        if column == self.TIME:
            return local.strftime("%H:%M")
        if column == self.STAFF:
            return f"{visit.staff_no} {visit.staff_name}"
        if column == self.ROOM:
            return visit.room
        if column == self.OWNER:
            return visit.owner
        if column == self.EXPECTED:
            if visit.status == "done" and visit.collected_fen is not None:
                return format_fen(visit.collected_fen)
            return format_fen(visit.expected_fen)
        if column == self.REASON:
            return title(REASON_TITLES, visit.reason)
        if column == self.STATUS:
            text = title(STATUS_TITLES, visit.status)
            if visit.same_day:
                text = self.tr("{status} (same day)").format(status=text)
            if self.late(visit):
                late = (
                    self.tr("{status} — outcome not recorded")
                    if visit.status == "out"
                    else self.tr("{status} — time passed")
                )
                text = late.format(status=text)
            return text
        return progress_text(visit)

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("Day"),
            self.tr("Time"),
            self.tr("Who goes"),
            self.tr("Room"),
            self.tr("Owner"),
            self.tr("Amount"),
            self.tr("Reason"),
            self.tr("Status"),
            self.tr("Before leaving"),
        )
