"""The four pages of the visit-outcome dialog: collected, not home, reschedule, cancel.

Each page only holds its fields and says what they contain; the dialog runs
the service call. Object names: ``collectedMethod``, ``collectedReference``,
``collectedBills`` (one checkable row per open bill), ``collectedAmount``;
``notHomeNote``, ``nextSlotLabel``, ``rebookNextSlot``; ``rescheduleDate``,
``rescheduleTime``, ``rescheduleReason``, ``rescheduleSameDayReason`` (shown
only for a time at short notice); ``cancelReason``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTimeEdit,
    QWidget,
)

from frontdesk.domain.money import format_fen, round_cash
from frontdesk.domain.tender import ELECTRONIC_METHODS, MAX_REFERENCE_CHARS
from frontdesk.domain.visits import is_short_notice
from frontdesk.domain.workcalendar import from_local, to_local
from frontdesk.services.billing import DueLine
from frontdesk.ui.cashier.tender_model import method_title

FIELD_METHODS = ("cash", *ELECTRONIC_METHODS)
"""What ``visits.record_collected`` accepts: cash or an electronic method (no prepayment)."""

MAX_TEXT = 500
BILL_ID_ROLE = Qt.ItemDataRole.UserRole


def _when(moment: datetime) -> str:
    return to_local(moment).strftime("%Y-%m-%d %H:%M")


class CollectedPage(QWidget):
    """How the owner paid and which open bills the payment covers (all of them at first)."""

    def __init__(self, cash_unit_fen: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cash_unit_fen = cash_unit_fen
        self.loaded = False
        self.method = QComboBox(self)
        self.method.setObjectName("collectedMethod")
        for code in FIELD_METHODS:
            self.method.addItem(method_title(code), code)
        self.reference = QLineEdit(self)
        self.reference.setObjectName("collectedReference")
        self.reference.setMaxLength(MAX_REFERENCE_CHARS)
        self.reference.setPlaceholderText(
            self.tr("Transaction number (required for a bank transfer)")
        )
        self.bills = QListWidget(self)
        self.bills.setObjectName("collectedBills")
        self.bills.setMaximumHeight(140)
        self.amount = QLabel(self.tr("Loading the open bills…"), self)
        self.amount.setObjectName("collectedAmount")
        self.amount.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Paid &with:"), self.method)
        form.addRow(self.tr("&Reference:"), self.reference)
        form.addRow(self.tr("&Bills:"), self.bills)
        form.addRow("", self.amount)
        self.method.currentIndexChanged.connect(lambda _i: self._refresh())
        self.bills.itemChanged.connect(lambda _item: self._refresh())
        self._refresh()

    def first_field(self) -> QWidget:
        return self.method

    def set_lines(self, lines: Sequence[DueLine]) -> None:
        """The household's open bills; every one is ticked."""
        self.bills.clear()
        for line in lines:
            if line.ahead or line.bill_id is None:
                continue
            text = f"{line.period}  {line.item_name}  {format_fen(line.amount_fen)}"
            if line.late_fee_fen:
                text += self.tr(" + late fee {fee}").format(fee=format_fen(line.late_fee_fen))
            item = QListWidgetItem(text, self.bills)
            item.setData(BILL_ID_ROLE, line.bill_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, line.amount_fen + line.late_fee_fen)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        if self.bills.count():
            self.bills.setCurrentRow(0)
        self.loaded = True
        self._refresh()

    def method_code(self) -> str:
        return str(self.method.currentData())

    def bill_ids(self) -> tuple[int, ...] | None:
        """The ticked bills; None until the bills are loaded (the service then takes all)."""
        if not self.loaded:
            return None
        return tuple(
            int(item.data(BILL_ID_ROLE))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        )

    def due_fen(self) -> int:
        return sum(
            int(item.data(Qt.ItemDataRole.UserRole + 1))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        )

    def amount_fen(self) -> int:
        """What will be collected: the ticked bills with late fees, cash rounded like the service."""
        due = self.due_fen()
        return round_cash(due, self.cash_unit_fen) if self.method_code() == "cash" else due

    def _items(self) -> list[QListWidgetItem]:
        return [self.bills.item(i) for i in range(self.bills.count())]

    def _refresh(self) -> None:
        electronic = self.method_code() != "cash"
        self.reference.setEnabled(electronic)
        if not self.loaded:
            return
        if not self.bills.count():
            self.amount.setText(self.tr("The household has no open bills: nothing to collect."))
            return
        due, amount = self.due_fen(), self.amount_fen()
        text = self.tr("To collect: {amount}").format(amount=format_fen(amount))
        if amount != due:
            text += self.tr(" (due {due}, rounded for cash)").format(due=format_fen(due))
        self.amount.setText(text)


