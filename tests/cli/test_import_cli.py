"""``frontdesk-admin import-households`` and ``frontdesk-admin demo``, run in-process."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from frontdesk.cli import main
from frontdesk.config import Config
from frontdesk.storage.database import Database
from frontdesk.storage.migrate import upgrade
from frontdesk.storage.models import AuditEvent, Estate, Household, Owner, OwnerPhone, Room

HEADER = ["房号", "业主姓名", "电话", "面积（㎡）", "入住日期"]
GOOD = [
    ["3-2-1201", "刘兵", "13812345678/0571-88888888", "89.6", "2019/5/1"],
    ["3-2-1202", "刘斌", "+86 139 0000 1111", "120.25", ""],
]


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def database(config: Config) -> Iterator[Database]:
    """The configured database, initialised (``init`` is another module's job)."""
    db = Database(config.database_url)
    upgrade(db)
    yield db
    db.dispose()


Admin = Callable[..., Run]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Admin:
    """``cli("import-households", "x.csv")`` → exit code, stdout, stderr."""

    def run(*argv: str) -> Run:
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding=encoding)
    return path


def counts(db: Database) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m)) or 0
            for m in (Room, Household, Owner, OwnerPhone, AuditEvent)
        )


def test_import(cli: Admin, database: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [HEADER, *GOOD])
    result = cli("import-households", str(path))
    assert result.code == 0, result.err
    assert result.out.strip() == "导入完成：新增 2 户，更新 0 户，未变 0 户。"
    assert result.err == ""
    assert counts(database)[:4] == (2, 2, 2, 3)

    again = cli("import-households", str(path))
    assert again.code == 0
    assert "新增 0 户，更新 0 户，未变 2 户" in again.out


def test_import_uses_the_configured_estate_name(
    cli: Admin, database: Database, tmp_path: Path, config: Config
) -> None:
    assert config.source is None  # FRONTDESK_CONFIG points at tmp_path/config.toml
    (tmp_path / "config.toml").write_text('[app]\nestate_name = "幸福里"\n', encoding="utf-8")
    path = write_csv(tmp_path / "list.csv", [HEADER, *GOOD])
    assert cli("import-households", str(path)).code == 0
    with database.read() as s:
        assert s.scalars(select(Estate.name)).all() == ["幸福里"]


def test_bad_rows_fail_with_one_line_and_change_nothing(
    cli: Admin, database: Database, tmp_path: Path
) -> None:
    seed = write_csv(tmp_path / "seed.csv", [HEADER, GOOD[0]])
    assert cli("import-households", str(seed)).code == 0
    before = counts(database)
    rows = [HEADER, GOOD[1], [], ["3-2-1203", "刘冰", "13812345678", "-3", ""]]
    path = write_csv(tmp_path / "bad.csv", rows)
    result = cli("import-households", str(path))
    assert result.code == 1
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("frontdesk-admin: ")
    assert "第 4 行：面积必须大于 0" in lines[0]
    assert "--skip-bad" in lines[0]
    assert counts(database) == before
    assert not (tmp_path / "bad.rejected.csv").exists()


def test_skip_bad(cli: Admin, database: Database, tmp_path: Path) -> None:
    rows = [HEADER, *GOOD, ["3-2-1203", "=刘冰", "x", "90", ""]]
    path = write_csv(tmp_path / "mixed.csv", rows, "gb18030")
    result = cli("import-households", str(path), "--skip-bad")
    assert result.code == 0, result.err
    rejected = tmp_path / "mixed.rejected.csv"
    assert "新增 2 户" in result.out
    assert "跳过 1 行" in result.out and str(rejected) in result.out
    content = list(csv.reader(io.StringIO(rejected.read_text(encoding="utf-8-sig"))))
    assert content[0][-2:] == ["line", "reason"]
    assert content[1][:3] == ["3-2-1203", "'=刘冰", "x"]
    assert content[1][-2:] == ["4", "电话号码“x”格式不对"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("房号,业主姓名,电话\n1-1-101,赵六,13800000000\n".encode("utf-16"), "文件编码无法识别"),
        (
            "room,owner,phone,area\n1-1-101,José,13800000000,90\n".encode("latin-1"),
            "文件编码无法识别",
        ),
        ("房号,业主姓名,电话\n1-1-101,赵六,13800000000\n".encode(), "缺少列：面积"),
        (
            "房号,业主姓名,电话,面积\n1-1-101,赵六,13800000000,90\n1-1-101,钱七,13800000001,91\n".encode(),
            "第 3 行：房号 1-1-101 与第 2 行重复",
        ),
        ("房号,业主姓名,电话,面积\n1-1-101,赵六,13800000000,abc\n".encode(), "面积“abc”不是数字"),
        ("房号,业主姓名,电话,面积\n1-1-101,赵六,13800000000,0\n".encode(), "面积必须大于 0"),
    ],
)
def test_bad_files(
    cli: Admin, database: Database, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    before = counts(database)
    result = cli("import-households", str(path))
    assert result.code == 1
    assert message in result.err
    assert len(result.err.splitlines()) == 1
    assert counts(database) == before


def test_unknown_option(cli: Admin, database: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [HEADER, *GOOD])
    result = cli("import-households", str(path), "--skip-bda")
    assert result.code == 2
    assert "unrecognized arguments: --skip-bda" in result.err
    assert counts(database) == (0, 0, 0, 0, 0)


def test_missing_file_argument(cli: Admin, database: Database) -> None:
    result = cli("import-households")
    assert result.code == 2
    assert "FILE" in result.err


def test_database_must_be_initialised(cli: Admin, config: Config, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [HEADER, *GOOD])
    result = cli("import-households", str(path))
    assert result.code == 1
    assert "init" in result.err


def test_demo(cli: Admin, database: Database) -> None:
    result = cli("demo", "--households", "40", "--seed", "5")
    assert result.code == 0, result.err
    assert "40 户" in result.out
    assert counts(database)[:2] == (40, 40)

    again = cli("demo")
    assert again.code == 1
    assert "已有 40 套房屋" in again.err
    assert counts(database)[:2] == (40, 40)


def test_demo_default_size(cli: Admin, database: Database) -> None:
    assert cli("demo").code == 0
    assert counts(database)[1] == 300


@pytest.mark.parametrize("argv", [["--households", "0"], ["--households", "many"], ["--bogus"]])
def test_demo_bad_options(cli: Admin, database: Database, argv: list[str]) -> None:
    result = cli("demo", *argv)
    assert result.code == 2
    assert result.err.startswith("frontdesk-admin demo: ") or "unrecognized" in result.err
    assert counts(database) == (0, 0, 0, 0, 0)
