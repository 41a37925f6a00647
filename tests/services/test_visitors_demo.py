"""The demo visitor log: months of visits of every purpose, some still in, quick to make."""

from __future__ import annotations

import time
from collections import Counter
from datetime import date

from sqlalchemy import select

from frontdesk.domain.visitors import PURPOSES
from frontdesk.services import demo_visitors
from frontdesk.services.demo import DEMO_ACTIVITY_MODULES, create_demo_estate
from frontdesk.services.users import SYSTEM
from frontdesk.storage.database import Database
from frontdesk.storage.models import VisitorVisit


def test_demo_visits(db: Database) -> None:
    assert "frontdesk.services.demo_visitors" in DEMO_ACTIVITY_MODULES
    create_demo_estate(db, SYSTEM, households=300, seed=3)
    started = time.perf_counter()
    summary = demo_visitors.add_demo(db, today=date.today(), seed=3)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0
    assert summary.startswith("来访登记 ") and "仍在场" in summary
    with db.read() as s:
        visits = list(s.scalars(select(VisitorVisit)))
    assert len(visits) > 1500
    assert set(Counter(v.purpose for v in visits)) == set(PURPOSES)
    assert any(v.room_id is not None for v in visits)
    assert any(v.room_id is None for v in visits)
    assert any(v.auto_signed_out for v in visits)
    assert all(v.signed_out_at is None or v.signed_out_at > v.signed_in_at for v in visits)
    phones = Counter(v.phone for v in visits)
    assert phones.most_common(1)[0][1] > 1  # regulars come back
