"""A realistic demo estate and demo accounts, for trying the product and for benchmarks.

``create_demo_estate`` fills an empty database with buildings, units, rooms,
owners with common Chinese names (including same-sounding ones such as
刘兵 / 刘斌 / 刘冰, which the search must tell apart), phone numbers, areas and
move-in dates. It is deterministic for a given seed and uses bulk inserts, so
100,000 households take seconds.

``ensure_demo`` is what ``frontdesk --demo`` calls on the separate demo
database: demo accounts (one per role, password ``demo1234`` — demo only,
never in a real database) and a small estate, each created only once.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from frontdesk.domain.households import pinyin_initials, reversed_digits
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.households import DEFAULT_ESTATE, bulk_insert
from frontdesk.services.users import SYSTEM, Actor, add_user, require
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import Building, Estate, Household, Owner, OwnerPhone, Room, Staff

DEMO_PASSWORD = "demo1234"
"""Password of every demo account. For the demo database only."""

DEMO_HOUSEHOLDS = 300
MAX_DEMO_HOUSEHOLDS = 1_000_000


@dataclass(frozen=True)
class DemoAccount:
    """A demo login: staff number, name, role and its (demo-only) password."""

    staff_no: str
    name: str
    role: str
    password: str


DEMO_ACCOUNTS = (
    DemoAccount("D001", "李娜", "clerk", DEMO_PASSWORD),
    DemoAccount("D002", "王芳", "cashier", DEMO_PASSWORD),
    DemoAccount("D003", "张强", "supervisor", DEMO_PASSWORD),
    DemoAccount("D004", "陈明", "admin", DEMO_PASSWORD),
)


@dataclass(frozen=True)
class DemoEstate:
    """What ``create_demo_estate`` wrote."""

    estate: str
    buildings: int
    households: int
    vacant: int
    owners: int
    phones: int


# fmt: off
# Surnames with rough relative frequencies (per mille of the population).
_SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 71), ("李", 70), ("张", 69), ("刘", 54), ("陈", 45), ("杨", 31), ("黄", 22),
    ("赵", 20), ("吴", 19), ("周", 19), ("徐", 13), ("孙", 12), ("马", 11), ("朱", 11),
    ("胡", 10), ("郭", 9.7), ("何", 9), ("高", 9), ("林", 9), ("罗", 8), ("郑", 8),
    ("梁", 7), ("谢", 6), ("宋", 5), ("唐", 5), ("许", 5), ("韩", 5), ("冯", 4.5),
    ("邓", 4.5), ("曹", 4.4), ("彭", 4.1), ("曾", 4), ("肖", 3.9), ("田", 3.6), ("董", 3.5),
    ("袁", 3.5), ("潘", 3.4), ("于", 3.4), ("蒋", 3.3), ("蔡", 3.2), ("余", 3.1), ("杜", 3),
    ("叶", 3), ("程", 2.9), ("苏", 2.8), ("魏", 2.7), ("吕", 2.7), ("丁", 2.6), ("任", 2.5),
    ("沈", 2.4), ("姚", 2.3), ("卢", 2.3), ("姜", 2.2), ("崔", 2.2), ("钟", 2.1), ("谭", 2.1),
    ("陆", 2.1), ("汪", 2), ("范", 2), ("金", 2), ("石", 1.9), ("廖", 1.8), ("贾", 1.8),
    ("夏", 1.8), ("韦", 1.7), ("付", 1.7), ("方", 1.7), ("白", 1.6), ("邹", 1.6), ("孟", 1.5),
    ("熊", 1.5), ("秦", 1.5), ("邱", 1.5), ("江", 1.5), ("尹", 1.4), ("薛", 1.4), ("闫", 1.4),
    ("段", 1.4), ("雷", 1.3), ("侯", 1.3), ("龙", 1.3), ("史", 1.3), ("陶", 1.2), ("黎", 1.2),
    ("贺", 1.2), ("顾", 1.2), ("毛", 1.1), ("郝", 1.1), ("龚", 1.1), ("邵", 1.1), ("万", 1),
    ("钱", 1), ("严", 1), ("单", 0.5), ("解", 0.3), ("欧阳", 0.3), ("司马", 0.1),
    ("上官", 0.1), ("诸葛", 0.1),
)
_SINGLE_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玲红飞鹏辉鑫波斌宇浩凯健俊帆帅旭宁龙林"
    "欢阳建亮成佳婷雪琳晨颖倩洁丹蕾萍燕慧莉博文峰琴云兰凤梅蓉薇昊轩睿涵萱怡彤瑶楠悦"
)
_GIVEN_FIRST = (
    "志建国文晓海春秋俊子梓浩宇欣雨思佳嘉家一天明玉秀丽红小永金"
    "立德婉紫诗梦语若雅晨亦昊博泽铭睿"
)
_GIVEN_SECOND = (
    "华明伟强军平杰涛峰辉刚勇斌超轩涵萱怡琪然豪阳宇琳婷娟霞芳玲"
    "英敏洁颖慧燕云龙飞鹏凯博宁晨远航辰彤瑶冉楠萌悦"
)
# Same-sounding names a clerk must tell apart (same pinyin, often same initials).
SOUND_ALIKE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("刘兵", "刘斌", "刘冰"),
    ("王静", "王晶", "王菁"),
    ("张伟", "张玮", "张薇"),
    ("李娜", "李纳"),
    ("陈晨", "陈辰", "陈琛"),
    ("杨洋", "杨阳", "杨扬"),
    ("王军", "王君", "王钧"),
    ("李丽", "李莉", "李俐"),
    ("张敏", "张民", "张珉"),
    ("刘洋", "刘阳", "刘扬"),
    ("王磊", "王蕾", "王垒"),
    ("李静", "李婧", "李菁"),
)
_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147",
    "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "170", "173",
    "175", "176", "177", "178", "180", "181", "182", "183", "184", "185", "186", "187",
    "188", "189", "191", "193", "195", "196", "197", "198", "199",
)
# fmt: on
_AREA_CODE = "0571"  # landlines of one city, as in a real estate


def create_demo_estate(
    db: Database,
    actor: Actor,
    households: int = DEMO_HOUSEHOLDS,
    seed: int = 1,
    *,
    estate_name: str = DEFAULT_ESTATE,
) -> DemoEstate:
    """Fill an empty database with a realistic estate of ``households`` households.

    Buildings have 2–4 units and 6–33 floors with 2–4 rooms per floor and unit
    (room codes like ``3-2-1201``); areas are 60–180 m² with decimals, the same
    for a room position on every floor; about 5 % of rooms are vacant; about
    15 % of owners give a second phone and 8 % of households have a co-owner.
    The same seed gives the same estate.

    Raises:
        ValidationError: the database already has rooms (demo data is never
            mixed into real data), or ``households`` is out of range.
        PermissionDenied: the actor is not an administrator.
    """
    require(actor, "admin")
    if not 1 <= households <= MAX_DEMO_HOUSEHOLDS:
        raise ValidationError(f"演示住户数应在 1 到 {MAX_DEMO_HOUSEHOLDS} 之间。")
    plan = _Plan(random.Random(seed), households, date.today())
    now = utcnow()
    with db.begin() as s:
        if s.scalar(select(Room.id).limit(1)) is not None:
            existing = s.scalar(select(func.count()).select_from(Room))
            raise ValidationError(f"数据库中已有 {existing} 套房屋，演示数据只能写入空数据库。")
        estate_id = s.scalar(select(Estate.id).where(Estate.name == estate_name))
        if estate_id is None:
            estate_id = s.scalar(insert(Estate).values(name=estate_name).returning(Estate.id))
        assert estate_id is not None
        building_rows = [{"estate_id": estate_id, "code": code} for code in plan.buildings]
        building_ids = bulk_insert(s, Building, building_rows, ("code",))
        by_code = dict(zip(plan.buildings, building_ids, strict=True))
        room_rows = [
            {
                "building_id": by_code[r.building],
                "unit": r.unit,
                "number": r.number,
                "code": f"{r.building}-{r.unit}-{r.number}",
                "area_centi_m2": r.area,
            }
            for r in plan.rooms
        ]
        room_ids = bulk_insert(s, Room, room_rows, ("code",))
        household_rows = [
            {
                "room_id": room_id,
                "move_in_date": r.move_in,
                "occupied": r.occupied,
                "created_at": now,
                "updated_at": now,
            }
            for room_id, r in zip(room_ids, plan.rooms, strict=True)
        ]
        household_ids = bulk_insert(s, Household, household_rows, ("room_id",))
        owner_rows: list[dict[str, Any]] = []
        owner_phones: list[tuple[str, ...]] = []
        for household_id, r in zip(household_ids, plan.rooms, strict=True):
            for index, (surname, given, phones) in enumerate(r.owners):
                owner_rows.append(
                    {
                        "household_id": household_id,
                        "name": surname + given,
                        "initials": _initials(surname, given),
                        "primary": index == 0,
                    }
                )
                owner_phones.append(phones)
        owner_ids = bulk_insert(s, Owner, owner_rows, ("household_id", "primary"))
        phone_rows = [
            {
                "owner_id": owner_id,
                "number": number,
                "reversed_digits": reversed_digits(number),
                "position": position,
            }
            for owner_id, phones in zip(owner_ids, owner_phones, strict=True)
            for position, number in enumerate(phones)
        ]
        bulk_insert(s, OwnerPhone, phone_rows)
        result = DemoEstate(
            estate=estate_name,
            buildings=len(plan.buildings),
            households=len(plan.rooms),
            vacant=sum(1 for r in plan.rooms if not r.occupied),
            owners=len(owner_rows),
            phones=len(phone_rows),
        )
        audit.record(
            s,
            actor.staff_no,
            "demo.create",
            "estate",
            estate_id,
            {
                "seed": seed,
                "buildings": result.buildings,
                "households": result.households,
                "owners": result.owners,
            },
        )
    return result


DEMO_BILLED_MONTHS = 3
"""The demo bills this many months up to the current one, so every household owes something."""


def ensure_demo(
    db: Database,
    *,
    households: int = DEMO_HOUSEHOLDS,
    estate_name: str = DEFAULT_ESTATE,
) -> list[DemoAccount]:
    """Make the (already migrated) demo database usable; safe to call at every start.

    Creates the demo accounts if there are no staff at all, and a demo estate
    if there are no rooms. Returns the demo accounts present in the database
    (their passwords are the demo ones unless someone changed them).
    Never call this on a real database.
    """
    with db.read() as s:
        has_staff = s.scalar(select(Staff.id).limit(1)) is not None
        has_rooms = s.scalar(select(Room.id).limit(1)) is not None
    if not has_staff:
        for account in DEMO_ACCOUNTS:
            add_user(db, SYSTEM, account.staff_no, account.name, account.role, account.password)
    if not has_rooms:
        create_demo_estate(db, SYSTEM, households, estate_name=estate_name)
        add_demo_billing(db, today=date.today())
        add_demo_activity(db, today=date.today())
    numbers = [a.staff_no for a in DEMO_ACCOUNTS]
    with db.read() as s:
        present = set(s.scalars(select(Staff.staff_no).where(Staff.staff_no.in_(numbers))))
    return [a for a in DEMO_ACCOUNTS if a.staff_no in present]


def add_demo_billing(db: Database, *, today: date, months: int = DEMO_BILLED_MONTHS) -> int:
    """Give the demo estate its fee standards and bill the last ``months`` months.

    Returns the number of bills created. Safe to call again: fee items and
    months already billed are left alone.
    """
    from frontdesk.domain.fees import add_months, period_label
    from frontdesk.services.billing import bill_months
    from frontdesk.services.fees import ensure_demo_fees

    ensure_demo_fees(db, SYSTEM, today=today)
    start = period_label(*add_months(today.year, today.month, 1 - months))
    runs = bill_months(db, SYSTEM, start, period_label(today.year, today.month), today=today)
    return sum(run.created for run in runs)


DEMO_ACTIVITY_MODULES: tuple[str, ...] = (
    "frontdesk.services.demo_visitors",
    "frontdesk.services.demo_visits",
    "frontdesk.services.demo_calls",
    "frontdesk.services.demo_matters",
)
"""Modules with ``add_demo(db, *, today, seed) -> str`` that add reception and field work.

