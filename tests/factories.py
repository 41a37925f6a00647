"""Test data builders shared by the cashier tests (households, staff, fee items, bills).

Each builder writes in its own ``db.begin()`` transaction through the ORM and
returns ids (not ORM objects), so tests never hold a session. Signatures are
kept stable: other developers' tests use them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from frontdesk.config import AppSettings
from frontdesk.domain.fees import bill_amount, parse_period
from frontdesk.domain.households import parse_area, pinyin_initials, reversed_digits
from frontdesk.services.users import SYSTEM, Actor, add_user
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    Bill,
    Building,
    Estate,
    FeeItem,
    FeeRate,
    Household,
    Owner,
    OwnerPhone,
    Room,
    Staff,
)

DEFAULT_ESTATE = AppSettings().estate_name
STAFF_PASSWORD = "secret-pass"


def make_staff(
    db: Database, staff_no: str, role: str, name: str | None = None, password: str = STAFF_PASSWORD
) -> Actor:
    """Create a staff account (through the users service) and return its Actor."""
    info = add_user(db, SYSTEM, staff_no, name or f"员工{staff_no}", role, password)
    with db.read() as s:
        staff_id = s.scalar(select(Staff.id).where(Staff.staff_no == staff_no))
    return Actor(info.staff_no, info.name, info.role, staff_id)


def make_household(
    db: Database,
    room: str = "3-2-1201",
    owner: str | Sequence[str] = "刘兵",
    area: str = "89.60",
    phones: Sequence[str] = ("13800001234",),
    *,
    occupied: bool = True,
    move_in: date | None = None,
    estate: str = DEFAULT_ESTATE,
) -> int:
    """Insert a room with its household, owner(s) and phones; return the household id.

    ``room`` is ``building-unit-number``; the estate and building are created on
    first use. ``owner`` may be one name or several (the first is primary; the
    phones belong to the first owner). ``area`` is in m² as text (``"89.60"``).
    """
    building_code, unit, number = room.split("-")
    names = [owner] if isinstance(owner, str) else list(owner)
    with db.begin() as s:
        estate_id = s.scalar(select(Estate.id).where(Estate.name == estate))
        if estate_id is None:
            est = Estate(name=estate)
            s.add(est)
            s.flush()
            estate_id = est.id
        building_id = s.scalar(
            select(Building.id).where(
                Building.estate_id == estate_id, Building.code == building_code
            )
        )
        if building_id is None:
            bld = Building(estate_id=estate_id, code=building_code)
            s.add(bld)
            s.flush()
            building_id = bld.id
        room_row = Room(
            building_id=building_id,
            unit=unit,
            number=number,
            code=room,
            area_centi_m2=parse_area(area),
        )
        s.add(room_row)
        s.flush()
        household = Household(room_id=room_row.id, move_in_date=move_in, occupied=occupied)
        s.add(household)
        s.flush()
        for index, name in enumerate(names):
            own = Owner(
                household_id=household.id,
                name=name,
                initials=pinyin_initials(name),
                primary=index == 0,
            )
            if index == 0:
                own.phones = [
                    OwnerPhone(number=p, reversed_digits=reversed_digits(p), position=pos)
                    for pos, p in enumerate(phones)
                ]
            s.add(own)
        s.flush()
        return household.id


def _fen(yuan: str) -> int:
    return int(Decimal(yuan) * 100)


def make_fee_item(
    db: Database,
    actor: Actor,
    code: str = "WYF",
    name: str = "物业管理费",
    kind: str = "area_monthly",
    rate: str = "2.50",
    *,
    effective_from: date = date(2026, 1, 1),
    due_day: int = 15,
    late_fee: bool = False,
    late_fee_bp: int = 5,
    late_fee_grace: int = 30,
    late_fee_cap: int = 100,
    active: bool = True,
    more_rates: Iterable[tuple[date, str]] = (),
) -> int:
    """Insert a fee item with its first rate (yuan text) and optional later rates; return its id.

    Goes straight to the ORM (no role check, no audit row) so tests of other
    areas do not depend on the fees service.
    """
    with db.begin() as s:
        item = FeeItem(
            code=code,
            name=name,
            kind=kind,
            due_day=due_day,
            active=active,
            late_fee_enabled=late_fee,
            late_fee_grace_days=late_fee_grace,
            late_fee_daily_bp=late_fee_bp,
            late_fee_cap_percent=late_fee_cap,
        )
        s.add(item)
        s.flush()
        for start, text in [(effective_from, rate), *more_rates]:
            s.add(
                FeeRate(
                    fee_item_id=item.id,
                    effective_from=start,
                    rate_fen=_fen(text),
                    created_by=actor.staff_no,
                )
            )
        s.flush()
        return item.id


def bill_household(
    db: Database,
    actor: Actor,
    household_id: int,
    periods: str | Sequence[str] = "2026-01",
    *,
    codes: Sequence[str] | None = None,
    status: str = "open",
) -> list[int]:
    """Bill one household for ``periods`` (``"2026-01"`` or a list) for its monthly items.

    Uses every active monthly fee item (or only ``codes``) with a rate in force
    on the first of each period, computes amounts like the billing service, and
    returns the new bill ids in order (period, then item code). Periods already
    billed for an item are skipped.
    """
    period_list = [periods] if isinstance(periods, str) else list(periods)
    ids: list[int] = []
    with db.begin() as s:
        household = s.get(Household, household_id)
        assert household is not None, f"no household {household_id}"
        area = household.room.area_centi_m2
        query = select(FeeItem).where(FeeItem.kind != "one_off").order_by(FeeItem.code)
        if codes is None:
            query = query.where(FeeItem.active)
        else:
            query = query.where(FeeItem.code.in_(list(codes)))
        items = list(s.scalars(query))
        for period in period_list:
            year, month = parse_period(period)
            first = date(year, month, 1)
            for item in items:
                rate = s.scalar(
                    select(FeeRate.rate_fen)
                    .where(FeeRate.fee_item_id == item.id, FeeRate.effective_from <= first)
                    .order_by(FeeRate.effective_from.desc())
                    .limit(1)
                )
                if rate is None:
                    continue
                exists = s.scalar(
                    select(Bill.id).where(
                        Bill.household_id == household_id,
                        Bill.fee_item_id == item.id,
                        Bill.period == period,
                    )
                )
                if exists is not None:
                    continue
                quantity = area if item.kind == "area_monthly" else 100
                bill = Bill(
                    household_id=household_id,
                    fee_item_id=item.id,
                    period=period,
                    rate_fen=rate,
                    quantity_centi=quantity,
                    amount_fen=bill_amount(item.kind, rate, quantity),
                    due_date=date(year, month, item.due_day),
                    status=status,
                    created_by=actor.staff_no,
                )
                s.add(bill)
                s.flush()
                ids.append(bill.id)
    return ids
