"""Booking and rescheduling a home collection visit in the dialog, against a real database.

The dialog runs on a fixed clock: Wednesday 2026-03-04 10:00 local, so
tomorrow (Thursday) is the first day a visit may be booked without a reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from frontdesk.config import Config
from frontdesk.domain.money import format_fen
from frontdesk.domain.workcalendar import OfficeCalendar, from_local, to_local
from frontdesk.services import calls, visits
from frontdesk.services.search import HouseholdHit, search_households
from frontdesk.services.users import Actor
from frontdesk.services.visits import VisitRequest, VisitRow
from frontdesk.storage.database import Database
from frontdesk.storage.models import HomeVisit
from frontdesk.storage.models.calls import FeeCall
from frontdesk.ui.context import AppContext, ScreenContext
from frontdesk.ui.tasks import TaskRunner
from frontdesk.ui.visits.booking_dialog import BookVisitDialog
from frontdesk.ui.visits.booking_jobs import time_slots
from tests.factories import bill_household, make_fee_item, make_household, make_staff

NOW = from_local(datetime(2026, 3, 4, 10, 0))
TODAY = date(2026, 3, 4)
TOMORROW = date(2026, 3, 5)
FRIDAY = date(2026, 3, 6)
CTRL = Qt.KeyboardModifier.ControlModifier


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return from_local(datetime(day.year, day.month, day.day, hh, mm))


@dataclass
class Office:
    db: Database
    config: Config
    boss: Actor
    clerk: Actor
    goer: Actor
    household: int  # 3-2-1201 刘兵, two months behind
    other: int  # 1-1-101 王静

    def book(self, when: datetime, household: int | None = None) -> VisitRow:
        request = VisitRequest(
            household_id=household or self.household,
            staff_id=self.goer.staff_id,
            scheduled_at=when,
            expected_amount_fen=44800,
            reason="owner_asked",
            note="门铃坏了，请敲门",
        )
        return visits.book_visit(self.db, self.clerk, request, now=NOW)


@pytest.fixture
def office(gui_config: Config, app_db: Database) -> Office:
    boss = make_staff(app_db, "S001", "supervisor", "李主管")
    make_fee_item(app_db, boss)
    household = make_household(app_db, "3-2-1201", "刘兵")
    bill_household(app_db, boss, household, ["2026-01", "2026-02"])
    other = make_household(app_db, "1-1-101", "王静", phones=("13900005678",))
    clerk = make_staff(app_db, "K001", "clerk", "李娜")
    goer = make_staff(app_db, "F001", "clerk", "赵强")
    return Office(app_db, gui_config, boss, clerk, goer, household, other)


@pytest.fixture
def ctx(office: Office) -> Iterator[AppContext]:
    tasks = TaskRunner("db")
    yield AppContext(office.config, office.db, tasks)
    tasks.shutdown(wait=True)


def idle(qtbot: QtBot, dialog: BookVisitDialog) -> None:
    """Wait until the check has run and every job has come back."""
    qtbot.waitUntil(lambda: not dialog.previewing and not dialog.ctx.tasks.busy)


def open_dialog(
    qtbot: QtBot, ctx: AppContext, actor: Actor, **kw: object
) -> tuple[BookVisitDialog, list[VisitRow]]:
    dialog = BookVisitDialog(ScreenContext(ctx, actor), now=lambda: NOW, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    got: list[VisitRow] = []
    dialog.booked.connect(got.append)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    idle(qtbot, dialog)
    return dialog, got


def save(qtbot: QtBot, dialog: BookVisitDialog) -> None:
    """Ctrl+Enter from wherever the cursor is, then wait for the worker."""
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return, CTRL)
    idle(qtbot, dialog)


def tab_to(qtbot: QtBot, dialog: BookVisitDialog, target: QWidget) -> None:
    """Press Tab until ``target`` has the focus (the date field takes a Tab per section)."""
    for _ in range(10):
        if dialog.focusWidget() is target:
            return
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is target, dialog.focusWidget()


def ime_type(widget: QWidget, text: str) -> None:
    """Chinese (and full-width) text arrives from the input method as a committed string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def set_when(dialog: BookVisitDialog, day: date, clock: str) -> None:
    dialog.fields.date.setDate(QDate(day.year, day.month, day.day))
    index = dialog.fields.time.findText(clock)
    assert index >= 0, clock
    dialog.fields.time.setCurrentIndex(index)


