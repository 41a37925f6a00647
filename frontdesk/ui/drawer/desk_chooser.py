"""Which drawer screen F3 works on: this desk's, or the field desk's (上门收费).

Only a supervisor (or admin) gets the chooser: when field staff come back, the
supervisor counts the cash they hand in and closes the field desk's session.
That session opens itself on the first cash collected at a home visit, so the
field desk has no float to open.

Object names: ``drawerDeskChooser`` (the row), ``drawerDesk`` (the combo box).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from frontdesk.services.visits import FIELD_DESK

__all__ = ["FIELD_DESK", "DeskChooser"]


class DeskChooser(QWidget):
    """A labelled combo box: "This desk (<name>)" or "Field collection (上门收费)".

    Signals:
        deskChanged(str): the chosen desk's name, when the choice changes.
    """

    deskChanged = Signal(str)

    def __init__(self, home_desk: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawerDeskChooser")
        self.combo = QComboBox(self)
        self.combo.setObjectName("drawerDesk")
        self.combo.addItem(self.tr("This desk ({desk})").format(desk=home_desk), home_desk)
        self.combo.addItem(self.tr("Field collection ({desk})").format(desk=FIELD_DESK), FIELD_DESK)
        self.combo.setToolTip(
            self.tr("A supervisor counts and closes the cash the field staff hand in here.")
        )
        label = QLabel(self.tr("Dra&wer:"), self)
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        self.combo.currentIndexChanged.connect(self._changed)

    def desk(self) -> str:
        """The chosen desk's name."""
        return str(self.combo.currentData())

    def select(self, desk: str) -> None:
        """Show ``desk`` as chosen (without announcing it: the caller already knows)."""
        index = self.combo.findData(desk)
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(index)
            self.combo.blockSignals(False)

    def is_field(self) -> bool:
        """True when the field desk is chosen."""
        return self.desk() == FIELD_DESK

    def _changed(self, _index: int) -> None:
        self.deskChanged.emit(self.desk())
