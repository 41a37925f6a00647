"""Taking payment: method, amount received, change as it is typed, split payments.

The entry line is the method (``paymentMethod``), the transfer reference
(``transferReference``, shown only for a bank transfer) and the amount
(``tenderedInput``: for cash what the owner hands over, for any other method
the amount charged on it). A split payment moves the entry line into the
table of method lines (``tenderLines``) with "Add method" (Alt+A) and starts a
new entry for the rest. Every keystroke re-checks the whole tender with the
domain rules (``figures.preview_tender``) against what is due and the drawer
contents loaded with the household: no database work while typing.

Enter in the amount emits ``collectRequested``; so does ``collectButton``.

Object names: ``paymentMethod``, ``transferReference``, ``tenderedInput``,
``tenderedInputError``, ``remainingDue``, ``changeDue``, ``changeBreakdown``,
``changePhrase``, ``tenderLines``, ``addTenderLine``, ``removeTenderLine``,
``overpayToCredit``, ``tenderMessage``, ``drawerStatus``, ``collectButton``.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.money import Denomination, MoneyError, format_fen, parse_amount, round_cash
from frontdesk.domain.tender import METHODS
from frontdesk.ui.cashier.figures import (
    CASH,
    TenderEntry,
    TenderPreview,
    change_phrase,
    pieces_lines,
    preview_tender,
)
from frontdesk.ui.cashier.tender_model import REFERENCE, TenderLinesModel, method_title
from frontdesk.ui.widgets import scale_font

ERROR_STYLE = "color: #b00020;"
_PHRASE_STYLE = "color: #0b6b2f; font-weight: bold;"


class TenderPanel(QWidget):
    """The payment half of the cashier screen.

    Signals:
        collectRequested(): Enter in the amount, or the collect button.
        previewChanged(object): the new ``TenderPreview`` after any change.
    """

    collectRequested = Signal()
    previewChanged = Signal(object)

    def __init__(
        self,
        *,
        cash_unit_fen: int,
        max_fen: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tenderPanel")
        self.cash_unit_fen = cash_unit_fen
        self.max_fen = max_fen
        self._due_fen = 0
        self._balance_fen = 0
        self._drawer: Mapping[Denomination, int] | None = None
        self._autofilled = False
        self._amount_error = ""
        self._busy = False
        self.preview = TenderPreview()

        self.drawer_status = QLabel(self)
        self.drawer_status.setObjectName("drawerStatus")
        self.drawer_status.setWordWrap(True)

        self.method = QComboBox(self)
        self.method.setObjectName("paymentMethod")
        for code in METHODS:
            self.method.addItem(method_title(code), code)
        self.method.currentIndexChanged.connect(self._on_method_changed)

        self.reference = QLineEdit(self)
        self.reference.setObjectName("transferReference")
        self.reference.setMaxLength(64)
        self.reference.setPlaceholderText(self.tr("Bank transfer reference (serial no.)"))
        self.reference.textChanged.connect(self.update_preview)
        self.reference.returnPressed.connect(self.focus_amount)

        self.amount = QLineEdit(self)
        self.amount.setObjectName("tenderedInput")
        self.amount.setMaxLength(24)
        font = QFont(self.amount.font())
        scale_font(font, 1.5)
        self.amount.setFont(font)
        self.amount.textEdited.connect(self._on_amount_edited)
        self.amount.returnPressed.connect(self.collectRequested)
        self.amount_error = QLabel(self)
        self.amount_error.setObjectName("tenderedInputError")
        self.amount_error.setStyleSheet(ERROR_STYLE)
        self.amount_error.setWordWrap(True)

        self.remaining = QLabel(self)
        self.remaining.setObjectName("remainingDue")

        self.change = QLabel(self)
        self.change.setObjectName("changeDue")
        change_font = QFont(self.change.font())
        scale_font(change_font, 1.6)
        change_font.setBold(True)
        self.change.setFont(change_font)
        self.change_breakdown = QLabel(self)
        self.change_breakdown.setObjectName("changeBreakdown")
        self.change_breakdown.setWordWrap(True)
        self.phrase = QLabel(self)
        self.phrase.setObjectName("changePhrase")
        self.phrase.setWordWrap(True)
        self.phrase.setStyleSheet(_PHRASE_STYLE)

        self.lines_model = TenderLinesModel(self)
        self.lines = QTableView(self)
        self.lines.setObjectName("tenderLines")
        self.lines.setModel(self.lines_model)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.verticalHeader().hide()
        self.lines.verticalHeader().setDefaultSectionSize(self.lines.fontMetrics().height() + 10)
        lines_header = self.lines.horizontalHeader()
        lines_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        lines_header.setSectionResizeMode(REFERENCE, QHeaderView.ResizeMode.Stretch)
        self.lines.setMaximumHeight(96)
        self.lines.installEventFilter(self)
        self.add_line = QPushButton(self.tr("&Add method"), self)
        self.add_line.setObjectName("addTenderLine")
        self.add_line.setAutoDefault(False)
        self.add_line.setToolTip(
            self.tr("Split payment: keep this method and amount, and pay the rest another way")
        )
        self.add_line.clicked.connect(self.add_entry_line)
        self.remove_line = QPushButton(self.tr("Remo&ve"), self)
        self.remove_line.setObjectName("removeTenderLine")
        self.remove_line.setAutoDefault(False)
        self.remove_line.clicked.connect(self.remove_selected_line)

        self.overpay = QCheckBox(self.tr("Keep an overpayment as &prepayment"), self)
        self.overpay.setObjectName("overpayToCredit")
        self.overpay.toggled.connect(self.update_preview)

        self.message = QLabel(self)
        self.message.setObjectName("tenderMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)

        self.collect = QPushButton(self.tr("&Collect (Enter)"), self)
        self.collect.setObjectName("collectButton")
        self.collect.setAutoDefault(False)
        collect_font = QFont(self.collect.font())
        scale_font(collect_font, 1.2)
        collect_font.setBold(True)
        self.collect.setFont(collect_font)
        self.collect.setMinimumHeight(36)
        self.collect.setEnabled(False)
        self.collect.clicked.connect(self.collectRequested)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Method:"), self.method)
        self.reference_label = QLabel(self.tr("Re&ference:"), self)
        self.reference_label.setBuddy(self.reference)
        form.addRow(self.reference_label, self.reference)
        self.amount_label = QLabel(self.tr("Cash &received:"), self)
        self.amount_label.setBuddy(self.amount)
        form.addRow(self.amount_label, self.amount)
        form.addRow("", self.amount_error)
        form.addRow(self.tr("Change:"), self.change)
        form.addRow("", self.change_breakdown)
        form.addRow("", self.phrase)

        split_buttons = QHBoxLayout()
        split_buttons.addWidget(self.add_line)
        split_buttons.addWidget(self.remove_line)
        split_buttons.addWidget(self.remaining, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.drawer_status)
        layout.addLayout(form)
        layout.addLayout(split_buttons)
        layout.addWidget(self.lines)
        layout.addWidget(self.overpay)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.collect)

        self.setTabOrder(self.method, self.reference)
        self.setTabOrder(self.reference, self.amount)
        self.setTabOrder(self.amount, self.add_line)
        self.setTabOrder(self.add_line, self.lines)
        self.setTabOrder(self.lines, self.remove_line)
        self.setTabOrder(self.remove_line, self.overpay)
        self.setTabOrder(self.overpay, self.collect)
        self._show_method_fields()
        self.update_preview()

    # -- what the screen tells the panel -----------------------------------

    def set_due(self, due_fen: int, prepay_balance_fen: int) -> None:
        """What the selected lines come to, and the household's prepayment balance."""
        self._due_fen = due_fen
        self._balance_fen = prepay_balance_fen
        if self._autofilled:
            self._autofill()
        self.update_preview()

    def set_drawer(self, pieces: Mapping[Denomination, int] | None, text: str) -> None:
        """What the desk's open drawer holds (None: no drawer open), and how to say so."""
        self._drawer = None if pieces is None else dict(pieces)
        self.drawer_status.setText(text)
        self.update_preview()

    def set_busy(self, busy: bool) -> None:
        """While a payment is being recorded nothing here can be changed."""
        self._busy = busy
        self.reference.setReadOnly(busy)
        self.amount.setReadOnly(busy)
        for widget in (self.method, self.lines, self.overpay, self.add_line, self.remove_line):
            widget.setEnabled(not busy)
        self._update_collect()

    def reset(self) -> None:
        """Cash, nothing typed, no method lines: ready for the next owner."""
        self.lines_model.clear()
        self.overpay.blockSignals(True)
        self.overpay.setChecked(False)
        self.overpay.blockSignals(False)
        self.reference.blockSignals(True)
        self.reference.clear()
        self.reference.blockSignals(False)
        self._autofilled = False
        self.amount.clear()
        self._set_method(CASH)
        self.update_preview()

    def focus_amount(self) -> None:
        self.amount.setFocus(Qt.FocusReason.OtherFocusReason)
        self.amount.selectAll()

    @property
    def current_method(self) -> str:
        return str(self.method.currentData())

    # -- the entry line -----------------------------------------------------

    def _set_method(self, method: str) -> None:
        index = self.method.findData(method)
        if index >= 0:
            self.method.setCurrentIndex(index)

    def _on_method_changed(self, _index: int) -> None:
        self._show_method_fields()
        if self.current_method == CASH:
            if self._autofilled:
                self.amount.clear()
                self._autofilled = False
        elif not self.amount.text().strip() or self._autofilled:
            self._autofill()
        self.update_preview()

    def _show_method_fields(self) -> None:
        transfer = self.current_method == "transfer"
        self.reference.setVisible(transfer)
        self.reference_label.setVisible(transfer)
        if self.current_method == CASH:
            self.amount_label.setText(self.tr("Cash &received:"))
        else:
            self.amount_label.setText(self.tr("Amou&nt:"))

    def _rest_fen(self) -> int:
        """What the method lines already added leave to pay."""
        paid = sum(e.amount_fen for e in self.lines_model.entries)
        return max(0, self._due_fen - paid)

    def _autofill(self) -> None:
        """An electronic method pays the rest exactly: fill it in (typing replaces it)."""
        rest = self._rest_fen()
        if self.current_method == "prepay":
            rest = min(rest, max(0, self._balance_fen))
        self.amount.setText(format_fen(rest, symbol="").replace(",", "") if rest else "")
        self.amount.selectAll()
        self._autofilled = True

    def _on_amount_edited(self, _text: str) -> None:
        self._autofilled = False
        self.update_preview()

    def _entry(self) -> TenderEntry | None:
        """The entry line as typed; sets the amount error (None when blank or wrong)."""
        text = self.amount.text()
        self._amount_error = ""
        if not text.strip():
            return None
        try:
            fen = parse_amount(text, max_fen=self.max_fen)
        except MoneyError as exc:
            self._amount_error = str(exc)
            return None
        return TenderEntry(self.current_method, fen, self.reference.text().strip())

    # -- split payment --------------------------------------------------------

    def add_entry_line(self) -> None:
        """Move the entry line into the method lines and start a new one for the rest."""
        entry = self._entry()
        if entry is None or entry.amount_fen == 0:
            if not self._amount_error:
                self._amount_error = self.tr("Type this method's amount first.")
            self.amount_error.setText(self._amount_error)
            self.amount.setFocus()
            return
        self.lines_model.append(entry)
        self.lines.horizontalHeader().resizeSections()  # inserted rows do not trigger it
        self.reference.blockSignals(True)
        self.reference.clear()
        self.reference.blockSignals(False)
        self._autofilled = False
        self.amount.clear()
        # Most splits are "part by phone, the rest in cash"; after cash, WeChat.
        self._set_method(CASH if entry.method != CASH else "wechat")
        if self.current_method != CASH:
            self._autofill()
        self.update_preview()
        self.focus_amount()

    def remove_selected_line(self) -> None:
        row = self.lines.currentIndex().row()
        if row < 0:
            row = self.lines_model.rowCount() - 1
        if self.lines_model.remove(row) is not None:
            self.lines.horizontalHeader().resizeSections()
            if self._autofilled:
                self._autofill()
            self.update_preview()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.lines
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            self.remove_selected_line()
            return True
        return super().eventFilter(watched, event)

    # -- the preview ------------------------------------------------------------

    def update_preview(self) -> None:
        """Re-check the tender and show change, breakdown, phrase and any message."""
        entry = self._entry()
        entries = [*self.lines_model.entries, *([entry] if entry is not None else [])]
        # A wrongly typed amount is reported at the field, and nothing else is worked out.
        if self._due_fen > 0 and not self._amount_error:
            preview = preview_tender(
                self._due_fen,
                self._balance_fen,
                entries,
                overpay_to_credit=self.overpay.isChecked(),
                cash_unit_fen=self.cash_unit_fen,
                max_fen=self.max_fen,
                drawer=self._drawer,
            )
        else:
            preview = TenderPreview()
        self.preview = preview
        self.amount_error.setText(self._amount_error)
        self._show_change(preview)
        self._show_remaining()
        if self._due_fen > 0 and not entries and not self._amount_error:
            self.amount.setPlaceholderText(self._placeholder())
        else:
            self.amount.setPlaceholderText("")
        if preview.needs_drawer:
            self.message.setText(
                self.tr(
                    "No cash drawer is open at this desk: count the float and open the drawer "
                    "before taking cash."
                )
            )
        else:
            self.message.setText(preview.error)
        self._update_collect()
        self.previewChanged.emit(preview)

    def _placeholder(self) -> str:
        rest = self._rest_fen()
        return format_fen(rest) if rest else ""

    def _show_change(self, preview: TenderPreview) -> None:
        plan = preview.plan
        if plan is None or not plan.has_cash:
            self.change.setText("—")
            self.change_breakdown.setText("")
            self.phrase.setText("")
            return
        text = format_fen(plan.change_fen)
        if plan.credit_added_fen:
            text += "  " + self.tr("({amount} to prepayment)").format(
                amount=format_fen(plan.credit_added_fen)
            )
        self.change.setText(text)
        change = preview.change
        if change is not None and change.exact and change.pieces:
            self.change_breakdown.setText(pieces_lines(change.pieces))
            self.phrase.setText(change_phrase(plan.change_fen))
        else:
            self.change_breakdown.setText("")
            self.phrase.setText("")

    def _show_remaining(self) -> None:
        if not self.lines_model.rowCount():
            self.remaining.setText("")
            return
        rest = self._rest_fen()
        text = self.tr("Still to pay: {amount}").format(amount=format_fen(rest))
        cash = round_cash(rest, self.cash_unit_fen)
        if cash != rest:
            text += " " + self.tr("(cash {amount})").format(amount=format_fen(cash))
        self.remaining.setText(text)

    def _update_collect(self) -> None:
        self.collect.setEnabled(self.preview.ready and not self._amount_error and not self._busy)
