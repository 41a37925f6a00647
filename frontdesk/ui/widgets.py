"""Small helpers shared by the screens."""

from __future__ import annotations

from PySide6.QtGui import QFont


def scale_font(font: QFont, factor: float) -> None:
    """Grow or shrink ``font`` in place, whether it is sized in points or pixels."""
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
