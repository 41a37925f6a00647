"""The cash drawer (钱箱): open with a counted float, cash in and out, close with a count.

One open session per desk, and one session per desk and business day: after the
day close the desk takes no more cash that day (payments and voids check that the
session is open). Each public function is one user action in one transaction and
writes its audit row (``cash.open``, ``cash.in``, ``cash.out``, ``cash.close``).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from frontdesk.domain.dayclose import CashCount, compare_count, difference_text, needs_supervisor
from frontdesk.domain.money import (
    DENOMINATIONS,
    MAX_PIECES_PER_ENTRY,
    Denomination,
    format_fen,
    pieces_total,
)
from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services import audit
from frontdesk.services.drawer import add_movement, drawer_contents, open_session, pieces_to_json
from frontdesk.services.users import Actor, require
from frontdesk.services.visits import FIELD_DESK
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import CashSession

# Who may work the drawer (admin always may).
DRAWER_ROLES = ("cashier", "supervisor")
_KIND_NAMES = {"cash_in": "存入", "cash_out": "取出"}


@dataclass(frozen=True)
class DrawerStatus:
    """The desk's open session and what its drawer should hold now."""

    session_id: int
    desk: str
    business_date: date
    opened_by: str
    opened_at: datetime
    expected_pieces: Mapping[Denomination, int]  # largest first, nonzero counts only
    expected_fen: int


@dataclass(frozen=True)
class CloseResult:
    """The day close of one drawer: expected against counted, and who approved a difference."""

    session_id: int
    desk: str
    business_date: date
    count: CashCount
    approved_by: str | None
    note: str
    closed_at: datetime

    @property
    def expected_fen(self) -> int:
        return self.count.expected_fen

    @property
    def counted_fen(self) -> int:
        return self.count.counted_fen

    @property
    def difference_fen(self) -> int:
        return self.count.difference_fen


def checked_pieces(
    pieces: Mapping[Denomination, int], what: str = "点钞"
) -> dict[Denomination, int]:
    """Validate a count by denomination (whole, not negative, not absurd); largest first.

    Raises:
        ValidationError: a count that is negative, not a whole number or far too large.
    """
    for d, n in pieces.items():
        if not isinstance(d, Denomination):
            raise ValidationError(f"“{d}”不是人民币现金面额。")
        if isinstance(n, bool) or not isinstance(n, int):
            raise ValidationError(f"{what}数量必须是整数（{d.label}：{n}）。")
        if n < 0:
            raise ValidationError(f"{what}数量不能为负数（{d.label}：{n}）。")
        if n > MAX_PIECES_PER_ENTRY:
            raise ValidationError(
                f"{what}数量过多（{d.label}：{n}，每种面额最多 {MAX_PIECES_PER_ENTRY:,} 张）。"
            )
    return {d: pieces[d] for d in DENOMINATIONS if pieces.get(d)}


def open_drawer(
    db: Database,
    actor: Actor,
    desk: str,
    float_pieces: Mapping[Denomination, int],
    *,
    today: date,
) -> int:
    """Open the desk's drawer for ``today`` with the float counted by denomination.

    Returns the new session's id.

    Raises:
        PermissionDenied: the actor is not a cashier, supervisor or admin.
        ValidationError: a bad count; the desk already has an open drawer; the
            desk's drawer for ``today`` was already closed (日结); or the desk is the
            field desk, which opens itself — nothing is changed.
    """
    require(actor, *DRAWER_ROLES)
    desk = _checked_desk(desk)
    if desk == FIELD_DESK:
        raise ValidationError(
            f"{FIELD_DESK}的钱箱不用开班：第一笔上门现金收款时自动开班，没有备用金。"
        )
    pieces = checked_pieces(float_pieces, "备用金")
    with db.begin() as s:
        _lock_desk(s, desk)
        current = open_session(s, desk, lock=True)
        if current is not None:
            raise ValidationError(
                f"{desk} 的钱箱已开班（{current.business_date.isoformat()}，{current.opened_by}），"
                "同一前台只能有一个钱箱：请先日结再开班。"
            )
        if _closed_session(s, desk, today) is not None:
            raise ValidationError(f"{desk} {today.isoformat()} 的钱箱已日结，当天不能再开班。")
        session = CashSession(desk=desk, business_date=today, opened_by=actor.staff_no)
        s.add(session)
        s.flush()
        add_movement(s, session, "float", pieces, actor.staff_no, reason="备用金")
        audit.record(
            s,
            actor.staff_no,
            "cash.open",
            "cash_session",
            session.id,
            {
                "desk": desk,
                "business_date": today.isoformat(),
                "float_fen": pieces_total(pieces),
                "pieces": json.loads(pieces_to_json(pieces)),
            },
        )
        return session.id


