"""Reprint and PDF receipt on the payments screen (F4): to the printer, or as A5 PDF files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.services.reversals import void_payment
from frontdesk.services.users import Actor
from frontdesk.storage.models import AuditEvent, PrintJob
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.payments.screen import PaymentsScreen
from frontdesk.ui.printer.control import SpoolControl
from tests.printing.conftest import EscposServer, decode_escpos, escpos_server
from tests.printing.test_pdf import needs_pdftotext, pdf_text
from tests.ui.print_desk import CASHIER_ACTOR, WAIT_MS, PrintDesk, idle, print_desk

__all__ = ["escpos_server", "print_desk"]  # fixtures, re-exported for pytest


class SaveDialog:
    """Stands in for ``QFileDialog.getSaveFileName``: answers with a path, remembers the ask."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def __call__(self, parent: QWidget, title: str, start: str, filter: str) -> tuple[str, str]:
        self.asked.append((title, start))
        return (str(self.answer) if self.answer else "", filter if self.answer else "")


@pytest.fixture
def spool(print_desk: PrintDesk) -> Iterator[SpoolControl]:
    control = SpoolControl(print_desk.ctx)
    control.start()
    yield control
    control.shutdown()
    assert control.wait_stopped(10)


def show(qtbot: QtBot, desk: PrintDesk, actor: Actor = CASHIER_ACTOR) -> PaymentsScreen:
    screen = PaymentsScreen(ScreenContext(desk.ctx, actor))
    qtbot.addWidget(screen)
    screen.resize(1200, 650)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    idle(qtbot, desk.ctx)
    qtbot.waitUntil(lambda: screen.copies.receipt_no != "", timeout=WAIT_MS)
    return screen


def audit(desk: PrintDesk, action: str) -> list[dict[str, object]]:
    with desk.db.read() as s:
        rows = s.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
        return [{"actor": r.actor, **json.loads(r.details)} for r in rows]


def reprints(desk: PrintDesk) -> list[dict[str, object]]:
    return audit(desk, "receipt.reprint")


def test_reprint_prints_a_marked_copy_on_the_desk_printer(
    qtbot: QtBot, print_desk: PrintDesk, escpos_server: EscposServer, spool: SpoolControl
) -> None:
    print_desk.config.printer = escpos_server.settings()
    spool.restart()
    paid = print_desk.pay()
    screen = show(qtbot, print_desk)
    button = screen.copies.reprint_button
    assert button.objectName() == "reprintButton" and button.isEnabled()
    assert button.text() == "&Reprint copy"

    qtbot.keyClick(screen, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # an animated click
    qtbot.waitUntil(
        lambda: f"Copy 1 of receipt {paid.receipt_no}" in screen.message.text(), timeout=WAIT_MS
    )
    slip = decode_escpos(escpos_server.wait_for(1, timeout=WAIT_MS / 1000)[0])
    assert "重打 / COPY" in slip.text and paid.receipt_no in slip.text
    assert "drawer" not in slip.names()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # again: copy 2
    idle(qtbot, print_desk.ctx)
    assert f"Copy 2 of receipt {paid.receipt_no}" in screen.message.text()
    escpos_server.wait_for(2, timeout=WAIT_MS / 1000)
    assert [(e["actor"], e["copy_no"], e["to"]) for e in reprints(print_desk)] == [
        ("C001", 1, "printer"),
        ("C001", 2, "printer"),
    ]


@needs_pdftotext
def test_without_a_printer_the_copy_is_saved_as_pdf(
    qtbot: QtBot, print_desk: PrintDesk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert print_desk.config.printer.connection == "none"
    paid = print_desk.pay()
    dialog = SaveDialog(tmp_path / "副本")  # no .pdf: it is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    screen = show(qtbot, print_desk)
    button = screen.copies.reprint_button
    assert button.text() == "&Reprint copy (PDF)…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    idle(qtbot, print_desk.ctx)

    target = tmp_path / "副本.pdf"
    assert dialog.asked and dialog.asked[0][1].endswith(f"{paid.receipt_no}-copy.pdf")
    assert f"saved as {target}" in screen.message.text(), screen.message.text()
    text = pdf_text(target)
    for needed in (
        "重打 / COPY",
        "第 1 次重打",
        "C001 王芳",
        paid.receipt_no,
        "刘兵、王芳",
        "468.00",
    ):
        assert needed in text, needed
    assert [(e["copy_no"], e["to"]) for e in reprints(print_desk)] == [(1, "pdf")]
    with print_desk.db.read() as s:
        assert s.scalars(select(PrintJob.status)).all() == ["printed"]

    # Cancelling the file dialog does nothing.
    dialog.answer = None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    idle(qtbot, print_desk.ctx)
    assert len(reprints(print_desk)) == 1


@needs_pdftotext
def test_pdf_receipt_for_an_owner_who_paid_by_transfer(
    qtbot: QtBot, print_desk: PrintDesk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paid = print_desk.pay()
    dialog = SaveDialog(tmp_path / "receipt.pdf")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    screen = show(qtbot, print_desk)
    button = screen.copies.pdf_button
    assert button.objectName() == "pdfReceiptButton" and button.isEnabled()
    qtbot.keyClick(screen, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # an animated click
    qtbot.waitUntil(lambda: bool(dialog.asked), timeout=WAIT_MS)
    idle(qtbot, print_desk.ctx)
    assert dialog.asked[0][1].endswith(f"{paid.receipt_no}.pdf")
    assert f"Receipt {paid.receipt_no} saved as" in screen.message.text()
    text = pdf_text(tmp_path / "receipt.pdf")
    for needed in (paid.receipt_no, "刘兵、王芳", "468.00", "FD1:"):
        assert needed in text, needed
    assert "重打" not in text  # never issued before (no printer): the original
    assert reprints(print_desk) == []
    assert [(e["copy_no"], e["to"]) for e in audit(print_desk, "receipt.deliver")] == [(0, "pdf")]

    # Asked for again: now it is a copy.
    dialog.answer = tmp_path / "again.pdf"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "again.pdf" in screen.message.text(), timeout=WAIT_MS)
    assert f"Copy 1 of receipt {paid.receipt_no}" in screen.message.text()
    assert "重打 / COPY" in pdf_text(tmp_path / "again.pdf")
    assert [(e["copy_no"], e["to"]) for e in reprints(print_desk)] == [(1, "pdf")]


def test_a_voided_payment_can_be_copied_but_not_issued_as_pdf(
    qtbot: QtBot, print_desk: PrintDesk
) -> None:
    paid = print_desk.pay()
    void_payment(
        print_desk.db,
        CASHIER_ACTOR,
        paid.receipt_no,
        "错收",
        print_desk.supervisor,
        today=date.today(),
    )
    screen = show(qtbot, print_desk)
    assert screen.copies.status == "voided"
    assert screen.copies.reprint_button.isEnabled()
    assert not screen.copies.pdf_button.isEnabled()


def test_nothing_chosen_nothing_to_copy(qtbot: QtBot, print_desk: PrintDesk) -> None:
    screen = PaymentsScreen(ScreenContext(print_desk.ctx, CASHIER_ACTOR))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    idle(qtbot, print_desk.ctx)
    assert screen.model.rowCount() == 0
    assert not screen.copies.reprint_button.isEnabled()
    assert not screen.copies.pdf_button.isEnabled()
