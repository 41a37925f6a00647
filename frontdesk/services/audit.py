"""The audit log: append events to a hash chain and verify the chain.

Each row's hash covers its own content and the previous row's hash, so a row
edited or deleted behind the application's back breaks the chain from that
row on. The single ``audit_head`` row is locked while appending (row lock on
PostgreSQL; SQLite write transactions are already serialised), which keeps the
chain linear with several desks writing at once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.storage.base import utcnow
from frontdesk.storage.models import AuditEvent, AuditHead

GENESIS = "0" * 64
_HEAD_KEY = "frontdesk.audit_head"


def record(
    session: Session,
    actor: str,
    action: str,
    entity: str = "",
    entity_id: str | int = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction and return it.

    The head row is locked once per transaction and kept in ``session.info``,
    so an action that writes many events pays for one lock; ids are taken
    from the head (``last_id + 1``), so the hash is known before the insert.
    """
    transaction = session.get_transaction()
    cached = session.info.get(_HEAD_KEY)
    if cached is not None and cached[0] is transaction and cached[1] in session:
        head = cached[1]
    else:
        head = session.execute(
            select(AuditHead).where(AuditHead.id == 1).with_for_update()
        ).scalar_one()
        session.info[_HEAD_KEY] = (transaction, head)
    event = AuditEvent(
        id=head.last_id + 1,
        at=utcnow(),
        actor=actor,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        details=_canonical(details or {}),
        prev_hash=head.last_hash,
        hash="",
    )
    event.hash = event_hash(event)
    session.add(event)
    head.last_id = event.id
    head.last_hash = event.hash
    return event


def event_hash(event: AuditEvent) -> str:
    """SHA-256 over the row's content and the previous hash."""
    parts = [
        str(event.id),
        _timestamp(event.at),
        event.actor,
        event.action,
        event.entity,
        event.entity_id,
        event.details,
        event.prev_hash,
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditReport:
    """Result of ``verify``: ``first_bad_id`` is None when the chain is intact."""

    checked: int
    first_bad_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None


def verify(session: Session, batch: int = 5000) -> AuditReport:
    """Walk the chain in id order and name the first row that was altered or removed."""
    prev_hash = GENESIS
    prev_id = 0
    checked = 0
    last_id = 0
    while True:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not rows:
            break
        for row in rows:
            if row.prev_hash != prev_hash:
                problem = (
                    f"audit row {prev_id + 1}..{row.id - 1} removed"
                    if row.id != prev_id + 1
                    else f"audit row {row.id} does not follow row {prev_id}"
                )
                return AuditReport(
                    checked, row.id if row.id == prev_id + 1 else prev_id + 1, problem
                )
            if event_hash(row) != row.hash:
                return AuditReport(checked, row.id, f"audit row {row.id} was altered")
            prev_hash, prev_id = row.hash, row.id
            checked += 1
        last_id = rows[-1].id
    head = session.get(AuditHead, 1)
    if head is None:
        return AuditReport(checked, prev_id + 1, "audit head row is missing")
    if head.last_id != prev_id or head.last_hash != prev_hash:
        return AuditReport(
            checked, prev_id + 1, f"audit rows after {prev_id} (up to {head.last_id}) removed"
        )
    return AuditReport(checked)


def _timestamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%S.%f")


def _canonical(details: dict[str, Any]) -> str:
    return json.dumps(
        details, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )
