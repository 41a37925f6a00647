"""In-transaction helpers for the cash drawer, shared by payments, voids and the cashbox.

These take the caller's ``Session`` (they are parts of a user action, not
actions themselves). Pieces are stored as JSON: denomination key → signed count,
where the key is the value in fen, with ``c`` for the 1-yuan coin (``"100c"``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.domain.money import DENOMINATIONS, Denomination, pieces_total
from frontdesk.errors import ValidationError
from frontdesk.storage.models import CashMovement, CashSession

_BY_KEY = {
    (f"{d.value_fen}c" if d.kind == "coin" and d.value_fen == 100 else str(d.value_fen)): d
    for d in DENOMINATIONS
}
_KEY = {d: k for k, d in _BY_KEY.items()}


def pieces_to_json(pieces: Mapping[Denomination, int]) -> str:
    """Canonical JSON of a piece count, largest first, zero counts left out."""
    ordered = {_KEY[d]: int(pieces[d]) for d in DENOMINATIONS if pieces.get(d)}
    return json.dumps(ordered, separators=(",", ":"))


def pieces_from_json(text: str | None) -> dict[Denomination, int]:
    if not text:
        return {}
    raw = json.loads(text)
    return {_BY_KEY[k]: int(v) for k, v in raw.items()}


def open_session(s: Session, desk: str, *, lock: bool = False) -> CashSession | None:
    """The desk's open drawer session, if any (optionally row-locked)."""
    query = select(CashSession).where(CashSession.desk == desk, CashSession.status == "open")
    if lock:
        query = query.with_for_update()
    return s.scalars(query.order_by(CashSession.id.desc())).first()


def require_open_session(s: Session, desk: str) -> CashSession:
    session = open_session(s, desk, lock=True)
    if session is None:
        raise ValidationError("钱箱尚未开班：请先清点备用金并开班，再收现金。")
    return session


def add_movement(
    s: Session,
    cash_session: CashSession,
    kind: str,
    pieces: Mapping[Denomination, int],
    by_staff_no: str,
    *,
    payment_id: int | None = None,
    reason: str = "",
    amount_fen: int | None = None,
) -> CashMovement:
    """Record money moving in (+counts) or out (−counts) of the drawer."""
    total = pieces_total(pieces)
    if amount_fen is not None and amount_fen != total:
        raise ValidationError(f"点钞合计 {total} 分与金额 {amount_fen} 分不符。")
    movement = CashMovement(
        cash_session_id=cash_session.id,
        payment_id=payment_id,
        kind=kind,
        amount_fen=total,
        pieces=pieces_to_json(pieces),
        reason=reason,
        by_staff_no=by_staff_no,
    )
    s.add(movement)
    return movement


def drawer_contents(s: Session, cash_session_id: int) -> dict[Denomination, int]:
    """What the drawer should hold now: the sum of every movement's pieces."""
    held: dict[Denomination, int] = {}
    for text in s.scalars(
        select(CashMovement.pieces).where(CashMovement.cash_session_id == cash_session_id)
    ):
        for d, n in pieces_from_json(text).items():
            held[d] = held.get(d, 0) + n
    return {d: held[d] for d in DENOMINATIONS if held.get(d)}
