"""The background task runner: work off the GUI thread, callbacks on it, in order."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from frontdesk.ui.pyside_fixes import protect_singletons
from frontdesk.ui.tasks import TaskRunner


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner("test")
    yield tasks
    tasks.shutdown(wait=True)


def test_result_arrives_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work(a: int, b: int) -> int:
        seen["worker"] = threading.get_ident()
        return a + b

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback"] = threading.get_ident()

    with qtbot.waitSignal(runner.finished):
        runner.submit(work, 2, 3, on_done=done)
        assert runner.busy
    assert seen["value"] == 5
    assert seen["worker"] != gui
    assert seen["callback"] == gui
    assert not runner.busy


def test_errors_go_to_on_error(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def fail() -> None:
        raise ValueError("no such household")

    with qtbot.waitSignal(runner.finished):
        runner.submit(fail, on_done=lambda _v: pytest.fail("not done"), on_error=errors.append)
    assert [str(e) for e in errors] == ["no such household"]


def test_jobs_run_one_at_a_time_in_order(qtbot: QtBot, runner: TaskRunner) -> None:
    order: list[int] = []
    busy_changes: list[bool] = []
    runner.busyChanged.connect(busy_changes.append)
    for n in range(5):
        runner.submit(lambda n=n: n, on_done=order.append)
    qtbot.waitUntil(lambda: not runner.busy)
    assert order == [0, 1, 2, 3, 4]
    assert busy_changes == [True, False]


def test_callback_of_a_deleted_widget_is_skipped(qtbot: QtBot, runner: TaskRunner) -> None:
    label = QLabel()
    gate = threading.Event()
    runner.submit(gate.wait, 5, on_done=label.setNum)
    label.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label))
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy)  # no RuntimeError from the dead label


def test_unhandled_error_without_on_error_reaches_the_excepthook(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda t, e, tb: seen.append(e))
    with qtbot.waitSignal(runner.finished):
        runner.submit(lambda: 1 / 0)
    assert isinstance(seen[0], ZeroDivisionError)


def test_submit_after_shutdown_is_refused(runner: TaskRunner) -> None:
    runner.shutdown()
    with pytest.raises(RuntimeError):
        runner.submit(print)


def test_many_qt_calls_do_not_exhaust_the_singletons(runner: TaskRunner) -> None:
    # PySide6 6.12 on CPython 3.11 drops a reference to None on every void call
    # and to True on every emit(); importing frontdesk.ui protects the
    # singletons (see frontdesk/ui/pyside_fixes.py). Without it this aborts.
    protect_singletons()
    for _ in range(20_000):
        runner.setObjectName("testTasks")
        runner.finished.emit()
