"""The non-modal printer warning (``printerWarning``): what went wrong, Retry, Later.

A small window owned by the main window. It never blocks the window under
it and does not take the keyboard when it appears, so the cashier can go on
typing; there is only ever one, and a new problem updates its text. It only
shows and forwards: ``frontdesk.ui.spool_status.PrinterStatus`` decides what
it says and what its buttons do.

Object names: ``printerWarning``, ``printerWarningText``, ``printerRetry``,
``printerCancel`` (only for a receipt that may already be on paper),
``printerLater``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)


class PrinterWarning(QDialog):
    """Says why receipts are not printing; Retry, (for uncertain jobs) do not print, Later.

    Signals:
        retryRequested(): the Retry button.
        cancelRequested(): "It printed — do not print again" (uncertain jobs only).
        dismissed(): Later, Esc or the window's close button.
    """

    retryRequested = Signal()
    cancelRequested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printerWarning")
        self.setWindowTitle(self.tr("Receipt printer"))
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        # Appears without taking the keyboard from the field the cashier is typing in.
        # A dialog owned by the main window stays above it.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)

        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        pixmap = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(pixmap.pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(self)
        self.text.setObjectName("printerWarningText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(360)

        self.retry_button = QPushButton(self.tr("&Retry"), self)
        self.retry_button.setObjectName("printerRetry")
        self.retry_button.setAutoDefault(True)
        self.retry_button.setDefault(True)
        self.retry_button.clicked.connect(self.retryRequested)
        self.cancel_button = QPushButton(self.tr("It printed — do &not print again"), self)
        self.cancel_button.setObjectName("printerCancel")
        self.cancel_button.setAutoDefault(True)
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.later_button = QPushButton(self.tr("&Later"), self)
        self.later_button.setObjectName("printerLater")
        self.later_button.setAutoDefault(True)
        self.later_button.clicked.connect(self.dismiss)

        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.later_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(buttons)

    def set_content(self, text: str, *, can_retry: bool, uncertain: bool, busy: bool) -> None:
        """Show ``text``; Retry only when it can help, and disabled while a retry runs."""
        self.text.setText(text)
        self.retry_button.setVisible(can_retry)
        self.retry_button.setEnabled(not busy)
        self.cancel_button.setVisible(uncertain)
        self.cancel_button.setEnabled(not busy)
        self.later_button.setText(self.tr("&Later") if can_retry else self.tr("&OK"))
        self.adjustSize()

    def dismiss(self) -> None:
        """Hide until something changes (Later / Esc / the close button)."""
        self.hide()
        self.dismissed.emit()

    def reject(self) -> None:  # Esc and the close button (QDialog.closeEvent calls it)
        self.dismiss()
