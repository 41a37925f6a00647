"""The household search results as a table: room, owners, masked phones, area, vacant."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from frontdesk.services.search import HouseholdHit

_Index = QModelIndex | QPersistentModelIndex

ROOM, OWNERS, PHONES, AREA, STATUS = range(5)
VACANT_COLOR = QColor("#8a6d00")


def area_text(centi_m2: int) -> str:
    """``8960`` → ``89.60 m²``."""
    whole, hundredths = divmod(centi_m2, 100)
    return f"{whole}.{hundredths:02d} m²"


class HouseholdSearchModel(QAbstractTableModel):
    """Read-only list of ``HouseholdHit``; ``hit(row)`` gives the household back."""

    COLUMNS = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[HouseholdHit] = []

    def set_hits(self, hits: Sequence[HouseholdHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([])

    def hit(self, row: int) -> HouseholdHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == ROOM:
                return hit.room
            if column == OWNERS:
                return hit.owners
            if column == PHONES:
                return hit.phones_masked
            if column == AREA:
                return area_text(hit.area_centi_m2)
            if column == STATUS:
                return "" if hit.occupied else self.tr("vacant")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AREA:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not hit.occupied:
            return VACANT_COLOR
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = (
            self.tr("Room"),
            self.tr("Owner"),
            self.tr("Phone"),
            self.tr("Area"),
            self.tr("Status"),
        )
        return titles[section] if 0 <= section < len(titles) else None
