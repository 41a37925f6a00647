"""The demo logins as a table model (demo mode only, so imported when needed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from frontdesk.ui.context import role_title

_ModelIndex = QModelIndex | QPersistentModelIndex


class DemoAccountsModel(QAbstractTableModel):
    """The demo logins (staff number, name, role, password) as a read-only table."""

    COLUMNS = 4

    def __init__(self, accounts: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = list(accounts)

    def account(self, row: int) -> Any:
        return self._accounts[row]

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._accounts)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        account = self._accounts[index.row()]
        column = index.column()
        if column == 0:
            return account.staff_no
        if column == 1:
            return account.name
        if column == 2:
            return role_title(account.role)
        if column == 3:
            return account.password
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (self.tr("Staff no."), self.tr("Name"), self.tr("Role"), self.tr("Password"))
        return titles[section] if 0 <= section < len(titles) else None
