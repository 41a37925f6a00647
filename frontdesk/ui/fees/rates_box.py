"""The selected fee item's rate history (``feeRatesTable``) and the form that sets a new rate
from a date: ``newRate`` (+ ``newRateError``), ``newRateFrom``, ``setRateButton``.

It only shows and says when the user asks to set the rate (``setRateRequested``:
the button or Enter in the rate field); the screen reads the rate and sends it
to the database worker. Its texts keep the ``FeesScreen`` translation context
they were written in.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.fees import add_months
from frontdesk.ui.fees.fields import date_edit, error_label, table
from frontdesk.ui.fees.rates_model import RatesModel


class RatesBox(QGroupBox):
    """The rate history of one fee item, and a new rate for it (from next month by default).

    Signals:
        setRateRequested(): the set-rate button was pressed, or Enter in the rate field.
    """

    setRateRequested = Signal()

    new_rate_error: QLabel  # built after the rate field, which hides it on every edit

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("FeesScreen", "Rate history of the selected item"), parent
        )
        self.model = RatesModel(self)
        self.table = table("feeRatesTable", self)
        self.table.setModel(self.model)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.new_rate = QLineEdit(self)
        self.new_rate.setObjectName("newRate")
        self.new_rate.setPlaceholderText(QCoreApplication.translate("FeesScreen", "e.g. 2.80"))
        self.new_rate.returnPressed.connect(self.setRateRequested)
        self.new_rate.textEdited.connect(lambda _text: self.new_rate_error.hide())
        self.new_rate_error = error_label("newRateError", self)
        self.new_rate_from = date_edit(
            "newRateFrom", self, date(*add_months(today.year, today.month, 1), 1)
        )
        self.set_rate_button = QPushButton(
            QCoreApplication.translate("FeesScreen", "Set &new rate"), self
        )
        self.set_rate_button.setObjectName("setRateButton")
        self.set_rate_button.setAutoDefault(True)
        self.set_rate_button.clicked.connect(self.setRateRequested)
        form = QFormLayout()
        rate_label = QLabel(QCoreApplication.translate("FeesScreen", "New &rate (¥):"), self)
        rate_label.setBuddy(self.new_rate)
        form.addRow(rate_label, self.new_rate)
        form.addRow("", self.new_rate_error)
        form.addRow(QCoreApplication.translate("FeesScreen", "In force from:"), self.new_rate_from)
        inner = QVBoxLayout(self)
        inner.addWidget(self.table, 1)
        inner.addLayout(form)
        inner.addWidget(self.set_rate_button, 0, Qt.AlignmentFlag.AlignLeft)

    def set_form_enabled(self, enabled: bool) -> None:
        """Let the new rate be typed and set (only with a fee item selected)."""
        self.set_rate_button.setEnabled(enabled)
        self.new_rate.setEnabled(enabled)
        self.new_rate_from.setEnabled(enabled)

    def start(self) -> date:
        """The date the new rate is in force from."""
        start = self.new_rate_from.date().toPython()
        assert isinstance(start, date)
        return start
