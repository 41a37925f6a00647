"""The matters screens' message line: news in green, a refusal in red (not bold)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from frontdesk.ui.messages import MessageLine

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #0b6b2f;"


def matter_message_line(name: str, parent: QWidget) -> MessageLine:
    """A word-wrapped message label named ``name``, in the matters screens' colours."""
    return MessageLine(name, parent, error_style=ERROR_STYLE, ok_style=OK_STYLE, selectable=False)
