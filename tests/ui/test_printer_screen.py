"""Screen F9 "Printer": the settings form, Test print over a real loopback printer, Save."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from frontdesk.config import PrinterSettings, load
from frontdesk.printing import connections
from frontdesk.services.users import Actor
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.printer.control import SpoolControl, control_for
from frontdesk.ui.printer.screen import PrinterScreen
from tests.printing.conftest import EscposServer, decode_escpos, escpos_server
from tests.ui.print_desk import WAIT_MS, PrintDesk, idle, print_desk

__all__ = ["escpos_server", "print_desk"]  # fixtures, re-exported for pytest

SUPERVISOR = Actor("S001", "李主管", "supervisor")

OFFICE_FILE = """\
# 前台电脑的设置（请勿删除注释）
[app]
desk = "前台2"   # 收费窗口
language = "en"
idle_timeout_minutes = 0

[printer]
# 收银台的打印机
connection = "none"
width = 48

[money]
max_amount_yuan = 50000  # 元
"""


@pytest.fixture
def screen_for(qtbot: QtBot, print_desk: PrintDesk) -> Iterator[Callable[[], PrinterScreen]]:
    """``screen_for()`` shows the printer screen with a spool control, as the main window has."""
    controls: list[SpoolControl] = []

    def make() -> PrinterScreen:
        control = SpoolControl(print_desk.ctx)
        controls.append(control)
        control.start()
        screen = PrinterScreen(ScreenContext(print_desk.ctx, SUPERVISOR))
        qtbot.addWidget(screen)
        screen.resize(900, 760)
        screen.show()
        qtbot.waitExposed(screen)
        screen.activateWindow()
        qtbot.waitUntil(screen.isActiveWindow)
        return screen

    yield make
    for control in controls:
        control.shutdown()
        assert control.wait_stopped(10)


def choose(qtbot: QtBot, screen: PrinterScreen, kind: str) -> None:
    """Pick a connection kind from the keyboard (the combo box has the focus first)."""
    combo = screen.form.kind
    assert QApplication.focusWidget() is combo
    while combo.currentData() != kind:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.findData(kind) > before else Qt.Key.Key_Up)
        assert combo.currentIndex() != before


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def point_at(qtbot: QtBot, screen: PrinterScreen, server: EscposServer) -> None:
    choose(qtbot, screen, "network")
    type_into(qtbot, screen.form.host, server.host)
    type_into(qtbot, screen.form.port, str(server.port))
    type_into(qtbot, screen.form.timeout, "1")


def visible_fields(screen: PrinterScreen) -> set[str]:
    rows = screen.form._rows
    return {key for key, widget in rows.items() if widget.isVisible()}


def test_each_connection_kind_shows_only_its_fields(
    qtbot: QtBot, screen_for: Callable[[], PrinterScreen]
) -> None:
    screen = screen_for()
    assert screen.objectName() == "printerScreen"
    form = screen.form
    assert QApplication.focusWidget() is form.kind  # the first field has the focus
    assert form.current_kind() == "none"
    assert visible_fields(screen) == set()
    assert not screen.test_button.isEnabled()  # nothing to test without a printer
    assert not form.paper.isEnabled()
    assert "PDF" in form.help.text()
    expected = {
        "network": {"host", "port"},
        "usb": {"vendor_id", "product_id"},
        "serial": {"device", "baudrate"},
        "windows": {"queue"},
        "file": {"path"},
    }
    for kind, fields in expected.items():
        choose(qtbot, screen, kind)
        assert visible_fields(screen) == fields, kind
        assert form.timeout.isVisible()
        assert screen.test_button.isEnabled()
        assert form.paper.isEnabled()
    assert "cannot report paper-out" in form.help.text()
    choose(qtbot, screen, "windows")
    assert "cannot report paper-out" in form.help.text()
    assert "Windows spooler" in form.help.text()
    choose(qtbot, screen, "usb")
    assert "WinUSB" in form.help.text() and "Windows queue" in form.help.text()

    # Paper width: the two paper sizes, or another number of columns.
    assert not form.custom_width.isVisible()
    form.paper_width.setCurrentIndex(form.paper_width.findData(32))
    assert form.settings().width == 32
    form.paper_width.setCurrentIndex(form.paper_width.findData(0))
    assert form.custom_width.isVisible()
    form.custom_width.setValue(42)
    assert form.settings().width == 42
    form.set_settings(PrinterSettings(width=40, template="lotus", drawer_pin=5, encoding="big5"))
    assert form.paper_width.currentData() == 0 and form.custom_width.value() == 40
    settings = form.settings()
    assert (settings.width, settings.template, settings.drawer_pin, settings.encoding) == (
        40,
        "lotus",
        5,
        "big5",
    )
    form.template.setCurrentIndex(0)  # "Built-in, by paper width"
    assert form.settings().template == ""


def test_test_print_reaches_the_printer_off_the_gui_thread(
    qtbot: QtBot,
    screen_for: Callable[[], PrinterScreen],
    escpos_server: EscposServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent_from: list[str] = []
    real_send = connections.send

    def send(settings: PrinterSettings, data: bytes) -> None:
        sent_from.append(threading.current_thread().name)
        real_send(settings, data)

    monkeypatch.setattr(connections, "send", send)
    screen = screen_for()
    point_at(qtbot, screen, escpos_server)
    qtbot.keyClick(screen.form.timeout, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert not screen.test_button.isEnabled()  # while it is being sent
    qtbot.waitUntil(lambda: "test page went to" in screen.message.text(), timeout=WAIT_MS)
    assert screen.test_button.isEnabled()
    assert f"{escpos_server.host}:{escpos_server.port}" in screen.message.text()
    assert sent_from and sent_from[0].startswith("frontdesk-printer")

    printout = decode_escpos(escpos_server.wait_for(1)[0])
    assert "打印测试 / TEST PAGE" in printout.text
    assert printout.line_with("纸宽").startswith("纸宽：48 列")
    assert "cut" in printout.names()
    # Tested, not saved: the settings in use and the file are as before.
    assert screen.ctx.config.printer.connection == "none"
    assert not screen.path.exists()


def test_a_refused_connection_is_reported(
    qtbot: QtBot, screen_for: Callable[[], PrinterScreen], escpos_server: EscposServer
) -> None:
    escpos_server.set_mode("refuse")
    screen = screen_for()
    point_at(qtbot, screen, escpos_server)
    qtbot.mouseClick(screen.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "拒绝连接" in screen.message.text(), timeout=WAIT_MS)
    assert "#b00020" in screen.message.styleSheet()
    assert screen.test_button.isEnabled()
    assert escpos_server.jobs == []


def test_save_writes_the_printer_section_and_keeps_the_rest(
    qtbot: QtBot,
    screen_for: Callable[[], PrinterScreen],
    print_desk: PrintDesk,
    escpos_server: EscposServer,
    private_dirs: Path,
) -> None:
    path = private_dirs / "config.toml"
    path.write_text(OFFICE_FILE, encoding="utf-8")
    print_desk.config.source = path
    screen = screen_for()
    assert str(path) in screen.findChild(QWidget, "printerFile").text()  # type: ignore[union-attr]
    control = control_for(print_desk.ctx)
    assert control is not None and control.spool is None  # no printer yet: no spool

    point_at(qtbot, screen, escpos_server)
    form = screen.form
    form.paper_width.setCurrentIndex(form.paper_width.findData(32))
    form.drawer_pin.setCurrentIndex(form.drawer_pin.findData(0))
    qtbot.keyClick(form.port, Qt.Key.Key_Return)  # Enter saves
    idle(qtbot, print_desk.ctx)
    assert "Saved to" in screen.message.text(), screen.message.text()

    text = path.read_text(encoding="utf-8")
    head, _, _rest = OFFICE_FILE.partition("[printer]")
    assert text.startswith(head + '[printer]\n# 收银台的打印机\nconnection = "network"\n')
    assert text.endswith("\n[money]\nmax_amount_yuan = 50000  # 元\n")
    saved = load(path)
    assert saved.printer == dataclasses.replace(
        PrinterSettings(),
        connection="network",
        host=escpos_server.host,
        port=escpos_server.port,
        timeout_seconds=1,
        width=32,
        drawer_pin=0,
    )
    assert saved.app.desk == "前台2" and saved.money.max_amount_yuan == 50000
    # In use at once: the running settings, and a spool printing to the new printer.
    assert print_desk.config.printer == saved.printer
    qtbot.waitUntil(lambda: control.spool is not None and control.spool.running, timeout=WAIT_MS)
    # Saved again and again in quick succession: in the end one spool runs.
    for _ in range(3):
        control.restart()
    qtbot.waitUntil(lambda: control.spool is not None and control.spool.running, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: [s.running for s in control._started].count(True) == 1, timeout=WAIT_MS)
    paid = print_desk.pay(print_receipt=True)
    control.kick()
    qtbot.waitUntil(
        lambda: any(paid.receipt_no.encode() in job for job in escpos_server.jobs), timeout=WAIT_MS
    )
    assert sum(paid.receipt_no.encode() in job for job in escpos_server.jobs) == 1


def test_an_invalid_value_is_refused_and_the_file_is_unchanged(
    qtbot: QtBot,
    screen_for: Callable[[], PrinterScreen],
    print_desk: PrintDesk,
    private_dirs: Path,
) -> None:
    path = private_dirs / "config.toml"
    path.write_text(OFFICE_FILE, encoding="utf-8")
    print_desk.config.source = path
    before = path.read_bytes()
    in_use = print_desk.config.printer
    screen = screen_for()
    choose(qtbot, screen, "network")  # and no host
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, print_desk.ctx)
    assert "needs host" in screen.message.text()
    assert "#b00020" in screen.message.styleSheet()
    assert path.read_bytes() == before
    assert print_desk.config.printer is in_use
    assert not list(private_dirs.glob(".config.toml.*"))

    # Esc puts the settings in use back into the form.
    screen.form.host.setFocus()
    qtbot.keyClick(screen.form.host, Qt.Key.Key_Escape)
    assert screen.form.current_kind() == "none"
    assert screen.form.settings() == in_use