class NotHomePage(QWidget):
    """Nobody opened: a note, and the next free slot offered (booked only if ticked)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slot: datetime | None = None
        self.note = QLineEdit(self)
        self.note.setObjectName("notHomeNote")
        self.note.setMaxLength(MAX_TEXT)
        self.note.setPlaceholderText(
            self.tr("e.g. knocked twice, neighbour says away until Friday")
        )
        self.slot_label = QLabel(self.tr("Looking for the next free slot…"), self)
        self.slot_label.setObjectName("nextSlotLabel")
        self.rebook = QCheckBox(self.tr("Boo&k the next slot"), self)
        self.rebook.setObjectName("rebookNextSlot")
        self.rebook.setEnabled(False)
        self.rebook.setToolTip(self.tr("Only once the owner has agreed to the new time"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Note:"), self.note)
        form.addRow(self.tr("Next free slot:"), self.slot_label)
        form.addRow("", self.rebook)

    def first_field(self) -> QWidget:
        return self.note

    def set_slot(self, slot: datetime | None) -> None:
        self.slot = slot
        if slot is None:
            self.slot_label.setText(self.tr("No free slot in the coming weeks."))
        else:
            self.slot_label.setText(_when(slot))
        self.rebook.setEnabled(slot is not None)
        if slot is None:
            self.rebook.setChecked(False)

    def rebook_at(self) -> datetime | None:
        return self.slot if self.rebook.isChecked() else None


class ReschedulePage(QWidget):
    """The new date and time and why; a reason for short notice when the new time needs one."""

    def __init__(self, min_days_ahead: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_days_ahead = min_days_ahead
        self.date = QDateEdit(self)
        self.date.setObjectName("rescheduleDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.time = QTimeEdit(self)
        self.time.setObjectName("rescheduleTime")
        self.time.setDisplayFormat("HH:mm")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("rescheduleReason")
        self.reason.setMaxLength(MAX_TEXT)
        self.reason.setPlaceholderText(self.tr("Required: why the visit moves"))
        self.same_day_reason = QLineEdit(self)
        self.same_day_reason.setObjectName("rescheduleSameDayReason")
        self.same_day_reason.setMaxLength(MAX_TEXT)
        self.same_day_reason.setPlaceholderText(
            self.tr("Required for a visit at less than a day's notice")
        )
        self.same_day_label = QLabel(self.tr("S&hort notice because:"), self)
        self.same_day_label.setBuddy(self.same_day_reason)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("New &date:"), self.date)
        form.addRow(self.tr("New &time:"), self.time)
        form.addRow(self.tr("Re&ason:"), self.reason)
        form.addRow(self.same_day_label, self.same_day_reason)
        self.set_when(datetime.combine(date.today() + timedelta(days=1), time(10, 0)))
        self.date.dateChanged.connect(lambda _d: self._short_notice_changed())
        self._short_notice_changed()

    def first_field(self) -> QWidget:
        return self.date

    def set_when(self, local: datetime) -> None:
        """Put a local wall-clock time in the date and time fields."""
        self.date.setDate(QDate(local.year, local.month, local.day))
        self.time.setTime(QTime(local.hour, local.minute))

    def local_when(self) -> datetime:
        day: date = self.date.date().toPython()  # type: ignore[assignment]
        clock: time = self.time.time().toPython()  # type: ignore[assignment]
        return datetime.combine(day, clock.replace(second=0, microsecond=0))

    def new_time(self) -> datetime:
        """The new time, aware (as the service wants it)."""
        return from_local(self.local_when())

    def short_notice(self) -> bool:
        return is_short_notice(self.local_when(), datetime.now(), self.min_days_ahead)

    def _short_notice_changed(self) -> None:
        short = self.short_notice()
        self.same_day_label.setVisible(short)
        self.same_day_reason.setVisible(short)

    def same_day_text(self) -> str:
        return self.same_day_reason.text() if self.short_notice() else ""


class CancelPage(QWidget):
    """Why the visit will not happen (required)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("cancelReason")
        self.reason.setMaxLength(MAX_TEXT)
        self.reason.setPlaceholderText(self.tr("Required, e.g. owner paid at the counter"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Re&ason:"), self.reason)

    def first_field(self) -> QWidget:
        return self.reason
