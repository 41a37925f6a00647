"""Screen F10 "Verify receipt": a scanned code is genuine, tampered with, or for a voided payment."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from frontdesk.services.reversals import void_payment
from frontdesk.services.users import Actor
from frontdesk.services.verification import verification_code
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.verify.screen import VerifyScreen, normalise_code
from tests.ui.print_desk import CASHIER_ACTOR, PrintDesk, idle, print_desk

__all__ = ["print_desk"]  # the fixture, re-exported for pytest

CLERK = Actor("K001", "赵前台", "clerk")


def show(qtbot: QtBot, desk: PrintDesk, actor: Actor = CLERK) -> VerifyScreen:
    screen = VerifyScreen(ScreenContext(desk.ctx, actor))
    qtbot.addWidget(screen)
    screen.resize(760, 640)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    return screen


def scan(qtbot: QtBot, screen: VerifyScreen, code: str) -> None:
    """What a QR scanner does: type the code into the focused field and press Enter."""
    focused = QApplication.focusWidget()
    assert focused is screen.code
    qtbot.keyClicks(focused, code)
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    idle(qtbot, screen.ctx.app)


def test_a_genuine_code_shows_the_payment(qtbot: QtBot, print_desk: PrintDesk) -> None:
    paid = print_desk.pay()
    code = verification_code(print_desk.db, paid.receipt_no)
    screen = show(qtbot, print_desk)
    assert screen.objectName() == "verifyScreen"
    scan(qtbot, screen, code)
    assert screen.verdict.text() == "✔ Genuine receipt"
    result = screen.details.toPlainText()
    assert result.startswith("票据真实有效")
    for needed in (paid.receipt_no, "3-2-1201", "刘兵、王芳", "物业管理费", "468.00"):
        assert needed in result, needed
    assert screen.result is not None and screen.result.valid
    # Ready for the next scan: the code is selected, so it is replaced.
    assert screen.code.hasFocus() and screen.code.selectedText() == code
    scan(qtbot, screen, code)
    assert screen.code.text() == code

    # Esc empties the field.
    qtbot.keyClick(screen.code, Qt.Key.Key_Escape)
    assert screen.code.text() == ""


@pytest.mark.parametrize(
    "tamper",
    [
        lambda code: code.replace(":46800:", ":4680:"),  # another amount
        lambda code: code[:-1] + ("A" if code[-1] != "A" else "B"),  # another signature
        lambda code: code[:-4],  # cut short
        lambda code: "hello",  # not a code at all
    ],
    ids=["amount", "signature", "truncated", "garbage"],
)
def test_a_tampered_code_is_not_genuine(
    qtbot: QtBot, print_desk: PrintDesk, tamper: object
) -> None:
    paid = print_desk.pay()
    code = verification_code(print_desk.db, paid.receipt_no)
    screen = show(qtbot, print_desk)
    scan(qtbot, screen, tamper(code))  # type: ignore[operator]
    assert screen.verdict.text() == "✘ Not issued by this system"
    assert "#b00020" in screen.verdict.styleSheet()
    assert screen.details.toPlainText().startswith("不是本系统签发的票据")
    assert "刘兵" not in screen.details.toPlainText()
    assert screen.result is not None and not screen.result.genuine


def test_a_voided_payment_is_genuine_but_void(qtbot: QtBot, print_desk: PrintDesk) -> None:
    paid = print_desk.pay()
    code = verification_code(print_desk.db, paid.receipt_no)
    void_payment(
        print_desk.db,
        CASHIER_ACTOR,
        paid.receipt_no,
        "收错了户",
        print_desk.supervisor,
        today=date.today(),
    )
    screen = show(qtbot, print_desk)
    scan(qtbot, screen, code)
    assert screen.verdict.text() == "⚠ Genuine, but the payment was VOIDED"
    result = screen.details.toPlainText()
    assert "已作废" in result and "收错了户" in result and "不能作为缴费凭证" in result
    assert paid.receipt_no in result and "【已作废】" in result
    assert screen.result is not None and screen.result.genuine and not screen.result.valid


def test_full_width_input_is_read_as_plain_text() -> None:
    assert normalise_code(" ＦＤ１：A2026-000001：46800：ABCDEFGHIJ ") == (
        "FD1:A2026-000001:46800:ABCDEFGHIJ"
    )
