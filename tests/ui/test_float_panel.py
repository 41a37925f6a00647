"""The change-float panel: rows line up with the visits, the pieces add up to the float."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from frontdesk.config import MoneySettings, VisitSettings
from frontdesk.domain.float_plan import plan_float
from frontdesk.domain.workcalendar import from_local
from frontdesk.services import visits
from frontdesk.services.users import Actor
from frontdesk.services.visits import VisitRequest
from frontdesk.storage.database import Database
from frontdesk.ui.visits.float_panel import (
    CHANGE,
    DUE,
    OWNER,
    ROOM,
    TENDERED,
    TIME,
    FloatPanel,
    load_float,
)
from tests.factories import make_household, make_staff

NOW = from_local(datetime(2026, 3, 4, 10, 0))
DAY = date(2026, 3, 5)


def at(hh: int, mm: int = 0) -> datetime:
    return from_local(datetime.combine(DAY, datetime.min.time()).replace(hour=hh, minute=mm))


@pytest.fixture
def day_of_visits(db: Database, admin: Actor) -> tuple[Database, int]:
    """赵强's Thursday: nothing due at 09:00, ¥236.50 at 10:00, ¥448 at 14:00, one cancelled."""
    clerk = make_staff(db, "C01", "clerk", "李娜")
    goer = make_staff(db, "F01", "clerk", "赵强")
    other = make_staff(db, "F02", "clerk", "孙丽")
    first = make_household(db, "1-1-101", "王静", phones=("13900001111",))
    second = make_household(db, "3-2-1201", "刘兵")
    third = make_household(db, "2-1-502", "陈红", phones=("13700002222",))

    def book(household: int, when: datetime, fen: int, staff: Actor = goer) -> int:
        request = VisitRequest(household, staff.staff_id, when, fen, "owner_asked")
        return visits.book_visit(db, clerk, request, now=NOW).id

    book(third, at(9), 0)  # e.g. a receipt delivery: no change needed
    book(first, at(10), 23650)
    book(second, at(14), 44800)
    cancelled = book(third, at(15, 30), 10010)
    visits.cancel_visit(db, clerk, cancelled, "业主已转账", now=NOW)
    book(third, at(16), 9990, other)  # someone else's visit
    assert goer.staff_id is not None
    return db, goer.staff_id


def test_load_float_returns_the_plan_with_its_visits(day_of_visits: tuple[Database, int]) -> None:
    db, staff_id = day_of_visits
    settings, money = VisitSettings(), MoneySettings()
    plan, rows = load_float(db, staff_id, DAY, settings, money)
    assert [r.room for r in rows] == ["1-1-101", "3-2-1201"]
    assert plan == visits.float_plan_for(db, staff_id, DAY, settings=settings, money=money)
    assert [line.due_fen for line in plan.lines] == [r.expected_fen for r in rows]
    plan50, rows50 = load_float(db, staff_id, DAY, VisitSettings(float_round_to_yuan=50), money)
    assert rows50 == rows and plan50.total_fen == 1350 + 200


def test_the_panel_shows_rows_pieces_and_total(
    qtbot: QtBot, day_of_visits: tuple[Database, int]
) -> None:
    db, staff_id = day_of_visits
    plan, rows = load_float(db, staff_id, DAY, VisitSettings(), MoneySettings())
    panel = FloatPanel()
    qtbot.addWidget(panel)
    panel.show_plan(plan, rows, 100)
    table = panel.table
    assert table.objectName() == "floatTable" and table.rowCount() == 2
    assert table.editTriggers() == table.EditTrigger.NoEditTriggers

    def cell(row: int, column: int) -> str:
        item = table.item(row, column)
        assert item is not None
        return item.text()

    assert [cell(0, c) for c in (TIME, ROOM, OWNER, DUE, TENDERED, CHANGE)] == [
        "10:00",
        "1-1-101",
        "王静",
        "¥236.50",
        "¥300.00",
        "¥63.50",
    ]
    assert [cell(1, c) for c in (TIME, ROOM, DUE, TENDERED, CHANGE)] == [
        "14:00",
        "3-2-1201",
        "¥448.00",
        "¥500.00",
        "¥52.00",
    ]
    change = table.item(0, CHANGE)
    assert change is not None and change.toolTip() == (
        "¥50 note × 1, ¥10 note × 1, ¥1 note × 3, 5 jiao coin × 1"
    )
    assert change.textAlignment() & Qt.AlignmentFlag.AlignRight
    assert panel.pieces.objectName() == "floatPieces"
    assert panel.pieces.text() == "Take: ¥50 note × 2, ¥10 note × 1, ¥1 note × 5, 5 jiao coin × 1"
    assert sum(d.value_fen * n for d, n in plan.pieces) == plan.total_fen == 11550
    assert panel.total.objectName() == "floatTotal"
    assert panel.total.text() == "Float: ¥115.50 in 9 piece(s), for 2 visit(s)"
    assert "¥100" in panel.rule.text()

    panel.show_plan(plan_float([20000]), [replace(rows[0], expected_fen=20000)], 100)
    assert panel.pieces.text() == "Every amount is a round sum: no change needed."
    assert cell(0, CHANGE) == "¥0.00"

    panel.clear()
    assert table.rowCount() == 0 and panel.pieces.text() == ""
    assert panel.total.text() == "No float planned."


def test_round_sums_and_no_visits_need_no_change(qtbot: QtBot, qapp: object) -> None:
    panel = FloatPanel()
    qtbot.addWidget(panel)
    panel.show_plan(plan_float([], round_to_fen=5000), [], 50)
    assert panel.table.rowCount() == 0 and "no change needed" in panel.pieces.text()
    assert panel.total.text() == "Float: ¥0.00 in 0 piece(s), for 0 visit(s)"


def test_plan_and_visits_must_line_up(qtbot: QtBot, day_of_visits: tuple[Database, int]) -> None:
    db, staff_id = day_of_visits
    plan, rows = load_float(db, staff_id, DAY, VisitSettings(), MoneySettings())
    panel = FloatPanel()
    qtbot.addWidget(panel)
    with pytest.raises(ValueError, match="line up"):
        panel.show_plan(plan, rows[:1], 100)
