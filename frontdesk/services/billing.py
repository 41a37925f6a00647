"""Bills (应收): the monthly bill run, what a household owes, and bills paid ahead.

``generate_bills`` is the supervisor's bill run for one month: one bill per
occupied household and active monthly fee item, inserted in bulk with
``INSERT … SELECT … WHERE NOT EXISTS``, so a second run (or a month already
prepaid at the counter) never bills twice; the unique constraint on
(household, item, period) backs that up.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnElement,
    Date,
    String,
    exists,
    func,
    literal,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, contains_eager, joinedload, selectinload

from frontdesk.domain.fees import (
    MONTHLY_KINDS,
    FeeError,
    add_months,
    bill_amount,
    due_date,
    late_fee,
    months_between,
    parse_period,
    period_label,
    rate_on,
    standard_text,
)
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.fees import policy_of
from frontdesk.services.users import Actor, require
from frontdesk.storage.base import UTCDateTime, utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import Bill, FeeItem, Household, PrepayEntry, Room


@dataclass(frozen=True)
class DueLine:
    """One line of what is due: an open bill, or (``ahead``) a month that could be prepaid."""

    bill_id: int | None
    item_code: str
    item_name: str
    period: str
    standard: str
    amount_fen: int
    late_fee_fen: int
    due_date: date
    days_overdue: int
    ahead: bool


@dataclass(frozen=True)
class Dues:
    """What a household owes as of a date, plus the months-ahead preview.

    ``arrears_fen`` is the sum of every open bill (due or not yet due);
    ``late_fees_fen`` the late fees on them; ahead lines are in neither.
    """

    household_id: int
    room: str
    owners: str
    area_centi_m2: int
    lines: list[DueLine]
    arrears_fen: int
    late_fees_fen: int
    prepay_balance_fen: int

    @property
    def ahead_fen(self) -> int:
        """The total of the months-ahead lines."""
        return sum(line.amount_fen for line in self.lines if line.ahead)

    @property
    def total_fen(self) -> int:
        """Everything listed: open bills, their late fees and the months ahead."""
        return self.arrears_fen + self.late_fees_fen + self.ahead_fen


@dataclass(frozen=True)
class BillRun:
    """The outcome of a bill run: bills created, pairs already billed, households billed."""

    period: str
    created: int
    already_billed: int
    households: int
    items: tuple[str, ...] = ()


# ---------------------------------------------------------------- bill run


def check_period(period: str, *, today: date, max_months_ahead: int) -> tuple[int, int]:
    """Parse a bill period and refuse one further ahead than allowed.

    Raises:
        ValidationError: badly formatted, or more than ``max_months_ahead``
            months after ``today``'s month.
    """
    try:
        year, month = parse_period(period)
    except FeeError as exc:
        raise ValidationError(str(exc)) from exc
    ahead = months_between((today.year, today.month), (year, month))
    if ahead > max_months_ahead:
        latest = period_label(*add_months(today.year, today.month, max_months_ahead))
        raise ValidationError(
            f"账期 {period_label(year, month)} 太靠后：最多只能提前 {max_months_ahead} "
            f"个月生成账单（目前最晚 {latest}）。"
        )
    return year, month


def generate_bills(
    db: Database, actor: Actor, period: str, *, today: date, max_months_ahead: int
) -> BillRun:
    """Generate one month's bills for every occupied household (supervisor).

    Every active monthly fee item with a rate in force on the first day of the
    period bills every occupied household that had moved in by the period's
    last day (or has no move-in date). Pairs already billed are skipped and
    counted. One audit row summarises the run.

    Raises:
        ValidationError: a badly formatted period, one too far ahead, or no
            monthly fee item with a rate for it; nothing is recorded.
        PermissionDenied: the actor is not a supervisor or administrator.
    """
    require(actor, "supervisor")
    year, month = check_period(period, today=today, max_months_ahead=max_months_ahead)
    label = period_label(year, month)
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    with db.begin() as s:
        # Locking the items serialises two bill runs (PostgreSQL; SQLite already is).
        items = s.scalars(
            select(FeeItem)
            .where(FeeItem.active, FeeItem.kind.in_(MONTHLY_KINDS))
            .order_by(FeeItem.code)
            .with_for_update()
        ).all()
        priced = [(item, _rate(item, first)) for item in items]
        billable = [(item, rate) for item, rate in priced if rate is not None]
        if not billable:
            raise ValidationError(f"没有在 {label} 生效的月度收费项目，未生成账单。")
        eligible = (Household.occupied.is_(True)) & (
            Household.move_in_date.is_(None) | (Household.move_in_date <= last)
        )
        households = s.scalar(select(func.count()).select_from(Household).where(eligible)) or 0
        now = utcnow()
        created_per_item: dict[str, int] = {}
        for item, rate in billable:
            created_per_item[item.code] = _insert_month(
                s, item, rate, label, due_date(year, month, item.due_day), eligible, actor, now
            )
        created = sum(created_per_item.values())
        run = BillRun(
            period=label,
            created=created,
            already_billed=households * len(billable) - created,
            households=households,
            items=tuple(created_per_item),
        )
        audit.record(
            s,
            actor.staff_no,
            "bill.run",
            "bill_period",
            label,
            {
                "created": run.created,
                "already_billed": run.already_billed,
                "households": run.households,
                "items": created_per_item,
            },
        )
    return run


def _rate(item: FeeItem, on: date) -> int | None:
    return rate_on(((r.effective_from, r.rate_fen) for r in item.rates), on)


def _insert_month(
    s: Session,
    item: FeeItem,
    rate_fen: int,
    period: str,
    due: date,
    eligible: ColumnElement[bool],
    actor: Actor,
    now: datetime,
) -> int:
    """Bulk-insert one item's bills for a period; returns how many rows were inserted."""
    rate = literal(rate_fen, BigInteger())
    quantity = Room.area_centi_m2 if item.kind == "area_monthly" else literal(100, BigInteger())
    # Half up on non-negative integers, the same as domain.fees.bill_amount.
    amount = (rate * quantity * 2 + 100) // 200
    already = exists().where(
        Bill.household_id == Household.id,
        Bill.fee_item_id == item.id,
        Bill.period == period,
    )
    source = (
        select(
            Household.id,
            literal(item.id, BigInteger()),
            literal(period, String()),
            rate,
            quantity,
            amount,
            literal(due, Date()),
            literal("open", String()),
            literal(False, Boolean()),
            literal(actor.staff_no, String()),
            literal(now, UTCDateTime()),
        )
        .join(Room, Room.id == Household.room_id)
        .where(eligible, ~already)
    )
    columns = [
        "household_id",
        "fee_item_id",
        "period",
        "rate_fen",
        "quantity_centi",
        "amount_fen",
        "due_date",
        "status",
        "prepaid",
        "created_by",
        "created_at",
    ]
    # NOT EXISTS skips what is already billed; ON CONFLICT covers a bill committed
    # meanwhile by another transaction (the unique constraint stays the last word).
    dialect = postgresql if s.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(Bill)
        .from_select(columns, source)
        .on_conflict_do_nothing(index_elements=["household_id", "fee_item_id", "period"])
    )
    # rowcount of an INSERT … SELECT is only kept when asked for (SQLAlchemy 2).
    result = s.execute(statement, execution_options={"preserve_rowcount": True})
    return int(result.rowcount)  # type: ignore[attr-defined]


