"""Screen F5 "Fees and bills" (supervisor): fee items, their rates, and the monthly bill run.

- ``feeItemsTable``: every fee item — code, name, kind, the rate in force today
  (``2.50 ¥/m²/月``), due day and late fee (:mod:`.items_model`);
  ``feeRatesTable``: the selected item's rate history, and a new rate from a
  date: ``newRate`` (+ ``newRateError``), ``newRateFrom``, ``setRateButton``
  (:mod:`.rates_box`); bills already generated keep their rate.
- ``addFeeItem``: the form for a new item — ``feeCode``, ``feeName``,
  ``feeKind``, ``feeRate`` (+ ``feeRateError``), ``feeFrom``, ``feeDueDay``,
  ``feeLateFee`` with ``feeLateGrace``, ``feeLateBp``, ``feeLateCap``, and
  ``addFeeItemButton`` (:mod:`.add_form`).
- ``billRun``: generate a month's bills for every occupied household —
  ``billPeriod`` (this month by default), ``generateBillsButton``, and the
  outcome in ``billResult`` (bills created, pairs already billed; :mod:`.bill_run`).

Amounts typed are parsed with ``parse_amount`` and a rate must be above zero
(``domain.fees.check_rate``); the message appears next to the field. The
services' refusals appear in ``feesMessage`` (or ``billResult``).

The boxes only show and forward; this screen lays them out, sends each action
to the database worker and shows the answer. The boxes' fields are also the
screen's attributes (``screen.code``, ``screen.new_rate``, ``screen.period``…).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.fees import rate_label
from frontdesk.errors import FrontdeskError
from frontdesk.services.billing import BillRun, generate_bills
from frontdesk.services.fees import FeeItemInfo, add_fee_item, list_fee_items, set_rate
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.fees.add_form import AddFeeItemBox
from frontdesk.ui.fees.bill_run import BillRunBox
from frontdesk.ui.fees.fields import read_rate, table
from frontdesk.ui.fees.items_model import SORT_ROLE, FeeItemsModel
from frontdesk.ui.fees.rates_box import RatesBox
from frontdesk.ui.widgets import scale_font

log = logging.getLogger(__name__)


class FeesScreen(QWidget):
    """Fee items and rates, and the bill run: a supervisor's screen."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._select_code = ""  # the item to select after the next load
        self._rate_from = date.today()  # the date of the rate being set
        self.setObjectName("feesScreen")

        title = QLabel(self.tr("Fees and bills"), self)
        font = QFont(title.font())
        scale_font(font, 1.4)
        font.setBold(True)
        title.setFont(font)
        self.message = QLabel(self)
        self.message.setObjectName("feesMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        today = date.today()
        items_box = QGroupBox(self.tr("Fee items (fee standards)"), self)
        self.items_model = FeeItemsModel(self)
        self.items_proxy = QSortFilterProxyModel(self)
        self.items_proxy.setSourceModel(self.items_model)
        self.items_proxy.setSortRole(SORT_ROLE)
        self.items_table = table("feeItemsTable", items_box)
        self.items_table.setModel(self.items_proxy)
        self.items_table.setSortingEnabled(True)
        self.items_table.sortByColumn(FeeItemsModel.CODE, Qt.SortOrder.AscendingOrder)
        self.items_table.horizontalHeader().setSectionResizeMode(
            FeeItemsModel.NAME, QHeaderView.ResizeMode.Stretch
        )
        self.items_table.horizontalHeader().setStretchLastSection(False)
        self.items_table.selectionModel().selectionChanged.connect(self._on_item_selected)
        inner = QVBoxLayout(items_box)
        inner.addWidget(self.items_table)

        self.rates_box = RatesBox(today, self)
        self.rates_box.setRateRequested.connect(self.set_rate)
        self.rates_model = self.rates_box.model
        self.rates_table = self.rates_box.table
        self.new_rate = self.rates_box.new_rate
        self.new_rate_error = self.rates_box.new_rate_error
        self.new_rate_from = self.rates_box.new_rate_from
        self.set_rate_button = self.rates_box.set_rate_button

        self.add_box = add = AddFeeItemBox(today, self)
        add.addRequested.connect(self.add_item)
        self.code, self.name, self.kind = add.code, add.name, add.kind
        self.rate, self.rate_error, self.rate_from = add.rate, add.rate_error, add.rate_from
        self.due_day, self.late_fee = add.due_day, add.late_fee
        self.late_grace, self.late_bp, self.late_cap = add.late_grace, add.late_bp, add.late_cap
        self.add_button = add.add_button

        self.bill_box = BillRunBox(today, self)
        self.bill_box.runRequested.connect(self.generate_bills)
        self.period = self.bill_box.period
        self.generate_button = self.bill_box.generate_button
        self.bill_result = self.bill_box.result

        top = QHBoxLayout()
        top.addWidget(items_box, 3)
        top.addWidget(self.rates_box, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_box, 3)
        bottom.addWidget(self.bill_box, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addLayout(top, 1)
        layout.addLayout(bottom)

        order = [
            self.items_table,
            self.new_rate,
            self.new_rate_from,
            self.set_rate_button,
            self.code,
            self.name,
            self.kind,
            self.rate,
            self.rate_from,
            self.due_day,
            self.late_fee,
            self.late_grace,
            self.late_bp,
            self.late_cap,
            self.add_button,
            self.period,
            self.generate_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self._update_buttons()

    # -- loading ----------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()
        self.items_table.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        """Read the fee items again, keeping the selected one selected."""
        selected = self.selected_item()
        if selected is not None and not self._select_code:
            self._select_code = selected.code
        self._submit(list_fee_items, self.ctx.db, on_done=self._on_loaded)

    def _on_loaded(self, items: list[FeeItemInfo]) -> None:
        code, self._select_code = self._select_code, ""
        self.items_model.set_items(items, date.today())
        row = self.items_model.row_of(code) if code else None
        if row is None and items:
            row = 0
        if row is None:
            self.rates_model.set_item(None, date.today())
        else:
            index = self.items_proxy.mapFromSource(self.items_model.index(row, 0))
            self.items_table.selectRow(index.row())
            self.items_table.setCurrentIndex(index)
        self._update_buttons()

    def selected_item(self) -> FeeItemInfo | None:
        rows = self.items_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.items_model.item(self.items_proxy.mapToSource(rows[0]).row())

    def _on_item_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.rates_model.set_item(self.selected_item(), date.today())
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.rates_box.set_form_enabled(self.selected_item() is not None)

    # -- actions ----------------------------------------------------------

    def add_item(self) -> None:
        """Add the fee item described in the form."""
        rate = read_rate(self.rate, self.rate_error, self.ctx.config.money.max_amount_fen)
        if rate is None:
            return
        self.add_button.setEnabled(False)
        self._submit(
            add_fee_item,
            self.ctx.db,
            self.ctx.actor,
            self.code.text(),
            self.name.text(),
            str(self.kind.currentData()),
            rate,
            effective_from=self.add_box.start(),
            due_day=self.due_day.value(),
            late_fee=self.add_box.policy(),
            on_done=self._on_added,
        )

    def _on_added(self, item: FeeItemInfo) -> None:
        self.add_button.setEnabled(True)
        first = item.rates[0]
        self.show_message(
            self.tr("Fee item {code} {name} added: {rate} from {date}.").format(
                code=item.code,
                name=item.name,
                rate=rate_label(item.kind, first.rate_fen),
                date=first.effective_from.isoformat(),
            ),
            error=False,
        )
        self.add_box.clear_added()
        self._select_code = item.code
        self.reload()

    def set_rate(self) -> None:
        """Give the selected fee item a new rate from the chosen date."""
        item = self.selected_item()
        if item is None:
            return
        rate = read_rate(self.new_rate, self.new_rate_error, self.ctx.config.money.max_amount_fen)
        if rate is None:
            return
        self.set_rate_button.setEnabled(False)
        self._rate_from = self.rates_box.start()
        self._submit(
            set_rate,
            self.ctx.db,
            self.ctx.actor,
            item.code,
            rate,
            effective_from=self._rate_from,
            on_done=self._on_rate_set,
        )

    def _on_rate_set(self, item: FeeItemInfo) -> None:
        self.set_rate_button.setEnabled(True)
        newest = next(
            (r for r in item.rates if r.effective_from == self._rate_from), item.rates[-1]
        )
        self.show_message(
            self.tr("{name} ({code}): {rate} from {date}; bills already made keep theirs.").format(
                name=item.name,
                code=item.code,
                rate=rate_label(item.kind, newest.rate_fen),
                date=newest.effective_from.isoformat(),
            ),
            error=False,
        )
        self.new_rate.clear()
        self._select_code = item.code
        self.reload()

    def generate_bills(self) -> None:
        """Generate the bills of the period typed in ``billPeriod``."""
        self.bill_box.show_running()
        self._submit(
            generate_bills,
            self.ctx.db,
            self.ctx.actor,
            self.period.text(),
            today=date.today(),
            max_months_ahead=self.ctx.config.cashier.max_bill_months_ahead,
            on_done=self._on_billed,
            on_error=self._on_bill_failed,
        )

    def _on_billed(self, run: BillRun) -> None:
        self.bill_box.show_run(run)

    def _on_bill_failed(self, error: BaseException) -> None:
        if isinstance(error, FrontdeskError):
            self.bill_box.show_refusal(str(error))
        else:
            self.bill_box.show_refusal("")
            self._on_error(error)

    # -- helpers ----------------------------------------------------------

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet("color: #b00020; font-weight: bold;" if error else "")
        self.message.setText(text)

    def _submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("on_error", self._on_error)
        self.ctx.tasks.submit(fn, *args, **kwargs)

    def _on_error(self, error: BaseException) -> None:
        self.add_button.setEnabled(True)
        self._update_buttons()
        if isinstance(error, FrontdeskError):
            self.show_message(str(error))
            return
        log.error("fees screen: unexpected error", exc_info=error)
        self.show_message(
            self.tr("Unexpected error: {error}. See the log file for details.").format(
                error=type(error).__name__
            )
        )
