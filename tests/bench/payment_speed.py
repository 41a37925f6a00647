"""Completing a payment (the whole ``collect`` transaction) with a million earlier payments.

The earlier payments (with their tender, allocation and bill rows) are seeded
with raw ``executemany`` inserts, then ~200 cash payments with change go
through ``frontdesk.services.payments.collect``. The reference, measured in the
same run on the same disk: a bare SQLite transaction (``BEGIN IMMEDIATE``,
update a counter, insert one row into a table of the same size, commit) with
the application's pragmas (WAL, synchronous=NORMAL).
"""

from __future__ import annotations

import json
import math
import sqlite3
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.bench.common import Result, median, p95, private_environment

GOAL_MS = 30.0
DESK = "前台1"
AREA = 8960  # 89.60 m²
WYF_FEN = 22400  # 2.50 ¥/m²/月 × 89.60 m²
ITEMS = (("WYF", "物业管理费", "area_monthly", 250), ("LJF", "垃圾清运费", "fixed_monthly", 1000))
_CHUNK = 50_000
_NOW = "2026-03-05 04:00:00.000000"


def _receipt_text(no: str, room: str) -> str:
    """A receipt JSON of realistic size for the seeded rows."""
    line = {
        "item": "物业管理费",
        "period": "2025-12",
        "standard": "2.50 ¥/m²/月 × 89.60 m² = 224.00",
        "amount_fen": WYF_FEN,
        "late_fee_fen": 0,
    }
    data = {
        "receipt_no": no,
        "estate": "示例花园",
        "desk": DESK,
        "cashier_staff_no": "C001",
        "cashier_name": "张三",
        "issued_at": "2025-12-05T04:00:00+00:00",
        "room": room,
        "owner": "刘兵",
        "lines": [line],
        "total_fen": WYF_FEN,
        "methods": [["现金", WYF_FEN, ""]],
        "tendered_fen": 30000,
        "change_fen": 7600,
        "prepay_balance_after_fen": 0,
        "rounding_fen": 0,
        "status": "completed",
        "due_fen": WYF_FEN,
        "credit_added_fen": 0,
        "v": 1,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _period(month_index: int) -> str:
    year, month = divmod(month_index, 12)
    return f"{2000 + year:04d}-{month + 1:02d}"


def seed(path: Path, payments: int, households: int) -> None:
    """Estate, households, fee items, and ``payments`` paid bills with their payments."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")  # seeding only
    with conn:
        conn.execute("INSERT INTO estate (id, name) VALUES (1, '示例花园')")
        conn.execute("INSERT INTO building (id, estate_id, code) VALUES (1, 1, '1')")
        conn.executemany(
            "INSERT INTO room (id, building_id, unit, number, code, area_centi_m2)"
            " VALUES (?, 1, ?, ?, ?, ?)",
            [
                (h, str(h // 1000 + 1), f"{h % 1000:04d}", _room(h), AREA)
                for h in range(1, households + 1)
            ],
        )
        conn.executemany(
            "INSERT INTO household (id, room_id, occupied, created_at, updated_at)"
            " VALUES (?, ?, 1, ?, ?)",
            [(h, h, _NOW, _NOW) for h in range(1, households + 1)],
        )
        conn.executemany(
            'INSERT INTO owner (household_id, name, initials, "primary") VALUES (?, ?, ?, 1)',
            [(h, "刘兵", "lb") for h in range(1, households + 1)],
        )
        for item_id, (code, name, kind, rate) in enumerate(ITEMS, start=1):
            conn.execute(
                "INSERT INTO fee_item (id, code, name, kind, due_day, active, late_fee_enabled,"
                " late_fee_grace_days, late_fee_daily_bp, late_fee_cap_percent, created_at)"
                " VALUES (?, ?, ?, ?, 15, 1, 0, 30, 5, 100, ?)",
                (item_id, code, name, kind, _NOW),
            )
            conn.execute(
                "INSERT INTO fee_rate (fee_item_id, effective_from, rate_fen, created_by, created_at)"
                " VALUES (?, '2000-01-01', ?, 'system', ?)",
                (item_id, rate, _NOW),
            )
    text = _receipt_text("A2025-000001", _room(1))
    start_day = date(2016, 1, 4)
    for lo in range(0, payments, _CHUNK):
        ids = range(lo + 1, min(payments, lo + _CHUNK) + 1)
        bills, pays, tenders, allocs = [], [], [], []
        for k in ids:
            household = (k - 1) % households + 1
            month = (k - 1) // households  # each household pays its bills month after month
            year = 2016 + (k - 1) * 10 // payments  # spread over 2016-2025
            seq = k - (year - 2016) * payments // 10
            day = start_day + timedelta(days=(k - 1) * 3650 // payments)
            paid_at = f"{day.isoformat()} 04:00:00.000000"
            bills.append(
                (
                    k,
                    household,
                    1,
                    _period(month),
                    250,
                    AREA,
                    WYF_FEN,
                    f"{_period(month)}-15",
                    "paid",
                    0,
                    "system",
                    _NOW,
                )
            )
            pays.append(
                (
                    k,
                    f"A{year}-{seq:06d}",
                    DESK,
                    "A",
                    year,
                    seq,
                    household,
                    "C001",
                    paid_at,
                    day.isoformat(),
                    WYF_FEN,
                    0,
                    WYF_FEN,
                    30000,
                    7600,
                    0,
                    0,
                    0,
                    "completed",
                    text,
                )
            )
            tenders.append((k, k, "cash", WYF_FEN, ""))
            allocs.append((k, k, k, WYF_FEN, 0))
        with conn:
            conn.executemany(
                "INSERT INTO bill (id, household_id, fee_item_id, period, rate_fen, quantity_centi,"
                " amount_fen, due_date, status, prepaid, created_by, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                bills,
            )
            conn.executemany(
                "INSERT INTO payment (id, receipt_no, desk, series, year, seq, household_id,"
                " cashier_staff_no, paid_at, business_date, due_fen, rounding_fen, total_fen,"
                " tendered_fen, change_fen, credit_added_fen, credit_used_fen, credit_after_fen,"
                " status, receipt_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?, ?, ?)",
                pays,
            )
            conn.executemany(
                "INSERT INTO payment_tender (id, payment_id, method, amount_fen, reference)"
                " VALUES (?, ?, ?, ?, ?)",
                tenders,
            )
            conn.executemany(
                "INSERT INTO allocation (id, payment_id, bill_id, amount_fen, late_fee_fen)"
                " VALUES (?, ?, ?, ?, ?)",
                allocs,
            )
    conn.execute("ANALYZE")
    conn.close()


def _room(h: int) -> str:
    return f"1-{h // 1000 + 1}-{h % 1000:04d}"


def open_bills(path: Path, count: int, first_bill_id: int) -> list[int]:
    """One open bill (2026-02 物业管理费) for each of the first ``count`` households."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO bill (id, household_id, fee_item_id, period, rate_fen, quantity_centi,"
            " amount_fen, due_date, status, prepaid, created_by, created_at)"
            " VALUES (?, ?, 1, '2026-02', 250, ?, ?, '2026-02-15', 'open', 0, 'system', ?)",
            [(first_bill_id + h, h, AREA, WYF_FEN, _NOW) for h in range(1, count + 1)],
        )
    conn.close()
    return [first_bill_id + h for h in range(1, count + 1)]


