"""How a visit ended: collected (a real field payment) or not home (with the next slot offered).

A collection is a payment on the desk ``FIELD_DESK`` in the field receipt
series, allocated to the bills; its cash goes into that desk's own cash
session, opened (and audited, with no float) by the first field payment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.config import CashierSettings, MoneySettings, VisitSettings
from frontdesk.domain.money import fen_to_yuan_str, round_cash
from frontdesk.domain.tender import Tender
from frontdesk.domain.workcalendar import OfficeCalendar
from frontdesk.errors import ValidationError
from frontdesk.services import audit, payments
from frontdesk.services.users import Actor, require
from frontdesk.services.visits.booking import next_slot, rebook
from frontdesk.services.visits.records import (
    FIELD_DESK,
    Outcome,
    check_text,
    get_row,
    move,
    refuse_final,
    to_rows,
)
from frontdesk.storage.base import utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    Bill,
    CashSession,
    HomeVisit,
)


def record_not_home(
    db: Database,
    actor: Actor,
    visit_id: int,
    *,
    note: str = "",
    rebook_at: datetime | None = None,
    now: datetime | None = None,
    calendar: OfficeCalendar | None = None,
    settings: VisitSettings | None = None,
    money: MoneySettings | None = None,
) -> Outcome:
    """Nobody was home. With ``rebook_at`` (e.g. ``next_slot``) a new visit is booked then.

    Without it, the next free slot is only offered (``Outcome.offered_slot``).
    """
    now = now or utcnow()
    calendar = calendar or OfficeCalendar()
    settings = settings or VisitSettings()
    note = check_text(note, "备注")
    with db.begin() as s:
        visit = get_row(s, visit_id, lock=True)
        refuse_final(visit)
        if visit.status != "out":
            raise ValidationError("只有已出发的上门收费才能登记“不在家”。")
        new: HomeVisit | None = None
        if rebook_at is not None:
            new = rebook(
                s,
                actor,
                visit,
                "not_home",
                rebook_at,
                note or "业主不在家",
                None,
                "业主不在家，重新约定" if rebook_at else "",
                now,
                calendar,
                settings,
                money or MoneySettings(),
            )
        else:
            move(s, visit, "not_home", actor, now, note)
            visit.outcome_at = now
            visit.outcome_by = actor.staff_no
        row = to_rows(s, [visit])[0]
        next_row = to_rows(s, [new])[0] if new is not None else None
    offered = (
        None
        if new is not None
        else next_slot(db, visit_id, now=now, calendar=calendar, settings=settings)
    )
    return Outcome(row, next_visit=next_row, offered_slot=offered)


def record_collected(
    db: Database,
    actor: Actor,
    visit_id: int,
    *,
    cashier: CashierSettings,
    estate_name: str,
    method: str = "cash",
    reference: str = "",
    bill_ids: Sequence[int] | None = None,
    money: MoneySettings | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Collected at the door: a real payment in the field series, allocated to the bills.

    One transaction: payment (desk ``FIELD_DESK``, series ``cashier.field_series``),
    allocation, bills paid, cash into the field desk's cash session, the visit
    ``done`` with its receipt number, the history row and the audit rows. The
    receipt is printed later (reprint at the counter, or the PDF receipt).
    ``bill_ids`` default to every open bill of the household.

    Raises:
        ValidationError: the visit is not out (or already final), nothing is due,
            a bad method; nothing is recorded.
        PermissionDenied: the actor may not take payments (cashier or supervisor).
    """
    require(actor, "cashier", "supervisor")
    money = money or MoneySettings()
    now = now or utcnow()
    if method not in ("cash", "wechat", "alipay", "unionpay", "transfer"):
        raise ValidationError("收款方式只能是现金、微信、支付宝、银行卡或银行转账。")
    business_date = now.astimezone().date()
    with db.begin() as s:
        visit = get_row(s, visit_id, lock=True)
        refuse_final(visit)
        if visit.status != "out":
            raise ValidationError("只有已出发的上门收费才能登记收款。")
        ids = tuple(bill_ids) if bill_ids is not None else _open_bill_ids(s, visit.household_id)
        if not ids:
            raise ValidationError("该住户没有未缴账单，无需收费；请改为取消或登记其他结果。")
        lines, _bills = payments._open_bills(s, visit.household_id, ids, business_date)
        due = sum(line.amount_fen + line.late_fee_fen for line in lines)
        amount = round_cash(due, money.cash_unit_fen) if method == "cash" else due
        if method == "cash" and drawer_session(s) is None:
            session = CashSession(
                desk=FIELD_DESK,
                business_date=business_date,
                opened_by=actor.staff_no,
                opened_at=now,
                status="open",
            )
            s.add(session)
            s.flush()
            audit.record(
                s,
                actor.staff_no,
                "cash.open",
                "cash_session",
                session.id,
                {
                    "desk": FIELD_DESK,
                    "business_date": business_date.isoformat(),
                    "float_fen": 0,
                    "pieces": {},
                    "opened_by": "first field payment",
                },
            )
        request = payments.PaymentRequest(
            household_id=visit.household_id,
            bill_ids=ids,
            ahead_months=0,
            tenders=(Tender(method, amount, reference.strip()),),
        )
        result = payments._collect(
            s,
            actor,
            request,
            ids,
            FIELD_DESK,
            cashier.field_series,
            cashier,
            estate_name,
            now,
            business_date,
            money,
            False,
        )
        move(s, visit, "done", actor, now, f"{result.receipt_no} ¥{fen_to_yuan_str(amount)}")
        visit.collected_fen = result.receipt.total_fen
        visit.payment_id = result.payment_id
        visit.receipt_no = result.receipt_no
        visit.outcome_at = now
        visit.outcome_by = actor.staff_no
        row = to_rows(s, [visit])[0]
    return Outcome(row, payment_id=result.payment_id, receipt_no=result.receipt_no)


def drawer_session(s: Session) -> CashSession | None:
    """The field desk's open cash session, if any."""
    return s.scalars(
        select(CashSession)
        .where(CashSession.desk == FIELD_DESK, CashSession.status == "open")
        .order_by(CashSession.id.desc())
        .with_for_update()
    ).first()


def _open_bill_ids(s: Session, household_id: int) -> tuple[int, ...]:
    return tuple(
        s.scalars(
            select(Bill.id)
            .where(Bill.household_id == household_id, Bill.status == "open")
            .order_by(Bill.due_date, Bill.id)
        ).all()
    )
