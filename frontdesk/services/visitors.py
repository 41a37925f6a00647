"""The visitor log: sign in, sign out, who is in, the log, retention and export.

Each public function is one user action in one transaction. Times are stored
aware in UTC; the rules of :mod:`frontdesk.domain.visitors` work on local
wall-clock time (``tz`` None means the computer's zone).

The log is read a page at a time, newest first, with a keyset on
``(signed_in_at, id)`` so the hundredth page costs what the first does. A
filter by room, name or phone is a prefix of an indexed column; before a page
is read each prefix is probed (how many rows match, counted up to
:data:`PROBE_LIMIT` in the index). The rarest prefix under the limit drives
the query through its index and the few rows it finds are sorted; when every
prefix matches many rows (``1`` in the phone box, a building in the room box)
the query walks the time index newest first instead and stops at the page
size, which is quick exactly because matches are common.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any, Final, Protocol

from sqlalchemy import ColumnElement, Select, and_, func, literal, or_, select, update
from sqlalchemy.orm import Session

from frontdesk.domain import visitors as rules
from frontdesk.domain.dayclose import local_day_bounds
from frontdesk.domain.workcalendar import from_local, to_local
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.exports import ExportSpec, run_export
from frontdesk.services.search import _pg_codepoint_order, mask_phone
from frontdesk.services.users import Actor, require
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import Room, VisitorVisit

__all__ = [
    "EXPORT_COLUMNS",
    "PAGE_SIZE",
    "DailyResult",
    "LogFilter",
    "LogPage",
    "ReturningVisitor",
    "UnknownRoom",
    "VisitContact",
    "VisitorRow",
    "anonymise_old",
    "auto_sign_out",
    "can_see_full_phones",
    "export_visitors",
    "find_room",
    "get_visit",
    "log_page",
    "returning_visitor",
    "run_daily_jobs",
    "sign_in",
    "sign_out",
    "visit_contact",
    "who_is_in",
]

PAGE_SIZE: Final = 200
MAX_PAGE: Final = 1000
PROBE_LIMIT: Final = 5000
EXPORT_COLUMNS: Final = (
    "signed_in_at",
    "signed_out_at",
    "auto_signed_out",
    "name",
    "phone",
    "room",
    "purpose",
    "people",
    "id_checked",
    "recorded_by",
)
_BATCH: Final = 1000
_DASHES: Final = str.maketrans(dict.fromkeys("‐‑‒–—―−－", "-"))
_ROOM_CODE_RE: Final = re.compile(r"^[0-9]+(?:-[0-9]+){1,2}$")


class _ReceptionSettingsLike(Protocol):
    auto_sign_out_at: str
    retention_days: int
    full_phone_roles: list[str]


class UnknownRoom(ValidationError):
    """A room code the estate does not have; ``text`` may be kept as free text instead."""

    def __init__(self, text: str) -> None:
        super().__init__(f"房号 {text} 不存在。可以按文字记录（不关联房屋），或改正房号。")
        self.text = text


@dataclass(frozen=True)
class VisitorRow:
    """One visit as shown: ``phone`` is masked unless the viewer may see it in full."""

    id: int
    signed_in_at: datetime
    signed_out_at: datetime | None
    auto_signed_out: bool
    name: str
    phone: str
    room: str
    room_known: bool
    purpose: str
    people: int
    id_checked: bool
    car_plate: str
    notes: str
    recorded_by: str
    anonymised: bool

    @property
    def is_in(self) -> bool:
        return self.signed_out_at is None


@dataclass(frozen=True)
class ReturningVisitor:
    """What the last visit with a phone number said: to fill the form in."""

    name: str
    room: str
    purpose: str
    car_plate: str
    visits: int


@dataclass(frozen=True)
class LogFilter:
    """The log's filters; empty text means no filter on that field.

    ``start``/``end`` are local dates, inclusive. ``room``, ``name`` and
    ``phone`` match the beginning (``phone`` also the last digits, from four
    digits on).
    """

    start: date | None = None
    end: date | None = None
    room: str = ""
    name: str = ""
    phone: str = ""
    purpose: str = ""


Key = tuple[datetime, int]


@dataclass(frozen=True)
class LogPage:
    """A page of the log, newest first; ``next_after`` is None on the last page."""

    rows: list[VisitorRow]
    next_after: Key | None


@dataclass(frozen=True)
class DailyResult:
    signed_out: int
    anonymised: int


def can_see_full_phones(actor: Actor, settings: _ReceptionSettingsLike) -> bool:
    """True when ``actor``'s role is in ``[reception] full_phone_roles`` (admin always)."""
    return actor.role == "admin" or actor.role in settings.full_phone_roles