def move_cash(
    db: Database,
    actor: Actor,
    desk: str,
    kind: Literal["cash_in", "cash_out"],
    pieces: Mapping[Denomination, int],
    reason: str,
) -> None:
    """Put cash into (``cash_in``) or take it out of (``cash_out``, e.g. banking) the drawer.

    Raises:
        PermissionDenied: the actor is not a cashier, supervisor or admin.
        ValidationError: unknown kind, no reason, no pieces or a bad count, no open
            drawer, or taking out more of a denomination than the drawer holds.
    """
    require(actor, *DRAWER_ROLES)
    if kind not in _KIND_NAMES:
        raise ValidationError(f"未知的现金存取类型“{kind}”。")
    name = _KIND_NAMES[kind]
    reason = reason.strip()
    if not reason:
        raise ValidationError(f"请填写现金{name}的原因（例如：存银行、补充零钱）。")
    counted = checked_pieces(pieces, name)
    if not counted:
        raise ValidationError(f"请填写{name}的张数。")
    with db.begin() as s:
        session = open_session(s, desk, lock=True)
        if session is None:
            raise ValidationError(f"{desk} 的钱箱尚未开班，不能{name}现金。")
        if kind == "cash_out":
            held = drawer_contents(s, session.id)
            for d, n in counted.items():
                if n > held.get(d, 0):
                    raise ValidationError(
                        f"钱箱中 {d.label} 只有 {held.get(d, 0)} 张，不能取出 {n} 张。"
                    )
        sign = -1 if kind == "cash_out" else 1
        movement = add_movement(
            s,
            session,
            kind,
            {d: sign * n for d, n in counted.items()},
            actor.staff_no,
            reason=reason,
        )
        s.flush()
        audit.record(
            s,
            actor.staff_no,
            "cash.in" if kind == "cash_in" else "cash.out",
            "cash_session",
            session.id,
            {
                "desk": desk,
                "movement_id": movement.id,
                "amount_fen": movement.amount_fen,
                "pieces": json.loads(pieces_to_json(counted)),
                "reason": reason,
            },
        )


def drawer_status(db: Database, desk: str) -> DrawerStatus | None:
    """The desk's open drawer and what it should hold, or None when no drawer is open."""
    with db.read() as s:
        session = open_session(s, desk)
        if session is None:
            return None
        held = drawer_contents(s, session.id)
        return DrawerStatus(
            session_id=session.id,
            desk=session.desk,
            business_date=session.business_date,
            opened_by=session.opened_by,
            opened_at=session.opened_at,
            expected_pieces=held,
            expected_fen=pieces_total(held),
        )


