"""Matters: record, deadlines in office hours, hand-over, resolve, call back, close, reopen."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from frontdesk.config import Config
from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services import audit
from frontdesk.services import matters as svc
from frontdesk.services.matters import MatterInput
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEvent
from frontdesk.storage.models.matters import Matter, MatterEvent
from tests.factories import make_household, make_staff

# Wednesday 2026-12-02 10:00 in the office (UTC+8).
ZONE = __import__("datetime").timezone(timedelta(hours=8))


def local(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=ZONE).astimezone(UTC)


WED_10 = local(2026, 12, 2, 10)


@pytest.fixture
def rules(config: Config) -> svc.MatterRules:
    r = svc.rules_from_config(config, rng=random.Random(5))
    r.zone = ZONE
    return r


@pytest.fixture
def clerk(db: Database) -> Actor:
    return make_staff(db, "C101", "clerk", "李娜")


@pytest.fixture
def colleague(db: Database) -> Actor:
    return make_staff(db, "C102", "clerk", "王芳")


def complaint(**kw: object) -> MatterInput:
    base: dict[str, object] = dict(
        kind="complaint",
        description="楼道灯坏了三天",
        complexity="simple",
        valid=True,
        contact_name="刘兵",
        contact_phone="13800001234",
        category="repairs",
        channel="phone",
    )
    base.update(kw)
    return MatterInput(**base)  # type: ignore[arg-type]


def test_create_sets_number_owner_and_office_hours_deadline(
    db: Database, clerk: Actor, rules: svc.MatterRules
) -> None:
    make_household(db, "3-2-1201")
    row = svc.create_matter(db, clerk, complaint(room_code="3-2-1201"), rules, now=WED_10)
    assert row.number == "TS2026-000001"
    assert row.status == "new" and row.owner == row.taken_by == "李娜（C101）"
    assert row.deadline_at == local(2026, 12, 2, 12)  # 10:00 + 2h ends at lunch, stays there
    assert row.phone_masked == "138****1234"
    second = svc.create_matter(db, clerk, complaint(complexity="complex"), rules, now=WED_10)
    assert second.number == "TS2026-000002"
    # 24 office hours (7.5 a day) from Wednesday 10:00 → Monday 11:00... counted by the calendar
    assert second.deadline_at > local(2026, 12, 7, 9)
    enquiry = svc.create_matter(
        db,
        clerk,
        MatterInput(kind="enquiry", description="停车费多少", contact_name="张三"),
        rules,
        now=WED_10,
    )
    assert enquiry.number == "ZX2026-000001"
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(MatterEvent)) == 3
        assert s.scalar(select(func.count()).where(AuditEvent.action == "matter.create")) == 3
        assert audit.verify(s).ok


def test_repair_attend_deadline_counts_first(
    db: Database, clerk: Actor, rules: svc.MatterRules
) -> None:
    row = svc.create_matter(
        db,
        clerk,
        MatterInput(kind="repair", description="水管漏水", contact_name="赵六"),
        rules,
        now=WED_10,
    )
    assert row.deadline_at == local(2026, 12, 2, 17, 30)  # attend within 6 office hours
    counts = svc.matter_counts(db, now=local(2026, 12, 2, 17, 45))
    assert counts.overdue == 1
    svc.record_attended(db, clerk, row.id, rules, now=local(2026, 12, 2, 17, 45))
    after = svc.get_matter(db, row.id, rules, now=local(2026, 12, 2, 17, 50))
    assert after.row.deadline_at > local(2026, 12, 4, 9)  # now the 24h fix deadline
    assert "attend" not in after.actions


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (complaint(description="  "), "事项内容"),
        (complaint(complexity=None), "简单或复杂"),
        (complaint(valid=None), "有效投诉"),
        (complaint(kind="praise"), "类型"),
        (complaint(contact_phone="call me"), "电话号码"),
        (complaint(room_code="9-9-999", contact_name="", contact_phone=""), "房号"),
        (MatterInput(kind="enquiry", description="问问"), "联系人"),
        (complaint(owner_staff_no="NOBODY"), "同事"),
    ],
)
def test_bad_input_changes_nothing(
    db: Database, clerk: Actor, rules: svc.MatterRules, data: MatterInput, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        svc.create_matter(db, clerk, data, rules, now=WED_10)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Matter)) == 0


def test_cashier_may_not_take_matters(db: Database, rules: svc.MatterRules) -> None:
    cashier = make_staff(db, "K001", "cashier")
    with pytest.raises(PermissionDenied):
        svc.create_matter(db, cashier, complaint(), rules, now=WED_10)


def test_full_life_with_handover_lateness_and_reopen(
    db: Database, clerk: Actor, colleague: Actor, rules: svc.MatterRules
) -> None:
    row = svc.create_matter(db, clerk, complaint(), rules, now=WED_10)
    row = svc.assign(db, clerk, row.id, "C102", rules, note="维修部处理", now=WED_10)
    assert row.owner == "王芳（C102）" and row.taken_by == "李娜（C101）"
    with pytest.raises(ValidationError, match="已经在"):
        svc.assign(db, clerk, row.id, "C102", rules, now=WED_10)
    # Closing without a resolution, or calling back before it, is refused.
    with pytest.raises(ValidationError, match="不能关闭"):
        svc.close(db, colleague, row.id, rules, now=WED_10)
    with pytest.raises(ValidationError, match="不能回访"):
        svc.call_back(db, colleague, row.id, "satisfied", rules, now=WED_10)
    with pytest.raises(ValidationError, match="处理结果"):
        svc.resolve(db, colleague, row.id, "  ", rules, now=WED_10)
    # Overdue at 15:00 (deadline 12:00, lunch to 13:30 not counted): 1.5 office hours late, and it stays visible.
    late = svc.list_matters(db, rules, now=local(2026, 12, 2, 15))[0]
    assert late.urgency == "overdue" and late.overdue_minutes == 90
    assert late.deadline_at == local(2026, 12, 2, 12)
    resolved_at = local(2026, 12, 2, 15)
    row = svc.resolve(db, colleague, row.id, "已换灯泡", rules, now=resolved_at)
    assert row.status == "resolved" and row.late_minutes == 90
    assert row.deadline_at == local(2026, 12, 2, 12)
    # Call-back due 24 office hours after resolution.
    assert row.callback_due_at is not None and row.callback_due_at > resolved_at
    with pytest.raises(ValidationError, match="早于解决时间"):
        svc.call_back(
            db,
            colleague,
            row.id,
            "satisfied",
            rules,
            at=resolved_at - timedelta(minutes=5),
            now=local(2026, 12, 3, 10),
        )
    with pytest.raises(ValidationError, match="满意度"):
        svc.call_back(db, colleague, row.id, "so-so", rules, now=local(2026, 12, 3, 10))
    row = svc.call_back(
        db, colleague, row.id, "dissatisfied", rules, note="灯又坏了", now=local(2026, 12, 3, 10)
    )
    assert row.status == "called_back" and row.satisfaction == "dissatisfied"
    row = svc.close(db, colleague, row.id, rules, now=local(2026, 12, 3, 10, 5))
    assert row.status == "closed"
    with pytest.raises(ValidationError, match="重新打开的原因"):
        svc.reopen(db, clerk, row.id, "", rules, now=local(2026, 12, 3, 11))
    row = svc.reopen(db, clerk, row.id, "业主不满意", rules, now=local(2026, 12, 3, 11))
    assert row.status == "in_progress" and row.reopen_count == 1
    assert row.late_minutes == 90  # the earlier lateness is not hidden
    assert row.first_deadline_at == local(2026, 12, 2, 12)
    assert row.deadline_at == local(2026, 12, 3, 14, 30)  # a fresh 2 office hours
    detail = svc.get_matter(db, row.id, rules, now=local(2026, 12, 3, 11))
    assert [e.action for e in detail.timeline] == [
        "created",
        "assign",
        "resolve",
        "call_back",
        "close",
        "reopen",
    ]
    assert detail.contact_phone == "13800001234"
    assert "close" not in detail.actions and "resolve" in detail.actions
    with db.read() as s:
        assert audit.verify(s).ok


def test_enquiry_random_callback_within_window(
    db: Database, clerk: Actor, rules: svc.MatterRules
) -> None:
    dues = []
    for n in range(5):
        row = svc.create_matter(
            db,
            clerk,
            MatterInput(kind="enquiry", description=f"问题{n}", contact_name="张"),
            rules,
            now=WED_10,
        )
        row = svc.resolve(db, clerk, row.id, "已答复", rules, now=local(2026, 12, 2, 11))
        assert row.callback_due_at is not None
        dues.append(row.callback_due_at)
    window_end = rules.due(rules.deadlines["enquiry_callback_window"], local(2026, 12, 2, 11))
    assert all(local(2026, 12, 2, 11) < d <= window_end for d in dues)
    assert len(set(dues)) == 5


def test_counts_and_urgency_order(
    db: Database, clerk: Actor, colleague: Actor, rules: svc.MatterRules
) -> None:
    a = svc.create_matter(db, clerk, complaint(), rules, now=local(2026, 12, 2, 9))  # due 11:00
    b = svc.create_matter(db, clerk, complaint(), rules, now=WED_10)  # due 12:00
    c = svc.create_matter(db, colleague, complaint(complexity="complex"), rules, now=WED_10)
    d = svc.create_matter(db, clerk, complaint(), rules, now=local(2026, 12, 1, 9))
    svc.resolve(db, clerk, d.id, "好了", rules, now=local(2026, 12, 1, 10))  # call-back due 12/4
    now = local(2026, 12, 2, 11, 15)
    counts = svc.matter_counts(db, now=now, due_soon_minutes=60)
    assert counts.overdue == 1 and counts.callbacks_due == 0
    assert svc.matter_counts(db, now=local(2026, 12, 2, 11, 15), due_soon_minutes=180).due_soon == 1
    rows = svc.list_matters(db, rules, now=now)
    assert [r.id for r in rows][:3] == [a.id, b.id, c.id]
    assert rows[-1].id == d.id
    mine = svc.list_matters(db, rules, owner_staff_no="C102", now=now)
    assert [r.id for r in mine] == [c.id]
    later = svc.matter_counts(db, now=local(2026, 12, 8, 9))
    assert later.callbacks_due == 1 and later.overdue == 3
    assert svc.matter_counts(db, now=now, owner_staff_no="C102").overdue == 0