def stored(db: Database) -> list[HomeVisit]:
    with db.read() as s:
        return list(s.scalars(select(HomeVisit).order_by(HomeVisit.id)))


def count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(HomeVisit)) or 0)


def test_time_slots_lie_in_the_open_periods() -> None:
    slots = [f"{t:%H:%M}" for t in time_slots(OfficeCalendar(), TOMORROW, 30)]
    assert slots[0] == "09:00" and slots[-1] == "17:30"
    assert "11:30" in slots and "12:00" not in slots and "13:00" not in slots
    assert "13:30" in slots
    assert time_slots(OfficeCalendar(), date(2026, 3, 7), 30) == []  # a Saturday


def test_keyboard_only_booking(
    qtbot: QtBot, ctx: AppContext, office: Office, app_db: Database
) -> None:
    dialog, got = open_dialog(qtbot, ctx, office.clerk)
    fields = dialog.fields
    assert dialog.search is not None
    assert dialog.focusWidget() is dialog.search.box
    assert dialog.search.box.objectName() == "householdSearch"
    assert fields.date.date().toPython() == TOMORROW  # a day ahead, a working day
    assert fields.staff.currentText() == "李娜 (K001)"  # who is logged in
    assert not fields.same_day_reason.isEnabled()
    assert "household" in dialog.preview.text()

    qtbot.keyClicks(dialog.search.box, "3-2-1201")
    qtbot.waitUntil(lambda: not dialog.search.searching)
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "3-2-1201" in dialog.household_label.text())
    idle(qtbot, dialog)
    assert "刘兵" in dialog.household_label.text()
    # Enter in the search chose the household; it did not try to save as well.
    assert dialog.message.text() == "" and count(app_db) == 0
    dues = visits.default_expected_fen(app_db, office.household, on=TODAY)
    assert dues > 0 and fields.amount.text() == format_fen(dues, symbol="")
    assert dialog.focusWidget() is fields.staff

    qtbot.keyClick(fields.staff, Qt.Key.Key_Up)  # by staff number: F001 赵强 before K001
    assert fields.staff.currentText() == "赵强 (F001)"
    tab_to(qtbot, dialog, fields.time)
    qtbot.keyClicks(fields.time, "14:0")
    assert fields.time.currentText() == "14:00"
    tab_to(qtbot, dialog, fields.amount)
    fields.amount.selectAll()
    ime_type(fields.amount, "５００.5")  # full-width digits parse too
    tab_to(qtbot, dialog, fields.reason)
    qtbot.keyClick(fields.reason, Qt.Key.Key_Down)
    assert fields.reason.currentData() == "transfer_receipt"
    tab_to(qtbot, dialog, fields.source)  # the owner asked on the phone
    qtbot.keyClick(fields.source, Qt.Key.Key_Down)
    assert fields.source.currentData() == "phone"
    tab_to(qtbot, dialog, fields.note)
    ime_type(fields.note, "送转账票据")
    idle(qtbot, dialog)
    assert "No clash with 赵强 (F001)" in dialog.preview.text()
    assert "not a same-day" in dialog.preview.text()
    save(qtbot, dialog)

    assert not dialog.isVisible() and len(got) == 1
    [visit] = stored(app_db)
    assert got[0].id == visit.id
    assert visit.household_id == office.household
    assert visit.staff_id == office.goer.staff_id
    assert to_local(visit.scheduled_at) == datetime(2026, 3, 5, 14, 0)
    assert visit.expected_fen == 50050
    assert visit.reason == "transfer_receipt"
    assert visit.source == "phone" and visit.source_call_id is None
    assert not visit.same_day and visit.same_day_reason == ""
    assert visit.note == "送转账票据" and visit.booked_by == "K001"


