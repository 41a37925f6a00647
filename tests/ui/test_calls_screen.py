"""Screen F11 "Overdue calls" and the home page's Today's work, against a real database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from frontdesk.config import Config
from frontdesk.domain.fees import add_months, period_label
from frontdesk.services.calls import call_queue, plan_calls
from frontdesk.services.users import Actor
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models.calls import FeeCall, FeeCallAttempt
from frontdesk.ui.calls.model import CallsModel
from frontdesk.ui.calls.screen import CallsScreen
from frontdesk.ui.context import AppContext, ScreenContext
from frontdesk.ui.login.dialog import LoginDialog
from frontdesk.ui.main.window import MainWindow
from frontdesk.ui.tasks import TaskRunner
from tests.factories import (
    STAFF_PASSWORD,
    bill_household,
    make_fee_item,
    make_household,
    make_staff,
)
from tests.ui.conftest import log_in

SUPERVISOR = ("S001", "李主管", "supervisor", STAFF_PASSWORD)
CLERK = ("K001", "王客服", "clerk", STAFF_PASSWORD)


def _months_back(n: int) -> str:
    today = date.today()
    return period_label(*add_months(today.year, today.month, -n))


@dataclass
class Office:
    db: Database
    config: Config
    supervisor: Actor
    clerk: Actor


@pytest.fixture
def office(gui_config: Config, app_db: Database) -> Office:
    supervisor = make_staff(app_db, SUPERVISOR[0], "supervisor", SUPERVISOR[1])
    clerk = make_staff(app_db, CLERK[0], "clerk", CLERK[1])
    make_fee_item(app_db, supervisor, "WYF", "物业管理费", "area_monthly", "2.50")
    periods = [_months_back(n) for n in (5, 4, 3)]
    big = make_household(app_db, "1-1-101", "刘兵", "89.60", phones=("13800001234",))
    bill_household(app_db, supervisor, big, [*periods, _months_back(2)])
    small = make_household(app_db, "1-1-102", "王芳", "60.00", phones=("13900005678",))
    bill_household(app_db, supervisor, small, periods)
    return Office(app_db, gui_config, supervisor, clerk)


@pytest.fixture
def ctx(office: Office) -> Iterator[AppContext]:
    tasks = TaskRunner("db")
    yield AppContext(office.config, office.db, tasks)
    tasks.shutdown(wait=True)


def idle(qtbot: QtBot, ctx: AppContext) -> None:
    qtbot.waitUntil(lambda: not ctx.tasks.busy)


def show_screen(qtbot: QtBot, ctx: AppContext, actor: Actor) -> CallsScreen:
    screen = CallsScreen(ScreenContext(ctx, actor))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    idle(qtbot, ctx)
    return screen


def attempts(db: Database) -> list[FeeCallAttempt]:
    with db.read() as s:
        rows = list(s.scalars(select(FeeCallAttempt).order_by(FeeCallAttempt.id)))
        s.expunge_all()
        return rows


def test_a_supervisor_plans_and_records_a_promise_with_the_keyboard(
    qtbot: QtBot, start: Callable[[Config], LoginDialog], office: Office
) -> None:
    window = log_in(qtbot, start(office.config), SUPERVISOR)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    screen = window.current_screen()
    assert isinstance(screen, CallsScreen) and screen.objectName() == "callsScreen"
    ctx = window.context
    idle(qtbot, ctx)
    assert screen.model.rowCount() == 0
    qtbot.keyClick(screen, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # &Plan calls
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    idle(qtbot, ctx)
    # Largest amount first; the list masks the phone, the script shows it in full.
    assert screen.model.call(0).room == "1-1-101"  # type: ignore[union-attr]
    assert screen.table.model().index(0, CallsModel.PHONE).data() == "138****1234"
    qtbot.waitUntil(lambda: screen.script is not None)
    text = screen.script_view.toPlainText()
    assert "13800001234" in text and "2.50 ¥/m²/月 × 89.60 m² = 224.00" in text
    assert "¥896.00" in text
    assert screen.promise_amount.text() == "896.00"

    # Ctrl+5: promise; the amount typed, a reason (the test may run outside the window), Enter.
    qtbot.keyClick(screen.table, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert screen.outcome.currentData() == "promise"
    screen.promise_amount.setFocus()
    screen.promise_amount.selectAll()
    qtbot.keyClicks(screen.promise_amount, "500")
    qtbot.keyClicks(screen.reason, "owner asked")
    qtbot.keyClick(screen.reason, Qt.Key.Key_Return)
    idle(qtbot, ctx)
    [row] = attempts(office.db)
    assert (row.outcome, row.promised_amount_fen, row.staff_no) == ("promise", 50000, "S001")
    assert row.promised_on == date.today() + timedelta(days=1)
    assert "1-1-101" in screen.message.text()
    # The promised call left the "to call" list; the next one is selected.
    assert [c.room for c in screen.model.calls()] == ["1-1-102"]
    assert screen.selected() is not None and screen.selected().room == "1-1-102"  # type: ignore[union-attr]


def test_a_clerk_records_no_answer_and_sees_no_plan_button(
    qtbot: QtBot, ctx: AppContext, office: Office
) -> None:
    plan_calls(office.db, office.supervisor, calls=office.config.calls, office=office.config.office)
    screen = show_screen(qtbot, ctx, office.clerk)
    assert not screen.plan_button.isVisible() and not screen.close_button.isVisible()
    assert screen.model.rowCount() == 2
    qtbot.waitUntil(lambda: screen.script is not None)
    qtbot.keyClick(screen.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert screen.outcome.currentData() == "no_answer"
    assert not screen.promise_amount.isEnabled()
    qtbot.keyClicks(screen.reason, "test")
    qtbot.keyClick(screen.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, ctx)
    [row] = attempts(office.db)
    assert (row.outcome, row.staff_no, row.reason) == ("no_answer", "K001", "test")
    with office.db.read() as s:
        call = s.get(FeeCall, row.call_id)
        assert call is not None and call.status == "open" and call.attempts == 1


def test_bad_input_shows_a_message_and_records_nothing(
    qtbot: QtBot, ctx: AppContext, office: Office
) -> None:
    plan_calls(office.db, office.supervisor, calls=office.config.calls, office=office.config.office)
    screen = show_screen(qtbot, ctx, office.clerk)
    qtbot.waitUntil(lambda: screen.script is not None)
    screen.outcome.setCurrentIndex(4)  # promise
    screen.promise_amount.setText("abc")
    screen.reason.setText("测试")
    screen.record()
    idle(qtbot, ctx)
    assert "承诺金额" in screen.message.text()
    assert attempts(office.db) == []
    assert screen.record_button.isEnabled()


def test_a_supervisor_closes_an_escalated_call(
    qtbot: QtBot, ctx: AppContext, office: Office
) -> None:
    from frontdesk.services.calls import record_attempt

    plan_calls(office.db, office.supervisor, calls=office.config.calls, office=office.config.office)
    first = call_queue(office.db)[0]
    record_attempt(
        office.db,
        office.clerk,
        first.call_id,
        "refused",
        calls=office.config.calls,
        office=office.config.office,
        reason="测试",
    )
    screen = show_screen(qtbot, ctx, office.supervisor)
    screen.filter.setCurrentIndex(2)  # with a supervisor
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    idle(qtbot, ctx)
    assert screen.close_button.isEnabled()
    screen.note.setText("主管已与业主沟通")
    screen.close_call()
    idle(qtbot, ctx)
    assert screen.model.rowCount() == 0
    with office.db.read() as s:
        call = s.get(FeeCall, first.call_id)
        assert call is not None and call.status == "closed"


def test_the_calls_model(qtmodeltester: ModelTester, office: Office) -> None:
    plan_calls(office.db, office.supervisor, calls=office.config.calls, office=office.config.office)
    model = CallsModel()
    model.set_calls(call_queue(office.db))
    qtmodeltester.check(model)
    assert model.index(0, CallsModel.AMOUNT).data() == "¥896.00"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Call at"


def test_todays_work_on_the_home_page_opens_the_calls_screen(
    qtbot: QtBot, start: Callable[[Config], LoginDialog], office: Office
) -> None:
    plan_calls(office.db, office.supervisor, calls=office.config.calls, office=office.config.office)
    with office.db.begin() as s:  # due now, whatever the time the test runs at
        s.execute(update(FeeCall).values(scheduled_at=utcnow() - timedelta(minutes=1)))
    window = log_in(qtbot, start(office.config), CLERK)
    assert isinstance(window, MainWindow)
    box = window.home.todays_work
    assert box.objectName() == "todaysWork"
    qtbot.waitUntil(lambda: box.work is not None)
    due = box.buttons["calls_due"]
    assert due.objectName() == "todayCallsDue"
    assert due.text().startswith("Overdue-fee calls due today: 2")
    assert "escalated" not in box.buttons  # a clerk's list
    qtbot.mouseClick(due, Qt.MouseButton.LeftButton)
    assert isinstance(window.current_screen(), CallsScreen)
    idle(qtbot, window.context)
