"""The change float (备零钱) for one person's visits of a day: what to take, in which pieces.

``FloatPanel`` only shows a plan: the screen loads it on the worker with
:func:`load_float` (the plan and the visits it was made for, in the same
order) and calls ``show_plan``. The table (``floatTable``) has one row per
visit: time, room, owner, the amount due (rounded for cash), what the owner
will likely hand over (rounded up to the next ¥100 or ¥50, the
``visits.float_round_to_yuan`` setting) and the change; ``floatPieces`` lists
the notes and coins to take and ``floatTotal`` the whole float.

``visits.float_plan_for`` returns only the plan; its lines follow the visits
that are still live and have an amount due, in time order, which is what
``load_float`` reads, in one read, to keep rows and lines together.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.config import MoneySettings, VisitSettings
from frontdesk.domain.float_plan import FloatPlan, plan_float
from frontdesk.domain.money import Denomination, format_fen, round_cash
from frontdesk.domain.visits import LIVE_STATUSES
from frontdesk.domain.workcalendar import to_local
from frontdesk.services.visits import VisitRow, day_agenda
from frontdesk.storage.database import Database
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP
from frontdesk.ui.pieces import denomination_name

COLUMNS = (
    QT_TRANSLATE_NOOP("FloatPanel", "Time"),
    QT_TRANSLATE_NOOP("FloatPanel", "Room"),
    QT_TRANSLATE_NOOP("FloatPanel", "Owner"),
    QT_TRANSLATE_NOOP("FloatPanel", "Due"),
    QT_TRANSLATE_NOOP("FloatPanel", "Likely handed over"),
    QT_TRANSLATE_NOOP("FloatPanel", "Change"),
)
TIME, ROOM, OWNER, DUE, TENDERED, CHANGE = range(len(COLUMNS))


def load_float(
    db: Database, staff_id: int, day: date, settings: VisitSettings, money: MoneySettings
) -> tuple[FloatPlan, list[VisitRow]]:
    """The float for ``staff_id``'s visits of local ``day``, and those visits, line for line.

    The same as ``visits.float_plan_for`` (live visits with an amount due,
    cash-rounded, in time order), but it also returns the visits.
    """
    with db.read() as s:
        rows = [
            r
            for r in day_agenda(s, day, staff_id)
            if r.status in LIVE_STATUSES and r.expected_fen > 0
        ]
    plan = plan_float(
        [round_cash(r.expected_fen, money.cash_unit_fen) for r in rows],
        round_to_fen=settings.float_round_to_yuan * 100,
    )
    return plan, rows


class FloatPanel(QWidget):
    """One person's float for a day: a row per visit, the pieces to take and the total."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("floatPanel")
        self.rule = QLabel(self)
        self.rule.setObjectName("floatRule")
        self.rule.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("floatTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OWNER, QHeaderView.ResizeMode.Stretch)
        self.pieces = QLabel(self)
        self.pieces.setObjectName("floatPieces")
        self.pieces.setWordWrap(True)
        self.pieces.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.total = QLabel(self)
        self.total.setObjectName("floatTotal")
        font = self.total.font()
        font.setBold(True)
        self.total.setFont(font)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rule)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.pieces)
        layout.addWidget(self.total)
        self.clear()

    def clear(self) -> None:
        """Nothing chosen: an empty table and no float."""
        self.table.setRowCount(0)
        self.rule.clear()
        self.pieces.clear()
        self.total.setText(self.tr("No float planned."))

    def show_plan(self, plan: FloatPlan, visits: Sequence[VisitRow], round_to_yuan: int) -> None:
        """Show ``plan``, whose lines belong to ``visits`` in the same order.

        Raises:
            ValueError: the plan and the visits do not line up.
        """
        if len(plan.lines) != len(visits):
            raise ValueError("the float plan's lines and the visits do not line up")
        self.rule.setText(
            self.tr(
                "Owners are expected to pay with notes: each amount rounded up to the next {unit}."
            ).format(unit=f"¥{round_to_yuan}")
        )
        self.table.setRowCount(len(visits))
        for row, (line, visit) in enumerate(zip(plan.lines, visits, strict=True)):
            cells = {
                TIME: to_local(visit.scheduled_at).strftime("%H:%M"),
                ROOM: visit.room,
                OWNER: visit.owner,
                DUE: format_fen(line.due_fen),
                TENDERED: format_fen(line.tendered_fen),
                CHANGE: format_fen(line.change_fen),
            }
            for column, text in cells.items():
                item = QTableWidgetItem(text)
                if column in (DUE, TENDERED, CHANGE):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == CHANGE and line.pieces:
                    item.setToolTip(self.pieces_text(line.pieces))
                self.table.setItem(row, column, item)
        if not visits:
            self.pieces.setText(self.tr("No visit with an amount due: no change needed."))
        elif not plan.pieces:
            self.pieces.setText(self.tr("Every amount is a round sum: no change needed."))
        else:
            self.pieces.setText(
                self.tr("Take: {pieces}").format(pieces=self.pieces_text(plan.pieces))
            )
        self.total.setText(
            self.tr("Float: {total} in {count} piece(s), for {visits} visit(s)").format(
                total=format_fen(plan.total_fen), count=plan.piece_count, visits=len(visits)
            )
        )

    def pieces_text(self, pieces: Sequence[tuple[Denomination, int]]) -> str:
        """``¥50 note × 2, ¥10 note × 3`` (``50元 × 2、10元 × 3``), largest first."""
        return self.tr(", ").join(
            self.tr("{piece} × {count}").format(piece=denomination_name(d), count=n)
            for d, n in pieces
        )