# ---------------------------------------------------------------- signing in and out


def find_room(db: Database, text: str) -> str | None:
    """The room code ``text`` names (full-width and odd dashes folded), or None."""
    code = _room_code(text)
    if code is None:
        return None
    with db.read() as s:
        found = s.scalar(select(Room.code).where(Room.code == code))
    return found


def sign_in(
    db: Database,
    actor: Actor,
    settings: _ReceptionSettingsLike,
    *,
    name: str,
    phone: str,
    room: str,
    purpose: str,
    people: int = 1,
    id_checked: bool = False,
    car_plate: str = "",
    notes: str = "",
    free_text_room: bool = False,
    now: datetime | None = None,
) -> VisitorRow:
    """Record a visitor coming in, now, by ``actor``.

    ``room`` is a room code (``3-2-1201``, looked up in the estate) or the name
    of a department (``物业办公室``, kept as text). A code the estate does not
    have is refused with :class:`UnknownRoom` unless ``free_text_room``.

    Raises:
        PermissionDenied: a cashier (visitors are recorded by clerks, supervisors, admins).
        ValidationError: an empty name, a phone that is not 7–15 digits, an empty
            room, an unknown purpose, people outside 1–99, over-long plate or notes.
        UnknownRoom: a room code that does not exist (and not ``free_text_room``).
    """
    require(actor, "clerk", "supervisor")
    try:
        clean_name = rules.check_name(name)
        number = rules.normalise_phone(phone)
        room_text = rules.check_room_text(room)
        rules.check_purpose(purpose)
        rules.check_people(people)
        plate = rules.check_plate(car_plate)
        clean_notes = rules.check_notes(notes)
    except rules.VisitorRuleError as exc:
        raise ValidationError(str(exc)) from None
    digits = rules.phone_digits(number)
    with db.begin() as s:
        room_id: int | None = None
        code = _room_code(room_text)
        if code is not None:
            found = s.execute(select(Room.id, Room.code).where(Room.code == code)).first()
            if found is not None:
                room_id, room_text = found[0], found[1]
            elif not free_text_room:
                raise UnknownRoom(code)
        visit = VisitorVisit(
            name=clean_name,
            phone=number,
            phone_digits=digits,
            phone_reversed=digits[::-1],
            room_id=room_id,
            room_text=room_text,
            purpose=purpose,
            people=people,
            id_checked=id_checked,
            car_plate=plate,
            notes=clean_notes,
            signed_in_at=now or utcnow(),
            recorded_by=actor.staff_no,
        )
        s.add(visit)
        s.flush()
        audit.record(s, actor.staff_no, "visitor.sign_in", "visitor_visit", visit.id)
        return _row(visit, full_phone=can_see_full_phones(actor, settings))


def sign_out(
    db: Database,
    actor: Actor,
    settings: _ReceptionSettingsLike,
    visit_id: int,
    *,
    now: datetime | None = None,
) -> VisitorRow:
    """Sign a visitor out, now.

    Raises:
        PermissionDenied: a cashier.
        ValidationError: no such visit, or the visitor is already signed out
            (nothing is changed).
    """
    require(actor, "clerk", "supervisor")
    with db.begin() as s:
        visit = s.execute(
            select(VisitorVisit).where(VisitorVisit.id == visit_id).with_for_update()
        ).scalar_one_or_none()
        if visit is None:
            raise ValidationError(f"找不到第 {visit_id} 号来访记录。")
        if visit.signed_out_at is not None:
            when = to_local(visit.signed_out_at).strftime("%m-%d %H:%M")
            how = "自动签离" if visit.auto_signed_out else "签离"
            raise ValidationError(f"{visit.name or '该访客'} 已于 {when} {how}，不用再签离。")
        visit.signed_out_at = now or utcnow()
        visit.signed_out_by = actor.staff_no
        audit.record(s, actor.staff_no, "visitor.sign_out", "visitor_visit", visit.id)
        s.flush()
        return _row(visit, full_phone=can_see_full_phones(actor, settings))


