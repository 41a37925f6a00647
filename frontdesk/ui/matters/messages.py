"""Screen Shift+F7 "Messages": take a message (留言) for a colleague; read one's own.

Left, the form: ``messageTo`` (the colleague), ``messageCaller`` (from whom),
``messagePhone`` (call-back number), ``messageBody``, ``messageReadBack`` (read
back to the caller), ``messageSave``. Right, "my messages" (``messagesTable``,
unread first, in bold and marked "New") and ``messageMarkRead``. The result or
refusal is shown in ``messagesMessage``; the phrase panel shows the phrases for
taking a message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services import messages as msg
from frontdesk.services.matters import Colleague, colleagues
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.matters.message_line import matter_message_line
from frontdesk.ui.messages import show_refusal
from frontdesk.ui.phrases import PhrasePanel
from frontdesk.ui.tables import TitledTableModel, configure_list_view

_ModelIndex = QModelIndex | QPersistentModelIndex


class MessagesModel(TitledTableModel):
    """My messages: state, when, from whom, call-back number, message, taken by."""

    COLUMNS = 6

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[msg.MessageInfo] = []

    def set_messages(self, rows: Sequence[msg.MessageInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def message(self, row: int) -> msg.MessageInfo:
        return self._rows[row]

    def unread(self) -> int:
        return sum(1 for m in self._rows if m.read_at is None)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return self.tr("New") if m.read_at is None else self.tr("Read")
            if column == 1:
                return m.taken_at.astimezone().strftime("%m-%d %H:%M")
            if column == 2:
                return m.caller_name
            if column == 3:
                return m.callback_phone
            if column == 4:
                suffix = "" if m.read_back else self.tr(" (not read back)")
                return m.body + suffix
            return m.taken_by
        if role == Qt.ItemDataRole.FontRole and m.read_at is None:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("State"),
            self.tr("Taken"),
            self.tr("From"),
            self.tr("Call-back number"),
            self.tr("Message"),
            self.tr("Taken by"),
        )


class MessagesScreen(QWidget):
    """Take a message for a colleague; see and mark read one's own messages."""

    unreadChanged = Signal(int)

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._busy = False
        self.setObjectName("messagesScreen")

        heading = QLabel(self.tr("Messages for colleagues"), self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)

        self.to = QComboBox(self)
        self.to.setObjectName("messageTo")
        self.caller = QLineEdit(self)
        self.caller.setObjectName("messageCaller")
        self.caller.setMaxLength(64)
        self.phone = QLineEdit(self)
        self.phone.setObjectName("messagePhone")
        self.phone.setMaxLength(32)
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("messageBody")
        self.body.setTabChangesFocus(True)
        self.read_back = QCheckBox(self.tr("Read &back to the caller"), self)
        self.read_back.setObjectName("messageReadBack")
        self.save = QPushButton(self.tr("&Save message"), self)
        self.save.setObjectName("messageSave")
        self.save.clicked.connect(self.submit)
        form = QFormLayout()
        form.addRow(self.tr("&For:"), self.to)
        form.addRow(self.tr("F&rom (caller):"), self.caller)
        form.addRow(self.tr("Call-back &number:"), self.phone)
        form.addRow(self.tr("&Message:"), self.body)
        form.addRow("", self.read_back)
        form.addRow("", self.save)
        self.message = matter_message_line("messagesMessage", self)
        self.phrases = PhrasePanel(ctx.config, self)
        self.phrases.show_moment("message")
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Take a message"), self))
        left.addLayout(form)
        left.addWidget(self.message)
        left.addWidget(self.phrases)
        left.addStretch(1)

        self.model = MessagesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("messagesTable")
        self.table.setModel(self.model)
        configure_list_view(self.table, tab_keys=True, striped=False, wrap=True)
        self.mark_read = QPushButton(self.tr("Mark &read"), self)
        self.mark_read.setObjectName("messageMarkRead")
        self.mark_read.clicked.connect(self.mark_selected_read)
        self.summary = QLabel(self)
        self.summary.setObjectName("messagesSummary")
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("My messages"), self))
        right.addWidget(self.table, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.mark_read)
        right.addLayout(bar)

        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(columns, 1)

        ctx.tasks.submit(colleagues, ctx.db, on_done=self._got_colleagues, on_error=self._failed)
        self.reload()

    @property
    def busy(self) -> bool:
        return self._busy

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.caller.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reload()

    def _got_colleagues(self, people: list[Colleague]) -> None:
        self.to.clear()
        for p in people:
            if p.staff_no != self.ctx.actor.staff_no:
                self.to.addItem(f"{p.name} ({p.staff_no})", p.staff_no)

    def reload(self) -> None:
        self.ctx.tasks.submit(
            msg.list_messages,
            self.ctx.db,
            self.ctx.actor,
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, rows: list[msg.MessageInfo]) -> None:
        self.model.set_messages(rows)
        unread = self.model.unread()
        self.summary.setText(self.tr("Unread messages: {n}").format(n=unread))
        self.unreadChanged.emit(unread)

    def submit(self) -> None:
        """Save the message on the worker; the form is cleared when it is saved."""
        if self._busy:
            return
        self._busy = True
        self.save.setEnabled(False)
        self.ctx.tasks.submit(
            msg.take_message,
            self.ctx.db,
            self.ctx.actor,
            to_staff_no=str(self.to.currentData() or ""),
            caller_name=self.caller.text(),
            callback_phone=self.phone.text(),
            body=self.body.toPlainText(),
            read_back=self.read_back.isChecked(),
            on_done=self._saved,
            on_error=self._refused,
        )

    def _saved(self, _message_id: int) -> None:
        self._busy = False
        self.save.setEnabled(True)
        who = self.to.currentText()
        for field in (self.caller, self.phone):
            field.clear()
        self.body.clear()
        self.read_back.setChecked(False)
        self.message.say(self.tr("Message saved for {who}.").format(who=who), error=False)
        self.caller.setFocus()

    def _refused(self, error: BaseException) -> None:
        self._busy = False
        self.save.setEnabled(True)
        self._failed(error)

    def mark_selected_read(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        m = self.model.message(rows[0].row())
        self.ctx.tasks.submit(
            msg.mark_read,
            self.ctx.db,
            self.ctx.actor,
            m.id,
            on_done=self._marked,
            on_error=self._failed,
        )

    def _marked(self, _result: object) -> None:
        self.reload()

    def _failed(self, error: BaseException) -> None:
        show_refusal(self.message, error)
