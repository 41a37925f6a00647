"""The printer in the main window: the spool runs, a failure warns without blocking, Retry.

The launched program prints to a loopback ESC/POS printer (``escpos_server``).
Payments are collected through the service with ``print_receipt=True``, as the
cashier screen does, and the spool is kicked.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.config import Config
from frontdesk.services import print_jobs, print_worker
from frontdesk.storage.models import Payment, PrintJob
from frontdesk.ui.login.dialog import LoginDialog
from frontdesk.ui.main.window import MainWindow
from frontdesk.ui.printer.control import control_for, kick
from frontdesk.ui.printer.warning import PrinterWarning
from frontdesk.ui.spool_status import PrinterStatus
from tests.printing.conftest import EscposServer, decode_escpos, escpos_server
from tests.ui.conftest import log_in
from tests.ui.print_desk import WAIT_MS, PrintDesk, print_desk

__all__ = ["escpos_server", "print_desk"]  # fixtures, re-exported for pytest

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def printed(server: EscposServer, receipt_no: str) -> list[str]:
    """The texts of the slips of ``receipt_no`` the printer received."""
    texts = []
    for data in list(server.jobs):
        if receipt_no.encode() in data:
            texts.append(decode_escpos(data).text)
    return texts


def open_window(
    qtbot: QtBot, start: Callable[[Config], LoginDialog], config: Config, server: EscposServer
) -> tuple[MainWindow, PrinterStatus]:
    config.printer = server.settings()
    window = log_in(qtbot, start(config))
    status = window.printer_status
    qtbot.waitUntil(lambda: status.text() == "Printer · nothing waiting", timeout=WAIT_MS)
    assert status.isVisible() and status.objectName() == "printerStatus"
    assert f"{server.host}:{server.port}" in status.toolTip()
    return window, status


def stop_spool(qtbot: QtBot, window: MainWindow) -> None:
    control = window.printer_status.control
    window.logout()
    assert control.closed and control.wait_stopped(10)
    assert control_for(window.context) is None


def test_printer_off_warns_without_blocking_and_retry_prints_once(
    qtbot: QtBot,
    start: Callable[[Config], LoginDialog],
    gui_config: Config,
    print_desk: PrintDesk,
    escpos_server: EscposServer,
) -> None:
    escpos_server.set_mode("refuse")
    window, status = open_window(qtbot, start, gui_config, escpos_server)
    first = print_desk.pay(print_receipt=True, bills=print_desk.bills[:2])
    kick(window.context)

    warning = status.warning
    qtbot.waitUntil(warning.isVisible, timeout=WAIT_MS)
    assert warning.objectName() == "printerWarning"
    assert not warning.isModal()
    assert warning.windowModality() == Qt.WindowModality.NonModal
    assert QApplication.activeModalWidget() is None
    text = warning.text.text()
    assert "拒绝连接" in text and "1 receipt(s) wait" in text
    assert status.text() == "⚠ Printer problem · 1 waiting"
    assert warning.retry_button.isVisible() and not warning.cancel_button.isVisible()

    # The window stays usable (the warning does not even take the keyboard where the
    # platform allows; the offscreen one activates every window it shows): F4 works.
    assert warning.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F4)
    assert window.current_screen() is not None
    assert window.current_screen().objectName() == "paymentsScreen"  # type: ignore[union-attr]
    assert warning.isVisible()
    # Ctrl+Shift+P gives the warning the keyboard: Retry has the focus.
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(warning.isActiveWindow)
    assert warning.focusWidget() is warning.retry_button
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    # A second receipt while the printer is off: the same warning, updated.
    second = print_desk.pay(print_receipt=True, bills=print_desk.bills[2:])
    kick(window.context)
    qtbot.waitUntil(lambda: "2 receipt(s) wait" in warning.text.text(), timeout=WAIT_MS)
    assert len(window.findChildren(PrinterWarning)) == 1
    assert status.text() == "⚠ Printer problem · 2 waiting"
    with print_desk.db.read() as s:  # the payments stand
        statuses = s.scalars(select(Payment.status).order_by(Payment.id)).all()
    assert list(statuses) == ["completed", "completed"]

    # Printer back, Retry: each receipt is printed once and the warning goes away.
    escpos_server.set_mode("ok")
    qtbot.mouseClick(warning.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not warning.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: status.text() == "Printer · nothing waiting", timeout=WAIT_MS)
    for paid in (first, second):
        slips = printed(escpos_server, paid.receipt_no)
        assert len(slips) == 1, slips
        assert "重打" not in slips[0]
    assert [
        j.status
        for j in print_jobs.jobs(
            print_desk.db, desk=print_desk.desk, statuses=("pending", "printing", "printed")
        )
    ] == ["printed", "printed"]
    stop_spool(qtbot, window)


def test_dismissed_warning_comes_back_for_a_new_receipt(
    qtbot: QtBot,
    start: Callable[[Config], LoginDialog],
    gui_config: Config,
    print_desk: PrintDesk,
    escpos_server: EscposServer,
) -> None:
    escpos_server.set_mode("refuse")
    window, status = open_window(qtbot, start, gui_config, escpos_server)
    print_desk.pay(print_receipt=True, bills=print_desk.bills[:2])
    kick(window.context)
    warning = status.warning
    qtbot.waitUntil(warning.isVisible, timeout=WAIT_MS)
    qtbot.mouseClick(warning.later_button, Qt.MouseButton.LeftButton)
    assert not warning.isVisible()
    assert status.text() == "⚠ Printer problem · 1 waiting"  # still said in the status bar
    # Clicking the status shows it again.
    qtbot.mouseClick(status, Qt.MouseButton.LeftButton)
    assert warning.isVisible()
    qtbot.keyClick(warning, Qt.Key.Key_Escape)
    assert not warning.isVisible()
    print_desk.pay(print_receipt=True, bills=print_desk.bills[2:])
    kick(window.context)
    qtbot.waitUntil(warning.isVisible, timeout=WAIT_MS)
    assert "2 receipt(s) wait" in warning.text.text()
    stop_spool(qtbot, window)


def test_a_receipt_that_may_be_on_paper_is_printed_again_only_as_a_confirmed_copy(
    qtbot: QtBot,
    start: Callable[[Config], LoginDialog],
    gui_config: Config,
    print_desk: PrintDesk,
    escpos_server: EscposServer,
) -> None:
    # The program stopped while printing: the job was claimed and never finished.
    paid = print_desk.pay(print_receipt=True, bills=print_desk.bills[:2])
    other = print_desk.pay(print_receipt=True, bills=print_desk.bills[2:])
    for _ in range(2):
        assert print_worker.claim(print_desk.db, print_desk.desk) is not None
    window, status = open_window_uncertain(qtbot, start, gui_config, escpos_server)
    warning = status.warning
    qtbot.waitUntil(lambda: paid.receipt_no in warning.text.text(), timeout=WAIT_MS)
    assert other.receipt_no in warning.text.text()
    assert "may or may not be on paper" in warning.text.text()
    assert warning.cancel_button.isVisible() and warning.retry_button.isVisible()
    assert status.text() == "⚠ Printer: check 2 receipt(s)"
    assert escpos_server.jobs == []  # never printed again on its own

    # Retry asks first; No prints nothing.
    qtbot.mouseClick(warning.retry_button, Qt.MouseButton.LeftButton)
    confirm = status.confirm
    assert isinstance(confirm, QMessageBox) and confirm.objectName() == "printerRetryConfirm"
    qtbot.waitExposed(confirm)
    assert "may already have printed" in confirm.text() and "copy" in confirm.text()
    qtbot.mouseClick(confirm.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert status.confirm is None
    assert escpos_server.jobs == []

    # Yes: both are printed again, as copies.
    qtbot.mouseClick(warning.retry_button, Qt.MouseButton.LeftButton)
    confirm = status.confirm
    assert confirm is not None
    qtbot.waitExposed(confirm)
    qtbot.mouseClick(confirm.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not warning.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: status.text() == "Printer · nothing waiting", timeout=WAIT_MS)
    for receipt in (paid, other):
        slips = printed(escpos_server, receipt.receipt_no)
        assert len(slips) == 1 and "重打" in slips[0] and "COPY" in slips[0], slips
    assert not shiboken6.isValid(confirm) or not confirm.isVisible()
    stop_spool(qtbot, window)


def test_it_printed_takes_the_receipt_out_of_the_queue(
    qtbot: QtBot,
    start: Callable[[Config], LoginDialog],
    gui_config: Config,
    print_desk: PrintDesk,
    escpos_server: EscposServer,
) -> None:
    paid = print_desk.pay(print_receipt=True)
    assert print_worker.claim(print_desk.db, print_desk.desk) is not None
    window, status = open_window_uncertain(qtbot, start, gui_config, escpos_server)
    warning = status.warning
    qtbot.waitUntil(lambda: paid.receipt_no in warning.text.text(), timeout=WAIT_MS)
    qtbot.mouseClick(warning.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not warning.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: status.text() == "Printer · nothing waiting", timeout=WAIT_MS)
    with print_desk.db.read() as s:
        assert s.scalars(select(PrintJob.status)).all() == ["cancelled"]
    assert escpos_server.jobs == []
    stop_spool(qtbot, window)


def open_window_uncertain(
    qtbot: QtBot, start: Callable[[Config], LoginDialog], config: Config, server: EscposServer
) -> tuple[MainWindow, PrinterStatus]:
    config.printer = server.settings()
    window = log_in(qtbot, start(config))
    status = window.printer_status
    qtbot.waitUntil(status.warning.isVisible, timeout=WAIT_MS)
    return window, status


def test_no_printer_no_spool(
    qtbot: QtBot, start: Callable[[Config], LoginDialog], gui_config: Config, print_desk: PrintDesk
) -> None:
    assert gui_config.printer.connection == "none"
    window = log_in(qtbot, start(gui_config))
    status = window.printer_status
    assert status.control.spool is None and status.control.state is None
    assert not status.isVisible()
    stop_spool(qtbot, window)