def returning_visitor(db: Database, phone: str) -> ReturningVisitor | None:
    """The latest visit by this phone number (not anonymised), or None.

    ``phone`` may be typed any way :func:`~frontdesk.domain.visitors.normalise_phone`
    accepts; anything that is not yet a phone number gives None.
    """
    try:
        digits = rules.phone_digits(rules.normalise_phone(phone))
    except rules.VisitorRuleError:
        return None
    with db.read() as s:
        last = s.execute(
            select(VisitorVisit)
            .where(VisitorVisit.phone_digits == digits, VisitorVisit.anonymised.is_(False))
            .order_by(VisitorVisit.phone_digits, VisitorVisit.signed_in_at.desc())
            .limit(1)
        ).scalar_one_or_none()
        if last is None:
            return None
        count = s.scalar(
            select(func.count()).select_from(
                select(literal(1))
                .where(VisitorVisit.phone_digits == digits, VisitorVisit.anonymised.is_(False))
                .limit(1000)
                .subquery()
            )
        )
        return ReturningVisitor(
            name=last.name,
            room=last.room_text,
            purpose=last.purpose,
            car_plate=last.car_plate,
            visits=int(count or 0),
        )


def get_visit(
    db: Database, actor: Actor, settings: _ReceptionSettingsLike, visit_id: int
) -> VisitorRow:
    """One visit as the viewer may see it.

    Raises:
        ValidationError: no such visit.
    """
    with db.read() as s:
        visit = s.get(VisitorVisit, visit_id)
        if visit is None:
            raise ValidationError(f"找不到第 {visit_id} 号来访记录。")
        return _row(visit, full_phone=can_see_full_phones(actor, settings))


@dataclass(frozen=True)
class VisitContact:
    """Who came and where, in full: what a matter opened from the visit records."""

    visit_id: int
    name: str
    phone: str
    room: str
    room_known: bool
    purpose: str


def visit_contact(db: Database, actor: Actor, visit_id: int) -> VisitContact:
    """The visitor's name, full phone number and room, to open a matter from the visit.

    Raises:
        PermissionDenied: a cashier.
        ValidationError: no such visit, or its record has been anonymised.
    """
    require(actor, "clerk", "supervisor")
    with db.read() as s:
        visit = s.get(VisitorVisit, visit_id)
        if visit is None:
            raise ValidationError(f"找不到第 {visit_id} 号来访记录。")
        if visit.anonymised:
            raise ValidationError("这条来访记录已过保留期并匿名化，不能再用来登记工单。")
        return VisitContact(
            visit_id=visit.id,
            name=visit.name,
            phone=visit.phone,
            room=visit.room_text,
            room_known=visit.room_id is not None,
            purpose=visit.purpose,
        )


def who_is_in(db: Database, actor: Actor, settings: _ReceptionSettingsLike) -> list[VisitorRow]:
    """Everyone signed in and not out, the latest first."""
    full = can_see_full_phones(actor, settings)
    with db.read() as s:
        visits = s.execute(
            select(VisitorVisit)
            .where(VisitorVisit.signed_out_at.is_(None))
            .order_by(VisitorVisit.signed_in_at.desc(), VisitorVisit.id.desc())
            .limit(MAX_PAGE)
        ).scalars()
        return [_row(v, full_phone=full) for v in visits]


# ---------------------------------------------------------------- the log


def log_page(
    db: Database,
    actor: Actor,
    settings: _ReceptionSettingsLike,
    flt: LogFilter,
    *,
    after: Key | None = None,
    limit: int = PAGE_SIZE,
    tz: tzinfo | None = None,
) -> LogPage:
    """One page of the log, newest first, after the ``after`` key of the previous page.

    Raises:
        ValidationError: ``start`` after ``end``, or an unknown purpose.
    """
    limit = max(1, min(limit, MAX_PAGE))
    if flt.start and flt.end and flt.start > flt.end:
        raise ValidationError(
            f"开始日期 {flt.start.isoformat()} 晚于结束日期 {flt.end.isoformat()}，请检查日期范围。"
        )
    if flt.purpose and flt.purpose not in rules.PURPOSES:
        raise ValidationError(f"来访事由“{flt.purpose}”不在列表中。")
    full = can_see_full_phones(actor, settings)
    with db.read() as s:
        query = _log_query(s, flt, tz)
        if after is not None:
            at, last_id = after
            # The first term bounds the index range; the second breaks ties at ``at``.
            query = query.where(
                VisitorVisit.signed_in_at <= at,
                or_(VisitorVisit.signed_in_at < at, VisitorVisit.id < last_id),
            )
        visits = list(s.execute(query.limit(limit + 1)).scalars())
        more = len(visits) > limit
        visits = visits[:limit]
        rows = [_row(v, full_phone=full) for v in visits]
    last = rows[-1] if rows else None
    return LogPage(rows, (last.signed_in_at, last.id) if more and last else None)


