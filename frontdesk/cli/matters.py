"""``frontdesk-admin`` commands for matters (filled in by its issue)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Add this module's commands to the parser."""
