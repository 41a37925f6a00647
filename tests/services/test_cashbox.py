"""The cash drawer: open with a float, cash in and out, close with a count; and the bad input."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from frontdesk.domain.money import DENOMINATIONS, NOTE_1_YUAN, denomination
from frontdesk.errors import FrontdeskError, PermissionDenied, ValidationError
from frontdesk.services.cashbox import (
    close_drawer,
    drawer_status,
    move_cash,
    open_drawer,
)
from frontdesk.services.drawer import pieces_from_json
from frontdesk.storage.database import Database
from frontdesk.storage.models import CashMovement, CashSession
from tests.services.cashbox_fixtures import (
    CASHIER,
    CASHIER2,
    CLERK,
    DAY,
    DESK,
    DESK2,
    SUPERVISOR,
    audit_rows,
    bill,
    counts,
    fee_item,
    household,
    pay,
    pieces,
)

HUNDRED = denomination(10000)
FIFTY = denomination(5000)
TEN = denomination(1000)
FIVE_JIAO = denomination(50)
FLOAT = "2x100 4x50 10x10 20张x1 10x0.5"  # ¥525.00


def test_open_records_float_session_and_audit(db: Database) -> None:
    sid = open_drawer(db, CASHIER, DESK, pieces(FLOAT), today=DAY)
    status = drawer_status(db, DESK)
    assert status is not None
    assert status.session_id == sid and status.business_date == DAY
    assert status.opened_by == "C001" and status.desk == DESK
    assert status.expected_fen == 52500
    assert status.expected_pieces == pieces(FLOAT)
    assert list(status.expected_pieces) == [d for d in DENOMINATIONS if d in status.expected_pieces]
    with db.read() as s:
        moves = list(s.scalars(select(CashMovement)))
    assert [(m.kind, m.amount_fen, m.reason) for m in moves] == [("float", 52500, "备用金")]
    (event,) = audit_rows(db, "cash.open")
    assert event.actor == "C001" and event.entity_id == str(sid)
    details = json.loads(event.details)
    assert details["float_fen"] == 52500 and details["desk"] == DESK
    assert details["business_date"] == "2026-11-23"
    assert drawer_status(db, DESK2) is None


def test_open_with_empty_float_is_allowed(db: Database) -> None:
    open_drawer(db, CASHIER, DESK, {}, today=DAY)
    status = drawer_status(db, DESK)
    assert status is not None and status.expected_fen == 0


def test_second_open_session_at_a_desk_is_refused(db: Database) -> None:
    open_drawer(db, CASHIER, DESK, pieces(FLOAT), today=DAY)
    before = counts(db)
    with pytest.raises(ValidationError, match="已开班"):
        open_drawer(db, CASHIER2, DESK, pieces("1x100"), today=DAY)
    with pytest.raises(ValidationError, match="已开班"):  # also on another day: close first
        open_drawer(db, CASHIER, DESK, pieces("1x100"), today=DAY + timedelta(days=1))
    assert counts(db) == before
    open_drawer(db, CASHIER2, DESK2, pieces("1x100"), today=DAY)  # another desk is fine


def test_reopening_a_closed_day_is_refused_next_day_is_fine(db: Database) -> None:
    open_drawer(db, CASHIER, DESK, pieces("1x100"), today=DAY)
    close_drawer(db, CASHIER, DESK, pieces("1x100"), tolerance_fen=0)
    before = counts(db)
    with pytest.raises(ValidationError, match="已日结"):
        open_drawer(db, CASHIER, DESK, pieces("1x100"), today=DAY)
    assert counts(db) == before
    open_drawer(db, CASHIER, DESK, pieces("1x100"), today=DAY + timedelta(days=1))


@pytest.mark.parametrize(
    ("float_pieces", "needle"),
    [
        ({HUNDRED: -1}, "不能为负数"),
        ({HUNDRED: 2, TEN: -3}, "不能为负数"),
        ({HUNDRED: 1_000_000}, "过多"),
        ({HUNDRED: True}, "整数"),
    ],
)
def test_open_with_a_bad_count_changes_nothing(
    db: Database, float_pieces: dict[object, object], needle: str
) -> None:
    before = counts(db)
    with pytest.raises(ValidationError, match=needle):
        open_drawer(db, CASHIER, DESK, float_pieces, today=DAY)  # type: ignore[arg-type]
    assert counts(db) == before


def test_open_needs_a_desk_name(db: Database) -> None:
    with pytest.raises(ValidationError, match="前台名称"):
        open_drawer(db, CASHIER, "  ", {}, today=DAY)


def test_clerk_may_not_work_the_drawer(db: Database) -> None:
    before = counts(db)
    with pytest.raises(PermissionDenied):
        open_drawer(db, CLERK, DESK, pieces(FLOAT), today=DAY)
    open_drawer(db, CASHIER, DESK, pieces(FLOAT), today=DAY)
    with pytest.raises(PermissionDenied):
        move_cash(db, CLERK, DESK, "cash_in", pieces("1x10"), "补零钱")
    with pytest.raises(PermissionDenied):
        close_drawer(db, CLERK, DESK, pieces(FLOAT), tolerance_fen=0)
    assert counts(db)["cash_session"] == before["cash_session"] + 1


def test_cash_in_and_out_change_the_drawer_and_are_audited(db: Database) -> None:
    sid = open_drawer(db, CASHIER, DESK, pieces(FLOAT), today=DAY)
    move_cash(db, CASHIER, DESK, "cash_in", pieces("20x0.5"), "  补充零钱 ")
    move_cash(db, SUPERVISOR, DESK, "cash_out", pieces("2x100 2x50"), "存银行")
    status = drawer_status(db, DESK)
    assert status is not None
    assert status.expected_fen == 52500 + 1000 - 30000
    assert status.expected_pieces[FIVE_JIAO] == 30
    assert HUNDRED not in status.expected_pieces and status.expected_pieces[FIFTY] == 2
    with db.read() as s:
        moves = list(s.scalars(select(CashMovement).order_by(CashMovement.id)))
    assert [(m.kind, m.amount_fen, m.reason, m.by_staff_no) for m in moves[1:]] == [
        ("cash_in", 1000, "补充零钱", "C001"),
        ("cash_out", -30000, "存银行", "S001"),
    ]
    assert pieces_from_json(moves[2].pieces) == {HUNDRED: -2, FIFTY: -2}
    cash_in, cash_out = audit_rows(db, "cash.in"), audit_rows(db, "cash.out")
    assert len(cash_in) == 1 and len(cash_out) == 1
    out = json.loads(cash_out[0].details)
    assert out["amount_fen"] == -30000 and out["reason"] == "存银行"
    assert cash_out[0].entity_id == str(sid) and cash_out[0].actor == "S001"


@pytest.mark.parametrize(
    ("kind", "text", "reason", "needle"),
    [
        ("cash_out", "1x100", "", "原因"),
        ("cash_in", "1x100", "   ", "原因"),
        ("cash_out", "3x100", "存银行", "100元 只有 2 张"),
        ("cash_out", "1x20", "存银行", "20元 只有 0 张"),
        ("cash_in", "", "补零钱", "张数"),
        ("cash_sideways", "1x100", "补零钱", "未知"),
    ],
)
def test_bad_cash_moves_change_nothing(
    db: Database, kind: str, text: str, reason: str, needle: str
) -> None:
    open_drawer(db, CASHIER, DESK, pieces(FLOAT), today=DAY)
    before = counts(db)
    with pytest.raises(ValidationError, match=needle):
        move_cash(db, CASHIER, DESK, kind, pieces(text), reason)  # type: ignore[arg-type]
    assert counts(db) == before


def test_cash_move_with_negative_count_or_without_open_drawer(db: Database) -> None:
    with pytest.raises(ValidationError, match="尚未开班"):
        move_cash(db, CASHIER, DESK, "cash_in", pieces("1x100"), "补零钱")
    open_drawer(db, CASHIER, DESK, pieces(FLOAT), today=DAY)
    before = counts(db)
    with pytest.raises(ValidationError, match="不能为负数"):
        move_cash(db, CASHIER, DESK, "cash_out", {HUNDRED: -1}, "存银行")
    assert counts(db) == before


def _cash_day(db: Database) -> None:
    """A drawer with a float, a cash sale with change, and a WeChat payment."""
    open_drawer(db, CASHIER, DESK, pieces(FLOAT), today=DAY)
    hh = household(db)
    item = fee_item(db)
    b1, b2 = bill(db, hh, item, "2026-10", 22400), bill(db, hh, item, "2026-11", 22400)
    pay(db, hh, [b1], seq=1, received="3x100", change="1x50 2x10 6张x1")  # 224 from 300
    pay(db, hh, [b2], seq=2, tenders=[("wechat", 22400)])


def test_close_with_exact_count(db: Database) -> None:
    _cash_day(db)
    status = drawer_status(db, DESK)
    assert status is not None and status.expected_fen == 52500 + 22400
    expected = dict(status.expected_pieces)
    when = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    result = close_drawer(db, CASHIER, DESK, expected, tolerance_fen=0, now=when)
    assert result.expected_fen == result.counted_fen == 74900
    assert result.difference_fen == 0 and result.approved_by is None
    assert result.count.differing == () and result.business_date == DAY
    assert [line.denomination for line in result.count.lines] == list(DENOMINATIONS)
    assert result.count.lines[0].expected == 5 and result.count.lines[0].counted == 5  # 100元
    assert drawer_status(db, DESK) is None
    with db.read() as s:
        session = s.get_one(CashSession, result.session_id)
    assert session.status == "closed" and session.closed_by == "C001"
    assert session.closed_at == when
    assert (session.expected_fen, session.counted_fen, session.difference_fen) == (74900, 74900, 0)
    assert pieces_from_json(session.counted_pieces) == expected
    (event,) = audit_rows(db, "cash.close")
    details = json.loads(event.details)
    assert details["difference_fen"] == 0 and details["approved_by"] is None


def test_closing_twice_is_refused_and_changes_nothing(db: Database) -> None:
    open_drawer(db, CASHIER, DESK, pieces(FLOAT), today=DAY)
    first = close_drawer(db, CASHIER, DESK, pieces(FLOAT), tolerance_fen=0)
    before = counts(db)
    with db.read() as s:
        snapshot = s.get_one(CashSession, first.session_id).closed_at
    with pytest.raises(ValidationError, match="已日结") as err:
        close_drawer(db, CASHIER, DESK, pieces("1x100"), tolerance_fen=0)
    assert "不能重复日结" in str(err.value) and "2026-11-23" in str(err.value)
    assert counts(db) == before
    with db.read() as s:
        session = s.get_one(CashSession, first.session_id)
    assert session.closed_at == snapshot and session.counted_fen == 52500


def test_closing_a_desk_never_opened(db: Database) -> None:
    with pytest.raises(ValidationError, match="尚未开班"):
        close_drawer(db, CASHIER, DESK, {}, tolerance_fen=0)


def test_close_with_a_negative_count_changes_nothing(db: Database) -> None:
    open_drawer(db, CASHIER, DESK, pieces(FLOAT), today=DAY)
    before = counts(db)
    with pytest.raises(ValidationError, match="不能为负数"):
        close_drawer(db, CASHIER, DESK, {HUNDRED: 2, TEN: -1}, tolerance_fen=1000)
    assert counts(db) == before
    assert drawer_status(db, DESK) is not None


def test_difference_within_tolerance_needs_no_supervisor(db: Database) -> None:
    open_drawer(db, CASHIER, DESK, pieces(FLOAT), today=DAY)
    short = pieces(FLOAT)
    short[FIVE_JIAO] -= 2  # ¥1.00 short
    result = close_drawer(db, CASHIER, DESK, short, tolerance_fen=100)
    assert result.difference_fen == -100 and result.approved_by is None
    (line,) = result.count.differing
    assert (line.denomination, line.expected, line.counted, line.difference) == (
        FIVE_JIAO,
        10,
        8,
        -2,
    )
    assert line.difference_fen == -100


def test_difference_beyond_tolerance_needs_supervisor_and_note(db: Database) -> None:
    open_drawer(db, CASHIER, DESK, pieces(FLOAT), today=DAY)
    counted = pieces(FLOAT)
    counted[TEN] -= 1  # ¥10.00 short
    counted[NOTE_1_YUAN] += 1  # ¥1.00 over: ¥9.00 short in total
    before = counts(db)
    with pytest.raises(ValidationError, match=r"短款 ¥9\.00.*需要主管授权"):
        close_drawer(db, CASHIER, DESK, counted, tolerance_fen=500, note="找错钱")
    with pytest.raises(PermissionDenied, match="不是主管"):
        close_drawer(db, CASHIER, DESK, counted, tolerance_fen=500, approver=CASHIER2, note="x")
    with pytest.raises(ValidationError, match="差额说明"):
        close_drawer(db, CASHIER, DESK, counted, tolerance_fen=500, approver=SUPERVISOR)
    assert counts(db) == before and drawer_status(db, DESK) is not None
    result = close_drawer(
        db, CASHIER, DESK, counted, tolerance_fen=500, approver=SUPERVISOR, note=" 找零多给 "
    )
    assert result.difference_fen == -900 and result.approved_by == "S001"
    assert result.note == "找零多给"
    assert {(c.denomination, c.difference) for c in result.count.differing} == {
        (TEN, -1),
        (NOTE_1_YUAN, 1),
    }
    with db.read() as s:
        session = s.get_one(CashSession, result.session_id)
    assert session.difference_approved_by == "S001" and session.close_note == "找零多给"
    details = json.loads(audit_rows(db, "cash.close")[0].details)
    assert details["approved_by"] == "S001" and details["difference_fen"] == -900
    assert details["differences"] == {"10元": -1, "1元(纸币)": 1}


def test_an_overage_also_needs_approval_and_a_supervisor_may_approve_their_own(
    db: Database,
) -> None:
    open_drawer(db, SUPERVISOR, DESK, pieces(FLOAT), today=DAY)
    over = pieces(FLOAT)
    over[HUNDRED] += 1
    with pytest.raises(ValidationError, match=r"长款 ¥100\.00"):
        close_drawer(db, CASHIER, DESK, over, tolerance_fen=0, note="多收")
    with pytest.raises(ValidationError, match="差额说明"):
        close_drawer(db, SUPERVISOR, DESK, over, tolerance_fen=0)
    result = close_drawer(db, SUPERVISOR, DESK, over, tolerance_fen=0, note="多收")
    assert result.approved_by == "S001" and result.difference_fen == 10000


def test_two_desks_opening_the_same_drawer_at_once(db: Database) -> None:
    barrier = threading.Barrier(4)
    outcomes: list[object] = []

    def work() -> None:
        barrier.wait()
        try:
            outcomes.append(open_drawer(db, CASHIER, DESK, pieces(FLOAT), today=DAY))
        except FrontdeskError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(isinstance(o, int) for o in outcomes) == 1
    assert all(isinstance(o, ValidationError) for o in outcomes if not isinstance(o, int))
    with db.read() as s:
        assert len(s.scalars(select(CashSession.id)).all()) == 1
