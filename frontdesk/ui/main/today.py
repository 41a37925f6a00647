"""The "Today's work" box on the home page: calls due, promises due, visits to confirm and today.

It loads on the database worker (``AppContext.tasks``), never on the GUI
thread, each time the home page is shown (and on ``todaysWorkRefresh``). Each
line is a button that opens the screen that deals with it.

Object names: ``todaysWork`` (the box), ``todaysWorkStatus``,
``todaysWorkRefresh``, and one button per line: ``todayCallsDue``,
``todayPromisesDue``, ``todayEscalated``, ``todayVisitsToConfirm``,
``todayVisitsToday``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from frontdesk.services.actors import Actor
from frontdesk.ui.context import AppContext
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from frontdesk.services.today import TodaysWork

log = logging.getLogger(__name__)

LINE_TEXTS = {
    "calls_due": QT_TRANSLATE_NOOP("TodaysWork", "Overdue-fee calls due today: {count}"),
    "promises_due": QT_TRANSLATE_NOOP("TodaysWork", "Promises to pay falling due: {count}"),
    "escalated": QT_TRANSLATE_NOOP("TodaysWork", "Calls waiting for a supervisor: {count}"),
    "visits_to_confirm": QT_TRANSLATE_NOOP(
        "TodaysWork", "Home visits to confirm by phone: {count}"
    ),
    "visits_today": QT_TRANSLATE_NOOP("TodaysWork", "Home visits today: {count}"),
}
OBJECT_NAMES = {
    "calls_due": "todayCallsDue",
    "promises_due": "todayPromisesDue",
    "escalated": "todayEscalated",
    "visits_to_confirm": "todayVisitsToConfirm",
    "visits_today": "todayVisitsToday",
}


def _load(context: AppContext, actor: Actor) -> TodaysWork:
    """On the worker: the database is opened here if it has not been yet."""
    from frontdesk.services.today import todays_work

    config = context.config
    return todays_work(context.db, actor, calls=config.calls, office=config.office)


class TodaysWorkBox(QGroupBox):
    """What is to be done today; each line opens its screen."""

    def __init__(self, context: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Today's work"), parent)
        self.setObjectName("todaysWork")
        self.context = context
        self.actor = actor
        self.work: TodaysWork | None = None
        self.loading = False
        self.buttons: dict[str, QPushButton] = {}
        self.status = QLabel(self.tr("Loading…"), self)
        self.status.setObjectName("todaysWorkStatus")
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("todaysWorkRefresh")
        self.refresh_button.clicked.connect(self.reload)
        self.lines = QVBoxLayout()
        self.lines.setSpacing(2)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.lines)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Load today's work on the database worker (once at a time)."""
        if self.loading:
            return
        self.loading = True
        self.refresh_button.setEnabled(False)
        self.context.tasks.submit(
            _load, self.context, self.actor, on_done=self._loaded, on_error=self._failed
        )

    def _loaded(self, work: TodaysWork) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)
        self.work = work
        for button in self.buttons.values():
            self.lines.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        available = self._screens()
        for item in work.items:
            source = LINE_TEXTS.get(item.kind)
            if source is None:
                continue
            text = self.tr(source).format(count=item.count)
            if item.rooms:
                more = "…" if item.count > len(item.rooms) else ""
                text = f"{text}  ({'、'.join(item.rooms)}{more})"
            button = QPushButton(text, self)
            button.setObjectName(OBJECT_NAMES.get(item.kind, item.kind))
            button.setFlat(True)
            button.setStyleSheet("text-align: left; font-weight: bold;" if item.count else "")
            button.setEnabled(item.screen in available)
            button.clicked.connect(
                lambda _checked=False, name=item.screen, kind=item.kind: self.open(name, kind)
            )
            self.lines.addWidget(button)
            self.buttons[item.kind] = button
        if work.total:
            self.status.setText(self.tr("{day}: to do").format(day=work.day.isoformat()))
        else:
            self.status.setText(self.tr("{day}: nothing waiting.").format(day=work.day.isoformat()))

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)
        log.warning("today's work could not be loaded: %s", error)
        self.status.setText(
            self.tr("Today's work could not be loaded: {error}").format(error=error)
        )

    def _screens(self) -> set[str]:
        actions: Any = getattr(self.window(), "screen_actions", None)
        return set(actions) if isinstance(actions, dict) else set()

    def open(self, name: str, kind: str = "") -> None:
        """Open the screen ``name`` in the main window, on ``kind`` if it can show it."""
        opener = getattr(self.window(), "open_screen", None)
        page = opener(name) if opener is not None else None
        show_work = getattr(page, "show_work", None)
        if kind and show_work is not None:
            show_work(kind)
