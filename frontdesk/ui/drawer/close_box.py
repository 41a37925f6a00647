"""The day-close box: the count against what is expected, per denomination and in total
(``closeCount``), a note (``closeNote``) and ``closeDrawerButton``; and the confirmation
(``closeConfirm``) asked before a close that needs no supervisor.

The box only shows and says when the user asks to close (``closeRequested``:
the button or Enter in the note); the screen decides whether a supervisor must
approve and sends the close to the database worker. Its texts keep the
``DrawerScreen`` translation context they were written in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.ui.drawer.move_box import MAX_REASON
from frontdesk.ui.pieces import PiecesEditor


class CloseCountBox(QGroupBox):
    """The closing count of this desk's drawer, or of the field cash handed in.

    Signals:
        closeRequested(): the close button was pressed, or Enter in the note.
    """

    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        count_label = QLabel(
            QCoreApplication.translate("DrawerScreen", "&Count every denomination:"), self
        )
        self.close_count = PiecesEditor("closeCount", self, show_expected=True)
        count_label.setBuddy(self.close_count)
        self.close_note = QLineEdit(self)
        self.close_note.setObjectName("closeNote")
        self.close_note.setMaxLength(MAX_REASON)
        self.close_note.setPlaceholderText(
            QCoreApplication.translate("DrawerScreen", "Needed when the count differs")
        )
        self.close_note.returnPressed.connect(self.closeRequested)
        note_label = QLabel(QCoreApplication.translate("DrawerScreen", "&Note:"), self)
        note_label.setBuddy(self.close_note)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("closeDrawerButton")
        self.close_button.setAutoDefault(True)
        self.close_button.clicked.connect(self.closeRequested)
        form = QFormLayout()
        form.addRow(note_label, self.close_note)
        inner = QVBoxLayout(self)
        inner.addWidget(count_label)
        inner.addWidget(self.close_count)
        inner.addLayout(form)
        inner.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addStretch(1)

    def show_desk(self, field: bool) -> None:
        """Title and button for the field cash handed in, or for this desk's day close."""
        if field:
            self.setTitle(QCoreApplication.translate("DrawerScreen", "Count the cash handed in"))
            self.close_button.setText(
                QCoreApplication.translate("DrawerScreen", "&Close the field cash")
            )
        else:
            self.setTitle(QCoreApplication.translate("DrawerScreen", "Day close: count the drawer"))
            self.close_button.setText(QCoreApplication.translate("DrawerScreen", "&Close the day"))

    def clear(self) -> None:
        """Empty the count and the note (after a close, or on another desk)."""
        self.close_count.clear()
        self.close_note.clear()


def close_confirm_box(parent: QWidget, field: bool, summary: str) -> QMessageBox:
    """The window-modal question before the day close (Yes by default, Esc says No).

    Args:
        parent: the screen it is modal over.
        field: True for the field cash handed in, False for this desk's drawer.
        summary: expected, counted and the difference, in words.
    """
    if field:
        question = QCoreApplication.translate(
            "DrawerScreen", "Close the field cash handed in? {summary}"
        )
        after = QCoreApplication.translate(
            "DrawerScreen", "The next cash collected at a home visit opens a new session."
        )
    else:
        question = QCoreApplication.translate(
            "DrawerScreen", "Close the drawer for today? {summary}"
        )
        after = QCoreApplication.translate(
            "DrawerScreen", "After the day close this desk takes no more cash today."
        )
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("DrawerScreen", "Close the day"),
        question.format(summary=summary),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("closeConfirm")
    box.setInformativeText(after)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box