def close_drawer(
    db: Database,
    actor: Actor,
    desk: str,
    counted: Mapping[Denomination, int],
    *,
    note: str = "",
    approver: Actor | None = None,
    tolerance_fen: int,
    now: datetime | None = None,
) -> CloseResult:
    """Close the desk's drawer (日结) with the pieces counted by denomination.

    A difference (counted − expected) beyond ``tolerance_fen`` either way needs a
    supervisor — ``approver`` (from ``reversals.authorize_supervisor``), or the actor
    when they are a supervisor or admin themselves — and a note. The field desk's
    session (the cash handed in after home visits) is closed by a supervisor or admin.

    Raises:
        PermissionDenied: the actor may not work the drawer (for the field desk: is
            not a supervisor or admin), or the approver is not a supervisor or admin.
        ValidationError: a bad count; no open drawer; the drawer was already closed; a
            difference beyond the tolerance without a supervisor or note. Nothing changes.
    """
    require(actor, *DRAWER_ROLES)
    if desk == FIELD_DESK and not actor.can("supervisor"):
        raise PermissionDenied(
            f"{FIELD_DESK}交回的现金由主管清点并日结，{actor.name}（{actor.staff_no}）不是主管。"
        )
    pieces = checked_pieces(counted)
    note = note.strip()
    with db.begin() as s:
        session = open_session(s, desk, lock=True)
        if session is None:
            raise ValidationError(_not_open_message(s, desk))
        count = compare_count(drawer_contents(s, session.id), pieces)
        difference = count.difference_fen
        approved_by = None
        if needs_supervisor(difference, tolerance_fen):
            approved_by = _approval(actor, approver, difference, tolerance_fen, note)
        closed_at = now or utcnow()
        session.status = "closed"
        session.closed_by = actor.staff_no
        session.closed_at = closed_at
        session.expected_fen = count.expected_fen
        session.counted_fen = count.counted_fen
        session.counted_pieces = pieces_to_json(pieces)
        session.difference_fen = difference
        session.difference_approved_by = approved_by
        session.close_note = note
        audit.record(
            s,
            actor.staff_no,
            "cash.close",
            "cash_session",
            session.id,
            {
                "desk": desk,
                "business_date": session.business_date.isoformat(),
                "expected_fen": count.expected_fen,
                "counted_fen": count.counted_fen,
                "difference_fen": difference,
                "differences": {c.denomination.label: c.difference for c in count.differing},
                "approved_by": approved_by,
                "note": note,
            },
        )
        return CloseResult(
            session_id=session.id,
            desk=desk,
            business_date=session.business_date,
            count=count,
            approved_by=approved_by,
            note=note,
            closed_at=closed_at,
        )


def _approval(
    actor: Actor, approver: Actor | None, difference: int, tolerance_fen: int, note: str
) -> str:
    what = f"钱箱{difference_text(difference)}，超过允许的差额 {format_fen(tolerance_fen)}"
    if approver is None and actor.can("supervisor"):
        approver = actor
    if approver is None:
        raise ValidationError(f"{what}：需要主管授权才能日结。")
    if not approver.can("supervisor"):
        raise PermissionDenied(
            f"{approver.name}（{approver.staff_no}）不是主管，不能批准钱箱差额。"
        )
    if not note:
        raise ValidationError(f"{what}：请填写差额说明。")
    return approver.staff_no


def _checked_desk(desk: str) -> str:
    desk = desk.strip()
    if not desk:
        raise ValidationError("前台名称不能为空。")
    if len(desk) > 64:
        raise ValidationError("前台名称过长（最多 64 个字符）。")
    return desk


def _lock_desk(s: Session, desk: str) -> None:
    """Serialise opening a drawer at one desk (SQLite write transactions already are)."""
    if s.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"frontdesk.cash_session:{desk}".encode())
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _closed_session(s: Session, desk: str, on: date | None = None) -> CashSession | None:
    query = select(CashSession).where(CashSession.desk == desk, CashSession.status == "closed")
    if on is not None:
        query = query.where(CashSession.business_date == on)
    return s.scalars(query.order_by(CashSession.id.desc())).first()


def _not_open_message(s: Session, desk: str) -> str:
    if desk == FIELD_DESK:  # it reopens with the next field payment: never "closed twice"
        return f"{FIELD_DESK}目前没有待交的现金，无需日结。"
    last = _closed_session(s, desk)
    if last is None:
        return f"{desk} 的钱箱尚未开班，无需日结。"
    when = f"{last.closed_at.astimezone():%H:%M}" if last.closed_at else ""
    return (
        f"{desk} 的钱箱已日结（{last.business_date.isoformat()}，{last.closed_by} {when}），"
        "不能重复日结。"
    )
