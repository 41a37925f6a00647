"""The application log: one rotating file in the log directory.

``setup_logging`` may be called more than once (tests launch the GUI many
times in one process): it keeps exactly one frontdesk file handler on the root
logger, replacing it when the log directory or the settings changed.
Whatever is logged passes through a redacting formatter, so a password that
slipped into a message or a traceback never reaches the file.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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


class LogFileHandler(logging.FileHandler):
    """The frontdesk log file: rolls over to ``.1`` … ``.N`` when it would exceed ``maxBytes``.

    Behaves like ``logging.handlers.RotatingFileHandler`` (same attributes,
    same rollover) without importing ``logging.handlers``, which loads
    ``socket`` and ``pickle``: about 15 ms of a start-up that is measured.
    Its class also marks the handler this module owns, so a second setup can
    find it.
    """

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        super().__init__(path, mode="a", encoding="utf-8")
        self.maxBytes = max_bytes
        self.backupCount = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.shouldRollover(record):
                self.doRollover()
            super().emit(record)
        except Exception:
            self.handleError(record)

    def shouldRollover(self, record: logging.LogRecord) -> bool:
        """True if writing ``record`` would take the file past ``maxBytes``."""
        name = self.baseFilename
        if os.path.exists(name) and not os.path.isfile(name):  # never roll over a device
            return False
        if self.stream is None:
            self.stream = self._open()
        if self.maxBytes <= 0:
            return False
        self.stream.seek(0, 2)  # the end, also on Windows
        return self.stream.tell() + len(f"{self.format(record)}\n") >= self.maxBytes

    def doRollover(self) -> None:
        """Close the file, shift ``.1`` … ``.N-1`` up by one, move the file to ``.1``, reopen."""
        if self.stream:
            self.stream.close()
            self.stream = None
        if self.backupCount > 0:
            name = self.baseFilename
            for i in range(self.backupCount - 1, 0, -1):
                source, target = f"{name}.{i}", f"{name}.{i + 1}"
                if os.path.exists(source):
                    if os.path.exists(target):
                        os.remove(target)
                    os.rename(source, target)
            target = f"{name}.1"
            if os.path.exists(target):
                os.remove(target)
            if os.path.exists(name):
                os.rename(name, target)
        self.stream = self._open()


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
        handler = LogFileHandler(
            path, max_bytes=config.logging.max_bytes, backups=config.logging.backups
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
        if isinstance(handler, LogFileHandler):
            root.removeHandler(handler)
            handler.close()


def _current_handler() -> LogFileHandler | None:
    for handler in logging.getLogger().handlers:
        if isinstance(handler, LogFileHandler):
            return handler
    return None
