"""Home fee-collection visits (上门收费): booking, agenda, confirmation, departure, outcome.

Each public function taking a ``Database`` is one user action in one
transaction; those taking a ``Session`` are read helpers for other areas
(overdue calls, Today's work) that run inside the caller's session.

Contract for other areas (overdue-fee calls):

- ``book_visit(db, actor, VisitRequest(...), now=..., calendar=..., settings=...) -> VisitRow``;
  ``VisitRequest(household_id, staff_id, scheduled_at, expected_amount_fen, reason,
  same_day_reason="", note="", source_call_id=None, source="desk")`` with an aware
  ``scheduled_at``; a visit booked from a call passes ``source_call_id`` (``source`` then
  defaults to ``"call"``). Bad input raises ``ValidationError`` (Chinese).
- ``open_visit_household_ids(s) -> set[int]``: households with a live visit still to come.
- ``day_agenda(s, day, staff_id=None)`` and ``to_confirm(s, day, staff_id=None)``.

Decisions: who goes is any active staff member; visits lie inside one open
period of a working day (never across the lunch break); "at least one day
ahead" counts calendar days (``visits.min_days_ahead``); a clash with the same
person's live visits (with ``visits.travel_buffer_minutes`` either side) is
refused, and ``preview_booking`` shows it before saving. A collected visit is
a real payment on the fixed desk ``上门收费`` with the field series
(``cashier.field_series``), so its receipt numbers are gap-free per year apart
from the counters'. Cash taken in the field goes into that desk's own cash
session (opened on the first field payment), never into a counter drawer;
a supervisor closes it when the cash is handed in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.config import CashierSettings, MoneySettings, VisitSettings
from frontdesk.domain import visits as rules
from frontdesk.domain.float_plan import FloatPlan, plan_float
from frontdesk.domain.money import fen_to_yuan_str, round_cash
from frontdesk.domain.tender import Tender
from frontdesk.domain.visits import Slot, VisitRuleError
from frontdesk.domain.workcalendar import OfficeCalendar, from_local, to_local
from frontdesk.errors import ValidationError
from frontdesk.services import audit, payments
from frontdesk.services.billing import household_dues
from frontdesk.services.exports import _checked_suffix, _with_header, write_csv, write_xlsx
from frontdesk.services.users import Actor, require
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    Bill,
    CashSession,
    HomeVisit,
    HomeVisitEvent,
    Household,
    Owner,
    Room,
    Staff,
)

FIELD_DESK = "上门收费"
"""The desk name of every field receipt (its own gap-free counter per series and year)."""

VISIT_COLUMNS = (
    "room",
    "owner",
    "staff",
    "booked_at",
    "scheduled_at",
    "status",
    "same_day_reason",
    "expected_amount",
    "collected_amount",
    "receipt_no",
)
SOURCES = ("desk", "phone", "call")
MAX_TEXT = 500

__all__ = [
    "FIELD_DESK",
    "VISIT_COLUMNS",
    "BookingPreview",
    "Outcome",
    "StaffChoice",
    "VisitEventRow",
    "VisitRequest",
    "VisitRow",
    "agenda",
    "book_visit",
    "cancel_visit",
    "confirm_visit",
    "day_agenda",
    "default_expected_fen",
    "export_visits",
    "float_plan_for",
    "get_visit",
    "list_staff",
    "next_slot",
    "open_visit_household_ids",
    "preview_booking",
    "record_collected",
    "record_departure_call",
    "record_not_home",
    "reschedule_visit",
    "set_checklist",
    "set_out",
    "to_confirm",
    "visit_history",
]


@dataclass(frozen=True)
class VisitRequest:
    """A visit to book; ``scheduled_at`` is aware. ``source``: desk, phone or call."""

    household_id: int
    staff_id: int | None
    scheduled_at: datetime
    expected_amount_fen: int
    reason: str
    same_day_reason: str = ""
    note: str = ""
    source_call_id: int | None = None
    source: str = ""


@dataclass(frozen=True)
class VisitRow:
    """One visit as a list shows it (times aware UTC; show with ``to_local``)."""

    id: int
    household_id: int
    room: str
    owner: str
    staff_id: int
    staff_no: str
    staff_name: str
    scheduled_at: datetime
    duration_minutes: int
    status: str
    reason: str
    expected_fen: int
    same_day: bool
    same_day_reason: str
    booked_at: datetime
    booked_by: str
    departure_call: str
    checklist: tuple[str, ...]
    collected_fen: int | None
    receipt_no: str
    cancel_reason: str
    note: str
    rescheduled_from_id: int | None
    source_call_id: int | None

    @property
    def status_label(self) -> str:
        return rules.STATUS_LABELS.get(self.status, self.status)

    @property
    def reason_label(self) -> str:
        return rules.REASON_LABELS.get(self.reason, self.reason)


@dataclass(frozen=True)
class VisitEventRow:
    """One step of a visit's history."""

    at: datetime
    by_staff_no: str
    kind: str
    from_status: str
    to_status: str
    detail: str


