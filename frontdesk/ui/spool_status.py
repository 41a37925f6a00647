"""The printer in the main window: a status-bar button and the non-modal warning with Retry.

``attach_printer_status(window)`` is all the main window calls: it makes the
window's ``SpoolControl`` (which runs the desk's print spool while a printer
is configured), puts a ``PrinterStatus`` (objectName ``printerStatus``) in the
status bar, and stops the spool when the window logs out or closes.

``printerStatus`` says how many receipts wait (or that none do), or that the
printer has a problem; clicking it, or Ctrl+Shift+P, shows the warning again. When printing
fails, ``printerWarning`` (``frontdesk.ui.printer.warning``) appears without
blocking the window: Retry wakes the spool at once. A receipt the printer may
have printed half-way ("uncertain") is printed again only after the cashier
confirms (``printerRetryConfirm``) — as a copy, through ``print_jobs.retry`` —
or is taken out of the queue ("It printed", ``print_jobs.cancel``). One warning
at a time: a new problem updates its text; a problem dismissed with Later
comes back only when something changes (e.g. another receipt waits).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QToolButton, QWidget

from frontdesk.errors import FrontdeskError
from frontdesk.services.actors import Actor
from frontdesk.ui.printer.control import SpoolControl
from frontdesk.ui.printer.warning import PrinterWarning

if TYPE_CHECKING:
    from frontdesk.printing.spool import SpoolState
    from frontdesk.services.print_jobs import JobInfo
    from frontdesk.storage.database import Database
    from frontdesk.ui.main.window import MainWindow

log = logging.getLogger(__name__)

WARNING_KEY = "Ctrl+Shift+P"
"""Shows the printer warning and gives it the keyboard (Enter = Retry, Esc = Later)."""
QUIT_WAIT_S = 2.0
"""When the program quits, how long to let the spool finish the slip it is printing."""
RETRY_GRACE_S = 3.0
"""After Retry, seconds beyond the printer time-out before Retry is offered again."""

_ERROR_STYLE = "color: #b00020; font-weight: bold;"
_UNSURE_STYLE = "color: #a15c00; font-weight: bold;"


def attach_printer_status(window: MainWindow) -> PrinterStatus:
    """Give ``window`` its print spool and printer status; stopped when the window logs out."""
    control = SpoolControl(window.context, window)
    status = PrinterStatus(control, window.actor, window)
    window.statusBar().addPermanentWidget(status)
    # The warning appears without taking the keyboard; this key goes to it.
    QShortcut(QKeySequence(WARNING_KEY), window, status.focus_warning)
    window.loggedOut.connect(
        lambda reason: control.shutdown(QUIT_WAIT_S if reason == "close" else 0.0)
    )
    control.start()
    return status


def _uncertain_jobs(db: Database, desk: str) -> list[JobInfo]:
    from frontdesk.services import print_jobs

    return [j for j in print_jobs.jobs(db, desk=desk, statuses=("printing",)) if j.uncertain]


def _retry_jobs(db: Database, actor: Actor, ids: Sequence[int]) -> None:
    from frontdesk.services import print_jobs

    for job_id in ids:
        print_jobs.retry(db, actor, job_id)


def _cancel_jobs(db: Database, actor: Actor, ids: Sequence[int]) -> None:
    from frontdesk.services import print_jobs

    for job_id in ids:
        print_jobs.cancel(db, actor, job_id)


class PrinterStatus(QToolButton):
    """The status-bar button ``printerStatus`` and the behaviour of the printer warning."""

    def __init__(self, control: SpoolControl, actor: Actor, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("printerStatus")
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays with the screen
        self.control = control
        self.actor = actor
        self.warning = PrinterWarning(window)
        self.confirm: QMessageBox | None = None
        self.uncertain: list[JobInfo] = []
        self._dismissed: tuple[Any, ...] | None = None
        self._busy = False
        self._error = ""
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(self._retry_done)

        self.clicked.connect(self.show_warning)
        self.warning.retryRequested.connect(self.retry)
        self.warning.cancelRequested.connect(self.cancel_uncertain)
        self.warning.dismissed.connect(self._on_dismissed)
        control.stateChanged.connect(self._on_state)
        self.hide()

    @property
    def state(self) -> SpoolState | None:
        return self.control.state

    @property
    def desk(self) -> str:
        return self.control.config.app.desk

    # -- what the state means -------------------------------------------------

    def problem(self) -> tuple[Any, ...] | None:
        """What is wrong now, as a key (None: nothing); a dismissed key is not shown again."""
        state = self.state
        if state is None:
            return None
        parts: list[Any] = []
        if state.failing and state.pending:
            parts += ["failing", state.last_error, state.pending]
        elif state.last_error and not state.failing:
            parts += ["set aside", state.last_error]
        if state.uncertain:
            parts += ["uncertain", state.uncertain]
        return tuple(parts) or None

    def _on_state(self, state: SpoolState | None) -> None:
        if state is None:
            self.hide()
            self.warning.hide()
            return
        self.show()
        self._busy = False
        self._busy_timer.stop()
        self._update_button(state)
        if state.uncertain:
            self._fetch_uncertain()
        else:
            self.uncertain = []
        problem = self.problem()
        if problem is None:
            self._error = ""
            self._dismissed = None
            self.warning.hide()
        elif self.warning.isVisible() or problem != self._dismissed:
            self.show_warning()

    def _update_button(self, state: SpoolState) -> None:
        from frontdesk.printing.connections import describe_connection

        where = describe_connection(self.control.config.printer)
        if state.failing and state.pending:
            text = self.tr("⚠ Printer problem · {count} waiting").format(count=state.pending)
            style = _ERROR_STYLE
        elif state.uncertain:
            text = self.tr("⚠ Printer: check {count} receipt(s)").format(count=state.uncertain)
            style = _UNSURE_STYLE
        elif state.pending:
            text = self.tr("Printer: {count} waiting").format(count=state.pending)
            style = ""
        else:
            text = self.tr("Printer · nothing waiting")
            style = ""
        self.setText(text)
        self.setStyleSheet(style)
        tip = where + (f"\n{state.last_error}" if state.last_error else "")
        if self.problem() is not None:
            tip += "\n" + self.tr("{key}: show the printer warning").format(
                key=QKeySequence(WARNING_KEY).toString(QKeySequence.SequenceFormat.NativeText)
            )
        self.setToolTip(tip)

    def warning_text(self) -> str:
        """The warning's text for the current state."""
        state = self.state
        if state is None:
            return ""
        paragraphs = []
        if state.failing and state.pending:
            paragraphs.append(
                self.tr(
                    "Receipts are not printing: {error}\n{count} receipt(s) wait in the queue; "
                    "the payments are recorded. Fix the printer, then press Retry."
                ).format(error=state.last_error, count=state.pending)
            )
        elif state.last_error and not state.failing:
            paragraphs.append(
                self.tr(
                    "A receipt could not be printed and was taken out of the queue: {error}\n"
                    "Print a copy from the Payments screen (F4)."
                ).format(error=state.last_error)
            )
        if state.uncertain:
            receipts = "、".join(j.receipt_no for j in self.uncertain) or str(state.uncertain)
            paragraphs.append(
                self.tr(
                    "The printer stopped while printing receipt {receipts}: it may or may not "
                    "be on paper. Look at the printer. If it is not there, press Retry to print "
                    "it again as a copy; if it is, choose “It printed”."
                ).format(receipts=receipts)
            )
        if self._busy:
            paragraphs.append(self.tr("Trying again…"))
        if self._error:
            paragraphs.append(self._error)
        return "\n\n".join(paragraphs)

    def show_warning(self) -> None:
        """Show (or update) the warning if there is a problem; never a second one."""
        state = self.state
        if state is None or self.problem() is None:
            return
        self.warning.set_content(
            self.warning_text(),
            can_retry=bool((state.failing and state.pending) or state.uncertain),
            uncertain=bool(state.uncertain),
            busy=self._busy,
        )
        if not self.warning.isVisible():
            self._place_warning()
            self.warning.show()

    def focus_warning(self) -> None:
        """The warning key: show the warning (if there is a problem) and give it the keyboard."""
        self.show_warning()
        if self.warning.isVisible():
            self.warning.activateWindow()
            if QGuiApplication.platformName() != "offscreen":  # it cannot stack windows
                self.warning.raise_()
            button = self.warning.retry_button
            if not (button.isVisible() and button.isEnabled()):
                button = self.warning.later_button
            button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _place_warning(self) -> None:
        window = self.window()
        if window is self.warning.parentWidget() and window.isVisible():
            frame = window.frameGeometry()
            size = self.warning.sizeHint()
            self.warning.move(
                frame.right() - size.width() - 32, frame.bottom() - size.height() - 64
            )

    def _on_dismissed(self) -> None:
        self._dismissed = self.problem()

    # -- Retry, and receipts that may be on paper already -----------------------

    def retry(self) -> None:
        """Retry: print pending receipts now; ask first before printing uncertain ones again."""
        state = self.state
        if state is None or self._busy:
            return
        if not state.uncertain:
            self._kick_now()
            return
        receipts = "、".join(j.receipt_no for j in self.uncertain) or str(state.uncertain)
        confirm = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Print again?"),
            self.tr(
                "Receipt {receipts} may already have printed. Print it again as a copy "
                "(marked 「重打 / COPY」)?"
            ).format(receipts=receipts),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.warning,
        )
        confirm.setObjectName("printerRetryConfirm")
        confirm.setDefaultButton(QMessageBox.StandardButton.No)
        confirm.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        confirm.finished.connect(
            lambda _r: self._confirmed(
                confirm.standardButton(confirm.clickedButton()) == QMessageBox.StandardButton.Yes
            )
        )
        self.confirm = confirm
        confirm.open()

    def _confirmed(self, yes: bool) -> None:
        self.confirm = None
        state = self.state
        if yes:
            ids = [j.id for j in self.uncertain]
            self._start_busy()
            self.control.app.tasks.submit(
                _retry_jobs,
                self.control.app.db,
                self.actor,
                ids,
                on_done=lambda _r: self.control.kick(),
                on_error=self._job_action_failed,
            )
        elif state is not None and state.failing and state.pending:
            self._kick_now()  # the other receipts that wait

    def cancel_uncertain(self) -> None:
        """ "It printed": take the uncertain receipts out of the queue (they are on paper)."""
        if not self.uncertain or self._busy:
            return
        self._start_busy()
        self.control.app.tasks.submit(
            _cancel_jobs,
            self.control.app.db,
            self.actor,
            [j.id for j in self.uncertain],
            on_done=lambda _r: self.control.kick(),
            on_error=self._job_action_failed,
        )

    def _kick_now(self) -> None:
        self._start_busy()
        self.control.kick()

    def _start_busy(self) -> None:
        self._busy = True
        self._error = ""
        wait = self.control.config.printer.timeout_seconds + RETRY_GRACE_S
        self._busy_timer.start(int(wait * 1000))
        self.show_warning()

    def _retry_done(self) -> None:
        """No new state since Retry: the printer failed the same way again."""
        self._busy = False
        self.show_warning()

    def _job_action_failed(self, error: BaseException) -> None:
        self._busy = False
        self._busy_timer.stop()
        if isinstance(error, FrontdeskError):
            self._error = str(error)
        else:
            log.error("printer warning: unexpected error", exc_info=error)
            self._error = self.tr("Unexpected error: {error}. See the log file.").format(
                error=type(error).__name__
            )
        self.show_warning()

    def _fetch_uncertain(self) -> None:
        self.control.app.tasks.submit(
            _uncertain_jobs,
            self.control.app.db,
            self.desk,
            on_done=self._on_uncertain,
            on_error=self._job_action_failed,
        )

    def _on_uncertain(self, jobs: list[JobInfo]) -> None:
        if not shiboken6.isValid(self):
            return
        self.uncertain = jobs
        if self.warning.isVisible():
            self.show_warning()
