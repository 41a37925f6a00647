"""Fee items and rate history (supervisor actions), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from frontdesk.domain.fees import LateFeePolicy
from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services.billing import generate_bills, household_dues
from frontdesk.services.fees import (
    add_fee_item,
    ensure_demo_fees,
    get_fee_item,
    list_fee_items,
    set_rate,
)
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEvent, Bill, FeeItem, FeeRate
from tests.factories import make_household, make_staff

JAN = date(2026, 1, 1)


@pytest.fixture
def boss(db: Database) -> Actor:
    return make_staff(db, "S001", "supervisor", "张强")


def _counts(db: Database) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(model)) or 0
            for model in (FeeItem, FeeRate, Bill, AuditEvent)
        )


def _audit(db: Database, action: str) -> list[AuditEvent]:
    with db.read() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_supervisor_adds_a_fee_item(db: Database, boss: Actor) -> None:
    info = add_fee_item(
        db, boss, "wyf", " 物业管理费 ", "area_monthly", 250, effective_from=JAN, due_day=15
    )
    assert (info.code, info.name, info.kind, info.due_day) == (
        "WYF",
        "物业管理费",
        "area_monthly",
        15,
    )
    assert info.late_fee.enabled is False
    assert info.rate_on(JAN) == 250
    assert info.rate_text(date(2025, 12, 31)) == "—"
    assert info.rate_text(JAN) == "2.50 ¥/m²/月"
    [event] = _audit(db, "fee.add")
    assert event.actor == "S001"
    assert event.entity_id == "WYF"
    assert '"rate_fen":250' in event.details.replace(" ", "")


def test_add_with_late_fee(db: Database, boss: Actor) -> None:
    policy = LateFeePolicy(enabled=True, grace_days=10, daily_bp=5, cap_percent=50)
    info = add_fee_item(
        db, boss, "TCF", "停车管理费", "fixed_monthly", 6000, effective_from=JAN, late_fee=policy
    )
    assert get_fee_item(db, "tcf").late_fee == policy
    assert info.kind_label == "固定/月"


@pytest.mark.parametrize("rate", [0, -250])
def test_zero_or_negative_rate_is_refused(db: Database, boss: Actor, rate: int) -> None:
    before = _counts(db)
    with pytest.raises(ValidationError, match="必须大于 0"):
        add_fee_item(db, boss, "WYF", "物业管理费", "area_monthly", rate, effective_from=JAN)
    assert _counts(db) == before


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"code": ""}, "代码"),
        ({"code": "物业"}, "代码"),
        ({"code": "A" * 33}, "代码"),
        ({"name": "  "}, "名称不能为空"),
        ({"name": "费" * 65}, "名称太长"),
        ({"kind": "weekly"}, "未知的收费方式"),
        ({"due_day": 31}, "缴费日"),
        ({"late_fee": LateFeePolicy(enabled=True, daily_bp=0)}, "日费率"),
    ],
)
def test_bad_fee_item_is_refused(
    db: Database, boss: Actor, kwargs: dict[str, object], message: str
) -> None:
    args: dict[str, object] = {
        "code": "WYF",
        "name": "物业管理费",
        "kind": "area_monthly",
        "rate_fen": 250,
        "effective_from": JAN,
    }
    args.update(kwargs)
    before = _counts(db)
    with pytest.raises(ValidationError, match=message):
        add_fee_item(db, boss, **args)  # type: ignore[arg-type]
    assert _counts(db) == before


def test_duplicate_code_is_refused(db: Database, boss: Actor) -> None:
    add_fee_item(db, boss, "WYF", "物业管理费", "area_monthly", 250, effective_from=JAN)
    before = _counts(db)
    with pytest.raises(ValidationError, match="已存在"):
        add_fee_item(db, boss, "WYF", "另一个", "fixed_monthly", 100, effective_from=JAN)
    assert _counts(db) == before


@pytest.mark.parametrize("role", ["clerk", "cashier"])
def test_only_supervisors_define_fees(db: Database, boss: Actor, role: str) -> None:
    add_fee_item(db, boss, "WYF", "物业管理费", "area_monthly", 250, effective_from=JAN)
    other = make_staff(db, "X001", role)
    before = _counts(db)
    with pytest.raises(PermissionDenied, match="主管"):
        add_fee_item(db, other, "LJF", "垃圾清运费", "fixed_monthly", 1000, effective_from=JAN)
    with pytest.raises(PermissionDenied):
        set_rate(db, other, "WYF", 280, effective_from=date(2027, 1, 1))
    assert _counts(db) == before


def test_admin_may_define_fees(db: Database, admin: Actor) -> None:
    add_fee_item(db, admin, "WYF", "物业管理费", "area_monthly", 250, effective_from=JAN)
    assert [i.code for i in list_fee_items(db)] == ["WYF"]


def test_new_rate_applies_from_its_date_and_old_bills_keep_theirs(
    db: Database, boss: Actor
) -> None:
    household = make_household(db, area="89.60")
    add_fee_item(db, boss, "WYF", "物业管理费", "area_monthly", 250, effective_from=JAN)
    today = date(2026, 12, 5)
    generate_bills(db, boss, "2026-12", today=today, max_months_ahead=1)

    info = set_rate(db, boss, "WYF", 280, effective_from=date(2027, 1, 1))
    assert [(r.effective_from, r.rate_fen) for r in info.rates] == [
        (JAN, 250),
        (date(2027, 1, 1), 280),
    ]
    generate_bills(db, boss, "2027-01", today=today, max_months_ahead=1)
    lines = household_dues(db, household, on=today).lines
    assert [(line.period, line.standard) for line in lines] == [
        ("2026-12", "2.50 ¥/m²/月 × 89.60 m² = 224.00"),
        ("2027-01", "2.80 ¥/m²/月 × 89.60 m² = 250.88"),
    ]
    [event] = _audit(db, "fee.rate")
    assert '"previous_fen":250' in event.details.replace(" ", "")

    # A rate back-dated into an already billed month changes nothing already billed.
    set_rate(db, boss, "WYF", 300, effective_from=date(2026, 12, 1))
    lines = household_dues(db, household, on=today).lines
    assert [line.amount_fen for line in lines] == [22400, 25088]


def test_set_rate_refusals(db: Database, boss: Actor) -> None:
    add_fee_item(db, boss, "WYF", "物业管理费", "area_monthly", 250, effective_from=JAN)
    before = _counts(db)
    with pytest.raises(ValidationError, match="必须大于 0"):
        set_rate(db, boss, "WYF", 0, effective_from=date(2027, 1, 1))
    with pytest.raises(ValidationError, match="必须大于 0"):
        set_rate(db, boss, "WYF", -1, effective_from=date(2027, 1, 1))
    with pytest.raises(ValidationError, match="没有代码为 NOPE"):
        set_rate(db, boss, "NOPE", 280, effective_from=date(2027, 1, 1))
    with pytest.raises(ValidationError, match="已有从 2026-01-01 起的标准"):
        set_rate(db, boss, "WYF", 280, effective_from=JAN)
    assert _counts(db) == before


def test_list_fee_items_by_code(db: Database, boss: Actor) -> None:
    add_fee_item(db, boss, "WYF", "物业管理费", "area_monthly", 250, effective_from=JAN)
    add_fee_item(db, boss, "LJF", "垃圾清运费", "fixed_monthly", 1000, effective_from=JAN)
    assert [i.code for i in list_fee_items(db)] == ["LJF", "WYF"]
    with db.begin() as s:
        item = s.scalar(select(FeeItem).where(FeeItem.code == "LJF"))
        assert item is not None
        item.active = False
    assert [i.code for i in list_fee_items(db, include_inactive=False)] == ["WYF"]


def test_ensure_demo_fees_is_idempotent(db: Database, admin: Actor) -> None:
    ensure_demo_fees(db, admin, today=date(2026, 11, 23))
    ensure_demo_fees(db, admin, today=date(2026, 11, 23))
    items = {i.code: i for i in list_fee_items(db)}
    assert set(items) == {"WYF", "LJF"}
    assert items["WYF"].rate_text(date(2025, 1, 1)) == "2.50 ¥/m²/月"
    assert items["LJF"].rate_text(date(2025, 1, 1)) == "10.00 ¥/月"
    assert items["WYF"].rate_on(date(2024, 12, 31)) is None
    assert len(_audit(db, "fee.add")) == 2
