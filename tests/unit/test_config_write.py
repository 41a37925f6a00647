"""Saving the [printer] section: the rest of the file stays as the office wrote it."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from frontdesk.config import PrinterSettings, load
from frontdesk.config_write import format_value, replace_section, save_section
from frontdesk.errors import ConfigError

OFFICE_FILE = """\
# 示例花园 前台电脑的设置
[app]
desk = "前台1"   # 收费窗口
estate_name = "示例花园"

[printer]
# 收银台的小票打印机
connection = "network"
host = "192.168.1.50"  # 固定 IP
port = 9100
width = 48

# 金额上限（元）
[money]
max_amount_yuan = 50000
"""


def printer(**changes: object) -> dict[str, bool | int | str]:
    return dataclasses.asdict(dataclasses.replace(PrinterSettings(), **changes))  # type: ignore[arg-type]


def test_format_value_writes_toml_that_reads_back() -> None:
    values: dict[str, bool | int | str] = {
        "a": True,
        "b": False,
        "c": 9100,
        "d": 'C:\\打印机\\"logo".png',
        "e": "tab\there\nnewline\x01",
        "f": "",
    }
    text = "".join(f"{k} = {format_value(v)}\n" for k, v in values.items())
    assert tomllib.loads(text) == values


def test_save_keeps_other_sections_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(OFFICE_FILE, encoding="utf-8")
    config = save_section(
        path, "printer", printer(connection="network", host="10.0.0.7", port=9101)
    )

    assert config.printer.host == "10.0.0.7"
    assert config.printer.port == 9101
    assert config.app.desk == "前台1"
    assert config.money.max_amount_yuan == 50000
    text = path.read_text(encoding="utf-8")
    before, _, _after = OFFICE_FILE.partition("[printer]")
    assert text.startswith(before + "[printer]\n# 收银台的小票打印机\n")
    assert 'host = "10.0.0.7"  # 固定 IP\n' in text
    assert "port = 9101\n" in text
    # The keys the file did not have come after its last key, before the next section's comment.
    section = text.split("[printer]")[1].split("# 金额上限")[0]
    assert section.rstrip().endswith("timeout_seconds = 5")
    assert text.endswith("# 金额上限（元）\n[money]\nmax_amount_yuan = 50000\n")
    assert load(path).printer == PrinterSettings(connection="network", host="10.0.0.7", port=9101)
    assert not list(tmp_path.glob(".config.toml.*"))  # no temporary file left behind


def test_save_appends_the_table_to_a_file_without_it(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[app]\ndesk = "前台3"', encoding="utf-8")  # no newline at the end
    config = save_section(path, "printer", printer(connection="file", path="/dev/usb/lp0"))
    assert config.app.desk == "前台3"
    assert config.printer.connection == "file"
    assert path.read_text(encoding="utf-8").startswith('[app]\ndesk = "前台3"\n\n[printer]\n')


def test_save_creates_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    config = save_section(path, "printer", printer(connection="serial", device="COM3"))
    assert config.printer.device == "COM3"
    assert path.read_text(encoding="utf-8").startswith('[printer]\nconnection = "serial"\n')


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    original = '\ufeff[app]\r\ndesk = "前台1"\r\n\r\n[printer]\r\nwidth = 48\r\n'
    path.write_bytes(original.encode("utf-8"))
    save_section(path, "printer", printer(width=32))
    data = path.read_bytes().decode("utf-8")
    assert data.startswith('\ufeff[app]\r\ndesk = "前台1"\r\n\r\n[printer]\r\nwidth = 32\r\n')
    assert "\n" not in data.replace("\r\n", "")
    assert load(path).printer.width == 32


def test_an_invalid_value_is_refused_and_the_file_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(OFFICE_FILE, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ConfigError, match="needs host"):
        save_section(path, "printer", printer(connection="network", host=""))
    assert path.read_bytes() == before
    with pytest.raises(ConfigError, match="encoding"):
        save_section(path, "printer", printer(encoding="shift_jis"))
    assert path.read_bytes() == before


def test_an_invalid_value_leaves_no_new_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    with pytest.raises(ConfigError, match="hex"):
        save_section(path, "printer", printer(connection="usb", vendor_id="zz", product_id="1"))
    assert not path.exists()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[printer]\nwidth = 48\n[printer]\nport = 1\n", "不止一次"),
        ('printer.host = "x"\n', "点号键"),
        ('printer = { host = "x" }\n', "行内表"),
        ('[printer]\nhost = """\nx"""\n', "多行"),
    ],
)
def test_forms_that_cannot_be_edited_are_refused(text: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        replace_section(text, "printer", {"host": "y"})


def test_other_quotings_of_keys_and_values(tmp_path: Path) -> None:
    text = "[ printer ]\n\"host\" = 'old'\nport=9100 # comment\n"
    new = replace_section(text, "printer", {"host": "new", "port": 9200})
    assert new == '[ printer ]\n"host" = "new"\nport = 9200 # comment\n'
