"""Confirming the amount with the owner before the payment is recorded (seed 000, step 2).

Shows what is paid, how, the cash received and the change. Enter completes
(the dialog is accepted), Esc goes back to the form (rejected).

Object names: ``confirmPayment``, ``confirmHousehold``, ``confirmTotal``,
``confirmMethods``, ``confirmTendered``, ``confirmChange``, ``confirmButton``,
``confirmBack``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.change import ChangeResult
from frontdesk.domain.money import format_fen
from frontdesk.domain.tender import TenderPlan
from frontdesk.ui.cashier.figures import change_phrase, pieces_text
from frontdesk.ui.cashier.tender_model import method_title
from frontdesk.ui.widgets import scale_font


class ConfirmPaymentDialog(QDialog):
    """Total, methods, tendered and change, to read out before completing."""

    def __init__(
        self,
        household: str,
        plan: TenderPlan,
        change: ChangeResult | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirmPayment")
        self.setWindowTitle(self.tr("Confirm the payment"))
        self.setModal(True)
        self.setMinimumWidth(420)

        prompt = QLabel(self.tr("Confirm the amount with the owner, then press Enter."), self)
        prompt.setWordWrap(True)
        who = self._value(household, "confirmHousehold")

        total = self._value(format_fen(plan.total_fen), "confirmTotal")
        big = QFont(total.font())
        scale_font(big, 1.6)
        big.setBold(True)
        total.setFont(big)
        methods = self._value(
            "\n".join(
                f"{method_title(t.method)}  {format_fen(t.amount_fen)}"
                + (f"  ({t.reference})" if t.reference else "")
                for t in plan.tenders
            ),
            "confirmMethods",
        )

        form = QFormLayout()
        form.addRow(self.tr("Household:"), who)
        if plan.rounding_fen or plan.credit_added_fen:
            form.addRow(self.tr("Due:"), self._value(format_fen(plan.due_fen), "confirmDue"))
        if plan.rounding_fen:
            sign = "+" if plan.rounding_fen > 0 else ""
            form.addRow(
                self.tr("Cash rounding:"),
                self._value(sign + format_fen(plan.rounding_fen), "confirmRounding"),
            )
        if plan.credit_added_fen:
            form.addRow(
                self.tr("To prepayment:"),
                self._value(format_fen(plan.credit_added_fen), "confirmCredit"),
            )
        form.addRow(self.tr("Total:"), total)
        form.addRow(self.tr("Paid by:"), methods)
        self.tendered = self._value(
            format_fen(plan.tendered_fen) if plan.has_cash else "—", "confirmTendered"
        )
        form.addRow(self.tr("Cash received:"), self.tendered)
        change_text = format_fen(plan.change_fen) if plan.has_cash else "—"
        if change is not None and change.pieces:
            change_text += f"  ({pieces_text(change.pieces)})"
        self.change = self._value(change_text, "confirmChange")
        change_font = QFont(self.change.font())
        change_font.setBold(True)
        self.change.setFont(change_font)
        form.addRow(self.tr("Change:"), self.change)

        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addLayout(form)
        if plan.has_cash and plan.change_fen:
            phrase = QLabel(change_phrase(plan.change_fen), self)
            phrase.setObjectName("confirmPhrase")
            phrase.setStyleSheet("color: #0b6b2f; font-weight: bold;")
            layout.addWidget(phrase)

        self.ok = QPushButton(self.tr("Complete (Enter)"), self)
        self.ok.setObjectName("confirmButton")
        self.ok.setDefault(True)
        back = QPushButton(self.tr("Back (Esc)"), self)
        back.setObjectName("confirmBack")
        back.setAutoDefault(False)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(back, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ok.setFocus()

    def _value(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label
