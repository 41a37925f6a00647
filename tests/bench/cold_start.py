"""Cold start: process start until the login dialog is shown, beside a bare PySide6 window."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.common import Result, median, private_environment

_SHOWN = (
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication\n"
    "def _done():\n"
    "    print('shown', w.isVisible(), flush=True)\n"
    "    QApplication.instance().quit()\n"
    "QTimer.singleShot(0, _done)\n"
    "QApplication.instance().exec()\n"
)

FRONTDESK = (
    "from frontdesk.app import launch\n"
    "from frontdesk.config import load\n"
    "w = launch(load())\n" + _SHOWN
)

BARE = (
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "app = QApplication([])\n"
    "w = QWidget()\n"
    "w.show()\n" + _SHOWN
)


def _time_once(code: str) -> float:
    # Both children use the platform the runner was started with (a real window on a
    # desktop; set the offscreen platform in the environment on a headless machine).
    env = dict(os.environ)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    _, err = proc.communicate(timeout=60)
    if not line.startswith("shown True"):
        raise RuntimeError(f"the window was not shown: {line!r} {err[-2000:]}")
    return elapsed


def _compile_package() -> None:
    """Write frontdesk's bytecode, as installing it does (pip compiles on install).

    Without it, a checkout run with PYTHONDONTWRITEBYTECODE=1 would recompile
    every module at every start, which no counter PC does.
    """
    import compileall

    import frontdesk

    compileall.compile_dir(Path(frontdesk.__file__).parent, quiet=1)


def run(quick: bool) -> Result:
    rounds = 5
    _compile_package()
    with private_environment():
        from frontdesk.cli import main as admin

        if admin(["init"]) != 0:
            raise RuntimeError("frontdesk-admin init failed")
        _time_once(FRONTDESK)  # warm the OS file cache once for both
        _time_once(BARE)
        ours: list[float] = []
        bare: list[float] = []
        for _ in range(rounds):  # alternate so drift hits both alike
            ours.append(_time_once(FRONTDESK))
            bare.append(_time_once(BARE))
    value, reference = median(ours) * 1000, median(bare) * 1000
    ratio = value / reference
    return Result(
        "cold_start", value, "ms", reference, ratio, "ratio <= 1.5 (median of 5)", ratio <= 1.5
    )
