"""Household import: rows per second from CSV into SQLite, beside raw sqlite3 inserts."""

from __future__ import annotations

import csv
import random
import sqlite3
import time
from pathlib import Path

from tests.bench.common import Result, private_environment

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚兵斌冰"


def write_csv(path: Path, rows: int) -> list[tuple[str, str, str, str]]:
    rnd = random.Random(7)
    data = []
    for i in range(rows):
        building, rest = divmod(i, 4 * 30 * 6)
        unit, rest = divmod(rest, 30 * 6)
        floor, door = divmod(rest, 6)
        code = f"{building + 1}-{unit + 1}-{floor + 1}{door + 1:02d}"
        name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))
        phone = "1" + rnd.choice("3456789") + "".join(rnd.choice("0123456789") for _ in range(9))
        area = f"{rnd.randint(4500, 18000) / 100:.2f}"
        data.append((code, name, phone, area))
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["房号", "业主姓名", "联系电话", "建筑面积"])
        writer.writerows(data)
    return data


def raw_rate(path: Path, data: list[tuple[str, str, str, str]]) -> float:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE h (code TEXT UNIQUE, name TEXT, phone TEXT, area INTEGER)")
    start = time.perf_counter()
    with conn:
        conn.executemany(
            "INSERT INTO h VALUES (?, ?, ?, ?)",
            [(c, n, p, round(float(a) * 100)) for c, n, p, a in data],
        )
    elapsed = time.perf_counter() - start
    conn.close()
    return len(data) / elapsed


def run(quick: bool) -> Result:
    rows = 5_000 if quick else 20_000
    with private_environment() as root:
        from frontdesk.config import load
        from frontdesk.services.households import import_households
        from frontdesk.services.users import SYSTEM
        from frontdesk.storage.database import Database
        from frontdesk.storage.migrate import upgrade

        source = root / "households.csv"
        data = write_csv(source, rows)
        reference = raw_rate(root / "raw.db", data)
        config = load()
        db = Database(config.database_url)
        upgrade(db)
        start = time.perf_counter()
        result = import_households(db, SYSTEM, source, estate_name=config.app.estate_name)
        elapsed = time.perf_counter() - start
        db.dispose()
        if result.created != rows:
            raise RuntimeError(f"imported {result.created} of {rows} rows")
    value = rows / elapsed
    return Result(
        "household_import",
        value,
        "rows/s",
        reference,
        value / reference,
        ">= 5000 rows/s",
        value >= 5000,
        note=f"{rows} rows in {elapsed:.2f} s",
    )
