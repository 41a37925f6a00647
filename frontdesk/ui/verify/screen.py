"""Screen F10 "Verify receipt": is a receipt's verification code genuine, and for which payment?

The code is the text of the QR code printed on every receipt
(``FD1:<receipt no.>:<amount in fen>:<signature>``), also printed under it. A
QR scanner acts as a keyboard: it types the code into ``verifyCode`` and
presses Enter, which checks it (``services.verification.verify_code``, on the
database worker). ``verifyVerdict`` says in one line whether the receipt is
genuine, genuine but voided or refunded, or not issued by this system;
``verifyResult`` gives the details and the receipt as issued. The code stays
selected, so the next scan replaces it. Esc empties the field.

Other object names: ``verifyScreen``, ``verifyButton``.
"""

from __future__ import annotations

import logging
import unicodedata

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.verification import VerifyResult, verify_code
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.messages import error_text
from frontdesk.ui.pieces import monospace_font
from frontdesk.ui.widgets import scale_font

log = logging.getLogger(__name__)

RECEIPT_COLUMNS = 40
_STYLES = {
    "genuine": "color: #1b5e20; background: #e8f5e9; padding: 8px; font-weight: bold;",
    "reversed": "color: #8a4b00; background: #fff4cc; padding: 8px; font-weight: bold;",
    "false": "color: #b00020; background: #fde2e1; padding: 8px; font-weight: bold;",
    "": "",
}


def normalise_code(text: str) -> str:
    """The code as typed or scanned, with full-width characters (an input method's) made plain."""
    return unicodedata.normalize("NFKC", text).strip()


class VerifyScreen(QWidget):
    """Checks receipt verification codes; see the module docstring."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("verifyScreen")
        self.result: VerifyResult | None = None
        self._asked = ""  # the code asked about last (older answers are stale)

        title = QLabel(self.tr("Verify a receipt"), self)
        font = QFont(title.font())
        scale_font(font, 1.4)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(
            self.tr(
                "Scan the QR code on the receipt, or type the code printed under it, and press "
                "Enter."
            ),
            self,
        )
        hint.setWordWrap(True)

        self.code = QLineEdit(self)
        self.code.setObjectName("verifyCode")
        self.code.setPlaceholderText("FD1:A2026-000123:22400:K7Q2M4XB9P")
        self.code.setClearButtonEnabled(True)
        self.code.setFont(monospace_font())
        self.code.returnPressed.connect(self.verify)
        label = QLabel(self.tr("Co&de:"), self)
        label.setBuddy(self.code)
        self.button = QPushButton(self.tr("&Verify"), self)
        self.button.setObjectName("verifyButton")
        self.button.setAutoDefault(True)
        self.button.clicked.connect(self.verify)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.clear)
        clear.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.verdict = QLabel(self)
        self.verdict.setObjectName("verifyVerdict")
        self.verdict.setWordWrap(True)
        verdict_font = QFont(self.verdict.font())
        scale_font(verdict_font, 1.3)
        self.verdict.setFont(verdict_font)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("verifyResult")
        self.details.setReadOnly(True)
        self.details.setFont(monospace_font())
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setTabChangesFocus(True)
        self.details.setPlaceholderText(self.tr("The payment appears here."))

        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.code, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details, 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)
        self.code.selectAll()

    def clear(self) -> None:
        """Esc: an empty field for the next code."""
        self.code.clear()
        self.code.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def verify(self) -> None:
        """Check the code in the field (Enter, from the keyboard or the scanner)."""
        code = normalise_code(self.code.text())
        if not code:
            self.code.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._asked = code
        self._show("", self.tr("Checking…"), "")
        self.ctx.tasks.submit(
            verify_code, self.ctx.db, code, on_done=self._verified, on_error=self._failed
        )

    def _verified(self, result: VerifyResult) -> None:
        if not shiboken6.isValid(self):
            return
        if normalise_code(self.code.text()) != self._asked:
            return  # another code has been typed meanwhile
        self.result = result
        if not result.genuine:
            kind, verdict = "false", self.tr("✘ Not issued by this system")
        elif result.status == "voided":
            kind, verdict = "reversed", self.tr("⚠ Genuine, but the payment was VOIDED")
        elif result.status == "refunded":
            kind, verdict = "reversed", self.tr("⚠ Genuine, but the payment was REFUNDED")
        else:
            kind, verdict = "genuine", self.tr("✔ Genuine receipt")
        lines = [result.message]
        if result.receipt is not None:
            lines += ["", *result.receipt.text_lines(RECEIPT_COLUMNS)]
        self._show(kind, verdict, "\n".join(lines))
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)
        self.code.selectAll()  # the next scan replaces it

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.result = None
        unexpected = self.tr("Unexpected error: {error}. See the log file for details.")
        text = error_text(error, unexpected, log, "verify screen: unexpected error")
        self._show("false", self.tr("The code could not be checked"), text)
        self.code.selectAll()

    def _show(self, kind: str, verdict: str, details: str) -> None:
        self.verdict.setStyleSheet(_STYLES[kind])
        self.verdict.setText(verdict)
        self.details.setPlainText(details)
