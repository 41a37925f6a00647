"""Screens F7 matters, Shift+F7 messages, Ctrl+F7 summary; the status-bar counts and unread notice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from frontdesk.config import Config
from frontdesk.services import matters as svc
from frontdesk.services import messages
from frontdesk.services.matters import MatterInput
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.ui.context import AppContext, ScreenContext
from frontdesk.ui.login.dialog import LoginDialog
from frontdesk.ui.matters.messages import MessagesScreen
from frontdesk.ui.matters.model import MattersModel
from frontdesk.ui.matters.screen import MattersScreen
from frontdesk.ui.matters.summary import MatterSummaryScreen
from frontdesk.ui.phrases import PhrasePanel
from frontdesk.ui.tasks import TaskRunner
from tests.factories import STAFF_PASSWORD, make_staff
from tests.ui.conftest import log_in


@pytest.fixture
def app_ctx(gui_config: Config, app_db: Database) -> Iterator[AppContext]:
    tasks = TaskRunner("db")
    yield AppContext(gui_config, app_db, tasks)
    tasks.shutdown(wait=True)


@pytest.fixture
def clerk(app_db: Database) -> Actor:
    make_staff(app_db, "C102", "clerk", "王芳")
    return make_staff(app_db, "C101", "clerk", "李娜")


def idle(qtbot: QtBot, ctx: AppContext) -> None:
    qtbot.waitUntil(lambda: not ctx.tasks.busy)


def seed(db: Database, config: Config, clerk: Actor) -> tuple[int, int]:
    rules = svc.rules_from_config(config)
    now = datetime.now(UTC)
    late = svc.create_matter(
        db,
        clerk,
        MatterInput(
            kind="complaint",
            description="噪音",
            complexity="simple",
            valid=True,
            contact_name="刘兵",
            contact_phone="13800001234",
        ),
        rules,
        now=now - timedelta(days=10),
    )
    fresh = svc.create_matter(
        db,
        clerk,
        MatterInput(kind="enquiry", description="停车", contact_name="张三"),
        rules,
        now=now,
    )
    return late.id, fresh.id


def show(
    qtbot: QtBot, widget: MattersScreen | MessagesScreen | MatterSummaryScreen, ctx: AppContext
) -> None:
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    idle(qtbot, ctx)


def test_list_by_urgency_with_words_and_full_life(
    qtbot: QtBot, app_ctx: AppContext, clerk: Actor, app_db: Database, gui_config: Config
) -> None:
    late_id, fresh_id = seed(app_db, gui_config, clerk)
    screen = MattersScreen(ScreenContext(app_ctx, clerk))
    show(qtbot, screen, app_ctx)
    ModelTester(None).check(screen.model)  # type: ignore[arg-type]
    first = screen.proxy.index(0, MattersModel.URGENCY)
    assert first.data().startswith("Overdue")  # words, not colour alone
    assert screen.proxy.index(0, MattersModel.NUMBER).data().startswith("TS")
    assert screen.selected() is not None and screen.selected().id == late_id  # type: ignore[union-attr]
    idle(qtbot, app_ctx)
    assert "Deadline:" in screen.detail_view.toPlainText()
    assert screen.buttons["resolve"].isEnabled() and not screen.buttons["close"].isEnabled()
    # Resolve without a text: refused in place, nothing changes.
    screen.buttons["resolve"].click()
    idle(qtbot, app_ctx)
    assert "处理结果" in screen.message.text()
    screen.action_text.setPlainText("已协调")
    screen.buttons["resolve"].click()
    idle(qtbot, app_ctx)
    assert screen.detail is not None and screen.detail.row.status == "resolved"
    assert (
        "was late"
        in screen.proxy.index(
            screen.proxy.mapFromSource(
                screen.model.index(screen.model.row_of(late_id) or 0, 0)
            ).row(),
            MattersModel.URGENCY,
        ).data()
    )
    screen.satisfaction.setCurrentIndex(screen.satisfaction.findData("satisfied"))
    screen.buttons["call_back"].click()
    idle(qtbot, app_ctx)
    assert screen.phrases.current_moment() == "callback"
    screen.buttons["close"].click()
    idle(qtbot, app_ctx)
    assert screen.message.text().endswith("Closed.")
    # Closed matters leave the default list; "All" shows them again, with the timeline.
    assert screen.model.row_of(late_id) is None
    screen.status_filter.setCurrentIndex(screen.status_filter.findData("__all__"))
    idle(qtbot, app_ctx)
    assert screen.select_matter(late_id)
    idle(qtbot, app_ctx)
    assert screen.detail is not None and screen.detail.row.status == "closed"
    timeline = screen.timeline.toPlainText()
    assert "Resolved" in timeline and "Called back" in timeline and "Closed" in timeline
    assert screen.buttons["reopen"].isEnabled()
    screen.mine.setChecked(True)
    idle(qtbot, app_ctx)
    assert {r.id for r in screen.model.rows()} == {late_id, fresh_id}


def test_hand_over_keeps_first_contact(
    qtbot: QtBot, app_ctx: AppContext, clerk: Actor, app_db: Database, gui_config: Config
) -> None:
    _late, fresh_id = seed(app_db, gui_config, clerk)
    screen = MattersScreen(ScreenContext(app_ctx, clerk))
    show(qtbot, screen, app_ctx)
    assert screen.select_matter(fresh_id)
    idle(qtbot, app_ctx)
    screen.assign_to.setCurrentIndex(screen.assign_to.findData("C102"))
    screen.buttons["assign"].click()
    idle(qtbot, app_ctx)
    assert screen.detail is not None
    assert (
        screen.detail.row.owner == "王芳（C102）" and screen.detail.row.taken_by == "李娜（C101）"
    )


def test_messages_screen_take_and_read(
    qtbot: QtBot, app_ctx: AppContext, clerk: Actor, app_db: Database
) -> None:
    screen = MessagesScreen(ScreenContext(app_ctx, clerk))
    show(qtbot, screen, app_ctx)
    assert screen.phrases.current_moment() == "message"
    screen.to.setCurrentIndex(screen.to.findData("C102"))
    screen.save.click()
    idle(qtbot, app_ctx)
    assert "留言人" in screen.message.text()
    screen.caller.setText("刘兵")
    screen.phone.setText("13800001234")
    screen.body.setPlainText("请回电")
    screen.read_back.setChecked(True)
    screen.save.click()
    idle(qtbot, app_ctx)
    assert "saved" in screen.message.text() and screen.caller.text() == ""
    assert messages.unread_count(app_db, "C102") == 1
    other = make_staff(app_db, "C103", "clerk", "赵六")
    messages.take_message(
        app_db,
        other,
        to_staff_no="C101",
        caller_name="王五",
        callback_phone="",
        body="明天来",
        read_back=False,
    )
    screen.reload()
    idle(qtbot, app_ctx)
    assert screen.model.rowCount() == 1 and "Unread messages: 1" in screen.summary.text()
    screen.table.selectRow(0)
    screen.mark_read.click()
    idle(qtbot, app_ctx)
    assert messages.unread_count(app_db, "C101") == 0


def test_summary_screen_and_pdf(
    qtbot: QtBot,
    app_ctx: AppContext,
    clerk: Actor,
    app_db: Database,
    gui_config: Config,
    tmp_path: object,
) -> None:
    seed(app_db, gui_config, clerk)
    boss = make_staff(app_db, "S001", "supervisor", "张强")
    screen = MatterSummaryScreen(ScreenContext(app_ctx, boss))
    show(qtbot, screen, app_ctx)
    screen.start.setDate(screen.start.date().addDays(-40))
    screen.load()
    idle(qtbot, app_ctx)
    last = screen.model.rowCount() - 1
    assert screen.model.index(last, 0).data() == "Total"
    assert screen.model.index(last, 2).data() == "2"
    from pathlib import Path

    out = Path(str(tmp_path)) / "s.pdf"
    screen.save_pdf(out)
    idle(qtbot, app_ctx)
    assert out.read_bytes().startswith(b"%PDF")


def test_phrase_panel_reports_a_broken_office_copy(
    qtbot: QtBot, gui_config: Config, private_dirs: object
) -> None:
    from pathlib import Path

    folder = Path(str(private_dirs))  # FRONTDESK_CONFIG points at tmp_path/config.toml
    (folder / "phrases.toml").write_text("[[phrase]\n", encoding="utf-8")
    panel = PhrasePanel(gui_config)
    qtbot.addWidget(panel)
    assert not panel.warning.isHidden() and "TOML" in panel.warning.text()
    panel.show_moment("change")
    assert "这是找您的零钱，请清点。" in panel.text.toPlainText()


def test_status_bar_counts_and_unread_notice_at_login(
    qtbot: QtBot, login_dialog: LoginDialog, app_db: Database, gui_config: Config
) -> None:
    clerk = make_staff(app_db, "C101", "clerk", "李娜")
    colleague = make_staff(app_db, "C102", "clerk", "王芳")
    seed(app_db, gui_config, colleague)
    messages.take_message(
        app_db,
        colleague,
        to_staff_no="C101",
        caller_name="刘兵",
        callback_phone="",
        body="回电",
        read_back=True,
    )
    window = log_in(qtbot, login_dialog, ("C101", "李娜", "clerk", STAFF_PASSWORD))
    status = window.matter_status
    qtbot.waitUntil(lambda: status.counts is not None and status.unread == 1)
    assert status.counts_button.objectName() == "matterCounts"
    assert "1 overdue" in status.counts_button.text()
    assert status.unread_button.isVisible() and "1" in status.unread_button.text()
    assert "unread" in window.statusBar().currentMessage()
    status.unread_button.click()
    assert window.current_screen() is not None
    assert window.current_screen().objectName() == "messagesScreen"  # type: ignore[union-attr]
    status.counts_button.click()
    assert window.current_screen().objectName() == "mattersScreen"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not window.context.tasks.busy)
    _ = clerk


def test_urgency_words_in_chinese(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from frontdesk.ui import i18n
    from frontdesk.ui.matters.model import urgency_text

    app = QCoreApplication.instance()
    assert app is not None
    i18n.install_translations(app, "zh_CN")
    try:
        now = datetime.now(UTC)
        row = svc.MatterRow(
            id=1,
            number="TS2026-000001",
            kind="complaint",
            category="other",
            channel="visit",
            status="in_progress",
            complexity="simple",
            valid=True,
            room_code="",
            contact_name="",
            phone_masked="",
            description="",
            raised_at=now,
            taken_by="",
            owner="",
            owner_staff_no="",
            deadline_at=now - timedelta(hours=2),
            first_deadline_at=now,
            late_minutes=0,
            overdue_minutes=120,
            reopen_count=0,
            resolved_at=None,
            callback_due_at=None,
            called_back_at=None,
            satisfaction=None,
            urgency="overdue",
        )
        assert urgency_text(row, now) == "已超时 2小时"
        soon = svc.MatterRow(
            **{**row.__dict__, "urgency": "due_soon", "deadline_at": now + timedelta(minutes=30)}
        )
        assert urgency_text(soon, now).startswith("即将到期")
    finally:
        i18n.remove_translations(app)
