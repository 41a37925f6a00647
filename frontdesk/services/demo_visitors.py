"""Demo visitor log: three months of walk-ins of every purpose, a few still in today.

Written in one bulk insert (the rules were applied when the rows were made up:
normalised phones, known room codes or a department, sign-out after sign-in).
Regular visitors come back under the same phone number, so the sign-in form's
returning-visitor lookup has something to find.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select

from frontdesk.domain.visitors import PURPOSES
from frontdesk.domain.workcalendar import from_local, to_local
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import Room, VisitorVisit

DAYS = 90
DEMO_CLERKS = ("D001", "D003")  # the demo clerk and supervisor
DEPARTMENTS = ("物业办公室", "财务室", "工程部", "保安室", "客服中心")
_WEIGHTS = (30, 18, 8, 12, 14, 10, 5, 3)  # in the order of PURPOSES
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英华"
_PLATE_LETTERS = "ABCDEFGHJK"


def add_demo(db: Database, *, today: date, seed: int = 1) -> str:
    """Add about 40 visits a day for the last 90 days; returns a one-line summary."""
    rng = random.Random(seed * 104729 + 5)
    with db.read() as s:
        rooms = [
            (rid, code) for rid, code in s.execute(select(Room.id, Room.code).order_by(Room.id))
        ]
    regulars = [_person(rng) for _ in range(400)]
    now = utcnow()
    local_now = to_local(now)
    rows: list[dict[str, object]] = []
    still_in = 0
    for back in range(DAYS, -1, -1):
        day = today - timedelta(days=back)
        count = rng.randint(25, 55) if day.isoweekday() <= 5 else rng.randint(10, 25)
        for _ in range(count):
            name, phone = rng.choice(regulars) if rng.random() < 0.6 else _person(rng)
            purpose = rng.choices(PURPOSES, _WEIGHTS)[0]
            minute = rng.randint(8 * 60 + 30, 20 * 60)
            local_in = datetime.combine(day, time()) + timedelta(minutes=minute)
            if local_in >= local_now:
                continue
            local_out: datetime | None = local_in + timedelta(minutes=rng.randint(3, 95))
            auto = False
            if back == 0 and rng.random() < 0.25:
                local_out = None
            elif back > 0 and rng.random() < 0.02:
                local_out, auto = datetime.combine(day, time(22, 0)), True
            if local_out is not None and local_out >= local_now:
                local_out = None
            if local_out is None:
                still_in += 1
            room_id: int | None = None
            if rooms and purpose not in ("fee", "contractor") and rng.random() < 0.8:
                room_id, room_text = rng.choice(rooms)
            else:
                room_text = rng.choice(DEPARTMENTS)
            digits = phone.lstrip("+")
            rows.append(
                {
                    "name": name,
                    "phone": phone,
                    "phone_digits": digits,
                    "phone_reversed": digits[::-1],
                    "room_id": room_id,
                    "room_text": room_text,
                    "purpose": purpose,
                    "people": 1 if rng.random() < 0.8 else rng.randint(2, 4),
                    "id_checked": purpose in ("contractor", "guest") or rng.random() < 0.2,
                    "car_plate": _plate(rng) if rng.random() < 0.15 else "",
                    "notes": "",
                    "signed_in_at": from_local(local_in),
                    "signed_out_at": from_local(local_out) if local_out else None,
                    "auto_signed_out": auto,
                    "recorded_by": rng.choice(DEMO_CLERKS),
                    "signed_out_by": ("system" if auto else rng.choice(DEMO_CLERKS))
                    if local_out
                    else "",
                    "anonymised": False,
                }
            )
    with db.begin() as s:
        for i in range(0, len(rows), 2000):
            s.execute(insert(VisitorVisit), rows[i : i + 2000])
    return f"来访登记 {len(rows):,} 人次（近 {DAYS} 天），其中 {still_in} 位仍在场"


def _person(rng: random.Random) -> tuple[str, str]:
    name = rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.randint(1, 2)))
    phone = rng.choice(("138", "139", "150", "151", "186", "187", "135", "177"))
    return name, phone + f"{rng.randint(0, 99_999_999):08d}"


def _plate(rng: random.Random) -> str:
    return "京" + rng.choice(_PLATE_LETTERS) + f"{rng.randint(0, 99999):05d}"
