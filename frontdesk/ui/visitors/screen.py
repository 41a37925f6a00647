"""Screen F6 "Visitors": sign visitors in and out, see who is in, search the log.

The sign-in form starts in the phone box (``visitorPhone``): a returning
visitor is then recognised from the number (``returning_visitor``, on the
database worker, a pause after typing) and their name and last room are
filled in, so the clerk often only confirms. Then ``visitorName``,
``visitorRoom`` (a room code, looked up in the estate, or a department as
text), ``visitPurpose``, ``visitorPeople``, ``visitorIdChecked``,
``visitorPlate`` and ``visitorNotes``. Enter in any box signs in
(``signInButton``), except in the phone box while the name is still empty:
there it looks the number up at once and moves on to the name. Esc clears the
form. A room code the estate does not know
is not stored silently: ``visitorMessage`` says so and ``roomAsTextButton``
(or Enter again) records it as text. The clerk who signs in is recorded; the
time is taken by the service.

``currentlyIn`` lists everyone signed in and not out; Del signs the selected
visitor out (``signOutButton``). ``visitorLog`` is the whole log, newest
first, loaded a page at a time as it scrolls, filtered as the clerk types
(``logFrom``, ``logTo``, ``logRoom``, ``logName``, ``logPhone``,
``logPurpose``; ``logStatus`` says how many rows are loaded). Phone numbers
are masked for roles not in ``[reception] full_phone_roles``.

``visitMatterButton`` (Ctrl+M) opens a new matter (工单) for the selected
visit, or the one just signed in, with the visitor's details filled in.
``visitorRetention`` shows how long records are kept.

Other object names: ``visitorsScreen``, ``visitorsRefresh`` (Ctrl+R).
"""

from __future__ import annotations

import logging
from datetime import date
from itertools import pairwise
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.visitors import MAX_PEOPLE, PURPOSES
from frontdesk.errors import FrontdeskError
from frontdesk.services import visitors as svc
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.tables import configure_list_view
from frontdesk.ui.visitors.models import VisitorLogModel, VisitorsInModel, purpose_title
from frontdesk.ui.widgets import scale_font

log = logging.getLogger(__name__)

LOOKUP_MS = 250
FILTER_MS = 250
MATTER_KEY = "Ctrl+M"
REFRESH_KEY = "Ctrl+R"
NO_DATE = QDate(2000, 1, 1)
MATTER_KINDS = {"complaint": "complaint", "enquiry": "enquiry", "repair": "repair"}