def test_clash_is_shown_and_disables_save(
    qtbot: QtBot, ctx: AppContext, office: Office, app_db: Database
) -> None:
    office.book(at(TOMORROW, 10))
    dialog, got = open_dialog(
        qtbot,
        ctx,
        office.clerk,
        household_id=office.other,
        room="1-1-101",
        owner="王静",
        staff_id=office.goer.staff_id,
        day=TOMORROW,
    )
    assert dialog.search is None and dialog.household_label.text() == "1-1-101 王静"
    assert dialog.focusWidget() is dialog.fields.date
    assert dialog.fields.staff.currentText() == "赵强 (F001)"
    set_when(dialog, TOMORROW, "10:30")  # within the 20 minutes' travel of 10:00–10:30
    idle(qtbot, dialog)
    text = dialog.preview.text()
    assert "Clashes with 赵强 (F001)'s other visits (20 min travel" in text
    assert "3-2-1201  2026-03-05 10:00–10:30  刘兵  Booked" in text
    assert not dialog.save_button.isEnabled()
    save(qtbot, dialog)
    assert count(app_db) == 1 and got == [] and dialog.isVisible()

    set_when(dialog, TOMORROW, "11:00")  # 10:30 + 20 minutes: free again
    idle(qtbot, dialog)
    assert dialog.save_button.isEnabled()
    assert "No clash" in dialog.preview.text()
    qtbot.keyClick(dialog.fields.time, Qt.Key.Key_Return)  # Enter in a list only picks
    idle(qtbot, dialog)
    assert count(app_db) == 1 and dialog.message.text() == ""
    dialog.save_button.setFocus()
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)  # Enter on the button presses it
    idle(qtbot, dialog)
    assert len(got) == 1 and count(app_db) == 2


def test_same_day_needs_a_reason(
    qtbot: QtBot, ctx: AppContext, office: Office, app_db: Database
) -> None:
    dialog, got = open_dialog(
        qtbot, ctx, office.clerk, household_id=office.household, room="3-2-1201", day=TODAY
    )
    fields = dialog.fields
    qtbot.waitUntil(lambda: fields.amount.text() != "")
    assert "刘兵" in dialog.household_label.text()  # the owner was loaded
    set_when(dialog, TODAY, "14:00")
    fields.amount.setText("300")
    idle(qtbot, dialog)
    assert fields.same_day_reason.isEnabled()
    assert "Same-day booking" in dialog.preview.text()
    save(qtbot, dialog)
    assert "当天" in dialog.message.text() and "原因" in dialog.message.text()
    assert dialog.isVisible() and got == [] and count(app_db) == 0
    assert fields.time.currentText() == "14:00" and fields.amount.text() == "300"  # all kept

    fields.same_day_reason.setFocus()
    ime_type(fields.same_day_reason, "业主明天出差")
    qtbot.keyClick(fields.same_day_reason, Qt.Key.Key_Return)  # Enter in a text field saves
    idle(qtbot, dialog)
    [visit] = stored(app_db)
    assert visit.same_day and visit.same_day_reason == "业主明天出差"
    assert visit.expected_fen == 30000 and len(got) == 1

    # Not today any more: the reason field is off and nothing of it is sent.
    later, _ = open_dialog(qtbot, ctx, office.clerk, household_id=office.household)
    assert not later.fields.same_day_reason.isEnabled()


def test_bad_input_saves_nothing(
    qtbot: QtBot, ctx: AppContext, office: Office, app_db: Database
) -> None:
    dialog, got = open_dialog(qtbot, ctx, office.clerk)
    save(qtbot, dialog)
    assert "Choose the household first" in dialog.message.text()

    dialog.choose_household(dialog_hit(office))
    idle(qtbot, dialog)
    for text, expected in (("12.345", "两位小数"), ("abc", "无法识别金额"), ("-5", "负数")):
        dialog.fields.amount.setText(text)
        save(qtbot, dialog)
        assert "Expected amount" in dialog.message.text()
        assert expected in dialog.message.text()
    dialog.fields.amount.setText("100")
    dialog.fields.date.setDate(QDate(2026, 3, 7))  # Saturday: no times
    idle(qtbot, dialog)
    assert not dialog.fields.time.isEnabled()
    assert "closed on 2026-03-07" in dialog.preview.text()
    save(qtbot, dialog)
    assert "closed on 2026-03-07" in dialog.message.text()
    assert dialog.fields.date.minimumDate().toPython() == TODAY  # no day in the past
    assert got == [] and count(app_db) == 0

    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible() and count(app_db) == 0


