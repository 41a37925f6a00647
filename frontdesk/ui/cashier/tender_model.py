"""Payment methods by name, and the method lines of a split payment as a table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from frontdesk.domain.money import format_fen
from frontdesk.domain.tender import METHODS
from frontdesk.ui.cashier.figures import TenderEntry
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP

_Index = QModelIndex | QPersistentModelIndex

# English source text; the Chinese catalogue gives 现金, 微信支付, 支付宝, 银联卡,
# 银行转账 and 预存款 (the receipt's labels, domain.receipt.METHOD_LABELS).
METHOD_TITLES = {
    "cash": QT_TRANSLATE_NOOP("PaymentMethods", "Cash"),
    "wechat": QT_TRANSLATE_NOOP("PaymentMethods", "WeChat Pay"),
    "alipay": QT_TRANSLATE_NOOP("PaymentMethods", "Alipay"),
    "unionpay": QT_TRANSLATE_NOOP("PaymentMethods", "UnionPay card"),
    "transfer": QT_TRANSLATE_NOOP("PaymentMethods", "Bank transfer"),
    "prepay": QT_TRANSLATE_NOOP("PaymentMethods", "Prepayment balance"),
}
assert tuple(METHOD_TITLES) == METHODS


def method_title(method: str) -> str:
    """The method's name in the interface language."""
    source = METHOD_TITLES.get(method)
    return QCoreApplication.translate("PaymentMethods", source) if source else method


METHOD, AMOUNT, REFERENCE = range(3)


class TenderLinesModel(QAbstractTableModel):
    """The method lines added so far: method, amount, reference."""

    COLUMNS = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[TenderEntry] = []

    @property
    def entries(self) -> list[TenderEntry]:
        return list(self._entries)

    def set_entries(self, entries: Sequence[TenderEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def append(self, entry: TenderEntry) -> None:
        row = len(self._entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.append(entry)
        self.endInsertRows()

    def remove(self, row: int) -> TenderEntry | None:
        if not 0 <= row < len(self._entries):
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        entry = self._entries.pop(row)
        self.endRemoveRows()
        return entry

    def clear(self) -> None:
        self.set_entries([])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == METHOD:
                return method_title(entry.method)
            if column == AMOUNT:
                return format_fen(entry.amount_fen)
            if column == REFERENCE:
                return entry.reference
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = (self.tr("Method"), self.tr("Amount"), self.tr("Reference"))
        return titles[section] if 0 <= section < len(titles) else None
