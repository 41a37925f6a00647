"""Screen F11 "Overdue calls" (催缴电话): the queue, what to tell the owner, each outcome.

The queue (``callsTable``) lists the calls of the chosen kind
(``callsFilter``: to call, promised, with a supervisor, ended), sorted by
amount owed and then age, with the proposed time; the phone is masked in the
list. The selected call's script (``callScript``) shows the owner's name and
full phone number, each overdue bill with its period, item, fee standard and
amount, the total, and the earlier attempts.

The outcome is entered from the keyboard: ``outcomeCombo`` (Ctrl+1 … Ctrl+5
pick no answer, wrong number, refused, says paid, promise), for a promise
``promiseDate`` and ``promiseAmount``, a reason when calling outside the
calling window (``callReason``; ``windowStatus`` says whether the window is
open), a note (``callNote``), then ``recordCallButton`` (Ctrl+Enter, or Enter
in a text field). After a promise, ``bookVisitButton`` opens the home-visit
screen to book a visit for that household.

Supervisors also see ``planCallsButton`` (build the call list from the
arrears) and ``closeCallButton`` (close a call a supervisor has dealt with,
with the note as the reason). ``lettersButton`` saves overdue-fee notices
(PDF) for the owners the calls could not reach.

Other object names: ``callsScreen``, ``callsRefresh`` (Ctrl+R), ``callsMessage``,
``callsSummary``.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QItemSelection, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.config import Config
from frontdesk.domain.calls import OUTCOMES
from frontdesk.domain.money import format_fen
from frontdesk.domain.workcalendar import CalendarError, OfficeCalendar
from frontdesk.errors import FrontdeskError
from frontdesk.services import calls as service
from frontdesk.services.calls import CallRow, CallScript, PlanResult
from frontdesk.storage.database import Database
from frontdesk.ui.calls.model import SORT_ROLE, CallsModel
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP
from frontdesk.ui.messages import MessageLine, error_text
from frontdesk.ui.tables import configure_list_view
from frontdesk.ui.widgets import scale_font

log = logging.getLogger(__name__)

REFRESH_KEY = "Ctrl+R"
RECORD_KEYS = ("Ctrl+Return", "Ctrl+Enter")
VISITS_SCREEN = "visits"

FILTERS = (
    ("open", QT_TRANSLATE_NOOP("CallsScreen", "To call"), ("open",)),
    ("promised", QT_TRANSLATE_NOOP("CallsScreen", "Promised"), ("promised",)),
    ("escalated", QT_TRANSLATE_NOOP("CallsScreen", "With a supervisor"), ("escalated",)),
    (
        "ended",
        QT_TRANSLATE_NOOP("CallsScreen", "Ended"),
        ("unreachable", "wrong_number", "paid", "broken", "closed"),
    ),
)


def _load(db: Database, config: Config, statuses: tuple[str, ...]) -> list[CallRow]:
    """Settle due promises, then read the queue (on the worker, one job)."""
    service.check_promises(db, calls=config.calls, office=config.office)
    return service.call_queue(db, statuses=statuses)


def _letters(db: Database, config: Config, path: Path) -> int:
    from frontdesk.printing.overdue_notice import overdue_notices_pdf

    on = date.today()
    notices = service.overdue_notices(db, service.letter_candidates(db), on=on)
    return overdue_notices_pdf(
        notices,
        path,
        estate_name=config.app.estate_name,
        on=on,
        office_phone=config.calls.notice_phone,
    )


class CallsScreen(QWidget):
    """Phone the owners who are behind, and record what each call came to."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.script: CallScript | None = None
        self.file_dialog: QFileDialog | None = None
        self._wanted_call = 0  # the script asked for last (answers for others are stale)
        self._keep_call = 0  # the call to select after a reload
        self._keep_row = 0
        self._busy = False
        self.setObjectName("callsScreen")
        self._supervisor = ctx.actor.can("supervisor")
        self.window_calendar: OfficeCalendar | None
        try:
            self.window_calendar = service.window_of(ctx.config.office, ctx.config.calls)
        except (FrontdeskError, CalendarError):
            self.window_calendar = None

        title = QLabel(self.tr("Overdue-fee calls"), self)
        font = QFont(title.font())
        scale_font(font, 1.4)
        font.setBold(True)
        title.setFont(font)
        self.filter = QComboBox(self)
        self.filter.setObjectName("callsFilter")
        for key, text, _statuses in FILTERS:
            self.filter.addItem(self.tr(text), key)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        filter_label = QLabel(self.tr("&Show:"), self)
        filter_label.setBuddy(self.filter)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("callsRefresh")
        self.refresh_button.setToolTip(REFRESH_KEY)
        self.refresh_button.clicked.connect(self.reload)
        refresh = QShortcut(QKeySequence(REFRESH_KEY), self, self.reload)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.plan_button = QPushButton(self.tr("&Plan calls"), self)
        self.plan_button.setObjectName("planCallsButton")
        self.plan_button.setToolTip(
            self.tr("Build the call list from the arrears (households already listed are kept)")
        )
        self.plan_button.clicked.connect(self.plan)
        self.plan_button.setVisible(self._supervisor)
        self.letters_button = QPushButton(self.tr("&Letters…"), self)
        self.letters_button.setObjectName("lettersButton")
        self.letters_button.setToolTip(
            self.tr("Save overdue-fee notices (PDF) for the owners the calls could not reach")
        )
        self.letters_button.clicked.connect(self.save_letters)
        self.window_status = QLabel(self)
        self.window_status.setObjectName("windowStatus")
        self.message = MessageLine("callsMessage", self)
        self.summary = QLabel(self)
        self.summary.setObjectName("callsSummary")

        self.model = CallsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("callsTable")
        self.table.setModel(self.proxy)
        configure_list_view(self.table, CallsModel.OWNER)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the queue's own order
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.script_view = QPlainTextEdit(self)
        self.script_view.setObjectName("callScript")
        self.script_view.setReadOnly(True)
        self.script_view.setTabChangesFocus(True)
        self.script_view.setPlaceholderText(self.tr("Choose a call to see what to tell the owner."))

        outcome_box = self._build_outcome_box()

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(filter_label)
        top.addWidget(self.filter)
        top.addWidget(self.refresh_button)
        top.addWidget(self.plan_button)
        top.addWidget(self.letters_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.summary)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.script_view, 1)
        right_layout.addWidget(outcome_box)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.window_status)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        order = [
            self.table,
            self.outcome,
            self.promise_date,
            self.promise_amount,
            self.reason,
            self.note,
            self.record_button,
            self.book_visit_button,
            self.close_button,
            self.script_view,
            self.filter,
            self.refresh_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self._update_window_status()
        self._update_buttons()

    def _build_outcome_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Outcome of the call"), self)
        form = QFormLayout(box)
        self.outcome = QComboBox(box)
        self.outcome.setObjectName("outcomeCombo")
        for n, code in enumerate(OUTCOMES, start=1):
            self.outcome.addItem(f"{n}  {self.tr_outcome(code)}", code)
            key = QShortcut(QKeySequence(f"Ctrl+{n}"), self, lambda i=n - 1: self._pick(i))
            key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.outcome.currentIndexChanged.connect(lambda _i: self._update_buttons())
        form.addRow(self.tr("&Outcome:"), self.outcome)
        self.promise_date = QDateEdit(box)
        self.promise_date.setObjectName("promiseDate")
        self.promise_date.setCalendarPopup(True)
        self.promise_date.setDisplayFormat("yyyy-MM-dd")
        self.promise_date.setDate(QDate.currentDate().addDays(1))
        form.addRow(self.tr("Promised &date:"), self.promise_date)
        self.promise_amount = QLineEdit(box)
        self.promise_amount.setObjectName("promiseAmount")
        self.promise_amount.setPlaceholderText(self.tr("e.g. 896.00"))
        self.promise_amount.returnPressed.connect(self.record)
        form.addRow(self.tr("Promised &amount:"), self.promise_amount)
        self.reason = QLineEdit(box)
        self.reason.setObjectName("callReason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("Needed when calling outside the calling window"))
        self.reason.returnPressed.connect(self.record)
        form.addRow(self.tr("&Reason:"), self.reason)
        self.note = QLineEdit(box)
        self.note.setObjectName("callNote")
        self.note.setMaxLength(500)
        self.note.returnPressed.connect(self.record)
        form.addRow(self.tr("&Note:"), self.note)
        self.record_button = QPushButton(self.tr("Record call"), box)
        self.record_button.setObjectName("recordCallButton")
        self.record_button.setAutoDefault(True)
        self.record_button.setToolTip(RECORD_KEYS[0])
        self.record_button.clicked.connect(self.record)
        for sequence in RECORD_KEYS:
            key = QShortcut(QKeySequence(sequence), self, self.record)
            key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.book_visit_button = QPushButton(self.tr("Book a home &visit…"), box)
        self.book_visit_button.setObjectName("bookVisitButton")
        self.book_visit_button.setToolTip(
            self.tr("The owner will pay at home: book a fee-collection visit")
        )
        self.book_visit_button.clicked.connect(self.book_visit)
        self.close_button = QPushButton(self.tr("&Close call"), box)
        self.close_button.setObjectName("closeCallButton")
        self.close_button.setToolTip(self.tr("A supervisor closes the call; the note says why"))
        self.close_button.clicked.connect(self.close_call)
        self.close_button.setVisible(self._supervisor)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.book_visit_button)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        return box

    def tr_outcome(self, code: str) -> str:
        return self.model.outcome_title(code)

    def _pick(self, index: int) -> None:
        self.outcome.setCurrentIndex(index)
        self.outcome.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- loading ----------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_window_status()
        self.reload()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def statuses(self) -> tuple[str, ...]:
        key = self.filter.currentData()
        return next((s for k, _t, s in FILTERS if k == key), ("open",))

    def reload(self) -> None:
        """Fetch the queue again, keeping the selected call (or its row) selected."""
        selected = self.selected()
        if selected is not None and not self._keep_call:
            self._keep_call = selected.call_id
        self._submit(_load, self.ctx.db, self.ctx.config, self.statuses(), on_done=self._loaded)

    def _loaded(self, rows: list[CallRow]) -> None:
        keep, self._keep_call = self._keep_call, 0
        self.model.set_calls(rows)
        self.summary.setText(
            self.tr("{count} call(s), {amount} owed").format(
                count=len(rows), amount=format_fen(sum(r.amount_owed_fen for r in rows))
            )
        )
        row = self.model.row_of(keep) if keep else None
        if row is None and self.model.rowCount():
            row = min(self._keep_row, self.model.rowCount() - 1)
        self._keep_row = 0
        if row is None:
            self.script = None
            self._wanted_call = 0
            self.script_view.clear()
            self._update_buttons()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def selected(self) -> CallRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.call(self.proxy.mapToSource(rows[0]).row())

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        call = self.selected()
        self.script = None
        if call is None:
            self.script_view.clear()
            self._wanted_call = 0
        else:
            self._wanted_call = call.call_id
            self._submit(service.call_script, self.ctx.db, call.call_id, on_done=self._on_script)
        self._update_buttons()

    def _on_script(self, script: CallScript) -> None:
        if script.call.call_id != self._wanted_call:
            return
        self.script = script
        self.script_view.setPlainText(self.script_text(script))
        self.promise_amount.setText(format_fen(script.total_fen, symbol=""))
        self._update_buttons()

    def script_text(self, script: CallScript) -> str:
        """What the person phoning reads: who, the number, each overdue bill, the total."""
        call = script.call
        lines = [
            self.tr("{owner} · room {room}").format(owner=script.owners or "—", room=call.room),
            self.tr("Phone: {phones}").format(phones="、".join(script.phones) or "—"),
            "",
            self.tr("Overdue bills:"),
        ]
        for line in script.lines:
            late = (
                self.tr(" + late fee {fee}").format(fee=format_fen(line.late_fee_fen))
                if line.late_fee_fen
                else ""
            )
            lines.append(
                f"  {line.period}  {line.item}  {format_fen(line.amount_fen)}{late}\n"
                f"      {line.standard}"
            )
        if not script.lines:
            lines.append(self.tr("  (nothing overdue any more)"))
        lines += ["", self.tr("Total: {total}").format(total=format_fen(script.total_fen))]
        if call.promised_on is not None and call.promised_amount_fen:
            lines.append(
                self.tr("Promised: {amount} by {day}").format(
                    amount=format_fen(call.promised_amount_fen), day=call.promised_on.isoformat()
                )
            )
        if script.history:
            lines += ["", self.tr("Earlier attempts:")]
            for attempt in script.history:
                when = attempt.at.astimezone().strftime("%m-%d %H:%M")
                extra = f" — {attempt.note}" if attempt.note else ""
                lines.append(
                    f"  {when}  {attempt.staff_no}  {self.tr_outcome(attempt.outcome)}{extra}"
                )
        return "\n".join(lines)

    def _update_window_status(self) -> None:
        window = self.window_calendar
        if window is None:
            self.window_status.setText(self.tr("The calling-window settings leave no time."))
            return
        now = datetime.now()
        if window.is_open(now):
            self.window_status.setText(self.tr("Calling window: open now."))
        else:
            upcoming = window.next_open(now)
            self.window_status.setText(
                self.tr(
                    "Calling window: closed now (opens {when}); a call now needs a reason."
                ).format(when=upcoming.strftime("%m-%d %H:%M"))
            )

    def _update_buttons(self) -> None:
        call = self.selected()
        active = call is not None and call.status in ("open", "promised", "escalated")
        promise = self.outcome.currentData() == "promise"
        self.record_button.setEnabled(active and not self._busy)
        self.promise_date.setEnabled(promise)
        self.promise_amount.setEnabled(promise)
        self.book_visit_button.setEnabled(call is not None and call.status == "promised")
        self.close_button.setEnabled(active and self._supervisor and not self._busy)
        self.plan_button.setEnabled(not self._busy)

    # -- actions ----------------------------------------------------------

    def record(self) -> None:
        """Record the attempt on the selected call with the outcome entered."""
        call = self.selected()
        if call is None or not self.record_button.isEnabled():
            return
        outcome = str(self.outcome.currentData())
        promised = self.promise_date.date().toPython() if outcome == "promise" else None
        self._busy = True
        self._keep_row = self.proxy.mapFromSource(
            self.model.index(self.model.row_of(call.call_id) or 0, 0)
        ).row()
        self._update_buttons()
        self._update_window_status()
        self._submit(
            service.record_attempt,
            self.ctx.db,
            self.ctx.actor,
            call.call_id,
            outcome,
            calls=self.ctx.config.calls,
            office=self.ctx.config.office,
            promised_on=promised,
            promised_amount=self.promise_amount.text() if outcome == "promise" else None,
            reason=self.reason.text(),
            note=self.note.text(),
            max_amount_fen=self.ctx.config.money.max_amount_fen,
            on_done=self._recorded,
        )

    def _recorded(self, row: CallRow) -> None:
        self._busy = False
        self.message.say(
            self.tr("Recorded for {room}: {outcome} — now {status}.").format(
                room=row.room,
                outcome=self.tr_outcome(row.last_outcome),
                status=self.model.status_title(row.status),
            ),
            error=False,
        )
        self.reason.clear()
        self.note.clear()
        self.outcome.setCurrentIndex(0)
        if row.status == "promised":
            self._keep_call = row.call_id if self.statuses() == ("promised",) else 0
        self.reload()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def plan(self) -> None:
        """Build the call list (supervisors; the service checks the role too)."""
        if not self._supervisor or self._busy:
            return
        self._busy = True
        self._update_buttons()
        self._submit(
            service.plan_calls,
            self.ctx.db,
            self.ctx.actor,
            calls=self.ctx.config.calls,
            office=self.ctx.config.office,
            on_done=self._planned,
        )

    def _planned(self, result: PlanResult) -> None:
        self._busy = False
        self.message.say(
            self.tr(
                "{created} call(s) added; {listed} already listed, {promised} with a promise "
                "not yet due, {visits} with a home visit booked."
            ).format(
                created=result.created,
                listed=result.already_planned,
                promised=result.left_out_promised,
                visits=result.left_out_visit,
            ),
            error=False,
        )
        self.filter.setCurrentIndex(0)
        self.reload()

    def close_call(self) -> None:
        """A supervisor closes the selected call; the note is the reason."""
        call = self.selected()
        if call is None or not self.close_button.isEnabled():
            return
        self._busy = True
        self._update_buttons()
        self._submit(
            service.close_call,
            self.ctx.db,
            self.ctx.actor,
            call.call_id,
            self.note.text(),
            on_done=self._closed,
        )

    def _closed(self, row: CallRow) -> None:
        self._busy = False
        self.note.clear()
        self.message.say(self.tr("Call for {room} closed.").format(room=row.room), error=False)
        self.reload()

    def book_visit(self) -> None:
        """Open the home-visit screen for the selected (promised) call's household."""
        call = self.selected()
        if call is None:
            return
        window = self.window()
        opener = getattr(window, "open_screen", None)
        page = opener(VISITS_SCREEN) if opener is not None else None
        if page is None:
            self.message.say(self.tr("The home-visit screen is not available to you."))
            return
        prefill = getattr(page, "prefill_from_call", None)
        if prefill is not None:
            prefill(household_id=call.household_id, call_id=call.call_id, room=call.room)

    def save_letters(self) -> None:
        """Ask where to save the overdue-fee notices, then write them on the worker."""
        dialog = QFileDialog(self, self.tr("Save overdue-fee notices"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(f"催缴通知单-{date.today().isoformat()}.pdf")
        dialog.fileSelected.connect(self.write_letters)
        self.file_dialog = dialog
        dialog.open()

    def write_letters(self, path: str) -> None:
        """Write the notices for the unreachable owners to ``path``."""
        if not path:
            return
        self._submit(
            _letters, self.ctx.db, self.ctx.config, Path(path), on_done=self._letters_written
        )

    def _letters_written(self, pages: int) -> None:
        self.message.say(self.tr("{pages} notice(s) saved.").format(pages=pages), error=False)

    # -- helpers ----------------------------------------------------------

    def _submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("on_error", self._on_error)
        self.ctx.tasks.submit(fn, *args, **kwargs)

    def _on_error(self, error: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        unexpected = self.tr("Unexpected error: {error}. See the log file for details.")
        self.message.say(error_text(error, unexpected, log, "calls screen: unexpected error"))
