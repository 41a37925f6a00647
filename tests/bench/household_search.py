"""Household search as the cashier types: p95 per keystroke query over a demo estate.

The estate (100,000 households; quick: 10,000) comes from
``frontdesk.services.demo.create_demo_estate``. The queries are what a cashier
types, one query per keystroke: room codes growing character by character,
owner names, pinyin initials, the last digits of phones, and a few names that
are not in the estate (the worst case: the substring scan finds nothing and
reads the whole owner table). The reference, in the same run on the same
file: a bare indexed lookup ``SELECT id, code FROM room WHERE code >= ? AND
code < ? LIMIT 20`` through sqlite3 for the room prefixes of the mix.
"""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from tests.bench.common import Result, median, p95, private_environment

GOAL_MS = 20.0
LIMIT = 21  # the screen asks for one more than it shows, to say "more…"
# Names that do not occur in the demo estate: the full substring scan.
ABSENT_NAMES = ("诸葛亮", "司马懿", "欧阳修")


def _typed(text: str) -> list[str]:
    """Every keystroke's query while ``text`` is typed: a, ab, abc…"""
    return [text[:n] for n in range(1, len(text) + 1)]


def keystroke_queries(path: Path, customers: int, seed: int = 11) -> tuple[list[str], list[str]]:
    """The query mix (every keystroke) and the room prefixes among them."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    try:
        count = conn.execute("SELECT max(id) FROM household").fetchone()[0]
        queries: list[str] = []
        rooms: list[str] = []
        for _ in range(customers):
            hid = rng.randint(1, count)
            code, name, initials = conn.execute(
                "SELECT r.code, o.name, o.initials FROM household h JOIN room r ON r.id = h.room_id"
                ' JOIN owner o ON o.household_id = h.id AND o."primary" WHERE h.id = ?',
                (hid,),
            ).fetchone()
            phone = conn.execute(
                "SELECT p.number FROM owner_phone p JOIN owner o ON o.id = p.owner_id"
                " WHERE o.household_id = ? ORDER BY p.position LIMIT 1",
                (hid,),
            ).fetchone()[0]
            kind = rng.random()
            if kind < 0.5:  # most owners say their room
                typed = _typed(code)
                rooms += typed
            elif kind < 0.7:
                typed = _typed(name)
            elif kind < 0.85:
                typed = _typed(initials)
            else:  # the last four digits, then two more when four were not enough
                typed = [*_typed(phone[-4:]), phone[-6:]]
            queries += typed
        for name in ABSENT_NAMES:
            queries += _typed(name)
        return queries, rooms
    finally:
        conn.close()


def reference_ms(path: Path, prefixes: list[str]) -> list[float]:
    """The bare indexed room lookup through sqlite3, per prefix, in ms."""
    conn = sqlite3.connect(path)
    try:
        times = []
        for prefix in prefixes:
            upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
            start = time.perf_counter()
            conn.execute(
                "SELECT id, code FROM room WHERE code >= ? AND code < ? LIMIT 20", (prefix, upper)
            ).fetchall()
            times.append((time.perf_counter() - start) * 1000)
        return times
    finally:
        conn.close()


def run(quick: bool) -> Result:
    households = 10_000 if quick else 100_000
    customers = 150 if quick else 400
    with private_environment():
        from frontdesk.config import load
        from frontdesk.services.demo import create_demo_estate
        from frontdesk.services.search import search_households
        from frontdesk.services.users import SYSTEM
        from frontdesk.storage.database import Database
        from frontdesk.storage.migrate import upgrade

        config = load()
        db = Database(config.database_url)
        upgrade(db)
        started = time.perf_counter()
        create_demo_estate(db, SYSTEM, households=households)
        built_s = time.perf_counter() - started
        path = db.sqlite_path
        assert path is not None
        queries, rooms = keystroke_queries(path, customers)
        # Warm up the connection pool, the statement caches and the page cache.
        for query in queries[:50]:
            search_households(db, query, limit=LIMIT)
        reference = reference_ms(path, rooms)
        reference_p95 = p95(reference)
        times = []
        found = 0
        for query in queries:
            start = time.perf_counter()
            hits = search_households(db, query, limit=LIMIT)
            times.append((time.perf_counter() - start) * 1000)
            found += bool(hits)
        db.dispose()
    value = p95(times)
    by_kind = f"median {median(times):.2f} ms, max {max(times):.1f} ms"
    return Result(
        "household_search_p95",
        value,
        "ms",
        reference_p95,
        value / reference_p95 if reference_p95 else float("inf"),
        f"<= {GOAL_MS:g} ms",
        value <= GOAL_MS,
        note=(
            f"{households} households (built in {built_s:.1f} s), {len(queries)} keystroke queries"
            f" ({found} with hits), {by_kind}; reference: bare room-code range via sqlite3"
        ),
    )
