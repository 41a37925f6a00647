"""The cashier screen (F2): find the household, see what is due, take payment, show the receipt.

Layout: on the left the search above the household's bills and the total
(after a payment, the receipt just issued takes their place until the next
household is chosen); on the right the payment. Every database call
(search, loading the bills and the drawer, completing the payment) goes
through the screen context's task runner; answers that arrive after the
cashier has moved on are dropped.

The keyboard path of a cash payment: type the room, Enter (first match) → the
bills load, all selected, and the focus is in ``tenderedInput`` → type the
amount received, Enter → the confirmation (``confirmPayment``) → Enter → the
receipt shows in ``receiptView`` and the focus is back in ``householdSearch``.
Esc on the screen drops the household and goes back to the search.

Object names: ``cashierScreen``, ``cashierMessage`` and those of the panels
(``search_panel``, ``dues_panel``, ``tender_panel``, ``confirm_dialog``,
``receipt_view``).
"""

from __future__ import annotations

import itertools
import logging
from datetime import date

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.money import format_fen
from frontdesk.errors import FrontdeskError
from frontdesk.services.billing import Dues, household_dues
from frontdesk.services.cashbox import DrawerStatus, drawer_status
from frontdesk.services.payments import PaymentRequest, PaymentResult, collect
from frontdesk.services.search import HouseholdHit
from frontdesk.ui.cashier.confirm_dialog import ConfirmPaymentDialog
from frontdesk.ui.cashier.dues_panel import DuesPanel
from frontdesk.ui.cashier.figures import Selection, change_phrase, pieces_text
from frontdesk.ui.cashier.receipt_view import ReceiptView
from frontdesk.ui.cashier.search_panel import SearchPanel
from frontdesk.ui.cashier.tender_panel import ERROR_STYLE, TenderPanel
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.printer.control import kick

log = logging.getLogger(__name__)

_OK_STYLE = "color: #0b6b2f;"


# The jobs below run on the database worker; they read ``ctx.db`` there, so the
# GUI thread never waits for a database that is still being opened.


def load_counter(
    ctx: ScreenContext, household_id: int, *, on: date, ahead_months: int
) -> tuple[Dues, DrawerStatus | None]:
    """What the household owes and what the desk's drawer holds."""
    db = ctx.db
    return (
        household_dues(db, household_id, on=on, ahead_months=ahead_months),
        drawer_status(db, ctx.config.app.desk),
    )


def collect_payment(ctx: ScreenContext, request: PaymentRequest) -> PaymentResult:
    """Complete the payment at this desk, with this desk's receipt series and settings."""
    config = ctx.config
    return collect(
        ctx.db,
        ctx.actor,
        request,
        desk=config.app.desk,
        series=config.cashier.receipt_series,
        settings=config.cashier,
        estate_name=config.app.estate_name,
        money=config.money,
        print_receipt=config.printer.connection != "none",
    )


