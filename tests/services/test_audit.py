"""The audit log is a hash chain: any edit or removal behind the app's back is found."""

from __future__ import annotations

from sqlalchemy import text

from frontdesk.services import audit
from frontdesk.storage.database import Database


def fill(db: Database, n: int) -> None:
    for i in range(n):
        with db.begin() as s:
            audit.record(s, "A001", "test.event", "thing", i, {"i": i, "名": "刘兵"})


def verify(db: Database) -> audit.AuditReport:
    with db.read() as s:
        return audit.verify(s)


def test_intact_chain(db: Database) -> None:
    fill(db, 5)
    report = verify(db)
    assert report.ok and report.checked == 5


def test_altered_row_is_named(db: Database) -> None:
    fill(db, 5)
    with db.begin() as s:
        s.execute(text("UPDATE audit_event SET details = :d WHERE id = 3"), {"d": '{"i":99}'})
    report = verify(db)
    assert report.first_bad_id == 3
    assert "altered" in report.problem


def test_altered_timestamp_is_found(db: Database) -> None:
    fill(db, 3)
    with db.begin() as s:
        s.execute(text("UPDATE audit_event SET actor = 'X999' WHERE id = 2"))
    assert verify(db).first_bad_id == 2


def test_removed_middle_row_is_named(db: Database) -> None:
    fill(db, 5)
    with db.begin() as s:
        s.execute(text("DELETE FROM audit_event WHERE id = 2"))
    report = verify(db)
    assert report.first_bad_id == 2
    assert "removed" in report.problem


def test_removed_last_row_is_found(db: Database) -> None:
    fill(db, 4)
    with db.begin() as s:
        s.execute(text("DELETE FROM audit_event WHERE id = 4"))
    report = verify(db)
    assert report.first_bad_id == 4
    assert "removed" in report.problem


def test_rolled_back_action_leaves_no_audit_row(db: Database) -> None:
    fill(db, 1)
    try:
        with db.begin() as s:
            audit.record(s, "A001", "doomed")
            raise RuntimeError("the action failed")
    except RuntimeError:
        pass
    report = verify(db)
    assert report.ok and report.checked == 1


def test_many_events_in_one_action_chain_correctly(db: Database) -> None:
    with db.begin() as s:
        for i in range(50):
            audit.record(s, "A001", "bulk.event", "thing", i)
    fill(db, 2)
    report = verify(db)
    assert report.ok and report.checked == 52
