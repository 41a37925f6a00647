"""Demo matters: three months of complaints, enquiries, repairs and messages.

Every kind and status appears; older matters are mostly closed, recent ones
are open, some past their deadline, some resolved with a call-back due, one
reopened after an unhappy call-back. Deadlines follow the default service
rules in the default office calendar. Bulk inserts keep it quick.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from frontdesk.config import MatterSettings, OfficeSettings
from frontdesk.domain import matters as dm
from frontdesk.domain.deadlines import parse_deadline
from frontdesk.domain.workcalendar import OfficeCalendar, from_local
from frontdesk.services.matters import MatterRules
from frontdesk.storage.database import Database
from frontdesk.storage.models.estate import Household, Owner, OwnerPhone, Room
from frontdesk.storage.models.matters import Matter, MatterCounter, MatterEvent, StaffMessage
from frontdesk.storage.models.staff import Staff

DEMO_DAYS = 90
PER_WORKING_DAY = (1, 4)

_TEXTS: dict[str, list[tuple[str, str, str]]] = {
    # (category, description, resolution)
    "complaint": [
        ("noise", "楼上装修噪音太大，中午也不停", "已通知装修户午休时间停工"),
        ("cleaning", "楼道垃圾两天没人清理", "已安排保洁当天清理并加强巡查"),
        ("parking", "车位被外来车辆占用", "已联系车主移车，加强门岗登记"),
        ("service", "收费员态度不好", "已向业主致歉并对员工进行培训"),
        ("security", "单元门禁坏了，陌生人随便进出", "门禁已修复"),
        ("fees", "物业费账单金额有疑问", "已解释收费标准，业主认可"),
    ],
    "enquiry": [
        ("fees", "物业费怎么交，能不能微信支付", "已告知缴费方式"),
        ("renovation", "装修需要办什么手续", "已告知装修申报流程和押金"),
        ("parking", "月租车位还有没有", "已登记排队，有空位通知"),
        ("other", "快递柜在哪里", "已告知位置"),
    ],
    "repair": [
        ("repairs", "厨房水管漏水", "已更换水管接头"),
        ("repairs", "楼道灯不亮", "已更换灯泡"),
        ("repairs", "电梯按钮失灵", "电梯公司已维修"),
        ("repairs", "下水道堵塞", "已疏通"),
    ],
    "message": [
        ("other", "请财务回电，关于发票", "已回电说明"),
        ("other", "业主想约时间上门收费", "已约好时间"),
    ],
}
_KIND_WEIGHTS = (("complaint", 3), ("enquiry", 4), ("repair", 4), ("message", 1))
_CHANNELS = ("visit", "visit", "phone", "phone", "phone", "other")


def _rules() -> MatterRules:
    from frontdesk.config import MATTER_DEADLINE_KEYS

    settings = MatterSettings()
    return MatterRules(
        deadlines={k: parse_deadline(getattr(settings, k), k) for k in MATTER_DEADLINE_KEYS},
        calendar=OfficeCalendar.from_settings(OfficeSettings()),
    )


def add_demo(db: Database, *, today: date, seed: int = 1) -> str:
    """Create the demo matters and a few messages; returns a one-line summary."""
    rng = random.Random(seed * 7919 + 5)
    rules = _rules()
    rules.rng = rng
    cal = rules.calendar
    with db.begin() as s:
        staff = list(
            s.execute(
                select(Staff.id, Staff.staff_no, Staff.role)
                .where(Staff.active)
                .order_by(Staff.staff_no)
            )
        )
        if not staff:
            return "没有员工账号，未生成演示工单。"
        if s.scalar(select(func.count()).select_from(Matter)):
            return "已有工单，未再生成演示工单。"
        handlers = [sid for sid, _no, role in staff if role in ("clerk", "supervisor")] or [
            staff[0][0]
        ]
        by_id = {sid: no for sid, no, _r in staff}
        rooms = list(
            s.execute(
                select(Household.id, Room.code, Owner.name, func.min(OwnerPhone.number))
                .join(Room, Room.id == Household.room_id)
                .join(Owner, Owner.household_id == Household.id)
                .outerjoin(OwnerPhone, OwnerPhone.owner_id == Owner.id)
                .where(Owner.primary)
                .group_by(Household.id, Room.code, Owner.name)
                .order_by(Household.id)
            )
        )
        now = datetime.now(UTC)
        matters: list[dict[str, Any]] = []
        events: list[tuple[int, str, str, str, str, datetime]] = []  # (index, action, …)
        seqs: dict[tuple[str, int], int] = {}
        kinds = [k for k, w in _KIND_WEIGHTS for _ in range(w)]
        raised_times: list[datetime] = []
        day = today - timedelta(days=DEMO_DAYS)
        while day <= today:
            if cal.is_working_day(day):
                for _ in range(rng.randint(*PER_WORKING_DAY)):
                    start = datetime.combine(day, time(9)) + timedelta(minutes=rng.randint(0, 500))
                    if not cal.is_open(start):
                        start = cal.next_open(start)
                    raised = from_local(start)
                    if raised <= now:
                        raised_times.append(raised)
            day += timedelta(days=1)
        newest = max(range(len(raised_times)), key=raised_times.__getitem__, default=-1)
        for n, raised in enumerate(raised_times):
            kind = rng.choice(kinds)
            matters.append(
                _one(
                    rng,
                    rules,
                    kind,
                    raised,
                    now,
                    rooms,
                    handlers,
                    seqs,
                    len(matters),
                    events,
                    untouched=n == newest,
                )
            )
        if not matters:
            return "工单 0 件。"
        s.execute(insert(Matter), matters)
        ids = dict(
            s.execute(
                select(Matter.number, Matter.id).where(
                    Matter.number.in_([m["number"] for m in matters])
                )
            ).all()
        )
        s.execute(
            insert(MatterEvent),
            [
                {
                    "matter_id": ids[matters[i]["number"]],
                    "at": at,
                    "actor": by_id[matters[i]["owner_id"]],
                    "action": action,
                    "from_status": old,
                    "to_status": new,
                    "note": note,
                }
                for i, action, old, new, note, at in events
            ],
        )
        s.execute(
            insert(MatterCounter),
            [{"prefix": p, "year": y, "last_seq": n} for (p, y), n in seqs.items()],
        )
        messages = _messages(rng, staff, now)
        if messages:
            s.execute(insert(StaffMessage), messages)
    overdue = sum(1 for m in matters if m["status"] in dm.OPEN_STATUSES and m["deadline_at"] < now)
    return (
        f"工单 {len(matters)} 件（投诉、咨询、报修、留言），其中超时未结 {overdue} 件；"
        f"同事留言 {len(messages)} 条。"
    )


def _one(
    rng: random.Random,
    rules: MatterRules,
    kind: str,
    raised: datetime,
    now: datetime,
    rooms: list[Any],
    handlers: list[int],
    seqs: dict[tuple[str, int], int],
    index: int,
    events: list[tuple[int, str, str, str, str, datetime]],
    *,
    untouched: bool = False,
) -> dict[str, Any]:
    """One demo matter; ``untouched`` (the newest) is still new, whatever the dice say."""
    category, description, resolution = rng.choice(_TEXTS[kind])
    complexity = rng.choice(("simple", "simple", "complex")) if kind == "complaint" else None
    valid = rng.random() < 0.8 if kind == "complaint" else None
    spec = rules.deadline_for(kind, complexity)
    deadline = rules.due(spec, raised)
    attend = rules.due(rules.deadlines["repair_attend"], raised) if kind == "repair" else None
    year = raised.astimezone().year
    prefix = dm.NUMBER_PREFIXES[kind]
    seqs[(prefix, year)] = seqs.get((prefix, year), 0) + 1
    taker = rng.choice(handlers)
    owner = rng.choice(handlers) if rng.random() < 0.3 else taker
    hid, room, name, phone = rng.choice(rooms) if rooms else (None, "", "业主", "")
    age = now - raised
    # Older matters are done; the last few days' are in every state.
    roll = rng.random()
    if age > timedelta(days=10):
        stage = "closed" if roll < 0.85 else ("called_back" if roll < 0.93 else "resolved")
    elif age > timedelta(days=3):
        stage = ("in_progress", "resolved", "called_back", "closed")[int(roll * 4)]
    else:
        stage = ("new", "in_progress", "in_progress", "resolved")[int(roll * 4)]
    if untouched:
        stage = "new"
    row: dict[str, Any] = {
        "number": dm.matter_number(kind, year, seqs[(prefix, year)]),
        "kind": kind,
        "channel": rng.choice(_CHANNELS),
        "category": category,
        "complexity": complexity,
        "valid": valid,
        "household_id": hid,
        "room_code": room,
        "contact_name": name,
        "contact_phone": phone or "",
        "description": description,
        "visitor_visit_id": None,
        "raised_at": raised,
        "taken_by_id": taker,
        "owner_id": owner,
        "status": "new",
        "deadline_at": deadline,
        "first_deadline_at": deadline,
        "attend_deadline_at": attend,
        "attended_at": None,
        "late_minutes": 0,
        "reopen_count": 0,
        "resolved_at": None,
        "resolution": "",
        "callback_due_at": None,
        "called_back_at": None,
        "satisfaction": None,
        "closed_at": None,
        "updated_at": raised,
    }
    events.append((index, "created", "", "new", f"时限 {spec.describe()}", raised))
    if stage == "new":
        return row
    at = raised + timedelta(minutes=rng.randint(5, 60))
    if at > now:
        return row
    row["status"] = "in_progress"
    if owner != taker:
        events.append((index, "assign", "new", "new", "转交处理", at))
    events.append((index, "note", "new", "in_progress", "已联系相关部门", at))
    if attend is not None:
        row["attended_at"] = min(at, now)
    if stage == "in_progress":
        return row
    # Mostly on time, sometimes late (the lateness is kept).
    late = rng.random() < 0.2
    span = deadline - raised
    resolved = (
        (deadline + timedelta(hours=rng.randint(1, 20)))
        if late
        else (raised + span * rng.uniform(0.2, 0.95))
    )
    if resolved > now:
        return row
    row.update(
        status="resolved",
        resolved_at=resolved,
        resolution=resolution,
        late_minutes=rules.lateness_minutes(spec, deadline, resolved),
        callback_due_at=rules.callback_due(kind, resolved),
        updated_at=resolved,
    )
    events.append((index, "resolve", "in_progress", "resolved", resolution, resolved))
    if stage == "resolved":
        return row
    called = min(row["callback_due_at"], resolved + timedelta(hours=rng.randint(2, 20)))
    if called > now:
        return row
    satisfaction = rng.choice(("satisfied", "satisfied", "satisfied", "basically", "dissatisfied"))
    row.update(status="called_back", called_back_at=called, satisfaction=satisfaction)
    events.append(
        (
            index,
            "call_back",
            "resolved",
            "called_back",
            dm.SATISFACTION_LABELS[satisfaction],
            called,
        )
    )
    if stage == "called_back":
        return row
    if satisfaction == "dissatisfied" and now - called < timedelta(days=20):
        reopened = called + timedelta(minutes=5)
        row.update(
            status="in_progress",
            reopen_count=1,
            deadline_at=rules.due(spec, reopened),
            resolved_at=None,
            callback_due_at=None,
            called_back_at=None,
            satisfaction=None,
            updated_at=reopened,
        )
        events.append((index, "reopen", "called_back", "in_progress", "业主不满意", reopened))
        return row
    closed = called + timedelta(minutes=10)
    if closed > now:
        return row
    row.update(status="closed", closed_at=closed, updated_at=closed)
    events.append((index, "close", "called_back", "closed", "", closed))
    return row


def _messages(rng: random.Random, staff: list[Any], now: datetime) -> list[dict[str, Any]]:
    if len(staff) < 2:
        return []
    callers = ("刘兵", "王芳", "赵磊", "陈静", "孙伟")
    out = []
    for n in range(6):
        to_id, taker = rng.sample([sid for sid, _no, _r in staff], 2)
        taken = now - timedelta(hours=rng.randint(1, 72))
        out.append(
            {
                "to_staff_id": to_id,
                "taken_by_id": taker,
                "taken_at": taken,
                "caller_name": callers[n % len(callers)],
                "callback_phone": f"1390000{rng.randint(1000, 9999)}",
                "body": rng.choice(("请回电", "关于物业费发票，请回电", "明天上午来办手续")),
                "read_back": True,
                "read_at": None if n % 2 == 0 else taken + timedelta(hours=1),
            }
        )
    return out
