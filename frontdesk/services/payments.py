"""Taking payment at the counter: quote, collect (the payment transaction), receipts.

``collect`` writes, in ONE transaction, the payment with its tenders, its
allocation to the bills (and any bills paid ahead), the receipt number, the
prepayment credit used or added, the cash movements and the audit row.
Printing happens after the commit, elsewhere.

Two desks paying the same bill: the household row is locked first (row lock on
PostgreSQL; SQLite write transactions are already serialised by
``BEGIN IMMEDIATE``), then the bills are re-read, so the second desk sees the
bill paid and is refused with nothing recorded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload

from frontdesk.config import CashierSettings, MoneySettings
from frontdesk.domain.change import ChangeResult, make_change
from frontdesk.domain.fees import late_fee, standard_text
from frontdesk.domain.money import DENOMINATIONS, Denomination, format_fen, pieces_total, round_cash
from frontdesk.domain.receipt import METHOD_LABELS, ReceiptContent, ReceiptLine
from frontdesk.domain.tender import Tender, TenderPlan, cash_share, plan_tender
from frontdesk.errors import ValidationError
from frontdesk.services import audit, drawer, print_jobs
from frontdesk.services.billing import DueLine, create_ahead_bills, household_dues, prepay_balance
from frontdesk.services.fees import policy_of
from frontdesk.services.users import Actor, require
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    Allocation,
    Bill,
    CashSession,
    Household,
    Owner,
    Payment,
    PaymentTender,
    PrepayEntry,
    ReceiptCounter,
    Room,
)

__all__ = [
    "PaymentRequest",
    "PaymentResult",
    "PaymentSummary",
    "Quote",
    "Tender",
    "TenderPlan",
    "cash_share",
    "collect",
    "get_receipt",
    "list_payments",
    "plan_tender",
    "quote",
]

ALREADY_PAID = "已被其他窗口收取"


@dataclass(frozen=True)
class PaymentRequest:
    """What the cashier asks to collect and how the owner pays.

    ``cash_tendered_fen`` is the cash handed over (0: exactly the cash share);
    ``received_pieces`` the notes and coins received (None: the fewest pieces
    for ``cash_tendered_fen``).
    """

    household_id: int
    bill_ids: tuple[int, ...]
    ahead_months: int
    tenders: tuple[Tender, ...]
    cash_tendered_fen: int = 0
    received_pieces: Mapping[Denomination, int] | None = None
    overpay_to_credit: bool = False


@dataclass(frozen=True)
class Quote:
    """The selected lines and what they come to: ``cash_due_fen`` is rounded for cash."""

    lines: list[DueLine]
    due_fen: int
    cash_due_fen: int
    prepay_balance_fen: int
    household_id: int = 0
    room: str = ""
    owners: str = ""


@dataclass(frozen=True)
class PaymentResult:
    """A completed payment; ``change`` is the change breakdown for a cash payment."""

    payment_id: int
    receipt_no: str
    receipt: ReceiptContent
    change: ChangeResult | None


@dataclass(frozen=True)
class PaymentSummary:
    """One payment in a list (day view, household history)."""

    payment_id: int
    receipt_no: str
    desk: str
    cashier_staff_no: str
    paid_at: datetime
    business_date: date
    household_id: int
    room: str
    owner: str
    total_fen: int
    methods: str
    status: str


@dataclass(frozen=True)
class _Due:
    due_fen: int
    prepay_balance_fen: int


def quote(
    db: Database,
    household_id: int,
    bill_ids: Sequence[int],
    ahead_months: int,
    *,
    on: date,
    cash_unit_fen: int,
) -> Quote:
    """What the selected open bills (with late fees as of ``on``) plus months ahead come to.

    Raises:
        ValidationError: no such household, or a bill that is not an open bill
            of this household (e.g. just paid at another desk).
    """
    dues = household_dues(db, household_id, on=on, ahead_months=ahead_months)
    wanted = set(bill_ids)
    open_ids = {line.bill_id for line in dues.lines if not line.ahead}
    gone = wanted - open_ids
    if gone:
        raise ValidationError(
            f"所选账单中有 {len(gone)} 项已不是该住户的未缴账单（可能{ALREADY_PAID}），请刷新。"
        )
    lines = [line for line in dues.lines if line.ahead or line.bill_id in wanted]
    due = sum(line.amount_fen + line.late_fee_fen for line in lines)
    return Quote(
        lines=lines,
        due_fen=due,
        cash_due_fen=round_cash(due, cash_unit_fen),
        prepay_balance_fen=dues.prepay_balance_fen,
        household_id=household_id,
        room=dues.room,
        owners=dues.owners,
    )


def collect(
    db: Database,
    actor: Actor,
    request: PaymentRequest,
    *,
    desk: str,
    series: str,
    settings: CashierSettings,
    estate_name: str,
    now: datetime | None = None,
    money: MoneySettings | None = None,
    print_receipt: bool = False,
) -> PaymentResult:
    """Complete a payment: one transaction with payment, allocation, receipt number, cash, audit.

    ``now`` (aware; default the current time) is the payment time; its local
    date is the business date and its year the receipt year. ``money`` gives the
    cash rounding and the largest amount accepted (default settings otherwise).
    ``print_receipt``: queue the receipt for ``desk``'s printer in the same
    transaction (a cash payment also opens the drawer); the desk's spool prints it.

    Raises:
        ValidationError: bad tender (see ``plan_tender``), a bill already paid
            at another desk, too many months ahead, no open drawer for cash,
            change the drawer cannot make; nothing is recorded.
        PermissionDenied: the actor is not a cashier, supervisor or administrator.
    """
    require(actor, "cashier", "supervisor")
    money = money or MoneySettings()
    now = now or utcnow()
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    business_date = now.astimezone().date()
    bill_ids = tuple(dict.fromkeys(request.bill_ids))
    if not 0 <= request.ahead_months <= settings.max_prepay_months:
        raise ValidationError(f"预缴月数应在 0 至 {settings.max_prepay_months} 之间。")
    if not bill_ids and request.ahead_months == 0:
        raise ValidationError("没有要收取的费用：请先选择账单或预交月份。")
    if not desk.strip() or not series.strip():
        raise ValidationError("未设置窗口名称或票据字头，请检查设置。")
    try:
        with db.begin() as s:
            return _collect(
                s,
                actor,
                request,
                bill_ids,
                desk,
                series,
                settings,
                estate_name,
                now,
                business_date,
                money,
                print_receipt,
            )
    except IntegrityError as exc:
        raise ValidationError(
            "保存付款时与其他窗口冲突（票据号或账单已被占用），本次未收费，请刷新后重试。"
            "若反复出现，请检查各窗口的票据字头（cashier.receipt_series）是否重复。"
        ) from exc


def _collect(
    s: Session,
    actor: Actor,
    request: PaymentRequest,
    bill_ids: tuple[int, ...],
    desk: str,
    series: str,
    settings: CashierSettings,
    estate_name: str,
    now: datetime,
    business_date: date,
    money: MoneySettings,
    print_receipt: bool,
) -> PaymentResult:
    # Everything is read and checked first, then written with as few round trips as possible.
    household_id, room, owner = _lock_household(s, request.household_id)
    lines, bills = _open_bills(s, household_id, bill_ids, business_date)
    if request.ahead_months:
        ahead = create_ahead_bills(s, actor, household_id, request.ahead_months, on=business_date)
        bills += ahead
        lines += [_line(bill, business_date, ahead=True) for bill in ahead]
    balance = prepay_balance(s, household_id)
    due = sum(line.amount_fen + line.late_fee_fen for line in lines)
    plan = plan_tender(
        _Due(due, balance),
        request.tenders,
        request.cash_tendered_fen,
        request.overpay_to_credit,
        money.cash_unit_fen,
        max_fen=money.max_amount_fen,
    )
    session: CashSession | None
    change: ChangeResult | None = None
    if plan.has_cash:
        session = drawer.require_open_session(s, desk)
        received, change = _cash_plan(s, session, plan, request.received_pieces)
    else:
        session = drawer.open_session(s, desk)
    year = business_date.year
    seq = _next_receipt_seq(s, desk, series, year)
    receipt_no = settings.receipt_no(series, year, seq)
    credit_after = balance - plan.credit_used_fen + plan.credit_added_fen
    receipt = ReceiptContent(
        receipt_no=receipt_no,
        estate=estate_name,
        desk=desk,
        cashier_staff_no=actor.staff_no,
        cashier_name=actor.name,
        issued_at=now,
        room=room,
        owner=owner,
        lines=tuple(
            ReceiptLine(
                line.item_name, line.period, line.standard, line.amount_fen, line.late_fee_fen
            )
            for line in lines
        ),
        total_fen=plan.total_fen,
        methods=tuple((METHOD_LABELS[t.method], t.amount_fen, t.reference) for t in plan.tenders),
        tendered_fen=plan.tendered_fen,
        change_fen=plan.change_fen,
        prepay_balance_after_fen=credit_after,
        rounding_fen=plan.rounding_fen,
        status="completed",
        due_fen=plan.due_fen,
        credit_added_fen=plan.credit_added_fen,
    )
    payment = Payment(
        receipt_no=receipt_no,
        desk=desk,
        series=series,
        year=year,
        seq=seq,
        household_id=household_id,
        cashier_staff_no=actor.staff_no,
        paid_at=now,
        business_date=business_date,
        due_fen=plan.due_fen,
        rounding_fen=plan.rounding_fen,
        total_fen=plan.total_fen,
        tendered_fen=plan.tendered_fen,
        change_fen=plan.change_fen,
        credit_added_fen=plan.credit_added_fen,
        credit_used_fen=plan.credit_used_fen,
        credit_after_fen=credit_after,
        status="completed",
        cash_session_id=session.id if session is not None else None,
        receipt_text=receipt.to_json(),
    )
    s.add(payment)
    s.flush()  # the counter update and the payment row; assigns payment.id
    _write_details(s, payment, bills, lines, plan, now)
    if print_receipt:
        print_jobs.enqueue_receipt(
            s, payment.id, receipt_no, desk=desk, by=actor.staff_no, open_drawer=plan.has_cash
        )
    if change is not None:
        assert session is not None
        drawer.add_movement(s, session, "sale", received, actor.staff_no, payment_id=payment.id)
        if change.pieces:
            out = {d: -n for d, n in change.pieces}
            drawer.add_movement(s, session, "change", out, actor.staff_no, payment_id=payment.id)
    audit.record(
        s,
        actor.staff_no,
        "payment.collect",
        "payment",
        receipt_no,
        {
            "household_id": household_id,
            "room": receipt.room,
            "desk": desk,
            "bills": [b.id for b in bills],
            "due": plan.due_fen,
            "total": plan.total_fen,
            "rounding": plan.rounding_fen,
            "tendered": plan.tendered_fen,
            "change": plan.change_fen,
            "credit_added": plan.credit_added_fen,
            "credit_used": plan.credit_used_fen,
            "methods": [[t.method, t.amount_fen, t.reference] for t in plan.tenders],
        },
    )
    return PaymentResult(payment.id, receipt_no, receipt, change)


def _write_details(
    s: Session,
    payment: Payment,
    bills: list[Bill],
    lines: list[DueLine],
    plan: TenderPlan,
    now: datetime,
) -> None:
    """Tenders, allocations, bills marked paid and prepayment entries, as bulk statements."""
    s.execute(
        insert(PaymentTender),
        [
            {
                "payment_id": payment.id,
                "method": t.method,
                "amount_fen": t.amount_fen,
                "reference": t.reference,
            }
            for t in plan.tenders
        ],
    )
    if bills:
        s.execute(
            insert(Allocation),
            [
                {
                    "payment_id": payment.id,
                    "bill_id": bill.id,
                    "amount_fen": line.amount_fen,
                    "late_fee_fen": line.late_fee_fen,
                }
                for bill, line in zip(bills, lines, strict=True)
            ],
        )
        s.execute(update(Bill).where(Bill.id.in_([b.id for b in bills])).values(status="paid"))
    entries = []
    if plan.credit_used_fen:
        entries.append((-plan.credit_used_fen, f"付款使用 {payment.receipt_no}"))
    if plan.credit_added_fen:
        entries.append((plan.credit_added_fen, f"多付存入 {payment.receipt_no}"))
    if entries:
        s.execute(
            insert(PrepayEntry),
            [
                {
                    "household_id": payment.household_id,
                    "payment_id": payment.id,
                    "amount_fen": amount,
                    "at": now,
                    "note": note,
                }
                for amount, note in entries
            ],
        )


def _next_receipt_seq(s: Session, desk: str, series: str, year: int) -> int:
    """Take the next receipt sequence number for (desk, series, year), inside the payment.

    The counter row is locked (row lock on PostgreSQL; on SQLite the write
    transaction already holds the database), so numbers are unique and in
    order, and a rolled-back payment gives its number back: no gaps. A missing
    row is created with INSERT … ON CONFLICT DO NOTHING, so two desks creating
    it at once both end up locking the same row.
    """
    where = (
        ReceiptCounter.desk == desk,
        ReceiptCounter.series == series,
        ReceiptCounter.year == year,
    )
    query = select(ReceiptCounter).where(*where).with_for_update()
    counter = s.scalar(query)
    if counter is None:
        dialect = s.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        s.execute(
            insert(ReceiptCounter)
            .values(desk=desk, series=series, year=year, last_seq=0)
            .on_conflict_do_nothing(index_elements=["desk", "series", "year"])
        )
        counter = s.scalars(query).one()
    counter.last_seq += 1
    return counter.last_seq


def _lock_household(s: Session, household_id: int) -> tuple[int, str, str]:
    """Lock the household row (serialises payments for it); return its id, room and owners."""
    row = s.execute(
        select(Household.id, Room.code)
        .join(Room, Room.id == Household.room_id)
        .where(Household.id == household_id)
        .with_for_update(of=Household)
    ).first()
    if row is None:
        raise ValidationError(f"找不到编号为 {household_id} 的住户。")
    owners = s.scalars(
        select(Owner.name)
        .where(Owner.household_id == household_id)
        .order_by(Owner.primary.desc(), Owner.id)
    ).all()
    return row.id, row.code, "、".join(owners)


def _open_bills(
    s: Session, household_id: int, bill_ids: tuple[int, ...], on: date
) -> tuple[list[DueLine], list[Bill]]:
    """The selected bills, locked and checked open, oldest first, with their due lines."""
    if not bill_ids:
        return [], []
    found = s.scalars(
        select(Bill)
        .where(Bill.id.in_(bill_ids))
        .options(joinedload(Bill.item, innerjoin=True))
        .with_for_update(of=Bill)
    ).all()
    by_id = {b.id: b for b in found}
    for bill_id in bill_ids:
        bill = by_id.get(bill_id)
        if bill is None or bill.household_id != household_id:
            raise ValidationError(f"账单 #{bill_id} 不是该住户的账单，请刷新后重试。")
        label = f"{bill.item.name} {bill.period}"
        if bill.status == "paid":
            raise ValidationError(f"账单“{label}”刚刚{ALREADY_PAID}，本次未收费，请刷新后重试。")
        if bill.status != "open":
            raise ValidationError(f"账单“{label}”已取消，不能收费，请刷新后重试。")
    bills = sorted(found, key=lambda b: (b.due_date, b.item.code, b.period, b.id))
    return [_line(b, on) for b in bills], bills


def _line(bill: Bill, on: date, *, ahead: bool = False) -> DueLine:
    item = bill.item
    fee = 0 if ahead else late_fee(bill.amount_fen, bill.due_date, on, policy_of(item))
    return DueLine(
        bill_id=bill.id,
        item_code=item.code,
        item_name=item.name,
        period=bill.period,
        standard=standard_text(item.kind, bill.rate_fen, bill.quantity_centi, bill.amount_fen),
        amount_fen=bill.amount_fen,
        late_fee_fen=fee,
        due_date=bill.due_date,
        days_overdue=0 if ahead else max(0, (on - bill.due_date).days),
        ahead=ahead,
    )


def _received(pieces: Mapping[Denomination, int] | None, tendered: int) -> dict[Denomination, int]:
    if pieces is None:
        return dict(make_change(tendered).pieces)
    for d, n in pieces.items():
        if d not in DENOMINATIONS or isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValidationError("收到的现金张数必须是非负整数。")
    counted = {d: n for d, n in pieces.items() if n}
    if pieces_total(counted) != tendered:
        raise ValidationError(
            f"点钞合计 {format_fen(pieces_total(counted))} 与实收现金 {format_fen(tendered)} 不符。"
        )
    return counted


def _cash_plan(
    s: Session,
    session: CashSession,
    plan: TenderPlan,
    pieces: Mapping[Denomination, int] | None,
) -> tuple[dict[Denomination, int], ChangeResult]:
    """The pieces received and the change to give from the drawer (with them in it)."""
    received = _received(pieces, plan.tendered_fen)
    held = _drawer_held(s, session.id)
    for d, n in received.items():
        held[d] = held.get(d, 0) + n
    change = make_change(plan.change_fen, held)
    if not change.exact:
        raise ValidationError(change.message)
    return received, change


_HELD_SQL = {
    "sqlite": "SELECT j.key, SUM(j.value) FROM cash_movement AS m, json_each(m.pieces) AS j"
    " WHERE m.cash_session_id = :sid GROUP BY j.key",
    "postgresql": "SELECT j.key, SUM(j.value::bigint) FROM cash_movement AS m,"
    " jsonb_each_text(m.pieces::jsonb) AS j WHERE m.cash_session_id = :sid GROUP BY j.key",
}


def _drawer_held(s: Session, session_id: int) -> dict[Denomination, int]:
    """What the drawer holds: ``drawer.drawer_contents``, summed by the database.

    Same result, but the JSON pieces of the session's movements are added up in
    SQL instead of being loaded and parsed row by row, which keeps a payment
    fast late in a busy day (hundreds of movements).
    """
    sql = _HELD_SQL.get(s.get_bind().dialect.name)
    if sql is None:
        return drawer.drawer_contents(s, session_id)
    totals = {str(k): int(n) for k, n in s.execute(text(sql), {"sid": session_id}) if n}
    return drawer.pieces_from_json(json.dumps(totals))


def _owner_names(household: Household) -> str:
    owners = sorted(household.owners, key=lambda o: (not o.primary, o.id))
    return "、".join(o.name for o in owners)


def get_receipt(db: Database, receipt_no: str) -> ReceiptContent:
    """The receipt as issued, with its current status (completed, voided or refunded).

    Raises:
        ValidationError: no payment has this receipt number.
    """
    with db.read() as s:
        row = s.execute(
            select(Payment.receipt_text, Payment.status).where(
                Payment.receipt_no == receipt_no.strip()
            )
        ).first()
    if row is None:
        raise ValidationError(f"没有票据号为 {receipt_no.strip()} 的付款。")
    return ReceiptContent.from_json(row.receipt_text).with_status(row.status)


def list_payments(
    db: Database, *, desk: str | None, on: date | None, household_id: int | None = None
) -> list[PaymentSummary]:
    """Payments in receipt order, filtered by desk, business date and household."""
    query = select(Payment).options(selectinload(Payment.tenders)).order_by(Payment.id)
    if desk is not None:
        query = query.where(Payment.desk == desk)
    if on is not None:
        query = query.where(Payment.business_date == on)
    if household_id is not None:
        query = query.where(Payment.household_id == household_id)
    with db.read() as s:
        payments = s.scalars(query).all()
        households = {
            h.id: h
            for h in s.scalars(
                select(Household)
                .where(Household.id.in_({p.household_id for p in payments}))
                .options(selectinload(Household.room), selectinload(Household.owners))
            )
        }
        return [
            PaymentSummary(
                payment_id=p.id,
                receipt_no=p.receipt_no,
                desk=p.desk,
                cashier_staff_no=p.cashier_staff_no,
                paid_at=p.paid_at,
                business_date=p.business_date,
                household_id=p.household_id,
                room=households[p.household_id].room.code,
                owner=_owner_names(households[p.household_id]),
                total_fen=p.total_fen,
                methods="、".join(METHOD_LABELS[t.method] for t in p.tenders),
                status=p.status,
            )
            for p in payments
        ]
