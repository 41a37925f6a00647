"""``frontdesk-admin print-test``, ``reprint``, ``verify-receipt`` and ``day-close --pdf``."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from frontdesk.config import load
from frontdesk.services.payments import Tender
from frontdesk.services.reversals import void_payment
from frontdesk.services.users import Actor
from frontdesk.services.verification import verification_code
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEvent, PrintJob
from tests.cli.conftest import Admin
from tests.printing.conftest import EscposServer, decode_escpos, escpos_server
from tests.services.payment_fixtures import TODAY, setup_counter

__all__ = ["escpos_server"]  # the fixture, re-exported for pytest

FIRST = "A2026-000001"  # cash, 234.00
SECOND = "A2026-000002"  # WeChat, 234.00


def _write_config(path: Path, printer: dict[str, object]) -> None:
    lines = ["[printer]"]
    for key, value in printer.items():
        lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def printer_at(private_dirs: Path, escpos_server: EscposServer) -> EscposServer:
    """The settings file points at the loopback printer."""
    _write_config(
        private_dirs / "config.toml",
        {
            "connection": "network",
            "host": "127.0.0.1",
            "port": escpos_server.port,
            "timeout_seconds": 1,
        },
    )
    return escpos_server


@pytest.fixture
def shop(admin_cli: Admin, work: Path) -> Iterator[Database]:
    """An initialised database with two payments at 前台1 (cash, then WeChat)."""
    assert admin_cli("init").code == 0
    db = Database(load().database_url)
    counter = setup_counter(db, Actor("A001", "管理员", "admin"))
    counter.pay(bills=counter.bills[:2], tenders=[Tender("cash", 23400)])
    counter.pay(bills=counter.bills[2:], tenders=[Tender("wechat", 23400, "4200001")])
    yield db
    db.dispose()


def _jobs(db: Database) -> list[tuple[str, int, str]]:
    with db.read() as s:
        return [
            (j.receipt_no, j.copy_no, j.status)
            for j in s.scalars(select(PrintJob).order_by(PrintJob.id))
        ]


def _reprint_audits(db: Database) -> list[int]:
    with db.read() as s:
        rows = s.scalars(select(AuditEvent.details).where(AuditEvent.action == "receipt.reprint"))
        return [json.loads(details)["copy_no"] for details in rows]


# ---------------------------------------------------------------- print-test


def test_print_test_prints_a_test_page(admin_cli: Admin, printer_at: EscposServer) -> None:
    r = admin_cli("print-test")
    assert r.code == 0, r.err
    assert f"测试页已发送到网络打印机 127.0.0.1:{printer_at.port}" in r.out
    [data] = printer_at.wait_for(1)
    out = decode_escpos(data)
    assert "打印测试" in out.text and out.count("cut") == 1


def test_print_test_without_a_printer(admin_cli: Admin) -> None:
    r = admin_cli("print-test")
    assert r.code == 1 and "没有配置小票打印机" in r.err and r.err.count("\n") == 1


def test_print_test_with_the_printer_off(admin_cli: Admin, printer_at: EscposServer) -> None:
    printer_at.set_mode("refuse")
    r = admin_cli("print-test")
    assert r.code == 1 and "拒绝连接" in r.err and r.err.count("\n") == 1


@pytest.mark.parametrize(
    ("printer", "needle"),
    [
        ({"connection": "bluetooth"}, "connection"),
        ({"connection": "network"}, "host"),
        ({"connection": "network", "host": "127.0.0.1", "port": "9100"}, "port"),
    ],
)
def test_print_test_with_bad_settings(
    admin_cli: Admin, private_dirs: Path, printer: dict[str, object], needle: str
) -> None:
    _write_config(private_dirs / "config.toml", printer)
    r = admin_cli("print-test")
    assert r.code == 1 and needle in r.err and "config.toml" in r.err


# ---------------------------------------------------------------- reprint


def test_reprint_prints_numbered_copies(
    shop: Database, admin_cli: Admin, printer_at: EscposServer
) -> None:
    r = admin_cli("reprint", FIRST)
    assert r.code == 0, r.err
    assert f"已打印票据 {FIRST} 第 1 次重打" in r.out
    r = admin_cli("reprint", FIRST)
    assert r.code == 0, r.err
    assert "第 2 次重打" in r.out
    first, second = (decode_escpos(data) for data in printer_at.wait_for(2))
    assert "重打 / COPY（第 1 次）" in first.text and "重打 / COPY（第 2 次）" in second.text
    assert FIRST in first.text and "234.00" in first.line_with("实收合计")
    assert first.count("drawer") == 0 and first.count("cut") == 1
    assert _jobs(shop) == [(FIRST, 1, "printed"), (FIRST, 2, "printed")]
    assert _reprint_audits(shop) == [1, 2]


def test_reprint_of_an_unknown_receipt(
    shop: Database, admin_cli: Admin, printer_at: EscposServer
) -> None:
    r = admin_cli("reprint", "A2026-999999")
    assert r.code == 1 and "没有票据号为 A2026-999999 的付款" in r.err and r.err.count("\n") == 1
    assert _jobs(shop) == [] and _reprint_audits(shop) == []
    assert printer_at.connections == 0


def test_reprint_with_the_printer_off_stays_queued(
    shop: Database, admin_cli: Admin, printer_at: EscposServer
) -> None:
    printer_at.set_mode("refuse")
    r = admin_cli("reprint", SECOND)
    assert r.code == 1 and "加入 前台1 的打印队列" in r.err and "拒绝连接" in r.err
    assert _jobs(shop) == [(SECOND, 1, "pending")]
    assert _reprint_audits(shop) == [1]


def test_reprint_queue_only(shop: Database, admin_cli: Admin, printer_at: EscposServer) -> None:
    r = admin_cli("reprint", SECOND, "--queue", "--desk", "前台2")
    assert r.code == 0, r.err
    assert "前台2 的打印队列" in r.out
    assert _jobs(shop) == [(SECOND, 1, "pending")]
    assert printer_at.connections == 0


def test_reprint_needs_a_printer_unless_pdf(shop: Database, admin_cli: Admin) -> None:
    r = admin_cli("reprint", FIRST)
    assert r.code == 1 and "reprint --pdf" in r.err
    assert _jobs(shop) == []


def test_reprint_as_pdf(shop: Database, admin_cli: Admin, work: Path) -> None:
    r = admin_cli("reprint", FIRST, "--pdf", "副本.pdf")
    assert r.code == 0, r.err
    target = work / "副本.pdf"
    assert f"已写入票据 {FIRST} 的 PDF 副本（第 1 次重打）：{target}" in r.out
    assert target.read_bytes().startswith(b"%PDF")
    assert _jobs(shop) == [(FIRST, 1, "printed")] and _reprint_audits(shop) == [1]
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(target), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "重打 / COPY" in text and "第 1 次重打" in text and FIRST in text
    assert f"FD1:{FIRST}:23400:" in text


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("--pdf", "copy.txt"), ".pdf"),
        (("--pdf", "no/such/dir/copy.pdf"), "目录不存在"),
    ],
)
def test_reprint_pdf_bad_target(
    shop: Database, admin_cli: Admin, work: Path, argv: tuple[str, ...], needle: str
) -> None:
    r = admin_cli("reprint", FIRST, *argv)
    assert r.code == 1 and needle in r.err
    assert list(work.iterdir()) == [] and _jobs(shop) == []


# ---------------------------------------------------------------- verify-receipt


def test_verify_a_genuine_code(shop: Database, admin_cli: Admin) -> None:
    code = verification_code(shop, FIRST)
    r = admin_cli("verify-receipt", code)
    assert r.code == 0, r.err
    assert "票据真实有效" in r.out and "3-2-1201" in r.out and "¥234.00" in r.out
    assert "物业服务收费票据" in r.out  # the receipt as issued follows


def test_verify_a_voided_receipt(shop: Database, admin_cli: Admin) -> None:
    code = verification_code(shop, SECOND)
    cashier, supervisor = Actor("C001", "张三", "cashier"), Actor("S001", "李主管", "supervisor")
    void_payment(shop, cashier, SECOND, "重复收费", supervisor, today=TODAY)
    r = admin_cli("verify-receipt", code)
    assert r.code == 3
    assert "已作废" in r.out and "重复收费" in r.out


@pytest.mark.parametrize(
    "forge",
    [
        lambda code: code.replace(":23400:", ":2340:"),
        lambda code: code.replace("000001", "000002"),
        lambda code: code[:-3],
        lambda code: "FD1:A2026-000001:23400:AAAAAAAAAA",
        lambda code: "随便写的",
    ],
    ids=["amount", "number", "truncated", "foreign", "garbage"],
)
def test_verify_a_forged_code(shop: Database, admin_cli: Admin, forge: object) -> None:
    code = verification_code(shop, FIRST)
    r = admin_cli("verify-receipt", forge(code))  # type: ignore[operator]
    assert r.code == 1 and "不是本系统签发的票据" in r.err and r.err.count("\n") == 1
    assert r.out == ""


# ---------------------------------------------------------------- day-close --pdf


def test_day_close_writes_a_pdf(shop: Database, admin_cli: Admin, work: Path) -> None:
    day = TODAY.isoformat()
    r = admin_cli("day-close", "--date", day, "--pdf", "日结.pdf")
    assert r.code == 0, r.err
    assert f"已写入 PDF：{work / '日结.pdf'}" in r.out and "CSV" not in r.out
    assert sorted(p.name for p in work.iterdir()) == ["日结.pdf"]
    r = admin_cli("day-close", "--date", day, "--pdf", "b.pdf", "--csv", "b.csv")
    assert r.code == 0, r.err
    assert {"b.pdf", "b.csv"} <= {p.name for p in work.iterdir()}
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(work / "日结.pdf"), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "日结报表" in text and day in text and "￥468.00" in text and "微信支付" in text


@pytest.mark.parametrize(
    ("argv", "needle"),
    [(("--pdf", "report.docx"), ".pdf"), (("--pdf", "no/such/dir.pdf"), "目录不存在")],
)
def test_day_close_pdf_bad_target(
    shop: Database, admin_cli: Admin, work: Path, argv: tuple[str, ...], needle: str
) -> None:
    r = admin_cli("day-close", "--date", TODAY.isoformat(), *argv)
    assert r.code == 1 and needle in r.err and list(work.iterdir()) == []
