"""A household's open bills (and months paid ahead) as a checkable table, oldest first.

Column 0 carries the check box: an open bill is checked (selected for
payment) by default and the cashier may uncheck it (Space toggles the current
row). Months-ahead lines are always included while the months-ahead box asks
for them: they are shown checked, in italics, and cannot be unchecked here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from frontdesk.domain.money import format_fen
from frontdesk.services.billing import DueLine

_Index = QModelIndex | QPersistentModelIndex

ITEM, PERIOD, STANDARD, AMOUNT, LATE_FEE, DUE_DATE, OVERDUE = range(7)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_AHEAD_BACKGROUND = QColor("#eef5ff")
_OVERDUE_COLOR = QColor("#b00020")


class BillsModel(QAbstractTableModel):
    """Due lines with a check state per open bill; emits ``selectionChanged`` on a toggle."""

    selectionChanged = Signal()
    COLUMNS = 7

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[DueLine] = []
        self._unchecked: set[int] = set()

    # -- content --------------------------------------------------------

    def set_lines(self, lines: Sequence[DueLine], *, keep_choices: bool = False) -> None:
        """Show ``lines``; every open bill checked, unless ``keep_choices`` keeps earlier unchecks."""
        self.beginResetModel()
        self._lines = list(lines)
        ids = {line.bill_id for line in self._lines if line.bill_id is not None}
        self._unchecked = (self._unchecked & ids) if keep_choices else set()
        self.endResetModel()
        self.selectionChanged.emit()

    def clear(self) -> None:
        self.set_lines([])

    @property
    def lines(self) -> list[DueLine]:
        return list(self._lines)

    def line(self, row: int) -> DueLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def checked_bill_ids(self) -> set[int]:
        return {
            line.bill_id
            for line in self._lines
            if line.bill_id is not None and line.bill_id not in self._unchecked
        }

    def is_checked(self, row: int) -> bool:
        line = self.line(row)
        return line is not None and (line.bill_id is None or line.bill_id not in self._unchecked)

    def set_checked(self, row: int, checked: bool) -> bool:
        line = self.line(row)
        if line is None or line.bill_id is None:
            return False
        if checked:
            self._unchecked.discard(line.bill_id)
        else:
            self._unchecked.add(line.bill_id)
        first = self.index(row, 0)
        self.dataChanged.emit(first, self.index(row, self.COLUMNS - 1))
        self.selectionChanged.emit()
        return True

    def set_all_checked(self, checked: bool) -> None:
        ids = {line.bill_id for line in self._lines if line.bill_id is not None}
        self._unchecked = set() if checked else ids
        if self._lines:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._lines) - 1, self.COLUMNS - 1)
            )
        self.selectionChanged.emit()

    # -- the model interface ----------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        line = self.line(index.row())
        if index.column() == ITEM and line is not None and not line.ahead:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == ITEM:
            checked = self.is_checked(index.row())
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (AMOUNT, LATE_FEE, OVERDUE):
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and line.ahead:
            return _AHEAD_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and column == OVERDUE and line.days_overdue:
            return _OVERDUE_COLOR
        if role == Qt.ItemDataRole.FontRole and line.ahead:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _text(self, line: DueLine, column: int) -> str | None:
        if column == ITEM:
            if line.ahead:
                return self.tr("{item} (paid ahead)").format(item=line.item_name)
            return line.item_name
        if column == PERIOD:
            return line.period
        if column == STANDARD:
            return line.standard
        if column == AMOUNT:
            return format_fen(line.amount_fen)
        if column == LATE_FEE:
            return format_fen(line.late_fee_fen) if line.late_fee_fen else "—"
        if column == DUE_DATE:
            return line.due_date.isoformat()
        if column == OVERDUE:
            if line.ahead or not line.days_overdue:
                return ""
            return self.tr("{days} d").format(days=line.days_overdue)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != ITEM:
            return False
        if isinstance(value, bool):
            return self.set_checked(index.row(), value)
        return self.set_checked(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = (
            self.tr("Item"),
            self.tr("Period"),
            self.tr("Standard"),
            self.tr("Amount"),
            self.tr("Late fee"),
            self.tr("Due date"),
            self.tr("Overdue"),
        )
        return titles[section] if 0 <= section < len(titles) else None
