"""frontdesk-admin: init, users, verify-audit, backup and restore, and their failures."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from frontdesk.config import load
from frontdesk.services.users import authenticate
from frontdesk.storage.database import Database
from tests.cli.conftest import Admin


def db_path(private_dirs: Path) -> Path:
    return private_dirs / "data" / "frontdesk.db"


@pytest.fixture
def initialised(admin_cli: Admin) -> Admin:
    r = admin_cli(
        "init", "--admin", "A001", "--name", "王管理", "--password-stdin", stdin="secret-1\n"
    )
    assert r.code == 0, r.err
    return admin_cli


def test_init_creates_database_and_admin(initialised: Admin, private_dirs: Path) -> None:
    assert db_path(private_dirs).is_file()
    db = Database(load().database_url)
    assert authenticate(db, "A001", "secret-1").role == "admin"
    db.dispose()


def test_init_again_is_harmless_and_says_so(initialised: Admin) -> None:
    r = initialised(
        "init", "--admin", "A001", "--name", "王管理", "--password-stdin", stdin="other\n"
    )
    assert r.code == 0
    assert "无需更改" in r.out and "已存在" in r.out


def test_init_without_admin_hints(admin_cli: Admin) -> None:
    r = admin_cli("init")
    assert r.code == 0 and "还没有管理员" in r.out


def test_init_admin_needs_name(admin_cli: Admin) -> None:
    r = admin_cli("init", "--admin", "A001")
    assert r.code == 1 and "--name" in r.err and r.err.count("\n") == 1


def test_users_add_list_disable_passwd(initialised: Admin, private_dirs: Path) -> None:
    r = initialised(
        "users",
        "add",
        "C001",
        "--name",
        "刘兵",
        "--role",
        "cashier",
        "--password-stdin",
        stdin="pw-12345\n",
    )
    assert r.code == 0, r.err
    r = initialised("users", "list")
    assert "C001\t刘兵\tcashier\tactive" in r.out
    r = initialised("users", "passwd", "C001", "--password-stdin", stdin="pw-67890\n")
    assert r.code == 0
    db = Database(load().database_url)
    assert authenticate(db, "C001", "pw-67890").staff_no == "C001"
    db.dispose()
    r = initialised("users", "disable", "C001")
    assert r.code == 0
    assert "C001\t刘兵\tcashier\tdisabled" in initialised("users", "list").out


@pytest.mark.parametrize(
    ("argv", "stdin", "needle"),
    [
        (
            ("users", "add", "C001", "--name", "刘兵", "--role", "boss", "--password-stdin"),
            "pw-12345\n",
            "invalid choice",
        ),
        (
            ("users", "add", "A001", "--name", "重复", "--role", "clerk", "--password-stdin"),
            "pw-12345\n",
            "已存在",
        ),
        (
            ("users", "add", "C002", "--name", "短", "--role", "clerk", "--password-stdin"),
            "123\n",
            "密码至少",
        ),
        (
            ("users", "add", "C003", "--name", "空", "--role", "clerk", "--password-stdin"),
            "",
            "没有从标准输入读到密码",
        ),
        (("users", "disable", "NOPE"), "", "没有工号为 NOPE"),
        (("users", "list", "--colour"), "", "unrecognized arguments: --colour"),
        (("--frobnicate", "init"), "", "unrecognized arguments"),
        (("launch-rockets",), "", "invalid choice"),
    ],
)
def test_bad_commands_give_one_line(
    initialised: Admin, argv: tuple[str, ...], stdin: str, needle: str
) -> None:
    r = initialised(*argv, stdin=stdin)
    assert r.code != 0
    assert needle in r.err
    assert r.err.count("\n") == 1, r.err
    assert "Traceback" not in r.err


def test_commands_before_init_say_so(admin_cli: Admin) -> None:
    r = admin_cli("users", "list")
    assert r.code == 1 and "frontdesk-admin init" in r.err


def test_bad_config_gives_one_line(admin_cli: Admin, private_dirs: Path) -> None:
    (private_dirs / "config.toml").write_text('[app]\ndesk = "1"\nfoo = 2\n', encoding="utf-8")
    r = admin_cli("init")
    assert r.code == 1
    assert "line 3: unknown key 'foo' in [app]" in r.err
    assert r.err.count("\n") == 1


def test_not_a_database_gives_one_line(admin_cli: Admin, private_dirs: Path) -> None:
    path = db_path(private_dirs)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK\x03\x04 not sqlite at all" * 50)
    r = admin_cli("init")
    assert r.code == 1 and "不是 frontdesk 数据库" in r.err and r.err.count("\n") == 1


def test_verify_audit_names_the_altered_row(initialised: Admin, private_dirs: Path) -> None:
    initialised(
        "users",
        "add",
        "C001",
        "--name",
        "刘兵",
        "--role",
        "cashier",
        "--password-stdin",
        stdin="pw-12345\n",
    )
    ok = initialised("verify-audit")
    assert ok.code == 0 and "已核对 2 条" in ok.out
    conn = sqlite3.connect(db_path(private_dirs))
    conn.execute('UPDATE audit_event SET details = \'{"name":"别人","role":"admin"}\' WHERE id = 2')
    conn.commit()
    conn.close()
    bad = initialised("verify-audit")
    assert bad.code == 1
    assert "audit row 2 was altered" in bad.err and "第 2 条" in bad.err


def test_backup_while_open_and_restore(initialised: Admin, private_dirs: Path) -> None:
    out = private_dirs / "copies" / "monday.db"
    live = Database(load().database_url)  # another counter keeps the database open
    with live.read() as s:
        s.connection().exec_driver_sql("SELECT 1")
        r = initialised("backup", "--out", str(out))
    assert r.code == 0, r.err
    assert "1 个账号" in r.out
    initialised(
        "users",
        "add",
        "C001",
        "--name",
        "刘兵",
        "--role",
        "cashier",
        "--password-stdin",
        stdin="pw-12345\n",
    )
    r = initialised("restore", str(out))
    assert r.code == 0, r.err
    assert "恢复前的数据已另存为" in r.out
    assert "C001" not in initialised("users", "list").out
    saved = list((private_dirs / "data" / "backups").glob("frontdesk-before-restore-*.db"))
    assert len(saved) == 1
    live.dispose()


def test_backup_refuses_to_overwrite(initialised: Admin, private_dirs: Path) -> None:
    out = private_dirs / "b.db"
    out.write_text("precious")
    r = initialised("backup", "--out", str(out))
    assert r.code == 1 and "不会覆盖" in r.err
    assert out.read_text() == "precious"


@pytest.mark.parametrize("kind", ["text", "other-sqlite", "missing", "truncated"])
def test_restore_refuses_what_is_not_a_backup(
    initialised: Admin, private_dirs: Path, kind: str
) -> None:
    bogus = private_dirs / "bogus.db"
    if kind == "text":
        bogus.write_text("名字,电话\n刘兵,13800000000\n", encoding="utf-8")
    elif kind == "other-sqlite":
        conn = sqlite3.connect(bogus)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
        conn.close()
    elif kind == "truncated":
        good = private_dirs / "good.db"
        assert initialised("backup", "--out", str(good)).code == 0
        bogus.write_bytes(good.read_bytes()[:3000])
    before = db_path(private_dirs).read_bytes()
    r = initialised("restore", str(bogus))
    assert r.code == 1, r.out
    assert r.err.count("\n") == 1
    assert any(w in r.err for w in ("不是 frontdesk 备份", "找不到备份文件", "已损坏"))
    assert db_path(private_dirs).read_bytes() == before
    assert "A001" in initialised("users", "list").out


def test_restore_refuses_backup_from_newer_version(initialised: Admin, private_dirs: Path) -> None:
    out = private_dirs / "future.db"
    assert initialised("backup", "--out", str(out)).code == 0
    conn = sqlite3.connect(out)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    r = initialised("restore", str(out))
    assert r.code == 1 and "更新版本" in r.err
