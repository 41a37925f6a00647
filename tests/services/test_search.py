"""Finding a household by room prefix, name, pinyin initials or phone tail; SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, text

from frontdesk.services import search
from frontdesk.services.search import (
    HouseholdHit,
    SearchQuery,
    mask_phone,
    parse_query,
    search_households,
)
from frontdesk.storage.database import Database
from tests.factories import make_household


@pytest.fixture
def estate(db: Database) -> dict[str, int]:
    """Same-sounding owners, neighbouring rooms, co-owners, a vacant room, landlines."""
    rows: list[tuple[str, Any, str, tuple[str, ...], bool]] = [
        ("3-2-1201", "刘兵", "89.60", ("13800001234",), True),
        ("3-2-1202", "刘斌", "120.50", ("13900005678", "057122223333"), True),
        ("5-1-301", "刘冰", "75.00", ("18600009876",), True),
        ("3-2-101", ["王芳", "刘兵"], "66.00", ("13512341234",), True),
        ("13-2-1201", "李娜", "90.00", ("13700000001",), True),
        ("3-2-2101", "张伟", "101.00", ("13700000002",), False),
        ("30-1-101", "John Smith", "55.55", ("+85261234567",), True),
        ("3-1-1201", "欧阳娜娜", "88.00", ("13700000003",), True),
        ("4-1-101", "100%_王", "60.00", ("13700000004",), True),
    ]
    return {
        room: make_household(db, room, owner, area, phones, occupied=occupied)
        for room, owner, area, phones, occupied in rows
    }


def rooms(hits: list[HouseholdHit]) -> list[str]:
    return [h.room for h in hits]


# -- understanding what was typed ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", SearchQuery("empty", "")),
        ("   ", SearchQuery("empty", "")),
        ("3", SearchQuery("digits", "3")),
        ("3-", SearchQuery("room", "3-")),
        ("3-2-12", SearchQuery("room", "3-2-12")),
        ("03-02-12", SearchQuery("room", "3-2-12")),
        ("３－２－１２", SearchQuery("room", "3-2-12")),
        ("3 - 2 - 1", SearchQuery("room", "3-2-1")),
        ("3—2", SearchQuery("room", "3-2")),
        ("1234", SearchQuery("digits", "1234")),
        ("138 0000 1234", SearchQuery("digits", "13800001234")),
        ("lb", SearchQuery("initials", "lb")),
        ("LB", SearchQuery("initials", "lb")),
        ("ＬＢ", SearchQuery("initials", "lb")),
        ("刘兵", SearchQuery("name", "刘兵")),
        ("  刘 兵 ", SearchQuery("name", "刘 兵")),
        ("John Smith", SearchQuery("name", "John Smith")),
    ],
)
def test_parse_query(typed: str, expected: SearchQuery) -> None:
    assert parse_query(typed) == expected


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("13800001234", "138****1234"),
        ("057122223333", "057*****3333"),
        ("+85261234567", "+852****4567"),
        ("87654321", "****4321"),
        ("1234", "1234"),
    ],
)
def test_mask_phone(number: str, masked: str) -> None:
    assert mask_phone(number) == masked


# -- searching ----------------------------------------------------------------------


def test_room_prefix_grows_char_by_char(db: Database, estate: dict[str, int]) -> None:
    assert rooms(search_households(db, "3")) == [
        "3-1-1201",
        "3-2-101",
        "3-2-1201",
        "3-2-1202",
        "3-2-2101",
        "30-1-101",
    ]
    assert rooms(search_households(db, "3-")) == [
        "3-1-1201",
        "3-2-101",
        "3-2-1201",
        "3-2-1202",
        "3-2-2101",
    ]
    assert rooms(search_households(db, "3-2-1")) == ["3-2-101", "3-2-1201", "3-2-1202"]
    assert rooms(search_households(db, "3-2-12")) == ["3-2-1201", "3-2-1202"]
    assert rooms(search_households(db, "3-2-1201")) == ["3-2-1201"]
    assert rooms(search_households(db, "３－２－１２０１")) == ["3-2-1201"]
    assert rooms(search_households(db, "03-02-1201")) == ["3-2-1201"]
    assert search_households(db, "9-9-9") == []


def test_a_hit_tells_same_sounding_names_apart(db: Database, estate: dict[str, int]) -> None:
    hits = search_households(db, "3-2-12")
    assert hits[0] == HouseholdHit(
        household_id=estate["3-2-1201"],
        room="3-2-1201",
        owners="刘兵",
        phones_masked="138****1234",
        area_centi_m2=8960,
        occupied=True,
    )
    assert hits[1].owners == "刘斌"
    assert hits[1].phones_masked == "139****5678、057*****3333"
    assert hits[1].area_centi_m2 == 12050


def test_initials_find_same_sounding_names(db: Database, estate: dict[str, int]) -> None:
    found = search_households(db, "lb")
    assert {h.owners for h in found} == {"刘兵", "刘斌", "刘冰", "王芳、刘兵"}
    assert rooms(search_households(db, "LB")) == rooms(found)
    assert rooms(search_households(db, "ＬＢ")) == rooms(found)
    assert rooms(search_households(db, "oy")) == ["3-1-1201"]
    assert rooms(search_households(db, "oynn")) == ["3-1-1201"]
    assert search_households(db, "lbx") == []


def test_name_then_initials(db: Database, estate: dict[str, int]) -> None:
    assert {h.owners for h in search_households(db, "刘b")} == {
        "刘兵",
        "刘斌",
        "刘冰",
        "王芳、刘兵",
    }
    assert rooms(search_households(db, "欧阳n")) == ["3-1-1201"]
    assert search_households(db, "王b") == []


def test_owner_name_prefix_then_substring(db: Database, estate: dict[str, int]) -> None:
    assert {h.owners for h in search_households(db, "刘")} == {"刘兵", "刘斌", "刘冰", "王芳、刘兵"}
    assert [h.owners for h in search_households(db, "刘兵")] == ["刘兵", "王芳、刘兵"]
    # Not at the start of any name: found inside names.
    assert [h.owners for h in search_households(db, "斌")] == ["刘斌"]
    assert [h.owners for h in search_households(db, "娜")] in (
        ["李娜", "欧阳娜娜"],
        ["欧阳娜娜", "李娜"],
    )
    # A co-owner finds the household, with every owner shown, the primary one first.
    assert [h.owners for h in search_households(db, "王芳")] == ["王芳、刘兵"]
    assert rooms(search_households(db, "john")) == ["30-1-101"]
    assert rooms(search_households(db, "John Sm")) == ["30-1-101"]


def test_wildcards_are_taken_literally(db: Database, estate: dict[str, int]) -> None:
    assert rooms(search_households(db, "100%_")) == ["4-1-101"]
    # Only the one name that really contains them, not every name.
    assert rooms(search_households(db, "%")) == ["4-1-101"]
    assert rooms(search_households(db, "_")) == ["4-1-101"]
    assert search_households(db, "%刘") == []
    assert rooms(search_households(db, "%_王")) == ["4-1-101"]


def test_phone_tail(db: Database, estate: dict[str, int]) -> None:
    hits = search_households(db, "1234")
    assert rooms(hits) == ["3-2-1201", "3-2-101"] or rooms(hits) == ["3-2-101", "3-2-1201"]
    assert search_households(db, "01234")[0].room == "3-2-1201"
    assert rooms(search_households(db, "13800001234")) == ["3-2-1201"]
    assert rooms(search_households(db, "138 0000 1234")) == ["3-2-1201"]
    assert rooms(search_households(db, "138-0000-1234")) == ["3-2-1201"]
    # The matching phone is shown first.
    second = search_households(db, "3333")
    assert second[0].room == "3-2-1202"
    assert second[0].phones_masked == "057*****3333、139****5678"
    assert rooms(search_households(db, "4567")) == ["30-1-101"]
    # Three digits are too few for a phone: only room prefixes.
    assert search_households(db, "234") == []


def test_vacant_household_is_flagged(db: Database, estate: dict[str, int]) -> None:
    (hit,) = search_households(db, "3-2-21")
    assert hit.occupied is False
    assert hit.owners == "张伟"


def test_limit(db: Database, estate: dict[str, int]) -> None:
    assert len(search_households(db, "3", limit=2)) == 2
    assert rooms(search_households(db, "3", limit=2)) == ["3-1-1201", "3-2-101"]
    assert search_households(db, "3", limit=0) == []
    assert len(search_households(db, "lb", limit=3)) == 3
    assert search_households(db, "") == []
    assert search_households(db, "   ") == []


def test_a_household_is_listed_once(db: Database) -> None:
    make_household(db, "7-1-101", ["刘兵", "刘斌"], "80.00", ("13811111234", "13922221234"))
    hits = search_households(db, "1234")
    assert len(hits) == 1
    assert hits[0].owners == "刘兵、刘斌"
    assert len(search_households(db, "lb")) == 1


@contextmanager
def _statements(db: Database) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        seen.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


@pytest.mark.parametrize("typed", ["3-2-12", "3", "lb", "刘兵", "1234", "刘b"])
def test_searches_use_the_indexes(db: Database, estate: dict[str, int], typed: str) -> None:
    if not db.is_sqlite:
        pytest.skip("the query plan is checked on SQLite")
    with _statements(db) as seen:
        assert search_households(db, typed)
    with db.engine.connect() as conn:
        for statement, params in seen:
            lowered = statement.lower()
            if not lowered.lstrip().startswith("select") or "instr(" in lowered:
                continue  # the name substring scan is the one unindexed search, by design
            plan = [
                str(row[-1])
                for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)
            ]
            # Every table is reached through an index, never scanned whole.
            assert not [step for step in plan if step.startswith("SCAN")], (statement, plan)


def test_substring_scan_only_when_no_name_starts_so(db: Database, estate: dict[str, int]) -> None:
    for n in range(25):
        make_household(db, f"8-1-{n + 1}01", f"刘{chr(0x4E00 + n)}", "70.00", (f"1360000{n:04d}",))
    with _statements(db) as seen:
        assert len(search_households(db, "刘")) == 20
    searches = [s for s, _ in seen if "instr" in s.lower() or "strpos" in s.lower()]
    assert searches == []
    with _statements(db) as seen:
        assert [h.owners for h in search_households(db, "刘斌")] == ["刘斌"]
    assert not any("instr" in s.lower() or "strpos" in s.lower() for s, _ in seen)
    with _statements(db) as seen:
        search_households(db, "斌")
    assert any("instr" in s.lower() or "strpos" in s.lower() for s, _ in seen)


def test_postgresql_collation_is_checked(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    if db.is_sqlite:
        pytest.skip("PostgreSQL only")
    make_household(db, "3-2-1201", "刘兵", "89.60", ("13800001234",))
    with db.read() as s:
        collation = s.execute(
            text("SELECT datcollate FROM pg_database WHERE datname = current_database()")
        ).scalar()
    assert collation
    assert rooms(search_households(db, "3-2-")) == ["3-2-1201"]
    # Under a linguistic collation (which ignores dashes) the search falls back to LIKE.
    monkeypatch.setitem(search._PG_ORDER, db.engine, False)
    assert rooms(search_households(db, "3-2-")) == ["3-2-1201"]
    assert rooms(search_households(db, "lb")) == ["3-2-1201"]
    assert rooms(search_households(db, "1234")) == ["3-2-1201"]
