"""The "Open the drawer" box: count the float by denomination (``floatCount``), then
``openDrawerButton``.

It only shows and says when the user asks to open (``openRequested``); the
screen sends the float to the database worker. Its texts keep the
``DrawerScreen`` translation context they were written in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from frontdesk.ui.pieces import PiecesEditor


class OpenDrawerBox(QGroupBox):
    """The float count and the open button (this desk only: the field desk has no float).

    Signals:
        openRequested(): the open button was pressed.
    """

    openRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("DrawerScreen", "Open the drawer"), parent)
        hint = QLabel(
            QCoreApplication.translate(
                "DrawerScreen",
                "Count the float by denomination (Enter goes down a row), then open the drawer.",
            ),
            self,
        )
        hint.setWordWrap(True)
        self.float_count = PiecesEditor("floatCount", self)
        self.open_button = QPushButton(
            QCoreApplication.translate("DrawerScreen", "&Open drawer"), self
        )
        self.open_button.setObjectName("openDrawerButton")
        self.open_button.setAutoDefault(True)
        self.open_button.clicked.connect(self.openRequested)
        inner = QVBoxLayout(self)
        inner.addWidget(hint)
        inner.addWidget(self.float_count)
        inner.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addStretch(1)
