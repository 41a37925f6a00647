"""The selected fee item's rate history (``feeRatesTable``), newest first.

The rate in force today is bold and marked "(in force)"; later ones are "(coming)".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from frontdesk.domain.fees import rate_label
from frontdesk.services.fees import FeeItemInfo, RateInfo
from frontdesk.ui.tables import TitledTableModel

_ModelIndex = QModelIndex | QPersistentModelIndex


class RatesModel(TitledTableModel):
    """One fee item's rate history, newest first: from, rate, set by."""

    FROM, RATE, BY = range(3)
    COLUMNS = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kind = "area_monthly"
        self._rates: list[RateInfo] = []
        self._current: date | None = None

    def set_item(self, item: FeeItemInfo | None, on: date) -> None:
        self.beginResetModel()
        if item is None:
            self._rates = []
            self._current = None
        else:
            self._kind = item.kind
            self._rates = sorted(item.rates, key=lambda r: r.effective_from, reverse=True)
            started = [r.effective_from for r in item.rates if r.effective_from <= on]
            self._current = max(started) if started else None
        self.endResetModel()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rates)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rate = self._rates[index.row()]
        column = index.column()
        current = rate.effective_from == self._current
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.FROM:
                text = rate.effective_from.isoformat()
                if current:
                    return self.tr("{date} (in force)").format(date=text)
                if self._current is None or rate.effective_from > self._current:
                    return self.tr("{date} (coming)").format(date=text)
                return text
            if column == self.RATE:
                return rate_label(self._kind, rate.rate_fen)
            return rate.created_by
        if role == Qt.ItemDataRole.FontRole and current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.RATE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def titles(self) -> tuple[str, ...]:
        return (self.tr("From"), self.tr("Rate"), self.tr("Set by"))
