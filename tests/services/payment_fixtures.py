"""Shared set-up for the payment and reversal tests: a counter ready to take money.

``counter`` gives a household with four open bills (January and February 2026 of
物业管理费 224.00 and 垃圾清运费 10.00), a cashier, a supervisor and an open drawer
with a float, all on the ``db`` fixture's backend.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from frontdesk.config import CashierSettings
from frontdesk.domain.money import Denomination, parse_pieces
from frontdesk.services.cashbox import open_drawer
from frontdesk.services.payments import PaymentRequest, PaymentResult, Tender, collect
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    Allocation,
    AuditEvent,
    Bill,
    CashMovement,
    CashSession,
    Payment,
    PaymentReversal,
    PaymentTender,
    PrepayEntry,
    ReceiptCounter,
)
from tests.factories import (
    STAFF_PASSWORD,
    bill_household,
    make_fee_item,
    make_household,
    make_staff,
)

DESK = "前台1"
ESTATE = "示例花园"
SETTINGS = CashierSettings()
# Midday UTC: the same calendar date in every time zone from UTC-11 to UTC+11.
NOW = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
TODAY: date = NOW.astimezone().date()
FLOAT = "5张×50 10张×20 10张×10 10张×5 10张×1 10张×0.5 10张×0.1"
PASSWORD = STAFF_PASSWORD


def pieces(text: str) -> dict[Denomination, int]:
    return parse_pieces(text)


@dataclass
class Counter:
    db: Database
    admin: Actor
    cashier: Actor
    supervisor: Actor
    clerk: Actor
    household_id: int
    bills: list[int]  # 2026-01 LJF, 2026-01 WYF, 2026-02 LJF, 2026-02 WYF
    session_id: int | None = None
    extra: dict[str, int] = field(default_factory=dict)

    def pay(
        self,
        tenders: Sequence[Tender] | None = None,
        *,
        bills: Sequence[int] | None = None,
        household_id: int | None = None,
        tendered: int = 0,
        received: Mapping[Denomination, int] | None = None,
        credit: bool = False,
        ahead: int = 0,
        now: datetime = NOW,
        desk: str = DESK,
        series: str = "A",
        actor: Actor | None = None,
        db: Database | None = None,
    ) -> PaymentResult:
        """Collect; by default all four bills (468.00) in cash, exactly."""
        chosen = tuple(self.bills if bills is None else bills)
        if tenders is None:
            tenders = [Tender("cash", 46800)]
        request = PaymentRequest(
            household_id=self.household_id if household_id is None else household_id,
            bill_ids=chosen,
            ahead_months=ahead,
            tenders=tuple(tenders),
            cash_tendered_fen=tendered,
            received_pieces=received,
            overpay_to_credit=credit,
        )
        return collect(
            db or self.db,
            actor or self.cashier,
            request,
            desk=desk,
            series=series,
            settings=SETTINGS,
            estate_name=ESTATE,
            now=now,
        )


def setup_counter(db: Database, admin: Actor, *, drawer: bool = True) -> Counter:
    cashier = make_staff(db, "C001", "cashier", "张三")
    supervisor = make_staff(db, "S001", "supervisor", "李主管")
    clerk = Actor("K001", "王客服", "clerk")  # only its role matters
    household = make_household(db, "3-2-1201", ["刘兵", "王芳"], "89.60")
    make_fee_item(db, admin, "WYF", "物业管理费", "area_monthly", "2.50")
    make_fee_item(db, admin, "LJF", "垃圾清运费", "fixed_monthly", "10.00")
    bills = bill_household(db, admin, household, ["2026-01", "2026-02"])
    counter = Counter(db, admin, cashier, supervisor, clerk, household, bills)
    if drawer:
        counter.session_id = open_drawer(db, cashier, DESK, pieces(FLOAT), today=TODAY)
    return counter


@pytest.fixture
def counter(db: Database, admin: Actor) -> Counter:
    return setup_counter(db, admin)


def another_household(counter: Counter, room: str, owner: str, periods: Sequence[str]) -> int:
    household = make_household(counter.db, room, owner, "50.00", phones=())
    bill_household(counter.db, counter.admin, household, list(periods))
    return household


def bill_ids(db: Database, household_id: int) -> list[int]:
    with db.read() as s:
        return list(
            s.scalars(select(Bill.id).where(Bill.household_id == household_id).order_by(Bill.id))
        )


_TABLES = (
    Payment,
    PaymentTender,
    Allocation,
    PaymentReversal,
    PrepayEntry,
    CashMovement,
    CashSession,
    AuditEvent,
    ReceiptCounter,
    Bill,
)


def snapshot(db: Database) -> dict[str, object]:
    """Row counts of every table a payment or reversal writes, plus bill statuses and counters."""
    with db.read() as s:
        state: dict[str, object] = {
            model.__tablename__: s.scalar(select(func.count()).select_from(model))
            for model in _TABLES
        }
        state["bill_status"] = s.execute(select(Bill.id, Bill.status).order_by(Bill.id)).all()
        state["payment_status"] = s.execute(
            select(Payment.id, Payment.status).order_by(Payment.id)
        ).all()
        state["counters"] = s.execute(
            select(ReceiptCounter.desk, ReceiptCounter.year, ReceiptCounter.last_seq)
        ).all()
    return state


def statuses(db: Database, ids: Sequence[int]) -> list[str]:
    with db.read() as s:
        rows = dict(s.execute(select(Bill.id, Bill.status).where(Bill.id.in_(ids))).all())
    return [rows[i] for i in ids]


__all__ = [
    "DESK",
    "ESTATE",
    "NOW",
    "PASSWORD",
    "SETTINGS",
    "TODAY",
    "Counter",
    "another_household",
    "bill_ids",
    "counter",
    "pieces",
    "setup_counter",
    "snapshot",
    "statuses",
]
