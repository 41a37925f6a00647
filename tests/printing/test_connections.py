"""Sending to the printer: paper status, refused, time-out, paper out, bad settings; nothing left open."""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

import pytest

from frontdesk.config import PrinterSettings
from frontdesk.printing import connections
from frontdesk.printing.connections import PrinterError, describe_connection, send
from frontdesk.printing.thermal import drawer_bytes
from tests.printing.conftest import PAPER_QUERY, EscposServer, decode_escpos

DATA = b"\x1b@\x1c&" + "票据号：A2026-000123\n".encode("gb18030")


def all_closed(server: EscposServer) -> bool:
    """Every connection the printer accepted was closed by the client."""
    gc.collect()  # an unclosed socket would warn here (warnings are errors)
    with server._cond:
        return server.connections == len(server.jobs)


def test_send_asks_for_paper_then_prints_and_closes(escpos_server: EscposServer) -> None:
    send(escpos_server.settings(), DATA)
    assert escpos_server.wait_for(1) == [PAPER_QUERY + DATA]
    assert escpos_server.status_queries == 1
    assert all_closed(escpos_server)


def test_a_large_job_arrives_whole(escpos_server: EscposServer) -> None:
    data = DATA * 20_000  # ~600 kB, more than the socket buffers hold at once
    send(escpos_server.settings(), data)
    assert escpos_server.wait_for(1) == [PAPER_QUERY + data]


def test_paper_out_prints_nothing_and_says_so(escpos_server: EscposServer) -> None:
    escpos_server.set_mode("paper_out")
    with pytest.raises(PrinterError) as caught:
        send(escpos_server.settings(), DATA)
    assert caught.value.reason == "paper_out" and not caught.value.maybe_printed
    assert "缺纸" in str(caught.value) and f"127.0.0.1:{escpos_server.port}" in str(caught.value)
    assert escpos_server.wait_for(1) == [PAPER_QUERY]  # only the question, no receipt
    assert all_closed(escpos_server)


def test_the_cash_drawer_opens_even_without_paper(escpos_server: EscposServer) -> None:
    escpos_server.set_mode("paper_out")
    settings = escpos_server.settings(drawer_pin=5)
    send(settings, drawer_bytes(settings), check_paper=False)
    (job,) = escpos_server.wait_for(1)
    assert decode_escpos(job).names() == ["drawer"]


def test_a_printer_that_does_not_answer_the_status_query_is_printed_to(
    escpos_server: EscposServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connections, "PAPER_STATUS_WAIT", 0.2)
    escpos_server.set_mode("silent")
    started = time.perf_counter()
    send(escpos_server.settings(), DATA)
    assert escpos_server.wait_for(1) == [PAPER_QUERY + DATA]
    assert 0.2 <= time.perf_counter() - started < 1.0  # waited for the answer, briefly
    assert all_closed(escpos_server)


def test_a_refused_connection_is_a_printer_error(escpos_server: EscposServer) -> None:
    escpos_server.set_mode("refuse")
    with pytest.raises(PrinterError) as caught:
        send(escpos_server.settings(), DATA)
    assert caught.value.reason == "refused"
    assert "拒绝连接" in str(caught.value) and str(escpos_server.port) in str(caught.value)
    gc.collect()


def test_a_printer_that_does_not_accept_times_out(escpos_server: EscposServer) -> None:
    escpos_server.set_mode("stall")
    started = time.perf_counter()
    with pytest.raises(PrinterError) as caught:
        send(escpos_server.settings(timeout_seconds=1), DATA)
    assert caught.value.reason == "timeout" and "超时" in str(caught.value)
    assert 0.9 <= time.perf_counter() - started < 3
    gc.collect()


def test_the_printer_comes_back_and_the_job_prints_once(escpos_server: EscposServer) -> None:
    settings = escpos_server.settings()
    escpos_server.set_mode("refuse")
    with pytest.raises(PrinterError):
        send(settings, DATA)
    escpos_server.set_mode("paper_out")
    with pytest.raises(PrinterError):
        send(settings, DATA)
    escpos_server.set_mode("ok")
    send(settings, DATA)
    jobs = escpos_server.wait_for(2)
    assert jobs == [PAPER_QUERY, PAPER_QUERY + DATA]
    assert decode_escpos(escpos_server.data[3:].removeprefix(PAPER_QUERY)).lines == [
        "票据号：A2026-000123"
    ]


