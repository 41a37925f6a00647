"""The log file: rotating, idempotent set-up, and no passwords in it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from frontdesk.config import Config
from frontdesk.logs import (
    LOG_FILE_NAME,
    LogFileHandler,
    log_file,
    redact,
    setup_logging,
    shutdown_logging,
)
from frontdesk.ui.login.dialog import LoginDialog
from tests.ui.conftest import CASHIER, log_in, type_login


def _ours() -> list[LogFileHandler]:
    return [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, LogFileHandler) and h.baseFilename.endswith(LOG_FILE_NAME)
    ]


def test_setup_is_idempotent_and_follows_the_settings(config: Config) -> None:
    config.logging.max_bytes = 12_345
    config.logging.backups = 3
    config.logging.level = "WARNING"
    try:
        path = setup_logging(config)
        assert setup_logging(config) == path
        assert len(_ours()) == 1
        handler = _ours()[0]
        assert path == config.log_dir / LOG_FILE_NAME
        assert (handler.maxBytes, handler.backupCount) == (12_345, 3)
        assert handler.level == logging.WARNING
        logging.getLogger("frontdesk.test").warning("written")
        logging.getLogger("frontdesk.test").info("not written")
        handler.flush()
        text = path.read_text(encoding="utf-8")
        assert "written" in text and "not written" not in text
        # Another directory replaces the handler instead of adding one.
        config.log_dir = config.log_dir / "other"
        assert setup_logging(config).parent == config.log_dir
        assert len(_ours()) == 1
        assert log_file() == config.log_dir / LOG_FILE_NAME
    finally:
        shutdown_logging()
    assert _ours() == []
    assert log_file() is None


def test_log_rotates(config: Config) -> None:
    config.logging.max_bytes = 2_000
    config.logging.backups = 2
    try:
        path = setup_logging(config)
        for n in range(200):
            logging.getLogger("frontdesk.test").warning("line %d %s", n, "x" * 40)
        names = sorted(p.name for p in path.parent.iterdir())
        assert names == [LOG_FILE_NAME, f"{LOG_FILE_NAME}.1", f"{LOG_FILE_NAME}.2"]
    finally:
        shutdown_logging()


@pytest.mark.parametrize("backups", [0, 1, 3])
def test_rollover_matches_the_standard_library(tmp_path: Path, backups: int) -> None:
    # LogFileHandler stands in for logging.handlers.RotatingFileHandler (cheaper to import).
    from logging.handlers import RotatingFileHandler

    ours_dir, std_dir = tmp_path / "ours", tmp_path / "std"
    ours_dir.mkdir()
    std_dir.mkdir()
    handlers: list[logging.FileHandler] = [
        LogFileHandler(ours_dir / "x.log", max_bytes=500, backups=backups),
        RotatingFileHandler(std_dir / "x.log", maxBytes=500, backupCount=backups, encoding="utf-8"),
    ]
    try:
        for n in range(60):
            record = logging.LogRecord(
                "t", logging.INFO, __file__, 1, "line %d 收费 %s", (n, "x" * n), None
            )
            for handler in handlers:
                handler.handle(record)
    finally:
        for handler in handlers:
            handler.close()

    def files(folder: Path) -> dict[str, str]:
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}

    assert files(ours_dir) == files(std_dir)
    assert len(files(ours_dir)) == backups + 1


def test_redact() -> None:
    assert redact("password=hunter2 next") == "password=*** next"
    assert redact("{'password': 'hunter2'}") == "{'password': ***}"
    assert redact("PGPASSWORD: abc, user=x") == "PGPASSWORD: ***, user=x"
    assert redact("postgresql+psycopg://desk:s3cret@db/frontdesk") == (
        "postgresql+psycopg://desk:***@db/frontdesk"
    )
    assert redact("login C001 (cashier) at 前台1") == "login C001 (cashier) at 前台1"


def test_logins_never_write_the_password(qtbot: QtBot, login_dialog: LoginDialog) -> None:
    type_login(qtbot, login_dialog, CASHIER[0], "wrong-secret-77")
    log_in(qtbot, login_dialog)
    path = log_file()
    assert path is not None
    text = path.read_text(encoding="utf-8")
    assert "login C001 (cashier)" in text
    assert "login refused" in text
    assert "wrong-secret-77" not in text
    assert CASHIER[3] not in text
