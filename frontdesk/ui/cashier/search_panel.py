"""Finding the household: a search box with results that appear as the cashier types.

Each pause in typing (``DEBOUNCE_MS``) sends one ``search_households`` call to
the database worker; results of an older query than the latest are dropped.
Up/Down (and Page Up/Down) in the box move through the results; Enter takes
the current row, which is the first one unless moved. Enter pressed before
the results for the text have arrived takes the first result when it comes.

Object names: ``householdSearch``, ``householdResults``, ``searchStatus``.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import FrontdeskError
from frontdesk.services.search import HouseholdHit, search_households
from frontdesk.ui.cashier.search_model import OWNERS, ROOM, HouseholdSearchModel
from frontdesk.ui.context import ScreenContext

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
SHOWN = 20  # rows shown; one more is asked for, to know there are more

_MOVE_KEYS = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_PageUp: -5,
    Qt.Key.Key_PageDown: 5,
}


def find_households(ctx: ScreenContext, text: str) -> list[HouseholdHit]:
    """The search, run on the database worker (``ctx.db`` is read there)."""
    return search_households(ctx.db, text, limit=SHOWN + 1)


class SearchPanel(QWidget):
    """The search box and its results; emits ``householdChosen(hit)``."""

    householdChosen = Signal(object)

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("searchPanel")
        self._asked = 0  # number of the latest query sent
        self._answered = 0  # number of the latest query whose results are shown
        self._shown_text = ""  # the text those results are for
        self._enter_pending = False

        self.box = QLineEdit(self)
        self.box.setObjectName("householdSearch")
        self.box.setPlaceholderText(self.tr("Room (3-2-12), name, initials (lb) or phone tail"))
        self.box.setClearButtonEnabled(True)
        self.box.setMaxLength(64)
        self.box.textChanged.connect(self._on_text_changed)
        self.box.returnPressed.connect(self.choose_current)
        self.box.installEventFilter(self)

        self.model = HouseholdSearchModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("householdResults")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OWNERS, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(header.sizeHint().height() + 5 * rows + 4)
        self.table.activated.connect(self._on_activated)
        self.table.installEventFilter(self)

        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)

        self.timer = QTimer(self)
        self.timer.setObjectName("searchDebounce")
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.setFocusProxy(self.box)
        self.setTabOrder(self.box, self.table)

    # -- searching ------------------------------------------------------

    @property
    def searching(self) -> bool:
        """True while typed text has not been answered yet (waiting or in flight)."""
        return self.timer.isActive() or self._answered != self._asked

    def _on_text_changed(self, _text: str) -> None:
        self._enter_pending = False
        self.timer.start()

    def search_now(self) -> None:
        """Send the current text to the database worker now."""
        self.timer.stop()
        text = self.box.text()
        self._asked += 1
        number = self._asked
        if not text.strip():
            self._show(number, text, [])
            return
        self.ctx.tasks.submit(
            find_households,
            self.ctx,
            text,
            on_done=lambda hits: self._show(number, text, hits),
            on_error=lambda error: self._failed(number, error),
        )

    def _show(self, number: int, text: str, hits: list[HouseholdHit]) -> None:
        if not shiboken6.isValid(self) or number != self._asked:
            return  # the screen is gone, or an older query: the cashier has typed on since
        self._answered = number
        self._shown_text = text
        self.model.set_hits(hits[:SHOWN])
        if hits:
            self.table.selectRow(0)
        if not text.strip():
            self.status.setText("")
        elif not hits:
            self.status.setText(self.tr("No household found."))
        elif len(hits) > SHOWN:
            self.status.setText(
                self.tr("The first {n} are shown: type more to narrow the search.").format(n=SHOWN)
            )
        else:
            self.status.setText(
                self.tr("{n} found. Enter takes the highlighted one.").format(n=len(hits))
            )
        if self._enter_pending:
            self._enter_pending = False
            if hits:
                self.choose_current()

    def _failed(self, number: int, error: BaseException) -> None:
        if not shiboken6.isValid(self) or number != self._asked:
            return
        self._answered = number
        self._enter_pending = False
        log.warning("household search failed: %s", error)
        text = str(error) if isinstance(error, FrontdeskError) else type(error).__name__
        self.status.setText(self.tr("The search failed: {error}").format(error=text))

    # -- choosing -------------------------------------------------------

    def choose_current(self) -> None:
        """Take the highlighted result (the first unless moved); wait for results if needed."""
        if not self.box.text().strip():
            return
        if self.searching:
            self._enter_pending = True
            if self.timer.isActive():
                self.search_now()
            return
        row = self.table.currentIndex().row()
        hit = self.model.hit(row if row >= 0 else 0)
        if hit is not None:
            self.householdChosen.emit(hit)

    def _on_activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            self.householdChosen.emit(hit)

    def _move(self, step: int) -> None:
        rows = self.model.rowCount()
        if rows == 0:
            return
        current = self.table.currentIndex().row()
        row = min(rows - 1, max(0, (current if current >= 0 else -1) + step))
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, ROOM))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.box and key in _MOVE_KEYS:
                self._move(_MOVE_KEYS[Qt.Key(key)])
                return True
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_activated(self.table.currentIndex())
                return True
        return super().eventFilter(watched, event)

    # -- for the screen ---------------------------------------------------

    def reset(self) -> None:
        """Empty the box and the results, ready for the next owner."""
        self.timer.stop()
        self._asked += 1  # anything still in flight is now stale
        self._answered = self._asked
        self._enter_pending = False
        self.box.blockSignals(True)
        self.box.clear()
        self.box.blockSignals(False)
        self.model.clear()
        self.status.setText("")
