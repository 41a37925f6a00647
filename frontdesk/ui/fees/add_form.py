"""The "Add a fee item" form (``addFeeItem``): code, name, kind, first rate and its date,
due day, and the late-fee rule.

It only shows the fields and says when the user asks to add (``addRequested``:
the button or Enter in the code, name or rate field); the screen reads the
rate, sends the new item to the database worker, and clears the form after.
Its texts keep the ``FeesScreen`` translation context they were written in.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.fees import (
    KINDS,
    MAX_DUE_DAY,
    MAX_GRACE_DAYS,
    MAX_LATE_FEE_BP,
    MAX_LATE_FEE_CAP_PERCENT,
    LateFeePolicy,
)
from frontdesk.ui.fees.fields import date_edit, error_label
from frontdesk.ui.fees.labels import kind_title


class AddFeeItemBox(QGroupBox):
    """The fields of a new fee item.

    Signals:
        addRequested(): the add button was pressed, or Enter in code, name or rate.
    """

    addRequested = Signal()

    rate_error: QLabel  # built after the rate field, which hides it on every edit

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("FeesScreen", "Add a fee item"), parent)
        self.setObjectName("addFeeItem")
        self.code = QLineEdit(self)
        self.code.setObjectName("feeCode")
        self.code.setMaxLength(32)
        self.code.setPlaceholderText(QCoreApplication.translate("FeesScreen", "e.g. WYF"))
        self.name = QLineEdit(self)
        self.name.setObjectName("feeName")
        self.name.setMaxLength(64)
        self.name.setPlaceholderText(
            QCoreApplication.translate("FeesScreen", "e.g. Property management fee")
        )
        self.kind = QComboBox(self)
        self.kind.setObjectName("feeKind")
        for kind in KINDS:
            self.kind.addItem(kind_title(kind), kind)
        self.rate = QLineEdit(self)
        self.rate.setObjectName("feeRate")
        self.rate.setPlaceholderText(
            QCoreApplication.translate("FeesScreen", "¥ per unit, e.g. 2.50")
        )
        self.rate.textEdited.connect(lambda _text: self.rate_error.hide())
        self.rate_error = error_label("feeRateError", self)
        self.rate_from = date_edit("feeFrom", self, date(today.year, today.month, 1))
        self.due_day = QSpinBox(self)
        self.due_day.setObjectName("feeDueDay")
        self.due_day.setRange(1, MAX_DUE_DAY)
        self.due_day.setValue(15)
        self.late_fee = QCheckBox(
            QCoreApplication.translate("FeesScreen", "Charge a late fee"), self
        )
        self.late_fee.setObjectName("feeLateFee")
        self.late_grace = QSpinBox(self)
        self.late_grace.setObjectName("feeLateGrace")
        self.late_grace.setRange(0, MAX_GRACE_DAYS)
        self.late_grace.setValue(LateFeePolicy().grace_days)
        self.late_grace.setSuffix(QCoreApplication.translate("FeesScreen", " days"))
        self.late_bp = QSpinBox(self)
        self.late_bp.setObjectName("feeLateBp")
        self.late_bp.setRange(1, MAX_LATE_FEE_BP)
        self.late_bp.setValue(LateFeePolicy().daily_bp)
        self.late_bp.setSuffix(QCoreApplication.translate("FeesScreen", " /10,000 a day"))
        self.late_cap = QSpinBox(self)
        self.late_cap.setObjectName("feeLateCap")
        self.late_cap.setRange(1, MAX_LATE_FEE_CAP_PERCENT)
        self.late_cap.setValue(LateFeePolicy().cap_percent)
        self.late_cap.setSuffix(" %")
        self.late_fee.toggled.connect(self._on_late_fee_toggled)
        self._on_late_fee_toggled(False)
        self.add_button = QPushButton(
            QCoreApplication.translate("FeesScreen", "&Add fee item"), self
        )
        self.add_button.setObjectName("addFeeItemButton")
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(self.addRequested)
        for edit in (self.code, self.name, self.rate):
            edit.returnPressed.connect(self.addRequested)

        left = QFormLayout()
        code_label = QLabel(QCoreApplication.translate("FeesScreen", "&Code:"), self)
        code_label.setBuddy(self.code)
        left.addRow(code_label, self.code)
        left.addRow(QCoreApplication.translate("FeesScreen", "Name:"), self.name)
        left.addRow(QCoreApplication.translate("FeesScreen", "Kind:"), self.kind)
        left.addRow(QCoreApplication.translate("FeesScreen", "Rate (¥):"), self.rate)
        left.addRow("", self.rate_error)
        right = QFormLayout()
        right.addRow(QCoreApplication.translate("FeesScreen", "From:"), self.rate_from)
        right.addRow(QCoreApplication.translate("FeesScreen", "Due day:"), self.due_day)
        right.addRow("", self.late_fee)
        right.addRow(QCoreApplication.translate("FeesScreen", "Grace:"), self.late_grace)
        right.addRow(QCoreApplication.translate("FeesScreen", "Rate:"), self.late_bp)
        right.addRow(QCoreApplication.translate("FeesScreen", "At most:"), self.late_cap)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        inner = QVBoxLayout(self)
        inner.addLayout(columns)
        inner.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def policy(self) -> LateFeePolicy:
        """The late-fee rule as set in the form."""
        return LateFeePolicy(
            enabled=self.late_fee.isChecked(),
            grace_days=self.late_grace.value(),
            daily_bp=self.late_bp.value(),
            cap_percent=self.late_cap.value(),
        )

    def start(self) -> date:
        """The date the first rate is in force from."""
        start = self.rate_from.date().toPython()
        assert isinstance(start, date)
        return start

    def clear_added(self) -> None:
        """Empty the code, name and rate and turn the late fee off, for the next item."""
        for edit in (self.code, self.name, self.rate):
            edit.clear()
        self.late_fee.setChecked(False)

    def _on_late_fee_toggled(self, on: bool) -> None:
        for field in (self.late_grace, self.late_bp, self.late_cap):
            field.setEnabled(on)
