"""A day of home fee collection: two visits collected in cash into the field desk's session.

Built through the real visits service (book, confirm, call, checklist, out,
collected), so the field desk's cash session is the one ``record_collected``
opens. Shared by the service, GUI and command-line tests of handing the cash in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from frontdesk.config import CashierSettings
from frontdesk.domain.workcalendar import from_local
from frontdesk.services import visits
from frontdesk.services.users import Actor
from frontdesk.services.visits import VisitRequest
from frontdesk.storage.database import Database
from tests.factories import bill_household, make_fee_item, make_household, make_staff

# Booked on Wednesday 2026-03-04; collected on Thursday 2026-03-05 (both in the past).
BOOKED = from_local(datetime(2026, 3, 4, 10, 0))
VISIT_DAY = date(2026, 3, 5)
CASHIER_SETTINGS = CashierSettings()
FIRST_FEN = 2 * 22400  # 2.50 ¥/m² × 89.60 m², two months
SECOND_FEN = 22400


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return from_local(datetime(day.year, day.month, day.day, hh, mm))


@dataclass
class FieldDay:
    """The staff and the households of a field day; ``collect`` brings one more visit in."""

    db: Database
    clerk: Actor
    collector: Actor  # a cashier: takes the money at the door
    goer: Actor
    supervisor: Actor
    households: list[int]

    def collect(self, household: int, when: datetime) -> visits.Outcome:
        """Book a visit (the day before), send it out and record it collected in cash."""
        request = VisitRequest(
            household_id=household,
            staff_id=self.goer.staff_id,
            scheduled_at=when,
            expected_amount_fen=0,
            reason="owner_asked",
        )
        row = visits.book_visit(self.db, self.clerk, request, now=BOOKED)
        visits.confirm_visit(self.db, self.clerk, row.id, now=BOOKED)
        visits.record_departure_call(self.db, self.goer, row.id, "done", now=when)
        visits.set_checklist(
            self.db,
            self.goer,
            row.id,
            ["staff_id", "change", "detector", "receipts", "shoe_covers"],
        )
        visits.set_out(self.db, self.goer, row.id, now=when)
        return visits.record_collected(
            self.db,
            self.collector,
            row.id,
            cashier=CASHIER_SETTINGS,
            estate_name="示例花园",
            now=when,
        )


def field_day(db: Database, admin: Actor, *, prefix: str = "X") -> FieldDay:
    """Staff (``<prefix>C01`` clerk, ``K01`` cashier, ``F01`` goer, ``S01`` supervisor), a fee
    item and three billed households; nothing collected yet."""
    day = FieldDay(
        db=db,
        clerk=make_staff(db, f"{prefix}C01", "clerk", "李娜"),
        collector=make_staff(db, f"{prefix}K01", "cashier", "王芳"),
        goer=make_staff(db, f"{prefix}F01", "clerk", "赵强"),
        supervisor=make_staff(db, f"{prefix}S01", "supervisor", "张主管"),
        households=[],
    )
    make_fee_item(db, admin)
    first = make_household(db, "3-2-1201", "刘兵")
    bill_household(db, admin, first, ["2026-01", "2026-02"])
    second = make_household(db, "1-1-101", "王静", phones=("13900001111",))
    bill_household(db, admin, second, "2026-01")
    third = make_household(db, "2-1-502", "陈刚", phones=("13700002222",))
    bill_household(db, admin, third, "2026-01")
    day.households = [first, second, third]
    return day


def two_collected(db: Database, admin: Actor, *, prefix: str = "X") -> FieldDay:
    """A field day with the first two households' visits collected in cash (¥672.00)."""
    day = field_day(db, admin, prefix=prefix)
    day.collect(day.households[0], at(VISIT_DAY, 10))
    day.collect(day.households[1], at(VISIT_DAY, 14))
    return day
