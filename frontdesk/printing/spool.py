"""The desk's print spool: a worker thread that prints queued jobs (no Qt).

Jobs are rows (``frontdesk.services.print_jobs``), so they survive a restart.
The worker looks for the desk's pending jobs every ``poll_seconds`` and at once
when kicked (call :meth:`Spool.kick` after a payment commits). For each job:
claim it (pending → printing, its own transaction), render it from the
payment's stored receipt content, send it, mark it printed. When the printer
is off, out of paper or times out, the job goes back to pending with the
reason, the worker waits (``backoff`` doubling from the first to the second
value) and tries again; the payment is never touched. A job is printed once:
one cut off while printing (the program stopped, or the printer failed after
part of the slip was sent) is left *uncertain* and printed again only through
``print_jobs.retry``, as a marked copy. Start a spool only when a printer is
configured (``[printer] connection`` other than ``"none"``).

``on_change`` is called from the worker thread with a :class:`SpoolState`
whenever it changes; a GUI must hand it to its own thread (a queued signal).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from frontdesk.config import Config, default_path
from frontdesk.printing import connections, templates, thermal
from frontdesk.services import print_jobs, print_worker
from frontdesk.services.print_worker import ClaimedJob, UnprintableJob
from frontdesk.storage.database import Database

__all__ = ["JobPrinter", "Spool", "SpoolState", "print_now"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpoolState:
    """What the cashier's status line shows.

    ``pending``: jobs waiting; ``failing``: the last attempt failed (``last_error``
    says why) and the worker is backing off; ``uncertain``: jobs cut off while
    printing, printed again only on request (``print_jobs.retry``);
    ``printed``: jobs printed since the spool started (grows with each slip).
    """

    pending: int = 0
    failing: bool = False
    last_error: str = ""
    uncertain: int = 0
    printed: int = 0  # jobs this spool has printed since it started


class JobPrinter:
    """Renders claimed jobs and sends them to the configured printer."""

    def __init__(self, config: Config, template: templates.Template | None = None) -> None:
        self.config = config
        self.settings = config.printer
        if template is None:
            template, warnings = templates.load_template(self.settings, default_path().parent)
            for warning in warnings:
                log.warning("receipt template: %s", warning)
        self.template = template

    def render(self, job: ClaimedJob) -> bytes:
        """The bytes for one job: a receipt (original or copy) or a test page."""
        if job.kind == "test" or job.receipt is None:
            return thermal.test_page_bytes(self.settings, self.template)
        copy = job.copy_no > 0
        return thermal.receipt_bytes(
            job.receipt,
            self.settings,
            self.template,
            copy_no=job.copy_no,
            reprinted_by=job.reprinted_by if copy else "",
            reprinted_at=job.requested_at if copy else None,
            verification_code=job.verification_code if self.settings.print_qr else None,
            open_drawer=job.open_drawer and self.settings.drawer_pin != 0,
        )

    def print_job(self, db: Database, job: ClaimedJob) -> None:
        """Render, send and mark one claimed job.

        Raises:
            PrinterError: the printer failed; the job is back in the queue (or,
                if part of it may be on paper, uncertain).
            UnprintableJob: the job cannot be rendered; it has been cancelled.
        """
        try:
            data = self.render(job)
        except Exception as exc:  # broken data or template: never retried automatically
            log.exception("print job %s cannot be rendered", job.id)
            message = f"票据 {job.receipt_no} 无法生成打印内容，不能打印（{exc}）"
            print_worker.mark_unprintable(db, job, message)
            raise UnprintableJob(message) from exc
        try:
            connections.send(self.settings, data)
        except connections.PrinterError as exc:
            if getattr(exc, "maybe_printed", False):  # part of it may be on paper: never again
                print_worker.mark_uncertain(db, job, f"{exc}（可能已打出一部分）")
            else:
                print_worker.mark_failed(db, job, str(exc))
            raise
        except Exception as exc:  # an unexpected driver failure counts as a printer failure
            log.exception("print job %s: unexpected error while sending", job.id)
            print_worker.mark_failed(db, job, f"{type(exc).__name__}: {exc}")
            raise connections.PrinterError(f"打印失败：{exc}") from exc
        if not print_worker.mark_printed(db, job):
            log.warning("print job %s was changed while it printed", job.id)


def print_now(db: Database, config: Config, job_id: int, *, desk: str) -> bool:
    """Print one pending job right away (the command line). False if it is no longer pending.

    Raises:
        PrinterError: the printer failed; the job stays in the queue.
        UnprintableJob: the receipt cannot be rendered; the job was cancelled.
    """
    printer = JobPrinter(config)
    job = print_worker.claim(db, desk, job_id=job_id, with_code=config.printer.print_qr)
    if job is None:
        return False
    printer.print_job(db, job)
    return True


class Spool:
    """A worker thread that prints ``config.app.desk``'s queued jobs.

    Args:
        db: the application's database.
        settings: the configuration (desk name and ``[printer]``).
        on_change: called (from the worker thread) with each new state.
        poll_seconds: how often to look for jobs when not kicked.
        backoff: seconds to wait after the first failure, doubling up to the second value.
        template: the receipt template (default: ``templates.load_template``).
    """

    def __init__(
        self,
        db: Database,
        settings: Config,
        *,
        on_change: Callable[[SpoolState], None] | None = None,
        poll_seconds: float = 1.0,
        backoff: tuple[float, float] = (2.0, 30.0),
        template: templates.Template | None = None,
    ) -> None:
        self.db = db
        self.config = settings
        self.desk = settings.app.desk
        self.on_change = on_change
        self.poll_seconds = poll_seconds
        self.backoff = backoff
        self._template = template
        self._printer: JobPrinter | None = None
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._failures = 0
        self._printed = 0
        self._last_error = ""
        self._state = SpoolState()
        self._lock = threading.Lock()

    # ------------------------------------------------------------ control

    @property
    def state(self) -> SpoolState:
        with self._lock:
            return self._state

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the worker thread (returns at once; the database is touched only there)."""
        if self.running:
            return
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"print-spool-{self.desk}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> bool:
        """Ask the worker to finish its current job and stop; True if it stopped in time."""
        thread = self._thread
        if thread is None:
            return True
        self._stopping.set()
        self._wake.set()
        thread.join(timeout)
        stopped = not thread.is_alive()
        if stopped:
            self._thread = None
        return stopped

    def kick(self) -> None:
        """Look for jobs now (after a payment, or when the cashier presses Retry)."""
        self._wake.set()

    # ------------------------------------------------------------ the worker

    def _run(self) -> None:
        try:
            self._printer = JobPrinter(self.config, self._template)
        except Exception as exc:
            log.exception("print spool cannot start")
            self._failures, self._last_error = 1, f"打印模板有误：{exc}"
            self._publish()
            return
        try:
            interrupted = print_worker.mark_interrupted(self.db, self.desk)
            if interrupted:
                log.warning("%d print job(s) were cut off by the last exit", interrupted)
        except Exception:
            log.exception("print spool: cannot check for interrupted jobs")
        while not self._stopping.is_set():
            self._wake.clear()
            self._drain()
            self._publish()
            self._wake.wait(self._delay())
        log.info("print spool for %s stopped", self.desk)

    def _delay(self) -> float:
        if not self._failures:
            return self.poll_seconds
        first, most = self.backoff
        return float(min(most, first * 2 ** min(self._failures - 1, 16)))

    def _drain(self) -> None:
        """Print pending jobs until there are none, a job fails, or we are stopping."""
        assert self._printer is not None
        while not self._stopping.is_set():
            try:
                if print_jobs.counts(self.db, desk=self.desk).pending == 0:
                    return
                job = print_worker.claim(self.db, self.desk, with_code=self.config.printer.print_qr)
            except UnprintableJob as exc:
                self._set_aside(str(exc))
                continue
            except Exception as exc:
                log.exception("print spool: database error")
                self._fail(f"数据库错误：{exc}")
                return
            if job is None:
                return
            try:
                self._printer.print_job(self.db, job)
            except connections.PrinterError as exc:
                log.warning("print job %s (%s) failed: %s", job.id, job.receipt_no, exc)
                self._fail(str(exc))
                return
            except UnprintableJob as exc:
                self._set_aside(str(exc))
                continue
            except Exception as exc:  # the database failed while marking: keep going later
                log.exception("print job %s: error after printing", job.id)
                self._fail(str(exc))
                return
            log.info("printed job %s (%s, copy %s)", job.id, job.receipt_no, job.copy_no)
            self._failures, self._last_error = 0, ""
            self._printed += 1
            self._publish()

    def _set_aside(self, message: str) -> None:
        """A job that can never print was cancelled: say so, and go on with the others."""
        log.error("print spool: %s", message)
        self._last_error = message
        self._publish()

    def _fail(self, message: str) -> None:
        self._failures += 1
        self._last_error = message
        self._publish()

    def _publish(self) -> None:
        try:
            counted = print_jobs.counts(self.db, desk=self.desk)
        except Exception:
            log.exception("print spool: cannot count jobs")
            counted = print_jobs.QueueCounts(self.state.pending, self.state.uncertain)
        state = SpoolState(
            pending=counted.pending,
            failing=self._failures > 0,
            last_error=self._last_error,
            uncertain=counted.uncertain,
            printed=self._printed,
        )
        with self._lock:
            changed = state != self._state
            self._state = state
        if changed and self.on_change is not None:
            try:
                self.on_change(state)
            except Exception:
                log.exception("print spool: on_change failed")
