"""The demo estate and the demo accounts behind ``frontdesk --demo``."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from sqlalchemy import func, select

from frontdesk.domain.households import pinyin_initials, split_phones
from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services import audit
from frontdesk.services.demo import (
    DEMO_ACCOUNTS,
    DEMO_BILLED_MONTHS,
    DEMO_PASSWORD,
    SOUND_ALIKE_GROUPS,
    DemoAccount,
    create_demo_estate,
    ensure_demo,
)
from frontdesk.services.users import SYSTEM, Actor, authenticate
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    AuditEvent,
    Bill,
    Building,
    Estate,
    FeeItem,
    Household,
    Owner,
    OwnerPhone,
    Room,
    Staff,
)

ROOM_CODE = re.compile(r"^([1-9]\d*)-([1-4])-([1-9]\d?)(0[1-4])$")


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_demo_estate_is_realistic(db: Database) -> None:
    result = create_demo_estate(db, SYSTEM, households=600, seed=7, estate_name="幸福里")
    assert result.households == 600
    assert _count(db, Room) == _count(db, Household) == 600
    assert result.owners == _count(db, Owner) > 600  # some co-owners
    assert result.phones == _count(db, OwnerPhone) > result.owners  # some second phones
    with db.read() as s:
        assert s.scalars(select(Estate.name)).all() == ["幸福里"]
        assert _count(db, Building) == result.buildings >= 2
        rooms = s.execute(select(Room.code, Room.unit, Room.number, Room.area_centi_m2)).all()
        occupied = Counter(s.scalars(select(Household.occupied)))
        moved_in = s.scalars(select(Household.move_in_date).where(Household.occupied)).all()
        owners = s.execute(select(Owner.name, Owner.initials, Owner.primary)).all()
        phones = s.scalars(select(OwnerPhone.number)).all()
        reversed_ok = all(
            r == n[::-1]
            for n, r in s.execute(select(OwnerPhone.number, OwnerPhone.reversed_digits))
        )
        assert audit.verify(s).ok
        event = s.scalars(select(AuditEvent)).one()
    for code, unit, number, area in rooms:
        match = ROOM_CODE.match(code)
        assert match, code
        assert (match.group(2), match.group(3) + match.group(4)) == (unit, number)
        assert 6000 <= area <= 18000
    assert any(area % 100 for *_, area in rooms)  # areas with decimals
    assert 0 < occupied[False] < 600 * 0.15  # a few vacant
    assert any(d is not None for d in moved_in)
    names = {name for name, _, _ in owners}
    for group in SOUND_ALIKE_GROUPS:
        assert set(group) <= names, group
    for name, initials, _ in owners:
        assert initials == pinyin_initials(name), name
    assert sum(1 for *_, primary in owners if primary) == 600
    assert len(set(phones)) == len(phones)  # unique numbers
    for number in phones:
        assert split_phones(number) == [number]
        assert re.fullmatch(r"1[3-9]\d{9}|0571\d{8}", number), number
    assert reversed_ok
    assert event.action == "demo.create"
    assert json.loads(event.details)["households"] == 600


def test_same_seed_same_estate(db: Database, sqlite_db: Database) -> None:
    create_demo_estate(db, SYSTEM, households=120, seed=3)
    create_demo_estate(sqlite_db, SYSTEM, households=120, seed=3)

    def snapshot(database: Database) -> list[tuple[str, str, int]]:
        with database.read() as s:
            rows = s.execute(
                select(Room.code, Owner.name, Room.area_centi_m2)
                .join(Household, Household.room_id == Room.id)
                .join(Owner, Owner.household_id == Household.id)
                .where(Owner.primary)
                .order_by(Room.code)
            ).all()
        return [(code, name, area) for code, name, area in rows]

    assert snapshot(db) == snapshot(sqlite_db)


def test_demo_refuses_a_database_with_rooms(db: Database) -> None:
    create_demo_estate(db, SYSTEM, households=10)
    before = _count(db, Room), _count(db, AuditEvent)
    with pytest.raises(ValidationError, match="已有 10 套房屋"):
        create_demo_estate(db, SYSTEM, households=10)
    assert (_count(db, Room), _count(db, AuditEvent)) == before


@pytest.mark.parametrize("households", [0, -1, 2_000_000])
def test_demo_size_is_checked(db: Database, households: int) -> None:
    with pytest.raises(ValidationError, match="演示住户数"):
        create_demo_estate(db, SYSTEM, households=households)
    assert _count(db, Room) == 0


def test_demo_needs_an_administrator(db: Database) -> None:
    with pytest.raises(PermissionDenied):
        create_demo_estate(db, Actor("C001", "王芳", "cashier"), households=10)


def test_ensure_demo_creates_accounts_and_estate_once(db: Database) -> None:
    accounts = ensure_demo(db)
    assert accounts == list(DEMO_ACCOUNTS)
    assert sorted(a.role for a in accounts) == ["admin", "cashier", "clerk", "supervisor"]
    assert all(isinstance(a, DemoAccount) and a.password == DEMO_PASSWORD for a in accounts)
    assert 250 <= _count(db, Household) <= 400
    # The cashier has something to collect: two fee items, the last three months billed.
    assert _count(db, FeeItem) == 2
    with db.read() as s:
        periods = set(s.scalars(select(Bill.period)))
        occupied = s.scalar(select(func.count()).select_from(Household).where(Household.occupied))
    assert len(periods) == DEMO_BILLED_MONTHS
    assert _count(db, Bill) >= occupied
    staff, rooms, events = _count(db, Staff), _count(db, Room), _count(db, AuditEvent)

    assert ensure_demo(db) == accounts  # second start: nothing new
    assert (_count(db, Staff), _count(db, Room), _count(db, AuditEvent)) == (staff, rooms, events)

    clerk = authenticate(db, "D001", DEMO_PASSWORD)
    assert (clerk.name, clerk.role) == ("李娜", "clerk")


def test_ensure_demo_leaves_existing_staff_alone(db: Database, admin: Actor) -> None:
    assert ensure_demo(db, households=20) == []
    with db.read() as s:
        assert s.scalars(select(Staff.staff_no)).all() == ["A001"]
    assert _count(db, Household) == 20
