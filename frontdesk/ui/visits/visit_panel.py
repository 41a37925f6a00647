"""The selected visit: its details and history, and the steps before leaving.

Only shows and forwards: each button emits a signal with the visit's id, and
the screen runs the service call. What a button may do follows the visit's
status — confirm a booked visit (the call the day before); for a confirmed
one, the pre-departure call (done / no answer) and the checklist, then leave;
the outcome (collected, not home, reschedule, cancel) once out, and
reschedule or cancel before.

Object names: ``visitDetail``, ``confirmVisitButton``, ``departureDoneButton``,
``departureNoAnswerButton``, ``checklistBox`` with one check box per item
(``check_staff_id``, ``check_change``, ``check_detector``, ``check_receipts``,
``check_shoe_covers``), ``saveChecklistButton``, ``leaveButton``,
``outcomeButton``, ``rescheduleButton``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.money import format_fen
from frontdesk.domain.visits import CHECKLIST, FINAL_STATUSES
from frontdesk.services.visits import VisitEventRow, VisitRow
from frontdesk.ui.visits.labels import (
    CHECKLIST_TITLES,
    DEPARTURE_TITLES,
    REASON_TITLES,
    STATUS_TITLES,
    title,
)


def _when(at: object) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if hasattr(at, "astimezone") else ""


class VisitPanel(QWidget):
    """Details and before-leaving steps of one visit."""

    confirmRequested = Signal(int)
    departureRecorded = Signal(int, str)
    checklistSaved = Signal(int, object)  # visit id, tuple of ticked items
    leaveRequested = Signal(int, object)  # visit id, tuple of ticked items
    outcomeRequested = Signal(object)  # VisitRow
    rescheduleRequested = Signal(object)  # VisitRow

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.visit: VisitRow | None = None
        self.busy = False
        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("visitDetail")
        self.detail.setReadOnly(True)
        self.detail.setTabChangesFocus(True)
        self.detail.setPlaceholderText(self.tr("Choose a visit to see its details."))

        self.confirm_button = self._button("confirmVisitButton", self.tr("C&onfirmed by phone"))
        self.confirm_button.setToolTip(
            self.tr("The owner confirmed the time (the call the day before)")
        )
        self.confirm_button.clicked.connect(lambda: self._emit_id(self.confirmRequested))
        self.called_button = self._button("departureDoneButton", self.tr("Called before &leaving"))
        self.called_button.clicked.connect(lambda: self._departure("done"))
        self.no_answer_button = self._button(
            "departureNoAnswerButton", self.tr("No ans&wer before leaving")
        )
        self.no_answer_button.clicked.connect(lambda: self._departure("no_answer"))

        self.checklist_box = QGroupBox(self.tr("Take with you"), self)
        self.checklist_box.setObjectName("checklistBox")
        grid = QGridLayout(self.checklist_box)
        self.checks: dict[str, QCheckBox] = {}
        for n, item in enumerate(CHECKLIST):
            box = QCheckBox(title(CHECKLIST_TITLES, item), self.checklist_box)
            box.setObjectName(f"check_{item}")
            box.toggled.connect(lambda _on: self._update_buttons())
            grid.addWidget(box, n // 3, n % 3)
            self.checks[item] = box
        self.save_checklist_button = self._button("saveChecklistButton", self.tr("Save chec&klist"))
        self.save_checklist_button.clicked.connect(lambda: self._emit_items(self.checklistSaved))
        self.leave_button = self._button("leaveButton", self.tr("Lea&ve now (out)"))
        self.leave_button.setToolTip(
            self.tr("Needs the call before leaving and every item of the checklist")
        )
        self.leave_button.clicked.connect(lambda: self._emit_items(self.leaveRequested))
        self.outcome_button = self._button("outcomeButton", self.tr("O&utcome…"))
        self.outcome_button.setToolTip(
            self.tr("Collected, not home, reschedule or cancel (Enter in the list)")
        )
        self.outcome_button.clicked.connect(lambda: self._emit_row(self.outcomeRequested))
        self.reschedule_button = self._button("rescheduleButton", self.tr("Resc&hedule…"))
        self.reschedule_button.clicked.connect(lambda: self._emit_row(self.rescheduleRequested))

        before = QHBoxLayout()
        before.addWidget(self.confirm_button)
        before.addWidget(self.called_button)
        before.addWidget(self.no_answer_button)
        before.addStretch(1)
        leave = QHBoxLayout()
        leave.addWidget(self.save_checklist_button)
        leave.addWidget(self.leave_button)
        leave.addStretch(1)
        leave.addWidget(self.reschedule_button)
        leave.addWidget(self.outcome_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.detail, 1)
        layout.addLayout(before)
        layout.addWidget(self.checklist_box)
        layout.addLayout(leave)
        self.show_visit(None)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        return button

    # -- showing ----------------------------------------------------------

    def show_visit(self, visit: VisitRow | None, history: Sequence[VisitEventRow] = ()) -> None:
        """Show ``visit`` (None: nothing chosen) and its history."""
        self.visit = visit
        for item, box in self.checks.items():
            box.blockSignals(True)
            box.setChecked(visit is not None and item in visit.checklist)
            box.blockSignals(False)
        self.detail.setPlainText(self.describe(visit, history) if visit is not None else "")
        self._update_buttons()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_buttons()

    def ticked(self) -> tuple[str, ...]:
        return tuple(item for item, box in self.checks.items() if box.isChecked())

    def describe(self, visit: VisitRow, history: Sequence[VisitEventRow]) -> str:
        lines = [
            f"{visit.room}  {visit.owner}",
            self.tr("When: {when} ({minutes} min)").format(
                when=_when(visit.scheduled_at), minutes=visit.duration_minutes
            ),
            self.tr("Who goes: {no} {name}").format(no=visit.staff_no, name=visit.staff_name),
            self.tr("Expected: {amount}").format(amount=format_fen(visit.expected_fen)),
            self.tr("Reason: {reason}").format(reason=title(REASON_TITLES, visit.reason)),
            self.tr("Status: {status}").format(status=title(STATUS_TITLES, visit.status)),
            self.tr("Booked {when} by {who}").format(
                when=_when(visit.booked_at), who=visit.booked_by
            ),
        ]
        if visit.same_day:
            lines.append(
                self.tr("Booked the same day: {reason}").format(reason=visit.same_day_reason)
            )
        if visit.departure_call:
            lines.append(
                self.tr("Call before leaving: {result}").format(
                    result=title(DEPARTURE_TITLES, visit.departure_call)
                )
            )
        if visit.status not in FINAL_STATUSES:
            missing = [title(CHECKLIST_TITLES, i) for i in CHECKLIST if i not in visit.checklist]
            if missing:
                lines.append(self.tr("Still to pack: {items}").format(items="、".join(missing)))
        if visit.collected_fen is not None:
            lines.append(
                self.tr("Collected {amount}, receipt {receipt}").format(
                    amount=format_fen(visit.collected_fen), receipt=visit.receipt_no
                )
            )
        if visit.cancel_reason:
            lines.append(self.tr("Why: {reason}").format(reason=visit.cancel_reason))
        if visit.note:
            lines.append(self.tr("Note: {note}").format(note=visit.note))
        if history:
            lines += ["", self.tr("History:")]
            for event in history:
                step = title(STATUS_TITLES, event.to_status) if event.to_status else event.kind
                detail = f" — {event.detail}" if event.detail else ""
                lines.append(f"  {_when(event.at)}  {event.by_staff_no}  {step}{detail}")
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        visit = self.visit
        status = visit.status if visit is not None else ""
        free = not self.busy
        confirmed = status == "confirmed"
        self.confirm_button.setEnabled(free and status == "booked")
        self.called_button.setEnabled(free and confirmed)
        self.no_answer_button.setEnabled(free and confirmed)
        for box in self.checks.values():
            box.setEnabled(status in ("booked", "confirmed"))
        changed = visit is not None and set(self.ticked()) != set(visit.checklist)
        self.save_checklist_button.setEnabled(
            free and status in ("booked", "confirmed") and changed
        )
        ready = visit is not None and visit.departure_call == "done"
        self.leave_button.setEnabled(
            free and confirmed and ready and len(self.ticked()) == len(CHECKLIST)
        )
        live = status in ("booked", "confirmed", "out")
        self.outcome_button.setEnabled(free and live)
        self.reschedule_button.setEnabled(free and live)

    # -- forwarding -------------------------------------------------------

    def _emit_id(self, signal: SignalInstance) -> None:
        if self.visit is not None:
            signal.emit(self.visit.id)

    def _emit_row(self, signal: SignalInstance) -> None:
        if self.visit is not None:
            signal.emit(self.visit)

    def _emit_items(self, signal: SignalInstance) -> None:
        if self.visit is not None:
            signal.emit(self.visit.id, self.ticked())

    def _departure(self, result: str) -> None:
        if self.visit is not None:
            self.departureRecorded.emit(self.visit.id, result)