def _log_query(s: Session, flt: LogFilter, tz: tzinfo | None) -> Select[VisitorVisit]:
    range_ok = s.get_bind().dialect.name == "sqlite" or _pg_codepoint_order(s)
    conds: list[ColumnElement[bool]] = []
    if flt.start:
        conds.append(VisitorVisit.signed_in_at >= local_day_bounds(flt.start, tz)[0])
    if flt.end:
        conds.append(VisitorVisit.signed_in_at < local_day_bounds(flt.end, tz)[1])
    if flt.purpose:
        conds.append(VisitorVisit.purpose == flt.purpose)
    # Each prefix filter, as (indexed form, index-free form): the probe picks which.
    prefixes: list[tuple[ColumnElement[bool], ColumnElement[bool]]] = []
    room = _room_query(flt.room)
    if room:
        prefixes.append(_prefix(VisitorVisit.room_text, room, range_ok))
    name = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", flt.name)).strip()
    if name:
        prefixes.append(_prefix(VisitorVisit.name, name, range_ok))
    digits = rules.phone_query_digits(flt.phone)
    if digits:
        head = _prefix(VisitorVisit.phone_digits, digits, range_ok)
        if len(digits) >= 4:
            tail = _prefix(VisitorVisit.phone_reversed, digits[::-1], range_ok)
            prefixes.append((or_(head[0], tail[0]), or_(head[1], tail[1])))
        else:
            prefixes.append(head)
    driver: int | None = None
    best = PROBE_LIMIT
    for i, (indexed, _) in enumerate(prefixes):
        found = s.scalar(
            select(func.count()).select_from(
                select(literal(1)).where(indexed).limit(PROBE_LIMIT).subquery()
            )
        )
        if found is not None and found < best:
            driver, best = i, found
    for i, (indexed, free) in enumerate(prefixes):
        conds.append(indexed if i == driver else free)
    return (
        select(VisitorVisit)
        .where(*conds)
        .order_by(VisitorVisit.signed_in_at.desc(), VisitorVisit.id.desc())
    )


def _prefix(
    column: Any, prefix: str, range_ok: bool
) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """``column`` starts with ``prefix``: through its index, and without it."""
    free_col = column.concat("")  # an expression: no index, so the time order drives
    like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if range_ok and ord(prefix[-1]) < 0x10FFFF:
        hi = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return and_(column >= prefix, column < hi), and_(free_col >= prefix, free_col < hi)
    return column.like(like, escape="\\"), free_col.like(like, escape="\\")


def _room_query(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).translate(_DASHES).strip()
    return re.sub(r"\s*-\s*", "-", s)


def _room_code(text: str) -> str | None:
    """``03-02-1201`` → ``3-2-1201`` when ``text`` looks like a room code, else None."""
    s = _room_query(text).replace(" ", "")
    if not _ROOM_CODE_RE.match(s):
        return None
    parts = s.split("-")
    return "-".join([*(str(int(p)) for p in parts[:-1]), parts[-1]])


# ---------------------------------------------------------------- daily jobs