@dataclass(frozen=True)
class BookingPreview:
    """What booking would mean, shown before saving: short notice, clashes, or the problem."""

    same_day: bool
    clashes: tuple[VisitRow, ...]
    problem: str = ""


@dataclass(frozen=True)
class StaffChoice:
    """An active staff member who can be sent."""

    id: int
    staff_no: str
    name: str


@dataclass(frozen=True)
class Outcome:
    """The result of recording an outcome: the visit and, for a collection, the payment."""

    visit: VisitRow
    payment_id: int | None = None
    receipt_no: str = ""
    next_visit: VisitRow | None = None
    offered_slot: datetime | None = None
    lines: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------- reads


def _to_rows(s: Session, visits: Sequence[HomeVisit]) -> list[VisitRow]:
    if not visits:
        return []
    household_ids = {v.household_id for v in visits}
    rooms = dict(
        s.execute(
            select(Household.id, Room.code)
            .join(Room, Room.id == Household.room_id)
            .where(Household.id.in_(household_ids))
        ).all()
    )
    owners: dict[int, list[str]] = {}
    for hid, name in s.execute(
        select(Owner.household_id, Owner.name)
        .where(Owner.household_id.in_(household_ids))
        .order_by(Owner.household_id, Owner.primary.desc(), Owner.id)
    ).all():
        owners.setdefault(hid, []).append(name)
    staff = {
        row.id: row
        for row in s.execute(
            select(Staff.id, Staff.staff_no, Staff.name).where(
                Staff.id.in_({v.staff_id for v in visits})
            )
        )
    }
    return [
        VisitRow(
            id=v.id,
            household_id=v.household_id,
            room=rooms.get(v.household_id, ""),
            owner="、".join(owners.get(v.household_id, [])),
            staff_id=v.staff_id,
            staff_no=staff[v.staff_id].staff_no,
            staff_name=staff[v.staff_id].name,
            scheduled_at=v.scheduled_at,
            duration_minutes=v.duration_minutes,
            status=v.status,
            reason=v.reason,
            expected_fen=v.expected_fen,
            same_day=v.same_day,
            same_day_reason=v.same_day_reason,
            booked_at=v.booked_at,
            booked_by=v.booked_by,
            departure_call=v.departure_call,
            checklist=tuple(json.loads(v.checklist or "[]")),
            collected_fen=v.collected_fen,
            receipt_no=v.receipt_no,
            cancel_reason=v.cancel_reason,
            note=v.note,
            rescheduled_from_id=v.rescheduled_from_id,
            source_call_id=v.source_call_id,
        )
        for v in visits
    ]


