"""Handing in the field cash (上门收费): a supervisor counts it and closes the field session."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from frontdesk.domain.dayclose import report_text
from frontdesk.domain.money import denomination, pieces_total
from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services.cashbox import close_drawer, drawer_status, open_drawer
from frontdesk.services.dayclose import day_close_report
from frontdesk.services.users import Actor
from frontdesk.services.visits import FIELD_DESK
from frontdesk.storage.database import Database
from frontdesk.storage.models import CashSession, Payment
from tests.services.cashbox_fixtures import audit_rows, counts
from tests.services.field_cash_fixtures import (
    CASHIER_SETTINGS,
    FIRST_FEN,
    SECOND_FEN,
    VISIT_DAY,
    FieldDay,
    at,
    two_collected,
)

TOLERANCE = CASHIER_SETTINGS.close_tolerance_fen
HUNDRED = denomination(10000)
FIFTY = denomination(5000)
TWENTY = denomination(2000)
ONE = denomination(100)
TOTAL = FIRST_FEN + SECOND_FEN  # ¥672.00
# What a supervisor counts: the same total in other notes than the drawer's guess.
HANDED_IN = {HUNDRED: 6, FIFTY: 1, TWENTY: 1, ONE: 2}


@pytest.fixture
def day(db: Database, admin: Actor) -> FieldDay:
    return two_collected(db, admin)


def field_sessions(db: Database) -> list[CashSession]:
    with db.read() as s:
        rows = list(
            s.scalars(
                select(CashSession).where(CashSession.desk == FIELD_DESK).order_by(CashSession.id)
            )
        )
        s.expunge_all()
        return rows


def test_two_visits_cash_waits_in_one_field_session(day: FieldDay) -> None:
    assert pieces_total(HANDED_IN) == TOTAL
    status = drawer_status(day.db, FIELD_DESK)
    assert status is not None and status.desk == FIELD_DESK
    assert status.expected_fen == TOTAL and status.business_date == VISIT_DAY
    assert status.opened_by == day.collector.staff_no
    (session,) = field_sessions(day.db)
    with day.db.read() as s:
        paid = list(s.scalars(select(Payment.cash_session_id).where(Payment.desk == FIELD_DESK)))
    assert paid == [session.id, session.id]


def test_supervisor_closes_the_field_cash_with_the_right_count(day: FieldDay) -> None:
    closed_at = at(VISIT_DAY, 17, 30)
    result = close_drawer(
        day.db, day.supervisor, FIELD_DESK, HANDED_IN, tolerance_fen=TOLERANCE, now=closed_at
    )
    assert result.desk == FIELD_DESK and result.business_date == VISIT_DAY
    assert (result.expected_fen, result.counted_fen, result.difference_fen) == (TOTAL, TOTAL, 0)
    assert result.approved_by is None and result.note == ""
    (session,) = field_sessions(day.db)
    assert session.status == "closed" and session.closed_by == day.supervisor.staff_no
    assert session.closed_at == closed_at and session.difference_fen == 0
    assert drawer_status(day.db, FIELD_DESK) is None
    (event,) = audit_rows(day.db, "cash.close")
    details = json.loads(event.details)
    assert event.actor == day.supervisor.staff_no and details["desk"] == FIELD_DESK
    assert details["counted_fen"] == TOTAL and details["difference_fen"] == 0
    # The same day-close report as a counter's: the field desk's receipts and its drawer.
    report = day_close_report(day.db, day.supervisor, on=VISIT_DAY, desk=FIELD_DESK)
    text = "\n".join(report_text(report))
    assert f"日结报表  {VISIT_DAY.isoformat()}  {FIELD_DESK}" in text
    assert "收款 2 笔，合计 ¥672.00" in text
    assert "F2026-000001 至 F2026-000002" in text
    assert "无差额" in text


def test_short_count_without_a_note_is_refused_and_changes_nothing(day: FieldDay) -> None:
    short = {**HANDED_IN, HUNDRED: 5}  # ¥100 missing
    before = counts(day.db)
    with pytest.raises(ValidationError, match=r"短款 ¥100\.00.*请填写差额说明"):
        close_drawer(day.db, day.supervisor, FIELD_DESK, short, tolerance_fen=TOLERANCE)
    with pytest.raises(ValidationError, match="请填写差额说明"):
        close_drawer(day.db, day.supervisor, FIELD_DESK, short, note="  ", tolerance_fen=TOLERANCE)
    assert counts(day.db) == before
    assert [s.status for s in field_sessions(day.db)] == ["open"]
    # With a note the supervisor approves the difference themselves.
    result = close_drawer(
        day.db,
        day.supervisor,
        FIELD_DESK,
        short,
        note="赵强少交100元，明天补",
        tolerance_fen=TOLERANCE,
    )
    assert result.difference_fen == -10000 and result.approved_by == day.supervisor.staff_no
    (session,) = field_sessions(day.db)
    assert session.difference_approved_by == day.supervisor.staff_no
    assert session.close_note == "赵强少交100元，明天补"


@pytest.mark.parametrize("who", ["collector", "clerk"])
def test_only_a_supervisor_closes_the_field_cash(day: FieldDay, who: str) -> None:
    actor: Actor = getattr(day, who)
    before = counts(day.db)
    with pytest.raises(PermissionDenied) as caught:
        close_drawer(day.db, actor, FIELD_DESK, HANDED_IN, tolerance_fen=TOLERANCE)
    assert "主管" in str(caught.value) and actor.name in str(caught.value)
    # … not even with a supervisor's approval passed along: the count is a supervisor's.
    with pytest.raises(PermissionDenied):
        close_drawer(
            day.db,
            actor,
            FIELD_DESK,
            HANDED_IN,
            approver=day.supervisor,
            tolerance_fen=TOLERANCE,
        )
    assert counts(day.db) == before
    assert [s.status for s in field_sessions(day.db)] == ["open"]


def test_admin_may_close_the_field_cash(day: FieldDay, admin: Actor) -> None:
    result = close_drawer(day.db, admin, FIELD_DESK, HANDED_IN, tolerance_fen=TOLERANCE)
    assert result.difference_fen == 0


def test_next_field_payment_after_the_close_opens_a_new_session(day: FieldDay) -> None:
    close_drawer(day.db, day.supervisor, FIELD_DESK, HANDED_IN, tolerance_fen=TOLERANCE)
    outcome = day.collect(day.households[2], at(VISIT_DAY, 16))
    first, second = field_sessions(day.db)
    assert first.status == "closed" and second.status == "open"
    assert second.business_date == VISIT_DAY
    with day.db.read() as s:
        payment = s.get_one(Payment, outcome.payment_id)
        assert payment.cash_session_id == second.id
    status = drawer_status(day.db, FIELD_DESK)
    assert status is not None and status.session_id == second.id
    assert status.expected_fen == SECOND_FEN  # the closed session's cash is not in it
    # Closed later the same day; the report lists both sessions of the field desk.
    close_drawer(
        day.db, day.supervisor, FIELD_DESK, {HUNDRED: 2, TWENTY: 1, ONE: 4}, tolerance_fen=TOLERANCE
    )
    report = day_close_report(day.db, day.supervisor, on=VISIT_DAY, desk=FIELD_DESK)
    assert [d.session_id for d in report.drawers] == [first.id, second.id]
    assert all(d.status == "closed" for d in report.drawers)


def test_closing_with_nothing_handed_in_is_refused(day: FieldDay) -> None:
    close_drawer(day.db, day.supervisor, FIELD_DESK, HANDED_IN, tolerance_fen=TOLERANCE)
    before = counts(day.db)
    with pytest.raises(ValidationError, match="没有待交的现金"):
        close_drawer(day.db, day.supervisor, FIELD_DESK, HANDED_IN, tolerance_fen=TOLERANCE)
    assert counts(day.db) == before


def test_the_field_desk_is_never_opened_with_a_float(day: FieldDay, db: Database) -> None:
    close_drawer(day.db, day.supervisor, FIELD_DESK, HANDED_IN, tolerance_fen=TOLERANCE)
    before = counts(db)
    for desk in (FIELD_DESK, f" {FIELD_DESK} "):
        with pytest.raises(ValidationError, match="自动开班"):
            open_drawer(db, day.supervisor, desk, {HUNDRED: 1}, today=VISIT_DAY)
    assert counts(db) == before
    # A counter desk opens as before.
    open_drawer(db, day.supervisor, "前台1", {HUNDRED: 1}, today=VISIT_DAY)


def test_bad_count_of_the_field_cash_changes_nothing(day: FieldDay) -> None:
    before = counts(day.db)
    with pytest.raises(ValidationError, match="负数"):
        close_drawer(day.db, day.supervisor, FIELD_DESK, {HUNDRED: -1}, tolerance_fen=TOLERANCE)
    assert counts(day.db) == before
