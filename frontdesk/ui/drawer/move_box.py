"""The "Cash in / out" box: the kind (``cashMoveKind``), the pieces (``cashMovePieces``),
a reason (``cashMoveReason``) and ``cashMoveButton``.

It only shows and says when the user asks to record the move (``moveRequested``:
the button or Enter in the reason); the screen sends it to the database worker.
Its texts keep the ``DrawerScreen`` translation context they were written in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.ui.pieces import PiecesEditor

MAX_REASON = 200  # characters of a cash move's reason, and of a day close's note


class CashMoveBox(QGroupBox):
    """Cash taken out of the drawer (e.g. to the bank) or put in (more change).

    Signals:
        moveRequested(): the record button was pressed, or Enter in the reason.
    """

    moveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("DrawerScreen", "Cash in / out"), parent)
        self.move_kind = QComboBox(self)
        self.move_kind.setObjectName("cashMoveKind")
        self.move_kind.addItem(
            QCoreApplication.translate("DrawerScreen", "Cash out (e.g. to the bank)"), "cash_out"
        )
        self.move_kind.addItem(
            QCoreApplication.translate("DrawerScreen", "Cash in (e.g. more change)"), "cash_in"
        )
        kind_label = QLabel(QCoreApplication.translate("DrawerScreen", "&Kind:"), self)
        kind_label.setBuddy(self.move_kind)
        self.move_pieces = PiecesEditor("cashMovePieces", self)
        self.move_reason = QLineEdit(self)
        self.move_reason.setObjectName("cashMoveReason")
        self.move_reason.setMaxLength(MAX_REASON)
        self.move_reason.setPlaceholderText(
            QCoreApplication.translate("DrawerScreen", "e.g. paid into the bank")
        )
        self.move_reason.returnPressed.connect(self.moveRequested)
        reason_label = QLabel(QCoreApplication.translate("DrawerScreen", "Rea&son:"), self)
        reason_label.setBuddy(self.move_reason)
        self.move_button = QPushButton(
            QCoreApplication.translate("DrawerScreen", "Record cash &in/out"), self
        )
        self.move_button.setObjectName("cashMoveButton")
        self.move_button.setAutoDefault(True)
        self.move_button.clicked.connect(self.moveRequested)
        inner = QVBoxLayout(self)
        inner.addWidget(kind_label)
        inner.addWidget(self.move_kind)
        inner.addWidget(self.move_pieces)
        inner.addWidget(reason_label)
        inner.addWidget(self.move_reason)
        inner.addWidget(self.move_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addStretch(1)

    def kind(self) -> str:
        """``cash_out`` or ``cash_in``."""
        return str(self.move_kind.currentData())

    def clear(self) -> None:
        """Empty the pieces and the reason (after a move, or on another desk)."""
        self.move_pieces.clear()
        self.move_reason.clear()
