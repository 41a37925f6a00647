"""Screen F4 "Payments": this desk's payments of a day, their receipts, void and refund.

The list (``paymentsTable``) shows the payments taken at this desk
(``config.app.desk``) on the date in ``paymentsDate`` (today at first):
receipt number, time, room, owner, amount, methods and status (正常 / 作废 /
已退款). The selected payment's receipt is shown as issued, with its current
status (``receiptPreview``).

A payment of today is voided (``voidButton``); one of an earlier day, or of a
day already closed, is refunded (``refundButton``). Both need a supervisor's
staff number and password and a reason, typed in place (``supervisorAuth``);
the service decides in the end and its refusal (already voided, day closed…)
is shown in ``paymentsMessage``. Afterwards the list and the receipt show the
new status; the receipt keeps its number.

A copy of the selected receipt is printed (``reprintButton``) or saved as a PDF,
and the receipt is saved as an A5 PDF (``pdfReceiptButton``): see
``frontdesk.ui.printer.receipt_copies``.

Other object names: ``paymentsScreen``, ``paymentsRefresh``, ``paymentsSummary``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QDate,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.money import format_fen
from frontdesk.domain.receipt import ReceiptContent
from frontdesk.services.cashbox import DrawerStatus, drawer_status
from frontdesk.services.payments import PaymentSummary, get_receipt, list_payments
from frontdesk.services.reversals import refund_payment, void_payment
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.ui.authorize import SupervisorAuthDialog
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP
from frontdesk.ui.messages import MessageLine, error_text
from frontdesk.ui.pieces import monospace_font
from frontdesk.ui.printer.receipt_copies import ReceiptCopies
from frontdesk.ui.tables import TitledTableModel, configure_list_view
from frontdesk.ui.widgets import scale_font

log = logging.getLogger(__name__)

_ModelIndex = QModelIndex | QPersistentModelIndex

REFRESH_KEY = "Ctrl+R"
RECEIPT_WIDTH = 32  # columns, as on 58 mm paper

STATUS_TITLES = {
    "completed": QT_TRANSLATE_NOOP("PaymentsModel", "Completed"),
    "voided": QT_TRANSLATE_NOOP("PaymentsModel", "Voided"),
    "refunded": QT_TRANSLATE_NOOP("PaymentsModel", "Refunded"),
}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def _day_payments(
    db: Database, desk: str, on: date
) -> tuple[list[PaymentSummary], DrawerStatus | None]:
    """The desk's payments of ``on`` and its drawer (read on the worker, one job)."""
    return list_payments(db, desk=desk, on=on), drawer_status(db, desk)


class PaymentsModel(TitledTableModel):
    """Payments as rows: receipt no., time, room, owner, amount, methods, status."""

    RECEIPT, TIME, ROOM, OWNER, AMOUNT, METHODS, STATUS = range(7)
    COLUMNS = 7

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PaymentSummary] = []

    def set_payments(self, payments: Sequence[PaymentSummary]) -> None:
        self.beginResetModel()
        self._rows = list(payments)
        self.endResetModel()

    def payment(self, row: int) -> PaymentSummary:
        return self._rows[row]

    def row_of(self, receipt_no: str) -> int | None:
        for row, p in enumerate(self._rows):
            if p.receipt_no == receipt_no:
                return row
        return None

    def payments(self) -> list[PaymentSummary]:
        return list(self._rows)

    def status_title(self, status: str) -> str:
        source = STATUS_TITLES.get(status)
        return self.tr(source) if source else status

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.RECEIPT:
                return p.receipt_no
            if column == self.TIME:
                return p.paid_at.astimezone().strftime("%H:%M")
            if column == self.ROOM:
                return p.room
            if column == self.OWNER:
                return p.owner
            if column == self.AMOUNT:
                return format_fen(p.total_fen)
            if column == self.METHODS:
                return p.methods
            return self.status_title(p.status)
        if role == SORT_ROLE:
            if column == self.TIME:
                return p.paid_at.timestamp()
            if column == self.AMOUNT:
                return p.total_fen
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and p.status != "completed":
            font = QFont()
            font.setStrikeOut(column == self.AMOUNT)
            font.setBold(column == self.STATUS)
            return font
        return None

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("Receipt no."),
            self.tr("Time"),
            self.tr("Room"),
            self.tr("Owner"),
            self.tr("Amount"),
            self.tr("Methods"),
            self.tr("Status"),
        )


