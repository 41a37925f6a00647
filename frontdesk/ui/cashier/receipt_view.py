"""The receipt just issued, on screen, as the printer would lay it out (objectName ``receiptView``)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from frontdesk.domain.receipt import ReceiptContent

RECEIPT_COLUMNS = 40

# Monospaced fonts whose Chinese characters are exactly two columns wide, so the
# right-aligned amounts line up as on paper.
_FAMILIES = ["Noto Sans Mono CJK SC", "Sarasa Mono SC", "NSimSun", "SimSun", "monospace"]


class ReceiptView(QPlainTextEdit):
    """Read-only plain text of ``ReceiptContent.text_lines()``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptView")
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setFamilies(_FAMILIES)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.setPlaceholderText(self.tr("The receipt appears here when a payment is completed."))
        self.receipt: ReceiptContent | None = None
        width = self.fontMetrics().horizontalAdvance("0" * (RECEIPT_COLUMNS + 2))
        self.setMinimumWidth(width + 2 * self.frameWidth() + 24)

    def show_receipt(self, receipt: ReceiptContent) -> None:
        self.receipt = receipt
        self.setPlainText("\n".join(receipt.text_lines(RECEIPT_COLUMNS)))

    def clear_receipt(self) -> None:
        self.receipt = None
        self.clear()
