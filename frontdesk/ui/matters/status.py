"""Matters and messages in the main window: status-bar counts, unread messages, phrase dock.

``attach_matter_status(window)`` is all the main window calls. It adds:

* ``matterCounts`` (for those who handle matters): "Matters: 2 overdue · 3 due
  soon · 1 call-back due", red when something is overdue; refreshed every
  ``REFRESH_MS`` through the task runner (never on the GUI thread); a click
  opens the matters screen (F7);
* ``unreadMessages``: "3 unread messages", shown from login while there are
  any (with a status-bar notice at login); a click opens the messages screen;
* ``phraseDock``: the phrase panel as a dock, hidden until ``PHRASE_KEY``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QToolButton, QWidget

from frontdesk.services.matters import MATTER_ROLES, MatterCounts

if TYPE_CHECKING:
    from frontdesk.storage.database import Database
    from frontdesk.ui.main.window import MainWindow

REFRESH_MS = 60_000
PHRASE_KEY = "Ctrl+Shift+H"
NOTICE_MS = 15_000


def _read(
    db: Database, staff_no: str, due_soon: int, counts: bool
) -> tuple[MatterCounts | None, int]:
    from frontdesk.services.matters import matter_counts
    from frontdesk.services.messages import unread_count

    found = matter_counts(db, due_soon_minutes=due_soon) if counts else None
    return found, unread_count(db, staff_no)


class MatterStatus(QWidget):
    """Owns the two status-bar buttons and their refresh timer (not itself shown)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.hide()
        actor = window.actor
        self.show_counts = actor.can(*MATTER_ROLES)
        self.counts: MatterCounts | None = None
        self.unread = -1
        self._first = True
        self.dock: QDockWidget | None = None
        bar = window.statusBar()
        self.counts_button = QToolButton(bar)
        self.counts_button.setObjectName("matterCounts")
        self.counts_button.setAutoRaise(True)
        self.counts_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.counts_button.clicked.connect(lambda: window.open_screen("matters"))
        self.counts_button.setVisible(False)
        self.unread_button = QToolButton(bar)
        self.unread_button.setObjectName("unreadMessages")
        self.unread_button.setAutoRaise(True)
        self.unread_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.unread_button.setStyleSheet("color: #084298; font-weight: bold;")
        self.unread_button.clicked.connect(lambda: window.open_screen("messages"))
        self.unread_button.setVisible(False)
        bar.addPermanentWidget(self.counts_button)
        bar.addPermanentWidget(self.unread_button)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        window.loggedOut.connect(self._stop)
        self.refresh()

    def _stop(self, _reason: str) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        """Count again on the worker."""
        ctx = self.window_.context
        if self.window_.logged_out:
            return
        ctx.tasks.submit(
            _read,
            ctx.db,
            self.window_.actor.staff_no,
            ctx.config.matters.due_soon_minutes,
            self.show_counts,
            on_done=self._counted,
            on_error=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        # A status-bar count is not worth a dialog; it tries again on the next tick.
        self.counts_button.setToolTip(str(error))

    def _counted(self, result: tuple[MatterCounts | None, int]) -> None:
        if not shiboken6.isValid(self.counts_button):
            return
        counts, unread = result
        self.counts = counts
        if counts is not None:
            self.counts_button.setText(
                self.tr(
                    "Matters: {overdue} overdue · {soon} due soon · {callbacks} call-backs due"
                ).format(
                    overdue=counts.overdue, soon=counts.due_soon, callbacks=counts.callbacks_due
                )
            )
            self.counts_button.setToolTip(self.tr("Open the matters screen (F7)"))
            style = "color: #b00020; font-weight: bold;" if counts.overdue else ""
            if not counts.overdue and (counts.due_soon or counts.callbacks_due):
                style = "color: #a15c00; font-weight: bold;"
            self.counts_button.setStyleSheet(style)
            self.counts_button.setVisible(True)
        self.unread = unread
        self.unread_button.setText(self.tr("Unread messages: {n}").format(n=unread))
        self.unread_button.setToolTip(self.tr("Open my messages"))
        self.unread_button.setVisible(unread > 0)
        if self._first and unread > 0:
            self.window_.statusBar().showMessage(
                self.tr("You have {n} unread messages (Shift+F7).").format(n=unread), NOTICE_MS
            )
        self._first = False


def attach_matter_status(window: MainWindow) -> MatterStatus:
    """Give ``window`` its matter counts, unread-messages item and phrase dock."""
    from frontdesk.ui.phrases import PhrasePanel

    status = MatterStatus(window)
    dock = QDockWidget(QCoreApplication.translate("MatterStatus", "Standard phrases"), window)
    dock.setObjectName("phraseDock")
    dock.setWidget(PhrasePanel(window.context.config, dock))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    toggle = dock.toggleViewAction()
    toggle.setObjectName("phraseDockAction")
    toggle.setShortcut(QKeySequence(PHRASE_KEY))
    window.addAction(toggle)
    status.dock = dock
    return status
