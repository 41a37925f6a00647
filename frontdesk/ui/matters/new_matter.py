"""Record a new matter (complaint, enquiry, repair, phone message) in one step.

``NewMatterDialog(ctx, prefill=MatterPrefill(...))`` is window-modal but not
blocking: open it with ``open()`` and listen to ``created(MatterRow)``. The
service (``matters.create_matter``) runs on the database worker; a refusal
leaves the dialog open with the reason in ``newMatterMessage``. Ctrl+Enter (or
Enter outside the description) saves, Esc cancels. The visitor screen opens it
with a visit's details already filled in.

Object names: ``newMatterDialog``, ``matterKind``, ``matterChannel``,
``matterCategory``, ``matterComplexity``, ``matterValid``, ``matterRoom``,
``matterContactName``, ``matterContactPhone``, ``matterDescription``,
``matterOwner``, ``newMatterMessage``, ``newMatterSave``, ``newMatterCancel``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain import matters as dm
from frontdesk.domain.matters import MatterPrefill
from frontdesk.services.matters import (
    MATTER_ROLES,
    Colleague,
    MatterInput,
    MatterRow,
    colleagues,
    create_matter,
    rules_from_config,
)
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.matters.labels import (
    CATEGORY_TITLES,
    CHANNEL_TITLES,
    COMPLEXITY_TITLES,
    KIND_TITLES,
    title,
)
from frontdesk.ui.matters.message_line import matter_message_line
from frontdesk.ui.messages import show_refusal


def fill_combo(combo: QComboBox, table: dict[str, str], codes: tuple[str, ...]) -> None:
    for code in codes:
        combo.addItem(title(table, code), code)


def select_code(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    if index >= 0:
        combo.setCurrentIndex(index)


def _ignore(_error: BaseException) -> None:
    """The list of colleagues is a convenience: without it the clerk keeps the matter."""


class NewMatterDialog(QDialog):
    """The form for one new matter; ``created(MatterRow)`` once it is saved."""

    created = Signal(object)

    def __init__(
        self,
        ctx: ScreenContext,
        *,
        prefill: MatterPrefill | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prefill = prefill or MatterPrefill()
        self.result_row: MatterRow | None = None
        self._busy = False
        self.setObjectName("newMatterDialog")
        self.setWindowTitle(self.tr("New matter"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(480)

        self.kind = QComboBox(self)
        self.kind.setObjectName("matterKind")
        fill_combo(self.kind, KIND_TITLES, dm.KINDS)
        self.channel = QComboBox(self)
        self.channel.setObjectName("matterChannel")
        fill_combo(self.channel, CHANNEL_TITLES, dm.CHANNELS)
        self.category = QComboBox(self)
        self.category.setObjectName("matterCategory")
        fill_combo(self.category, CATEGORY_TITLES, dm.CATEGORIES)
        self.complexity = QComboBox(self)
        self.complexity.setObjectName("matterComplexity")
        fill_combo(self.complexity, COMPLEXITY_TITLES, dm.COMPLEXITIES)
        self.valid = QCheckBox(self.tr("&Valid complaint"), self)
        self.valid.setObjectName("matterValid")
        self.valid.setChecked(True)
        self.room = QLineEdit(self)
        self.room.setObjectName("matterRoom")
        self.room.setPlaceholderText(self.tr("e.g. 3-2-1201"))
        self.contact_name = QLineEdit(self)
        self.contact_name.setObjectName("matterContactName")
        self.contact_name.setMaxLength(64)
        self.contact_phone = QLineEdit(self)
        self.contact_phone.setObjectName("matterContactPhone")
        self.contact_phone.setMaxLength(32)
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("matterDescription")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("What the owner said"))
        self.owner = QComboBox(self)
        self.owner.setObjectName("matterOwner")
        self.owner.addItem(self.tr("Me ({name})").format(name=ctx.actor.name), ctx.actor.staff_no)

        form = QFormLayout()
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("C&hannel:"), self.channel)
        form.addRow(self.tr("Ca&tegory:"), self.category)
        self.complexity_label = QLabel(self.tr("Com&plexity:"), self)
        self.complexity_label.setBuddy(self.complexity)
        form.addRow(self.complexity_label, self.complexity)
        form.addRow("", self.valid)
        form.addRow(self.tr("&Room:"), self.room)
        form.addRow(self.tr("Contact &name:"), self.contact_name)
        form.addRow(self.tr("Contact p&hone:"), self.contact_phone)
        form.addRow(self.tr("&Description:"), self.description)
        form.addRow(self.tr("&Who handles it:"), self.owner)

        self.message = matter_message_line("newMatterMessage", self)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setObjectName("newMatterSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setObjectName("newMatterCancel")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.submit)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._apply_prefill()
        self._kind_changed()
        ctx.tasks.submit(
            colleagues, ctx.db, MATTER_ROLES, on_done=self._got_colleagues, on_error=_ignore
        )

    def _apply_prefill(self) -> None:
        p = self.prefill
        select_code(self.kind, p.kind)
        select_code(self.channel, p.channel)
        self.room.setText(p.room_code)
        self.contact_name.setText(p.contact_name)
        self.contact_phone.setText(p.contact_phone)

    def _kind_changed(self) -> None:
        is_complaint = self.kind.currentData() == "complaint"
        self.complexity.setVisible(is_complaint)
        self.complexity_label.setVisible(is_complaint)
        self.valid.setVisible(is_complaint)

    def _got_colleagues(self, people: list[Colleague]) -> None:
        for person in people:
            if person.staff_no != self.ctx.actor.staff_no:
                self.owner.addItem(f"{person.name} ({person.staff_no})", person.staff_no)

    @property
    def busy(self) -> bool:
        return self._busy

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.description.setFocus(Qt.FocusReason.OtherFocusReason)

    def matter_input(self) -> MatterInput:
        """What the form says, as the service's input."""
        kind = str(self.kind.currentData())
        owner = str(self.owner.currentData())
        return MatterInput(
            kind=kind,
            description=self.description.toPlainText(),
            channel=str(self.channel.currentData()),
            category=str(self.category.currentData()),
            complexity=str(self.complexity.currentData()) if kind == "complaint" else None,
            valid=self.valid.isChecked() if kind == "complaint" else None,
            room_code=self.room.text(),
            contact_name=self.contact_name.text(),
            contact_phone=self.contact_phone.text(),
            visitor_visit_id=self.prefill.visitor_visit_id,
            owner_staff_no=None if owner == self.ctx.actor.staff_no else owner,
        )

    def submit(self) -> None:
        """Save on the worker; the dialog closes when the matter is recorded."""
        if self._busy:
            return
        data = self.matter_input()
        self._busy = True
        self.save_button.setEnabled(False)
        self.message.say_plain(self.tr("Saving…"))
        ctx = self.ctx
        rules = rules_from_config(ctx.config)
        ctx.tasks.submit(
            create_matter,
            ctx.db,
            ctx.actor,
            data,
            rules,
            on_done=self._saved,
            on_error=self._refused,
        )

    def _saved(self, row: MatterRow) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self.result_row = row
        self.created.emit(row)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        show_refusal(self.message, error)
