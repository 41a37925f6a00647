"""The day-close report box: a date (``reportDate``), ``showReportButton`` and the report
itself (``dayCloseReport``), or — for a cashier just after the close — the closing count.

The box only shows and says when the user asks for the report
(``reportRequested``); the screen has a supervisor authorise it and fetches it.
Its texts keep the ``DrawerScreen`` translation context they were written in.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.dayclose import DayCloseReport, report_text
from frontdesk.domain.money import format_fen
from frontdesk.domain.receipt import pad_to
from frontdesk.services.cashbox import CloseResult
from frontdesk.ui.pieces import denomination_name, difference_words, monospace_font


class DayCloseReportBox(QGroupBox):
    """The date to report on, and the report in a fixed-width, read-only view.

    Signals:
        reportRequested(): the show-report button was pressed.
    """

    reportRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("DrawerScreen", "Day-close report"), parent)
        self.report_date = QDateEdit(self)
        self.report_date.setObjectName("reportDate")
        self.report_date.setCalendarPopup(True)
        self.report_date.setDisplayFormat("yyyy-MM-dd")
        self.report_date.setDate(QDate.currentDate())
        date_label = QLabel(QCoreApplication.translate("DrawerScreen", "&Date:"), self)
        date_label.setBuddy(self.report_date)
        self.report_button = QPushButton(
            QCoreApplication.translate("DrawerScreen", "Show &report"), self
        )
        self.report_button.setObjectName("showReportButton")
        self.report_button.setAutoDefault(True)
        self.report_button.clicked.connect(self.reportRequested)
        self.report_view = QPlainTextEdit(self)
        self.report_view.setObjectName("dayCloseReport")
        self.report_view.setReadOnly(True)
        self.report_view.setFont(monospace_font())
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_view.setPlaceholderText(
            QCoreApplication.translate(
                "DrawerScreen", "The day-close report appears here (a supervisor's to see)."
            )
        )
        row = QHBoxLayout()
        row.addWidget(date_label)
        row.addWidget(self.report_date)
        row.addWidget(self.report_button)
        row.addStretch(1)
        inner = QVBoxLayout(self)
        inner.addLayout(row)
        inner.addWidget(self.report_view, 1)

    def chosen_date(self) -> date:
        """The date the report is asked for."""
        on = self.report_date.date().toPython()
        assert isinstance(on, date)
        return on

    def show_report(self, report: DayCloseReport) -> None:
        """The full day-close report (a supervisor's to see)."""
        self.report_view.setPlainText("\n".join(report_text(report)))

    def show_close_summary(self, result: CloseResult) -> None:
        """The closing count only (what a cashier sees after the day close)."""
        self.report_view.setPlainText("\n".join(close_summary(result)))


def close_summary(result: CloseResult) -> list[str]:
    """The closing count as text lines (what a cashier sees after the day close)."""
    lines = [
        QCoreApplication.translate("DrawerScreen", "Day close {day} · desk {desk}").format(
            day=result.business_date.isoformat(), desk=result.desk
        ),
        "",
        pad_to(QCoreApplication.translate("DrawerScreen", "Denomination"), 14)
        + pad_to(QCoreApplication.translate("DrawerScreen", "Expected"), 10)
        + pad_to(QCoreApplication.translate("DrawerScreen", "Counted"), 10)
        + QCoreApplication.translate("DrawerScreen", "Difference"),
    ]
    for line in result.count.shown:
        diff = f"{line.difference:+d}" if line.difference else "0"
        lines.append(
            pad_to(denomination_name(line.denomination), 14)
            + pad_to(str(line.expected), 10)
            + pad_to(str(line.counted), 10)
            + diff
        )
    lines += [
        "",
        QCoreApplication.translate(
            "DrawerScreen", "Expected {expected} · counted {counted} · {difference}"
        ).format(
            expected=format_fen(result.expected_fen),
            counted=format_fen(result.counted_fen),
            difference=difference_words(result.difference_fen),
        ),
    ]
    if result.approved_by:
        lines.append(
            QCoreApplication.translate("DrawerScreen", "Difference approved by {staff_no}").format(
                staff_no=result.approved_by
            )
        )
    if result.note:
        lines.append(
            QCoreApplication.translate("DrawerScreen", "Note: {note}").format(note=result.note)
        )
    lines += [
        "",
        QCoreApplication.translate(
            "DrawerScreen",
            "The full day-close report (totals by method and fee item, receipt numbers, "
            "voids, refunds) is a supervisor's to see: press Show report.",
        ),
    ]
    return lines
