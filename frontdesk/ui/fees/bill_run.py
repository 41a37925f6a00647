"""The "Generate bills" box (``billRun``): a month (``billPeriod``, this month by default),
``generateBillsButton``, and the outcome in ``billResult``.

It only shows and says when the user asks for the run (``runRequested``: the
button or Enter in the period); the screen sends it to the database worker and
hands back the outcome. Its texts keep the ``FeesScreen`` translation context
they were written in.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.fees import period_label
from frontdesk.services.billing import BillRun

_ERROR_STYLE = "color: #b00020; font-weight: bold;"


class BillRunBox(QGroupBox):
    """The month to bill, the button, and what the last run did.

    Signals:
        runRequested(): the generate button was pressed, or Enter in the period.
    """

    runRequested = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("FeesScreen", "Generate bills"), parent)
        self.setObjectName("billRun")
        hint = QLabel(
            QCoreApplication.translate(
                "FeesScreen",
                "Bills the month for every occupied household and every monthly fee item. "
                "Running it again never bills twice.",
            ),
            self,
        )
        hint.setWordWrap(True)
        self.period = QLineEdit(period_label(today.year, today.month), self)
        self.period.setObjectName("billPeriod")
        self.period.setMaxLength(16)
        self.period.setPlaceholderText("YYYY-MM")
        self.period.returnPressed.connect(self.runRequested)
        period_label_ = QLabel(QCoreApplication.translate("FeesScreen", "&Period (YYYY-MM):"), self)
        period_label_.setBuddy(self.period)
        self.generate_button = QPushButton(
            QCoreApplication.translate("FeesScreen", "&Generate bills"), self
        )
        self.generate_button.setObjectName("generateBillsButton")
        self.generate_button.setAutoDefault(True)
        self.generate_button.clicked.connect(self.runRequested)
        self.result = QLabel(self)
        self.result.setObjectName("billResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(period_label_)
        row.addWidget(self.period)
        row.addWidget(self.generate_button)
        inner = QVBoxLayout(self)
        inner.addWidget(hint)
        inner.addLayout(row)
        inner.addWidget(self.result)
        inner.addStretch(1)

    def show_running(self) -> None:
        """The run has been sent: no second press until it answers."""
        self.generate_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(QCoreApplication.translate("FeesScreen", "Generating bills…"))

    def show_run(self, run: BillRun) -> None:
        """What the run did: bills created, pairs already billed, households."""
        self.generate_button.setEnabled(True)
        text = QCoreApplication.translate(
            "FeesScreen",
            "{period}: {created} bill(s) created, {already} already billed "
            "({households} occupied household(s)).",
        ).format(
            period=run.period,
            created=run.created,
            already=run.already_billed,
            households=run.households,
        )
        if run.created == 0 and run.already_billed:
            text += " " + QCoreApplication.translate(
                "FeesScreen", "Everything was already billed: nothing new."
            )
        self.result.setStyleSheet("")
        self.result.setText(text)

    def show_refusal(self, text: str) -> None:
        """The run failed: ``text`` in red (may be empty), the period selected to correct."""
        self.generate_button.setEnabled(True)
        self.result.setStyleSheet(_ERROR_STYLE)
        self.result.setText(text)
        self.period.setFocus()
        self.period.selectAll()