def dialog_hit(office: Office) -> HouseholdHit:
    [hit] = search_households(office.db, "3-2-1201")
    return hit


def test_reschedule_moves_the_visit_and_keeps_history(
    qtbot: QtBot, ctx: AppContext, office: Office, app_db: Database
) -> None:
    old = office.book(at(TOMORROW, 10))
    dialog, got = open_dialog(qtbot, ctx, office.clerk, reschedule=old)
    fields = dialog.fields
    assert dialog.search is None
    assert "3-2-1201 刘兵, now booked for 2026-03-05 10:00 with 赵强" in (
        dialog.household_label.text()
    )
    assert fields.staff.currentText() == "赵强 (F001)"
    assert fields.date.date().toPython() == TOMORROW and fields.time.currentText() == "10:00"
    assert fields.amount.text() == "448.00" and not fields.amount.isEnabled()
    assert fields.note.text() == "门铃坏了，请敲门" and not fields.reason.isEnabled()
    assert "No clash" in dialog.preview.text()  # the visit itself does not count
    set_when(dialog, FRIDAY, "15:00")
    save(qtbot, dialog)
    assert "改期必须填写原因" in dialog.message.text()
    assert [v.status for v in stored(app_db)] == ["booked"]

    fields.reschedule_reason.setFocus()
    ime_type(fields.reschedule_reason, "业主周四加班")
    save(qtbot, dialog)
    assert len(got) == 1 and not dialog.isVisible()
    first, second = stored(app_db)
    assert first.status == "rescheduled" and second.status == "booked"
    assert second.rescheduled_from_id == old.id and got[0].id == second.id
    assert to_local(second.scheduled_at) == datetime(2026, 3, 6, 15, 0)
    assert second.expected_fen == 44800 and second.note == "门铃坏了，请敲门"
    history = visits.visit_history(app_db, second.id)
    assert [e.kind for e in history] == ["booked", "rescheduled", "booked"]
    assert "2026-03-05 10:00 → 2026-03-06 15:00" in history[1].detail
    assert "业主周四加班" in history[1].detail and history[1].by_staff_no == "K001"


def test_booked_from_a_call_links_the_call(
    qtbot: QtBot, ctx: AppContext, office: Office, app_db: Database
) -> None:
    calls.plan_calls(
        app_db, office.boss, calls=office.config.calls, office=office.config.office, now=NOW
    )
    with app_db.read() as s:
        [call_id] = s.scalars(select(FeeCall.id).where(FeeCall.household_id == office.household))

    # A call that no longer exists refuses the booking before anything is written.
    gone, got = open_dialog(qtbot, ctx, office.clerk, household_id=office.household, call_id=999)
    save(qtbot, gone)
    assert "999" in gone.message.text() and got == [] and count(app_db) == 0

    dialog, got = open_dialog(
        qtbot, ctx, office.clerk, household_id=office.household, room="3-2-1201", call_id=call_id
    )
    assert dialog.fields.reason.currentData() == "overdue"
    assert dialog.fields.source.currentData() == "call" and not dialog.fields.source.isEnabled()
    qtbot.waitUntil(lambda: dialog.fields.amount.text() != "")
    save(qtbot, dialog)
    assert len(got) == 1
    [visit] = stored(app_db)
    assert visit.source == "call" and visit.source_call_id == call_id
    assert visit.reason == "overdue"
    assert calls.get_call(app_db, call_id).visit_id == visit.id
