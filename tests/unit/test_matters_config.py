"""Deadline settings are checked when the settings file is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontdesk.config import load
from frontdesk.errors import ConfigError


@pytest.mark.parametrize("value", ['"0h"', '"-2h"', '"soon"', '"2"'])
def test_bad_deadline_refused_with_file_line_and_key(tmp_path: Path, value: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        f'[app]\ndesk = "前台1"\n\n[matters]\nenquiry = "24h"\nsimple_complaint = {value}\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as err:
        load(path)
    message = str(err.value)
    assert "line 6" in message and "simple_complaint" in message and str(path) in message


def test_good_deadlines_load(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(
        '[matters]\ncomplex_complaint = "5wd"\ncallback_after = "24ch"\n', encoding="utf-8"
    )
    config = load(path)
    assert config.matters.complex_complaint == "5wd"
