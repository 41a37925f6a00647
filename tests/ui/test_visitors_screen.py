"""Screen F6 "Visitors": sign in from the keyboard, who is in, sign out by Del, the lazy log."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select

from frontdesk.config import Config
from frontdesk.services import visitors as svc
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import VisitorVisit
from frontdesk.ui.context import AppContext, ScreenContext
from frontdesk.ui.login.dialog import LoginDialog
from frontdesk.ui.tasks import TaskRunner
from frontdesk.ui.visitors.screen import VisitorsScreen
from tests.factories import make_household, make_staff
from tests.ui.conftest import ADMIN, log_in


@dataclass
class Desk:
    ctx: AppContext
    db: Database
    clerk: Actor
    boss: Actor


@pytest.fixture
def desk(gui_config: Config, app_db: Database) -> Iterator[Desk]:
    make_household(app_db, "3-2-1201", "刘兵")
    clerk = make_staff(app_db, "K001", "clerk", "王晓")
    boss = make_staff(app_db, "S001", "supervisor", "李主管")
    tasks = TaskRunner("db")
    yield Desk(AppContext(gui_config, app_db, tasks), app_db, clerk, boss)
    tasks.shutdown(wait=True)


def idle(qtbot: QtBot, screen: VisitorsScreen) -> None:
    qtbot.waitUntil(
        lambda: (
            not screen.ctx.tasks.busy
            and not screen.filter_timer.isActive()
            and not screen.lookup_timer.isActive()
        )
    )


def show(qtbot: QtBot, desk: Desk, actor: Actor | None = None) -> VisitorsScreen:
    screen = VisitorsScreen(ScreenContext(desk.ctx, actor or desk.clerk))
    qtbot.addWidget(screen)
    screen.resize(1200, 800)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    idle(qtbot, screen)
    return screen


def visits(db: Database) -> list[VisitorVisit]:
    with db.read() as s:
        return list(s.scalars(select(VisitorVisit).order_by(VisitorVisit.id)))


def test_sign_in_from_the_keyboard(qtbot: QtBot, desk: Desk) -> None:
    screen = show(qtbot, desk)
    assert screen.focusWidget() is screen.phone
    assert screen.retention.text() == "Visitor records are kept 180 days, then anonymised."
    qtbot.keyClicks(screen.phone, "13800001234")
    qtbot.keyClick(screen.phone, Qt.Key.Key_Tab)
    assert screen.focusWidget() is screen.name
    screen.name.insert("张三")  # QTest types ASCII only
    qtbot.keyClick(screen.name, Qt.Key.Key_Tab)
    assert screen.focusWidget() is screen.room
    qtbot.keyClicks(screen.room, "3-2-1201")
    screen.purpose.setCurrentIndex(screen.purpose.findData("repair"))
    qtbot.keyClick(screen.room, "\r")
    idle(qtbot, screen)
    [v] = visits(desk.db)
    assert (v.name, v.phone, v.room_text, v.purpose, v.recorded_by) == (
        "张三",
        "13800001234",
        "3-2-1201",
        "repair",
        "K001",
    )
    assert v.room_id is not None
    assert "Signed in: 张三 to 3-2-1201" in screen.message.text()
    assert screen.phone.text() == "" and screen.name.text() == ""
    assert screen.in_model.rowCount() == 1
    assert screen.in_model.index(0, 2).data() == "138****1234"  # a clerk sees it masked
    assert screen.log_model.rowCount() == 1


def test_returning_visitor_is_filled_in(qtbot: QtBot, desk: Desk) -> None:
    svc.sign_in(
        desk.db,
        desk.clerk,
        desk.ctx.config.reception,
        name="李四",
        phone="13900001111",
        room="物业办公室",
        purpose="fee",
    )
    screen = show(qtbot, desk)
    qtbot.keyClicks(screen.phone, "139 0000 1111")
    qtbot.waitUntil(lambda: screen.name.text() == "李四")
    assert screen.room.text() == "物业办公室"
    assert "Returning visitor (1 visits)" in screen.message.text()
    qtbot.keyClick(screen.phone, Qt.Key.Key_Escape)
    assert screen.phone.text() == "" and screen.name.text() == "" and screen.message.text() == ""


def test_phone_then_enter_fills_a_returning_visitor_in(qtbot: QtBot, desk: Desk) -> None:
    settings = desk.ctx.config.reception
    svc.sign_in(
        desk.db,
        desk.clerk,
        settings,
        name="李四",
        phone="13900001111",
        room="3-2-1201",
        purpose="guest",
    )
    screen = show(qtbot, desk)
    qtbot.keyClicks(screen.phone, "13900001111")
    qtbot.keyClick(screen.phone, "\r")  # no name yet: look it up, go on to the name
    idle(qtbot, screen)
    assert screen.name.text() == "李四" and screen.room.text() == "3-2-1201"
    assert screen.focusWidget() is screen.name
    qtbot.keyClick(screen.name, "\r")
    idle(qtbot, screen)
    assert [v.name for v in visits(desk.db)] == ["李四", "李四"]
    assert screen.focusWidget() is screen.phone  # ready for the next visitor


def test_bad_input_changes_nothing(qtbot: QtBot, desk: Desk) -> None:
    screen = show(qtbot, desk)
    qtbot.keyClicks(screen.phone, "12ab")
    screen.name.insert("张三")  # QTest types ASCII only
    screen.room.insert("物业办公室")
    qtbot.keyClick(screen.name, "\r")
    idle(qtbot, screen)
    assert "不是电话号码" in screen.message.text()
    assert visits(desk.db) == []
    screen.phone.setText("13800001234")
    screen.name.clear()
    qtbot.keyClick(screen.room, "\r")
    idle(qtbot, screen)
    assert "请填写访客姓名" in screen.message.text()
    assert visits(desk.db) == []
    assert screen.phone.text() == "13800001234"  # the form keeps what was typed


def test_unknown_room_is_kept_as_text_when_asked(qtbot: QtBot, desk: Desk) -> None:
    screen = show(qtbot, desk)
    screen.phone.setText("13800001234")
    screen.name.setText("张三")
    screen.room.setText("9-9-909")
    qtbot.keyClick(screen.room, "\r")
    idle(qtbot, screen)
    assert "Room 9-9-909 is not in the estate" in screen.message.text()
    assert screen.room_as_text.isVisible()
    assert visits(desk.db) == []
    qtbot.keyClick(screen.room, "\r")  # Enter again: keep it as typed
    idle(qtbot, screen)
    [v] = visits(desk.db)
    assert v.room_text == "9-9-909" and v.room_id is None
    assert not screen.room_as_text.isVisible()


def test_sign_out_by_del_and_not_twice(qtbot: QtBot, desk: Desk) -> None:
    settings = desk.ctx.config.reception
    row = svc.sign_in(
        desk.db,
        desk.clerk,
        settings,
        name="张三",
        phone="13800001234",
        room="物业办公室",
        purpose="guest",
    )
    screen = show(qtbot, desk, desk.boss)
    assert screen.in_model.index(0, 2).data() == "13800001234"  # supervisors see it all
    screen.in_table.setFocus()
    screen.in_table.selectRow(0)
    # Someone else signs the visitor out meanwhile: Del is refused, nothing changes.
    svc.sign_out(desk.db, desk.clerk, settings, row.id)
    qtbot.keyClick(screen.in_table, Qt.Key.Key_Delete)
    idle(qtbot, screen)
    assert "不用再签离" in screen.message.text()
    assert screen.in_model.rowCount() == 0
    second = svc.sign_in(
        desk.db,
        desk.clerk,
        settings,
        name="李四",
        phone="13900001234",
        room="物业办公室",
        purpose="guest",
    )
    screen.refresh()
    idle(qtbot, screen)
    screen.in_table.setFocus()
    screen.in_table.selectRow(0)
    qtbot.keyClick(screen.in_table, Qt.Key.Key_Delete)
    idle(qtbot, screen)
    assert screen.message.text() == "Signed out: 李四."
    [_, v] = visits(desk.db)
    assert v.id == second.id and v.signed_out_by == "S001" and v.signed_out_at is not None
    assert screen.in_model.rowCount() == 0


def _bulk(db: Database, n: int) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        {
            "name": f"访客{i}",
            "phone": f"139{i:08d}",
            "phone_digits": f"139{i:08d}",
            "phone_reversed": f"139{i:08d}"[::-1],
            "room_id": None,
            "room_text": ("物业办公室", "保安室")[i % 2],
            "purpose": "fee",
            "people": 1,
            "id_checked": False,
            "car_plate": "",
            "notes": "",
            "signed_in_at": start + timedelta(minutes=i),
            "signed_out_at": start + timedelta(minutes=i, seconds=30),
            "auto_signed_out": False,
            "recorded_by": "K001",
            "signed_out_by": "K001",
            "anonymised": False,
        }
        for i in range(n)
    ]
    with db.begin() as s:
        s.execute(insert(VisitorVisit), rows)


def test_log_loads_lazily_and_filters_as_typed(qtbot: QtBot, desk: Desk) -> None:
    _bulk(desk.db, 650)
    screen = show(qtbot, desk)
    assert screen.log_model.rowCount() == svc.PAGE_SIZE
    assert screen.log_model.canFetchMore()
    assert screen.log_model.index(0, 2).data() == "访客649"  # newest first
    screen.log_table.scrollToBottom()
    qtbot.waitUntil(lambda: screen.log_model.rowCount() > svc.PAGE_SIZE)
    while screen.log_model.canFetchMore() or screen.log_model.busy:
        if screen.log_model.canFetchMore():
            screen.log_model.fetchMore()
        idle(qtbot, screen)
    assert screen.log_model.rowCount() == 650
    assert screen.log_status.text() == "650 visits."
    qtbot.keyClicks(screen.log_phone, "00000123")
    idle(qtbot, screen)
    assert screen.log_model.rowCount() == 1
    assert screen.log_model.index(0, 2).data() == "访客123"
    screen.log_phone.clear()
    screen.log_room.insert("保安")
    idle(qtbot, screen)
    assert screen.log_model.index(0, 4).data() == "保安室"
    assert screen.log_status.text() == "200 visits loaded; scroll down for more."


def test_log_model_passes_the_model_tester(qtbot: QtBot, desk: Desk, qtmodeltester: object) -> None:
    _bulk(desk.db, 30)
    screen = show(qtbot, desk)
    qtmodeltester.check(screen.log_model)  # type: ignore[attr-defined]
    qtmodeltester.check(screen.in_model)  # type: ignore[attr-defined]


def test_matter_from_a_visit(qtbot: QtBot, desk: Desk) -> None:
    from frontdesk.ui.matters.new_matter import NewMatterDialog

    screen = show(qtbot, desk)
    screen.open_matter()
    assert "Sign a visitor in or choose a visit first" in screen.message.text()
    screen.phone.setText("13800001234")
    screen.name.setText("张三")
    screen.room.setText("3-2-1201")
    screen.purpose.setCurrentIndex(screen.purpose.findData("complaint"))
    screen.sign_in()
    idle(qtbot, screen)
    qtbot.keyClick(screen.phone, "m", modifier=Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, screen)
    dialog = screen.matter_dialog
    assert isinstance(dialog, NewMatterDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.findChild(object, "matterContactPhone").text() == "13800001234"  # type: ignore[union-attr]
    assert dialog.findChild(object, "matterContactName").text() == "张三"  # type: ignore[union-attr]
    dialog.reject()


def test_main_window_runs_the_daily_jobs_and_offers_f6(
    qtbot: QtBot, login_dialog: LoginDialog, app_db: Database
) -> None:
    clerk = make_staff(app_db, "K001", "clerk", "王晓")
    settings = login_dialog.context.config.reception
    old = svc.sign_in(
        app_db,
        clerk,
        settings,
        name="张三",
        phone="13800001234",
        room="物业办公室",
        purpose="fee",
        now=datetime.now(UTC) - timedelta(days=2),
    )
    window = log_in(qtbot, login_dialog, ADMIN)
    qtbot.waitUntil(lambda: window.visitor_jobs.runs >= 1)
    row = svc.get_visit(app_db, clerk, settings, old.id)
    assert row.auto_signed_out and row.signed_out_at is not None
    screen = window.open_screen("visitors")
    assert isinstance(screen, VisitorsScreen)
    assert window.findChild(QAction, "visitorsAction").shortcut().toString() == "F6"
