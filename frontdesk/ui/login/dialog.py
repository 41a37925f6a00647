"""The login dialog: staff number and password, checked off the GUI thread.

Object names for scripts and tests: ``loginDialog``, ``loginUser``,
``loginPassword``, ``loginButton``, ``loginMessage``, ``loginSetupHint``
(shown when the database has no administrator yet) and, in demo mode,
``demoAccounts`` (a table of the demo logins; choosing a row fills the fields).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk import __version__
from frontdesk.errors import FrontdeskError
from frontdesk.services.actors import Actor, LoginPolicy
from frontdesk.ui.context import AppContext
from frontdesk.ui.widgets import scale_font

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex
    from PySide6.QtGui import QShowEvent
    from PySide6.QtWidgets import QTableView

# Until the dialog is on screen nothing here may touch the QtCore.Qt namespace: its
# first use creates all of its ~90 enums, about 30 ms of start-up (checked by
# tests/ui/test_startup_imports.py). Class enums such as QLineEdit.EchoMode are cheap.
# QDialogButtonBox and QPushButton get their parent as parent=...: given positionally,
# PySide also tries the overloads that take a Qt enum or a QIcon, which loads them.
# Code that runs later reaches the namespace as QtCore.Qt.

log = logging.getLogger(__name__)

ADMIN_INIT_COMMAND = "frontdesk-admin init --admin 工号 --name 姓名"

# Qt.TextInteractionFlag.TextSelectableByMouse as a plain number for setProperty (see above).
_SELECTABLE = 1


# The worker's side of the dialog. They read ``context.db`` (and import the
# services) on the worker, so that the dialog can be shown while the database
# is still being opened there (see ``AppContext.warm_up``).


def _has_admin(context: AppContext) -> bool:
    from frontdesk.services.users import has_admin

    return has_admin(context.db)


def _authenticate(
    context: AppContext, staff_no: str, password: str, policy: LoginPolicy, desk: str
) -> Actor:
    from frontdesk.services.users import authenticate

    return authenticate(context.db, staff_no, password, policy, desk=desk)


class LoginDialog(QDialog):
    """Asks for a staff number and password and emits ``loggedIn(actor)`` on success.

    Esc (or Quit) rejects the dialog; the shell then ends the program.
    """

    loggedIn = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._busy = False
        self.setObjectName("loginDialog")
        title = self.tr("Front desk — log in")
        if context.demo:
            title = self.tr("{title} (demo)").format(title=title)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)

        estate = QLabel(context.config.app.estate_name, self)
        estate.setObjectName("loginEstate")
        font = QFont(estate.font())
        scale_font(font, 1.5)
        font.setBold(True)
        estate.setFont(font)
        desk = QLabel(self.tr("Desk: {desk}").format(desk=context.desk), self)
        desk.setObjectName("loginDesk")
        prompt = QLabel(self.tr("Log in with your own staff number."), self)

        self.user = QLineEdit(self)
        self.user.setObjectName("loginUser")
        self.user.setMaxLength(32)
        self.user.setPlaceholderText(self.tr("e.g. C001"))
        self.password = QLineEdit(self)
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Staff number:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)

        self.message = QLabel(self)
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("textInteractionFlags", _SELECTABLE)
        self.setup_hint = QLabel(self)
        self.setup_hint.setObjectName("loginSetupHint")
        self.setup_hint.setWordWrap(True)
        self.setup_hint.setProperty("textInteractionFlags", _SELECTABLE)
        self.setup_hint.setFrameShape(QFrame.Shape.StyledPanel)
        self.setup_hint.setMargin(6)
        self.setup_hint.hide()

        self.button = QPushButton(self.tr("Log in"), parent=self)
        self.button.setObjectName("loginButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        quit_button = QPushButton(self.tr("Quit"), parent=self)
        quit_button.setObjectName("loginQuit")
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        buttons = QDialogButtonBox(parent=self)
        buttons.addButton(self.button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(quit_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(estate)
        layout.addWidget(desk)
        layout.addSpacing(8)
        layout.addWidget(prompt)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.setup_hint)

        self.demo_table: QTableView | None = None
        if context.demo:
            layout.addWidget(self._demo_box(context.demo_accounts))

        version = QLabel(self.tr("frontdesk {version}").format(version=__version__), self)
        version.setObjectName("loginVersion")
        version.setEnabled(False)
        layout.addWidget(version)
        layout.addWidget(buttons)

        self.setTabOrder(self.user, self.password)
        self.setTabOrder(self.password, self.button)
        self.user.setFocus()
        if not context.demo:
            context.tasks.submit(
                _has_admin, context, on_done=self._on_admin_check, on_error=self._on_check_failed
            )

    # -- layout helpers -------------------------------------------------

    def _demo_box(self, accounts: Sequence[Any]) -> QWidget:
        from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

        from frontdesk.ui.login.demo import DemoAccountsModel

        box = QFrame(self)
        box.setObjectName("demoBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(box)
        label = QLabel(
            self.tr("Demo mode: practice data only. Choose an account to fill in the fields."),
            box,
        )
        label.setWordWrap(True)
        inner.addWidget(label)
        table = QTableView(box)
        table.setObjectName("demoAccounts")
        table.setModel(DemoAccountsModel(accounts, table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)
        table.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setFixedHeight(
            header.sizeHint().height() + table.verticalHeader().length() + 2 * table.frameWidth()
        )
        table.clicked.connect(self._choose_demo)
        table.activated.connect(self._choose_demo)
        table.selectionModel().currentRowChanged.connect(self._choose_demo)
        inner.addWidget(table)
        self.demo_table = table
        return box

    # -- behaviour ------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while a login is being checked."""
        return self._busy

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.user.setFocus()  # Qt.FocusReason.OtherFocusReason (see above)

    def show_message(self, text: str, *, error: bool = True) -> None:
        """Show ``text`` under the fields (red for an error)."""
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)
        self._fit_height()

    def _fit_height(self) -> None:
        # Word-wrapped labels that change after the dialog was laid out need
        # the dialog to grow (it never shrinks below what the person chose).
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        layout.activate()
        wanted = layout.totalHeightForWidth(self.width())
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def choose_demo_account(self, row: int) -> None:
        """Fill the fields with demo account ``row`` (as clicking it does)."""
        if self.demo_table is None:
            return
        from frontdesk.ui.login.demo import DemoAccountsModel

        model = self.demo_table.model()
        assert isinstance(model, DemoAccountsModel)
        account = model.account(row)
        self.user.setText(account.staff_no)
        self.password.setText(account.password)
        self.show_message("", error=False)

    def _choose_demo(self, current: QModelIndex, *_previous: object) -> None:
        if current.isValid():
            self.choose_demo_account(current.row())

    def submit(self) -> None:
        """Check the fields and start the login on the database worker."""
        if self._busy:
            return
        staff_no = self.user.text().strip()
        password = self.password.text()
        if staff_no and not password and self.user.hasFocus():
            # Enter after the staff number just moves on to the password.
            self.show_message("", error=False)
            self.password.setFocus(QtCore.Qt.FocusReason.TabFocusReason)
            return
        if not staff_no or not password:
            self.show_message(self.tr("Enter your staff number and password."))
            (self.password if staff_no else self.user).setFocus(
                QtCore.Qt.FocusReason.OtherFocusReason
            )
            return
        self._set_busy(True)
        self.show_message(self.tr("Checking…"), error=False)
        ctx = self.context
        ctx.tasks.submit(
            _authenticate,
            ctx,
            staff_no,
            password,
            ctx.login_policy(),
            ctx.desk,
            on_done=self._on_logged_in,
            on_error=self._on_login_failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.button.setEnabled(not busy)
        self.user.setReadOnly(busy)
        self.password.setReadOnly(busy)

    def _on_logged_in(self, actor: Actor) -> None:
        self._set_busy(False)
        self.password.clear()
        log.info("login %s (%s) at %s", actor.staff_no, actor.role, self.context.desk)
        self.show_message("", error=False)
        self.loggedIn.emit(actor)
        self.accept()

    def _on_login_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.password.clear()
        if isinstance(error, FrontdeskError):
            log.info("login refused for %r: %s", self.user.text().strip(), error)
            self.show_message(str(error))
        else:
            log.error("login failed unexpectedly", exc_info=error)
            self.show_message(
                self.tr("Login failed because of an unexpected error: {error}").format(
                    error=type(error).__name__
                )
            )
        self.password.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def _on_admin_check(self, found: bool) -> None:
        if found:
            self.setup_hint.hide()
            return
        lead = self.tr(
            "There is no administrator account yet. Ask your IT person to create "
            "one on this computer with:"
        )
        self.setup_hint.setText(f"{lead}\n\n{ADMIN_INIT_COMMAND}")
        self.setup_hint.show()
        self._fit_height()

    def _on_check_failed(self, error: BaseException) -> None:
        log.warning("administrator check failed: %s", error)
        if isinstance(error, FrontdeskError):
            self.show_message(str(error))
