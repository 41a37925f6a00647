"""The phrase panel (``phrasePanel``): the standard phrase for the moment.

A moment list (``phraseMoment``: greeting, waiting, apology, message, call-back,
change, closing, and the phrases never to use) and the phrases for it
(``phraseText``). The list is the office's ``<config dir>/phrases.toml`` if
present and sound, else the built-in one; a broken office copy is reported in
``phraseWarning``. Screens call ``show_moment("callback")`` etc. to offer the
phrase that fits what the clerk is doing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from frontdesk.config import Config, default_path
from frontdesk.domain.phrases import MOMENTS, PhraseBook, load_phrases
from frontdesk.ui.i18n import QT_TRANSLATE_NOOP

MOMENT_TITLES = {
    "greeting": QT_TRANSLATE_NOOP("PhrasePanel", "Greeting"),
    "phone": QT_TRANSLATE_NOOP("PhrasePanel", "Answering the phone"),
    "wait": QT_TRANSLATE_NOOP("PhrasePanel", "Asking to wait"),
    "apology": QT_TRANSLATE_NOOP("PhrasePanel", "Apology"),
    "message": QT_TRANSLATE_NOOP("PhrasePanel", "Taking a message"),
    "callback": QT_TRANSLATE_NOOP("PhrasePanel", "Call-back"),
    "change": QT_TRANSLATE_NOOP("PhrasePanel", "Handing change"),
    "closing": QT_TRANSLATE_NOOP("PhrasePanel", "Closing"),
    "forbidden": QT_TRANSLATE_NOOP("PhrasePanel", "Never say"),
}


def config_dir(config: Config) -> Path:
    """Where the office keeps its copies (beside the settings file)."""
    return (config.source or default_path()).parent


class PhrasePanel(QWidget):
    """Offers the standard phrases for a moment; read-only, selectable text."""

    def __init__(
        self, config: Config, parent: QWidget | None = None, *, book: PhraseBook | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("phrasePanel")
        warnings: list[str] = []
        if book is None:
            book, warnings = load_phrases(config_dir(config))
        self.book = book
        self.moment = QComboBox(self)
        self.moment.setObjectName("phraseMoment")
        for code in MOMENTS:
            self.moment.addItem(self.tr(MOMENT_TITLES[code]), code)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("phraseText")
        self.text.setReadOnly(True)
        self.text.setMaximumHeight(110)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning = QLabel("\n".join(warnings), self)
        self.warning.setObjectName("phraseWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a15c00;")
        self.warning.setVisible(bool(warnings))
        title = QLabel(self.tr("Standard phrases"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.moment)
        layout.addWidget(self.text)
        layout.addWidget(self.warning)
        self.moment.currentIndexChanged.connect(self._update)
        self._update()

    def show_moment(self, moment: str) -> None:
        """Offer the phrases for ``moment`` (unknown moments are ignored)."""
        index = self.moment.findData(moment)
        if index >= 0:
            self.moment.setCurrentIndex(index)

    def current_moment(self) -> str:
        return str(self.moment.currentData())

    def _update(self) -> None:
        moment = self.current_moment()
        phrases = self.book.for_moment(moment)
        prefix = "✗ " if moment == "forbidden" else "• "
        self.text.setPlainText("\n".join(prefix + p for p in phrases))
        self.text.setStyleSheet("color: #842029;" if moment == "forbidden" else "")
