"""Receipts printed through python-escpos to the loopback printer, decoded and read back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from frontdesk.config import PrinterSettings
from frontdesk.domain.receipt import ReceiptLine
from frontdesk.printing.connections import send
from frontdesk.printing.templates import Template, load_template
from frontdesk.printing.thermal import receipt_bytes, receipt_lines, test_page_bytes
from tests.printing.conftest import EscposServer, Printout, decode_escpos, sample_receipt

CODE = "A2026-000123.45910.K7QH3M2D"
LONG_NAME = "欧阳" + "娜" * 28  # 30 Chinese characters
LONG_ITEM = "二期地下停车场机械车位管理服务费及公共区域能耗分摊费用"[:30]
MAX_FEN = 999_999_999  # ￥9,999,999.99
YEN_HALF_WIDTH_GB18030 = "¥".encode("gb18030")  # what printers show as "0 6"


@pytest.fixture
def beijing_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is Beijing time (receipts show local time)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def template_for(settings: PrinterSettings, tmp_path: Path) -> Template:
    template, warnings = load_template(settings, tmp_path)
    assert warnings == []
    return template


def print_and_read(
    server: EscposServer, data: bytes, settings: PrinterSettings, encoding: str = "gb18030"
) -> Printout:
    send(settings, data)
    (job,) = server.wait_for(1)
    assert job.startswith(b"\x10\x04\x04")  # the paper-status query went first
    printout = decode_escpos(job[3:], encoding)
    assert all(w <= settings.width for w in printout.widths), printout.text
    return printout


@pytest.mark.parametrize("width", [48, 32])
def test_a_cash_receipt_prints_every_part_and_fits_the_paper(
    escpos_server: EscposServer, tmp_path: Path, beijing_time: None, width: int
) -> None:
    settings = escpos_server.settings(width=width)
    data = receipt_bytes(
        sample_receipt(),
        settings,
        template_for(settings, tmp_path),
        verification_code=CODE,
        open_drawer=True,
    )
    out = print_and_read(escpos_server, data, settings)
    text = out.text
    for needle in (
        "示例花园",
        "物业服务收费票据",
        "票据号：A2026-000123",
        "时间：2026-03-05 10:07",
        "窗口：前台1",
        "收费员：C001 张三",
        "房号：3-2-1201",
        "业主：刘兵、王芳",
        "物业管理费 2026-02",
        "物业管理费 2026-01",
        "垃圾清运费 2026-02",
        "2.50 ￥/㎡/月",
        "银行转账",
        "参考号：TX20260305-0001",
        "谢谢惠顾，请核对票据与找零。",
    ):
        assert needle in text, f"{needle!r} missing:\n{text}"
    for label, amount in (
        ("滞纳金", "1.12"),
        ("应收合计", "459.12"),
        ("现金取整", "-0.02"),
        ("实收合计", "￥459.10"),
        ("现金", "259.10"),
        ("银行转账", "200.00"),
        ("收现金", "300.00"),
        ("找零", "40.90"),
        ("预存款余额", "15.00"),
    ):
        line = out.amount_line(label)
        assert line.endswith(amount), line
        assert out.widths[out.lines.index(line)] == width  # the amount sits at the right edge
    assert "¥" not in text and YEN_HALF_WIDTH_GB18030 not in data
    names = out.names()
    assert names[:2] == ["init", "chinese_on"]
    assert out.find("drawer").args[:1] == b"\x00" and out.find("drawer").line == 0  # pin 2, first
    assert out.find("qr").args == CODE.encode()
    code_line = out.lines[out.find("qr").line + 1].strip()
    assert code_line == (f"验证码：{CODE}" if width == 48 else CODE)
    assert names[-1] == "cut" and out.find("cut").args == b"part"
    assert out.count("drawer") == 1 and out.count("cut") == 1


def test_receipt_lines_are_what_the_printer_prints(
    escpos_server: EscposServer, tmp_path: Path
) -> None:
    settings = escpos_server.settings()
    template = template_for(settings, tmp_path)
    data = receipt_bytes(sample_receipt(), settings, template)
    out = print_and_read(escpos_server, data, settings)
    assert out.lines == receipt_lines(sample_receipt(), template)


@pytest.mark.parametrize("width", [32, 48])
def test_thirty_character_names_and_the_largest_amounts_fit(
    escpos_server: EscposServer, tmp_path: Path, width: int
) -> None:
    receipt = sample_receipt(
        owner=LONG_NAME,
        room="12-3-2801（" + LONG_NAME[:10] + "）",
        lines=(
            ReceiptLine(LONG_ITEM, "2026-01~2026-12", "9,999,999.99 ¥/次 × 1", MAX_FEN, MAX_FEN),
            ReceiptLine(LONG_NAME, "2026-02", "", MAX_FEN, 0),
        ),
        total_fen=MAX_FEN,
        due_fen=MAX_FEN,
        methods=(("现金", MAX_FEN, ""), ("微信支付", MAX_FEN, "4200001234" * 5)),
        tendered_fen=MAX_FEN,
        change_fen=MAX_FEN,
        prepay_balance_after_fen=MAX_FEN,
        rounding_fen=0,
    )
    settings = escpos_server.settings(width=width)
    out = print_and_read(
        escpos_server, receipt_bytes(receipt, settings, template_for(settings, tmp_path)), settings
    )
    flat = "".join(line.removesuffix("9,999,999.99").replace(" ", "") for line in out.lines)
    assert LONG_NAME in flat and LONG_ITEM in flat and "4200001234" * 5 in flat
    amount_lines = [n for n, line in enumerate(out.lines) if line.endswith("9,999,999.99")]
    assert len(amount_lines) >= 8
    assert all(out.widths[n] == width for n in amount_lines)  # one straight amount column
    assert out.amount_line("实收合计").endswith("￥9,999,999.99")


def test_the_drawer_opens_only_when_asked_and_set_up(
    escpos_server: EscposServer, tmp_path: Path
) -> None:
    settings = escpos_server.settings(drawer_pin=5)
    template = template_for(settings, tmp_path)
    pin5 = decode_escpos(receipt_bytes(sample_receipt(), settings, template, open_drawer=True))
    assert pin5.find("drawer").args[:1] == b"\x01"
    not_cash = decode_escpos(receipt_bytes(sample_receipt(), settings, template))
    assert not_cash.count("drawer") == 0
    no_drawer = replace(settings, drawer_pin=0)
    assert (
        decode_escpos(receipt_bytes(sample_receipt(), no_drawer, template, open_drawer=True)).count(
            "drawer"
        )
        == 0
    )


def test_no_cut_when_cutting_is_off(tmp_path: Path) -> None:
    settings = PrinterSettings(cut=False)
    out = decode_escpos(receipt_bytes(sample_receipt(), settings, template_for(settings, tmp_path)))
    assert out.count("cut") == 0
    assert out.names()[-1] == "feed"


def test_the_qr_code_only_when_a_code_is_given_and_wanted(tmp_path: Path) -> None:
    settings = PrinterSettings()
    template = template_for(settings, tmp_path)
    assert decode_escpos(receipt_bytes(sample_receipt(), settings, template)).count("qr") == 0
    off = replace(settings, print_qr=False)
    assert (
        decode_escpos(receipt_bytes(sample_receipt(), off, template, verification_code=CODE)).count(
            "qr"
        )
        == 0
    )
    hidden = replace(template, show_qr=False)
    assert (
        decode_escpos(
            receipt_bytes(sample_receipt(), settings, hidden, verification_code=CODE)
        ).count("qr")
        == 0
    )


def test_the_qr_code_as_an_image_for_older_printers(tmp_path: Path) -> None:
    settings = PrinterSettings(width=32)
    template = replace(template_for(settings, tmp_path), qr_mode="image")
    out = decode_escpos(receipt_bytes(sample_receipt(), settings, template, verification_code=CODE))
    width, height = (int(n) for n in out.find("image").args.decode().split("x"))
    assert width <= 32 * 12 and 100 < height < 300
    assert out.count("codepage") == 0  # escpos's own image QR would switch the code page
    assert out.lines[out.find("image").line].strip() == CODE  # no room for a label at 32


def test_a_voided_receipt_says_so_prominently_at_top_and_bottom(tmp_path: Path) -> None:
    settings = PrinterSettings(width=32)
    out = decode_escpos(
        receipt_bytes(sample_receipt(status="voided"), settings, template_for(settings, tmp_path))
    )
    marks = [n for n, line in enumerate(out.lines) if "作废 / VOID" in line]
    assert len(marks) == 2 and marks[0] < out.lines.index(out.line_with("票据号")) < marks[1]
    assert all(out.widths[n] == 32 for n in marks)  # a band across the paper
    inverted = [c.line for c in out.commands if c.name == "invert" and c.args == b"\x01"]
    assert inverted == marks
    assert "本票据已作废，不作收费凭证。" in out.text


def test_a_refunded_receipt_is_marked(tmp_path: Path) -> None:
    settings = PrinterSettings()
    lines = receipt_lines(sample_receipt(status="refunded"), template_for(settings, tmp_path))
    assert sum("已退款 / REFUNDED" in line for line in lines) == 2


def test_a_reprint_says_copy_with_the_count_who_and_when(
    tmp_path: Path, beijing_time: None
) -> None:
    settings = PrinterSettings(width=32)
    template = template_for(settings, tmp_path)
    lines = [
        line.strip()
        for line in receipt_lines(
            sample_receipt(),
            template,
            copy_no=2,
            reprinted_by="A001 管理员",
            reprinted_at=datetime(2026, 3, 9, 6, 30, tzinfo=UTC),
        )
    ]
    assert "重打 / COPY（第 2 次）" in lines
    assert "重打：A001 管理员" in lines and "2026-03-09 14:30" in lines  # two lines at 32 columns
    wide = receipt_lines(
        sample_receipt(),
        replace(template, width=48),
        copy_no=1,
        reprinted_by="A001 管理员",
        reprinted_at=datetime(2026, 3, 9, 6, 30, tzinfo=UTC),
    )
    assert "重打：A001 管理员 2026-03-09 14:30" in [line.strip() for line in wide]
    original = receipt_lines(sample_receipt(), template)
    assert not any("COPY" in line for line in original)


@pytest.mark.parametrize(
    ("encoding", "chinese_mode", "first", "shown"),
    [
        ("gb18030", True, ["init", "chinese_on"], "实收合计"),
        ("gbk", True, ["init", "chinese_on"], "实收合计"),
        ("gb18030", False, ["init", "size"], "实收合计"),
        ("big5", True, ["init", "chinese_on"], "？收合？"),  # simplified hanzi Big5 lacks
        ("utf-8", True, ["init", "size"], "实收合计"),
        ("cp437", True, ["init", "chinese_off", "codepage"], "TOTAL"),  # no Chinese font: English
        ("cp1252", False, ["init", "chinese_off", "codepage"], "TOTAL"),
    ],
)
def test_each_encoding_prints_without_crashing(
    escpos_server: EscposServer,
    tmp_path: Path,
    encoding: str,
    chinese_mode: bool,
    first: list[str],
    shown: str,
) -> None:
    settings = escpos_server.settings(encoding=encoding, chinese_mode=chinese_mode)
    data = receipt_bytes(sample_receipt(owner="王😀芳"), settings, template_for(settings, tmp_path))
    out = print_and_read(escpos_server, data, settings, encoding)
    assert out.names()[: len(first)] == first
    assert out.line_with("459.10").startswith(shown)
    owner = out.line_with("主：" if encoding not in ("cp437", "cp1252") else "Owner: ")
    assert "3-2-1201" in out.text and "A2026-000123" in out.text
    if encoding in ("cp437", "cp1252"):
        assert out.find("codepage").args == {"cp437": b"\x00", "cp1252": b"\x10"}[encoding]
        assert out.amount_line("TOTAL").endswith("¥459.10")  # the code page's own yen sign
        assert owner == "Owner: ??????"
        assert out.amount_line("Change").endswith("40.90")
    elif encoding == "utf-8":
        assert owner == "业主：王😀芳"  # a UTF-8 printer is left to show what it can
    else:
        assert owner.endswith("主：王？芳")


def test_control_characters_in_names_cannot_become_printer_commands(tmp_path: Path) -> None:
    settings = PrinterSettings()
    receipt = sample_receipt(owner="王\x1bp\x00\x19\x19芳\n(代)", room="3-2\t1201")
    data = receipt_bytes(receipt, settings, template_for(settings, tmp_path))
    out = decode_escpos(data)  # fails on any command it does not know
    assert out.count("drawer") == 0
    assert "业主：王?p???芳 (代)" in out.text and "房号：3-2 1201" in out.text


def test_a_logo_is_printed_first_and_scaled_to_the_paper(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    logo = tmp_path / "logo.png"
    image = Image.new("RGB", (800, 120), "white")
    ImageDraw.Draw(image).rectangle((10, 10, 790, 110), fill="black")
    image.save(logo)
    settings = PrinterSettings(width=32, logo=str(logo))
    out = decode_escpos(receipt_bytes(sample_receipt(), settings, template_for(settings, tmp_path)))
    image_cmd = out.find("image")
    assert image_cmd.line == 0 and image_cmd.args == b"384x58"


def test_an_unreadable_logo_is_skipped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"not a picture")
    settings = PrinterSettings(logo=str(logo))
    out = decode_escpos(receipt_bytes(sample_receipt(), settings, template_for(settings, tmp_path)))
    assert out.count("image") == 0 and "A2026-000123" in out.text
    assert "cannot be printed" in caplog.text


@pytest.mark.parametrize("width", [32, 48])
def test_the_test_page_shows_the_connection_and_rulers_that_fill_the_paper(
    escpos_server: EscposServer, tmp_path: Path, width: int
) -> None:
    settings = escpos_server.settings(width=width)
    out = print_and_read(
        escpos_server, test_page_bytes(settings, template_for(settings, tmp_path)), settings
    )
    assert "打印测试 / TEST PAGE" in out.lines[0]
    assert f"网络打印机 127.0.0.1:{escpos_server.port}" in out.text
    ruler = out.lines.index("1234567890" * (width // 10) + "1234567890"[: width % 10])
    assert out.widths[ruler] == width and out.widths[ruler + 1] == width
    assert out.amount_line("实收合计").endswith("￥9,999,999.99")
    assert out.find("qr").args == b"FRONTDESK-TEST"
    assert out.count("drawer") == 0 and out.names()[-1] == "cut"


def test_receipt_bytes_follow_the_printer_settings_over_the_template(tmp_path: Path) -> None:
    template = template_for(PrinterSettings(width=48), tmp_path)
    settings = PrinterSettings(width=32)
    out = decode_escpos(receipt_bytes(sample_receipt(), settings, template))
    assert max(out.widths) == 32
