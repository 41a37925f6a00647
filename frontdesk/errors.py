"""Errors that carry a message meant for the user, not a traceback."""

from __future__ import annotations


class FrontdeskError(Exception):
    """An expected failure; ``str(err)`` is a complete sentence for the user."""


class ConfigError(FrontdeskError):
    """The settings file is malformed or names something unknown."""


class DatabaseError(FrontdeskError):
    """The database cannot be opened or used (read-only, locked, not a database)."""


class ValidationError(FrontdeskError):
    """Input that breaks a rule; nothing was changed."""


class PermissionDenied(FrontdeskError):
    """The acting staff member's role does not allow this action."""


class AuthError(FrontdeskError):
    """Login refused: unknown account, wrong password, disabled or locked."""
