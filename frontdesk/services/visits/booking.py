"""Booking a visit and moving it: the rules check, the preview, book, reschedule, the next slot.

A booking is checked against the office calendar, ``[visits]`` settings and
the same person's live visits within two days (with the travel buffer); a
reschedule books the new visit and marks the old one ``rescheduled`` in the
same transaction, so the history keeps from when to when, who and why.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from frontdesk.config import MoneySettings, VisitSettings
from frontdesk.domain import visits as rules
from frontdesk.domain.visits import Slot, VisitRuleError
from frontdesk.domain.workcalendar import OfficeCalendar, from_local, to_local
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.users import Actor
from frontdesk.services.visits.records import (
    SOURCES,
    BookingPreview,
    VisitRequest,
    VisitRow,
    add_event,
    check_text,
    get_row,
    move,
    refuse_final,
    to_rows,
)
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    HomeVisit,
    Household,
    Staff,
)
from frontdesk.storage.models.calls import FeeCall


def others_near(s: Session, staff_id: int, around: datetime, exclude: int | None) -> list[Slot]:
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
    rows = {r.id: r for r in to_rows(s, visits)}
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
    check_text(request.note, "备注")
    check_text(request.same_day_reason, "当天预约原因")
    start = to_local(request.scheduled_at)
    try:
        check = rules.check_booking(
            start=start,
            now=to_local(now),
            minutes=settings.duration_minutes,
            calendar=calendar,
            min_days_ahead=settings.min_days_ahead,
            same_day_reason=request.same_day_reason,
            others=others_near(s, staff.id, request.scheduled_at, exclude),
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
            others = others_near(s, request.staff_id, request.scheduled_at, exclude_visit_id)
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
                found = tuple(to_rows(s, visits))
        try:
            _check_request(s, request, now, calendar, settings, MoneySettings(), exclude_visit_id)
        except ValidationError as exc:
            return BookingPreview(same_day, found, str(exc))
        return BookingPreview(same_day, found, "")


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
    add_event(s, visit, actor, "booked", now, "", detail)
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
        return to_rows(s, [visit])[0]


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
    reason = check_text(reason, "改期原因")
    if not reason:
        raise ValidationError("改期必须填写原因。")
    with db.begin() as s:
        visit = get_row(s, visit_id, lock=True)
        new = rebook(
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
        return to_rows(s, [new])[0]


def rebook(
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
    refuse_final(visit)
    if new_time.tzinfo is None:
        raise ValueError("new_time must be timezone-aware")
    detail = (
        f"{to_local(visit.scheduled_at):%Y-%m-%d %H:%M} → {to_local(new_time):%Y-%m-%d %H:%M}："
        f"{reason}"
    )
    move(s, visit, status, actor, now, detail)
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
    new = _insert_visit(s, actor, request, now, calendar, settings, money, rescheduled_from=visit)
    # A call that booked the old visit now points at the new one (its promise moved with it).
    s.execute(update(FeeCall).where(FeeCall.visit_id == visit.id).values(visit_id=new.id))
    return new


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
        visit = get_row(s, visit_id)
        local_now = to_local(now)
        earliest = local_now.date() + timedelta(days=settings.min_days_ahead)
        others = others_from(s, visit.staff_id, visit.id, now)
        found = rules.next_free_slot(
            after=local_now,
            calendar=calendar,
            minutes=settings.duration_minutes,
            others=others,
            buffer_minutes=settings.travel_buffer_minutes,
            earliest_day=earliest,
        )
        return from_local(found) if found is not None else None


def others_from(s: Session, staff_id: int, exclude: int, now: datetime) -> list[Slot]:
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