def auto_sign_out(
    db: Database,
    settings: _ReceptionSettingsLike,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> int:
    """Sign out everyone still in since before the last ``auto_sign_out_at`` hour.

    They are signed out at that hour, flagged ``auto_signed_out``, by ``system``.
    Returns how many; running it again changes nothing.
    """
    at = rules.parse_sign_out_hour(settings.auto_sign_out_at)
    moment = now or utcnow()
    cutoff = from_local(rules.auto_sign_out_cutoff(to_local(moment, tz), at), tz)
    with db.begin() as s:
        ids = list(
            s.execute(
                select(VisitorVisit.id).where(
                    VisitorVisit.signed_out_at.is_(None), VisitorVisit.signed_in_at < cutoff
                )
            ).scalars()
        )
        if not ids:
            return 0
        for chunk in _chunks(ids):
            s.execute(
                update(VisitorVisit)
                .where(VisitorVisit.id.in_(chunk), VisitorVisit.signed_out_at.is_(None))
                .values(signed_out_at=cutoff, auto_signed_out=True, signed_out_by="system")
            )
        audit.record(
            s,
            "system",
            "visitor.auto_sign_out",
            "visitor_visit",
            "",
            {"count": len(ids), "at": cutoff.isoformat()},
        )
        return len(ids)


def anonymise_old(
    db: Database,
    actor: Actor,
    *,
    retention_days: int,
    now: datetime | None = None,
) -> int:
    """Blank who the visitor was (name, phone, plate, notes) on visits older than the limit.

    Time, room, purpose, counts and who recorded the visit are kept; each row
    is flagged ``anonymised``. Returns how many rows changed; running it again
    changes nothing. Audited when something changed.

    Raises:
        ValidationError: ``retention_days`` below one.
    """
    try:
        cutoff = rules.retention_cutoff(now or utcnow(), retention_days)
    except rules.VisitorRuleError as exc:
        raise ValidationError(str(exc)) from None
    with db.begin() as s:
        result = s.execute(
            update(VisitorVisit)
            .where(VisitorVisit.signed_in_at < cutoff, VisitorVisit.anonymised.is_(False))
            .values(
                name="",
                phone="",
                phone_digits="",
                phone_reversed="",
                car_plate="",
                notes="",
                anonymised=True,
            )
            .execution_options(synchronize_session=False)
        )
        count = int(getattr(result, "rowcount", 0) or 0)
        if count:
            audit.record(
                s,
                actor.staff_no,
                "visitor.anonymise",
                "visitor_visit",
                "",
                {"count": count, "before": cutoff.isoformat(), "retention_days": retention_days},
            )
        return count


def run_daily_jobs(
    db: Database,
    settings: _ReceptionSettingsLike,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> DailyResult:
    """The automatic sign-out, then the retention purge, as ``system``."""
    from frontdesk.services.users import SYSTEM

    signed_out = auto_sign_out(db, settings, now=now, tz=tz)
    anonymised = anonymise_old(db, SYSTEM, retention_days=settings.retention_days, now=now)
    return DailyResult(signed_out, anonymised)


# ---------------------------------------------------------------- export


def export_visitors(
    db: Database,
    actor: Actor,
    *,
    start: date,
    end: date,
    out: Path,
    tz: tzinfo | None = None,
) -> int:
    """Write the visits signed in on local dates ``start``..``end`` to ``out``.

    ``.csv`` or ``.xlsx``; columns :data:`EXPORT_COLUMNS`, oldest first, full
    phone numbers (this is supervisor data), times local. Returns the row count.

    Raises:
        PermissionDenied: not a supervisor or admin.
        ValidationError: ``start`` after ``end``, an unknown extension, or a file that
            cannot be written.
    """
    low = local_day_bounds(start, tz)[0]
    high = local_day_bounds(end, tz)[1]

    def rows(s: Session) -> Iterator[list[object]]:
        query = (
            select(VisitorVisit)
            .where(VisitorVisit.signed_in_at >= low, VisitorVisit.signed_in_at < high)
            .order_by(VisitorVisit.signed_in_at, VisitorVisit.id)
            .execution_options(yield_per=_BATCH)
        )
        for v in s.execute(query).scalars():
            yield _export_row(v, tz)

    spec = ExportSpec(EXPORT_COLUMNS, "访客登记", "export.visitors", "visitor_visit")
    return run_export(db, actor, spec, start=start, end=end, out=out, rows=rows)


def _export_row(v: VisitorVisit, tz: tzinfo | None) -> list[object]:
    def when(moment: datetime | None) -> str:
        return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S") if moment else ""

    return [
        when(v.signed_in_at),
        when(v.signed_out_at),
        "是" if v.auto_signed_out else "否",
        v.name,
        v.phone,
        v.room_text,
        rules.PURPOSE_LABELS.get(v.purpose, v.purpose),
        str(v.people),
        "是" if v.id_checked else "否",
        v.recorded_by,
    ]


# ---------------------------------------------------------------- helpers


def _row(v: VisitorVisit, *, full_phone: bool) -> VisitorRow:
    return VisitorRow(
        id=v.id,
        signed_in_at=v.signed_in_at,
        signed_out_at=v.signed_out_at,
        auto_signed_out=v.auto_signed_out,
        name=v.name,
        phone=v.phone if full_phone else mask_phone(v.phone),
        room=v.room_text,
        room_known=v.room_id is not None,
        purpose=v.purpose,
        people=v.people,
        id_checked=v.id_checked,
        car_plate=v.car_plate,
        notes=v.notes,
        recorded_by=v.recorded_by,
        anonymised=v.anonymised,
    )


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
