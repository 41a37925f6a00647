"""Unhandled exceptions: logged with their traceback, shown, and the window stays usable."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from frontdesk.config import Config
from frontdesk.errors import ValidationError
from frontdesk.logs import log_file
from frontdesk.ui import errors
from frontdesk.ui.login.dialog import LoginDialog
from tests.ui.conftest import log_in


def _raise(exc: BaseException) -> tuple[type[BaseException], BaseException, object]:
    try:
        raise exc
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def _crash_dialogs() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == errors.CRASH_DIALOG and w.isVisible()
    ]


def test_unhandled_exception_is_logged_and_shown(
    qtbot: QtBot, login_dialog: LoginDialog, gui_config: Config
) -> None:
    exc_type, exc, tb = _raise(KeyError("household 3-2-1201"))
    box = errors.handle_exception(exc_type, exc, tb)  # type: ignore[arg-type]
    assert box is not None
    qtbot.waitExposed(box)
    assert _crash_dialogs() == [box]
    assert not box.isModal()
    assert "KeyError" in box.informativeText()
    assert "test_crash_hook.py" in box.detailedText()
    path = log_file()
    assert path is not None and path.parent == gui_config.log_dir
    text = path.read_text(encoding="utf-8")
    assert "unhandled exception" in text
    assert "Traceback (most recent call last)" in text
    assert "KeyError: 'household 3-2-1201'" in text
    # A second error while the first dialog is up does not open another one.
    again = errors.handle_exception(*_raise(ValueError("again")))  # type: ignore[arg-type]
    assert again is box
    assert "ValueError: again" in box.detailedText()
    assert len(_crash_dialogs()) == 1
    # The window underneath still works.
    box.close()
    qtbot.keyClicks(login_dialog.user, "C001")
    assert login_dialog.user.text() == "C001"


def test_uncaught_frontdesk_error_shows_its_message(
    qtbot: QtBot, login_dialog: LoginDialog
) -> None:
    box = errors.handle_exception(*_raise(ValidationError("金额不能为负数。")))  # type: ignore[arg-type]
    assert box is not None
    assert box.text() == "金额不能为负数。"
    assert box.icon() == QMessageBox.Icon.Warning
    box.close()


@pytest.mark.qt_no_exception_capture
def test_launch_installs_the_hook(
    qtbot: QtBot, login_dialog: LoginDialog, capsys: pytest.CaptureFixture[str]
) -> None:
    assert getattr(sys.excepthook, "_frontdesk", False)
    window = log_in(qtbot, login_dialog)
    sys.excepthook(*_raise(RuntimeError("slot blew up")))  # type: ignore[arg-type]
    dialogs = _crash_dialogs()
    assert len(dialogs) == 1
    assert "slot blew up" in dialogs[0].informativeText()
    assert window.isVisible()  # not fatal
    dialogs[0].close()
    path = log_file()
    assert path is not None and "RuntimeError: slot blew up" in path.read_text(encoding="utf-8")
    assert "slot blew up" in capsys.readouterr().err  # the previous hook still ran


def test_passwords_in_messages_are_redacted(qtbot: QtBot, login_dialog: LoginDialog) -> None:
    box = errors.handle_exception(*_raise(RuntimeError("connect failed: password=hunter22")))  # type: ignore[arg-type]
    assert box is not None
    assert "hunter22" not in box.informativeText() + box.detailedText()
    box.close()
    path = log_file()
    assert path is not None and "hunter22" not in path.read_text(encoding="utf-8")
