"""Screen F8 "Home visits" against a real database: agenda, the day before, leaving, outcome.

The office here works every day from 00:00 to 23:59 with no lunch break, so
the tests do not depend on the weekday or the hour they run at; visits are
booked "yesterday" (``now=``) so that today's are allowed without a same-day
reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.config import Config
from frontdesk.domain.fees import add_months, period_label
from frontdesk.domain.workcalendar import OfficeCalendar, from_local
from frontdesk.services import visits
from frontdesk.services.users import Actor
from frontdesk.services.visits import VisitRequest, VisitRow
from frontdesk.storage.database import Database
from frontdesk.storage.models import Bill, HomeVisit
from frontdesk.ui.context import AppContext
from frontdesk.ui.login.dialog import LoginDialog
from frontdesk.ui.visits.agenda_model import VisitsModel
from frontdesk.ui.visits.outcome_dialog import VisitOutcomeDialog
from frontdesk.ui.visits.screen import VisitsScreen
from tests.factories import (
    STAFF_PASSWORD,
    bill_household,
    make_fee_item,
    make_household,
    make_staff,
)
from tests.ui.conftest import log_in

SUPERVISOR = ("S001", "李主管", "supervisor", STAFF_PASSWORD)


def _months_back(n: int) -> str:
    today = date.today()
    return period_label(*add_months(today.year, today.month, -n))


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return from_local(datetime.combine(day, time(hh, mm)))


@dataclass
class Office:
    db: Database
    config: Config
    supervisor: Actor
    clerk: Actor
    goer: Actor
    other: Actor
    households: list[int]

    @property
    def calendar(self) -> OfficeCalendar:
        return OfficeCalendar.from_settings(self.config.office)

    def book(self, household: int, when: datetime, goer: Actor | None = None) -> VisitRow:
        request = VisitRequest(
            household_id=household,
            staff_id=(goer or self.goer).staff_id,
            scheduled_at=when,
            expected_amount_fen=visits.default_expected_fen(self.db, household, on=date.today()),
            reason="owner_asked",
        )
        yesterday = datetime.combine(date.today() - timedelta(days=1), time(0, 5))
        return visits.book_visit(
            self.db,
            self.clerk,
            request,
            now=from_local(yesterday),
            calendar=self.calendar,
            settings=self.config.visits,
        )


@pytest.fixture
def office(gui_config: Config, app_db: Database) -> Office:
    gui_config.office.working_days = [1, 2, 3, 4, 5, 6, 7]
    gui_config.office.opens = "00:00"
    gui_config.office.closes = "23:59"
    gui_config.office.lunch_start = "12:00"
    gui_config.office.lunch_end = "12:00"
    supervisor = make_staff(app_db, SUPERVISOR[0], "supervisor", SUPERVISOR[1])
    clerk = make_staff(app_db, "K001", "clerk", "王客服")
    goer = make_staff(app_db, "F001", "cashier", "赵强")
    other = make_staff(app_db, "F002", "clerk", "孙丽")
    make_fee_item(app_db, supervisor, "WYF", "物业管理费", "area_monthly", "2.50")
    periods = [_months_back(n) for n in (3, 2)]
    households = []
    for room, owner, area in (("1-1-101", "刘兵", "89.60"), ("1-1-102", "王芳", "60.00")):
        household = make_household(app_db, room, owner, area, phones=("13800001234",))
        bill_household(app_db, supervisor, household, periods)
        households.append(household)
    return Office(app_db, gui_config, supervisor, clerk, goer, other, households)


@dataclass
class Opened:
    """The F8 screen in a logged-in main window (the buttons' Alt+letter keys need it)."""

    screen: VisitsScreen
    ctx: AppContext


@pytest.fixture
def open_f8(
    qtbot: QtBot, start: Callable[[Config], LoginDialog], office: Office
) -> Callable[[Actor], Opened]:
    def _open(actor: Actor) -> Opened:
        window = log_in(qtbot, start(office.config), (actor.staff_no, "", "", STAFF_PASSWORD))
        window.resize(1280, 800)
        qtbot.keyClick(window, Qt.Key.Key_F8)
        screen = window.current_screen()
        assert isinstance(screen, VisitsScreen)
        idle(qtbot, window.context)
        return Opened(screen, window.context)

    return _open


def idle(qtbot: QtBot, ctx: AppContext) -> None:
    qtbot.waitUntil(lambda: not ctx.tasks.busy)


def astuple_opened(opened: Opened) -> tuple[VisitsScreen, AppContext]:
    return opened.screen, opened.ctx


def alt(qtbot: QtBot, screen: VisitsScreen, key: Qt.Key) -> None:
    """Press Alt+letter; the button's click is animated, so wait for the work it starts."""
    qtbot.keyClick(screen, key, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(150)
    qtbot.waitUntil(lambda: not screen.ctx.tasks.busy)


def status_of(db: Database, visit_id: int) -> str:
    with db.read() as s:
        return str(s.scalar(select(HomeVisit.status).where(HomeVisit.id == visit_id)))


def test_the_agenda_shows_the_day_and_the_week_for_one_person_or_everyone(
    qtbot: QtBot, open_f8: Callable[[Actor], Opened], office: Office
) -> None:
    today = date.today()
    mine = office.book(office.households[0], at(today, 10))
    office.book(office.households[1], at(today, 14), goer=office.other)
    office.book(office.households[1], at(today + timedelta(days=1), 9))
    screen, ctx = astuple_opened(open_f8(office.clerk))
    ModelTester(qtbot).check(screen.model)
    assert [v.room for v in screen.model.visits()] == ["1-1-101", "1-1-102"]
    assert screen.table.isColumnHidden(VisitsModel.DAY)
    assert screen.selected() is not None and screen.selected().id == mine.id  # type: ignore[union-attr]
    assert "1-1-101" in screen.panel.detail.toPlainText()
    assert "2 visit(s)" in screen.summary.text()

    # One person: the other person's visit goes.
    screen.staff_combo.setCurrentIndex(screen.staff_combo.findData(office.goer.staff_id))
    idle(qtbot, ctx)
    assert [v.id for v in screen.model.visits()] == [mine.id]
    # Alt+Right: the next day.
    qtbot.keyClick(screen.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    idle(qtbot, ctx)
    assert screen.current_day() == today + timedelta(days=1)
    assert [v.room for v in screen.model.visits()] == ["1-1-102"]
    # The week view of everyone holds all three, with the day column shown.
    screen.staff_combo.setCurrentIndex(0)
    screen.mode.setCurrentIndex(screen.mode.findData("week"))
    idle(qtbot, ctx)
    monday = today - timedelta(days=today.weekday())
    expected = [v for v in (today, today, today + timedelta(days=1)) if v < monday + timedelta(7)]
    assert len(screen.model.visits()) == len(expected)
    assert not screen.table.isColumnHidden(VisitsModel.DAY)
    # Ctrl+T: back to today.
    qtbot.keyClick(screen.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, ctx)
    assert screen.current_day() == today


def test_to_confirm_lists_the_next_working_days_booked_visits(
    qtbot: QtBot, open_f8: Callable[[Actor], Opened], office: Office
) -> None:
    tomorrow = date.today() + timedelta(days=1)
    first = office.book(office.households[0], at(tomorrow, 10))
    second = office.book(office.households[1], at(tomorrow, 11))
    visits.confirm_visit(office.db, office.clerk, second.id)
    screen, ctx = astuple_opened(open_f8(office.clerk))
    screen.show_work("visits_to_confirm")
    idle(qtbot, ctx)
    assert screen.current_mode() == "confirm"
    assert [v.id for v in screen.model.visits()] == [first.id]
    # Confirmed by phone (Alt+O): it leaves the list.
    assert screen.panel.confirm_button.isEnabled()
    alt(qtbot, screen, Qt.Key.Key_O)
    assert status_of(office.db, first.id) == "confirmed"
    assert screen.model.rowCount() == 0


def test_before_leaving_the_call_and_the_whole_checklist_are_needed(
    qtbot: QtBot, open_f8: Callable[[Actor], Opened], office: Office
) -> None:
    visit = office.book(office.households[0], at(date.today(), 10))
    visits.confirm_visit(office.db, office.clerk, visit.id)
    screen, ctx = astuple_opened(open_f8(office.goer))
    panel = screen.panel
    assert panel.visit is not None and panel.visit.status == "confirmed"
    assert not panel.leave_button.isEnabled()
    # Alt+L: called before leaving.
    alt(qtbot, screen, Qt.Key.Key_L)
    assert screen.panel.visit is not None and screen.panel.visit.departure_call == "done"
    # Four of five items ticked from the keyboard: still not ready.
    for item in ("staff_id", "change", "detector", "receipts"):
        box = panel.checks[item]
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    assert panel.save_checklist_button.isEnabled() and not panel.leave_button.isEnabled()
    alt(qtbot, screen, Qt.Key.Key_K)  # save checklist
    assert visits.get_visit(office.db, visit.id).checklist == (
        "staff_id",
        "change",
        "detector",
        "receipts",
    )
    assert "鞋套" in panel.detail.toPlainText() or "Shoe covers" in panel.detail.toPlainText()
    # Leaving without the shoe covers is refused by the service too, with a message.
    screen.leave(visit.id, ("staff_id",))
    idle(qtbot, ctx)
    assert "鞋套" in screen.message.text()
    assert status_of(office.db, visit.id) == "confirmed"
    box = panel.checks["shoe_covers"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert panel.leave_button.isEnabled()
    alt(qtbot, screen, Qt.Key.Key_V)  # leave now
    assert status_of(office.db, visit.id) == "out"
    assert screen.panel.visit is not None and screen.panel.visit.status == "out"
    assert screen.panel.outcome_button.isEnabled()
    assert not screen.panel.leave_button.isEnabled()

    # Back with the money: Enter in the list opens the outcome, Ctrl+Enter records it.
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(screen.dialog, VisitOutcomeDialog))
    dialog = screen.dialog
    assert isinstance(dialog, VisitOutcomeDialog)
    qtbot.waitExposed(dialog)
    idle(qtbot, ctx)
    assert dialog.current_choice() == "collected"
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "receipt" in screen.message.text())
    idle(qtbot, ctx)
    row = visits.get_visit(office.db, visit.id)
    assert row.status == "done" and row.receipt_no.startswith("F")
    assert row.receipt_no in screen.message.text()
    with office.db.read() as s:
        bills = s.scalars(select(Bill.status).where(Bill.household_id == office.households[0]))
        assert set(bills) == {"paid"}
    assert screen.selected() is not None and screen.selected().status == "done"  # type: ignore[union-attr]


def test_the_float_is_planned_for_one_persons_day(
    qtbot: QtBot, open_f8: Callable[[Actor], Opened], office: Office
) -> None:
    office.book(office.households[0], at(date.today(), 10))  # 2 × 224.00 = 448.00
    office.book(office.households[1], at(date.today(), 15))  # 2 × 150.00 = 300.00
    screen, ctx = astuple_opened(open_f8(office.clerk))
    assert (
        "Choose a person" in screen.float_box.hint.text() and not screen.float_box.panel.isVisible()
    )
    screen.staff_combo.setCurrentIndex(screen.staff_combo.findData(office.goer.staff_id))
    idle(qtbot, ctx)
    # 448 is paid with 500 (52 change), 300 exactly.
    assert screen.float_box.panel.total.text() == "Float: ¥52.00 in 3 piece(s), for 2 visit(s)"
    assert screen.float_box.panel.table.rowCount() == 2
    assert screen.float_box.panel.isVisible() and not screen.float_box.hint.isVisible()
    # The other person has nothing on this day.
    screen.staff_combo.setCurrentIndex(screen.staff_combo.findData(office.other.staff_id))
    idle(qtbot, ctx)
    assert "No visits" in screen.float_box.hint.text() and not screen.float_box.panel.isVisible()


def test_f8_opens_the_screen_for_every_role(
    open_f8: Callable[[Actor], Opened], office: Office
) -> None:
    opened = open_f8(office.clerk)
    assert opened.screen.objectName() == "visitsScreen"


def test_a_promise_on_a_call_books_a_home_visit_with_the_keyboard(
    qtbot: QtBot, start: Callable[[Config], LoginDialog], office: Office
) -> None:
    from frontdesk.storage.models.calls import FeeCall
    from frontdesk.ui.calls.screen import CallsScreen
    from frontdesk.ui.visits.booking_dialog import BookVisitDialog

    window = log_in(qtbot, start(office.config), SUPERVISOR)
    ctx = window.context
    qtbot.keyClick(window, Qt.Key.Key_F11)
    calls_screen = window.current_screen()
    assert isinstance(calls_screen, CallsScreen)
    idle(qtbot, ctx)
    qtbot.keyClick(calls_screen, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # plan calls
    qtbot.waitUntil(lambda: calls_screen.model.rowCount() == 2)
    qtbot.waitUntil(lambda: calls_screen.script is not None)
    idle(qtbot, ctx)
    call = calls_screen.selected()
    assert call is not None and call.room == "1-1-101"
    # Ctrl+5: the owner promises to pay; Enter records it.
    qtbot.keyClick(calls_screen.table, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(calls_screen.reason, "owner asked")
    qtbot.keyClick(calls_screen.reason, Qt.Key.Key_Return)
    idle(qtbot, ctx)
    # The promised call is listed under "Promised"; from there Alt+V books the visit.
    calls_screen.filter.setCurrentIndex(1)
    qtbot.waitUntil(lambda: calls_screen.model.rowCount() == 1)
    qtbot.waitUntil(lambda: calls_screen.book_visit_button.isEnabled())
    qtbot.keyClick(calls_screen, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(window.current_screen(), VisitsScreen))
    screen = window.current_screen()
    assert isinstance(screen, VisitsScreen)
    qtbot.waitUntil(lambda: isinstance(screen.dialog, BookVisitDialog))
    dialog = screen.dialog
    assert isinstance(dialog, BookVisitDialog)
    qtbot.waitExposed(dialog)
    idle(qtbot, ctx)
    assert dialog.search is None and "1-1-101" in dialog.household_label.text()
    assert dialog.fields.reason.currentData() == "overdue"
    assert dialog.fields.amount.text() == "448.00"
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "booked" in screen.message.text())
    idle(qtbot, ctx)
    with office.db.read() as s:
        [visit] = s.scalars(select(HomeVisit))
        linked = s.get_one(FeeCall, call.call_id)
        assert visit.source_call_id == call.call_id and linked.visit_id == visit.id
        assert (visit.reason, visit.expected_fen, visit.status) == ("overdue", 44800, "booked")
    # The agenda moved to the visit's day and selected it.
    assert screen.selected() is not None and screen.selected().id == visit.id  # type: ignore[union-attr]


def _row(status: str, when: datetime) -> VisitRow:
    return VisitRow(
        id=1, household_id=1, room="1-1-101", owner="刘兵", staff_id=1, staff_no="F001",
        staff_name="赵强", scheduled_at=when, duration_minutes=30, status=status,
        reason="overdue", expected_fen=44800, same_day=False, same_day_reason="",
        booked_at=when, booked_by="K001", departure_call="done", checklist=(),
        collected_fen=None, receipt_no="", cancel_reason="", note="",
        rescheduled_from_id=None, source_call_id=None,
    )  # fmt: skip


def test_the_agenda_flags_visits_whose_time_passed_and_outings_never_recorded(
    qtbot: QtBot,
) -> None:
    model = VisitsModel()
    now = from_local(datetime.combine(date.today(), time(12, 0)))
    earlier_today = now - timedelta(hours=2)
    yesterday = now - timedelta(days=1)
    model.set_visits(
        [
            _row("booked", earlier_today),
            _row("out", earlier_today),  # out this morning: still on its way
            _row("out", yesterday),  # out since yesterday: the outcome was never recorded
            _row("done", yesterday),
        ],
        now=now,
    )
    texts = [model.index(r, VisitsModel.STATUS).data() for r in range(4)]
    assert texts == [
        "Booked — time passed",
        "Out",
        "Out — outcome not recorded",
        "Collected",
    ]
    red = [model.index(r, VisitsModel.ROOM).data(Qt.ItemDataRole.ForegroundRole) for r in range(4)]
    assert red[0] is not None and red[1] is None and red[2] is not None


def test_the_summary_counts_a_rescheduled_visit_once(
    qtbot: QtBot, open_f8: Callable[[Actor], Opened], office: Office
) -> None:
    tomorrow = date.today() + timedelta(days=1)
    first = office.book(office.households[0], at(tomorrow, 9))  # ¥448.00
    visits.reschedule_visit(
        office.db,
        office.clerk,
        first.id,
        at(tomorrow, 15),
        "业主下午在家",
        calendar=office.calendar,
        settings=office.config.visits,
    )
    cancelled = office.book(office.households[1], at(tomorrow, 11))
    visits.cancel_visit(office.db, office.clerk, cancelled.id, "业主已转账")
    screen, ctx = astuple_opened(open_f8(office.clerk))
    screen.step(1)
    idle(qtbot, ctx)
    assert [v.status for v in screen.model.visits()] == ["rescheduled", "cancelled", "booked"]
    assert screen.summary.text() == "1 visit(s), ¥448.00 expected"