Each returns a short Chinese summary of what it created ("来访 1,200 人次"); they
run in this order, after the estate and its bills exist. Home visits come before
the calls, so the call plan leaves out the households with a visit booked.
"""


def add_demo_activity(db: Database, *, today: date, seed: int = 1) -> list[str]:
    """Visitors, matters, home visits and calls of the past months (and some ahead).

    Returns each module's summary. Called once, right after the demo estate is made.
    """
    import importlib

    summaries = []
    for name in DEMO_ACTIVITY_MODULES:
        module = importlib.import_module(name)
        summaries.append(str(module.add_demo(db, today=today, seed=seed)))
    return summaries


def _initials(surname: str, given: str) -> str:
    # Per part, so the cache holds a few thousand entries instead of every full name.
    return pinyin_initials(surname) + pinyin_initials(given, surname=False)


# --------------------------------------------------------------------------- the plan


@dataclass
class _Room:
    building: str
    unit: str
    number: str
    area: int
    occupied: bool
    move_in: date | None
    owners: list[tuple[str, str, tuple[str, ...]]]  # (surname, given name, phones)


class _Plan:
    """The whole estate, generated in memory from one random stream."""

    def __init__(self, rng: random.Random, households: int, today: date) -> None:
        self.rng = rng
        self.today = today
        self.buildings: list[str] = []
        self.rooms: list[_Room] = []
        self._phones: set[str] = set()
        surnames, weights = zip(*_SURNAMES, strict=True)
        self._surnames: tuple[str, ...] = surnames
        self._cum_weights = list(itertools.accumulate(weights))
        self._total_weight = self._cum_weights[-1]
        self._rnd = rng.random
        self._layout(households)
        self._place_sound_alikes()

    def _layout(self, households: int) -> None:
        rng = self.rng
        building = 0
        while len(self.rooms) < households:
            building += 1
            code = str(building)
            self.buildings.append(code)
            kind = rng.random()
            if kind < 0.25:
                floors = rng.randint(6, 7)  # low-rise
            elif kind < 0.6:
                floors = rng.randint(11, 18)
            else:
                floors = rng.randint(24, 33)
            units = rng.randint(2, 4)
            per_floor = rng.choice((2, 2, 3, 4))
            handed_over = date(rng.randint(2003, 2022), rng.randint(1, 12), rng.randint(1, 28))
            for unit in range(1, units + 1):
                areas = [rng.randint(6000, 18000) for _ in range(per_floor)]
                for floor in range(1, floors + 1):
                    for position in range(1, per_floor + 1):
                        if len(self.rooms) >= households:
                            return
                        number = f"{floor}{position:02d}"
                        area = areas[position - 1]
                        self.rooms.append(self._room(code, str(unit), number, area, handed_over))

    # The helpers below draw with random() and index arithmetic rather than
    # choice()/randrange(): several times faster, which matters at 100,000 rooms.

    def _pick(self, items: Sequence[str]) -> str:
        return items[int(self._rnd() * len(items))]

    def _room(self, building: str, unit: str, number: str, area: int, handed_over: date) -> _Room:
        rnd = self._rnd
        occupied = rnd() >= 0.05
        move_in: date | None = None
        if occupied and rnd() < 0.9:
            span = max(1, (self.today - handed_over).days)
            move_in = handed_over + timedelta(days=int(rnd() * span))
        surname, given = self._name()
        phones = [self._mobile()]
        if rnd() < 0.15:
            phones.append(self._mobile() if rnd() < 0.7 else self._landline())
        owners = [(surname, given, tuple(phones))]
        if rnd() < 0.08:
            co_surname, co_given = self._name()
            owners.append((co_surname, co_given, (self._mobile(),)))
        return _Room(building, unit, number, area, occupied, move_in, owners)

    def _name(self) -> tuple[str, str]:
        rnd = self._rnd
        if rnd() < 0.03:
            name = self._pick(SOUND_ALIKE_GROUPS[int(rnd() * len(SOUND_ALIKE_GROUPS))])
            return name[0], name[1:]
        surname = self._surnames[bisect.bisect(self._cum_weights, rnd() * self._total_weight)]
        if rnd() < 0.3:
            return surname, self._pick(_SINGLE_GIVEN)
        return surname, self._pick(_GIVEN_FIRST) + self._pick(_GIVEN_SECOND)

    def _unique(self, prefix: str, digits: int) -> str:
        while True:
            number = prefix + str(int(self._rnd() * 10**digits)).zfill(digits)
            if number not in self._phones:
                self._phones.add(number)
                return number

    def _mobile(self) -> str:
        return self._unique(self._pick(_MOBILE_PREFIXES), 8)

    def _landline(self) -> str:
        return self._unique(_AREA_CODE + str(2 + int(self._rnd() * 7)), 7)

    def _place_sound_alikes(self) -> None:
        """Make sure every same-sounding name occurs, spread over the estate."""
        names = [name for group in SOUND_ALIKE_GROUPS for name in group]
        if not self.rooms:
            return
        step = max(1, len(self.rooms) // len(names))
        for index, name in enumerate(names):
            room = self.rooms[(index * step + step // 2) % len(self.rooms)]
            _surname, _given, phones = room.owners[0]
            room.owners[0] = (name[0], name[1:], phones)
