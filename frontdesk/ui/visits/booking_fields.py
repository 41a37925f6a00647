"""The visit-booking dialog's parts: its fields and the check shown before saving.

``VisitFields`` holds the form (who goes, date, time, amount, reasons, note)
and reads it; ``BookingCheck`` says what booking would mean (short notice,
clashes). The dialog adds the household and the buttons; its worker jobs are
in ``booking_jobs``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QWidget

from frontdesk.config import VisitSettings
from frontdesk.domain.money import format_fen
from frontdesk.domain.visits import REASONS, is_short_notice
from frontdesk.domain.workcalendar import OfficeCalendar, from_local, to_local
from frontdesk.services.visits import (
    MAX_TEXT,
    BookingPreview,
    StaffChoice,
    VisitRequest,
    VisitRow,
)
from frontdesk.ui.visits.booking_jobs import time_slots
from frontdesk.ui.visits.labels import REASON_TITLES, STATUS_TITLES, title

ERROR_STYLE = "color: #b00020;"


class VisitFields(QWidget):
    """Who goes, when, how much, why: the form rows (``form``) and what they say.

    Signals:
        changed(): the person, day, time or short-notice reason changed (check again).
        submitted(): Enter in one of the text fields.
    """

    changed = Signal()
    submitted = Signal()

    def __init__(
        self,
        calendar: OfficeCalendar,
        settings: VisitSettings,
        *,
        rescheduling: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.calendar = calendar
        self.settings = settings
        self.local_now = datetime.now()  # set by the dialog from its clock
        self.staff = QComboBox(self)
        self.staff.setObjectName("visitStaff")
        self.date = QDateEdit(self)
        self.date.setObjectName("visitDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd ddd")
        self.time = QComboBox(self)
        self.time.setObjectName("visitTime")
        self.amount = self._line("visitAmount", self.tr("e.g. 896.00"), 32)
        self.reason = QComboBox(self)
        self.reason.setObjectName("visitReason")
        for code in REASONS:
            self.reason.addItem(title(REASON_TITLES, code), code)
        self.source = QComboBox(self)
        self.source.setObjectName("visitSource")
        self.source.addItem(self.tr("At the desk"), "desk")
        self.source.addItem(self.tr("By phone"), "phone")
        self.same_day_reason = self._line(
            "visitSameDayReason", self.tr("Required for a same-day visit"), MAX_TEXT
        )
        self.note = self._line("visitNote", self.tr("e.g. ring the bell twice"), MAX_TEXT)
        self.reschedule_reason = self._line(
            "visitRescheduleReason", self.tr("Required: why the visit moves"), MAX_TEXT
        )

        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.tr("&Who goes:"), self.staff)
        self.form.addRow(self.tr("&Date:"), self.date)
        self.form.addRow(self.tr("&Time:"), self.time)
        self.form.addRow(self.tr("Expected &amount:"), self.amount)
        self.form.addRow(self.tr("&Reason:"), self.reason)
        if not rescheduling:
            self.form.addRow(self.tr("Re&quested:"), self.source)
        else:
            self.source.hide()
        self.form.addRow(self.tr("Same-day &because:"), self.same_day_reason)
        self.form.addRow(self.tr("&Note:"), self.note)
        if rescheduling:
            self.form.addRow(self.tr("&Moved because:"), self.reschedule_reason)
        else:
            self.reschedule_reason.hide()

        self.staff.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.date.dateChanged.connect(lambda _d: self._day_changed())
        self.time.currentIndexChanged.connect(lambda _i: self._time_changed())
        self.same_day_reason.textChanged.connect(lambda _t: self.changed.emit())

    def _line(self, name: str, placeholder: str, length: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setMaxLength(length)
        edit.returnPressed.connect(self.submitted.emit)
        return edit

    # -- filling ----------------------------------------------------------

    def set_staff(self, people: list[StaffChoice], wanted: int | None) -> None:
        """The people who can go; ``wanted`` chosen if among them (else the first)."""
        self.staff.blockSignals(True)
        self.staff.clear()
        for person in people:
            self.staff.addItem(f"{person.name} ({person.staff_no})", person.id)
        self.staff.setCurrentIndex(max(0, self.staff.findData(wanted)))
        self.staff.blockSignals(False)

    def set_when(self, today: date, day: date, wanted: time | None = None) -> None:
        """No day before ``today``; ``day`` chosen, at ``wanted`` if that is one of its times."""
        self.date.blockSignals(True)
        self.date.setMinimumDate(QDate(today.year, today.month, today.day))
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.date.blockSignals(False)
        self._fill_times(wanted)
        self._update_same_day()

    def from_call(self) -> None:
        """Booked from an overdue-fee call: the request came by phone, from the call."""
        self.source.clear()
        self.source.addItem(self.tr("On an overdue-fee call"), "call")
        self.source.setEnabled(False)

    def reflect(self, old: VisitRow) -> None:
        """Rescheduling keeps the old visit's amount, reason and note: show them, fixed."""
        self.amount.setText(format_fen(old.expected_fen, symbol=""))
        self.reason.setCurrentIndex(max(0, self.reason.findData(old.reason)))
        self.note.setText(old.note)
        for field in (self.amount, self.reason, self.note):
            field.setEnabled(False)

    def _fill_times(self, wanted: time | None = None) -> None:
        """The day's start times; keeps the chosen one (or ``wanted``) when the day has it."""
        keep = wanted or self.chosen_time()
        self.time.blockSignals(True)
        self.time.clear()
        for slot in time_slots(self.calendar, self.chosen_day(), self.settings.duration_minutes):
            self.time.addItem(f"{slot:%H:%M}", slot.hour * 60 + slot.minute)
        if keep is not None:
            self.time.setCurrentIndex(max(0, self.time.findData(keep.hour * 60 + keep.minute)))
        self.time.setEnabled(self.time.count() > 0)
        self.time.blockSignals(False)

    def _day_changed(self) -> None:
        self._fill_times()
        self._update_same_day()
        self.changed.emit()

    def _time_changed(self) -> None:
        self._update_same_day()
        self.changed.emit()

    def _update_same_day(self) -> None:
        self.same_day_reason.setEnabled(self.short_notice())

    # -- reading ----------------------------------------------------------

    def chosen_day(self) -> date:
        value = self.date.date().toPython()
        assert isinstance(value, date)
        return value

    def chosen_time(self) -> time | None:
        minutes = self.time.currentData()
        return None if minutes is None else time(int(minutes) // 60, int(minutes) % 60)

    def scheduled_at(self) -> datetime | None:
        """The chosen start, aware: local wall-clock time made UTC, as the service wants it."""
        clock = self.chosen_time()
        return None if clock is None else from_local(datetime.combine(self.chosen_day(), clock))

    def staff_id(self) -> int | None:
        data = self.staff.currentData()
        return None if data is None else int(data)

    def short_notice(self) -> bool:
        """Fewer than ``min_days_ahead`` days ahead: a same-day visit, which needs a reason."""
        start = datetime.combine(self.chosen_day(), self.chosen_time() or time())
        return is_short_notice(start, self.local_now, self.settings.min_days_ahead)

    def request(
        self, household_id: int, amount_fen: int, call_id: int | None
    ) -> VisitRequest | None:
        """The form as the service's input; None without a time (the office is closed)."""
        when = self.scheduled_at()
        if when is None:
            return None
        return VisitRequest(
            household_id=household_id,
            staff_id=self.staff_id(),
            scheduled_at=when,
            expected_amount_fen=amount_fen,
            reason=str(self.reason.currentData()),
            same_day_reason=self.same_day_reason.text() if self.short_notice() else "",
            note=self.note.text(),
            source_call_id=call_id,
            source="call" if call_id is not None else str(self.source.currentData()),
        )


class BookingCheck(QLabel):
    """``visitPreview``: same-day or not, the clashes with the person's visits, the problem."""

    def __init__(self, buffer_minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buffer_minutes = buffer_minutes
        self.setObjectName("visitPreview")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def ask_for_household(self) -> None:
        self.setStyleSheet("")
        self.setText(self.tr("Choose the household to check the booking."))

    def closed_text(self, day: date) -> str:
        return self.tr("The office is closed on {day}: choose a working day.").format(
            day=day.isoformat()
        )

    def show_check(self, found: BookingPreview | None, *, who: str, day: date) -> None:
        """The answer of ``preview_booking`` (None: no time on ``day``, the office is closed)."""
        if found is None:
            self.setStyleSheet(ERROR_STYLE)
            self.setText(self.closed_text(day))
            return
        self.setStyleSheet(ERROR_STYLE if found.clashes or found.problem else "")
        lines = [
            self.tr("Same-day booking: give the reason; the visit is marked as such.")
            if found.same_day
            else self.tr("Booked ahead (not a same-day visit).")
        ]
        if found.clashes:
            lines.append(
                self.tr("Clashes with {who}'s other visits ({n} min travel either side):").format(
                    who=who, n=self.buffer_minutes
                )
            )
            for row in found.clashes:
                start = to_local(row.scheduled_at)
                end = start + timedelta(minutes=row.duration_minutes)
                status = title(STATUS_TITLES, row.status)
                lines.append(
                    f"  {row.room}  {start:%Y-%m-%d %H:%M}–{end:%H:%M}  {row.owner}  {status}"
                )
        elif found.problem:  # with a clash the problem is the clash: listed above instead
            lines.append(found.problem)
        else:
            lines.append(self.tr("No clash with {who}'s other visits.").format(who=who))
        self.setText("\n".join(lines))
