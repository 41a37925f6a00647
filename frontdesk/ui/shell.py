"""Which top-level window is showing: login dialog → main window → login dialog …

The shell owns the ``AppContext`` for the life of the program. It records
log-outs (through the database worker) and hands each new window to whoever
listens on ``windowChanged``; when the person quits from the login dialog or
closes the main window it emits ``quitRequested`` (``main()`` connects that to
``QApplication.quit``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from frontdesk.errors import FrontdeskError
from frontdesk.services.actors import Actor
from frontdesk.ui.context import AppContext
from frontdesk.ui.login.dialog import LoginDialog

if TYPE_CHECKING:
    # The main window (and the services behind it) is imported at the first
    # login, so that the login dialog shows quickly.
    from frontdesk.ui.main.screens import ScreenSpec
    from frontdesk.ui.main.window import MainWindow

log = logging.getLogger(__name__)


class Shell(QObject):
    """Switches between the login dialog and the main window."""

    windowChanged = Signal(QWidget)
    quitRequested = Signal()

    def __init__(
        self,
        context: AppContext,
        screens: list[ScreenSpec] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shell")
        self.context = context
        self._screens = screens
        self._window: QWidget | None = None
        self._closed = False

    @property
    def window(self) -> QWidget | None:
        """The login dialog or main window now showing (None after ``close``)."""
        if self._window is not None and not shiboken6.isValid(self._window):
            self._window = None
        return self._window

    def show_login(self, message: str = "") -> LoginDialog:
        """Show a fresh login dialog (optionally with a message) and return it."""
        dialog = LoginDialog(self.context)
        dialog.shell = self  # type: ignore[attr-defined]
        dialog.loggedIn.connect(self._on_logged_in)
        dialog.rejected.connect(self._on_login_rejected)
        if message:
            dialog.show_message(message, error=False)
        self._switch_to(dialog)
        return dialog

    def _on_logged_in(self, actor: Actor) -> None:
        from frontdesk.ui.main.window import MainWindow

        window = MainWindow(self.context, actor, self._screens)
        window.shell = self  # type: ignore[attr-defined]
        window.loggedOut.connect(lambda reason: self._on_logged_out(window, reason))
        self._switch_to(window)

    def _on_login_rejected(self) -> None:
        log.info("login dialog closed: quitting")
        self._discard(self._window)
        self._window = None
        self.quitRequested.emit()

    def _on_logged_out(self, window: MainWindow, reason: str) -> None:
        from frontdesk.services.users import record_logout
        from frontdesk.ui.main.window import LOGOUT_CLOSE

        ctx = self.context
        if not self._closed:
            ctx.tasks.submit(
                record_logout,
                ctx.db,
                window.actor,
                reason,
                desk=ctx.desk,
                on_error=self._on_logout_not_recorded,
            )
        if reason == LOGOUT_CLOSE or self._closed:
            self._window = None
            window.deleteLater()
            self.quitRequested.emit()
            return
        if reason == "idle":
            message = self.tr("You were logged out after {minutes} minutes without input.").format(
                minutes=ctx.config.app.idle_timeout_minutes
            )
        else:
            message = self.tr("{name} has logged out.").format(name=window.actor.name)
        self.show_login(message)

    def _on_logout_not_recorded(self, error: BaseException) -> None:
        log.error("logout could not be recorded", exc_info=error)
        window = self.window
        if isinstance(window, LoginDialog):
            text = str(error) if isinstance(error, FrontdeskError) else type(error).__name__
            window.show_message(
                self.tr("The log-out could not be recorded: {error}").format(error=text)
            )

    def _switch_to(self, window: QWidget) -> None:
        old = self._window
        self._window = window
        window.show()
        if QGuiApplication.platformName() != "offscreen":  # it cannot stack windows
            window.raise_()
        window.activateWindow()
        self._discard(old)
        self.windowChanged.emit(window)

    @staticmethod
    def _discard(window: QWidget | None) -> None:
        if window is not None and shiboken6.isValid(window):
            window.hide()
            window.deleteLater()

    def close(self) -> None:
        """Close the windows, finish queued database work and release the database."""
        if self._closed:
            return
        window = self.window
        if window is not None:
            window.close()  # a main window still open queues its log-out record first
            self._discard(window)
        self._closed = True
        self._window = None
        self.context.close()
