"""The one-step new-matter dialog (also opened from the visitor screen)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from frontdesk.config import Config
from frontdesk.domain.matters import MatterPrefill
from frontdesk.services import matters
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.ui.context import AppContext, ScreenContext
from frontdesk.ui.matters.new_matter import NewMatterDialog
from frontdesk.ui.tasks import TaskRunner
from tests.factories import make_staff


@pytest.fixture
def app_ctx(gui_config: Config, app_db: Database) -> Iterator[AppContext]:
    tasks = TaskRunner("db")
    yield AppContext(gui_config, app_db, tasks)
    tasks.shutdown(wait=True)


@pytest.fixture
def clerk(app_db: Database) -> Actor:
    make_staff(app_db, "C102", "clerk", "王芳")
    return make_staff(app_db, "C101", "clerk", "李娜")


def open_dialog(qtbot: QtBot, ctx: AppContext, actor: Actor, **kw: object) -> NewMatterDialog:
    dialog = NewMatterDialog(ScreenContext(ctx, actor), **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not ctx.tasks.busy)
    return dialog


def test_prefilled_complaint_saved_in_one_step(
    qtbot: QtBot, app_ctx: AppContext, clerk: Actor, app_db: Database
) -> None:
    prefill = MatterPrefill(
        contact_name="刘兵", contact_phone="13800001234", kind="complaint", channel="visit"
    )
    dialog = open_dialog(qtbot, app_ctx, clerk, prefill=prefill)
    assert dialog.contact_name.text() == "刘兵"
    assert dialog.complexity.isVisible() and dialog.valid.isChecked()
    assert dialog.owner.count() == 2  # me and the colleague
    dialog.owner.setCurrentIndex(1)
    dialog.description.setPlainText("电梯噪音很大")
    with qtbot.waitSignal(dialog.created, timeout=5000) as signal:
        qtbot.keyClick(
            dialog.description,
            "\r",
            modifier=__import__(
                "PySide6.QtCore", fromlist=["Qt"]
            ).Qt.KeyboardModifier.ControlModifier,
        )
    row = signal.args[0]
    assert row.number.startswith("TS") and row.owner == "王芳（C102）"
    assert row.taken_by == "李娜（C101）"
    assert len(matters.list_matters(app_db, matters.rules_from_config(app_ctx.config))) == 1


def test_refusal_keeps_dialog_open(
    qtbot: QtBot, app_ctx: AppContext, clerk: Actor, app_db: Database
) -> None:
    dialog = open_dialog(qtbot, app_ctx, clerk, prefill=MatterPrefill(contact_name="张三"))
    assert not dialog.complexity.isVisible()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and not app_ctx.tasks.busy)
    assert "事项内容" in dialog.message.text()
    assert dialog.isVisible()
    assert matters.list_matters(app_db, matters.rules_from_config(app_ctx.config)) == []