@pytest.mark.parametrize(
    ("settings", "reason", "message"),
    [
        (PrinterSettings(), "not_configured", "未配置打印机"),
        (
            PrinterSettings(connection="bluetooth"),
            "not_configured",
            "未知的打印机连接方式“bluetooth”",
        ),
        (
            PrinterSettings(connection="network", host=" "),
            "not_configured",
            "缺少打印机地址（host）",
        ),
        (PrinterSettings(connection="usb", vendor_id="0x0416"), "not_configured", "缺少USB"),
        (PrinterSettings(connection="serial"), "not_configured", "缺少串口（device）"),
        (PrinterSettings(connection="windows"), "not_configured", "缺少Windows 打印机名称"),
        (PrinterSettings(connection="file"), "not_configured", "缺少文件或设备路径"),
    ],
)
def test_bad_settings_are_printer_errors_that_say_what_is_missing(
    settings: PrinterSettings, reason: str, message: str
) -> None:
    with pytest.raises(PrinterError) as caught:
        send(settings, DATA)
    assert caught.value.reason == reason
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("settings", "text"),
    [
        (PrinterSettings(), "未配置打印机（收据只出 PDF）"),
        (
            PrinterSettings(connection="network", host="192.168.1.50"),
            "网络打印机 192.168.1.50:9100",
        ),
        (
            PrinterSettings(connection="usb", vendor_id="0x0416", product_id="0x5011"),
            "USB 打印机 0x0416:0x5011",
        ),
        (
            PrinterSettings(connection="serial", device="COM3", baudrate=19200),
            "串口打印机 COM3（19200 波特）",
        ),
        (PrinterSettings(connection="windows", queue="XP-80C"), "Windows 打印机“XP-80C”"),
        (PrinterSettings(connection="file", path="/dev/usb/lp0"), "文件/设备 /dev/usb/lp0"),
        (PrinterSettings(connection="carrier-pigeon"), "未知的打印机连接方式“carrier-pigeon”"),
    ],
)
def test_describe_connection(settings: PrinterSettings, text: str) -> None:
    assert describe_connection(settings) == text


def test_a_file_or_device_path_gets_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "printer.bin"
    send(PrinterSettings(connection="file", path=str(path)), DATA)
    assert path.read_bytes() == DATA  # no status query: a file cannot answer


def test_a_device_path_that_cannot_be_opened_is_a_printer_error(tmp_path: Path) -> None:
    with pytest.raises(PrinterError) as caught:
        send(PrinterSettings(connection="file", path=str(tmp_path / "no" / "lp0")), DATA)
    assert caught.value.reason == "not_found" and "打不开打印机" in str(caught.value)


@pytest.mark.skipif(sys.platform == "win32", reason="the Windows queue is real on Windows")
def test_the_windows_queue_is_refused_off_windows() -> None:
    with pytest.raises(PrinterError) as caught:
        send(PrinterSettings(connection="windows", queue="XP-80C"), DATA)
    assert "只能在 Windows 上使用" in str(caught.value)


def test_usb_without_its_driver_library_says_what_to_do() -> None:
    from escpos.printer import usb

    if usb.is_usable():
        pytest.skip("pyusb is installed here")
    with pytest.raises(PrinterError) as caught:
        send(PrinterSettings(connection="usb", vendor_id="0x0416", product_id="0x5011"), DATA)
    assert "pyusb" in str(caught.value) and "Windows 打印队列" in str(caught.value)


def test_serial_without_pyserial_or_a_missing_port_is_a_printer_error(tmp_path: Path) -> None:
    from escpos.printer import serial

    with pytest.raises(PrinterError) as caught:
        send(PrinterSettings(connection="serial", device=str(tmp_path / "ttyUSB9")), DATA)
    if serial.is_usable():
        assert caught.value.reason == "not_found" and "打不开打印机" in str(caught.value)
    else:
        assert "pyserial" in str(caught.value)
