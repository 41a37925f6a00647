"""Demo home fee-collection visits: the past month and the next two weeks, every status.

Runs through the visits service itself, step by step in time order with
``now=`` set to each moment, so the demo obeys the real rules: bookings a day
ahead (a few same-day ones with their reason), no clashes, the confirmation
the day before, the pre-departure call and checklist before going out, a
collection becomes a payment in the field receipt series with its bills paid,
not home offers or books the next slot, reschedules keep their history. At the
end of each past working day a supervisor closes the field desk's cash (the
cash handed in), so only today's field cash is still open.

Visits go to occupied demo households with open bills, each household at most
once; they are booked by the demo clerk (D001) and made by the demo cashier
and supervisor (D002, D003), or whichever staff the database has. Nothing is
added when the database already has visits, so running it twice adds nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from frontdesk.config import CashierSettings, OfficeSettings
from frontdesk.domain.fees import period_label
from frontdesk.domain.workcalendar import OfficeCalendar, from_local, to_local
from frontdesk.services import cashbox, drawer, visits
from frontdesk.services.billing import household_dues
from frontdesk.services.households import DEFAULT_ESTATE
from frontdesk.services.users import Actor
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import Bill, Estate, HomeVisit, Household, Staff

PAST_DAYS = 30
AHEAD_DAYS = 14
# Starts an hour apart: a 30-minute visit plus the 20-minute travel buffer never clash.
SLOTS = (time(9), time(10), time(11), time(13, 30), time(14, 30), time(15, 30), time(16, 30))
CLERKS = ("D001",)
GOERS = ("D002", "D003")
SUPERVISORS = ("D003",)

# What became of the visits that are over, in turn (cycled).
_PAST = (
    "done",
    "done",
    "not_home",
    "done",
    "rescheduled",
    "done",
    "cancelled",
    "done",
    "not_home_rebooked",
    "done",
)
# And of those still to come that are not on the next working day.
_AHEAD = ("booked", "booked", "cancelled", "booked", "rescheduled", "booked")
_SAME_DAY_EVERY = 6  # every sixth visit of the past month was booked the same day
_SAME_DAY_REASONS = (
    "业主明天出差，今天下午在家",
    "业主来电要求今天上门收费",
    "业主年纪大行动不便，今天家里有人",
    "业主转账后急需票据报销",
)
_CANCEL_REASONS = ("业主改为到前台缴费", "业主临时出差，另行再约", "业主家中有事，取消上门")
_RESCHEDULE_REASONS = ("业主临时加班", "业主家中有事，改约时间", "业主要求改到其他时间")
_REASONS = ("owner_asked",) * 5 + ("overdue",) * 3 + ("transfer_receipt",) * 2
_METHODS = ("cash",) * 7 + ("wechat",) * 2 + ("alipay",)
_CHECKLIST = ("staff_id", "change", "detector", "receipts", "shoe_covers")


@dataclass(frozen=True)
class _Person:
    actor: Actor
    staff_id: int


@dataclass
class _Visit:
    """One visit as planned (local naive times), before it is made through the service."""

    goer: _Person
    household_id: int
    start: datetime
    booked: datetime
    reason: str
    fate: str = "booked"
    same_day_reason: str = ""
    acted: datetime | None = None  # when it was cancelled or moved
    follow: _Visit | None = None  # the visit it was moved to (rescheduled, not home)
    visit_id: int = 0


class _Demo:
    def __init__(self, db: Database, rng: random.Random, today: date, now: datetime) -> None:
        self.db, self.rng, self.today, self.now = db, rng, today, now  # now: local naive
        self.calendar = OfficeCalendar.from_settings(OfficeSettings())
        self.cashier = CashierSettings()
        self.taken: set[tuple[int, datetime]] = set()
        self.steps: list[tuple[datetime, int, Callable[[datetime], None]]] = []
        self.made: list[_Visit] = []
        self.estate = DEFAULT_ESTATE
        self.clerk: _Person | None = None
        self.goers: list[_Person] = []
        self.supervisor: _Person | None = None

    # ------------------------------------------------------------ the plan

    def working_days(self, start: date, end: date) -> list[date]:
        days = (start + timedelta(days=i) for i in range((end - start).days + 1))
        return [d for d in days if self.calendar.is_working_day(d)]

    def free_slot(self, goer: _Person, days: list[date]) -> datetime | None:
        free = [
            datetime.combine(d, t)
            for d in days
            for t in SLOTS
            if (goer.staff_id, datetime.combine(d, t)) not in self.taken
        ]
        if not free:
            return None
        start = self.rng.choice(free)
        self.taken.add((goer.staff_id, start))
        return start

    def happened(self, start: datetime) -> bool:
        return start - timedelta(minutes=20) <= self.now

    def working_days_before(self, day: date, count: int) -> date:
        for _ in range(count):
            day -= timedelta(days=1)
            while not self.calendar.is_working_day(day):
                day -= timedelta(days=1)
        return day

    def in_office(self, day: date) -> datetime:
        """A random moment in the office hours of ``day``."""
        periods = self.calendar.periods(day)
        lengths = [int((b - a).total_seconds()) // 60 for a, b in periods]
        minute = self.rng.randrange(sum(lengths))
        for (opens, _closes), length in zip(periods, lengths, strict=True):
            if minute < length:
                return opens + timedelta(minutes=minute)
            minute -= length
        raise AssertionError("unreachable")

    def between(self, low: datetime, high: datetime) -> datetime:
        """A moment between ``low`` and ``high``, in office hours when there are any."""
        moment = low + (high - low) * self.rng.uniform(0.2, 0.8)
        if not self.calendar.is_open(moment):
            moment = self.calendar.next_open(moment)
        return moment if moment < high else low + (high - low) / 10

    def booked_before(self, start: datetime) -> datetime:
        """One to five working days before ``start``; for visits further ahead, lately."""
        moment = self.in_office(self.working_days_before(start.date(), self.rng.randint(1, 5)))
        if moment >= self.now - timedelta(minutes=5):
            moment = self.in_office(self.working_days_before(self.today, self.rng.randint(1, 5)))
        return moment

    def plan(self, households: list[int]) -> None:
        self.place(households)
        # At least one visit is out: the latest collection that has not been recorded yet.
        if not any(v.fate == "out" for v in self.all_visits()):
            done = [v for v in self.all_visits() if v.fate == "done"]
            if done:
                max(done, key=lambda v: v.start).fate = "out"

    def place(self, households: list[int]) -> None:
        """One to three visits a working day, each to the next household of the pool."""
        first, last = (
            self.today - timedelta(days=PAST_DAYS),
            self.today + timedelta(days=AHEAD_DAYS),
        )
        tomorrow = self.calendar.next_working_day(self.today)
        pool = iter(households)
        past = ahead = 0
        for day in self.working_days(first, last):
            count = self.rng.randint(1, 3)
            if day == tomorrow:
                count = max(count, 2)  # one to confirm, one confirmed
            for index in range(count):
                goer = self.rng.choice(self.goers)
                start = self.free_slot(goer, [day])
                if start is None:
                    continue
                household = next(pool, None)
                if household is None:
                    return
                visit = _Visit(
                    goer, household, start, self.booked_before(start), self.rng.choice(_REASONS)
                )
                if self.happened(start):
                    visit.fate = _PAST[past % len(_PAST)]
                    if past % _SAME_DAY_EVERY == _SAME_DAY_EVERY // 2:
                        minutes = self.rng.randint(60, 150)
                        early = datetime.combine(day, time(8))
                        visit.booked = max(start - timedelta(minutes=minutes), early)
                    past += 1
                elif day == self.today:
                    visit.fate = "confirmed"  # phoned yesterday
                elif day == tomorrow:
                    visit.fate = "confirmed" if index else "booked"
                else:
                    visit.fate = _AHEAD[ahead % len(_AHEAD)]
                    ahead += 1
                self.settle(visit, last)
                self.made.append(visit)

    def settle(self, visit: _Visit, last: date) -> None:
        """Fill in the consequences of the visit's fate: reasons, times, the moved-to visit."""
        rng = self.rng
        start = visit.start
        if visit.booked.date() == start.date():
            visit.same_day_reason = rng.choice(_SAME_DAY_REASONS)
        at_the_door = self.happened(start) and start + timedelta(minutes=40) > self.now
        if at_the_door and visit.fate in ("done", "not_home", "not_home_rebooked"):
            visit.fate = "out"
            return
        if visit.fate in ("cancelled", "rescheduled"):
            visit.acted = self.between(visit.booked, min(start, self.now))
        elif visit.fate == "not_home_rebooked":
            visit.acted = start + timedelta(minutes=rng.randint(10, 35))
        if visit.fate not in ("rescheduled", "not_home_rebooked"):
            return
        assert visit.acted is not None
        days = self.working_days(start.date() + timedelta(days=1), start.date() + timedelta(days=7))
        new_start = self.free_slot(visit.goer, [d for d in days if d <= last])
        if new_start is None:  # nowhere to move it: it simply goes ahead
            visit.fate = "done" if self.happened(start) else "booked"
            visit.acted = None
            return
        follow = _Visit(visit.goer, visit.household_id, new_start, visit.acted, visit.reason)
        if not self.happened(new_start):
            follow.fate = "booked"
        elif new_start + timedelta(minutes=40) > self.now:
            follow.fate = "out"
        else:
            follow.fate = "done"
        visit.follow = follow

    def all_visits(self) -> list[_Visit]:
        found = []
        for visit in self.made:
            found.append(visit)
            if visit.follow is not None:
                found.append(visit.follow)
        return found

    # ------------------------------------------------------------ the steps, in time order

    def at(self, when: datetime, step: Callable[[datetime], None]) -> None:
        self.steps.append((when, len(self.steps), step))

    def schedule(self, visit: _Visit, *, moved: bool = False) -> None:
        rng, start = self.rng, visit.start
        if not moved:
            self.at(visit.booked, lambda now: self.book(visit, now))
        if visit.fate in ("cancelled", "rescheduled"):
            assert visit.acted is not None
            self.at(visit.acted, lambda now: self.move(visit, now))
            if visit.follow is not None:
                self.schedule(visit.follow, moved=True)
            return
        if visit.fate == "booked":
            return
        # Phoned in the afternoon of the working day before (or just after a late booking).
        day_before = datetime.combine(self.working_days_before(start.date(), 1), time(15))
        day_before += timedelta(minutes=rng.randint(0, 150))
        confirm = min(max(day_before, visit.booked + timedelta(minutes=5)), self.now)
        self.at(confirm, lambda now: self.confirm(visit, now))
        if visit.fate == "confirmed":
            return
        self.at(start - timedelta(minutes=30), lambda now: self.get_ready(visit, now))
        self.at(start - timedelta(minutes=20), lambda now: self.go_out(visit, now))
        if visit.fate == "out":
            return
        outcome = visit.acted or start + timedelta(minutes=rng.randint(10, 35))
        self.at(outcome, lambda now: self.outcome(visit, now))
        if visit.follow is not None:
            self.schedule(visit.follow, moved=True)

    def run(self) -> None:
        for visit in self.made:
            self.schedule(visit)
        if self.supervisor is not None:
            for day in self.working_days(self.today - timedelta(days=PAST_DAYS), self.today):
                moment = datetime.combine(day, time(17, 50))
                if moment <= self.now:
                    self.at(moment, self.hand_in)
        for when, _, step in sorted(self.steps, key=lambda s: (s[0], s[1])):
            step(from_local(when))

    # ------------------------------------------------------------ one action each

    def book(self, visit: _Visit, now: datetime) -> None:
        assert self.clerk is not None
        expected, _ids = self.dues(visit)
        request = visits.VisitRequest(
            household_id=visit.household_id,
            staff_id=visit.goer.staff_id,
            scheduled_at=from_local(visit.start),
            expected_amount_fen=expected,
            reason=visit.reason,
            same_day_reason=visit.same_day_reason,
            source=self.rng.choice(("desk", "phone", "phone")),
        )
        row = visits.book_visit(self.db, self.clerk.actor, request, now=now, calendar=self.calendar)
        visit.visit_id = row.id

    def confirm(self, visit: _Visit, now: datetime) -> None:
        assert self.clerk is not None
        visits.confirm_visit(self.db, self.clerk.actor, visit.visit_id, now=now, note="电话确认")

    def get_ready(self, visit: _Visit, now: datetime) -> None:
        goer, vid = visit.goer.actor, visit.visit_id
        answered = "done" if self.rng.random() < 0.85 else "no_answer"
        visits.record_departure_call(self.db, goer, vid, answered, now=now)
        visits.set_checklist(self.db, goer, vid, _CHECKLIST, now=now + timedelta(minutes=5))

    def go_out(self, visit: _Visit, now: datetime) -> None:
        visits.set_out(self.db, visit.goer.actor, visit.visit_id, now=now)

    def move(self, visit: _Visit, now: datetime) -> None:
        assert self.clerk is not None
        if visit.fate == "cancelled":
            reason = self.rng.choice(_CANCEL_REASONS)
            visits.cancel_visit(self.db, self.clerk.actor, visit.visit_id, reason, now=now)
            return
        assert visit.follow is not None
        row = visits.reschedule_visit(
            self.db,
            self.clerk.actor,
            visit.visit_id,
            from_local(visit.follow.start),
            self.rng.choice(_RESCHEDULE_REASONS),
            now=now,
            calendar=self.calendar,
        )
        visit.follow.visit_id = row.id

    def outcome(self, visit: _Visit, now: datetime) -> None:
        goer, vid = visit.goer.actor, visit.visit_id
        if visit.fate == "done":
            _expected, ids = self.dues(visit)
            method = "transfer" if visit.reason == "transfer_receipt" else None
            method = method or self.rng.choice(_METHODS)
            reference = f"转账尾号{self.rng.randint(1000, 9999)}" if method == "transfer" else ""
            visits.record_collected(
                self.db,
                goer,
                vid,
                cashier=self.cashier,
                estate_name=self.estate,
                method=method,
                reference=reference,
                bill_ids=ids,
                now=now,
            )
            return
        rebook = from_local(visit.follow.start) if visit.follow is not None else None
        result = visits.record_not_home(
            self.db,
            goer,
            vid,
            note="敲门无人应答，电话未接",
            rebook_at=rebook,
            now=now,
            calendar=self.calendar,
        )
        if visit.follow is not None and result.next_visit is not None:
            visit.follow.visit_id = result.next_visit.id

    def hand_in(self, now: datetime) -> None:
        """The supervisor counts the field cash handed in at the end of the day."""
        assert self.supervisor is not None
        with self.db.read() as s:
            session = drawer.open_session(s, visits.FIELD_DESK)
            pieces = drawer.drawer_contents(s, session.id) if session is not None else {}
        if session is None:
            return
        cashbox.close_drawer(
            self.db,
            self.supervisor.actor,
            visits.FIELD_DESK,
            pieces,
            note="上门收费现金交回",
            tolerance_fen=0,
            now=now,
        )

    def dues(self, visit: _Visit) -> tuple[int, tuple[int, ...]]:
        """The bills billed by the visit's month, and what they come to with late fees then."""
        day = visit.start.date()
        lines = [
            line
            for line in household_dues(self.db, visit.household_id, on=day).lines
            if line.bill_id is not None
        ]
        billed = [line for line in lines if line.period <= period_label(day.year, day.month)]
        chosen = billed or lines
        total = sum(line.amount_fen + line.late_fee_fen for line in chosen)
        return total, tuple(line.bill_id for line in chosen if line.bill_id is not None)


