"""Screen F3 for a supervisor: choose the field desk (上门收费), count the cash in, close it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from frontdesk.config import Config
from frontdesk.domain.money import denomination
from frontdesk.services.cashbox import drawer_status
from frontdesk.services.users import Actor
from frontdesk.services.visits import FIELD_DESK
from frontdesk.storage.database import Database
from frontdesk.ui.authorize import SupervisorAuthDialog
from frontdesk.ui.context import AppContext
from frontdesk.ui.drawer.desk_chooser import DeskChooser
from frontdesk.ui.drawer.screen import DrawerScreen
from frontdesk.ui.tasks import TaskRunner
from tests.services.field_cash_fixtures import VISIT_DAY, FieldDay, field_day, two_collected
from tests.ui.conftest import ADMIN
from tests.ui.test_drawer_screen import (
    CASHIER_ACTOR,
    focused,
    idle,
    sessions,
    show_screen,
    type_count,
)

ADMIN_ACTOR = Actor(ADMIN[0], ADMIN[1], ADMIN[2])
Y100 = denomination(10000)
Y50 = denomination(5000)
Y20 = denomination(2000)
COIN1 = denomination(100, "coin")
HANDED_IN = {Y100: 6, Y50: 1, Y20: 1, COIN1: 2}  # ¥672.00, two visits' cash


@pytest.fixture
def app_ctx(gui_config: Config, app_db: Database) -> Iterator[AppContext]:
    tasks = TaskRunner("db")
    yield AppContext(gui_config, app_db, tasks)
    tasks.shutdown(wait=True)


def choose(qtbot: QtBot, screen: DrawerScreen, key: Qt.Key, ctx: AppContext) -> QComboBox:
    """Alt+W goes to the drawer chooser; Up/Down picks this desk or the field desk."""
    qtbot.keyClick(screen, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    combo = focused()
    assert isinstance(combo, QComboBox) and combo.objectName() == "drawerDesk"
    qtbot.keyClick(combo, key)
    idle(qtbot, ctx)
    return combo


def test_supervisor_counts_and_closes_the_field_cash_from_the_keyboard(
    qtbot: QtBot, app_ctx: AppContext, app_db: Database
) -> None:
    day: FieldDay = two_collected(app_db, ADMIN_ACTOR)
    screen = show_screen(qtbot, app_ctx, day.supervisor)
    chooser = screen.findChild(DeskChooser, "drawerDeskChooser")
    assert chooser is not None and chooser.isVisible()
    combo = chooser.combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "This desk (前台2)",
        f"Field collection ({FIELD_DESK})",
    ]
    assert screen.desk == "前台2" and screen.stack.currentWidget() is screen.closed_page
    assert screen.open_box.isVisible()  # this desk's drawer opens with a float

    choose(qtbot, screen, Qt.Key.Key_Down, app_ctx)
    assert screen.desk == FIELD_DESK and chooser.is_field()
    assert screen.title.text() == f"Field collection cash ({FIELD_DESK})"
    assert screen.stack.currentWidget() is screen.open_page
    assert not screen.move_box.isVisible()  # no cash in/out for the field desk
    status = screen.status_label.text()
    assert "¥672.00 should be handed in" in status and day.collector.staff_no in status
    assert "earlier day" in status  # collected on 2026-03-05
    assert screen.expected.total_fen() == 67200
    assert screen.close_count.model.expected() == dict(
        drawer_status(app_db, FIELD_DESK).expected_pieces
    )  # type: ignore[union-attr]
    assert focused().parent().parent() is screen.close_count.view  # ready to count
    # Nobody counted the notes at the door: only the totals are compared, no per-note guess.
    view, model = screen.close_count.view, screen.close_count.model
    hidden = [model.columns[c] for c in range(len(model.columns)) if view.isColumnHidden(c)]
    assert hidden == ["expected", "difference"] and not screen.expected.view.isVisible()

    # ¥100 short and no note: told what is needed, nothing closed.
    type_count(qtbot, screen.close_count, {**HANDED_IN, Y100: 5})
    assert focused() is screen.close_note
    qtbot.keyClick(screen.close_note, Qt.Key.Key_Return)
    assert "short ¥100.00" in screen.message.text() and "note" in screen.message.text()
    assert screen.findChild(SupervisorAuthDialog) is None
    assert [s.status for s in sessions(app_db)] == ["open"]

    # The right count (other notes, same total): a confirmation, Enter closes.
    type_count(qtbot, screen.close_count, HANDED_IN)
    assert "no difference" in screen.close_count.total_label.text()
    qtbot.keyClick(screen.close_note, Qt.Key.Key_Return)
    box = screen.confirm_box
    assert isinstance(box, QMessageBox) and box.objectName() == "closeConfirm"
    qtbot.waitExposed(box)
    assert "Close the field cash handed in?" in box.text()
    assert "opens a new session" in box.informativeText()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    idle(qtbot, app_ctx)

    (closed,) = sessions(app_db)
    assert closed.desk == FIELD_DESK and closed.status == "closed"
    assert closed.closed_by == day.supervisor.staff_no and closed.difference_fen == 0
    assert closed.difference_approved_by is None
    assert "The field cash of 2026-03-05 is closed" in screen.message.text()
    assert screen.stack.currentWidget() is screen.closed_page
    assert not screen.open_box.isVisible()  # nothing to open: it opens itself
    assert "No field cash is waiting" in screen.status_label.text()
    report = screen.report_view.toPlainText()
    assert report.startswith(f"日结报表  {VISIT_DAY.isoformat()}  {FIELD_DESK}")
    assert "收款 2 笔，合计 ¥672.00" in report and "无差额" in report

    # (Offscreen has no window manager to give the window back its activation.)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    assert focused() is screen.report_date

    # Back to this desk's drawer, also from the keyboard.
    choose(qtbot, screen, Qt.Key.Key_Up, app_ctx)
    assert screen.desk == "前台2" and screen.title.text() == "Cash drawer at desk 前台2"
    assert screen.open_box.isVisible() and "not open" in screen.status_label.text()
    assert screen.report_view.toPlainText() == "" and screen.message.text() == ""
    assert focused().parent().parent() is screen.float_count.view


def test_field_desk_with_nothing_to_hand_in(
    qtbot: QtBot, app_ctx: AppContext, app_db: Database
) -> None:
    day = field_day(app_db, ADMIN_ACTOR)
    screen = show_screen(qtbot, app_ctx, day.supervisor)
    choose(qtbot, screen, Qt.Key.Key_Down, app_ctx)
    assert screen.stack.currentWidget() is screen.closed_page
    assert "No field cash is waiting" in screen.status_label.text()
    assert not screen.open_box.isVisible()
    assert focused() is screen.report_date
    # The field desk's report of a day with no field work says so.
    qtbot.keyClick(screen.report_date, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: screen.report_view.toPlainText() != "")  # a mnemonic animates
    report = screen.report_view.toPlainText()
    assert FIELD_DESK in report and "当日没有开班记录" in report
    assert sessions(app_db) == []


def test_admin_gets_the_chooser_too(qtbot: QtBot, app_ctx: AppContext) -> None:
    screen = show_screen(qtbot, app_ctx, ADMIN_ACTOR)
    assert screen.chooser is not None and screen.chooser.isVisible()
    # An answer about this desk still on its way when the field desk is chosen is dropped.
    screen.refresh()
    screen.chooser.combo.setCurrentIndex(1)
    idle(qtbot, app_ctx)
    assert screen.desk == FIELD_DESK and screen.status is None
    assert "No field cash is waiting" in screen.status_label.text()
    assert focused() is screen.report_date
    # Choosing the desk from code shows it in the chooser too.
    screen.choose_desk(screen.home_desk)
    assert screen.chooser.desk() == screen.home_desk
    # A counter drawer compares every denomination again.
    view, model = screen.close_count.view, screen.close_count.model
    assert not any(view.isColumnHidden(c) for c in range(len(model.columns)))
    screen.choose_desk(FIELD_DESK)
    assert screen.chooser.is_field()


def test_a_cashier_sees_only_this_desk(qtbot: QtBot, app_ctx: AppContext, app_db: Database) -> None:
    two_collected(app_db, ADMIN_ACTOR)
    screen = show_screen(qtbot, app_ctx, CASHIER_ACTOR)
    assert screen.chooser is None
    assert screen.findChild(QComboBox, "drawerDesk") is None
    assert screen.title.text() == "Cash drawer at desk 前台2"
    assert screen.desk == "前台2" and screen.stack.currentWidget() is screen.closed_page
    # Alt+W does nothing here; the field session stays open.
    qtbot.keyClick(screen, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    idle(qtbot, app_ctx)
    assert screen.desk == "前台2"
    assert [s.status for s in sessions(app_db)] == ["open"]
