"""A supervisor authorises an action in place: staff number and password (and a reason).

``SupervisorAuthDialog`` is window-modal but not blocking: open it with
``open()`` and listen to ``authorized(approver, reason)``. The check
(``reversals.authorize_supervisor``) runs on the database worker; a wrong
password or an account that is not a supervisor's leaves the dialog open with
the reason in it. Esc cancels.

Object names: ``supervisorAuth`` (the dialog), ``authPrompt``, ``authReason``
(only when a reason is asked for), ``supervisorStaffNo``, ``supervisorPassword``,
``supervisorAuthMessage``, ``supervisorAuthButton``, ``supervisorAuthCancel``.
"""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import FrontdeskError
from frontdesk.services.reversals import MAX_REASON_CHARS, authorize_supervisor
from frontdesk.services.users import Actor
from frontdesk.ui.context import AppContext

log = logging.getLogger(__name__)


class SupervisorAuthDialog(QDialog):
    """Asks a supervisor to authorise an action at this desk.

    Args:
        context: the application context (database, task runner, login policy).
        title: the window title, e.g. "Authorise void".
        prompt: what is being authorised, in a sentence or two.
        ask_reason: also ask for the reason (required).
        staff_no: a staff number to fill in (e.g. the supervisor who is logged in).

    Signals:
        authorized(Actor, str): the approver and the reason ("" when not asked),
            emitted just before the dialog closes with ``accept()``.

    After acceptance ``approver`` and ``reason`` hold the same values.
    """

    authorized = Signal(object, str)

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        title: str = "",
        prompt: str = "",
        ask_reason: bool = False,
        staff_no: str = "",
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.approver: Actor | None = None
        self.reason = ""
        self._busy = False
        self.setObjectName("supervisorAuth")
        self.setWindowTitle(title or self.tr("Supervisor authorisation"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(440)

        self.prompt = QLabel(prompt or self.tr("A supervisor must authorise this."), self)
        self.prompt.setObjectName("authPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        self.reason_edit: QLineEdit | None = None
        if ask_reason:
            self.reason_edit = QLineEdit(self)
            self.reason_edit.setObjectName("authReason")
            self.reason_edit.setMaxLength(MAX_REASON_CHARS)
            self.reason_edit.setPlaceholderText(self.tr("e.g. wrong household, amount typed wrong"))
            form.addRow(self.tr("&Reason:"), self.reason_edit)
        self.staff_no = QLineEdit(self)
        self.staff_no.setObjectName("supervisorStaffNo")
        self.staff_no.setMaxLength(32)
        self.staff_no.setText(staff_no)
        self.password = QLineEdit(self)
        self.password.setObjectName("supervisorPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Supervisor's &staff number:"), self.staff_no)
        form.addRow(self.tr("Supervisor's &password:"), self.password)

        self.message = QLabel(self)
        self.message.setObjectName("supervisorAuthMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.button = QPushButton(self.tr("&Authorise"), self)
        self.button.setObjectName("supervisorAuthButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setObjectName("supervisorAuthCancel")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        order = [w for w in (self.reason_edit, self.staff_no, self.password, self.button) if w]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    @property
    def busy(self) -> bool:
        """True while the staff number and password are being checked."""
        return self._busy

    def first_field(self) -> QLineEdit:
        if self.reason_edit is not None and not self.reason_edit.text().strip():
            return self.reason_edit
        if not self.staff_no.text().strip():
            return self.staff_no
        return self.password

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)

    def submit(self) -> None:
        """Enter: move on to an empty field, or check the supervisor on the worker."""
        if self._busy:
            return
        reason = self.reason_edit.text().strip() if self.reason_edit is not None else ""
        staff_no = self.staff_no.text().strip()
        password = self.password.text()
        focused = self.focusWidget()
        # Enter in a filled-in field moves on to the next empty one, as in the login.
        if focused is self.reason_edit and reason and not (staff_no and password):
            self.show_message("", error=False)
            (self.password if staff_no else self.staff_no).setFocus()
            return
        if focused is self.staff_no and staff_no and not password:
            self.show_message("", error=False)
            self.password.setFocus()
            return
        if self.reason_edit is not None and not reason:
            self.show_message(self.tr("Enter the reason."))
            self.reason_edit.setFocus()
            return
        if not staff_no or not password:
            self.show_message(self.tr("Enter the supervisor's staff number and password."))
            (self.password if staff_no else self.staff_no).setFocus()
            return
        self._set_busy(True)
        self.show_message(self.tr("Checking…"), error=False)
        ctx = self.context
        ctx.tasks.submit(
            authorize_supervisor,
            ctx.db,
            staff_no,
            password,
            policy=ctx.login_policy(),
            desk=ctx.desk,
            on_done=self._on_authorized,
            on_error=self._on_refused,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.button.setEnabled(not busy)
        for field in (self.reason_edit, self.staff_no, self.password):
            if field is not None:
                field.setReadOnly(busy)

    def _on_authorized(self, approver: Actor) -> None:
        self._set_busy(False)
        self.password.clear()
        self.approver = approver
        self.reason = self.reason_edit.text().strip() if self.reason_edit is not None else ""
        log.info("supervisor %s authorised: %s", approver.staff_no, self.windowTitle())
        self.authorized.emit(approver, self.reason)
        self.accept()

    def _on_refused(self, error: BaseException) -> None:
        self._set_busy(False)
        self.password.clear()
        if isinstance(error, FrontdeskError):
            self.show_message(str(error))
        else:
            log.error("supervisor check failed", exc_info=error)
            self.show_message(
                self.tr("The check failed because of an unexpected error: {error}").format(
                    error=type(error).__name__
                )
            )
        self.password.setFocus()