class CashierScreen(QWidget):
    """The cashier's work screen."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("cashierScreen")
        config = ctx.config
        self.hit: HouseholdHit | None = None
        self._load_no = 0
        self._loading = False
        self._collecting = False
        self.confirm: ConfirmPaymentDialog | None = None

        find_box = QGroupBox(self.tr("Find the household"), self)
        self.middle = QGroupBox(self.tr("What is due"), self)
        right = QGroupBox(self.tr("Payment"), self)
        # The household's bills, or (after a payment, until the next household)
        # the receipt just issued, in the same place.
        self.pages = QStackedWidget(self.middle)
        self.pages.setObjectName("cashierPages")

        self.search = SearchPanel(ctx, find_box)
        self.search.householdChosen.connect(self.choose_household)
        self.receipt = ReceiptView(self.pages)

        self.dues = DuesPanel(
            max_ahead=config.cashier.max_prepay_months,
            cash_unit_fen=config.money.cash_unit_fen,
            parent=self.pages,
        )
        self.dues.selectionChanged.connect(self._on_selection)
        self.dues.aheadChanged.connect(lambda _n: self._load(focus=False, keep_choices=True))

        self.tender = TenderPanel(
            cash_unit_fen=config.money.cash_unit_fen,
            max_fen=config.money.max_amount_fen,
            parent=right,
        )
        self.tender.collectRequested.connect(self.request_collect)

        self.message = QLabel(self)
        self.message.setObjectName("cashierMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        QVBoxLayout(find_box).addWidget(self.search)
        self.pages.addWidget(self.dues)
        self.pages.addWidget(self.receipt)
        QVBoxLayout(self.middle).addWidget(self.pages)
        QVBoxLayout(right).addWidget(self.tender)

        # Left: find the household above what it owes; right: the payment.
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.setObjectName("cashierLeft")
        left.setChildrenCollapsible(False)
        left.addWidget(find_box)
        left.addWidget(self.middle)
        left.setStretchFactor(0, 2)
        left.setStretchFactor(1, 5)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("cashierSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        # Tab goes search → results → bills → months ahead → the payment → the receipt.
        chain = [
            self.search.box,
            self.search.table,
            self.dues.table,
            self.dues.ahead,
            self.tender.method,
            self.tender.reference,
            self.tender.amount,
            self.tender.add_line,
            self.tender.lines,
            self.tender.remove_line,
            self.tender.overpay,
            self.tender.collect,
            self.receipt,
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.escape.setObjectName("cashierBack")
        self.escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.escape.activated.connect(self.back)

        self._set_household_enabled(False)
        self.dues.show_household(None)
        self.search.box.setFocus()

    # -- the household ------------------------------------------------------------

    def choose_household(self, hit: HouseholdHit) -> None:
        """Load a household's bills and the drawer; the amount field gets the focus."""
        if self._collecting:
            return
        self.hit = hit
        self.message.setText("")
        self._show_receipt_page(False)
        self.dues.show_dues(None)
        self.dues.show_household(hit)
        self.tender.reset()
        self._set_household_enabled(False)
        self._load(focus=True, keep_choices=False)

    def _load(self, *, focus: bool, keep_choices: bool) -> None:
        if self.hit is None:
            return
        self._load_no += 1
        number = self._load_no
        self._loading = True
        self.ctx.tasks.submit(
            load_counter,
            self.ctx,
            self.hit.household_id,
            on=date.today(),
            ahead_months=self.dues.ahead.value(),
            on_done=lambda result: self._loaded(number, result, focus, keep_choices),
            on_error=lambda error: self._load_failed(number, error),
        )

    def _loaded(
        self,
        number: int,
        result: tuple[Dues, DrawerStatus | None],
        focus: bool,
        keep_choices: bool,
    ) -> None:
        if not shiboken6.isValid(self) or number != self._load_no or self.hit is None:
            return  # the screen is gone, or the cashier has moved on
        self._loading = False
        dues, status = result
        self.tender.set_drawer(
            None if status is None else status.expected_pieces, self._drawer_text(status)
        )
        self.dues.show_dues(dues, keep_choices=keep_choices)
        self._set_household_enabled(True)
        if focus:
            self.tender.focus_amount()

    def _load_failed(self, number: int, error: BaseException) -> None:
        if not shiboken6.isValid(self) or number != self._load_no:
            return
        self._loading = False
        self.show_error(error)

    def _drawer_text(self, status: DrawerStatus | None) -> str:
        if status is None:
            return self.tr("Cash drawer: not open at this desk. Cash cannot be taken.")
        return self.tr("Cash drawer: open since {date} ({who}), holds {amount}.").format(
            date=status.business_date.isoformat(),
            who=status.opened_by,
            amount=format_fen(status.expected_fen),
        )

    def _on_selection(self, selection: Selection) -> None:
        balance = self.dues.dues.prepay_balance_fen if self.dues.dues is not None else 0
        self.tender.set_due(selection.due_fen, balance)

    def _show_receipt_page(self, receipt: bool) -> None:
        self.pages.setCurrentWidget(self.receipt if receipt else self.dues)
        self.middle.setTitle(self.tr("Receipt issued") if receipt else self.tr("What is due"))

    def _set_household_enabled(self, enabled: bool) -> None:
        self.dues.setEnabled(enabled)
        self.tender.setEnabled(enabled)

    # -- taking payment --------------------------------------------------------------

    def request_collect(self) -> None:
        """Enter in the amount (or the collect button): ask for confirmation first."""
        if self._collecting or self._loading or self.hit is None or self.dues.dues is None:
            return
        preview = self.tender.preview
        if not preview.ready or preview.plan is None:
            self.tender.update_preview()  # the reason is shown by the tender panel
            return
        household = f"{self.hit.room} · {self.hit.owners}"
        dialog = ConfirmPaymentDialog(household, preview.plan, preview.change, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        request = PaymentRequest(
            household_id=self.hit.household_id,
            bill_ids=self.dues.selection.bill_ids,
            ahead_months=self.dues.ahead.value(),
            tenders=preview.tenders,
            cash_tendered_fen=preview.cash_tendered_fen,
            overpay_to_credit=self.tender.overpay.isChecked(),
        )
        dialog.accepted.connect(lambda: self._collect(request))
        dialog.rejected.connect(self.tender.focus_amount)
        dialog.finished.connect(self._confirm_closed)
        self.confirm = dialog
        self.escape.setEnabled(False)  # Esc belongs to the dialog now
        dialog.open()

    def _confirm_closed(self, _result: int) -> None:
        self.confirm = None
        self.escape.setEnabled(True)
        # Back to this window, whatever the window system chose to activate.
        self.window().activateWindow()

    def _collect(self, request: PaymentRequest) -> None:
        if self._collecting:
            return
        self._collecting = True
        self.tender.set_busy(True)
        self.dues.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Recording the payment…"))
        self.ctx.tasks.submit(
            collect_payment,
            self.ctx,
            request,
            on_done=self._collected,
            on_error=self._collect_failed,
        )

    def _collected(self, result: PaymentResult) -> None:
        log.info("payment %s collected for %s", result.receipt_no, result.receipt.room)
        if not shiboken6.isValid(self):
            return  # recorded; the screen was closed meanwhile
        kick(self.ctx.app)  # print the queued receipt now rather than at the next poll
        self._collecting = False
        self.tender.set_busy(False)
        self.receipt.show_receipt(result.receipt)
        self._show_receipt_page(True)
        text = self.tr("Receipt {receipt_no} issued: {total}.").format(
            receipt_no=result.receipt_no, total=format_fen(result.receipt.total_fen)
        )
        change = result.change
        if change is not None and change.total_fen:
            text += " " + self.tr("Give change {amount}: {pieces}.").format(
                amount=format_fen(change.total_fen), pieces=pieces_text(change.pieces)
            )
            text += " " + change_phrase(change.total_fen)
        self.message.setStyleSheet(_OK_STYLE)
        self.message.setText(text)
        self._clear_household()
        self.search.reset()
        self.search.box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _collect_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            log.warning("payment not recorded (screen closed): %s", error)
            return
        self._collecting = False
        self.tender.set_busy(False)
        self.dues.setEnabled(True)
        self.show_error(error)
        self.tender.focus_amount()

    # -- leaving the household -------------------------------------------------------

    def back(self) -> None:
        """Esc: drop the household and go back to the search (or empty the search)."""
        if self._collecting:
            return
        if self.confirm is not None:
            return
        if self.hit is not None:
            self._clear_household()
            self.search.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.box.selectAll()
        else:
            self.search.reset()
            self.search.box.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _clear_household(self) -> None:
        self._load_no += 1  # drop a load still in flight
        self._loading = False
        self.hit = None
        self.dues.show_dues(None)
        self.dues.show_household(None)
        self.tender.reset()
        self.tender.set_drawer(None, "")
        self._set_household_enabled(False)

    def show_error(self, error: BaseException) -> None:
        """A service's refusal (or an unexpected failure) in the message line."""
        if isinstance(error, FrontdeskError):
            text = str(error)
        else:
            log.error("cashier screen: unexpected error", exc_info=error)
            text = self.tr("Unexpected error ({kind}); see the log file.").format(
                kind=type(error).__name__
            )
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.hit is None:
            self.search.box.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not self._collecting and self.confirm is None:
            # Back from another screen (the drawer may have been opened there): refresh.
            self._load(focus=False, keep_choices=True)
