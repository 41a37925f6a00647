"""The matters list as a table model: urgency in colour *and* words, most urgent first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from frontdesk.services.matters import MatterRow
from frontdesk.ui.matters.labels import KIND_TITLES, STATUS_TITLES, title
from frontdesk.ui.tables import TitledTableModel

_ModelIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

# Background and text colour per urgency; the text says the same in words.
URGENCY_COLOURS = {
    "overdue": ("#f8d7da", "#842029"),
    "callback_overdue": ("#f8d7da", "#842029"),
    "due_soon": ("#fff3cd", "#664d03"),
    "callback_due": ("#cfe2ff", "#084298"),
}


def duration_text(minutes: int) -> str:
    """``2 h 15 min`` / ``2小时15分`` in the interface language."""
    minutes = max(0, minutes)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return QCoreApplication.translate("MattersModel", "{days} d {hours} h").format(
            days=days, hours=hours
        )
    if hours and not mins:
        return QCoreApplication.translate("MattersModel", "{hours} h").format(hours=hours)
    if hours:
        return QCoreApplication.translate("MattersModel", "{hours} h {minutes} min").format(
            hours=hours, minutes=mins
        )
    return QCoreApplication.translate("MattersModel", "{minutes} min").format(minutes=mins)


def urgency_text(row: MatterRow, now: datetime) -> str:
    """``Overdue 2 h 0 min`` / ``已超时 2小时0分``, ``Due soon (45 min left)``, …"""
    level = row.urgency
    if level == "overdue":
        text = QCoreApplication.translate("MattersModel", "Overdue {time}").format(
            time=duration_text(row.overdue_minutes)
        )
    elif level == "due_soon":
        left = int((row.deadline_at - now).total_seconds() // 60)
        text = QCoreApplication.translate("MattersModel", "Due soon ({time} left)").format(
            time=duration_text(left)
        )
    elif level == "callback_overdue":
        text = QCoreApplication.translate("MattersModel", "Call-back overdue")
    elif level == "callback_due":
        text = QCoreApplication.translate("MattersModel", "Call-back due")
    elif level == "waiting":
        text = QCoreApplication.translate("MattersModel", "Awaiting call-back")
    elif level == "done":
        text = QCoreApplication.translate("MattersModel", "Done")
    else:
        text = QCoreApplication.translate("MattersModel", "On time")
    if row.late_minutes > 0 and level != "overdue":
        text += QCoreApplication.translate("MattersModel", " · was late {time}").format(
            time=duration_text(row.late_minutes)
        )
    return text


class MattersModel(TitledTableModel):
    """Rows of ``MatterRow``: urgency, number, kind, room, contact, owner, status, deadline."""

    URGENCY, NUMBER, KIND, ROOM, CONTACT, OWNER, STATUS, DEADLINE, DESCRIPTION = range(9)
    COLUMNS = 9

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MatterRow] = []
        self._now = datetime.now().astimezone()

    def set_rows(self, rows: Sequence[MatterRow], now: datetime) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._now = now
        self.endResetModel()

    def matter(self, row: int) -> MatterRow:
        return self._rows[row]

    def rows(self) -> list[MatterRow]:
        return list(self._rows)

    def row_of(self, matter_id: int) -> int | None:
        for n, r in enumerate(self._rows):
            if r.id == matter_id:
                return n
        return None

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def _display(self, r: MatterRow, column: int) -> str:
        if column == self.URGENCY:
            return urgency_text(r, self._now)
        if column == self.NUMBER:
            return r.number
        if column == self.KIND:
            return title(KIND_TITLES, r.kind)
        if column == self.ROOM:
            return r.room_code
        if column == self.CONTACT:
            return " ".join(x for x in (r.contact_name, r.phone_masked) if x)
        if column == self.OWNER:
            return r.owner
        if column == self.STATUS:
            text = title(STATUS_TITLES, r.status)
            if r.reopen_count:
                text += self.tr(" (reopened)")
            return text
        if column == self.DEADLINE:
            return r.deadline_at.astimezone().strftime("%m-%d %H:%M")
        return r.description.splitlines()[0] if r.description else ""

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and column == self.DESCRIPTION:
                return r.description
            return self._display(r, column)
        if role == SORT_ROLE:
            if column == self.URGENCY:
                return index.row()  # the service's urgency order
            if column == self.DEADLINE:
                return r.deadline_at.timestamp()
            return self._display(r, column)
        colours = URGENCY_COLOURS.get(r.urgency)
        if colours is not None and column == self.URGENCY:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(colours[0]))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(colours[1]))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("Urgency"),
            self.tr("Number"),
            self.tr("Kind"),
            self.tr("Room"),
            self.tr("Contact"),
            self.tr("Handled by"),
            self.tr("Status"),
            self.tr("Deadline"),
            self.tr("Matter"),
        )