def _people(db: Database) -> tuple[_Person | None, list[_Person], _Person | None]:
    """The booking clerk, the staff who go (they take the money) and the supervisor."""
    with db.read() as s:
        rows = s.execute(
            select(Staff.id, Staff.staff_no, Staff.name, Staff.role)
            .where(Staff.active.is_(True))
            .order_by(Staff.staff_no)
        ).all()
    people = [_Person(Actor(no, name, role, sid), sid) for sid, no, name, role in rows]

    def pick(numbers: tuple[str, ...], roles: tuple[str, ...]) -> list[_Person]:
        chosen = [p for p in people if p.actor.staff_no in numbers]
        return chosen or [p for p in people if p.actor.role in roles]

    goers = pick(GOERS, ("cashier", "supervisor")) or pick((), ("admin",))
    clerks = pick(CLERKS, ("clerk",)) or goers
    supervisors = pick(SUPERVISORS, ("supervisor",)) or pick((), ("admin",))
    return (
        clerks[0] if clerks else None,
        goers,
        supervisors[0] if supervisors else None,
    )


def add_demo(db: Database, *, today: date, seed: int = 1) -> str:
    """Add demo home visits around ``today``; returns a one-line summary (Chinese)."""
    real_now = utcnow()
    now = (
        real_now
        if to_local(real_now).date() == today
        else from_local(datetime.combine(today, time(12, 0)))
    )
    demo = _Demo(db, random.Random(seed * 7919 + 8), today, to_local(now).replace(tzinfo=None))
    with db.read() as s:
        if s.scalar(select(HomeVisit.id).limit(1)) is not None:
            return "已有上门收费预约，未再生成演示上门收费。"
        demo.estate = s.scalar(select(Estate.name).order_by(Estate.id)) or DEFAULT_ESTATE
        households = list(
            s.scalars(
                select(Household.id)
                .join(Bill, Bill.household_id == Household.id)
                .where(Household.occupied.is_(True), Bill.status == "open")
                .group_by(Household.id)
                .order_by(Household.id)
            )
        )
    demo.clerk, demo.goers, demo.supervisor = _people(db)
    if demo.clerk is None or not demo.goers:
        return "没有可上门收费的员工账号（收银员或主管），未生成演示上门收费。"
    if not households:
        return "没有欠费的住户，未生成演示上门收费。"
    demo.rng.shuffle(households)
    demo.plan(households)
    demo.run()
    made = demo.all_visits()
    done = sum(1 for v in made if v.fate == "done")
    same_day = sum(1 for v in made if v.same_day_reason)
    return (
        f"上门收费 {len(made)} 次（近 {PAST_DAYS} 天及未来 {AHEAD_DAYS} 天；"
        f"已收费 {done} 次，当天预约 {same_day} 次）"
    )
