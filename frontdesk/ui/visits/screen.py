"""Screen F8 "Home visits" (上门收费): the agenda, the day before, before leaving, the outcome.

The agenda (``visitsTable``) shows a day or a week (``visitsMode``: Day, Week,
To confirm — the next working day's visits still to be confirmed by phone),
for one person or everyone (``visitsStaff``), around ``visitsDate``;
Alt+Left / Alt+Right step a day (a week in the week view), Ctrl+T goes back
to today, Ctrl+R reloads. Up/Down move through the visits; Enter opens the
outcome of the selected visit. The panel on the right (``VisitPanel``) shows
the selected visit with its history and the steps before leaving; below it
the change float (``FloatPanel``) for the chosen person's day.

``newVisitButton`` (Ctrl+N) books a visit (``BookVisitDialog``); the overdue
calls screen opens this screen and calls ``prefill_from_call`` to book a
visit for a promise. Today's work opens it with ``show_work(kind)``.

Other object names: ``visitsScreen``, ``visitsPrevious``, ``visitsNext``,
``visitsTodayButton``, ``visitsRefresh``, ``visitsMessage``, ``visitsSummary``,
``floatBox``, ``floatHint``.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QItemSelection, QModelIndex, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.money import format_fen
from frontdesk.services import visits as service
from frontdesk.services.visits import Outcome, StaffChoice, VisitEventRow, VisitRow
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP
from frontdesk.ui.messages import MessageLine, error_text
from frontdesk.ui.tables import configure_list_view
from frontdesk.ui.visits import agenda_jobs as jobs
from frontdesk.ui.visits.agenda_model import VisitsModel
from frontdesk.ui.visits.float_box import FloatBox
from frontdesk.ui.visits.labels import STATUS_TITLES, title
from frontdesk.ui.visits.visit_panel import VisitPanel
from frontdesk.ui.widgets import scale_font

log = logging.getLogger(__name__)

MODES = (
    ("day", QT_TRANSLATE_NOOP("VisitsScreen", "Day")),
    ("week", QT_TRANSLATE_NOOP("VisitsScreen", "Week")),
    ("confirm", QT_TRANSLATE_NOOP("VisitsScreen", "To confirm (next working day)")),
)
WORK_MODES = {"visits_to_confirm": "confirm", "visits_today": "day"}


class VisitsScreen(QWidget):
    """Book home collection visits and follow each one to its outcome."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("visitsScreen")
        self.staff: list[StaffChoice] | None = None
        self.dialog: QWidget | None = None
        self._busy = False
        self._wanted = 0  # the visit whose details were asked for last
        self._keep = 0  # the visit to select after a reload

        title = QLabel(self.tr("Home fee-collection visits"), self)
        font = QFont(title.font())
        scale_font(font, 1.4)
        font.setBold(True)
        title.setFont(font)
        self.mode = QComboBox(self)
        self.mode.setObjectName("visitsMode")
        for key, text in MODES:
            self.mode.addItem(self.tr(text), key)
        mode_label = QLabel(self.tr("V&iew:"), self)
        mode_label.setBuddy(self.mode)
        self.staff_combo = QComboBox(self)
        self.staff_combo.setObjectName("visitsStaff")
        self.staff_combo.addItem(self.tr("Everyone"), None)
        self.staff_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        staff_label = QLabel(self.tr("Who &goes:"), self)
        staff_label.setBuddy(self.staff_combo)
        self.date = QDateEdit(self)
        self.date.setObjectName("visitsDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd ddd")
        self.date.setDate(QDate.currentDate())
        date_label = QLabel(self.tr("&Date:"), self)
        date_label.setBuddy(self.date)
        self.previous_button = self._tool("visitsPrevious", "◀", "Alt+Left", lambda: self.step(-1))
        self.next_button = self._tool("visitsNext", "▶", "Alt+Right", lambda: self.step(1))
        self.today_button = self._tool("visitsTodayButton", self.tr("Today"), "Ctrl+T", self.today)
        self.refresh_button = self._tool("visitsRefresh", self.tr("Refresh"), "Ctrl+R", self.reload)
        self.new_button = self._tool(
            "newVisitButton", self.tr("Book a visit…"), "Ctrl+N", self.book
        )
        self.message = MessageLine("visitsMessage", self)
        self.summary = QLabel(self)
        self.summary.setObjectName("visitsSummary")

        self.model = VisitsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("visitsTable")
        self.table.setModel(self.model)
        configure_list_view(self.table, VisitsModel.OWNER)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(self._on_activated)

        self.panel = VisitPanel(self)
        self.panel.confirmRequested.connect(self.confirm)
        self.panel.departureRecorded.connect(self.departure)
        self.panel.checklistSaved.connect(self.save_checklist)
        self.panel.leaveRequested.connect(self.leave)
        self.panel.outcomeRequested.connect(self.record_outcome)
        self.panel.rescheduleRequested.connect(self.reschedule)
        self.float_box = FloatBox(ctx, self)

        self._lay_out(title, mode_label, staff_label, date_label)
        self.mode.currentIndexChanged.connect(lambda _i: self.reload())
        self.staff_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.date.dateChanged.connect(lambda _d: self.reload())
        order = [
            self.table,
            self.panel,
            self.mode,
            self.staff_combo,
            self.date,
            self.new_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _tool(self, name: str, text: str, key: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(key)
        button.clicked.connect(slot)
        shortcut = QShortcut(QKeySequence(key), self, slot)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return button

    def _lay_out(self, title: QLabel, *labels: QLabel) -> None:
        mode_label, staff_label, date_label = labels
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        for widget in (
            mode_label,
            self.mode,
            staff_label,
            self.staff_combo,
            date_label,
            self.previous_button,
            self.date,
            self.next_button,
            self.today_button,
            self.refresh_button,
            self.new_button,
        ):
            top.addWidget(widget)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.summary)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.panel)
        right.addWidget(self.float_box)
        right.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    # -- what is shown ----------------------------------------------------

    def current_mode(self) -> str:
        return str(self.mode.currentData())

    def current_day(self) -> date:
        day: date = self.date.date().toPython()  # type: ignore[assignment]
        return day

    def staff_id(self) -> int | None:
        value = self.staff_combo.currentData()
        return int(value) if value is not None else None

    def selected(self) -> VisitRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.visit(rows[0].row()) if rows else None

    def show_work(self, kind: str) -> None:
        """Open on what a line of Today's work is about (visits to confirm, today's)."""
        mode = WORK_MODES.get(kind, "day")
        self.date.blockSignals(True)
        self.date.setDate(QDate.currentDate())
        self.date.blockSignals(False)
        index = self.mode.findData(mode)
        if index == self.mode.currentIndex():
            self.reload()
        else:
            self.mode.setCurrentIndex(index)

    def step(self, direction: int) -> None:
        days = 7 if self.current_mode() == "week" else 1
        self.date.setDate(self.date.date().addDays(direction * days))

    def today(self) -> None:
        self.date.setDate(QDate.currentDate())

    # -- loading ----------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        """Fetch the agenda again, keeping the selected visit selected."""
        selected = self.selected()
        if selected is not None and not self._keep:
            self._keep = selected.id
        self._submit(
            jobs.load_agenda,
            self.ctx.db,
            self.ctx.config,
            self.current_mode(),
            self.current_day(),
            self.staff_id(),
            self.staff is None,
            on_done=self._loaded,
        )
        self.float_box.load(
            self.staff_id() if self.current_mode() == "day" else None, self.current_day()
        )

    def _loaded(self, agenda: jobs.Agenda) -> None:
        if agenda.staff is not None and self.staff is None:
            self._fill_staff(agenda.staff)
        keep, self._keep = self._keep, 0
        self.model.set_visits(agenda.visits)
        self.table.setColumnHidden(VisitsModel.DAY, self.current_mode() == "day")
        # A rescheduled visit lives on as its new booking: count each visit once.
        counted = [v for v in agenda.visits if v.status not in ("cancelled", "rescheduled")]
        expected = sum(v.expected_fen for v in counted)
        self.summary.setText(
            self.tr("{count} visit(s), {amount} expected").format(
                count=len(counted), amount=format_fen(expected)
            )
        )
        row = self.model.row_of(keep) if keep else None
        if row is None and self.model.rowCount():
            row = 0
        if row is None:
            self._wanted = 0
            self.panel.show_visit(None)
            return
        self.table.selectRow(row)

    def _fill_staff(self, staff: list[StaffChoice]) -> None:
        self.staff = staff
        self.staff_combo.blockSignals(True)
        for choice in staff:
            self.staff_combo.addItem(f"{choice.staff_no} {choice.name}", choice.id)
        self.staff_combo.blockSignals(False)

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        visit = self.selected()
        if visit is None:
            self._wanted = 0
            self.panel.show_visit(None)
            return
        self.panel.show_visit(visit)
        self._wanted = visit.id
        self._submit(jobs.load_details, self.ctx.db, visit.id, on_done=self._details_loaded)

    def _details_loaded(self, result: tuple[VisitRow, list[VisitEventRow]]) -> None:
        visit, history = result
        if visit.id != self._wanted:
            return  # the selection moved on
        self.model.replace(visit)
        self.panel.show_visit(visit, history)

    # -- actions ----------------------------------------------------------

    def book(self) -> None:
        """Open the booking dialog for the person and day shown."""
        self._open_booking()

    def prefill_from_call(self, *, household_id: int, call_id: int, room: str = "") -> None:
        """Book a visit for a promise made on an overdue-fee call (the calls screen's button)."""
        self._open_booking(household_id=household_id, call_id=call_id, room=room)

    def reschedule(self, visit: VisitRow) -> None:
        self._open_booking(reschedule=visit)

    def _open_booking(self, **kwargs: Any) -> None:
        from frontdesk.ui.visits.booking_dialog import BookVisitDialog

        if "reschedule" not in kwargs:
            kwargs.setdefault("staff_id", self.staff_id())
            day = self.current_day()
            if day > date.today():
                kwargs.setdefault("day", day)
        dialog = BookVisitDialog(self.ctx, self, **kwargs)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.booked.connect(self._booked)
        self.dialog = dialog
        dialog.open()

    def _booked(self, visit: VisitRow) -> None:
        local = visit.scheduled_at.astimezone()
        self.message.say(
            self.tr("Visit to {room} booked for {when} ({who}).").format(
                room=visit.room, when=local.strftime("%Y-%m-%d %H:%M"), who=visit.staff_name
            ),
            error=False,
        )
        self._keep = visit.id
        self.date.blockSignals(True)
        self.date.setDate(QDate(local.year, local.month, local.day))
        self.date.blockSignals(False)
        if self.current_mode() == "confirm":
            self.mode.setCurrentIndex(self.mode.findData("day"))
        else:
            self.reload()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def record_outcome(self, visit: VisitRow) -> None:
        from frontdesk.ui.visits.outcome_dialog import VisitOutcomeDialog

        dialog = VisitOutcomeDialog(self.ctx, visit, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(self._outcome_recorded)
        self.dialog = dialog
        dialog.open()

    def _outcome_recorded(self, outcome: Outcome) -> None:
        visit = outcome.visit
        status = title(STATUS_TITLES, visit.status)
        if outcome.receipt_no:
            text = self.tr("{room}: collected, receipt {receipt}.").format(
                room=visit.room, receipt=outcome.receipt_no
            )
        elif outcome.next_visit is not None:
            when = outcome.next_visit.scheduled_at.astimezone().strftime("%Y-%m-%d %H:%M")
            text = self.tr("{room}: {status}; booked again for {when}.").format(
                room=visit.room, status=status, when=when
            )
        else:
            text = self.tr("{room}: {status}.").format(room=visit.room, status=status)
        self.message.say(text, error=False)
        self.model.replace(visit)
        self._keep = visit.id
        self.reload()

    def confirm(self, visit_id: int) -> None:
        self._act(service.confirm_visit, self.ctx.db, self.ctx.actor, visit_id)

    def departure(self, visit_id: int, result: str) -> None:
        self._act(service.record_departure_call, self.ctx.db, self.ctx.actor, visit_id, result)

    def save_checklist(self, visit_id: int, ticked: tuple[str, ...]) -> None:
        self._act(service.set_checklist, self.ctx.db, self.ctx.actor, visit_id, ticked)

    def leave(self, visit_id: int, ticked: tuple[str, ...]) -> None:
        self._act(jobs.leave, self.ctx.db, self.ctx.actor, visit_id, ticked)

    def _act(self, fn: Callable[..., VisitRow], *args: Any) -> None:
        if self._busy:
            return
        self._busy = True
        self.panel.set_busy(True)
        self._submit(fn, *args, on_done=self._acted)

    def _acted(self, visit: VisitRow) -> None:
        self._busy = False
        self.panel.set_busy(False)
        self.message.say("", error=False)
        self.model.replace(visit)
        self._keep = visit.id
        self.reload()

    # -- helpers ----------------------------------------------------------

    def _on_activated(self, _index: QModelIndex) -> None:
        if self.panel.outcome_button.isEnabled():
            self.panel.outcome_button.click()

    def _submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("on_error", self._on_error)
        self.ctx.tasks.submit(fn, *args, **kwargs)

    def _on_error(self, error: BaseException) -> None:
        self._busy = False
        self.panel.set_busy(False)
        unexpected = self.tr("Unexpected error: {error}. See the log file for details.")
        self.message.say(error_text(error, unexpected, log, "visits screen: unexpected error"))
