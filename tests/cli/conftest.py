"""Run ``frontdesk-admin`` in-process against the private test directories."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from frontdesk.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


Admin = Callable[..., Result]


@pytest.fixture
def admin_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, private_dirs: object
) -> Admin:
    """Call ``admin_cli("users", "list", stdin="pw\\n")``; returns code, stdout and stderr."""

    def run(*argv: str, stdin: str = "") -> Result:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
