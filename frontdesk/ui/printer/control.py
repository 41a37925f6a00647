"""The desk's print spool as the GUI sees it: started, restarted, kicked, stopped.

One ``SpoolControl`` belongs to the main window of the person logged in
(``frontdesk.ui.spool_status.attach_printer_status`` makes it). It runs a
``frontdesk.printing.spool.Spool`` while ``config.printer.connection`` is not
``"none"`` and hands the spool's state, which the spool reports from its
worker thread, to the GUI thread through a queued signal (``stateChanged``).

It also owns the desk's *printer* task runner: work that talks to the printer
from the GUI (a test page) runs there, one job at a time, never on the GUI
thread and never in the database runner's queue.

Screens find the control of their window with :func:`control_for`;
:func:`kick` asks the spool to look for jobs now (after a payment or a
reprint was queued).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import weakref
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal

from frontdesk.config import Config
from frontdesk.ui.context import AppContext
from frontdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from frontdesk.printing.spool import Spool, SpoolState

log = logging.getLogger(__name__)

RESTART_WAIT_S = 10.0
"""How long a restart waits for the old spool to finish the job it is printing."""

_controls: weakref.WeakKeyDictionary[AppContext, SpoolControl] = weakref.WeakKeyDictionary()


def control_for(app: AppContext) -> SpoolControl | None:
    """The spool control of the window working with ``app``, if one is open."""
    control = _controls.get(app)
    if control is None or not shiboken6.isValid(control) or control.closed:
        return None
    return control


def kick(app: AppContext) -> None:
    """Ask ``app``'s spool to print queued jobs now (does nothing without a printer)."""
    control = control_for(app)
    if control is not None:
        control.kick()


class _Relay(QObject):
    """Carries spool states from the worker thread to the GUI thread.

    It has no parent and is kept alive by the spool's callback, so the worker
    never emits through a deleted object; the receiving control may be gone,
    and Qt then simply drops the queued call.
    """

    state = Signal(object)


class SpoolControl(QObject):
    """Runs the desk's spool for a window; see the module docstring.

    Signals:
        stateChanged(object): a ``SpoolState``, or None when the desk has no
            printer (``connection = "none"``) or the spool stopped.
    """

    stateChanged = Signal(object)

    def __init__(self, app: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spoolControl")
        self.app = app
        self.tasks = TaskRunner("printer", self)
        self.spool: Spool | None = None
        self.state: SpoolState | None = None
        self.closed = False
        self._started: list[Spool] = []  # every spool started, for shutdown and tests
        self._lock = threading.Lock()
        self._relay: _Relay | None = None  # the current spool's; states from older ones are stale
        _controls[app] = self

    @property
    def config(self) -> Config:
        return self.app.config

    @property
    def has_printer(self) -> bool:
        return self.config.printer.connection != "none"

    def start(self) -> None:
        """Start the spool if the desk has a printer (returns at once)."""
        if self.closed or self.spool is not None:
            return
        if not self.has_printer:
            self._set_state(None)
            return
        self.spool = self._new_spool()
        with self._lock:
            self.spool.start()
            self._started.append(self.spool)
        self._set_state(self.spool.state)

    def restart(self) -> None:
        """Use the settings now in ``app.config.printer``: stop the old spool, start a new one.

        The old spool finishes the job it is printing first; that wait and the
        new start happen on the printer task runner, not on the GUI thread.
        """
        if self.closed:
            return
        old = self.spool
        self.spool = self._new_spool() if self.has_printer else None
        if self.spool is None:
            self._relay = None
        self._set_state(None if self.spool is None else self.spool.state)
        if old is not None:
            old.on_change = None
        self.tasks.submit(self._swap, old, self.spool, on_error=self._swap_failed)

    def _swap(self, old: Spool | None, new: Spool | None) -> None:
        # On the printer runner, one swap after the other: ``old`` has been started
        # (or never will be) by the time this runs.
        if old is not None and not old.stop(RESTART_WAIT_S):
            log.warning("the old print spool is still printing; starting the new one anyway")
        with self._lock:  # against shutdown() stopping spools at the same moment
            if new is not None and not self.closed:
                new.start()
                self._started.append(new)

    @staticmethod
    def _swap_failed(error: BaseException) -> None:
        log.error("restarting the print spool failed", exc_info=error)

    def kick(self) -> None:
        """Look for queued jobs now (after a payment, a reprint, or Retry)."""
        if self.spool is not None:
            self.spool.kick()

    def shutdown(self, wait: float = 0.0) -> None:
        """Stop the spool and the printer runner; wait at most ``wait`` seconds for the spool.

        With ``wait=0`` the spool finishes its current job in the background.
        """
        if self.closed:
            return
        if _controls.get(self.app) is self:
            del _controls[self.app]
        spool, self.spool, self._relay = self.spool, None, None
        if spool is not None:
            spool.on_change = None
        with self._lock:
            self.closed = True  # a restart still under way starts nothing now
            started = list(self._started)
        for each in started:
            each.on_change = None
            each.stop(0)  # all asked at once; then the current one is waited for
        if spool is not None and wait > 0:
            spool.stop(wait)
        self.tasks.shutdown(wait=False)
        self.state = None

    def wait_stopped(self, timeout: float = 10.0) -> bool:
        """After ``shutdown``: wait (tests, quitting) until every spool it started has stopped."""
        return all(spool.stop(timeout) for spool in list(self._started))

    # -- internals --------------------------------------------------------

    def _new_spool(self) -> Spool:
        from frontdesk.printing.spool import Spool

        relay = _Relay()
        relay.state.connect(self._on_relayed)
        self._relay = relay

        def on_change(state: SpoolState) -> None:  # on the spool's worker thread
            relay.state.emit(state)

        # A copy: later changes to the running settings go to the next spool.
        config = dataclasses.replace(self.config)
        return Spool(self.app.db, config, on_change=on_change)

    def _on_relayed(self, state: SpoolState) -> None:
        if self.sender() is self._relay:
            self._set_state(state)

    def _set_state(self, state: SpoolState | None) -> None:
        if self.closed and state is not None:
            return
        self.state = state
        self.stateChanged.emit(state)
