"""Screen F5 "Fees and bills" (supervisor): fee items, their rates, and the monthly bill run.

- ``feeItemsTable``: every fee item — code, name, kind, the rate in force today
  (``2.50 ¥/m²/月``), due day and late fee; ``feeRatesTable``: the selected
  item's rate history. A new rate from a date: ``newRate`` (+ ``newRateError``),
  ``newRateFrom``, ``setRateButton``; bills already generated keep their rate.
- ``addFeeItem``: the form for a new item — ``feeCode``, ``feeName``,
  ``feeKind``, ``feeRate`` (+ ``feeRateError``), ``feeFrom``, ``feeDueDay``,
  ``feeLateFee`` with ``feeLateGrace``, ``feeLateBp``, ``feeLateCap``, and
  ``addFeeItemButton``.
- ``billRun``: generate a month's bills for every occupied household —
  ``billPeriod`` (this month by default), ``generateBillsButton``, and the
  outcome in ``billResult`` (bills created, pairs already billed).

Amounts typed are parsed with ``parse_amount`` and a rate must be above zero
(``domain.fees.check_rate``); the message appears next to the field. The
services' refusals appear in ``feesMessage`` (or ``billResult``).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.fees import (
    KINDS,
    MAX_DUE_DAY,
    MAX_GRACE_DAYS,
    MAX_LATE_FEE_BP,
    MAX_LATE_FEE_CAP_PERCENT,
    FeeError,
    LateFeePolicy,
    add_months,
    check_rate,
    period_label,
    rate_label,
)
from frontdesk.domain.money import MoneyError, parse_amount
from frontdesk.errors import FrontdeskError
from frontdesk.services.billing import BillRun, generate_bills
from frontdesk.services.fees import (
    FeeItemInfo,
    RateInfo,
    add_fee_item,
    list_fee_items,
    set_rate,
)
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP
from frontdesk.ui.widgets import scale_font

log = logging.getLogger(__name__)

_ModelIndex = QModelIndex | QPersistentModelIndex

KIND_TITLES = {
    "area_monthly": QT_TRANSLATE_NOOP("FeeKinds", "Per m² per month"),
    "fixed_monthly": QT_TRANSLATE_NOOP("FeeKinds", "Fixed per month"),
    "one_off": QT_TRANSLATE_NOOP("FeeKinds", "One-off"),
}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def kind_title(kind: str) -> str:
    """The fee kind in the interface language (按面积/月, 固定/月, 一次性)."""
    source = KIND_TITLES.get(kind)
    return QCoreApplication.translate("FeeKinds", source) if source else kind


def late_fee_text(policy: LateFeePolicy) -> str:
    if not policy.enabled:
        return QCoreApplication.translate("FeeKinds", "Off")
    return QCoreApplication.translate(
        "FeeKinds", "After {grace} days: {bp}/10,000 a day, at most {cap}%"
    ).format(grace=policy.grace_days, bp=policy.daily_bp, cap=policy.cap_percent)


class FeeItemsModel(QAbstractTableModel):
    """Fee items as rows: code, name, kind, current rate, due day, late fee."""

    CODE, NAME, KIND, RATE, DUE_DAY, LATE_FEE = range(6)
    COLUMNS = 6

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[FeeItemInfo] = []
        self._on = date.today()

    def set_items(self, items: Sequence[FeeItemInfo], on: date) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._on = on
        self.endResetModel()

    def item(self, row: int) -> FeeItemInfo:
        return self._items[row]

    def row_of(self, code: str) -> int | None:
        return next((row for row, i in enumerate(self._items) if i.code == code), None)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE):
            if column == self.CODE:
                return item.code
            if column == self.NAME:
                return (
                    item.name
                    if item.active
                    else self.tr("{name} (inactive)").format(name=item.name)
                )
            if column == self.KIND:
                return kind_title(item.kind)
            if column == self.RATE:
                if role == SORT_ROLE:
                    return item.rate_on(self._on) or 0
                return item.rate_text(self._on)
            if column == self.DUE_DAY:
                if role == SORT_ROLE:
                    return item.due_day
                return self.tr("Day {day}").format(day=item.due_day)
            return late_fee_text(item.late_fee)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.RATE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Kind"),
            self.tr("Rate today"),
            self.tr("Due"),
            self.tr("Late fee"),
        )
        return titles[section] if 0 <= section < len(titles) else None


class RatesModel(QAbstractTableModel):
    """One fee item's rate history, newest first: from, rate, set by."""

    FROM, RATE, BY = range(3)
    COLUMNS = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kind = "area_monthly"
        self._rates: list[RateInfo] = []
        self._current: date | None = None

    def set_item(self, item: FeeItemInfo | None, on: date) -> None:
        self.beginResetModel()
        if item is None:
            self._rates = []
            self._current = None
        else:
            self._kind = item.kind
            self._rates = sorted(item.rates, key=lambda r: r.effective_from, reverse=True)
            started = [r.effective_from for r in item.rates if r.effective_from <= on]
            self._current = max(started) if started else None
        self.endResetModel()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rates)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rate = self._rates[index.row()]
        column = index.column()
        current = rate.effective_from == self._current
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.FROM:
                text = rate.effective_from.isoformat()
                if current:
                    return self.tr("{date} (in force)").format(date=text)
                if self._current is None or rate.effective_from > self._current:
                    return self.tr("{date} (coming)").format(date=text)
                return text
            if column == self.RATE:
                return rate_label(self._kind, rate.rate_fen)
            return rate.created_by
        if role == Qt.ItemDataRole.FontRole and current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.RATE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (self.tr("From"), self.tr("Rate"), self.tr("Set by"))
        return titles[section] if 0 <= section < len(titles) else None


