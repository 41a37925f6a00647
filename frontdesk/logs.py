"""The application log: one rotating file in the log directory.

``setup_logging`` may be called more than once (tests launch the GUI many
times in one process): it keeps exactly one frontdesk file handler on the root
logger, replacing it when the log directory or the settings changed.
Whatever is logged passes through a redacting formatter, so a password that
slipped into a message or a traceback never reaches the file.
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from frontdesk.config import Config

LOG_FILE_NAME = "frontdesk.log"
_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"

# key=value / key: value pairs whose value is a secret, and URL credentials.
_SECRET_PAIR = re.compile(
    r"(?i)(\b[\w-]*(?:password|passwd|pwd|secret|token)[\w-]*['\"]?\s*[=:]\s*)"
    r"(\"[^\"]*\"|'[^']*'|[^\s,;&)}\]]+)"
)
_URL_PASSWORD = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^:/@\s]+:)([^@\s]+)(@)")


def redact(text: str) -> str:
    """``text`` with password-like values and URL passwords replaced by ``***``."""
    text = _URL_PASSWORD.sub(r"\1***\3", text)
    return _SECRET_PAIR.sub(r"\1***", text)


class RedactingFormatter(logging.Formatter):
    """A formatter that removes secrets from the whole formatted record."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _FrontdeskFileHandler(RotatingFileHandler):
    """Marks the handler this module owns, so a second setup can find it."""


def setup_logging(config: Config) -> Path:
    """Log to a rotating file in ``config.log_dir`` at the configured level.

    Idempotent: a second call with the same settings changes nothing; with a
    different directory or size the old frontdesk handler is closed and replaced.

    Returns:
        The log file's path.
    """
    log_dir = Path(config.log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    level = getattr(logging, config.logging.level.upper(), logging.INFO)
    current = _current_handler()
    if (
        current is not None
        and Path(current.baseFilename) == path.resolve()
        and current.maxBytes == config.logging.max_bytes
        and current.backupCount == config.logging.backups
    ):
        current.setLevel(level)
    else:
        shutdown_logging()
        handler = _FrontdeskFileHandler(
            path,
            maxBytes=config.logging.max_bytes,
            backupCount=config.logging.backups,
            encoding="utf-8",
            delay=False,
        )
        handler.setFormatter(RedactingFormatter(_FORMAT))
        handler.setLevel(level)
        root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    # SQL statements would carry parameters (password hashes among them).
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    return path


def log_file() -> Path | None:
    """The file the frontdesk handler writes to, or None before ``setup_logging``."""
    current = _current_handler()
    return Path(current.baseFilename) if current is not None else None


def shutdown_logging() -> None:
    """Remove and close the frontdesk file handler (if any)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _FrontdeskFileHandler):
            root.removeHandler(handler)
            handler.close()


def _current_handler() -> _FrontdeskFileHandler | None:
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _FrontdeskFileHandler):
            return handler
    return None