class VisitorsScreen(QWidget):
    """Sign-in form, who is in, and the log."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = ctx.config.reception
        self.setObjectName("visitorsScreen")
        self._lookup_asked = 0
        self._filled_name = ""  # the name filled in from the phone (replaced if the phone changes)
        self._filled_room = ""
        self._unknown_room = ""  # a room code refused once: Enter again keeps it as text
        self._last_visit_id: int | None = None
        self._chosen_visit_id: int | None = None
        self._signing = False
        self.matter_dialog: QWidget | None = None

        title = QLabel(self.tr("Visitors"), self)
        font = QFont(title.font())
        scale_font(font, 1.3)
        font.setBold(True)
        title.setFont(font)
        self.retention = QLabel(
            self.tr("Visitor records are kept {days} days, then anonymised.").format(
                days=self.settings.retention_days
            ),
            self,
        )
        self.retention.setObjectName("visitorRetention")
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("visitorsRefresh")
        self.refresh_button.setToolTip(REFRESH_KEY)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.retention)
        top.addWidget(self.refresh_button)

        form_box = self._build_form()
        in_box = self._build_in_list()
        log_box = self._build_log()

        upper = QSplitter(Qt.Orientation.Horizontal, self)
        upper.addWidget(form_box)
        upper.addWidget(in_box)
        upper.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(upper)
        split.addWidget(log_box)
        split.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        QShortcut(QKeySequence(REFRESH_KEY), self, self.refresh)
        self.matter_shortcut = QShortcut(QKeySequence(MATTER_KEY), self, self.open_matter)

        self.lookup_timer = QTimer(self)
        self.lookup_timer.setSingleShot(True)
        self.lookup_timer.setInterval(LOOKUP_MS)
        self.lookup_timer.timeout.connect(self._look_up_phone)
        self.phone.textEdited.connect(lambda _t: self.lookup_timer.start())

        self.filter_timer = QTimer(self)
        self.filter_timer.setObjectName("logFilterDebounce")
        self.filter_timer.setSingleShot(True)
        self.filter_timer.setInterval(FILTER_MS)
        self.filter_timer.timeout.connect(self.apply_filter)

        self.setFocusProxy(self.phone)
        self.refresh()

    # -- building ----------------------------------------------------------

    def _build_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sign a visitor in"), self)
        self.phone = self._line("visitorPhone", self.tr("13800001234"), 32, box)
        self.name = self._line("visitorName", self.tr("Visitor's name"), 64, box)
        self.room = self._line("visitorRoom", self.tr("3-2-1201 or 物业办公室"), 64, box)
        self.room.textEdited.connect(self._room_edited)
        self.purpose = QComboBox(box)
        self.purpose.setObjectName("visitPurpose")
        for code in PURPOSES:
            self.purpose.addItem(purpose_title(code), code)
        self.people = QSpinBox(box)
        self.people.setObjectName("visitorPeople")
        self.people.setRange(1, MAX_PEOPLE)
        self.id_checked = QCheckBox(self.tr("ID checked"), box)
        self.id_checked.setObjectName("visitorIdChecked")
        self.plate = self._line("visitorPlate", self.tr("optional"), 16, box)
        self.notes = self._line("visitorNotes", self.tr("optional"), 500, box)
        self.sign_in_button = QPushButton(self.tr("Sign in"), box)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setToolTip(self.tr("Enter"))
        self.sign_in_button.clicked.connect(lambda: self.sign_in())
        self.room_as_text = QPushButton(self.tr("Record the room as text"), box)
        self.room_as_text.setObjectName("roomAsTextButton")
        self.room_as_text.clicked.connect(lambda: self.sign_in(free_text_room=True))
        self.room_as_text.hide()
        self.matter_button = QPushButton(self.tr("Open a matter"), box)
        self.matter_button.setObjectName("visitMatterButton")
        self.matter_button.setToolTip(MATTER_KEY)
        self.matter_button.clicked.connect(self.open_matter)
        self.message = QLabel(box)
        self.message.setObjectName("visitorMessage")
        self.message.setWordWrap(True)

        for field in (self.purpose, self.people, self.id_checked):
            field.installEventFilter(self)
        order = (*self._form_fields(), self.sign_in_button)
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        form = QFormLayout()
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Room or department"), self.room)
        form.addRow(self.tr("Purpose"), self.purpose)
        form.addRow(self.tr("People"), self.people)
        form.addRow("", self.id_checked)
        form.addRow(self.tr("Car plate"), self.plate)
        form.addRow(self.tr("Notes"), self.notes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.room_as_text)
        buttons.addStretch(1)
        buttons.addWidget(self.matter_button)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        return box

    def _line(self, name: str, placeholder: str, length: int, parent: QWidget) -> QLineEdit:
        line = QLineEdit(parent)
        line.setObjectName(name)
        line.setPlaceholderText(placeholder)
        line.setMaxLength(length)
        line.returnPressed.connect(lambda: self._enter(line))
        line.installEventFilter(self)
        return line

    def _build_in_list(self) -> QGroupBox:
        box = QGroupBox(self.tr("Who is in"), self)
        self.in_model = VisitorsInModel(self)
        self.in_table = self._table("currentlyIn", self.in_model, box)
        self.in_table.installEventFilter(self)
        self.in_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._chose(self.in_model.visit(cur.row()))
        )
        self.sign_out_button = QPushButton(self.tr("Sign out"), box)
        self.sign_out_button.setObjectName("signOutButton")
        self.sign_out_button.setToolTip(self.tr("Del"))
        self.sign_out_button.clicked.connect(self.sign_out_selected)
        self.in_count = QLabel(box)
        self.in_count.setObjectName("currentlyInCount")
        row = QHBoxLayout()
        row.addWidget(self.in_count, 1)
        row.addWidget(self.sign_out_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.in_table, 1)
        layout.addLayout(row)
        return box

    def _table(self, name: str, model: Any, parent: QWidget) -> QTableView:
        table = QTableView(parent)
        table.setObjectName(name)
        table.setModel(model)
        configure_list_view(table, resize=QHeaderView.ResizeMode.Interactive, tab_keys=True)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        return table

    def _build_log(self) -> QGroupBox:
        box = QGroupBox(self.tr("Visitor log"), self)
        self.log_from = self._date("logFrom", box)
        self.log_to = self._date("logTo", box)
        self.log_room = self._filter_line("logRoom", self.tr("Room"), box)
        self.log_name = self._filter_line("logName", self.tr("Name"), box)
        self.log_phone = self._filter_line("logPhone", self.tr("Phone"), box)
        self.log_purpose = QComboBox(box)
        self.log_purpose.setObjectName("logPurpose")
        self.log_purpose.addItem(self.tr("All purposes"), "")
        for code in PURPOSES:
            self.log_purpose.addItem(purpose_title(code), code)
        self.log_purpose.currentIndexChanged.connect(lambda _i: self.filter_timer.start())
        self.log_model = VisitorLogModel(self.ctx, self)
        self.log_model.loaded.connect(self._log_loaded)
        self.log_model.failed.connect(self._log_failed)
        self.log_table = self._table("visitorLog", self.log_model, box)
        self.log_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._chose(self.log_model.visit(cur.row()))
        )
        self.log_status = QLabel(box)
        self.log_status.setObjectName("logStatus")
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("From"), box))
        filters.addWidget(self.log_from)
        filters.addWidget(QLabel(self.tr("to"), box))
        filters.addWidget(self.log_to)
        filters.addWidget(self.log_room, 1)
        filters.addWidget(self.log_name, 1)
        filters.addWidget(self.log_phone, 1)
        filters.addWidget(self.log_purpose)
        layout = QVBoxLayout(box)
        layout.addLayout(filters)
        layout.addWidget(self.log_table, 1)
        layout.addWidget(self.log_status)
        return box

    def _date(self, name: str, parent: QWidget) -> QDateEdit:
        edit = QDateEdit(parent)
        edit.setObjectName(name)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("any day"))
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(lambda _d: self.filter_timer.start())
        return edit

    def _filter_line(self, name: str, placeholder: str, parent: QWidget) -> QLineEdit:
        line = QLineEdit(parent)
        line.setObjectName(name)
        line.setPlaceholderText(placeholder)
        line.setClearButtonEnabled(True)
        line.setMaxLength(64)
        line.textChanged.connect(lambda _t: self.filter_timer.start())
        return line

    # -- events ------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._focus_form)

    def _focus_form(self) -> None:
        if self.isVisible() and not self.focusWidget():
            self.phone.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.in_table and key == Qt.Key.Key_Delete:
                self.sign_out_selected()
                return True
            if watched in self._form_fields() and key == Qt.Key.Key_Escape:
                self.clear_form()
                return True
            if watched in (self.purpose, self.people, self.id_checked) and key in (
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                self.sign_in()
                return True
        return super().eventFilter(watched, event)

    def _form_fields(self) -> tuple[QWidget, ...]:
        return (
            self.phone,
            self.name,
            self.room,
            self.purpose,
            self.people,
            self.id_checked,
            self.plate,
            self.notes,
        )

    # -- signing in --------------------------------------------------------

    def clear_form(self) -> None:
        """Empty the form, ready for the next visitor (Esc)."""
        self.lookup_timer.stop()
        self._lookup_asked += 1
        for line in (self.phone, self.name, self.room, self.plate, self.notes):
            line.clear()
        self.purpose.setCurrentIndex(0)
        self.people.setValue(1)
        self.id_checked.setChecked(False)
        self._filled_name = self._filled_room = self._unknown_room = ""
        self.room_as_text.hide()
        self.message.setText("")
        self.phone.setFocus()

    def _room_edited(self, _text: str) -> None:
        self._unknown_room = ""
        self.room_as_text.hide()

    def _look_up_phone(self) -> None:
        self._lookup_asked += 1
        number = self._lookup_asked
        phone = self.phone.text()
        ctx = self.ctx
        self.ctx.tasks.submit(
            lambda: svc.returning_visitor(ctx.db, phone),
            on_done=lambda found: self._returning(number, found),
            on_error=lambda error: log.warning("visitor lookup failed: %s", error),
        )

    def _returning(self, number: int, found: svc.ReturningVisitor | None) -> None:
        if not shiboken6.isValid(self) or number != self._lookup_asked:
            return
        if found is None:
            return
        if not self.name.text() or self.name.text() == self._filled_name:
            self.name.setText(found.name)
            self._filled_name = found.name
        if not self.room.text() or self.room.text() == self._filled_room:
            self.room.setText(found.room)
            self._filled_room = found.room
        self.message.setText(
            self.tr("Returning visitor ({n} visits): check the name and room.").format(
                n=found.visits
            )
        )

    def _enter(self, line: QLineEdit) -> None:
        """Enter in a box signs in; in the phone box while the name is still empty it
        looks the number up at once and moves to the name instead (a returning
        visitor's name and room are then filled in, and the next Enter signs in).
        """
        if line is self.phone and self.phone.text().strip() and not self.name.text().strip():
            self.lookup_timer.stop()
            self._look_up_phone()
            self.name.setFocus()
            return
        self.sign_in()

    def sign_in(self, free_text_room: bool = False) -> None:
        """Sign the visitor in the form in (Enter)."""
        if self._signing:
            return
        room = self.room.text()
        if self._unknown_room and room.strip() and self._unknown_room == room.strip():
            free_text_room = True
        self._signing = True
        self.sign_in_button.setEnabled(False)
        ctx, settings = self.ctx, self.settings
        fields: dict[str, Any] = {
            "name": self.name.text(),
            "phone": self.phone.text(),
            "room": room,
            "purpose": str(self.purpose.currentData()),
            "people": self.people.value(),
            "id_checked": self.id_checked.isChecked(),
            "car_plate": self.plate.text(),
            "notes": self.notes.text(),
            "free_text_room": free_text_room,
        }
        self.ctx.tasks.submit(
            lambda: svc.sign_in(ctx.db, ctx.actor, settings, **fields),
            on_done=self._signed_in,
            on_error=self._sign_in_failed,
        )

    def _signed_in(self, row: svc.VisitorRow) -> None:
        self._signing = False
        self.sign_in_button.setEnabled(True)
        self.clear_form()
        self._last_visit_id = row.id
        self._chosen_visit_id = None
        self.message.setText(
            self.tr("Signed in: {name} to {room}, {time}.").format(
                name=row.name,
                room=row.room,
                time=row.signed_in_at.astimezone().strftime("%H:%M"),
            )
        )
        self.refresh()

    def _sign_in_failed(self, error: BaseException) -> None:
        self._signing = False
        self.sign_in_button.setEnabled(True)
        if isinstance(error, svc.UnknownRoom):
            self._unknown_room = self.room.text().strip()
            self.room_as_text.show()
            self.message.setText(
                self.tr("Room {room} is not in the estate: Enter again keeps it as text.").format(
                    room=error.text
                )
            )
            self.room.setFocus()
            return
        self.message.setText(_reason(error))
        log.info("sign-in refused: %s", error)

    # -- who is in, signing out -----------------------------------------------

    def refresh(self) -> None:
        """Reload who is in and the log (Ctrl+R)."""
        ctx, settings = self.ctx, self.settings
        self.ctx.tasks.submit(
            lambda: svc.who_is_in(ctx.db, ctx.actor, settings),
            on_done=self._show_in,
            on_error=self._say_error,
        )
        self.apply_filter()

    def _say_error(self, error: BaseException) -> None:
        self.message.setText(_reason(error))

    def _show_in(self, rows: list[svc.VisitorRow]) -> None:
        if not shiboken6.isValid(self):
            return
        current = self.in_model.visit(self.in_table.currentIndex().row())
        self.in_model.set_rows(rows)
        self.in_count.setText(self.tr("{n} in now").format(n=len(rows)))
        if rows:
            row = self.in_model.row_of(current.id) if current else None
            self.in_table.selectRow(row if row is not None else 0)

    def sign_out_selected(self) -> None:
        """Sign the visitor selected in ``currentlyIn`` out (Del)."""
        visit = self.in_model.visit(self.in_table.currentIndex().row())
        if visit is None:
            self.message.setText(self.tr("Choose a visitor in the list first."))
            return
        ctx, settings = self.ctx, self.settings
        self.ctx.tasks.submit(
            lambda: svc.sign_out(ctx.db, ctx.actor, settings, visit.id),
            on_done=self._signed_out,
            on_error=self._sign_out_failed,
        )

    def _signed_out(self, row: svc.VisitorRow) -> None:
        self.message.setText(self.tr("Signed out: {name}.").format(name=row.name))
        self.refresh()

    def _sign_out_failed(self, error: BaseException) -> None:
        self.message.setText(_reason(error))
        self.refresh()

    # -- the log -------------------------------------------------------------

    def current_filter(self) -> svc.LogFilter:
        return svc.LogFilter(
            start=_date_of(self.log_from),
            end=_date_of(self.log_to),
            room=self.log_room.text(),
            name=self.log_name.text(),
            phone=self.log_phone.text(),
            purpose=str(self.log_purpose.currentData() or ""),
        )

    def apply_filter(self) -> None:
        """Show the log for the filters as they are now (the latest request wins)."""
        self.filter_timer.stop()
        self.log_status.setText(self.tr("Loading…"))
        self.log_model.set_filter(self.current_filter())

    def _log_loaded(self, rows: int) -> None:
        if rows == 0:
            self.log_status.setText(self.tr("No visits found."))
        elif self.log_model.has_more:
            self.log_status.setText(
                self.tr("{n} visits loaded; scroll down for more.").format(n=rows)
            )
        else:
            self.log_status.setText(self.tr("{n} visits.").format(n=rows))

    def _log_failed(self, reason: str) -> None:
        self.log_status.setText(self.tr("The log could not be read: {error}").format(error=reason))

    # -- a matter from a visit ---------------------------------------------------

    def _chose(self, visit: svc.VisitorRow | None) -> None:
        if visit is not None:
            self._chosen_visit_id = visit.id

    def matter_visit_id(self) -> int | None:
        """The visit a new matter is for: the one chosen in a list, else the last signed in."""
        return self._chosen_visit_id or self._last_visit_id

    def open_matter(self) -> None:
        """Open a new matter for the visit, its details filled in (Ctrl+M)."""
        visit_id = self.matter_visit_id()
        if visit_id is None:
            self.message.setText(self.tr("Sign a visitor in or choose a visit first."))
            return
        ctx = self.ctx
        self.ctx.tasks.submit(
            lambda: svc.visit_contact(ctx.db, ctx.actor, visit_id),
            on_done=self._open_matter_dialog,
            on_error=self._say_error,
        )

    def _open_matter_dialog(self, contact: svc.VisitContact) -> None:
        if not shiboken6.isValid(self):
            return
        try:
            from frontdesk.domain.matters import MatterPrefill
            from frontdesk.ui.matters.new_matter import NewMatterDialog
        except ImportError:  # the matters screen is not part of this build
            self.message.setText(self.tr("Matters are not available."))
            return
        prefill = MatterPrefill(
            visitor_visit_id=contact.visit_id,
            contact_name=contact.name,
            contact_phone=contact.phone,
            room_code=contact.room if contact.room_known else "",
            channel="visit",
            kind=MATTER_KINDS.get(contact.purpose, "enquiry"),
        )
        dialog = NewMatterDialog(self.ctx, prefill=prefill, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self._matter_created)
        self.matter_dialog = dialog
        dialog.open()

    def _matter_created(self, row: Any) -> None:
        number = getattr(row, "number", "")
        self.message.setText(self.tr("Matter {number} recorded.").format(number=number))


def _date_of(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == NO_DATE:
        return None
    return date(value.year(), value.month(), value.day())


def _reason(error: BaseException) -> str:
    if isinstance(error, FrontdeskError):
        return str(error)
    log.error("visitor screen: %s", error, exc_info=error)
    return type(error).__name__