def bill_months(
    db: Database,
    actor: Actor,
    start_period: str,
    end_period: str,
    *,
    today: date,
    max_months_ahead: int = 1,
) -> list[BillRun]:
    """Run ``generate_bills`` for every month from ``start_period`` to ``end_period``.

    One transaction (and one audit row) per month; months already billed are
    counted, not billed again. Used by the demo to bill the last months.

    Raises:
        ValidationError: a bad period, or the end before the start.
    """
    try:
        start, end = parse_period(start_period), parse_period(end_period)
    except FeeError as exc:
        raise ValidationError(str(exc)) from exc
    count = months_between(start, end)
    if count < 0:
        raise ValidationError("结束账期不能早于开始账期。")
    return [
        generate_bills(
            db,
            actor,
            period_label(*add_months(*start, n)),
            today=today,
            max_months_ahead=max_months_ahead,
        )
        for n in range(count + 1)
    ]


# ---------------------------------------------------------------- what is due


@dataclass(frozen=True)
class _Ahead:
    item: FeeItem
    year: int
    month: int
    rate_fen: int
    quantity_centi: int
    amount_fen: int
    due: date

    @property
    def period(self) -> str:
        return period_label(self.year, self.month)


def prepay_balance(s: Session, household_id: int) -> int:
    """A household's prepayment credit in fen: the sum of its PrepayEntry rows.

    Part of an action: runs in the caller's session.
    """
    total = s.scalar(
        select(func.coalesce(func.sum(PrepayEntry.amount_fen), 0)).where(
            PrepayEntry.household_id == household_id
        )
    )
    return int(total or 0)


def household_dues(db: Database, household_id: int, *, on: date, ahead_months: int = 0) -> Dues:
    """Every open bill of a household, oldest first, with late fees as of ``on``.

    Lines are ordered by due date, then item code. With ``ahead_months`` the
    monthly items' next months (after each item's latest billed period, or
    from ``on``'s month if never billed) follow as ``ahead`` lines with no bill
    id, priced at the rate in force on each month's first day.

    Raises:
        ValidationError: no such household, or a negative ``ahead_months``.
    """
    if ahead_months < 0:
        raise ValidationError("预缴月数不能为负数。")
    with db.read() as s:
        household = _household(s, household_id)
        bills = s.scalars(
            select(Bill)
            .join(FeeItem, FeeItem.id == Bill.fee_item_id)
            .where(Bill.household_id == household_id, Bill.status == "open")
            .options(contains_eager(Bill.item))
            .order_by(Bill.due_date, FeeItem.code, Bill.period, Bill.id)
        ).all()
        lines = [_bill_line(bill, on) for bill in bills]
        lines += [_ahead_line(a) for a in _ahead_plan(s, household, ahead_months, on)]
        owners = "、".join(o.name for o in household.owners)
        return Dues(
            household_id=household.id,
            room=household.room.code,
            owners=owners,
            area_centi_m2=household.room.area_centi_m2,
            lines=lines,
            arrears_fen=sum(b.amount_fen for b in bills),
            late_fees_fen=sum(line.late_fee_fen for line in lines),
            prepay_balance_fen=prepay_balance(s, household_id),
        )


