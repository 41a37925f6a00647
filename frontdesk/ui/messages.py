"""The line where a screen answers the clerk, and what it says when a worker job fails.

``MessageLine`` is a word-wrapped label that turns red and bold for a refusal
or an error (``say(text)``) and plain for news (``say(text, error=False)``).

``error_text`` words a failed job's exception: a ``FrontdeskError`` is a
refusal meant for the clerk and is shown as its text; anything else is a bug,
logged with its traceback and shown in the screen's own "unexpected error"
wording. That wording stays a ``self.tr("…")`` in the screen, so it keeps the
screen's translation context. ``show_refusal`` is the other way some screens
take: a refusal on the line, anything else to the crash dialog.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from frontdesk.errors import FrontdeskError

ERROR_STYLE = "color: #b00020; font-weight: bold;"


class MessageLine(QLabel):
    """A screen's message label: red and bold for errors, ``ok_style`` otherwise."""

    def __init__(
        self,
        name: str,
        parent: QWidget | None = None,
        *,
        error_style: str = ERROR_STYLE,
        ok_style: str = "",
        selectable: bool = True,
    ) -> None:
        """Make the label.

        Args:
            name: its object name.
            parent: the screen.
            error_style: the style sheet of an error.
            ok_style: the style sheet of any other message.
            selectable: whether the text can be selected with the mouse (to copy it).
        """
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        if selectable:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_style = error_style
        self.ok_style = ok_style

    def say(self, text: str, *, error: bool = True) -> None:
        """Show ``text``, as an error unless ``error`` is False."""
        self.setStyleSheet(self.error_style if error else self.ok_style)
        self.setText(text)

    def say_plain(self, text: str) -> None:
        """Show ``text`` unstyled: neither an error nor a success (work in progress)."""
        self.setStyleSheet("")
        self.setText(text)


def error_text(error: BaseException, unexpected: str, log: logging.Logger, log_message: str) -> str:
    """What to tell the clerk about a failed job's ``error``.

    Args:
        error: what the job raised.
        unexpected: the screen's translated wording for any other exception, with
            an ``{error}`` field for the exception's type name.
        log: the screen's logger, where an unexpected error goes with its traceback.
        log_message: the log line for it.

    Returns:
        The refusal's own text for a ``FrontdeskError``, else ``unexpected`` filled in.
    """
    if isinstance(error, FrontdeskError):
        return str(error)
    log.error(log_message, exc_info=error)
    return unexpected.format(error=type(error).__name__)


def show_refusal(line: MessageLine, error: BaseException) -> None:
    """Show a ``FrontdeskError`` on ``line``; hand anything else to ``sys.excepthook``.

    The hook is the crash dialog, which logs the traceback and offers to carry on.
    """
    if isinstance(error, FrontdeskError):
        line.say(str(error))
        return
    sys.excepthook(type(error), error, error.__traceback__)