def reference_ms(path: Path, rows: int, runs: int) -> list[float]:
    """Bare transactions: update a counter and insert one row into a table of ``rows`` rows."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(
        "CREATE TABLE pay (id INTEGER PRIMARY KEY, receipt_no TEXT UNIQUE, household_id INTEGER,"
        " total_fen INTEGER, paid_at TEXT, body TEXT)"
    )
    conn.execute("CREATE INDEX ix_pay_household ON pay (household_id)")
    conn.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, last_seq INTEGER)")
    conn.execute("INSERT INTO counter VALUES (1, 0)")
    body = _receipt_text("R0", "1-1-0001")
    for lo in range(0, rows, _CHUNK):
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO pay VALUES (?, ?, ?, ?, ?, ?)",
            [
                (k, f"R{k:09d}", k % 10_000, WYF_FEN, _NOW, body)
                for k in range(lo + 1, min(rows, lo + _CHUNK) + 1)
            ],
        )
        conn.execute("COMMIT")
    times = []
    for n in range(runs):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE counter SET last_seq = last_seq + 1 WHERE id = 1")
        conn.execute(
            "INSERT INTO pay (receipt_no, household_id, total_fen, paid_at, body) VALUES (?, ?, ?, ?, ?)",
            (f"N{n:09d}", n, WYF_FEN, _NOW, body),
        )
        conn.execute("COMMIT")
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return times


def run(quick: bool) -> Result:
    earlier = 50_000 if quick else 1_000_000
    runs = 50 if quick else 200
    households = 2_000 if quick else 10_000
    with private_environment() as root:
        from frontdesk.config import load
        from frontdesk.domain.money import parse_pieces
        from frontdesk.services.cashbox import open_drawer
        from frontdesk.services.payments import PaymentRequest, Tender, collect
        from frontdesk.services.users import Actor
        from frontdesk.storage.database import Database
        from frontdesk.storage.migrate import upgrade

        config = load()
        db = Database(config.database_url)
        upgrade(db)
        path = db.sqlite_path
        assert path is not None
        db.dispose()
        started = time.perf_counter()
        seed(path, earlier, households)
        seeded_s = time.perf_counter() - started
        bills = open_bills(path, runs, earlier)
        reference = reference_ms(root / "reference.db", earlier, runs)

        db = Database(config.database_url)
        cashier = Actor("C001", "张三", "cashier")
        now = datetime(2026, 3, 5, 4, tzinfo=UTC)
        today = now.astimezone().date()
        float_pieces = parse_pieces(
            "200张×50 200张×20 200张×10 200张×5 200张×1 200张×0.5 200张×0.1"
        )
        open_drawer(db, cashier, DESK, float_pieces, today=today)
        times, cpu = [], []
        for n, bill in enumerate(bills):
            request = PaymentRequest(
                household_id=n + 1,
                bill_ids=(bill,),
                ahead_months=0,
                tenders=(Tender("cash", WYF_FEN),),
                cash_tendered_fen=30000,
            )
            start, start_cpu = time.perf_counter(), time.process_time()
            collect(
                db,
                cashier,
                request,
                desk=DESK,
                series="A",
                settings=config.cashier,
                estate_name=config.app.estate_name,
                now=now + timedelta(seconds=n),
                money=config.money,
            )
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        db.dispose()
    value, ref = p95(times), p95(reference)
    return Result(
        "payment_collect_p95",
        value,
        "ms",
        ref,
        value / ref if ref else math.inf,
        f"<= {GOAL_MS:g} ms",
        value <= GOAL_MS,
        note=(
            f"{runs} cash payments after {earlier:,} earlier ones (seeded in {seeded_s:.1f} s);"
            f" median {median(times):.2f} ms (CPU time p95 {p95(cpu):.2f} ms, median"
            f" {median(cpu):.2f} ms); reference median {median(reference):.3f} ms"
        ),
    )
