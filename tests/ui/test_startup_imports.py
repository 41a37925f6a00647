"""Cold start: with a ready database the login dialog shows before SQLAlchemy is loaded.

The dialog is built and shown first; the database (SQLAlchemy, the models,
the services) is opened on the worker thread once the event loop has gone
idle (``AppContext.warm_up``). These tests run the program in a fresh
interpreter, where nothing has been imported yet.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from frontdesk.config import Config
from frontdesk.storage.database import Database
from frontdesk.ui.login.dialog import LoginDialog
from tests.ui.conftest import CASHIER

ROOT = Path(__file__).resolve().parents[2]

# Runs in the child: launch, look at what is loaded while the dialog shows, then
# let the worker open the database and log in through the dialog.
_CHILD = r"""
import json, sys, time

import frontdesk.ui.context
frontdesk.ui.context.WARM_UP_WAIT_S = 600  # only the event loop may start the warm-up

from PySide6 import QtCore
from PySide6.QtWidgets import QApplication

from frontdesk.app import launch
from frontdesk.config import load

dialog = launch(load())
report = {
    "visible": dialog.isVisible(),
    "heavy": sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic")),
    "storage": sorted(
        m for m in ("frontdesk.storage.database", "frontdesk.storage.migrate",
                    "frontdesk.storage.models", "frontdesk.services.users") if m in sys.modules
    ),
    "qt_namespace": "Qt" in vars(QtCore),
}
app = QApplication.instance()
shell = dialog.shell

from PySide6.QtCore import QEventLoop, QTimer

tick = QTimer()  # wakes the blocking processEvents below at least every 10 ms
tick.start(10)

def wait(condition, what):
    deadline = time.monotonic() + 60
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

wait(lambda: not dialog.context.tasks.busy, "the warm-up and the administrator check")
report["opened"] = dialog.context.db_opened
report["setup_hint"] = dialog.setup_hint.isVisible()
dialog.user.setText(sys.argv[1])
dialog.password.setText(sys.argv[2])
dialog.submit()
wait(lambda: shell.window is not dialog and shell.window is not None, "the main window")
report["window"] = shell.window.objectName()
shell.close()
print("REPORT " + json.dumps(report), flush=True)
"""


def _run_child(*args: str) -> dict[str, object]:
    env = dict(os.environ)  # the root conftest made the platform offscreen
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    assert done.returncode == 0 and lines, f"child failed:\n{done.stdout}\n{done.stderr[-3000:]}"
    report: dict[str, object] = json.loads(lines[-1].removeprefix("REPORT "))
    return report


def test_login_dialog_shows_before_the_database_machinery_loads(
    gui_config: Config, app_db: Database
) -> None:
    app_db.dispose()  # the child opens the same file
    report = _run_child(CASHIER[0], CASHIER[3])
    assert report["visible"] is True
    assert report["heavy"] == [], "SQLAlchemy/Alembic imported before the login dialog showed"
    assert report["storage"] == [], "database modules imported before the login dialog showed"
    # The first use of QtCore.Qt creates ~90 enums (about 30 ms); see frontdesk/ui/login/dialog.py.
    assert report["qt_namespace"] is False, "QtCore.Qt used before the login dialog showed"
    # Then the worker opened the database, the administrator check ran, the login worked.
    assert report["opened"] is True
    assert report["setup_hint"] is False  # app_db has an administrator
    assert report["window"] == "mainWindow"


def test_message_labels_stay_selectable(login_dialog: LoginDialog) -> None:
    # Set through a Qt property to keep QtCore.Qt out of start-up.
    selectable = Qt.TextInteractionFlag.TextSelectableByMouse
    assert login_dialog.message.textInteractionFlags() == selectable
    assert login_dialog.setup_hint.textInteractionFlags() == selectable


def test_in_process_launch_opens_the_database_lazily(
    gui_config: Config, login_dialog: LoginDialog
) -> None:
    # The login_dialog fixture waited for the worker: the warm-up has opened it by now.
    context = login_dialog.context
    assert context.db_opened
    assert context.db.sqlite_path == gui_config.data_dir / "frontdesk.db"
