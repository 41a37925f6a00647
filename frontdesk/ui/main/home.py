"""The home page of the main window: who is at the desk, where the data lives, the keys."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from frontdesk import __version__
from frontdesk.services.actors import Actor
from frontdesk.ui.context import AppContext, role_title
from frontdesk.ui.main.screens import HOME_KEY, LOGOUT_KEY, QUIT_KEY, ScreenSpec
from frontdesk.ui.main.today import TodaysWorkBox
from frontdesk.ui.widgets import scale_font


def key_text(key: str) -> str:
    """A shortcut as the user's keyboard labels it (``F2``, ``Ctrl+L``)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


class HomePage(QScrollArea):
    """Facts about the session and the installation, and the keyboard shortcuts.

    Object names: ``homePage``, ``homeGreeting``, ``homeUser``, ``homeRole``,
    ``homeDesk``, ``homeDatabase``, ``homeVersion``, ``homeShortcuts``.
    """

    def __init__(
        self,
        context: AppContext,
        actor: Actor,
        screens: Sequence[ScreenSpec],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(self)
        body.setObjectName("homeBody")
        outer = QVBoxLayout(body)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(14)

        greeting = QLabel(self.tr("Hello, {name}").format(name=actor.name), body)
        greeting.setObjectName("homeGreeting")
        font = QFont(greeting.font())
        scale_font(font, 1.8)
        font.setBold(True)
        greeting.setFont(font)
        outer.addWidget(greeting)
        if context.demo:
            demo = QLabel(
                self.tr("Demo mode: this is practice data, not the office's database."), body
            )
            demo.setObjectName("homeDemo")
            demo.setStyleSheet("color: #a15c00; font-weight: bold;")
            outer.addWidget(demo)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        left = QVBoxLayout()
        left.addWidget(self._session_box(context, actor, body))
        left.addWidget(self._system_box(context, body))
        left.addStretch(1)
        columns.addLayout(left, 3)
        right = QVBoxLayout()
        self.todays_work = TodaysWorkBox(context, actor, body)
        right.addWidget(self.todays_work)
        right.addWidget(self._keys_box(screens, body))
        right.addStretch(1)
        columns.addLayout(right, 2)
        outer.addLayout(columns)
        outer.addStretch(1)
        self.setWidget(body)

    def _value(self, text: str, name: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _session_box(self, context: AppContext, actor: Actor, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Logged in"), parent)
        form = QFormLayout(box)
        form.addRow(
            self.tr("Staff:"),
            self._value(
                self.tr("{name} ({staff_no})").format(name=actor.name, staff_no=actor.staff_no),
                "homeUser",
                box,
            ),
        )
        form.addRow(self.tr("Role:"), self._value(role_title(actor.role), "homeRole", box))
        form.addRow(self.tr("Desk:"), self._value(context.desk, "homeDesk", box))
        form.addRow(
            self.tr("Estate:"),
            self._value(context.config.app.estate_name, "homeEstate", box),
        )
        now = QLocale().toString(QDateTime.currentDateTime(), QLocale.FormatType.ShortFormat)
        form.addRow(self.tr("Since:"), self._value(now, "homeSince", box))
        minutes = context.config.app.idle_timeout_minutes
        idle = (
            self.tr("after {minutes} minutes without input").format(minutes=minutes)
            if minutes > 0
            else self.tr("off")
        )
        form.addRow(self.tr("Automatic log-out:"), self._value(idle, "homeIdle", box))
        return box

    def _system_box(self, context: AppContext, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("This installation"), parent)
        form = QFormLayout(box)
        kind = self.tr("SQLite file") if context.db.is_sqlite else self.tr("database server")
        form.addRow(
            self.tr("Database:"),
            self._value(f"{context.database_location()}\n({kind})", "homeDatabase", box),
        )
        if context.log_file is not None:
            form.addRow(self.tr("Log file:"), self._value(str(context.log_file), "homeLog", box))
        form.addRow(
            self.tr("Version:"),
            self._value(f"frontdesk {__version__}", "homeVersion", box),
        )
        return box

    def _keys_box(self, screens: Sequence[ScreenSpec], parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Keyboard"), parent)
        box.setObjectName("homeShortcuts")
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(16)
        rows: list[tuple[str, str]] = [(key_text(s.key), s.display_title()) for s in screens]
        rows += [
            (key_text(HOME_KEY), self.tr("This home page")),
            (key_text(LOGOUT_KEY), self.tr("Log out")),
            (key_text(QUIT_KEY), self.tr("Log out and quit")),
            (self.tr("Enter"), self.tr("Confirm (OK, save, log in)")),
            (self.tr("Esc"), self.tr("Cancel, close the dialog")),
            (self.tr("Tab / Shift+Tab"), self.tr("Next / previous field")),
        ]
        for row, (key, meaning) in enumerate(rows):
            key_label = QLabel(f"<b>{html.escape(key)}</b>", box)
            key_label.setTextFormat(Qt.TextFormat.RichText)
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(QLabel(meaning, box), row, 1)
        grid.setColumnStretch(1, 1)
        return box
