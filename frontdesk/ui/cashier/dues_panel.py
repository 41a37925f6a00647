"""What the household owes: its open bills, months ahead, the total and how it is made up.

Object names: ``householdInfo``, ``householdBalances``, ``billsTable``,
``aheadMonths``, ``amountDue``, ``dueBreakdown``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.money import format_fen
from frontdesk.services.billing import Dues
from frontdesk.services.search import HouseholdHit
from frontdesk.ui.cashier.bills_model import ITEM, STANDARD, BillsModel
from frontdesk.ui.cashier.figures import Selection, breakdown, select_lines
from frontdesk.ui.cashier.search_model import area_text
from frontdesk.ui.widgets import scale_font


class DuesPanel(QWidget):
    """The middle of the cashier screen.

    Signals:
        selectionChanged(object): the new ``Selection`` after a bill is
            (un)checked or the lines are reloaded.
        aheadChanged(int): the months-ahead box changed (the screen reloads the lines).
    """

    selectionChanged = Signal(object)
    aheadChanged = Signal(int)

    def __init__(
        self, *, max_ahead: int, cash_unit_fen: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duesPanel")
        self.cash_unit_fen = cash_unit_fen
        self.dues: Dues | None = None
        self.selection = select_lines([], set(), cash_unit_fen)

        self.info = QLabel(self)
        self.info.setObjectName("householdInfo")
        info_font = QFont(self.info.font())
        scale_font(info_font, 1.3)
        info_font.setBold(True)
        self.info.setFont(info_font)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.balances = QLabel(self)
        self.balances.setObjectName("householdBalances")
        self.balances.setWordWrap(True)

        self.model = BillsModel(self)
        self.model.selectionChanged.connect(self._on_selection_changed)
        self.table = QTableView(self)
        self.table.setObjectName("billsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STANDARD, QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip(self.tr("Space selects or deselects the highlighted bill."))

        self.ahead = QSpinBox(self)
        self.ahead.setObjectName("aheadMonths")
        self.ahead.setRange(0, max(0, max_ahead))
        self.ahead.setSuffix(self.tr(" months"))
        self.ahead.setToolTip(self.tr("Months to pay ahead, after the last month billed"))
        self.ahead.valueChanged.connect(self.aheadChanged)
        ahead_label = QLabel(self.tr("Pay a&head:"), self)
        ahead_label.setBuddy(self.ahead)

        self.amount = QLabel(self)
        self.amount.setObjectName("amountDue")
        amount_font = QFont(self.amount.font())
        scale_font(amount_font, 1.8)
        amount_font.setBold(True)
        self.amount.setFont(amount_font)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.amount.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.breakdown = QLabel(self)
        self.breakdown.setObjectName("dueBreakdown")
        self.breakdown.setTextFormat(Qt.TextFormat.RichText)
        self.breakdown.setWordWrap(True)
        self.breakdown.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.breakdown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        row = QHBoxLayout()
        row.addWidget(ahead_label)
        row.addWidget(self.ahead)
        row.addStretch(1)
        due_label = QLabel(self.tr("Amount due:"), self)
        row.addWidget(due_label)
        row.addWidget(self.amount)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.info)
        layout.addWidget(self.balances)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.breakdown)
        self.setTabOrder(self.table, self.ahead)
        self.show_dues(None)

    # -- content ------------------------------------------------------------

    def show_household(self, hit: HouseholdHit | None) -> None:
        """The header while the bills load (and after): room, owners, area."""
        if hit is None:
            self.info.setText(self.tr("No household chosen: find one above."))
            return
        text = f"{hit.room} · {hit.owners} · {area_text(hit.area_centi_m2)}"
        if not hit.occupied:
            text += " · " + self.tr("vacant")
        self.info.setText(text)

    def show_dues(self, dues: Dues | None, *, keep_choices: bool = False) -> None:
        """Show a household's open bills (all checked unless ``keep_choices``)."""
        self.dues = dues
        if dues is None:
            self.balances.setText("")
            self.model.clear()
            self.ahead.blockSignals(True)
            self.ahead.setValue(0)
            self.ahead.blockSignals(False)
            return
        open_bills = [line for line in dues.lines if not line.ahead]
        self.balances.setText(
            self.tr(
                "Arrears {arrears} ({bills} bills) · late fees {late} · prepayment balance {credit}"
            ).format(
                arrears=format_fen(dues.arrears_fen),
                bills=len(open_bills),
                late=format_fen(dues.late_fees_fen),
                credit=format_fen(dues.prepay_balance_fen),
            )
        )
        self.model.set_lines(dues.lines, keep_choices=keep_choices)
        if dues.lines:
            self.table.setCurrentIndex(self.model.index(0, ITEM))

    def _on_selection_changed(self) -> None:
        lines = self.model.lines
        selection = select_lines(lines, self.model.checked_bill_ids(), self.cash_unit_fen)
        self.selection = selection
        self._show_totals(selection)
        self.selectionChanged.emit(selection)

    def _show_totals(self, selection: Selection) -> None:
        if self.dues is None:
            self.amount.setText("")
            self.breakdown.setText("")
            return
        text = format_fen(selection.due_fen)
        if selection.cash_due_fen != selection.due_fen:
            text += "  " + self.tr("(cash {amount})").format(
                amount=format_fen(selection.cash_due_fen)
            )
        self.amount.setText(text)
        if not self.model.lines:
            self.breakdown.setText(self.tr("Nothing is owed. Months can be paid ahead."))
            return
        chosen = self.model.checked_bill_ids()
        picked = [line for line in self.model.lines if line.ahead or line.bill_id in chosen]
        if not picked:
            self.breakdown.setText(self.tr("No bill is selected."))
            return
        rows = []
        for group in breakdown(picked):
            periods = (
                group.first_period
                if group.months == 1
                else f"{group.first_period} – {group.last_period}"
            )
            what = self.tr("{item} {periods}").format(item=group.item, periods=periods)
            if group.ahead:
                what += " " + self.tr("(ahead)")
            standard = group.standard
            if group.months > 1:
                standard = self.tr("{standard} × {months} months").format(
                    standard=standard, months=group.months
                )
            line = f"{html.escape(what)}: {html.escape(standard)} = <b>{format_fen(group.amount_fen)}</b>"
            if group.late_fee_fen:
                line += " " + html.escape(
                    self.tr("+ late fee {amount}").format(amount=format_fen(group.late_fee_fen))
                )
            rows.append(line)
        self.breakdown.setText("<br>".join(rows))
