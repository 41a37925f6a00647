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

The boxes (:mod:`.open_box`, :mod:`.move_box`, :mod:`.close_box`,
:mod:`.report_box`) only show and forward; this screen lays them out, decides
who must approve, sends each action to the database worker and shows the
answer. The boxes' fields are also the screen's attributes (``screen.float_count``,
``screen.close_note``, ``screen.report_view``…).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.dayclose import DayCloseReport, compare_count, needs_supervisor
from frontdesk.domain.money import Denomination, format_fen
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
from frontdesk.ui.drawer.close_box import CloseCountBox, close_confirm_box
from frontdesk.ui.drawer.desk_chooser import FIELD_DESK, DeskChooser
from frontdesk.ui.drawer.move_box import CashMoveBox
from frontdesk.ui.drawer.open_box import OpenDrawerBox
from frontdesk.ui.drawer.report_box import DayCloseReportBox
from frontdesk.ui.drawer.status_text import closed_status_text, open_status_text
from frontdesk.ui.pieces import PiecesEditor, difference_words
from frontdesk.ui.widgets import scale_font

if TYPE_CHECKING:
    from frontdesk.storage.database import Database

log = logging.getLogger(__name__)

REFRESH_KEY = "Ctrl+R"


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
        self.open_box = OpenDrawerBox(page)
        self.open_box.openRequested.connect(self.open_drawer)
        self.float_count = self.open_box.float_count
        self.open_button = self.open_box.open_button

        self.report_box = DayCloseReportBox(page)
        self.report_box.reportRequested.connect(self.show_report)
        self.report_date = self.report_box.report_date
        self.report_button = self.report_box.report_button
        self.report_view = self.report_box.report_view

        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.open_box, 2)
        layout.addWidget(self.report_box, 3)
        QWidget.setTabOrder(self.float_count, self.open_button)
        QWidget.setTabOrder(self.open_button, self.report_date)
        QWidget.setTabOrder(self.report_date, self.report_button)
        return page

    def _build_open_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("drawerOpenPage")

        held_box = QGroupBox(self.tr("In the drawer now"), page)
        self.held_box = held_box
        self.expected = PiecesEditor("drawerExpected", held_box, editable=False)
        inner = QVBoxLayout(held_box)
        inner.addWidget(self.expected)
        inner.addStretch(1)

        self.move_box = CashMoveBox(page)
        self.move_box.moveRequested.connect(self.move_cash)
        self.move_kind = self.move_box.move_kind
        self.move_pieces = self.move_box.move_pieces
        self.move_reason = self.move_box.move_reason
        self.move_button = self.move_box.move_button

        self.close_box = CloseCountBox(page)
        self.close_box.closeRequested.connect(self.close_drawer)
        self.close_count = self.close_box.close_count
        self.close_note = self.close_box.close_note
        self.close_button = self.close_box.close_button

        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(held_box, 3)
        layout.addWidget(self.move_box, 4)
        layout.addWidget(self.close_box, 6)
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
        if self.chooser is not None:
            self.chooser.select(desk)
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
        else:
            self.title.setText(self.tr("Cash drawer at desk {desk}").format(desk=self.desk))
        self.close_box.show_desk(self.field)
        self.open_box.setVisible(not self.field)
        self.move_box.setVisible(not self.field)
        # Field cash is handed in as a total: its notes and coins were never counted
        # at the door, so the pieces "expected" are a guess and are not shown.
        self.close_count.compare_by_piece(not self.field)
        self.expected.view.setVisible(not self.field)
        self.held_box.setTitle(
            self.tr("To be handed in") if self.field else self.tr("In the drawer now")
        )

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
            self.status_label.setText(closed_status_text(self.field))
            self.stack.setCurrentWidget(self.closed_page)
            if first or was_open:
                if self.field:
                    self.report_date.setFocus(Qt.FocusReason.OtherFocusReason)
                else:
                    self.float_count.focus_first()
            return
        self.status_label.setText(open_status_text(status, self.field, date.today()))
        self.expected.set_pieces(status.expected_pieces)
        self.close_count.set_expected(status.expected_pieces)
        self.stack.setCurrentWidget(self.open_page)
        if first or not was_open:
            if self.field:
                self.close_count.focus_first()
            else:
                self.move_kind.setFocus(Qt.FocusReason.OtherFocusReason)

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
        self.move_box.clear()
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
        box = close_confirm_box(self, self.field, summary)

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
        self.close_box.clear()
        self.report_date.setDate(QDate(result.business_date))
        reader = approver if approver is not None else self.ctx.actor
        if reader.can("supervisor"):
            self._fetch_report(reader, result.business_date, result.desk)
        else:
            self.report_box.show_close_summary(result)
        self.refresh()

    def show_report(self) -> None:
        """Show the report of the chosen date: a supervisor's act (authorised in place)."""
        on = self.report_box.chosen_date()
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
        self.report_box.show_report(report)

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
