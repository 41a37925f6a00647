"""Record how a home fee-collection visit ended: collected, not home, rescheduled, cancelled.

``VisitOutcomeDialog(ctx, visit)`` is window-modal but not blocking: open it
with ``open()`` and listen to ``recorded(Outcome)`` (``services.visits.Outcome``;
for a reschedule its ``next_visit`` is the new booking). The service call runs
on the database worker; a refusal leaves the dialog open with the reason in
``visitOutcomeMessage``. Ctrl+Enter saves, Esc cancels.

The choices (``outcomeChoice``, Alt+1…4 or Ctrl+1…4) are only those the
visit's status allows: collected and not home once the visit is out,
reschedule and cancel until it has ended; collecting needs a cashier or a
supervisor. On opening, the household's open bills (all ticked) and the next
free slot are loaded on the worker. After a collection the dialog stays open
with the field receipt number and ``visitReceiptPdf`` saves that receipt as
an A5 PDF; the cancel button then closes it.

Object names: ``visitOutcomeDialog``, ``visitOutcomeSummary``,
``outcomeChoice`` (the group; its buttons ``outcomeCollected``,
``outcomeNotHome``, ``outcomeReschedule``, ``outcomeCancel``),
``visitOutcomeMessage``, ``visitOutcomeSave``, ``visitOutcomeCancel``,
``visitReceiptPdf``; the pages' fields are listed in
``frontdesk.ui.visits.outcome_pages``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.money import format_fen
from frontdesk.domain.visits import FINAL_STATUSES
from frontdesk.domain.workcalendar import to_local
from frontdesk.errors import FrontdeskError
from frontdesk.services.visits import Outcome, VisitRow
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP
from frontdesk.ui.printer.receipt_copies import ReceiptCopies
from frontdesk.ui.visits.labels import STATUS_TITLES, title
from frontdesk.ui.visits.outcome_jobs import (
    Prepared,
    cancel,
    collect,
    not_home,
    prepare,
    reschedule,
)
from frontdesk.ui.visits.outcome_pages import (
    CancelPage,
    CollectedPage,
    NotHomePage,
    ReschedulePage,
)

COLLECTED, NOT_HOME, RESCHEDULE, CANCEL = "collected", "not_home", "reschedule", "cancel"
CHOICES = (
    (COLLECTED, "outcomeCollected", QT_TRANSLATE_NOOP("VisitOutcomeDialog", "&1  Collected")),
    (NOT_HOME, "outcomeNotHome", QT_TRANSLATE_NOOP("VisitOutcomeDialog", "&2  Not home")),
    (RESCHEDULE, "outcomeReschedule", QT_TRANSLATE_NOOP("VisitOutcomeDialog", "&3  Reschedule")),
    (CANCEL, "outcomeCancel", QT_TRANSLATE_NOOP("VisitOutcomeDialog", "&4  Cancel the visit")),
)
SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")
Page = CollectedPage | NotHomePage | ReschedulePage | CancelPage


def allowed_choices(status: str) -> tuple[str, ...]:
    """The outcomes a visit in ``status`` can still get (none once it has ended)."""
    if status in FINAL_STATUSES:
        return ()
    if status == "out":
        return (COLLECTED, NOT_HOME, RESCHEDULE, CANCEL)
    return (RESCHEDULE, CANCEL)


class VisitOutcomeDialog(QDialog):
    """The outcome of one visit; ``recorded(Outcome)`` once the service has it."""

    recorded = Signal(object)

    def __init__(self, ctx: ScreenContext, visit: VisitRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit
        self.outcome: Outcome | None = None
        self._busy = False
        self.setObjectName("visitOutcomeDialog")
        self.setWindowTitle(self.tr("Outcome of the visit"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)
        self.allowed = allowed_choices(visit.status)
        self.may_collect = ctx.actor.can("cashier", "supervisor")

        self.summary = QLabel(self.summary_text(), self)
        self.summary.setObjectName("visitOutcomeSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.choice_box = choice_box = QGroupBox(self.tr("Outcome"), self)
        choice_box.setObjectName("outcomeChoice")
        choice_row = QHBoxLayout(choice_box)
        self.choice = QButtonGroup(self)
        self.choice_buttons: dict[str, QRadioButton] = {}
        for n, (code, name, text) in enumerate(CHOICES, start=1):
            button = QRadioButton(self.tr(text), choice_box)
            button.setObjectName(name)
            button.setVisible(code in self.allowed)
            self.choice.addButton(button, n - 1)
            self.choice_buttons[code] = button
            choice_row.addWidget(button)
            QShortcut(QKeySequence(f"Ctrl+{n}"), self, lambda c=code: self.pick(c))
        choice_row.addStretch(1)
        collected = self.choice_buttons[COLLECTED]
        collected.setEnabled(self.may_collect)
        if not self.may_collect:
            collected.setToolTip(self.tr("Only a cashier or a supervisor can take a payment."))

        config = ctx.config
        self.collected_page = CollectedPage(config.money.cash_unit_fen, self)
        self.not_home_page = NotHomePage(self)
        self.reschedule_page = ReschedulePage(config.visits.min_days_ahead, self)
        self.cancel_page = CancelPage(self)
        self.pages = QStackedWidget(self)
        self.page_of: dict[str, Page] = {
            COLLECTED: self.collected_page,
            NOT_HOME: self.not_home_page,
            RESCHEDULE: self.reschedule_page,
            CANCEL: self.cancel_page,
        }
        for page in self.page_of.values():
            self.pages.addWidget(page)
        self.choice.idToggled.connect(self._choice_toggled)

        self.message = QLabel(self)
        self.message.setObjectName("visitOutcomeMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setObjectName("visitOutcomeSave")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(SAVE_KEYS[0])
        self.save_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("visitOutcomeCancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.copies = ReceiptCopies(ctx, self, self.show_message)
        self.copies.reprint_button.hide()  # a copy is made at the counter (F4)
        self.pdf_button = self.copies.pdf_button
        self.pdf_button.setObjectName("visitReceiptPdf")
        self.pdf_button.setText(self.tr("Save receipt as &PDF…"))
        self.pdf_button.setAutoDefault(False)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.pdf_button.hide()  # until there is a receipt
        for sequence in SAVE_KEYS:
            QShortcut(QKeySequence(sequence), self, self.submit)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(choice_box)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        first = next((c for c in self.allowed if self.choice_buttons[c].isEnabled()), None)
        if first is None:
            self.pages.hide()
            self.save_button.setEnabled(False)
            if not self.allowed:
                self.show_message(
                    self.tr("This visit is {status}: no outcome can be recorded any more.").format(
                        status=title(STATUS_TITLES, visit.status)
                    )
                )
        else:
            self.choice_buttons[first].setChecked(True)
            ctx.tasks.submit(
                prepare,
                ctx.db,
                config,
                visit,
                date.today(),
                on_done=self._prepared,
                on_error=self._prepare_failed,
            )

    # -- showing ------------------------------------------------------------

    def summary_text(self) -> str:
        """Room and owner; then the time, who goes, the expected amount and the status."""
        v = self.visit
        details = self.tr("{when} · {staff} · expected {amount} · {status}").format(
            when=to_local(v.scheduled_at).strftime("%Y-%m-%d %H:%M"),
            staff=v.staff_name,
            amount=format_fen(v.expected_fen),
            status=title(STATUS_TITLES, v.status),
        )
        return f"{v.room} · {v.owner or '—'}\n{details}"

    @property
    def busy(self) -> bool:
        return self._busy

    def current_choice(self) -> str | None:
        index = self.choice.checkedId()
        return CHOICES[index][0] if index >= 0 else None

    def pick(self, code: str) -> None:
        """Choose an outcome (Ctrl+1…4) and go to its first field."""
        button = self.choice_buttons[code]
        if self.outcome is not None or code not in self.allowed or not button.isEnabled():
            return
        button.setChecked(True)
        self.page_of[code].first_field().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _choice_toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.pages.setCurrentWidget(self.page_of[CHOICES[index][0]])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        code = self.current_choice()
        if code is not None:
            self.page_of[code].first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)

    def _prepared(self, prepared: Prepared) -> None:
        if not shiboken6.isValid(self):
            return
        self.collected_page.set_lines(prepared.lines)
        self.not_home_page.set_slot(prepared.next_slot)
        if prepared.next_slot is not None:
            self.reschedule_page.set_when(to_local(prepared.next_slot))

    def _prepare_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        if not isinstance(error, FrontdeskError):
            sys.excepthook(type(error), error, error.__traceback__)
            return
        self.show_message(str(error))

    # -- saving -------------------------------------------------------------

    def submit(self) -> None:
        """Record the chosen outcome on the worker."""
        code = self.current_choice()
        if self._busy or self.outcome is not None or code is None or code not in self.allowed:
            return
        ctx, visit_id = self.ctx, self.visit.id
        fn: Callable[..., Outcome]
        args: tuple[object, ...]
        if code == COLLECTED:
            bill_ids = self.collected_page.bill_ids()
            if bill_ids == () and self.collected_page.bills.count():
                self.show_message(self.tr("Tick at least one bill to collect."))
                return
            method = self.collected_page.method_code()
            reference = self.collected_page.reference.text() if method != "cash" else ""
            fn, args = collect, (ctx.config, visit_id, method, reference, bill_ids)
        elif code == NOT_HOME:
            note = self.not_home_page.note.text()
            fn, args = not_home, (ctx.config, visit_id, note, self.not_home_page.rebook_at())
        elif code == RESCHEDULE:
            page = self.reschedule_page
            fn = reschedule
            args = (ctx.config, visit_id, page.new_time(), page.reason.text(), page.same_day_text())
        else:
            fn, args = cancel, (visit_id, self.cancel_page.reason.text())
        self._set_busy(True)
        self.show_message(self.tr("Saving…"), error=False)
        ctx.tasks.submit(fn, ctx.db, ctx.actor, *args, on_done=self._saved, on_error=self._refused)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy and self.outcome is None)

    def _saved(self, outcome: Outcome) -> None:
        if not shiboken6.isValid(self):
            return
        self.outcome = outcome
        self._set_busy(False)
        self.recorded.emit(outcome)
        if not outcome.receipt_no:
            self.accept()
            return
        # Collected: keep the receipt number in view, and offer its PDF.
        self.visit = outcome.visit
        self.summary.setText(self.summary_text())
        self.choice_box.hide()
        self.pages.hide()
        self.show_message(
            self.tr("Collected {amount}: receipt {receipt}.").format(
                amount=format_fen(outcome.visit.collected_fen or 0), receipt=outcome.receipt_no
            ),
            error=False,
        )
        self.message.setStyleSheet("font-weight: bold;")
        self.save_button.setDefault(False)
        self.save_button.hide()
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setDefault(True)
        self.copies.set_receipt(outcome.receipt_no)
        self.pdf_button.show()
        self.pdf_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.adjustSize()

    def _refused(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        if not isinstance(error, FrontdeskError):
            self.message.clear()
            sys.excepthook(type(error), error, error.__traceback__)
            return
        self.show_message(str(error))

    def reject(self) -> None:
        """Esc / Cancel: nothing while saving; after a collection this closes as accepted."""
        if self._busy or self.copies.busy:
            return
        if self.outcome is not None:
            self.accept()
            return
        super().reject()
