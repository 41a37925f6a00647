"""Bill runs, what a household owes, and bills paid ahead; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services.billing import (
    bill_months,
    create_ahead_bills,
    generate_bills,
    household_dues,
    prepay_balance,
)
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEvent, Bill, FeeItem, PrepayEntry
from tests.factories import bill_household, make_fee_item, make_household, make_staff

TODAY = date(2026, 11, 20)
JAN = date(2026, 1, 1)


@pytest.fixture
def boss(db: Database) -> Actor:
    return make_staff(db, "S001", "supervisor", "张强")


@pytest.fixture
def fees(db: Database, boss: Actor) -> None:
    make_fee_item(db, boss, "WYF", "物业管理费", "area_monthly", "2.50", due_day=15)
    make_fee_item(db, boss, "LJF", "垃圾清运费", "fixed_monthly", "10.00", due_day=10)


def _bills(db: Database) -> list[tuple[int, str, str, int, date, bool]]:
    with db.read() as s:
        rows = s.execute(
            select(
                Bill.household_id,
                FeeItem.code,
                Bill.period,
                Bill.amount_fen,
                Bill.due_date,
                Bill.prepaid,
            )
            .join(FeeItem, FeeItem.id == Bill.fee_item_id)
            .order_by(Bill.household_id, Bill.period, FeeItem.code)
        ).all()
        return [tuple(r) for r in rows]  # type: ignore[misc]


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _runs(db: Database) -> list[AuditEvent]:
    with db.read() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == "bill.run")))


def _generate(db: Database, actor: Actor, period: str, *, ahead: int = 1):  # type: ignore[no-untyped-def]
    return generate_bills(db, actor, period, today=TODAY, max_months_ahead=ahead)


# ---------------------------------------------------------------- bill run


def test_bill_run_bills_every_occupied_household_for_each_monthly_item(
    db: Database, boss: Actor, fees: None
) -> None:
    a = make_household(db, "3-2-1201", "刘兵", "89.60")
    b = make_household(db, "3-2-1202", "刘斌", "120.05")
    make_household(db, "3-2-1203", "空置", "70.00", occupied=False)
    make_fee_item(db, boss, "ZXF", "装修押金", "one_off", "2000.00")
    make_fee_item(db, boss, "OLD", "停用项目", "fixed_monthly", "5.00", active=False)

    run = _generate(db, boss, "2026-11")

    assert (run.period, run.created, run.already_billed, run.households) == ("2026-11", 4, 0, 2)
    assert run.items == ("LJF", "WYF")
    assert _bills(db) == [
        (a, "LJF", "2026-11", 1000, date(2026, 11, 10), False),
        (a, "WYF", "2026-11", 22400, date(2026, 11, 15), False),
        (b, "LJF", "2026-11", 1000, date(2026, 11, 10), False),
        (b, "WYF", "2026-11", 30013, date(2026, 11, 15), False),  # 300.125 → 300.13
    ]
    with db.read() as s:
        bill = s.scalar(select(Bill).where(Bill.household_id == b, Bill.amount_fen == 30013))
        assert bill is not None
        assert (bill.rate_fen, bill.quantity_centi, bill.status, bill.created_by) == (
            250,
            12005,
            "open",
            "S001",
        )
        assert bill.created_at.tzinfo is not None


def test_running_twice_never_bills_twice(db: Database, boss: Actor, fees: None) -> None:
    make_household(db, "3-2-1201")
    make_household(db, "3-2-1202")
    _generate(db, boss, "2026-11")
    make_household(db, "3-2-1203")  # moved in since the first run

    run = _generate(db, boss, "2026-11")

    assert (run.created, run.already_billed, run.households) == (2, 4, 3)
    assert _count(db, Bill) == 6
    again = _generate(db, boss, "2026-11")
    assert (again.created, again.already_billed) == (0, 6)
    assert _count(db, Bill) == 6
    runs = _runs(db)
    assert len(runs) == 3  # one summary row per run, not one per bill
    assert json.loads(runs[0].details) == {
        "already_billed": 0,
        "created": 4,
        "households": 2,
        "items": {"LJF": 2, "WYF": 2},
    }
    assert runs[0].entity_id == "2026-11"


def test_rate_in_force_on_the_first_of_the_month(db: Database, boss: Actor) -> None:
    household = make_household(db, area="100.00")
    make_fee_item(
        db,
        boss,
        "WYF",
        rate="2.50",
        effective_from=JAN,
        more_rates=[(date(2026, 12, 2), "2.80"), (date(2027, 1, 1), "3.00")],
    )
    make_fee_item(
        db, boss, "TCF", "停车费", "fixed_monthly", "60.00", effective_from=date(2026, 12, 5)
    )
    generate_bills(db, boss, "2026-12", today=TODAY, max_months_ahead=2)
    generate_bills(db, boss, "2027-01", today=TODAY, max_months_ahead=2)
    assert [(r[1], r[2], r[3]) for r in _bills(db) if r[0] == household] == [
        ("WYF", "2026-12", 25000),  # 2.80 starts on the 2nd: December keeps 2.50
        ("TCF", "2027-01", 6000),
        ("WYF", "2027-01", 30000),
    ]


def test_household_moved_in_after_the_period_is_not_billed(
    db: Database, boss: Actor, fees: None
) -> None:
    make_household(db, "1-1-101", move_in=date(2026, 11, 30))
    make_household(db, "1-1-102", move_in=date(2026, 12, 1))
    assert _generate(db, boss, "2026-11").households == 1
    assert _generate(db, boss, "2026-12").households == 2


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2026-13", "月份应在 1 至 12"),
        ("2026/11", "格式不对"),
        ("11-2026", "格式不对"),
        ("", "请输入账期"),
        ("2027-01", "最多只能提前 1 个月"),
        ("2030-01", "目前最晚 2026-12"),
    ],
)
def test_bad_period_is_refused_and_nothing_recorded(
    db: Database, boss: Actor, fees: None, period: str, message: str
) -> None:
    make_household(db)
    audit_before = _count(db, AuditEvent)
    with pytest.raises(ValidationError, match=message):
        _generate(db, boss, period)
    assert _count(db, Bill) == 0
    assert _count(db, AuditEvent) == audit_before


def test_max_months_ahead_setting(db: Database, boss: Actor, fees: None) -> None:
    make_household(db)
    with pytest.raises(ValidationError, match="最多只能提前 0 个月"):
        _generate(db, boss, "2026-12", ahead=0)
    assert _generate(db, boss, "2026-11", ahead=0).created == 2
    assert _generate(db, boss, "2027-02", ahead=3).created == 2
    assert _generate(db, boss, "2026-02", ahead=0).created == 2  # the past is allowed


def test_no_rate_for_the_period_is_refused(db: Database, boss: Actor) -> None:
    make_household(db)
    make_fee_item(db, boss, effective_from=date(2026, 6, 1))
    audit_before = _count(db, AuditEvent)
    with pytest.raises(ValidationError, match="没有在 2026-05 生效的月度收费项目"):
        _generate(db, boss, "2026-05")
    assert (_count(db, Bill), _count(db, AuditEvent)) == (0, audit_before)


@pytest.mark.parametrize("role", ["clerk", "cashier"])
def test_only_supervisors_run_bills(db: Database, fees: None, role: str) -> None:
    make_household(db)
    actor = make_staff(db, "X001", role)
    with pytest.raises(PermissionDenied):
        _generate(db, actor, "2026-11")
    assert _count(db, Bill) == 0


def test_admin_may_run_bills(db: Database, admin: Actor, fees: None) -> None:
    make_household(db)
    assert _generate(db, admin, "2026-11").created == 2


def test_bill_months(db: Database, boss: Actor, fees: None) -> None:
    make_household(db)
    runs = bill_months(db, boss, "2026-06", "2026-11", today=TODAY)
    assert [r.period for r in runs] == [f"2026-{m:02d}" for m in range(6, 12)]
    assert _count(db, Bill) == 12
    with pytest.raises(ValidationError, match="不能早于"):
        bill_months(db, boss, "2026-11", "2026-10", today=TODAY)
    with pytest.raises(ValidationError, match="格式不对"):
        bill_months(db, boss, "2026/11", "2026-12", today=TODAY)


# ---------------------------------------------------------------- what is due


def test_dues_lists_open_bills_oldest_first_with_the_standard(
    db: Database, boss: Actor, fees: None
) -> None:
    household = make_household(db, "3-2-1201", ["刘兵", "王芳"], "89.60")
    bill_household(db, boss, household, ["2026-10", "2026-09", "2026-11"])
    with db.begin() as s:  # September's property fee is paid
        paid = s.scalar(
            select(Bill)
            .join(FeeItem)
            .where(Bill.period == "2026-09", FeeItem.code == "WYF", Bill.household_id == household)
        )
        assert paid is not None
        paid.status = "paid"

    dues = household_dues(db, household, on=TODAY)

    assert (dues.room, dues.owners, dues.area_centi_m2) == ("3-2-1201", "刘兵、王芳", 8960)
    assert [(line.item_code, line.period) for line in dues.lines] == [
        ("LJF", "2026-09"),
        ("LJF", "2026-10"),
        ("WYF", "2026-10"),
        ("LJF", "2026-11"),
        ("WYF", "2026-11"),
    ]
    first = dues.lines[0]
    assert first.bill_id is not None
    assert (first.item_name, first.standard, first.amount_fen) == (
        "垃圾清运费",
        "10.00 ¥/月 = 10.00",
        1000,
    )
    assert (first.due_date, first.days_overdue, first.ahead) == (date(2026, 9, 10), 71, False)
    assert dues.lines[2].standard == "2.50 ¥/m²/月 × 89.60 m² = 224.00"
    assert dues.lines[-1].days_overdue == 5
    assert dues.arrears_fen == 3 * 1000 + 2 * 22400
    assert dues.late_fees_fen == 0  # late fees are off unless the item enables them
    assert dues.prepay_balance_fen == 0
    assert dues.total_fen == dues.arrears_fen


def test_late_fees_only_for_items_that_enable_them(db: Database, boss: Actor) -> None:
    household = make_household(db, area="100.00")
    make_fee_item(db, boss, "WYF", rate="2.50", late_fee=True, late_fee_bp=5, late_fee_grace=30)
    make_fee_item(db, boss, "LJF", "垃圾清运费", "fixed_monthly", "10.00")
    bill_household(db, boss, household, ["2026-08", "2026-11"])

    dues = household_dues(db, household, on=TODAY)

    late = {(line.item_code, line.period): line.late_fee_fen for line in dues.lines}
    # August: due 08-15, 97 days late, 67 after grace: 25000 × 0.0005 × 67 = 837.5 → 838
    assert late == {
        ("WYF", "2026-08"): 838,
        ("LJF", "2026-08"): 0,
        ("WYF", "2026-11"): 0,
        ("LJF", "2026-11"): 0,
    }
    assert dues.late_fees_fen == 838
    assert dues.total_fen == 2 * 25000 + 2 * 1000 + 838


def test_prepay_balance(db: Database, boss: Actor, fees: None) -> None:
    household = make_household(db)
    other = make_household(db, "1-1-101")
    with db.begin() as s:
        s.add_all(
            [
                PrepayEntry(household_id=household, amount_fen=50000, note="test"),
                PrepayEntry(household_id=household, amount_fen=-12000, note="test"),
                PrepayEntry(household_id=other, amount_fen=999, note="test"),
            ]
        )
    with db.read() as s:
        assert prepay_balance(s, household) == 38000
    assert household_dues(db, household, on=TODAY).prepay_balance_fen == 38000


def test_ahead_preview_continues_after_the_latest_billed_month(
    db: Database, boss: Actor, fees: None
) -> None:
    household = make_household(db, area="89.60")
    bill_household(db, boss, household, ["2026-10", "2026-11"])
    make_fee_item(
        db, boss, "TCF", "停车费", "fixed_monthly", "60.00", effective_from=date(2027, 1, 1)
    )

    dues = household_dues(db, household, on=TODAY, ahead_months=2)

    ahead = [(line.item_code, line.period, line.amount_fen) for line in dues.lines if line.ahead]
    assert ahead == [
        ("LJF", "2026-12", 1000),
        ("WYF", "2026-12", 22400),
        ("LJF", "2027-01", 1000),
        ("TCF", "2027-01", 6000),  # a new item: no rate before January
        ("WYF", "2027-01", 22400),
    ]
    assert all(line.bill_id is None and line.late_fee_fen == 0 for line in dues.lines[4:])
    assert dues.lines[4].due_date == date(2026, 12, 10)
    assert dues.arrears_fen == 2 * (1000 + 22400)  # ahead lines are not arrears
    assert dues.ahead_fen == 1000 + 22400 + 1000 + 6000 + 22400
    assert household_dues(db, household, on=TODAY, ahead_months=0).ahead_fen == 0


def test_ahead_uses_future_rates(db: Database, boss: Actor) -> None:
    household = make_household(db, area="100.00")
    make_fee_item(db, boss, "WYF", rate="2.50", more_rates=[(date(2027, 1, 1), "2.80")])
    bill_household(db, boss, household, "2026-11")
    lines = household_dues(db, household, on=TODAY, ahead_months=2).lines
    assert [line.standard for line in lines if line.ahead] == [
        "2.50 ¥/m²/月 × 100.00 m² = 250.00",
        "2.80 ¥/m²/月 × 100.00 m² = 280.00",
    ]


def test_dues_refusals(db: Database) -> None:
    with pytest.raises(ValidationError, match="找不到"):
        household_dues(db, 12345, on=TODAY)
    household = make_household(db)
    with pytest.raises(ValidationError, match="不能为负数"):
        household_dues(db, household, on=TODAY, ahead_months=-1)


def test_create_ahead_bills_makes_what_was_previewed(db: Database, boss: Actor, fees: None) -> None:
    household = make_household(db)
    bill_household(db, boss, household, "2026-11")
    cashier = make_staff(db, "C001", "cashier", "王芳")
    preview = [
        (line.item_code, line.period, line.amount_fen, line.standard, line.due_date)
        for line in household_dues(db, household, on=TODAY, ahead_months=2).lines
        if line.ahead
    ]

    with db.begin() as s:
        bills = create_ahead_bills(s, cashier, household, 2, on=TODAY)
        assert all(b.id is not None for b in bills)
        made = [(b.item.code, b.period, b.amount_fen, b.due_date) for b in bills]

    assert made == [(c, p, a, d) for c, p, a, _, d in preview]
    assert [r for r in _bills(db) if r[5]] == [
        (household, "LJF", "2026-12", 1000, date(2026, 12, 10), True),
        (household, "WYF", "2026-12", 22400, date(2026, 12, 15), True),
        (household, "LJF", "2027-01", 1000, date(2027, 1, 10), True),
        (household, "WYF", "2027-01", 22400, date(2027, 1, 15), True),
    ]
    # Now open bills; the next preview starts after them, and the bill run skips them.
    dues = household_dues(db, household, on=TODAY, ahead_months=1)
    assert [line.period for line in dues.lines if not line.ahead][-1] == "2027-01"
    assert [line.period for line in dues.lines if line.ahead] == ["2027-02", "2027-02"]
    run = _generate(db, boss, "2026-12")
    assert (run.created, run.already_billed) == (0, 2)


def test_create_ahead_bills_roles_and_zero(db: Database, boss: Actor, fees: None) -> None:
    household = make_household(db)
    clerk = make_staff(db, "K001", "clerk")
    with db.begin() as s:
        assert create_ahead_bills(s, boss, household, 0, on=TODAY) == []
        with pytest.raises(PermissionDenied):
            create_ahead_bills(s, clerk, household, 1, on=TODAY)
        with pytest.raises(ValidationError):
            create_ahead_bills(s, boss, household, -1, on=TODAY)
    assert _count(db, Bill) == 0


@pytest.mark.pg
def test_ahead_bills_wait_for_a_bill_run_on_postgresql(
    db: Database, boss: Actor, fees: None
) -> None:
    """A payment adding months ahead waits while a bill run holds the fee items."""
    if db.is_sqlite:
        pytest.skip("SQLite serialises write transactions already")
    household = make_household(db)
    bill_household(db, boss, household, "2026-11")
    errors: list[BaseException] = []
    made: list[str] = []

    def pay_ahead() -> None:
        try:
            with db.begin() as s:
                bills = create_ahead_bills(s, boss, household, 1, on=TODAY)
                made.extend(f"{b.item.code} {b.period}" for b in bills)
        except BaseException as exc:  # reported below
            errors.append(exc)

    with db.begin() as run:  # what a bill run for December does, held open
        run.execute(select(FeeItem).with_for_update()).all()
        bill_household_in(run, household, "2026-12")
        worker = threading.Thread(target=pay_ahead)
        worker.start()
        _wait_for_lock_wait(db)
    worker.join(timeout=30)
    assert not worker.is_alive() and not errors, errors
    assert made == ["LJF 2027-01", "WYF 2027-01"]  # December was billed meanwhile


def bill_household_in(s: Session, household: int, period: str) -> None:
    for item in s.scalars(select(FeeItem).order_by(FeeItem.code)):
        s.add(
            Bill(
                household_id=household,
                fee_item_id=item.id,
                period=period,
                rate_fen=1000,
                quantity_centi=100,
                amount_fen=1000,
                due_date=date(2026, 12, 15),
                created_by="test",
            )
        )
    s.flush()


def _wait_for_lock_wait(db: Database) -> None:
    """Return once another backend is waiting for a lock (bounded; no sleeping)."""
    for _ in range(10_000):
        with db.read() as s:
            waiting = s.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
            )
        if waiting:
            return
    raise AssertionError("the payment never waited for the bill run")
