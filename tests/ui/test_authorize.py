"""The supervisor authorisation dialog: checked on the worker, refusals stay in the dialog."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from frontdesk.config import Config
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.ui.authorize import SupervisorAuthDialog
from frontdesk.ui.context import AppContext
from frontdesk.ui.tasks import TaskRunner
from tests.factories import STAFF_PASSWORD, make_staff
from tests.ui.conftest import ADMIN, CASHIER, audit_events


@pytest.fixture
def app_ctx(gui_config: Config, app_db: Database) -> Iterator[AppContext]:
    make_staff(app_db, "S001", "supervisor", "李主管")
    tasks = TaskRunner("db")
    yield AppContext(gui_config, app_db, tasks)
    tasks.shutdown(wait=True)


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def open_dialog(
    qtbot: QtBot, ctx: AppContext, parent: QWidget, **kwargs: object
) -> SupervisorAuthDialog:
    dialog = SupervisorAuthDialog(ctx, parent, **kwargs)  # type: ignore[arg-type]
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def submit(
    qtbot: QtBot, ctx: AppContext, dialog: SupervisorAuthDialog, staff: str, pw: str
) -> None:
    dialog.staff_no.setText(staff)
    dialog.password.setText(pw)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not ctx.tasks.busy)


def test_wrong_password_and_non_supervisors_stay_in_the_dialog(
    qtbot: QtBot, app_ctx: AppContext, parent: QWidget, app_db: Database
) -> None:
    dialog = open_dialog(qtbot, app_ctx, parent, title="Authorise void", prompt="Void A1?")
    assert dialog.objectName() == "supervisorAuth"
    assert dialog.windowTitle() == "Authorise void"
    assert dialog.prompt.text() == "Void A1?"
    assert dialog.findChild(QWidget, "authReason") is None
    assert dialog.focusWidget() is dialog.staff_no
    authorized: list[tuple[Actor, str]] = []
    dialog.authorized.connect(lambda actor, reason: authorized.append((actor, reason)))
    # Empty: said in the dialog, nothing checked.
    qtbot.keyClick(dialog.staff_no, Qt.Key.Key_Return)
    assert "staff number and password" in dialog.message.text()
    submit(qtbot, app_ctx, dialog, "S001", "wrong")
    assert dialog.isVisible() and dialog.message.text().startswith("工号或密码错误")
    assert dialog.password.text() == "" and dialog.focusWidget() is dialog.password
    submit(qtbot, app_ctx, dialog, "X999", "whatever")
    assert dialog.isVisible() and dialog.message.text().startswith("工号或密码错误")
    submit(qtbot, app_ctx, dialog, CASHIER[0], CASHIER[3])
    assert dialog.isVisible() and "不是主管" in dialog.message.text()
    assert authorized == []
    assert dialog.result() == 0
    # Failures count like failed logins (they are audited).
    assert [e["reason"] for e in audit_events(app_db, "login.failed")][:2] == [
        "password",
        "unknown",
    ]
    submit(qtbot, app_ctx, dialog, "S001", STAFF_PASSWORD)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    assert len(authorized) == 1
    approver, reason = authorized[0]
    assert (approver.staff_no, approver.role, reason) == ("S001", "supervisor", "")


def test_reason_is_asked_first_and_required(
    qtbot: QtBot, app_ctx: AppContext, parent: QWidget
) -> None:
    dialog = open_dialog(qtbot, app_ctx, parent, ask_reason=True)
    assert dialog.windowTitle() == "Supervisor authorisation"
    assert dialog.reason_edit is not None
    assert dialog.reason_edit.objectName() == "authReason"
    assert dialog.focusWidget() is dialog.reason_edit
    dialog.staff_no.setText(ADMIN[0])
    dialog.password.setText(ADMIN[3])
    qtbot.mouseClick(dialog.button, Qt.MouseButton.LeftButton)
    assert "reason" in dialog.message.text()
    assert not app_ctx.tasks.busy  # nothing was sent to the database
    assert dialog.focusWidget() is dialog.reason_edit
    with qtbot.waitSignal(dialog.authorized) as blocker:
        qtbot.keyClicks(dialog.reason_edit, "typed twice")
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)  # all filled in: submits
    approver, reason = blocker.args  # type: ignore[misc]
    assert (approver.staff_no, approver.role, reason) == ("A001", "admin", "typed twice")
    assert dialog.approver == approver and dialog.reason == "typed twice"


def test_escape_cancels(qtbot: QtBot, app_ctx: AppContext, parent: QWidget) -> None:
    dialog = open_dialog(qtbot, app_ctx, parent, ask_reason=True, staff_no="S001")
    assert dialog.staff_no.text() == "S001"
    dialog.reason_edit.setText("filled")  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.rejected), qtbot.assertNotEmitted(dialog.authorized):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.approver is None
