"""A desk that takes payments and prints receipts, for the printing GUI tests.

``print_desk`` (fixture): the GUI's migrated database with a household owing
four bills (2026-01 and 2026-02 of 物业管理费 224.00 and 垃圾清运费 10.00), a
supervisor ``S001`` and the cashier ``C001`` of ``tests.ui.conftest``, and an
``AppContext`` with its database task runner. ``pay`` collects all four bills
by WeChat (no cash drawer needed), optionally queueing the receipt.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from frontdesk.config import Config
from frontdesk.services.payments import PaymentRequest, PaymentResult, Tender, collect, quote
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.ui.context import AppContext
from frontdesk.ui.tasks import TaskRunner
from tests.factories import bill_household, make_fee_item, make_household, make_staff
from tests.ui.conftest import CASHIER

CASHIER_ACTOR = Actor(CASHIER[0], CASHIER[1], CASHIER[2])
TOTAL_FEN = 46800
WAIT_MS = 15_000  # generous for a loaded machine; never slept


@dataclass
class PrintDesk:
    config: Config
    ctx: AppContext
    db: Database
    supervisor: Actor
    household: int
    bills: list[int]

    @property
    def desk(self) -> str:
        return self.config.app.desk

    def pay(self, *, print_receipt: bool = False, bills: list[int] | None = None) -> PaymentResult:
        """Collect ``bills`` (default: all four) by WeChat, the receipt queued if asked."""
        chosen = tuple(self.bills if bills is None else bills)
        due = quote(self.db, self.household, chosen, 0, on=date.today(), cash_unit_fen=10).due_fen
        request = PaymentRequest(
            household_id=self.household,
            bill_ids=chosen,
            ahead_months=0,
            tenders=(Tender("wechat", due),),
        )
        return collect(
            self.db,
            CASHIER_ACTOR,
            request,
            desk=self.desk,
            series="A",
            settings=self.config.cashier,
            estate_name="示例花园",
            print_receipt=print_receipt,
        )


def make_print_desk(config: Config, db: Database, tasks: TaskRunner) -> PrintDesk:
    supervisor = make_staff(db, "S001", "supervisor", "李主管")
    household = make_household(db, "3-2-1201", ["刘兵", "王芳"], "89.60")
    make_fee_item(db, supervisor, "WYF", "物业管理费", "area_monthly", "2.50")
    make_fee_item(db, supervisor, "LJF", "垃圾清运费", "fixed_monthly", "10.00")
    bills = bill_household(db, supervisor, household, ["2026-01", "2026-02"])
    return PrintDesk(config, AppContext(config, db, tasks), db, supervisor, household, bills)


@pytest.fixture
def print_desk(gui_config: Config, app_db: Database) -> Iterator[PrintDesk]:
    tasks = TaskRunner("db")
    yield make_print_desk(gui_config, app_db, tasks)
    tasks.shutdown(wait=True)


def idle(qtbot: QtBot, ctx: AppContext) -> None:
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=WAIT_MS)
