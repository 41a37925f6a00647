"""Screen F3 "Cash drawer": open the drawer with a counted float, cash in/out, day close.

What the screen shows depends on the desk's drawer (``config.app.desk``):

- not open: the float count (``floatCount``) and ``openDrawerButton``; beside
  it the day-close report of a chosen date (``reportDate``,
  ``showReportButton``, ``dayCloseReport``);
- open: what the drawer should hold now (``drawerExpected``); cash in or out
  with pieces and a reason (``cashMoveKind``, ``cashMovePieces``,
  ``cashMoveReason``, ``cashMoveButton``); and the day close: the count
  against what is expected, per denomination and in total (``closeCount``), a
  note (``closeNote``) and ``closeDrawerButton``.

A difference beyond ``config.cashier.close_tolerance_fen`` needs a note and a
supervisor: a cashier gets the supervisor dialog (``supervisorAuth``); a
supervisor approves their own close. Without a difference to approve, a
confirmation (``closeConfirm``) comes first: the day close cannot be undone.

The day-close report is a supervisor's to see. After a close approved by a
supervisor (or done by one) it is shown straight away; a cashier otherwise sees
the closing count, and "Show report" asks a supervisor to authorise.

A supervisor (or admin) also gets a desk chooser (``drawerDesk``, see
:mod:`.desk_chooser`): the field desk (上门收费) shows the cash collected at home
visits still to be handed in, and its count and close under the same rules. It
has no float to open (its session opens itself on the first field payment) and
no cash in/out; after its close the next field payment opens a new session.

Other object names: ``drawerScreen``, ``drawerStatus``, ``drawerMessage``,
``drawerRefresh``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.dayclose import (
    DayCloseReport,
    compare_count,
    needs_supervisor,
    report_text,
)
from frontdesk.domain.money import Denomination, format_fen
from frontdesk.domain.receipt import pad_to
from frontdesk.errors import FrontdeskError
from frontdesk.services.cashbox import (
    CloseResult,
    DrawerStatus,
    close_drawer,
    drawer_status,
    move_cash,
    open_drawer,
)
from frontdesk.services.dayclose import day_close_report
from frontdesk.services.users import Actor
from frontdesk.ui.authorize import SupervisorAuthDialog
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.drawer.desk_chooser import FIELD_DESK, DeskChooser
from frontdesk.ui.pieces import PiecesEditor, denomination_name, difference_words, monospace_font
from frontdesk.ui.widgets import scale_font

if TYPE_CHECKING:
    from frontdesk.storage.database import Database

log = logging.getLogger(__name__)

REFRESH_KEY = "Ctrl+R"
MAX_REASON = 200


def desk_status(db: Database, desk: str) -> tuple[str, DrawerStatus | None]:
    """``drawer_status`` with the desk it was asked for (the screen may have moved on)."""
    return desk, drawer_status(db, desk)


class DrawerScreen(QWidget):
    """The desk's cash drawer: open, cash in/out, day close, and the day-close report."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.home_desk = ctx.config.app.desk
        self.desk = self.home_desk
        self.status: DrawerStatus | None = None
        self.last_close: CloseResult | None = None
        self.auth_dialog: SupervisorAuthDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self._loaded = False
        # What the action in flight was about (callbacks must be bound methods).
        self._float_total = 0
        self._move: tuple[str, Mapping[Denomination, int], str] = ("", {}, "")
        self._approver: Actor | None = None
        self.setObjectName("drawerScreen")

        self.title = title = QLabel(self)
        font = QFont(title.font())
        scale_font(font, 1.4)
        font.setBold(True)
        title.setFont(font)
        self.chooser: DeskChooser | None = None
        if ctx.actor.can("supervisor"):
            self.chooser = DeskChooser(self.home_desk, self)
            self.chooser.deskChanged.connect(self.choose_desk)
        self.status_label = QLabel(self.tr("Loading…"), self)
        self.status_label.setObjectName("drawerStatus")
        self.status_label.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("drawerRefresh")
        self.refresh_button.setToolTip(REFRESH_KEY)
        self.refresh_button.clicked.connect(self.refresh)
        refresh = QShortcut(QKeySequence(REFRESH_KEY), self, self.refresh)
        # Other screens may use the same key: only while this one has the focus.
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.message = QLabel(self)
        self.message.setObjectName("drawerMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.stack = QStackedWidget(self)
        self.closed_page = self._build_closed_page()
        self.open_page = self._build_open_page()
        self.stack.addWidget(self.closed_page)
        self.stack.addWidget(self.open_page)

        top = QHBoxLayout()
        top.addWidget(title, 1)
        if self.chooser is not None:
            top.addWidget(self.chooser)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        self._show_desk()

    # -- construction -----------------------------------------------------

    def _build_closed_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("drawerClosedPage")
        self.open_box = open_box = QGroupBox(self.tr("Open the drawer"), page)
        hint = QLabel(
            self.tr(
                "Count the float by denomination (Enter goes down a row), then open the drawer."
            ),
            open_box,
        )
        hint.setWordWrap(True)
        self.float_count = PiecesEditor("floatCount", open_box)
        self.open_button = QPushButton(self.tr("&Open drawer"), open_box)
        self.open_button.setObjectName("openDrawerButton")
        self.open_button.setAutoDefault(True)
        self.open_button.clicked.connect(self.open_drawer)
        inner = QVBoxLayout(open_box)
        inner.addWidget(hint)
        inner.addWidget(self.float_count)
        inner.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addStretch(1)

        report_box = QGroupBox(self.tr("Day-close report"), page)
        self.report_date = QDateEdit(report_box)
        self.report_date.setObjectName("reportDate")
        self.report_date.setCalendarPopup(True)
        self.report_date.setDisplayFormat("yyyy-MM-dd")
        self.report_date.setDate(QDate.currentDate())
        date_label = QLabel(self.tr("&Date:"), report_box)
        date_label.setBuddy(self.report_date)
        self.report_button = QPushButton(self.tr("Show &report"), report_box)
        self.report_button.setObjectName("showReportButton")
        self.report_button.setAutoDefault(True)
        self.report_button.clicked.connect(self.show_report)
        self.report_view = QPlainTextEdit(report_box)
        self.report_view.setObjectName("dayCloseReport")
        self.report_view.setReadOnly(True)
        self.report_view.setFont(monospace_font())
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_view.setPlaceholderText(
            self.tr("The day-close report appears here (a supervisor's to see).")
        )
        row = QHBoxLayout()
        row.addWidget(date_label)
        row.addWidget(self.report_date)
        row.addWidget(self.report_button)
        row.addStretch(1)
        inner = QVBoxLayout(report_box)
        inner.addLayout(row)
        inner.addWidget(self.report_view, 1)

        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(open_box, 2)
        layout.addWidget(report_box, 3)
        QWidget.setTabOrder(self.float_count, self.open_button)
        QWidget.setTabOrder(self.open_button, self.report_date)
        QWidget.setTabOrder(self.report_date, self.report_button)
        return page

    def _build_open_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("drawerOpenPage")

        held_box = QGroupBox(self.tr("In the drawer now"), page)
        self.expected = PiecesEditor("drawerExpected", held_box, editable=False)
        inner = QVBoxLayout(held_box)
        inner.addWidget(self.expected)
        inner.addStretch(1)

        self.move_box = move_box = QGroupBox(self.tr("Cash in / out"), page)
        self.move_kind = QComboBox(move_box)
        self.move_kind.setObjectName("cashMoveKind")
        self.move_kind.addItem(self.tr("Cash out (e.g. to the bank)"), "cash_out")
        self.move_kind.addItem(self.tr("Cash in (e.g. more change)"), "cash_in")
        kind_label = QLabel(self.tr("&Kind:"), move_box)
        kind_label.setBuddy(self.move_kind)
        self.move_pieces = PiecesEditor("cashMovePieces", move_box)
        self.move_reason = QLineEdit(move_box)
        self.move_reason.setObjectName("cashMoveReason")
        self.move_reason.setMaxLength(MAX_REASON)
        self.move_reason.setPlaceholderText(self.tr("e.g. paid into the bank"))
        self.move_reason.returnPressed.connect(self.move_cash)
        reason_label = QLabel(self.tr("Rea&son:"), move_box)
        reason_label.setBuddy(self.move_reason)
        self.move_button = QPushButton(self.tr("Record cash &in/out"), move_box)
        self.move_button.setObjectName("cashMoveButton")
        self.move_button.setAutoDefault(True)
        self.move_button.clicked.connect(self.move_cash)
        inner = QVBoxLayout(move_box)
        inner.addWidget(kind_label)
        inner.addWidget(self.move_kind)
        inner.addWidget(self.move_pieces)
        inner.addWidget(reason_label)
        inner.addWidget(self.move_reason)
        inner.addWidget(self.move_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addStretch(1)

        self.close_box = close_box = QGroupBox(page)
        count_label = QLabel(self.tr("&Count every denomination:"), close_box)
        self.close_count = PiecesEditor("closeCount", close_box, show_expected=True)
        count_label.setBuddy(self.close_count)
        self.close_note = QLineEdit(close_box)
        self.close_note.setObjectName("closeNote")
        self.close_note.setMaxLength(MAX_REASON)
        self.close_note.setPlaceholderText(self.tr("Needed when the count differs"))
        self.close_note.returnPressed.connect(self.close_drawer)
        note_label = QLabel(self.tr("&Note:"), close_box)
        note_label.setBuddy(self.close_note)
        self.close_button = QPushButton(close_box)
        self.close_button.setObjectName("closeDrawerButton")
        self.close_button.setAutoDefault(True)
        self.close_button.clicked.connect(self.close_drawer)
        form = QFormLayout()
        form.addRow(note_label, self.close_note)
        inner = QVBoxLayout(close_box)
        inner.addWidget(count_label)
        inner.addWidget(self.close_count)
        inner.addLayout(form)
        inner.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addStretch(1)

        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(held_box, 3)
        layout.addWidget(move_box, 4)
        layout.addWidget(close_box, 6)
        for first, second in (
            (self.move_kind, self.move_pieces),
            (self.move_pieces, self.move_reason),
            (self.move_reason, self.move_button),
            (self.move_button, self.close_count),
            (self.close_count, self.close_note),
            (self.close_note, self.close_button),
        ):
            QWidget.setTabOrder(first, second)
        return page

    # -- state ------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # a payment at the cashier screen changes what the drawer holds

    @property
    def field(self) -> bool:
        """True while the screen works on the field desk's cash (上门收费)."""
        return self.desk == FIELD_DESK

    def choose_desk(self, desk: str) -> None:
        """Work on ``desk``'s drawer (this desk's or the field desk's) from now on."""
        if desk == self.desk:
            return
        self.desk = desk
        self.status = None
        self._loaded = False  # the new desk's first answer puts the focus on its page
        self.last_close = None
        for editor in (self.float_count, self.move_pieces, self.close_count):
            editor.clear()
        self.move_reason.clear()
        self.close_note.clear()
        self.report_view.clear()
        self.show_message("", error=False)
        self._show_desk()
        self.status_label.setText(self.tr("Loading…"))
        self.refresh()

    def _show_desk(self) -> None:
        """Titles and parts for the desk: the field desk has no float and no cash in/out."""
        if self.field:
            self.title.setText(self.tr("Field collection cash ({desk})").format(desk=self.desk))
            self.close_box.setTitle(self.tr("Count the cash handed in"))
            self.close_button.setText(self.tr("&Close the field cash"))
        else:
            self.title.setText(self.tr("Cash drawer at desk {desk}").format(desk=self.desk))
            self.close_box.setTitle(self.tr("Day close: count the drawer"))
            self.close_button.setText(self.tr("&Close the day"))
        self.open_box.setVisible(not self.field)
        self.move_box.setVisible(not self.field)

    def refresh(self) -> None:
        """Read the drawer's state again."""
        self._submit(desk_status, self.ctx.db, self.desk, on_done=self._on_status)

    def _on_status(self, answer: tuple[str, DrawerStatus | None]) -> None:
        desk, status = answer
        if desk != self.desk:
            return  # asked before the desk was changed; its own answer follows
        first = not self._loaded
        self._loaded = True
        was_open = self.status is not None
        self.status = status
        if status is None:
            if self.field:
                self.status_label.setText(
                    self.tr(
                        "No field cash is waiting to be handed in. The field desk's session "
                        "opens itself with the first cash collected at a home visit."
                    )
                )
            else:
                self.status_label.setText(
                    self.tr("The drawer at this desk is not open. Count the float to open it.")
                )
            self.stack.setCurrentWidget(self.closed_page)
            if first or was_open:
                if self.field:
                    self.report_date.setFocus(Qt.FocusReason.OtherFocusReason)
                else:
                    self.float_count.focus_first()
            return
        self.status_label.setText(self._open_text(status))
        self.expected.set_pieces(status.expected_pieces)
        self.close_count.set_expected(status.expected_pieces)
        self.stack.setCurrentWidget(self.open_page)
        if first or not was_open:
            if self.field:
                self.close_count.focus_first()
            else:
                self.move_kind.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_text(self, status: DrawerStatus) -> str:
        opened = status.opened_at.astimezone().strftime("%H:%M")
        day = status.business_date.isoformat()
        amount = format_fen(status.expected_fen)
        earlier = status.business_date != date.today()
        if self.field:
            text = self.tr(
                "Field cash since {time} (first collected by {staff_no}), business day {day}: "
                "{amount} should be handed in."
            ).format(time=opened, staff_no=status.opened_by, day=day, amount=amount)
            if earlier:
                text += " " + self.tr("It is from an earlier day: count it and close it.")
            return text
        text = self.tr(
            "Open since {time} by {staff_no}, business day {day}; it should hold {amount}."
        ).format(time=opened, staff_no=status.opened_by, day=day, amount=amount)
        if earlier:
            text += " " + self.tr("It is from an earlier day: close it before taking cash today.")
        return text

    # -- actions ----------------------------------------------------------

    def open_drawer(self) -> None:
        """Open the desk's drawer for today with the counted float."""
        pieces = self.float_count.pieces()
        self._busy_button(self.open_button, True)
        self._submit(
            open_drawer,
            self.ctx.db,
            self.ctx.actor,
            self.desk,
            pieces,
            today=date.today(),
            on_done=self._on_opened,
        )
        self._float_total = sum(d.value_fen * n for d, n in pieces.items())

    def _on_opened(self, _session_id: int) -> None:
        self._busy_button(self.open_button, False)
        total = self._float_total
        self.show_message(
            self.tr("The drawer is open with a float of {amount}.").format(
                amount=format_fen(total)
            ),
            error=False,
        )
        self.float_count.clear()
        self.close_count.clear()
        self.close_note.clear()
        self.refresh()

    def move_cash(self) -> None:
        """Record cash put into or taken out of the drawer."""
        kind = str(self.move_kind.currentData())
        pieces = self.move_pieces.pieces()
        reason = self.move_reason.text()
        self._busy_button(self.move_button, True)
        self._submit(
            move_cash,
            self.ctx.db,
            self.ctx.actor,
            self.desk,
            kind,
            pieces,
            reason,
            on_done=self._on_moved,
        )
        self._move = (kind, pieces, reason)

    def _on_moved(self, _result: None) -> None:
        self._busy_button(self.move_button, False)
        kind, pieces, reason = self._move
        amount = format_fen(sum(d.value_fen * n for d, n in pieces.items()))
        if kind == "cash_in":
            text = self.tr("Put {amount} into the drawer ({reason}).")
        else:
            text = self.tr("Took {amount} out of the drawer ({reason}).")
        self.show_message(text.format(amount=amount, reason=reason.strip()), error=False)
        self.move_pieces.clear()
        self.move_reason.clear()
        self.move_kind.setFocus()
        self.refresh()

    def close_drawer(self) -> None:
        """Close the day: confirm, or ask a supervisor when the difference needs one."""
        if self.status is None:
            self.refresh()
            return
        counted = self.close_count.pieces()
        note = self.close_note.text().strip()
        count = compare_count(self.status.expected_pieces, counted)
        tolerance = self.ctx.config.cashier.close_tolerance_fen
        summary = self.tr("Expected {expected}, counted {counted}: {difference}.").format(
            expected=format_fen(count.expected_fen),
            counted=format_fen(count.counted_fen),
            difference=difference_words(count.difference_fen),
        )
        if not needs_supervisor(count.difference_fen, tolerance):
            self._confirm_close(counted, note, summary)
            return
        if not note:
            self.show_message(
                self.tr(
                    "{summary} A difference of more than {tolerance} needs a note saying why "
                    "and a supervisor's approval."
                ).format(summary=summary, tolerance=format_fen(tolerance))
            )
            self.close_note.setFocus()
            return
        if self.ctx.actor.can("supervisor"):
            self._confirm_close(counted, note, summary)
            return
        prompt = self.tr(
            "{summary} This is more than the {tolerance} allowed, so a supervisor must approve "
            "the day close. After it the desk takes no more cash today."
        ).format(summary=summary, tolerance=format_fen(tolerance))
        dialog = SupervisorAuthDialog(
            self.ctx.app, self, title=self.tr("Approve the drawer difference"), prompt=prompt
        )
        dialog.authorized.connect(
            lambda approver, _reason: self._submit_close(counted, note, approver)
        )
        self.auth_dialog = dialog
        dialog.open()

    def _confirm_close(self, counted: Mapping[Denomination, int], note: str, summary: str) -> None:
        if self.field:
            question = self.tr("Close the field cash handed in? {summary}")
            after = self.tr("The next cash collected at a home visit opens a new session.")
        else:
            question = self.tr("Close the drawer for today? {summary}")
            after = self.tr("After the day close this desk takes no more cash today.")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Close the day"),
            question.format(summary=summary),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("closeConfirm")
        box.setInformativeText(after)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: Any) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self._submit_close(counted, note, None)

        box.buttonClicked.connect(answered)
        self.confirm_box = box
        box.open()

    def _submit_close(
        self, counted: Mapping[Denomination, int], note: str, approver: Actor | None
    ) -> None:
        self._busy_button(self.close_button, True)
        self._submit(
            close_drawer,
            self.ctx.db,
            self.ctx.actor,
            self.desk,
            counted,
            note=note,
            approver=approver,
            tolerance_fen=self.ctx.config.cashier.close_tolerance_fen,
            on_done=self._on_closed,
            on_error=self._close_failed,
        )
        self._approver = approver

    def _close_failed(self, error: BaseException) -> None:
        self._on_error(error)
        self.refresh()  # e.g. closed meanwhile elsewhere: show what is true now

    def _on_closed(self, result: CloseResult) -> None:
        self._busy_button(self.close_button, False)
        approver = self._approver
        self.last_close = result
        if result.desk == FIELD_DESK:
            done = self.tr(
                "The field cash of {day} is closed: expected {expected}, counted {counted}, "
                "{difference}."
            )
        else:
            done = self.tr(
                "The day is closed for {day}: expected {expected}, counted {counted}, {difference}."
            )
        self.show_message(
            done.format(
                day=result.business_date.isoformat(),
                expected=format_fen(result.expected_fen),
                counted=format_fen(result.counted_fen),
                difference=difference_words(result.difference_fen),
            ),
            error=False,
        )
        self.close_count.clear()
        self.close_note.clear()
        self.report_date.setDate(QDate(result.business_date))
        reader = approver if approver is not None else self.ctx.actor
        if reader.can("supervisor"):
            self._fetch_report(reader, result.business_date, result.desk)
        else:
            self.report_view.setPlainText("\n".join(self.close_summary(result)))
        self.refresh()

    def close_summary(self, result: CloseResult) -> list[str]:
        """The closing count as text lines (what a cashier sees after the day close)."""
        lines = [
            self.tr("Day close {day} · desk {desk}").format(
                day=result.business_date.isoformat(), desk=result.desk
            ),
            "",
            pad_to(self.tr("Denomination"), 14)
            + pad_to(self.tr("Expected"), 10)
            + pad_to(self.tr("Counted"), 10)
            + self.tr("Difference"),
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
            self.tr("Expected {expected} · counted {counted} · {difference}").format(
                expected=format_fen(result.expected_fen),
                counted=format_fen(result.counted_fen),
                difference=difference_words(result.difference_fen),
            ),
        ]
        if result.approved_by:
            lines.append(
                self.tr("Difference approved by {staff_no}").format(staff_no=result.approved_by)
            )
        if result.note:
            lines.append(self.tr("Note: {note}").format(note=result.note))
        lines += [
            "",
            self.tr(
                "The full day-close report (totals by method and fee item, receipt numbers, "
                "voids, refunds) is a supervisor's to see: press Show report."
            ),
        ]
        return lines

    def show_report(self) -> None:
        """Show the report of the chosen date: a supervisor's act (authorised in place)."""
        on = self.report_date.date().toPython()
        assert isinstance(on, date)
        if self.ctx.actor.can("supervisor"):
            self._fetch_report(self.ctx.actor, on)
            return
        dialog = SupervisorAuthDialog(
            self.ctx.app,
            self,
            title=self.tr("Day-close report"),
            prompt=self.tr(
                "The day-close report of {day} is a supervisor's to see: a supervisor "
                "authorises showing it."
            ).format(day=on.isoformat()),
        )
        dialog.authorized.connect(lambda approver, _reason: self._fetch_report(approver, on))
        self.auth_dialog = dialog
        dialog.open()

    def _fetch_report(self, reader: Actor, on: date, desk: str | None = None) -> None:
        self._busy_button(self.report_button, True)
        self._submit(
            day_close_report,
            self.ctx.db,
            reader,
            on=on,
            desk=desk or self.desk,
            on_done=self._on_report,
        )

    def _on_report(self, report: DayCloseReport) -> None:
        self._busy_button(self.report_button, False)
        self.report_view.setPlainText("\n".join(report_text(report)))

    # -- helpers ----------------------------------------------------------

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet("color: #b00020; font-weight: bold;" if error else "")
        self.message.setText(text)

    def _submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("on_error", self._on_error)
        self.ctx.tasks.submit(fn, *args, **kwargs)

    def _on_error(self, error: BaseException) -> None:
        for button in (self.open_button, self.move_button, self.close_button, self.report_button):
            self._busy_button(button, False)
        if isinstance(error, FrontdeskError):
            self.show_message(str(error))
            return
        log.error("drawer screen: unexpected error", exc_info=error)
        self.show_message(
            self.tr("Unexpected error: {error}. See the log file for details.").format(
                error=type(error).__name__
            )
        )

    @staticmethod
    def _busy_button(button: QPushButton, busy: bool) -> None:
        button.setEnabled(not busy)