class PaymentsScreen(QWidget):
    """The day's payments at this desk, with void and refund authorised by a supervisor."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.desk = ctx.config.app.desk
        self.drawer: DrawerStatus | None = None
        self.receipt: ReceiptContent | None = None
        self.auth_dialog: SupervisorAuthDialog | None = None
        self._wanted_receipt = ""  # the receipt asked for last (answers for others are stale)
        self._keep_receipt = ""  # the receipt to select again after a reload
        self._acting_on = ""  # the receipt being voided or refunded
        self._acting_kind = ""
        self.setObjectName("paymentsScreen")

        title = QLabel(self.tr("Payments at desk {desk}").format(desk=self.desk), self)
        font = QFont(title.font())
        scale_font(font, 1.4)
        font.setBold(True)
        title.setFont(font)

        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("paymentsDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(QDate.currentDate())
        self.date_edit.dateChanged.connect(self.reload)
        date_label = QLabel(self.tr("&Date:"), self)
        date_label.setBuddy(self.date_edit)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("paymentsRefresh")
        self.refresh_button.setToolTip(REFRESH_KEY)
        self.refresh_button.clicked.connect(self.reload)
        refresh = QShortcut(QKeySequence(REFRESH_KEY), self, self.reload)
        # Other screens may use the same key: only while this one has the focus.
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.summary = QLabel(self)
        self.summary.setObjectName("paymentsSummary")

        self.model = PaymentsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("paymentsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PaymentsModel.RECEIPT, Qt.SortOrder.AscendingOrder)
        configure_list_view(self.table, PaymentsModel.OWNER)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("receiptPreview")
        self.preview.setReadOnly(True)
        self.preview.setFont(monospace_font())
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview.setPlaceholderText(self.tr("Choose a payment to see its receipt."))
        self.preview.setTabChangesFocus(True)
        metrics = self.preview.fontMetrics()
        self.preview.setMinimumWidth(metrics.horizontalAdvance("0") * (RECEIPT_WIDTH + 4) + 24)

        self.void_button = QPushButton(self.tr("&Void…"), self)
        self.void_button.setObjectName("voidButton")
        self.void_button.setAutoDefault(True)
        self.void_button.setToolTip(self.tr("Void a payment of today while the day is not closed"))
        self.void_button.clicked.connect(self.void_selected)
        self.refund_button = QPushButton(self.tr("Re&fund…"), self)
        self.refund_button.setObjectName("refundButton")
        self.refund_button.setAutoDefault(True)
        self.refund_button.setToolTip(
            self.tr("Refund a payment of an earlier day or of a closed day")
        )
        self.refund_button.clicked.connect(self.refund_selected)
        self.message = MessageLine("paymentsMessage", self)
        self.copies = ReceiptCopies(ctx, self, self.message.say)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(date_label)
        top.addWidget(self.date_edit)
        top.addWidget(self.refresh_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.void_button)
        buttons.addWidget(self.refund_button)
        buttons.addWidget(self.copies.reprint_button)
        buttons.addWidget(self.copies.pdf_button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        QWidget.setTabOrder(self.table, self.void_button)
        QWidget.setTabOrder(self.void_button, self.refund_button)
        QWidget.setTabOrder(self.refund_button, self.copies.reprint_button)
        QWidget.setTabOrder(self.copies.reprint_button, self.copies.pdf_button)
        QWidget.setTabOrder(self.copies.pdf_button, self.preview)
        QWidget.setTabOrder(self.preview, self.date_edit)
        QWidget.setTabOrder(self.date_edit, self.refresh_button)
        self._update_buttons()

    # -- loading ----------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()  # payments taken at the cashier screen meanwhile
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def day(self) -> date:
        on = self.date_edit.date().toPython()
        assert isinstance(on, date)
        return on

    def reload(self) -> None:
        """Fetch the chosen day's payments again, keeping the selected one selected."""
        selected = self.selected()
        if selected is not None and not self._keep_receipt:
            self._keep_receipt = selected.receipt_no
        self._submit(_day_payments, self.ctx.db, self.desk, self.day(), on_done=self._on_loaded)

    def _on_loaded(self, result: tuple[list[PaymentSummary], DrawerStatus | None]) -> None:
        payments, self.drawer = result
        keep, self._keep_receipt = self._keep_receipt, ""
        self.model.set_payments(payments)
        kept = [p for p in payments if p.status != "voided"]
        self.summary.setText(
            self.tr("{count} payment(s), {amount} (voided ones not counted)").format(
                count=len(kept), amount=format_fen(sum(p.total_fen for p in kept))
            )
        )
        row = self.model.row_of(keep) if keep else None
        if row is None and self.model.rowCount():
            row = 0
        if row is None:
            self.receipt = None
            self._wanted_receipt = ""
            self.preview.clear()
            self._update_buttons()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)  # the selection change fetches the receipt

    def selected(self) -> PaymentSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.payment(self.proxy.mapToSource(rows[0]).row())

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        payment = self.selected()
        if payment is None:
            self.receipt = None
            self.preview.clear()
        else:
            self._show_receipt(payment.receipt_no)
        self._update_buttons()

    def _show_receipt(self, receipt_no: str) -> None:
        self._wanted_receipt = receipt_no
        self._submit(get_receipt, self.ctx.db, receipt_no, on_done=self._on_receipt)

    def _on_receipt(self, receipt: ReceiptContent) -> None:
        if receipt.receipt_no != self._wanted_receipt:
            return  # the selection moved on meanwhile
        self.receipt = receipt
        self.preview.setPlainText("\n".join(receipt.text_lines(RECEIPT_WIDTH)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Void for today's payments; refund for earlier ones or once the day is closed.

        Only a guide: the service decides (e.g. an electronic payment of today
        with no drawer open may still be voided), and says why not.
        """
        payment = self.selected()
        busy = bool(self._acting_on)
        completed = payment is not None and payment.status == "completed"
        today = payment is not None and payment.business_date == date.today()
        drawer_open_today = self.drawer is not None and self.drawer.business_date == date.today()
        self.void_button.setEnabled(completed and today and not busy)
        self.refund_button.setEnabled(
            completed and not busy and (not today or not drawer_open_today)
        )
        self.copies.set_receipt(
            None if payment is None else payment.receipt_no,
            "" if payment is None else payment.status,
        )

    # -- void and refund --------------------------------------------------

    def void_selected(self) -> None:
        """Ask a supervisor (and the reason), then void the selected payment."""
        if self.void_button.isEnabled():
            self._authorise("void")

    def refund_selected(self) -> None:
        """Ask a supervisor (and the reason), then refund the selected payment."""
        if self.refund_button.isEnabled():
            self._authorise("refund")

    def _authorise(self, kind: str) -> None:
        payment = self.selected()
        if payment is None or self._acting_on:
            return
        what = self.tr("{receipt} · {room} {owner} · {amount} ({methods})").format(
            receipt=payment.receipt_no,
            room=payment.room,
            owner=payment.owner,
            amount=format_fen(payment.total_fen),
            methods=payment.methods,
        )
        if kind == "void":
            title = self.tr("Void a payment")
            prompt = self.tr(
                "Void {what}? The receipt keeps its number, marked void; the bills are open "
                "again and cash goes back out of the drawer. A supervisor authorises it."
            ).format(what=what)
        else:
            title = self.tr("Refund a payment")
            prompt = self.tr(
                "Refund {what}? The receipt is marked refunded; the bills are open again; cash "
                "is paid out of this desk's drawer, other methods are paid back on their "
                "channel. A supervisor authorises it."
            ).format(what=what)
        staff_no = self.ctx.actor.staff_no if self.ctx.actor.can("supervisor") else ""
        dialog = SupervisorAuthDialog(
            self.ctx.app, self, title=title, prompt=prompt, ask_reason=True, staff_no=staff_no
        )
        receipt_no = payment.receipt_no
        dialog.authorized.connect(
            lambda approver, reason: self._reverse(kind, receipt_no, reason, approver)
        )
        self.auth_dialog = dialog
        dialog.open()

    def _reverse(self, kind: str, receipt_no: str, reason: str, approver: Actor) -> None:
        self._acting_on = receipt_no
        self._acting_kind = kind
        self._update_buttons()
        ctx = self.ctx
        if kind == "void":
            self._submit(
                void_payment,
                ctx.db,
                ctx.actor,
                receipt_no,
                reason,
                approver,
                today=date.today(),
                on_done=self._on_reversed,
                on_error=self._on_reverse_failed,
            )
        else:
            self._submit(
                refund_payment,
                ctx.db,
                ctx.actor,
                receipt_no,
                reason,
                approver,
                desk=self.desk,
                today=date.today(),
                on_done=self._on_reversed,
                on_error=self._on_reverse_failed,
            )

    def _on_reversed(self, _result: None) -> None:
        receipt_no, self._acting_on = self._acting_on, ""
        if self._acting_kind == "void":
            text = self.tr("Receipt {receipt} is void; its bills are open again.")
        else:
            text = self.tr("Receipt {receipt} is refunded; its bills are open again.")
        self.message.say(text.format(receipt=receipt_no), error=False)
        self._keep_receipt = receipt_no
        self.reload()

    def _on_reverse_failed(self, error: BaseException) -> None:
        receipt_no, self._acting_on = self._acting_on, ""
        self._on_error(error)
        self._keep_receipt = receipt_no
        self.reload()  # show the payment as it really is now

    # -- helpers ----------------------------------------------------------

    def _submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("on_error", self._on_error)
        self.ctx.tasks.submit(fn, *args, **kwargs)

    def _on_error(self, error: BaseException) -> None:
        self._update_buttons()
        unexpected = self.tr("Unexpected error: {error}. See the log file for details.")
        self.message.say(error_text(error, unexpected, log, "payments screen: unexpected error"))
