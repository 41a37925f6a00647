"""The visitor log's daily jobs, run by the main window while someone is logged in.

The automatic sign-out at ``[reception] auto_sign_out_at`` and the anonymising of
records older than ``retention_days`` run on the database worker once the main
window is up (the database is open by then) and again every ``INTERVAL_MS``, so
a counter PC left on all day does both within a quarter of an hour of the
time. Both jobs are idempotent and cheap (index range scans), so several desks
running them at once is harmless.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from frontdesk.ui.context import AppContext

log = logging.getLogger(__name__)

INTERVAL_MS = 15 * 60 * 1000


class VisitorJobs(QObject):
    """Runs ``services.visitors.run_daily_jobs`` now and then on ``context.tasks``."""

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitorJobs")
        self.context = context
        self.runs = 0
        self.last_result: object = None
        self.timer = QTimer(self)
        self.timer.setObjectName("visitorJobsTimer")
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.run)
        self.timer.start()
        QTimer.singleShot(0, self, self.run)

    def run(self) -> None:
        context = self.context

        def work() -> object:
            from frontdesk.services.visitors import run_daily_jobs

            return run_daily_jobs(context.db, context.config.reception)

        context.tasks.submit(work, on_done=self._done, on_error=self._failed)

    def _done(self, result: object) -> None:
        self.runs += 1
        self.last_result = result
        log.info("visitor jobs: %s", result)

    def _failed(self, error: BaseException) -> None:
        self.runs += 1
        log.warning("visitor jobs failed: %s", error)


def attach_visitor_jobs(parent: QObject, context: AppContext) -> VisitorJobs:
    """Start the jobs for as long as ``parent`` (the main window) lives."""
    return VisitorJobs(context, parent)
