"""The overdue-call queue as a table: proposed time, room, owner, amount, age, attempts, status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from frontdesk.domain.money import format_fen
from frontdesk.services.calls import CallRow
from frontdesk.services.search import mask_phone
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP
from frontdesk.ui.tables import TitledTableModel

_Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ESCALATED = QColor("#b00020")

STATUS_TITLES = {
    "open": QT_TRANSLATE_NOOP("CallsModel", "To call"),
    "promised": QT_TRANSLATE_NOOP("CallsModel", "Promised"),
    "escalated": QT_TRANSLATE_NOOP("CallsModel", "With a supervisor"),
    "unreachable": QT_TRANSLATE_NOOP("CallsModel", "Unreachable"),
    "wrong_number": QT_TRANSLATE_NOOP("CallsModel", "Wrong number"),
    "paid": QT_TRANSLATE_NOOP("CallsModel", "Paid"),
    "broken": QT_TRANSLATE_NOOP("CallsModel", "Promise broken"),
    "closed": QT_TRANSLATE_NOOP("CallsModel", "Closed"),
}
OUTCOME_TITLES = {
    "no_answer": QT_TRANSLATE_NOOP("CallsModel", "No answer"),
    "wrong_number": QT_TRANSLATE_NOOP("CallsModel", "Wrong number"),
    "refused": QT_TRANSLATE_NOOP("CallsModel", "Refused"),
    "already_paid": QT_TRANSLATE_NOOP("CallsModel", "Says already paid"),
    "promise": QT_TRANSLATE_NOOP("CallsModel", "Promise to pay"),
}


class CallsModel(TitledTableModel):
    """Call rows; the phone is masked here (the call script shows it in full)."""

    TIME, ROOM, OWNER, PHONE, AMOUNT, OVERDUE, ATTEMPTS, STATUS, LAST = range(9)
    COLUMNS = 9

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CallRow] = []
        self.today = date.today()

    def set_calls(self, calls: Sequence[CallRow], today: date | None = None) -> None:
        self.beginResetModel()
        self._rows = list(calls)
        self.today = today or date.today()
        self.endResetModel()

    def call(self, row: int) -> CallRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, call_id: int) -> int | None:
        return next((n for n, c in enumerate(self._rows) if c.call_id == call_id), None)

    def calls(self) -> list[CallRow]:
        return list(self._rows)

    def status_title(self, status: str) -> str:
        source = STATUS_TITLES.get(status)
        return self.tr(source) if source else status

    def outcome_title(self, outcome: str) -> str:
        source = OUTCOME_TITLES.get(outcome)
        return self.tr(source) if source else outcome

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        call = self.call(index.row()) if index.isValid() else None
        if call is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(call, column)
        if role == SORT_ROLE:
            if column == self.TIME:
                return call.scheduled_at.timestamp()
            if column == self.AMOUNT:
                return call.amount_owed_fen
            if column in (self.OVERDUE, self.ATTEMPTS):
                return call.days_overdue(self.today) if column == self.OVERDUE else call.attempts
            return self._text(call, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.AMOUNT,
            self.OVERDUE,
            self.ATTEMPTS,
        ):
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and call.status == "escalated":
            return _ESCALATED
        return None

    def _text(self, call: CallRow, column: int) -> str:
        if column == self.TIME:
            return call.scheduled_at.astimezone().strftime("%m-%d %H:%M")
        if column == self.ROOM:
            return call.room
        if column == self.OWNER:
            return call.owner
        if column == self.PHONE:
            return mask_phone(call.phone) if call.phone else ""
        if column == self.AMOUNT:
            return format_fen(call.amount_owed_fen)
        if column == self.OVERDUE:
            return self.tr("{days} d").format(days=call.days_overdue(self.today))
        if column == self.ATTEMPTS:
            return str(call.attempts)
        if column == self.STATUS:
            text = self.status_title(call.status)
            if call.status == "promised" and call.promised_on is not None:
                text = f"{text} {call.promised_on.isoformat()}"
            return text
        return self.outcome_title(call.last_outcome) if call.last_outcome else ""

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("Call at"),
            self.tr("Room"),
            self.tr("Owner"),
            self.tr("Phone"),
            self.tr("Owed"),
            self.tr("Overdue"),
            self.tr("Attempts"),
            self.tr("Status"),
            self.tr("Last outcome"),
        )
