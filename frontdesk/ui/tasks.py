"""Running database (or printer) work off the GUI thread.

One ``TaskRunner`` per resource wraps a single-worker executor, so work for
that resource runs one job at a time, in the order it was submitted. The
result comes back through a queued Qt signal: ``on_done`` and ``on_error``
always run on the GUI thread, where they may touch widgets.

A callback that is a method of a widget deleted in the meantime (the window
was closed while the job ran) is skipped instead of crashing.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)

DoneCallback = Callable[[Any], object]
ErrorCallback = Callable[[BaseException], object]


@dataclass
class _Job:
    future: Future[Any]
    on_done: DoneCallback | None
    on_error: ErrorCallback | None
    name: str


class TaskRunner(QObject):
    """Runs callables one at a time on a worker thread; delivers results on the GUI thread.

    Signals:
        busyChanged(bool): True when the first job is queued, False when the
            last one has been delivered.
        finished(): after each job's callback has run (handy for tests).
    """

    busyChanged = Signal(bool)
    finished = Signal()
    _delivered = Signal(object)

    def __init__(self, name: str = "db", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Tasks")
        self._executor: ThreadPoolExecutor | None = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=f"frontdesk-{name}"
        )
        self._pending = 0
        self._closed = False
        self._home = threading.get_ident()  # the GUI thread, where results are delivered
        # Emitted on the worker thread, so Qt queues the call to the GUI thread.
        # (Not Qt.ConnectionType.QueuedConnection: the first use of the Qt
        # namespace creates all its enums, ~30 ms the login dialog can do without.)
        self._delivered.connect(self._deliver)

    @property
    def busy(self) -> bool:
        """True while a job is queued, running, or waiting for its callback."""
        return self._pending > 0

    @property
    def pending(self) -> int:
        return self._pending

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: DoneCallback | None = None,
        on_error: ErrorCallback | None = None,
        **kwargs: Any,
    ) -> Future[Any]:
        """Queue ``fn(*args, **kwargs)`` on the worker thread.

        Args:
            fn: the work; it must not touch widgets.
            on_done: called on the GUI thread with the return value.
            on_error: called on the GUI thread with the exception. Without it
                the exception goes to ``sys.excepthook`` (the crash dialog).

        Returns:
            The future, for callers that need to wait (tests, shutdown).
        """
        if self._executor is None:
            raise RuntimeError("TaskRunner has been shut down")
        future = self._executor.submit(fn, *args, **kwargs)
        job = _Job(future, on_done, on_error, getattr(fn, "__qualname__", repr(fn)))
        self._pending += 1
        if self._pending == 1:
            self.busyChanged.emit(True)
        future.add_done_callback(lambda _f: self._emit(job))
        return future

    def _emit(self, job: _Job) -> None:
        # Runs on the worker thread, or on the GUI thread inside submit() when
        # the job was done before its callback was added. The signal would then
        # call _deliver at once; a zero timer keeps callbacks out of submit().
        if not shiboken6.isValid(self):
            return
        if threading.get_ident() == self._home:
            QTimer.singleShot(0, self, lambda: self._deliver(job))
        else:
            self._delivered.emit(job)

    @Slot(object)
    def _deliver(self, job: _Job) -> None:
        try:
            error = None if job.future.cancelled() else job.future.exception()
            if self._closed or job.future.cancelled():
                if error is not None:
                    log.error("background task %s failed after shutdown", job.name, exc_info=error)
            elif error is None:
                if job.on_done is not None and _alive(job.on_done):
                    job.on_done(job.future.result())
            elif job.on_error is not None:
                if _alive(job.on_error):
                    job.on_error(error)
                else:
                    log.warning("background task %s failed: %s", job.name, error)
            else:
                log.error("background task %s failed", job.name, exc_info=error)
                sys.excepthook(type(error), error, error.__traceback__)
        finally:
            self._pending -= 1
            if self._pending == 0:
                self.busyChanged.emit(False)
            self.finished.emit()

    def shutdown(self, wait: bool = True) -> None:
        """Stop accepting work; with ``wait`` let queued jobs finish first.

        Callbacks of jobs still in flight are not delivered any more.
        """
        executor, self._executor = self._executor, None
        self._closed = True
        if executor is not None:
            executor.shutdown(wait=wait, cancel_futures=not wait)


def _alive(callback: Callable[..., object]) -> bool:
    """False when ``callback`` is bound to a Qt object whose C++ side is gone."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)
