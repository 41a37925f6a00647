"""Screen Ctrl+F7 "Matters summary": matters by kind, category and outcome for a period.

``summaryFrom`` / ``summaryTo`` (dates, the current month at first),
``summaryShow`` (Enter), the table ``summaryTable`` (each kind's categories,
its subtotal, the total), ``summaryOutcomes`` (by status and satisfaction) and
``summaryPdf`` (save as an A4 PDF). Supervisors only.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.matter_summary import MatterSummary, matter_summary
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.matters.labels import (
    CATEGORY_TITLES,
    KIND_TITLES,
    SATISFACTION_TITLES,
    STATUS_TITLES,
    title,
)
from frontdesk.ui.matters.message_line import matter_message_line
from frontdesk.ui.messages import show_refusal
from frontdesk.ui.tables import TitledTableModel

_ModelIndex = QModelIndex | QPersistentModelIndex


def _save_pdf(summary: MatterSummary, path: Path) -> Path:
    from frontdesk.printing.matter_report import matter_summary_pdf

    matter_summary_pdf(summary, path)
    return path


class SummaryModel(TitledTableModel):
    """Kind, category, count, valid, open, resolved, late, called back, satisfied, dissatisfied."""

    COLUMNS = 10

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[list[str], bool]] = []

    def set_summary(self, summary: MatterSummary) -> None:
        self.beginResetModel()
        rows: list[tuple[list[str], bool]] = []
        for kind in summary.kinds:
            for line in (x for x in summary.lines if x.kind == kind.kind):
                rows.append((self._cells(line, "", title(CATEGORY_TITLES, line.category)), False))
            rows.append((self._cells(kind, title(KIND_TITLES, kind.kind), self.tr("All")), True))
        rows.append((self._cells(summary.total, self.tr("Total"), ""), True))
        self._rows = rows
        self.endResetModel()

    @staticmethod
    def _cells(line: Any, kind: str, category: str) -> list[str]:
        return [
            kind,
            category,
            str(line.total),
            str(line.valid) if line.kind in ("complaint", "") else "",
            str(line.open),
            str(line.resolved),
            str(line.late),
            str(line.called_back),
            str(line.satisfied),
            str(line.dissatisfied),
        ]

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        cells, bold = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and bold:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("Kind"),
            self.tr("Category"),
            self.tr("Matters"),
            self.tr("Valid complaints"),
            self.tr("Open"),
            self.tr("Resolved"),
            self.tr("Late"),
            self.tr("Called back"),
            self.tr("Satisfied"),
            self.tr("Dissatisfied"),
        )


class MatterSummaryScreen(QWidget):
    """The period's matters counted by kind, category and outcome; save as PDF."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary: MatterSummary | None = None
        self.setObjectName("matterSummaryScreen")
        heading = QLabel(self.tr("Matters summary"), self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        today = QDate.currentDate()
        self.start = QDateEdit(QDate(today.year(), today.month(), 1), self)
        self.start.setObjectName("summaryFrom")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.end = QDateEdit(today, self)
        self.end.setObjectName("summaryTo")
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("yyyy-MM-dd")
        self.show_button = QPushButton(self.tr("&Show"), self)
        self.show_button.setObjectName("summaryShow")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.load)
        self.pdf_button = QPushButton(self.tr("Save as &PDF…"), self)
        self.pdf_button.setObjectName("summaryPdf")
        self.pdf_button.setEnabled(False)
        self.pdf_button.clicked.connect(self.ask_pdf)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("From:"), self))
        bar.addWidget(self.start)
        bar.addWidget(QLabel(self.tr("To:"), self))
        bar.addWidget(self.end)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        bar.addWidget(self.pdf_button)
        self.model = SummaryModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("summaryTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.outcomes = QLabel(self)
        self.outcomes.setObjectName("summaryOutcomes")
        self.outcomes.setWordWrap(True)
        self.message = matter_message_line("summaryMessage", self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.outcomes)
        layout.addWidget(self.message)
        for key in ("Return", "Enter"):
            QShortcut(QKeySequence(key), self, self.load)
        self.load()

    def period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()  # type: ignore[return-value]

    def load(self) -> None:
        start, end = self.period()
        self.ctx.tasks.submit(
            matter_summary,
            self.ctx.db,
            self.ctx.actor,
            start=start,
            end=end,
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, summary: MatterSummary) -> None:
        self.summary = summary
        self.model.set_summary(summary)
        statuses = ", ".join(f"{title(STATUS_TITLES, k)} {v}" for k, v in summary.outcomes.items())
        sats = ", ".join(
            f"{title(SATISFACTION_TITLES, k)} {v}" for k, v in summary.satisfaction.items()
        )
        self.outcomes.setText(
            self.tr("By status: {statuses}\nCall-backs: {satisfaction}").format(
                statuses=statuses or "—", satisfaction=sats or "—"
            )
        )
        self.pdf_button.setEnabled(True)
        self.message.say("", error=False)

    def ask_pdf(self) -> None:
        if self.summary is None:
            return
        start, end = self.period()
        name = f"matters-{start.isoformat()}-{end.isoformat()}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save summary as PDF"), str(Path.home() / name), "PDF (*.pdf)"
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        """Write the shown summary as a PDF (off the GUI thread)."""
        if self.summary is None:
            return
        self.ctx.tasks.submit(
            _save_pdf, self.summary, path, on_done=self._saved, on_error=self._failed
        )

    def _saved(self, path: Path) -> None:
        self.message.say(self.tr("Saved {path}").format(path=path), error=False)

    def _failed(self, error: BaseException) -> None:
        show_refusal(self.message, error)
