"""The fee items table (``feeItemsTable``): code, name, kind, rate in force, due day, late fee.

``SORT_ROLE`` gives each column a value to sort by (the rate in fen, the due day
as a number); the screen sorts through a ``QSortFilterProxyModel``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from frontdesk.services.fees import FeeItemInfo
from frontdesk.ui.fees.labels import kind_title, late_fee_text
from frontdesk.ui.tables import TitledTableModel

_ModelIndex = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class FeeItemsModel(TitledTableModel):
    """Fee items as rows: code, name, kind, current rate, due day, late fee."""

    CODE, NAME, KIND, RATE, DUE_DAY, LATE_FEE = range(6)
    COLUMNS = 6

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[FeeItemInfo] = []
        self._on = date.today()

    def set_items(self, items: Sequence[FeeItemInfo], on: date) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._on = on
        self.endResetModel()

    def item(self, row: int) -> FeeItemInfo:
        return self._items[row]

    def row_of(self, code: str) -> int | None:
        return next((row for row, i in enumerate(self._items) if i.code == code), None)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE):
            if column == self.CODE:
                return item.code
            if column == self.NAME:
                return (
                    item.name
                    if item.active
                    else self.tr("{name} (inactive)").format(name=item.name)
                )
            if column == self.KIND:
                return kind_title(item.kind)
            if column == self.RATE:
                if role == SORT_ROLE:
                    return item.rate_on(self._on) or 0
                return item.rate_text(self._on)
            if column == self.DUE_DAY:
                if role == SORT_ROLE:
                    return item.due_day
                return self.tr("Day {day}").format(day=item.due_day)
            return late_fee_text(item.late_fee)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.RATE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Kind"),
            self.tr("Rate today"),
            self.tr("Due"),
            self.tr("Late fee"),
        )