def create_ahead_bills(
    s: Session, actor: Actor, household_id: int, months: int, *, on: date
) -> list[Bill]:
    """Create (open, ``prepaid``) the bills ``household_dues`` previewed for ``months`` ahead.

    Part of the payment action: runs in the caller's session and writes no
    audit row of its own (the payment's covers it). Returns the new bills,
    flushed (ids assigned), ordered by period then item code.

    Raises:
        ValidationError: no such household, or a negative ``months``.
        PermissionDenied: the actor is not a cashier, supervisor or administrator.
    """
    require(actor, "cashier", "supervisor")
    if months < 0:
        raise ValidationError("预缴月数不能为负数。")
    household = _household(s, household_id)
    bills = [
        Bill(
            household_id=household_id,
            fee_item_id=a.item.id,
            period=a.period,
            rate_fen=a.rate_fen,
            quantity_centi=a.quantity_centi,
            amount_fen=a.amount_fen,
            due_date=a.due,
            status="open",
            prepaid=True,
            created_by=actor.staff_no,
        )
        for a in _ahead_plan(s, household, months, on, lock=True)
    ]
    s.add_all(bills)
    s.flush()
    return bills


def _household(s: Session, household_id: int) -> Household:
    household = s.scalar(
        select(Household)
        .where(Household.id == household_id)
        .options(joinedload(Household.room), selectinload(Household.owners))
    )
    if household is None:
        raise ValidationError(f"找不到编号为 {household_id} 的住户。")
    return household


def _bill_line(bill: Bill, on: date) -> DueLine:
    item = bill.item
    return DueLine(
        bill_id=bill.id,
        item_code=item.code,
        item_name=item.name,
        period=bill.period,
        standard=standard_text(item.kind, bill.rate_fen, bill.quantity_centi, bill.amount_fen),
        amount_fen=bill.amount_fen,
        late_fee_fen=late_fee(bill.amount_fen, bill.due_date, on, policy_of(item)),
        due_date=bill.due_date,
        days_overdue=max(0, (on - bill.due_date).days),
        ahead=False,
    )


def _ahead_line(a: _Ahead) -> DueLine:
    return DueLine(
        bill_id=None,
        item_code=a.item.code,
        item_name=a.item.name,
        period=a.period,
        standard=standard_text(a.item.kind, a.rate_fen, a.quantity_centi, a.amount_fen),
        amount_fen=a.amount_fen,
        late_fee_fen=0,
        due_date=a.due,
        days_overdue=0,
        ahead=True,
    )


def _ahead_plan(
    s: Session, household: Household, months: int, on: date, *, lock: bool = False
) -> list[_Ahead]:
    """The bills ``months`` months ahead, by period then item code.

    The months are the ``months`` calendar months after the household's latest
    billed month of any monthly item (from ``on``'s month if it has none); each
    active monthly item with a rate in force on a month's first day and no bill
    for it yet gives one line. Earlier gaps are left to the bill run.
    """
    if months <= 0:
        return []
    query = (
        select(FeeItem)
        .where(FeeItem.active, FeeItem.kind.in_(MONTHLY_KINDS))
        .options(selectinload(FeeItem.rates))
        .order_by(FeeItem.code)
    )
    if lock:
        # A shared lock: payments go on side by side, but wait for (or hold off) a
        # bill run, which locks the items for update, so the two never collide.
        # Taken before reading what is billed, so that read is current.
        query = query.with_for_update(read=True)
    items = s.scalars(query).all()
    latest = s.scalar(
        select(func.max(Bill.period))
        .join(FeeItem, FeeItem.id == Bill.fee_item_id)
        .where(Bill.household_id == household.id, FeeItem.kind.in_(MONTHLY_KINDS))
    )
    first = add_months(*parse_period(latest), 1) if latest else (on.year, on.month)
    periods = [add_months(*first, n) for n in range(months)]
    labels = [period_label(*p) for p in periods]
    billed = {
        (item_id, period)
        for item_id, period in s.execute(
            select(Bill.fee_item_id, Bill.period).where(
                Bill.household_id == household.id, Bill.period.in_(labels)
            )
        )
    }
    plan: list[_Ahead] = []
    for (year, month), label in zip(periods, labels, strict=True):
        for item in items:
            rate = _rate(item, date(year, month, 1))
            if rate is None or (item.id, label) in billed:
                continue
            quantity = household.room.area_centi_m2 if item.kind == "area_monthly" else 100
            amount = bill_amount(item.kind, rate, quantity)
            due = due_date(year, month, item.due_day)
            plan.append(_Ahead(item, year, month, rate, quantity, amount, due))
    return plan
