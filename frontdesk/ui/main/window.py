"""The main window: the screens the logged-in person may use, each on a function key.

Object names: ``mainWindow``, ``screenStack`` (the pages), ``homePage``,
``screenBar`` (the tool bar), ``homeAction``, ``logoutAction``, ``quitAction``,
one ``<name>Action`` and one ``<name>Screen`` page per registered screen, and
``statusUser`` / ``statusDesk`` / ``printerStatus`` / ``matterCounts`` /
``unreadMessages`` in the status bar.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QStackedWidget, QWidget

from frontdesk.services.actors import Actor
from frontdesk.ui.context import AppContext, ScreenContext, role_title
from frontdesk.ui.main.home import HomePage, key_text
from frontdesk.ui.main.idle import IdleWatcher
from frontdesk.ui.main.screens import HOME_KEY, LOGOUT_KEY, QUIT_KEY, ScreenSpec, screens_for
from frontdesk.ui.matters.status import attach_matter_status
from frontdesk.ui.spool_status import attach_printer_status

log = logging.getLogger(__name__)

LOGOUT_USER = "user"
LOGOUT_IDLE = "idle"
LOGOUT_CLOSE = "close"


def without_mnemonic(text: str) -> str:
    """Menu text without its access key: ``Log &out`` → ``Log out``, ``首页(&H)`` → ``首页``."""
    return re.sub(r"\(&\w\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


class MainWindow(QMainWindow):
    """The window a logged-in staff member works in.

    Emits ``loggedOut(reason)`` once, when the person logs out (``"user"``),
    the idle time-out strikes (``"idle"``) or the window is closed
    (``"close"``); the shell records it and decides what comes next.
    """

    loggedOut = Signal(str)

    def __init__(
        self,
        context: AppContext,
        actor: Actor,
        screens: Sequence[ScreenSpec] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.actor = actor
        self.screens = screens_for(actor.role, screens)
        self._pages: dict[str, QWidget] = {}
        self._logged_out = False
        self.setObjectName("mainWindow")
        self.resize(1100, 720)

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("screenStack")
        self.home = HomePage(context, actor, self.screens, self.stack)
        self.stack.addWidget(self.home)
        self.setCentralWidget(self.stack)

        self._build_actions()
        self._build_status_bar()
        self.printer_status = attach_printer_status(self)  # the desk's print spool, until log-out
        from frontdesk.ui.visitors.daily import attach_visitor_jobs

        self.visitor_jobs = attach_visitor_jobs(self, context)  # auto sign-out and retention
        self.matter_status = attach_matter_status(self)  # matter counts, unread messages
        self._update_title()

        self.idle = IdleWatcher(context.config.app.idle_timeout_minutes * 60_000, self)
        self.idle.setObjectName("idleWatcher")
        self.idle.idle.connect(self._on_idle)
        if self.idle.interval_ms > 0:
            self.idle.start()

    # -- construction ---------------------------------------------------

    def _build_actions(self) -> None:
        self.home_action = self._action(self.tr("&Home"), HOME_KEY, "homeAction")
        self.home_action.triggered.connect(self.go_home)
        self.logout_action = self._action(self.tr("Log &out"), LOGOUT_KEY, "logoutAction")
        self.logout_action.triggered.connect(lambda: self.logout(LOGOUT_USER))
        self.quit_action = self._action(self.tr("&Quit"), QUIT_KEY, "quitAction")
        self.quit_action.triggered.connect(self.close)
        self.screen_actions: dict[str, QAction] = {}
        for spec in self.screens:
            action = self._action(spec.display_title(), spec.key, f"{spec.name}Action")
            action.triggered.connect(lambda _checked=False, s=spec: self.open_screen(s.name))
            self.screen_actions[spec.name] = action

        session_menu = self.menuBar().addMenu(self.tr("&Session"))
        session_menu.addAction(self.logout_action)
        session_menu.addSeparator()
        session_menu.addAction(self.quit_action)
        screens_menu = self.menuBar().addMenu(self.tr("S&creens"))
        screens_menu.addAction(self.home_action)
        for action in self.screen_actions.values():
            screens_menu.addAction(action)

        bar = self.addToolBar(self.tr("Screens"))
        bar.setObjectName("screenBar")
        bar.setMovable(False)
        bar.addAction(self.home_action)
        for action in self.screen_actions.values():
            bar.addAction(action)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addAction(self.logout_action)

    def _action(self, text: str, key: str, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(key))
        plain = without_mnemonic(text)
        action.setToolTip(f"{plain} ({key_text(key)})")
        action.setIconText(f"{plain}  {key_text(key)}")
        self.addAction(action)  # the shortcut works even with the menu hidden
        return action

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        who = QLabel(self.who(), status)
        who.setObjectName("statusUser")
        desk = QLabel(self.tr("Desk: {desk}").format(desk=self.context.desk), status)
        desk.setObjectName("statusDesk")
        if self.context.demo:
            demo = QLabel(self.tr("DEMO"), status)
            demo.setObjectName("statusDemo")
            demo.setStyleSheet("color: #a15c00; font-weight: bold;")
            status.addPermanentWidget(demo)
        status.addPermanentWidget(who)
        status.addPermanentWidget(desk)

    def who(self) -> str:
        """``name (staff no.) · role`` for the title and status bar."""
        person = self.tr("{name} ({staff_no})").format(
            name=self.actor.name, staff_no=self.actor.staff_no
        )
        return f"{person} · {role_title(self.actor.role)}"

    def _update_title(self) -> None:
        page = self.stack.currentWidget()
        screen = next((s for s in self.screens if self._pages.get(s.name) is page), None)
        title = self.tr("Front desk") if screen is None else screen.display_title()
        text = f"{title} — {self.who()} · {self.context.desk}"
        if self.context.demo:
            text = self.tr("[DEMO] {title}").format(title=text)
        self.setWindowTitle(text)

    # -- navigation -----------------------------------------------------

    def go_home(self) -> None:
        """Show the home page."""
        self.stack.setCurrentWidget(self.home)
        self._update_title()

    def open_screen(self, name: str) -> QWidget | None:
        """Show the screen called ``name``, building it the first time.

        Returns:
            The screen's widget, or None if this person may not open it or it
            could not be built (the error is shown by the crash handler).
        """
        spec = next((s for s in self.screens if s.name == name), None)
        if spec is None:
            return None
        page = self._pages.get(name)
        if page is None:
            try:
                page = spec.factory(ScreenContext(self.context, self.actor))
            except Exception:
                log.exception("screen %s could not be built", name)
                sys.excepthook(*sys.exc_info())
                return None
            if not page.objectName():
                page.setObjectName(f"{name}Screen")
            self.stack.addWidget(page)
            self._pages[name] = page
        self.stack.setCurrentWidget(page)
        self._update_title()
        return page

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget()

    # -- leaving --------------------------------------------------------

    @property
    def logged_out(self) -> bool:
        return self._logged_out

    def logout(self, reason: str = LOGOUT_USER) -> None:
        """End the session: emit ``loggedOut(reason)`` once and close the window."""
        if self._logged_out:
            return
        self._logged_out = True
        self.idle.stop()
        log.info("logout %s (%s)", self.actor.staff_no, reason)
        self.loggedOut.emit(reason)
        self.close()

    def _on_idle(self) -> None:
        """The idle time-out struck: log out (tests call this directly)."""
        self.logout(LOGOUT_IDLE)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._logged_out:
            self._logged_out = True
            self.idle.stop()
            log.info("window closed by %s", self.actor.staff_no)
            self.loggedOut.emit(LOGOUT_CLOSE)
        super().closeEvent(event)
