"""Book (or reschedule) a home fee-collection visit (上门收费).

``BookVisitDialog(ctx, ...)`` is window-modal but not blocking: open it with
``open()`` and listen to ``booked(VisitRow)``. Without a household it starts in
the household search (type, Enter); with one (or when rescheduling) the
household is fixed. Who goes, the date and a start time from the office's open
periods, the expected amount (the household's dues, loaded on the worker), the
reason, and for a visit at short notice the reason for that. A moment after
the person, day, time or household change, the check on the worker
(``preview_booking``) says whether it is a same-day booking and lists the
person's visits it clashes with; a clash disables Save. Ctrl+Enter (or Enter in
a text field) saves on the worker, Esc cancels; a refusal keeps the dialog open
with every field as typed and the reason in ``visitBookingMessage``.

Object names: ``bookVisitDialog``, ``householdSearch`` (in the search panel),
``visitHousehold``, ``visitStaff``, ``visitDate``, ``visitTime``, ``visitAmount``,
``visitReason``, ``visitSameDayReason``, ``visitNote``, ``visitRescheduleReason``
(rescheduling only), ``visitPreview``, ``visitBookingMessage``,
``visitBookingSave``, ``visitBookingCancel``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.money import MoneyError, format_fen, parse_amount
from frontdesk.domain.workcalendar import to_local
from frontdesk.errors import FrontdeskError
from frontdesk.services.search import HouseholdHit
from frontdesk.services.visits import BookingPreview, VisitRequest, VisitRow
from frontdesk.ui.cashier.search_panel import SearchPanel
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.visits import booking_jobs as jobs
from frontdesk.ui.visits.booking_fields import ERROR_STYLE, BookingCheck, VisitFields
from frontdesk.ui.visits.booking_jobs import Household, Prepared

PREVIEW_DELAY_MS = 200


def _utcnow() -> datetime:
    return datetime.now(UTC)


class BookVisitDialog(QDialog):
    """The booking form; ``booked(VisitRow)`` once the visit is saved.

    ``now`` is the clock (aware); tests pass a fixed one.
    """

    booked = Signal(object)

    def __init__(
        self,
        ctx: ScreenContext,
        parent: QWidget | None = None,
        *,
        household_id: int | None = None,
        room: str = "",
        owner: str = "",
        call_id: int | None = None,
        staff_id: int | None = None,
        day: date | None = None,
        reschedule: VisitRow | None = None,
        now: Callable[[], datetime] = _utcnow,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.now = now
        self.call_id = call_id
        self.old = reschedule
        self.household: Household | None = None
        self.result_row: VisitRow | None = None
        self.last_preview: BookingPreview | None = None
        self._busy = False
        self._asked = 0  # the latest check sent; older answers are dropped
        self._answered = 0
        self._amount_touched = False
        self._ready = False  # the staff list has come (until then the check would fail)
        if reschedule is not None:
            household_id, room, owner = reschedule.household_id, reschedule.room, reschedule.owner
            staff_id = reschedule.staff_id
        self._wanted_staff = staff_id if staff_id is not None else ctx.actor.staff_id
        self.setObjectName("bookVisitDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(560)
        self.setWindowTitle(
            self.tr("Reschedule a home visit") if reschedule else self.tr("Book a home visit")
        )
        self.fields = VisitFields(
            jobs.office_calendar(ctx.config),
            ctx.config.visits,
            rescheduling=reschedule is not None,
            parent=self,
        )
        self.fields.local_now = to_local(now())
        self._build(household_id is None)
        self._set_defaults(day)
        if household_id is not None:
            self.household = Household(household_id, room, owner, 0)
            self._show_household()
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.refresh_preview)
        self.fields.changed.connect(self.schedule_preview)
        self.fields.submitted.connect(self.submit)
        self.fields.amount.textEdited.connect(self._amount_edited)
        load = None if reschedule is not None else household_id
        ctx.tasks.submit(
            jobs.prepare, ctx.db, load, self.today(), on_done=self._prepared, on_error=self._failed
        )

    def _build(self, searching: bool) -> None:
        self.search: SearchPanel | None = None
        self.household_label = QLabel(self.tr("No household chosen yet."), self)
        self.household_label.setObjectName("visitHousehold")
        self.household_label.setWordWrap(True)
        form = self.fields.form
        if searching:
            self.search = SearchPanel(self.ctx, self)
            self.search.table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Up/Down work in the box
            self.search.householdChosen.connect(self.choose_household)
            form.insertRow(0, self.tr("&Household:"), self.search)
            form.insertRow(1, "", self.household_label)
        else:
            form.insertRow(0, self.tr("Household:"), self.household_label)
        self.preview = BookingCheck(self.ctx.config.visits.travel_buffer_minutes, self)
        self.message = QLabel(self)
        self.message.setObjectName("visitBookingMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)

        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setObjectName("visitBookingSave")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setObjectName("visitBookingCancel")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        # No default button: Enter in the search box chooses the household and must
        # not save as well (keyPressEvent presses a focused button on Enter instead).
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.submit)

        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.preview)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _set_defaults(self, day: date | None) -> None:
        today = self.today()
        settings = self.ctx.config.visits
        first = jobs.first_bookable_day(self.fields.calendar, today, settings.min_days_ahead)
        wanted: time | None = None
        if self.old is not None:
            old = to_local(self.old.scheduled_at)
            day, wanted = (old.date() if old.date() >= first else None), old.time()
            self.fields.reflect(self.old)
        else:
            reason = "overdue" if self.call_id is not None else "owner_asked"
            self.fields.reason.setCurrentIndex(max(0, self.fields.reason.findData(reason)))
            if self.call_id is not None:
                self.fields.from_call()
        self.fields.set_when(today, day if day is not None and day >= today else first, wanted)

    # -- state ------------------------------------------------------------

    def today(self) -> date:
        return to_local(self.now()).date()

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def previewing(self) -> bool:
        """True while a change has not been checked yet (waiting or on the worker)."""
        return self.preview_timer.isActive() or self._asked != self._answered

    def request(self, amount_fen: int) -> VisitRequest | None:
        """The form as the service's input; None without a household or a time."""
        if self.household is None:
            return None
        return self.fields.request(self.household.household_id, amount_fen, self.call_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        first: QWidget = self.search.box if self.search is not None else self.fields.date
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        focused = self.focusWidget()
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() and isinstance(focused, QPushButton):
            focused.click()
            return
        super().keyPressEvent(event)

    # -- the household and the loads ----------------------------------------

    def _prepared(self, prepared: Prepared) -> None:
        self.fields.set_staff(prepared.staff, self._wanted_staff)
        self._ready = True
        if prepared.household is not None:
            self._got_household(prepared.household)
        self.schedule_preview()

    def choose_household(self, hit: HouseholdHit) -> None:
        """The household from the search: show it, propose its dues, move on to who goes."""
        self.household = Household(hit.household_id, hit.room, hit.owners, 0)
        self._amount_touched = False
        self._show_household()
        self.fields.staff.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ctx.tasks.submit(
            jobs.household,
            self.ctx.db,
            hit.household_id,
            self.today(),
            on_done=self._got_household,
            on_error=self._failed,
        )
        self.schedule_preview()

    def _got_household(self, found: Household) -> None:
        current = self.household
        if current is None or found.household_id != current.household_id:
            return  # another household was chosen since
        self.household = Household(
            found.household_id,
            current.room or found.room,
            current.owners or found.owners,
            found.expected_fen,
        )
        self._show_household()
        if not self._amount_touched and self.old is None:
            self.fields.amount.setText(format_fen(found.expected_fen, symbol=""))

    def _amount_edited(self, _text: str) -> None:
        self._amount_touched = True

    def _show_household(self) -> None:
        found = self.household
        assert found is not None
        text = " ".join(part for part in (found.room, found.owners) if part)
        text = text or self.tr("Household #{id}").format(id=found.household_id)
        if self.old is not None:
            text = self.tr("{household}, now booked for {when} with {who}").format(
                household=text, when=_clock(self.old.scheduled_at), who=self.old.staff_name
            )
        self.household_label.setText(text)

    # -- the check before saving ----------------------------------------------

    def schedule_preview(self) -> None:
        """Check the booking on the worker a moment after the last change."""
        self.fields.local_now = to_local(self.now())
        self.preview_timer.start()

    def refresh_preview(self) -> None:
        self.preview_timer.stop()
        self._asked += 1
        number = self._asked
        if not self._ready:
            self._answered = number  # checked again once the staff list is in
            return
        request = self.request(self._amount_or_zero())
        if request is None:
            self._previewed(number, None)
            return
        exclude = self.old.id if self.old is not None else None
        self.ctx.tasks.submit(
            jobs.preview,
            self.ctx.db,
            self.ctx.config,
            request,
            self.now(),
            exclude,
            on_done=lambda found: self._previewed(number, found),
            on_error=self._failed,
        )

    def _previewed(self, number: int, found: BookingPreview | None) -> None:
        if not shiboken6.isValid(self) or number != self._asked:
            return  # closed, or the form changed since
        self._answered = number
        self.last_preview = found
        clash = found is not None and bool(found.clashes)
        self.save_button.setEnabled(not clash and not self._busy)
        if self.household is None:
            self.preview.ask_for_household()
        else:
            who = self.fields.staff.currentText()
            self.preview.show_check(found, who=who, day=self.fields.chosen_day())

    def _amount_or_zero(self) -> int:
        try:
            return self._amount()
        except MoneyError:
            return 0

    def _amount(self) -> int:
        return parse_amount(self.fields.amount.text(), max_fen=self.ctx.config.money.max_amount_fen)

    # -- saving ---------------------------------------------------------------

    def submit(self) -> None:
        """Save on the worker; the dialog closes when the visit is booked."""
        if self._busy or not self.save_button.isEnabled():
            return
        self.fields.local_now = to_local(self.now())
        problem = self._form_problem()
        if problem:
            self.message.setText(problem)
            return
        request = self.request(self._amount())
        assert request is not None  # _form_problem checked the household and the time
        self._busy = True
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving…"))
        ctx = self.ctx
        job: Callable[..., VisitRow]
        if self.old is not None:
            job = jobs.reschedule
            args: tuple[Any, ...] = (
                self.old.id,
                request.scheduled_at,
                self.fields.reschedule_reason.text(),
                request.staff_id,
                request.same_day_reason,
            )
        else:
            job, args = jobs.book, (request,)
        ctx.tasks.submit(
            job,
            ctx.db,
            ctx.actor,
            ctx.config,
            *args,
            self.now(),
            on_done=self._saved,
            on_error=self._refused,
        )

    def _form_problem(self) -> str:
        """What must be put right before anything is sent, or ''."""
        if self.household is None:
            return self.tr("Choose the household first: type the room or the owner's name, Enter.")
        if self.fields.chosen_time() is None:
            return self.preview.closed_text(self.fields.chosen_day())
        try:
            self._amount()
        except MoneyError as exc:
            return self.tr("Expected amount: {error}").format(error=str(exc))
        return ""

    def _saved(self, row: VisitRow) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self.result_row = row
        self.booked.emit(row)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        if not isinstance(error, FrontdeskError):
            sys.excepthook(type(error), error, error.__traceback__)
            return
        self.message.setText(str(error))
        self.schedule_preview()  # the slot may have been taken from another desk meanwhile

    def _failed(self, error: BaseException) -> None:
        """A load or a check failed: say so; Save still asks the service itself."""
        if not isinstance(error, FrontdeskError):
            sys.excepthook(type(error), error, error.__traceback__)
            return
        self.message.setText(str(error))

    def reject(self) -> None:
        if not self._busy:  # a save on its way lands first
            super().reject()


def _clock(moment: datetime) -> str:
    return f"{to_local(moment):%Y-%m-%d %H:%M}"
