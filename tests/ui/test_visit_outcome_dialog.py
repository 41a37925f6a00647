"""The visit-outcome dialog against a real database: collected, not home, reschedule, cancel."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from frontdesk.config import Config
from frontdesk.domain.workcalendar import from_local, to_local
from frontdesk.services import visits
from frontdesk.services.users import Actor
from frontdesk.services.visits import FIELD_DESK, Outcome, VisitRequest, VisitRow
from frontdesk.storage.database import Database
from frontdesk.storage.models import Bill, HomeVisit, HomeVisitEvent, Payment
from frontdesk.ui.context import AppContext, ScreenContext
from frontdesk.ui.tasks import TaskRunner
from frontdesk.ui.visits.outcome_dialog import VisitOutcomeDialog, allowed_choices
from tests.factories import bill_household, make_fee_item, make_household, make_staff
from tests.ui.conftest import CASHIER

# Booked on Wednesday 2026-03-04 for Thursday 10:00, well before today.
BOOKED_AT = from_local(datetime(2026, 3, 4, 10, 0))
VISIT_AT = from_local(datetime(2026, 3, 5, 10, 0))
CTRL = Qt.KeyboardModifier.ControlModifier
ALL_TICKED = ["staff_id", "change", "detector", "receipts", "shoe_covers"]


@dataclass
class Field:
    db: Database
    config: Config
    cashier: Actor
    clerk: Actor
    goer: Actor
    household: int
    bills: list[int]

    def book(self) -> VisitRow:
        request = VisitRequest(
            household_id=self.household,
            staff_id=self.goer.staff_id,
            scheduled_at=VISIT_AT,
            expected_amount_fen=44800,
            reason="owner_asked",
        )
        return visits.book_visit(self.db, self.clerk, request, now=BOOKED_AT)

    def out(self) -> VisitRow:
        """A visit that was booked, confirmed, called, ticked and left for."""
        row = self.book()
        visits.confirm_visit(self.db, self.clerk, row.id, now=BOOKED_AT)
        visits.record_departure_call(self.db, self.goer, row.id, "done", now=VISIT_AT)
        visits.set_checklist(self.db, self.goer, row.id, ALL_TICKED)
        return visits.set_out(self.db, self.goer, row.id, now=VISIT_AT)


@pytest.fixture
def field(gui_config: Config, app_db: Database) -> Field:
    admin = make_staff(app_db, "S001", "supervisor", "李主管")
    make_fee_item(app_db, admin)
    household = make_household(app_db)
    bills = bill_household(app_db, admin, household, ["2026-01", "2026-02"])
    cashier = Actor(CASHIER[0], CASHIER[1], CASHIER[2])
    clerk = make_staff(app_db, "K001", "clerk", "李娜")
    goer = make_staff(app_db, "F001", "clerk", "赵强")
    return Field(app_db, gui_config, cashier, clerk, goer, household, bills)


@pytest.fixture
def ctx(field: Field) -> Iterator[AppContext]:
    tasks = TaskRunner("db")
    yield AppContext(field.config, field.db, tasks)
    tasks.shutdown(wait=True)


def idle(qtbot: QtBot, ctx: AppContext) -> None:
    qtbot.waitUntil(lambda: not ctx.tasks.busy)


def open_dialog(
    qtbot: QtBot, ctx: AppContext, actor: Actor, visit: VisitRow
) -> tuple[VisitOutcomeDialog, list[Outcome]]:
    dialog = VisitOutcomeDialog(ScreenContext(ctx, actor), visit)
    qtbot.addWidget(dialog)
    got: list[Outcome] = []
    dialog.recorded.connect(got.append)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    idle(qtbot, ctx)
    return dialog, got


def save(qtbot: QtBot, dialog: VisitOutcomeDialog, ctx: AppContext) -> None:
    """Ctrl+Enter from wherever the cursor is, then wait for the worker."""
    focus = dialog.focusWidget() or dialog
    qtbot.keyClick(focus, Qt.Key.Key_Return, CTRL)
    idle(qtbot, ctx)


def shown(dialog: QDialog, name: str) -> bool:
    widget = dialog.findChild(QWidget, name)
    assert widget is not None, name
    return widget.isVisibleTo(dialog)


def count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_choices_follow_the_status() -> None:
    assert allowed_choices("out") == ("collected", "not_home", "reschedule", "cancel")
    assert allowed_choices("booked") == allowed_choices("confirmed") == ("reschedule", "cancel")
    for final in ("done", "not_home", "rescheduled", "cancelled"):
        assert allowed_choices(final) == ()


def test_collected_with_the_keyboard_is_a_field_payment(
    qtbot: QtBot, ctx: AppContext, field: Field, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    visit = field.out()
    dialog, got = open_dialog(qtbot, ctx, field.cashier, visit)
    assert dialog.objectName() == "visitOutcomeDialog"
    summary = dialog.summary.text()
    assert "3-2-1201" in summary and "刘兵" in summary and "2026-03-05 10:00" in summary
    assert "¥448.00" in summary
    # Out: every outcome is offered; collected is chosen, with every open bill ticked.
    for name in ("outcomeCollected", "outcomeNotHome", "outcomeReschedule", "outcomeCancel"):
        assert shown(dialog, name)
    assert dialog.current_choice() == "collected"
    page = dialog.collected_page
    assert page.bills.count() == 2 and page.bill_ids() == tuple(field.bills)
    assert page.amount.text() == "To collect: ¥448.00"
    assert not page.reference.isEnabled()  # cash needs no reference

    save(qtbot, dialog, ctx)
    assert len(got) == 1
    outcome = got[0]
    year = date.today().year
    assert outcome.receipt_no == f"F{year}-000001" and outcome.visit.status == "done"
    with field.db.read() as s:
        payment = s.get_one(Payment, outcome.payment_id)
        assert (payment.desk, payment.series, payment.total_fen) == (FIELD_DESK, "F", 44800)
        assert set(s.scalars(select(Bill.status).where(Bill.id.in_(field.bills)))) == {"paid"}
    assert visits.get_visit(field.db, visit.id).receipt_no == outcome.receipt_no
    # The dialog stays open with the receipt number and offers its PDF.
    assert dialog.isVisible()
    assert outcome.receipt_no in dialog.message.text()
    assert dialog.pdf_button.objectName() == "visitReceiptPdf"
    assert dialog.pdf_button.isVisible() and dialog.pdf_button.isEnabled()
    assert not dialog.save_button.isEnabled()
    target = tmp_path / "field.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a: (str(target), "PDF files (*.pdf)")
    )
    dialog.pdf_button.click()
    idle(qtbot, ctx)
    assert target.read_bytes().startswith(b"%PDF")
    assert outcome.receipt_no in dialog.message.text()
    # Saving again does nothing; Esc closes, as accepted.
    save(qtbot, dialog, ctx)
    assert len(got) == 1 and count(field.db, Payment) == 1
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted


def test_collect_some_bills_by_transfer_needs_a_reference(
    qtbot: QtBot, ctx: AppContext, field: Field
) -> None:
    visit = field.out()
    dialog, got = open_dialog(qtbot, ctx, field.cashier, visit)
    page = dialog.collected_page
    page.method.setCurrentIndex(page.method.findData("transfer"))
    assert page.reference.isEnabled()
    page.bills.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert page.amount.text() == "To collect: ¥224.00"
    save(qtbot, dialog, ctx)
    assert got == [] and "转账参考号" in dialog.message.text()
    assert count(field.db, Payment) == 0 and visits.get_visit(field.db, visit.id).status == "out"
    # Nothing ticked: refused in the dialog.
    page.bills.item(0).setCheckState(Qt.CheckState.Unchecked)
    save(qtbot, dialog, ctx)
    assert got == [] and dialog.message.text() == "Tick at least one bill to collect."
    page.bills.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(page.reference, "TR-20261203-01")
    save(qtbot, dialog, ctx)
    assert len(got) == 1 and got[0].visit.collected_fen == 22400
    with field.db.read() as s:
        paid = dict(s.execute(select(Bill.id, Bill.status).where(Bill.id.in_(field.bills))).all())
    assert paid == {field.bills[0]: "paid", field.bills[1]: "open"}


def test_a_clerk_cannot_take_the_payment(qtbot: QtBot, ctx: AppContext, field: Field) -> None:
    dialog, _got = open_dialog(qtbot, ctx, field.goer, field.out())
    collected = dialog.choice_buttons["collected"]
    assert collected.isVisible() and not collected.isEnabled()
    assert dialog.current_choice() == "not_home"
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_1, CTRL)
    assert dialog.current_choice() == "not_home"


def test_not_home_books_the_offered_slot_when_ticked(
    qtbot: QtBot, ctx: AppContext, field: Field
) -> None:
    visit = field.out()
    dialog, got = open_dialog(qtbot, ctx, field.cashier, visit)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_2, CTRL)
    assert dialog.current_choice() == "not_home"
    page = dialog.not_home_page
    assert dialog.focusWidget() is page.note
    slot = page.slot
    assert slot is not None and to_local(slot) > datetime.now()
    assert page.slot_label.text() == to_local(slot).strftime("%Y-%m-%d %H:%M")
    assert not page.rebook.isChecked()  # only once the owner agrees
    page.note.insert("敲门无人")  # typed through the input method
    page.rebook.setFocus()
    qtbot.keyClick(page.rebook, Qt.Key.Key_Space)
    assert page.rebook.isChecked()
    save(qtbot, dialog, ctx)
    assert len(got) == 1 and not dialog.isVisible()
    outcome = got[0]
    assert outcome.visit.status == "not_home" and outcome.next_visit is not None
    assert outcome.next_visit.scheduled_at == slot
    assert outcome.next_visit.rescheduled_from_id == visit.id
    assert visits.get_visit(field.db, visit.id).status == "not_home"


def test_not_home_without_rebooking_only_offers(
    qtbot: QtBot, ctx: AppContext, field: Field
) -> None:
    visit = field.out()
    dialog, got = open_dialog(qtbot, ctx, field.cashier, visit)
    dialog.pick("not_home")
    save(qtbot, dialog, ctx)
    assert got[0].visit.status == "not_home" and got[0].next_visit is None
    assert got[0].offered_slot is not None
    assert count(field.db, HomeVisit) == 1


def test_reschedule_needs_a_reason(qtbot: QtBot, ctx: AppContext, field: Field) -> None:
    visit = field.book()
    dialog, got = open_dialog(qtbot, ctx, field.clerk, visit)
    # Booked: no collection or not-home yet.
    assert not shown(dialog, "outcomeCollected") and not shown(dialog, "outcomeNotHome")
    assert shown(dialog, "outcomeReschedule") and shown(dialog, "outcomeCancel")
    assert dialog.current_choice() == "reschedule"
    page = dialog.reschedule_page
    slot = visits.next_slot(field.db, visit.id, settings=field.config.visits)
    assert slot is not None and page.new_time() == slot  # the next free slot, ready
    events = count(field.db, HomeVisitEvent)
    save(qtbot, dialog, ctx)
    assert got == [] and dialog.isVisible() and "改期必须填写原因" in dialog.message.text()
    assert count(field.db, HomeVisitEvent) == events and count(field.db, HomeVisit) == 1
    assert visits.get_visit(field.db, visit.id).status == "booked"
    page.reason.insert("业主临时出差")
    save(qtbot, dialog, ctx)
    assert len(got) == 1 and not dialog.isVisible()
    outcome = got[0]
    assert outcome.visit.id == visit.id and outcome.visit.status == "rescheduled"
    assert outcome.next_visit is not None and outcome.next_visit.scheduled_at == slot
    history = visits.visit_history(field.db, outcome.next_visit.id)
    assert "业主临时出差" in history[1].detail


def test_reschedule_at_short_notice_asks_why(qtbot: QtBot, ctx: AppContext, field: Field) -> None:
    dialog, _got = open_dialog(qtbot, ctx, field.clerk, field.book())
    page = dialog.reschedule_page
    assert not page.same_day_reason.isVisibleTo(dialog)
    page.set_when(datetime.combine(date.today(), datetime.min.time()).replace(hour=15))
    assert page.same_day_reason.isVisibleTo(dialog) and page.short_notice()


def test_cancel_with_a_reason(qtbot: QtBot, ctx: AppContext, field: Field) -> None:
    visit = field.book()
    dialog, got = open_dialog(qtbot, ctx, field.clerk, visit)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_4, CTRL)
    assert dialog.focusWidget() is dialog.cancel_page.reason
    save(qtbot, dialog, ctx)
    assert got == [] and "取消上门收费必须填写原因" in dialog.message.text()
    dialog.cancel_page.reason.insert("业主已到前台缴费")
    save(qtbot, dialog, ctx)
    assert len(got) == 1 and got[0].visit.status == "cancelled"
    assert visits.get_visit(field.db, visit.id).cancel_reason == "业主已到前台缴费"


def test_an_ended_visit_takes_no_outcome(qtbot: QtBot, ctx: AppContext, field: Field) -> None:
    visit = field.book()
    cancelled = visits.cancel_visit(field.db, field.clerk, visit.id, "业主已转账")
    dialog, got = open_dialog(qtbot, ctx, field.cashier, cancelled)
    for name in ("outcomeCollected", "outcomeNotHome", "outcomeReschedule", "outcomeCancel"):
        assert not shown(dialog, name)
    assert not dialog.save_button.isEnabled() and "Cancelled" in dialog.message.text()
    save(qtbot, dialog, ctx)
    assert got == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_esc_cancels_and_changes_nothing(qtbot: QtBot, ctx: AppContext, field: Field) -> None:
    visit = field.out()
    dialog, got = open_dialog(qtbot, ctx, field.cashier, visit)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert got == [] and visits.get_visit(field.db, visit.id).status == "out"