def _table(name: str, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _error_label(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


def _date_edit(name: str, parent: QWidget, value: date) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate(value))
    return edit


class FeesScreen(QWidget):
    """Fee items and rates, and the bill run: a supervisor's screen."""

    # Built by _build_add_form and _build_bill_run.
    code: QLineEdit
    name: QLineEdit
    kind: QComboBox
    rate: QLineEdit
    rate_error: QLabel
    rate_from: QDateEdit
    due_day: QSpinBox
    late_fee: QCheckBox
    late_grace: QSpinBox
    late_bp: QSpinBox
    late_cap: QSpinBox
    add_button: QPushButton
    period: QLineEdit
    generate_button: QPushButton
    bill_result: QLabel
    new_rate_error: QLabel

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
        self.items_table = _table("feeItemsTable", items_box)
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

        rates_box = QGroupBox(self.tr("Rate history of the selected item"), self)
        self.rates_model = RatesModel(self)
        self.rates_table = _table("feeRatesTable", rates_box)
        self.rates_table.setModel(self.rates_model)
        self.rates_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.new_rate = QLineEdit(rates_box)
        self.new_rate.setObjectName("newRate")
        self.new_rate.setPlaceholderText(self.tr("e.g. 2.80"))
        self.new_rate.returnPressed.connect(self.set_rate)
        self.new_rate.textEdited.connect(lambda _text: self.new_rate_error.hide())
        self.new_rate_error = _error_label("newRateError", rates_box)
        self.new_rate_from = _date_edit(
            "newRateFrom", rates_box, date(*add_months(today.year, today.month, 1), 1)
        )
        self.set_rate_button = QPushButton(self.tr("Set &new rate"), rates_box)
        self.set_rate_button.setObjectName("setRateButton")
        self.set_rate_button.setAutoDefault(True)
        self.set_rate_button.clicked.connect(self.set_rate)
        form = QFormLayout()
        rate_label_ = QLabel(self.tr("New &rate (¥):"), rates_box)
        rate_label_.setBuddy(self.new_rate)
        form.addRow(rate_label_, self.new_rate)
        form.addRow("", self.new_rate_error)
        form.addRow(self.tr("In force from:"), self.new_rate_from)
        inner = QVBoxLayout(rates_box)
        inner.addWidget(self.rates_table, 1)
        inner.addLayout(form)
        inner.addWidget(self.set_rate_button, 0, Qt.AlignmentFlag.AlignLeft)

        add_box = self._build_add_form(today)
        bill_box = self._build_bill_run(today)

        top = QHBoxLayout()
        top.addWidget(items_box, 3)
        top.addWidget(rates_box, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(add_box, 3)
        bottom.addWidget(bill_box, 2)
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

    def _build_add_form(self, today: date) -> QGroupBox:
        box = QGroupBox(self.tr("Add a fee item"), self)
        box.setObjectName("addFeeItem")
        self.code = QLineEdit(box)
        self.code.setObjectName("feeCode")
        self.code.setMaxLength(32)
        self.code.setPlaceholderText(self.tr("e.g. WYF"))
        self.name = QLineEdit(box)
        self.name.setObjectName("feeName")
        self.name.setMaxLength(64)
        self.name.setPlaceholderText(self.tr("e.g. Property management fee"))
        self.kind = QComboBox(box)
        self.kind.setObjectName("feeKind")
        for kind in KINDS:
            self.kind.addItem(kind_title(kind), kind)
        self.rate = QLineEdit(box)
        self.rate.setObjectName("feeRate")
        self.rate.setPlaceholderText(self.tr("¥ per unit, e.g. 2.50"))
        self.rate.textEdited.connect(lambda _text: self.rate_error.hide())
        self.rate_error = _error_label("feeRateError", box)
        self.rate_from = _date_edit("feeFrom", box, date(today.year, today.month, 1))
        self.due_day = QSpinBox(box)
        self.due_day.setObjectName("feeDueDay")
        self.due_day.setRange(1, MAX_DUE_DAY)
        self.due_day.setValue(15)
        self.late_fee = QCheckBox(self.tr("Charge a late fee"), box)
        self.late_fee.setObjectName("feeLateFee")
        self.late_grace = QSpinBox(box)
        self.late_grace.setObjectName("feeLateGrace")
        self.late_grace.setRange(0, MAX_GRACE_DAYS)
        self.late_grace.setValue(LateFeePolicy().grace_days)
        self.late_grace.setSuffix(self.tr(" days"))
        self.late_bp = QSpinBox(box)
        self.late_bp.setObjectName("feeLateBp")
        self.late_bp.setRange(1, MAX_LATE_FEE_BP)
        self.late_bp.setValue(LateFeePolicy().daily_bp)
        self.late_bp.setSuffix(self.tr(" /10,000 a day"))
        self.late_cap = QSpinBox(box)
        self.late_cap.setObjectName("feeLateCap")
        self.late_cap.setRange(1, MAX_LATE_FEE_CAP_PERCENT)
        self.late_cap.setValue(LateFeePolicy().cap_percent)
        self.late_cap.setSuffix(" %")
        self.late_fee.toggled.connect(self._on_late_fee_toggled)
        self._on_late_fee_toggled(False)
        self.add_button = QPushButton(self.tr("&Add fee item"), box)
        self.add_button.setObjectName("addFeeItemButton")
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(self.add_item)
        for edit in (self.code, self.name, self.rate):
            edit.returnPressed.connect(self.add_item)

        left = QFormLayout()
        code_label = QLabel(self.tr("&Code:"), box)
        code_label.setBuddy(self.code)
        left.addRow(code_label, self.code)
        left.addRow(self.tr("Name:"), self.name)
        left.addRow(self.tr("Kind:"), self.kind)
        left.addRow(self.tr("Rate (¥):"), self.rate)
        left.addRow("", self.rate_error)
        right = QFormLayout()
        right.addRow(self.tr("From:"), self.rate_from)
        right.addRow(self.tr("Due day:"), self.due_day)
        right.addRow("", self.late_fee)
        right.addRow(self.tr("Grace:"), self.late_grace)
        right.addRow(self.tr("Rate:"), self.late_bp)
        right.addRow(self.tr("At most:"), self.late_cap)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        inner = QVBoxLayout(box)
        inner.addLayout(columns)
        inner.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def _build_bill_run(self, today: date) -> QGroupBox:
        box = QGroupBox(self.tr("Generate bills"), self)
        box.setObjectName("billRun")
        hint = QLabel(
            self.tr(
                "Bills the month for every occupied household and every monthly fee item. "
                "Running it again never bills twice."
            ),
            box,
        )
        hint.setWordWrap(True)
        self.period = QLineEdit(period_label(today.year, today.month), box)
        self.period.setObjectName("billPeriod")
        self.period.setMaxLength(16)
        self.period.setPlaceholderText("YYYY-MM")
        self.period.returnPressed.connect(self.generate_bills)
        period_label_ = QLabel(self.tr("&Period (YYYY-MM):"), box)
        period_label_.setBuddy(self.period)
        self.generate_button = QPushButton(self.tr("&Generate bills"), box)
        self.generate_button.setObjectName("generateBillsButton")
        self.generate_button.setAutoDefault(True)
        self.generate_button.clicked.connect(self.generate_bills)
        self.bill_result = QLabel(box)
        self.bill_result.setObjectName("billResult")
        self.bill_result.setWordWrap(True)
        self.bill_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(period_label_)
        row.addWidget(self.period)
        row.addWidget(self.generate_button)
        inner = QVBoxLayout(box)
        inner.addWidget(hint)
        inner.addLayout(row)
        inner.addWidget(self.bill_result)
        inner.addStretch(1)
        return box

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
        has_item = self.selected_item() is not None
        self.set_rate_button.setEnabled(has_item)
        self.new_rate.setEnabled(has_item)
        self.new_rate_from.setEnabled(has_item)

    def _on_late_fee_toggled(self, on: bool) -> None:
        for field in (self.late_grace, self.late_bp, self.late_cap):
            field.setEnabled(on)

    # -- actions ----------------------------------------------------------

    def _parse_rate(self, edit: QLineEdit, error: QLabel) -> int | None:
        """The rate typed in ``edit`` in fen, or None with the reason shown in ``error``."""
        try:
            fen = parse_amount(edit.text(), max_fen=self.ctx.config.money.max_amount_fen)
            check_rate(fen)
        except (MoneyError, FeeError) as exc:
            error.setText(str(exc))
            error.show()
            edit.setFocus()
            edit.selectAll()
            return None
        error.hide()
        return fen

    def add_item(self) -> None:
        """Add the fee item described in the form."""
        rate = self._parse_rate(self.rate, self.rate_error)
        if rate is None:
            return
        policy = LateFeePolicy(
            enabled=self.late_fee.isChecked(),
            grace_days=self.late_grace.value(),
            daily_bp=self.late_bp.value(),
            cap_percent=self.late_cap.value(),
        )
        start = self.rate_from.date().toPython()
        self.add_button.setEnabled(False)
        self._submit(
            add_fee_item,
            self.ctx.db,
            self.ctx.actor,
            self.code.text(),
            self.name.text(),
            str(self.kind.currentData()),
            rate,
            effective_from=start,
            due_day=self.due_day.value(),
            late_fee=policy,
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
        for edit in (self.code, self.name, self.rate):
            edit.clear()
        self.late_fee.setChecked(False)
        self._select_code = item.code
        self.reload()

    def set_rate(self) -> None:
        """Give the selected fee item a new rate from the chosen date."""
        item = self.selected_item()
        if item is None:
            return
        rate = self._parse_rate(self.new_rate, self.new_rate_error)
        if rate is None:
            return
        self.set_rate_button.setEnabled(False)
        start = self.new_rate_from.date().toPython()
        assert isinstance(start, date)
        self._rate_from = start
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
        self.generate_button.setEnabled(False)
        self.bill_result.setStyleSheet("")
        self.bill_result.setText(self.tr("Generating bills…"))
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
        self.generate_button.setEnabled(True)
        text = self.tr(
            "{period}: {created} bill(s) created, {already} already billed "
            "({households} occupied household(s))."
        ).format(
            period=run.period,
            created=run.created,
            already=run.already_billed,
            households=run.households,
        )
        if run.created == 0 and run.already_billed:
            text += " " + self.tr("Everything was already billed: nothing new.")
        self.bill_result.setStyleSheet("")
        self.bill_result.setText(text)

    def _on_bill_failed(self, error: BaseException) -> None:
        self.generate_button.setEnabled(True)
        self.bill_result.setStyleSheet("color: #b00020; font-weight: bold;")
        if isinstance(error, FrontdeskError):
            self.bill_result.setText(str(error))
        else:
            self.bill_result.setText("")
            self._on_error(error)
        self.period.setFocus()
        self.period.selectAll()

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