def _day_bounds(day: date, days: int = 1, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    start = from_local(datetime.combine(day, time.min), tz)
    end = from_local(datetime.combine(day + timedelta(days=days), time.min), tz)
    return start, end


def agenda(
    s: Session, start_day: date, days: int = 1, staff_id: int | None = None
) -> list[VisitRow]:
    """Every visit (any status) on ``days`` local days from ``start_day``, in time order."""
    low, high = _day_bounds(start_day, days)
    query = select(HomeVisit).where(HomeVisit.scheduled_at >= low, HomeVisit.scheduled_at < high)
    if staff_id is not None:
        query = query.where(HomeVisit.staff_id == staff_id)
    visits = s.scalars(query.order_by(HomeVisit.scheduled_at, HomeVisit.id)).all()
    return _to_rows(s, visits)


def day_agenda(s: Session, day: date, staff_id: int | None = None) -> list[VisitRow]:
    """The visits of local ``day`` (every status), for one person or everyone."""
    return agenda(s, day, 1, staff_id)


def to_confirm(
    s: Session,
    day: date,
    staff_id: int | None = None,
    *,
    calendar: OfficeCalendar | None = None,
) -> list[VisitRow]:
    """Visits on the next working day after ``day`` still ``booked``: phone to confirm them."""
    calendar = calendar or OfficeCalendar()
    target = calendar.next_working_day(day)
    return [row for row in day_agenda(s, target, staff_id) if row.status == "booked"]


def open_visit_household_ids(s: Session, *, now: datetime | None = None) -> set[int]:
    """Households with a visit booked, confirmed or out whose time has not passed (or is out)."""
    now = now or utcnow()
    live = HomeVisit.status.in_(("booked", "confirmed"))
    ids = s.scalars(
        select(HomeVisit.household_id).where(
            (live & (HomeVisit.scheduled_at >= now - timedelta(hours=12)))
            | (HomeVisit.status == "out")
        )
    ).all()
    return set(ids)


def get_visit(db: Database, visit_id: int) -> VisitRow:
    """One visit. Raises ValidationError if there is none with this id."""
    with db.read() as s:
        return _to_rows(s, [_get(s, visit_id)])[0]


def visit_history(db: Database, visit_id: int) -> list[VisitEventRow]:
    """The steps of a visit, oldest first, following reschedules back to the first booking."""
    with db.read() as s:
        chain: list[int] = []
        current: int | None = visit_id
        while current is not None and current not in chain:
            chain.append(current)
            current = s.scalar(select(HomeVisit.rescheduled_from_id).where(HomeVisit.id == current))
        events = s.scalars(
            select(HomeVisitEvent)
            .where(HomeVisitEvent.visit_id.in_(chain))
            .order_by(HomeVisitEvent.at, HomeVisitEvent.id)
        ).all()
        return [
            VisitEventRow(e.at, e.by_staff_no, e.kind, e.from_status, e.to_status, e.detail)
            for e in events
        ]


def list_staff(db: Database) -> list[StaffChoice]:
    """Active staff members, by staff number: anyone may be sent on a visit."""
    with db.read() as s:
        return [
            StaffChoice(r.id, r.staff_no, r.name)
            for r in s.execute(
                select(Staff.id, Staff.staff_no, Staff.name)
                .where(Staff.active.is_(True))
                .order_by(Staff.staff_no)
            )
        ]


def default_expected_fen(db: Database, household_id: int, *, on: date) -> int:
    """The household's dues as of ``on``: open bills plus late fees (the expected amount)."""
    dues = household_dues(db, household_id, on=on)
    return dues.arrears_fen + dues.late_fees_fen


# ---------------------------------------------------------------- booking


def _get(s: Session, visit_id: int, *, lock: bool = False) -> HomeVisit:
    query = select(HomeVisit).where(HomeVisit.id == visit_id)
    if lock:
        query = query.with_for_update()
    visit = s.scalar(query)
    if visit is None:
        raise ValidationError(f"找不到编号为 {visit_id} 的上门收费预约。")
    return visit


def _others(s: Session, staff_id: int, around: datetime, exclude: int | None) -> list[Slot]:
    """The person's live visits within two days of ``around`` (local slots)."""
    query = select(HomeVisit).where(
        HomeVisit.staff_id == staff_id,
        HomeVisit.status.in_(tuple(rules.LIVE_STATUSES)),
        HomeVisit.scheduled_at >= around - timedelta(days=2),
        HomeVisit.scheduled_at <= around + timedelta(days=2),
    )
    if exclude is not None:
        query = query.where(HomeVisit.id != exclude)
    visits = s.scalars(query).all()
    rows = {r.id: r for r in _to_rows(s, visits)}
    return [
        Slot(v.id, to_local(v.scheduled_at), v.duration_minutes, f"{rows[v.id].room}")
        for v in visits
    ]


def _staff(s: Session, staff_id: int | None) -> Staff:
    if staff_id is None:
        raise ValidationError("请选择上门的员工。")
    staff = s.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise ValidationError("所选员工不存在或已停用，请另选上门的员工。")
    return staff


def _check_text(value: str, name: str) -> str:
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise ValidationError(f"{name}不能超过 {MAX_TEXT} 个字。")
    return value


def _check_request(
    s: Session,
    request: VisitRequest,
    now: datetime,
    calendar: OfficeCalendar,
    settings: VisitSettings,
    money: MoneySettings,
    exclude: int | None,
) -> tuple[Staff, rules.BookingCheck]:
    if request.scheduled_at.tzinfo is None:
        raise ValueError("scheduled_at must be timezone-aware")
    staff = _staff(s, request.staff_id)
    if s.get(Household, request.household_id) is None:
        raise ValidationError(f"找不到编号为 {request.household_id} 的住户。")
    amount = request.expected_amount_fen
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ValidationError("预计收费金额必须是不小于 0 的金额。")
    if amount > money.max_amount_fen:
        raise ValidationError(f"预计收费金额不能超过 {money.max_amount_yuan} 元。")
    if request.source and request.source not in SOURCES:
        raise ValidationError("预约来源只能是前台、电话或催缴电话。")
    _check_text(request.note, "备注")
    _check_text(request.same_day_reason, "当天预约原因")
    start = to_local(request.scheduled_at)
    try:
        check = rules.check_booking(
            start=start,
            now=to_local(now),
            minutes=settings.duration_minutes,
            calendar=calendar,
            min_days_ahead=settings.min_days_ahead,
            same_day_reason=request.same_day_reason,
            others=_others(s, staff.id, request.scheduled_at, exclude),
            buffer_minutes=settings.travel_buffer_minutes,
            reason=request.reason,
        )
    except VisitRuleError as exc:
        raise ValidationError(str(exc)) from None
    return staff, check


def preview_booking(
    db: Database,
    request: VisitRequest,
    *,
    now: datetime | None = None,
    calendar: OfficeCalendar | None = None,
    settings: VisitSettings | None = None,
    exclude_visit_id: int | None = None,
) -> BookingPreview:
    """Before saving: whether it is short notice, the person's clashing visits, or the problem."""
    now = now or utcnow()
    calendar = calendar or OfficeCalendar()
    settings = settings or VisitSettings()
    with db.read() as s:
        same_day = (
            rules.is_short_notice(
                to_local(request.scheduled_at), to_local(now), settings.min_days_ahead
            )
            if request.scheduled_at.tzinfo is not None
            else False
        )
        found: tuple[VisitRow, ...] = ()
        if request.staff_id is not None and request.scheduled_at.tzinfo is not None:
            others = _others(s, request.staff_id, request.scheduled_at, exclude_visit_id)
            hits = rules.clashes(
                to_local(request.scheduled_at),
                settings.duration_minutes,
                others,
                settings.travel_buffer_minutes,
            )
            ids = [h.visit_id for h in hits]
            if ids:
                visits = s.scalars(
                    select(HomeVisit).where(HomeVisit.id.in_(ids)).order_by(HomeVisit.scheduled_at)
                ).all()
                found = tuple(_to_rows(s, visits))
        try:
            _check_request(s, request, now, calendar, settings, MoneySettings(), exclude_visit_id)
        except ValidationError as exc:
            return BookingPreview(same_day, found, str(exc))
        return BookingPreview(same_day, found, "")


def _event(
    s: Session,
    visit: HomeVisit,
    actor: Actor,
    kind: str,
    now: datetime,
    from_status: str,
    detail: str = "",
) -> None:
    s.add(
        HomeVisitEvent(
            visit_id=visit.id,
            at=now,
            by_staff_no=actor.staff_no,
            kind=kind,
            from_status=from_status,
            to_status=visit.status,
            detail=detail,
        )
    )


def _insert_visit(
    s: Session,
    actor: Actor,
    request: VisitRequest,
    now: datetime,
    calendar: OfficeCalendar,
    settings: VisitSettings,
    money: MoneySettings,
    *,
    rescheduled_from: HomeVisit | None = None,
) -> HomeVisit:
    staff, check = _check_request(s, request, now, calendar, settings, money, None)
    source = request.source or ("call" if request.source_call_id is not None else "desk")
    visit = HomeVisit(
        household_id=request.household_id,
        staff_id=staff.id,
        scheduled_at=request.scheduled_at,
        duration_minutes=settings.duration_minutes,
        booked_at=now,
        booked_by=actor.staff_no,
        expected_fen=request.expected_amount_fen,
        reason=request.reason,
        source=source,
        source_call_id=request.source_call_id,
        same_day=check.same_day,
        same_day_reason=request.same_day_reason.strip() if check.same_day else "",
        note=request.note.strip(),
        status="booked",
        checklist="[]",
        departure_call="",
        receipt_no="",
        cancel_reason="",
        rescheduled_from_id=rescheduled_from.id if rescheduled_from is not None else None,
    )
    s.add(visit)
    s.flush()
    detail = f"{to_local(request.scheduled_at):%Y-%m-%d %H:%M} {staff.name}"
    if rescheduled_from is not None:
        detail = f"改期自 #{rescheduled_from.id} {to_local(rescheduled_from.scheduled_at):%Y-%m-%d %H:%M} → {detail}"
    if check.same_day:
        detail += f"（当天预约：{visit.same_day_reason}）"
    _event(s, visit, actor, "booked", now, "", detail)
    audit.record(
        s,
        actor.staff_no,
        "visit.book",
        "home_visit",
        visit.id,
        {
            "household_id": visit.household_id,
            "staff_no": staff.staff_no,
            "scheduled_at": visit.scheduled_at.isoformat(),
            "expected": visit.expected_fen,
            "reason": visit.reason,
            "same_day": visit.same_day,
            "rescheduled_from": visit.rescheduled_from_id,
        },
    )
    return visit


def book_visit(
    db: Database,
    actor: Actor,
    request: VisitRequest,
    *,
    now: datetime | None = None,
    calendar: OfficeCalendar | None = None,
    settings: VisitSettings | None = None,
    money: MoneySettings | None = None,
) -> VisitRow:
    """Book a home collection visit (one transaction with its history row and audit).

    Raises:
        ValidationError: no person, a person who is not active, no such household,
            a bad expected amount, a time in the past or outside office hours, short
            notice without a reason, or a clash with the person's other visits.
    """
    now = now or utcnow()
    calendar = calendar or OfficeCalendar()
    settings = settings or VisitSettings()
    money = money or MoneySettings()
    with db.begin() as s:
        if request.staff_id is not None:
            # Serialise bookings for one person so two desks cannot book the same slot.
            s.execute(select(Staff.id).where(Staff.id == request.staff_id).with_for_update())
        visit = _insert_visit(s, actor, request, now, calendar, settings, money)
        return _to_rows(s, [visit])[0]


# ---------------------------------------------------------------- steps


def _move(
    s: Session, visit: HomeVisit, new: str, actor: Actor, now: datetime, detail: str = ""
) -> None:
    try:
        rules.check_move(visit.status, new)
    except VisitRuleError as exc:
        raise ValidationError(str(exc)) from None
    old = visit.status
    visit.status = new
    _event(s, visit, actor, new, now, old, detail)
    audit.record(
        s,
        actor.staff_no,
        f"visit.{new}",
        "home_visit",
        visit.id,
        {"from": old, "to": new, "detail": detail},
    )


def _refuse_final(visit: HomeVisit) -> None:
    if visit.status in rules.FINAL_STATUSES:
        raise ValidationError(f"该上门收费已{rules.STATUS_LABELS[visit.status]}，不能再登记。")


def confirm_visit(
    db: Database, actor: Actor, visit_id: int, *, now: datetime | None = None, note: str = ""
) -> VisitRow:
    """The owner confirmed the time by phone (the day before)."""
    now = now or utcnow()
    note = _check_text(note, "备注")
    with db.begin() as s:
        visit = _get(s, visit_id, lock=True)
        _move(s, visit, "confirmed", actor, now, note)
        visit.confirmed_at = now
        visit.confirmed_by = actor.staff_no
        return _to_rows(s, [visit])[0]


def record_departure_call(
    db: Database, actor: Actor, visit_id: int, result: str, *, now: datetime | None = None
) -> VisitRow:
    """The call before leaving: ``done`` or ``no_answer``."""
    now = now or utcnow()
    if result not in rules.DEPARTURE_CALLS:
        raise ValidationError("出发前电话的结果只能是“已通话”或“无人接听”。")
    with db.begin() as s:
        visit = _get(s, visit_id, lock=True)
        _refuse_final(visit)
        if visit.status != "confirmed":
            raise ValidationError("请先确认预约（提前一天电话确认），再登记出发前电话。")
        visit.departure_call = result
        visit.departure_call_at = now
        _event(
            s,
            visit,
            actor,
            "departure_call",
            now,
            visit.status,
            rules.DEPARTURE_CALL_LABELS[result],
        )
        return _to_rows(s, [visit])[0]


def set_checklist(
    db: Database,
    actor: Actor,
    visit_id: int,
    ticked: Sequence[str],
    *,
    now: datetime | None = None,
) -> VisitRow:
    """Store which checklist items are ticked (staff ID, change, detector, receipts, shoe covers)."""
    now = now or utcnow()
    try:
        items = rules.check_checklist(ticked)
    except VisitRuleError as exc:
        raise ValidationError(str(exc)) from None
    with db.begin() as s:
        visit = _get(s, visit_id, lock=True)
        _refuse_final(visit)
        if visit.status == "out":
            raise ValidationError("已出发，不能再修改出发前检查清单。")
        visit.checklist = json.dumps(list(items))
        labels = "、".join(rules.CHECKLIST_LABELS[i] for i in items) or "（无）"
        _event(s, visit, actor, "checklist", now, visit.status, labels)
        return _to_rows(s, [visit])[0]


def set_out(db: Database, actor: Actor, visit_id: int, *, now: datetime | None = None) -> VisitRow:
    """Leave for the visit: needs the pre-departure call and the whole checklist."""
    now = now or utcnow()
    with db.begin() as s:
        visit = _get(s, visit_id, lock=True)
        _refuse_final(visit)
        if visit.status != "confirmed":
            raise ValidationError("只有已确认的预约才能出发。")
        try:
            rules.check_departure(visit.departure_call, json.loads(visit.checklist or "[]"))
        except VisitRuleError as exc:
            raise ValidationError(str(exc)) from None
        _move(s, visit, "out", actor, now)
        visit.out_at = now
        return _to_rows(s, [visit])[0]


def cancel_visit(
    db: Database, actor: Actor, visit_id: int, reason: str, *, now: datetime | None = None
) -> VisitRow:
    """Cancel a visit that has not happened; a reason is required."""
    now = now or utcnow()
    reason = _check_text(reason, "取消原因")
    if not reason:
        raise ValidationError("取消上门收费必须填写原因。")
    with db.begin() as s:
        visit = _get(s, visit_id, lock=True)
        _move(s, visit, "cancelled", actor, now, reason)
        visit.cancel_reason = reason
        visit.outcome_at = now
        visit.outcome_by = actor.staff_no
        return _to_rows(s, [visit])[0]


def reschedule_visit(
    db: Database,
    actor: Actor,
    visit_id: int,
    new_time: datetime,
    reason: str,
    *,
    staff_id: int | None = None,
    same_day_reason: str = "",
    now: datetime | None = None,
    calendar: OfficeCalendar | None = None,
    settings: VisitSettings | None = None,
    money: MoneySettings | None = None,
) -> VisitRow:
    """Move a visit: the old one ends ``rescheduled``, a new one is booked pointing back at it.

    Returns the new visit. The history keeps from when to when, who and why.
    """
    now = now or utcnow()
    reason = _check_text(reason, "改期原因")
    if not reason:
        raise ValidationError("改期必须填写原因。")
    with db.begin() as s:
        visit = _get(s, visit_id, lock=True)
        new = _rebook(
            s,
            actor,
            visit,
            "rescheduled",
            new_time,
            reason,
            staff_id,
            same_day_reason,
            now,
            calendar or OfficeCalendar(),
            settings or VisitSettings(),
            money or MoneySettings(),
        )
        return _to_rows(s, [new])[0]


def _rebook(
    s: Session,
    actor: Actor,
    visit: HomeVisit,
    status: str,
    new_time: datetime,
    reason: str,
    staff_id: int | None,
    same_day_reason: str,
    now: datetime,
    calendar: OfficeCalendar,
    settings: VisitSettings,
    money: MoneySettings,
) -> HomeVisit:
    _refuse_final(visit)
    if new_time.tzinfo is None:
        raise ValueError("new_time must be timezone-aware")
    detail = (
        f"{to_local(visit.scheduled_at):%Y-%m-%d %H:%M} → {to_local(new_time):%Y-%m-%d %H:%M}："
        f"{reason}"
    )
    _move(s, visit, status, actor, now, detail)
    visit.outcome_at = now
    visit.outcome_by = actor.staff_no
    s.flush()  # the old slot no longer clashes
    request = VisitRequest(
        household_id=visit.household_id,
        staff_id=staff_id if staff_id is not None else visit.staff_id,
        scheduled_at=new_time,
        expected_amount_fen=visit.expected_fen,
        reason=visit.reason,
        same_day_reason=same_day_reason,
        note=visit.note,
        source_call_id=visit.source_call_id,
        source=visit.source,
    )
    return _insert_visit(s, actor, request, now, calendar, settings, money, rescheduled_from=visit)


def next_slot(
    db: Database,
    visit_id: int,
    *,
    now: datetime | None = None,
    calendar: OfficeCalendar | None = None,
    settings: VisitSettings | None = None,
) -> datetime | None:
    """The next free slot (aware) for the visit's person, respecting lead time and clashes."""
    now = now or utcnow()
    calendar = calendar or OfficeCalendar()
    settings = settings or VisitSettings()
    with db.read() as s:
        visit = _get(s, visit_id)
        local_now = to_local(now)
        earliest = local_now.date() + timedelta(days=settings.min_days_ahead)
        others = _others_range(s, visit.staff_id, visit.id, now)
        found = rules.next_free_slot(
            after=local_now,
            calendar=calendar,
            minutes=settings.duration_minutes,
            others=others,
            buffer_minutes=settings.travel_buffer_minutes,
            earliest_day=earliest,
        )
        return from_local(found) if found is not None else None


def _others_range(s: Session, staff_id: int, exclude: int, now: datetime) -> list[Slot]:
    visits = s.scalars(
        select(HomeVisit).where(
            HomeVisit.staff_id == staff_id,
            HomeVisit.status.in_(tuple(rules.LIVE_STATUSES)),
            HomeVisit.scheduled_at >= now - timedelta(days=1),
            HomeVisit.scheduled_at <= now + timedelta(days=90),
            HomeVisit.id != exclude,
        )
    ).all()
    return [Slot(v.id, to_local(v.scheduled_at), v.duration_minutes) for v in visits]


def record_not_home(
    db: Database,
    actor: Actor,
    visit_id: int,
    *,
    note: str = "",
    rebook_at: datetime | None = None,
    now: datetime | None = None,
    calendar: OfficeCalendar | None = None,
    settings: VisitSettings | None = None,
    money: MoneySettings | None = None,
) -> Outcome:
    """Nobody was home. With ``rebook_at`` (e.g. ``next_slot``) a new visit is booked then.

    Without it, the next free slot is only offered (``Outcome.offered_slot``).
    """
    now = now or utcnow()
    calendar = calendar or OfficeCalendar()
    settings = settings or VisitSettings()
    note = _check_text(note, "备注")
    with db.begin() as s:
        visit = _get(s, visit_id, lock=True)
        _refuse_final(visit)
        if visit.status != "out":
            raise ValidationError("只有已出发的上门收费才能登记“不在家”。")
        new: HomeVisit | None = None
        if rebook_at is not None:
            new = _rebook(
                s,
                actor,
                visit,
                "not_home",
                rebook_at,
                note or "业主不在家",
                None,
                "业主不在家，重新约定" if rebook_at else "",
                now,
                calendar,
                settings,
                money or MoneySettings(),
            )
        else:
            _move(s, visit, "not_home", actor, now, note)
            visit.outcome_at = now
            visit.outcome_by = actor.staff_no
        row = _to_rows(s, [visit])[0]
        next_row = _to_rows(s, [new])[0] if new is not None else None
    offered = (
        None
        if new is not None
        else next_slot(db, visit_id, now=now, calendar=calendar, settings=settings)
    )
    return Outcome(row, next_visit=next_row, offered_slot=offered)


def record_collected(
    db: Database,
    actor: Actor,
    visit_id: int,
    *,
    cashier: CashierSettings,
    estate_name: str,
    method: str = "cash",
    reference: str = "",
    bill_ids: Sequence[int] | None = None,
    money: MoneySettings | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Collected at the door: a real payment in the field series, allocated to the bills.

    One transaction: payment (desk ``FIELD_DESK``, series ``cashier.field_series``),
    allocation, bills paid, cash into the field desk's cash session, the visit
    ``done`` with its receipt number, the history row and the audit rows. The
    receipt is printed later (reprint at the counter, or the PDF receipt).
    ``bill_ids`` default to every open bill of the household.

    Raises:
        ValidationError: the visit is not out (or already final), nothing is due,
            a bad method; nothing is recorded.
        PermissionDenied: the actor may not take payments (cashier or supervisor).
    """
    require(actor, "cashier", "supervisor")
    money = money or MoneySettings()
    now = now or utcnow()
    if method not in ("cash", "wechat", "alipay", "unionpay", "transfer"):
        raise ValidationError("收款方式只能是现金、微信、支付宝、银行卡或银行转账。")
    business_date = now.astimezone().date()
    with db.begin() as s:
        visit = _get(s, visit_id, lock=True)
        _refuse_final(visit)
        if visit.status != "out":
            raise ValidationError("只有已出发的上门收费才能登记收款。")
        ids = tuple(bill_ids) if bill_ids is not None else _open_bill_ids(s, visit.household_id)
        if not ids:
            raise ValidationError("该住户没有未缴账单，无需收费；请改为取消或登记其他结果。")
        lines, _bills = payments._open_bills(s, visit.household_id, ids, business_date)
        due = sum(line.amount_fen + line.late_fee_fen for line in lines)
        amount = round_cash(due, money.cash_unit_fen) if method == "cash" else due
        if method == "cash" and drawer_session(s) is None:
            session = CashSession(
                desk=FIELD_DESK,
                business_date=business_date,
                opened_by=actor.staff_no,
                opened_at=now,
                status="open",
            )
            s.add(session)
            s.flush()
            audit.record(
                s,
                actor.staff_no,
                "cash.open",
                "cash_session",
                session.id,
                {
                    "desk": FIELD_DESK,
                    "business_date": business_date.isoformat(),
                    "float_fen": 0,
                    "pieces": {},
                    "opened_by": "first field payment",
                },
            )
        request = payments.PaymentRequest(
            household_id=visit.household_id,
            bill_ids=ids,
            ahead_months=0,
            tenders=(Tender(method, amount, reference.strip()),),
        )
        result = payments._collect(
            s,
            actor,
            request,
            ids,
            FIELD_DESK,
            cashier.field_series,
            cashier,
            estate_name,
            now,
            business_date,
            money,
            False,
        )
        _move(s, visit, "done", actor, now, f"{result.receipt_no} ¥{fen_to_yuan_str(amount)}")
        visit.collected_fen = result.receipt.total_fen
        visit.payment_id = result.payment_id
        visit.receipt_no = result.receipt_no
        visit.outcome_at = now
        visit.outcome_by = actor.staff_no
        row = _to_rows(s, [visit])[0]
    return Outcome(row, payment_id=result.payment_id, receipt_no=result.receipt_no)


def drawer_session(s: Session) -> CashSession | None:
    """The field desk's open cash session, if any."""
    return s.scalars(
        select(CashSession)
        .where(CashSession.desk == FIELD_DESK, CashSession.status == "open")
        .order_by(CashSession.id.desc())
        .with_for_update()
    ).first()


def _open_bill_ids(s: Session, household_id: int) -> tuple[int, ...]:
    return tuple(
        s.scalars(
            select(Bill.id)
            .where(Bill.household_id == household_id, Bill.status == "open")
            .order_by(Bill.due_date, Bill.id)
        ).all()
    )


# ---------------------------------------------------------------- float planner


def float_plan_for(
    db: Database,
    staff_id: int,
    day: date,
    *,
    settings: VisitSettings | None = None,
    money: MoneySettings | None = None,
) -> FloatPlan:
    """The change float for a person's live visits of local ``day`` (expected amounts)."""
    settings = settings or VisitSettings()
    money = money or MoneySettings()
    with db.read() as s:
        rows = [r for r in day_agenda(s, day, staff_id) if r.status in rules.LIVE_STATUSES]
    return plan_float(
        [round_cash(r.expected_fen, money.cash_unit_fen) for r in rows if r.expected_fen > 0],
        round_to_fen=settings.float_round_to_yuan * 100,
    )


# ---------------------------------------------------------------- export


def export_visits(
    db: Database,
    actor: Actor,
    *,
    start: date,
    end: date,
    out: Path,
    tz: tzinfo | None = None,
) -> int:
    """Write the visits scheduled on local dates ``start``..``end`` to ``out`` (.csv / .xlsx).

    Columns :data:`VISIT_COLUMNS`; times in local time; amounts in yuan.

    Raises:
        PermissionDenied: not a supervisor or admin (exports are a supervisor's act).
        ValidationError: ``start`` after ``end``, an unknown extension.
    """
    require(actor, "supervisor")
    if start > end:
        raise ValidationError(
            f"开始日期 {start.isoformat()} 晚于结束日期 {end.isoformat()}，请检查日期范围。"
        )
    suffix = _checked_suffix(out)
    counter = [0]

    def rows() -> Iterator[list[object]]:
        with db.read() as s:
            low, high = _day_bounds(start, (end - start).days + 1, tz)
            visits = s.scalars(
                select(HomeVisit)
                .where(HomeVisit.scheduled_at >= low, HomeVisit.scheduled_at < high)
                .order_by(HomeVisit.scheduled_at, HomeVisit.id)
            ).all()
            for r in _to_rows(s, visits):
                counter[0] += 1
                yield [
                    r.room,
                    r.owner,
                    f"{r.staff_no} {r.staff_name}",
                    to_local(r.booked_at, tz).strftime("%Y-%m-%d %H:%M"),
                    to_local(r.scheduled_at, tz).strftime("%Y-%m-%d %H:%M"),
                    r.status_label,
                    r.same_day_reason,
                    fen_to_yuan_str(r.expected_fen),
                    "" if r.collected_fen is None else fen_to_yuan_str(r.collected_fen),
                    r.receipt_no,
                ]

    if suffix == ".csv":
        write_csv(out, _with_header(VISIT_COLUMNS, rows()))
    else:
        write_xlsx(out, VISIT_COLUMNS, rows(), sheet="上门收费", amount_columns=frozenset({7, 8}))
    with db.begin() as s:
        audit.record(
            s,
            actor.staff_no,
            "export.visits",
            "home_visit",
            "",
            {
                "from": start.isoformat(),
                "to": end.isoformat(),
                "rows": counter[0],
                "file": out.name,
            },
        )
    return counter[0]
