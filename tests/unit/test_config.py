"""Settings: defaults, file values, environment overrides, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontdesk.config import Config, load
from frontdesk.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    config = load(tmp_path / "nope.toml")
    assert config.source is None
    assert config.security.max_failed_logins == 5
    assert config.security.lockout_minutes == 15
    assert config.money.max_amount_fen == 100_000_000
    assert config.money.cash_unit_fen == 10


def test_values_from_file(tmp_path: Path) -> None:
    f = write(
        tmp_path / "c.toml",
        '[app]\ndesk = "二号窗口"\nidle_timeout_minutes = 5\n\n[security]\nmax_failed_logins = 3\n',
    )
    config = load(f)
    assert config.source == f
    assert config.app.desk == "二号窗口"
    assert config.app.idle_timeout_minutes == 5
    assert config.security.max_failed_logins == 3


def test_environment_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = write(tmp_path / "c.toml", '[database]\nurl = "sqlite:///from-file.db"\n')
    monkeypatch.setenv("FRONTDESK_DATABASE_URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("FRONTDESK_DATA_DIR", str(tmp_path / "elsewhere"))
    config = load(f)
    assert config.database_url == "postgresql+psycopg://u@h/db"
    assert config.data_dir == tmp_path / "elsewhere"


def test_default_path_from_environment(private_dirs: Path) -> None:
    write(private_dirs / "config.toml", '[app]\ndesk = "三号"\n')
    assert load().app.desk == "三号"


def test_sqlite_default_lives_in_data_dir(config: Config) -> None:
    assert config.database_url.endswith("/data/frontdesk.db")


def test_demo_never_uses_the_real_database(config: Config) -> None:
    config.database.url = "postgresql+psycopg://real/office"
    demo = config.for_demo()
    assert demo.database_url.startswith("sqlite:///")
    assert "/data/demo/" in demo.database_url
    assert config.database_url == "postgresql+psycopg://real/office"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[app]\ndesk = "x"\ncolour = "red"\n', "line 3: unknown key 'colour' in [app]"),
        ('[app]\ndesk = "x"\n\n[printer_x]\nport = 1\n', "line 4: unknown section [printer_x]"),
        ('[app]\ndesk = "x\n', "line 2"),
        (
            '[security]\nmax_failed_logins = "five"\n',
            "line 2: [security] max_failed_logins must be a whole number",
        ),
        ("[security]\nlockout_minutes = -1\n", "must not be negative"),
        ('[money]\ncash_rounding = "half"\n', "cash_rounding must be one of: fen, jiao, yuan"),
        ('[app]\nlanguage = "fr"\n', "language must be one of"),
        ("[database]\nbackup_before_migrate = 1\n", "must be true or false"),
        ('desk = "x"\n', "unknown section [desk]"),
    ],
)
def test_bad_files_name_file_line_and_key(tmp_path: Path, text: str, expected: str) -> None:
    f = write(tmp_path / "bad.toml", text)
    with pytest.raises(ConfigError) as err:
        load(f)
    assert str(f) in str(err.value)
    assert expected in str(err.value)


def test_receipt_format(tmp_path: Path) -> None:
    config = load(
        write(tmp_path / "c.toml", '[cashier]\nreceipt_format = "{series}-{year}-{seq:05d}"\n')
    )
    assert config.cashier.receipt_no("B", 2026, 42) == "B-2026-00042"
    assert load(tmp_path / "none.toml").cashier.receipt_no("A", 2026, 123) == "A2026-000123"


@pytest.mark.parametrize("fmt", ["{series}{year}", "{series}{month}-{seq}", "{seq"])
def test_bad_receipt_format(tmp_path: Path, fmt: str) -> None:
    with pytest.raises(ConfigError, match="receipt_format"):
        load(write(tmp_path / "c.toml", f'[cashier]\nreceipt_format = "{fmt}"\n'))


def test_printer_defaults_to_none(tmp_path: Path) -> None:
    printer = load(tmp_path / "none.toml").printer
    assert (printer.connection, printer.width, printer.encoding, printer.drawer_pin) == (
        "none",
        48,
        "gb18030",
        2,
    )


def test_network_printer(tmp_path: Path) -> None:
    f = write(
        tmp_path / "c.toml",
        '[printer]\nconnection = "network"\nhost = "127.0.0.1"\nport = 9101\nwidth = 32\n',
    )
    printer = load(f).printer
    assert (printer.host, printer.port, printer.width) == ("127.0.0.1", 9101, 32)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[printer]\nconnection = "bluetooth"\n',
            "line 2: [printer] connection must be one of: none, network",
        ),
        (
            '[printer]\nconnection = "network"\n',
            'line 2: [printer] connection = "network" needs host',
        ),
        (
            '[printer]\nconnection = "network"\nhost = "p"\nport = "9100x"\n',
            "line 4: [printer] port must be a whole number",
        ),
        ('[printer]\nconnection = "network"\nhost = "p"\nport = 70000\n', "port must be 1–65535"),
        ('[printer]\nconnection = "usb"\nvendor_id = "0x0416"\n', "needs product_id"),
        (
            '[printer]\nconnection = "usb"\nvendor_id = "zz"\nproduct_id = "0x5011"\n',
            "line 3: [printer] vendor_id must be a hex number",
        ),
        ("[printer]\ndrawer_pin = 3\n", "drawer_pin must be one of: 0, 2, 5"),
        ('[printer]\nencoding = "klingon"\n', "encoding must be one of"),
        ("[printer]\nwidth = 200\n", "width must be 16–80"),
    ],
)
def test_bad_printer_settings(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as err:
        load(write(tmp_path / "c.toml", text))
    assert expected in str(err.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[office]\nworking_days = [1, 2, 9]\n", "line 2: [office] working_days are 1 (Monday)"),
        ('[office]\nworking_days = "weekdays"\n', "must be a list of whole numbers"),
        ('[office]\nopens = "nine"\n', "line 2: [office] opens must be a time like 09:00"),
        ('[office]\nopens = "19:00"\n', "opens must be before closes"),
        ('[office]\nholidays = ["2026-13-01"]\n', "is not a date like 2026-10-01"),
        ("[office]\nholidays = [20261001]\n", "must be a list of texts"),
        ("[visits]\nfloat_round_to_yuan = 20\n", "must be one of: 50, 100"),
    ],
)
def test_office_and_field_settings_errors(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        load(write(tmp_path / "c.toml", text))
    assert expected in str(info.value)


def test_office_settings_from_file(tmp_path: Path) -> None:
    config = load(
        write(
            tmp_path / "c.toml",
            '[office]\nworking_days = [1, 2, 3, 4, 5, 6]\nholidays = ["2026-10-01"]\n'
            'lunch_start = ""\nlunch_end = ""\n',
        )
    )
    assert config.office.working_days == [1, 2, 3, 4, 5, 6]
    assert config.office.holidays == ["2026-10-01"]
