"""The day-close report (日结报表): a day's payments, receipts, voids, refunds and drawers.

Reading only; the adding up and the layout are in :mod:`frontdesk.domain.dayclose`.
A report is a supervisor's act (admin too; the command line acts as SYSTEM).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.domain.dayclose import (
    DayCloseReport,
    DrawerReport,
    PaymentFacts,
    ReversalLine,
    build_report,
    drawer_report,
    local_day_bounds,
    report_rows,
)
from frontdesk.services.drawer import pieces_from_json
from frontdesk.services.exports import write_csv
from frontdesk.services.users import Actor, require
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    Allocation,
    Bill,
    CashMovement,
    CashSession,
    FeeItem,
    Household,
    Payment,
    PaymentReversal,
    PaymentTender,
    Room,
)


def day_close_report(
    db: Database, actor: Actor, *, on: date, desk: str | None, tz: tzinfo | None = None
) -> DayCloseReport:
    """The day-close report for ``on`` (the desks' business date), one desk or all.

    Totals by method and by fee item leave voided payments out; the receipt ranges
    keep them (a void keeps its number). Refunds are those made on ``on`` in local
    time (``tz``, default the computer's zone), whenever the payment was.

    Raises:
        PermissionDenied: the actor is not a supervisor or admin.
    """
    require(actor, "supervisor")
    with db.read() as s:
        payments = _payment_facts(s, on, desk)
        previous = _previous_seq(s, on, desk, payments)
        voids = _reversals(s, "void", on, desk, tz)
        refunds = _reversals(s, "refund", on, desk, tz)
        drawers = _drawers(s, on, desk)
    return build_report(
        on,
        desk,
        payments,
        previous_seq=previous,
        voids=voids,
        refunds=refunds,
        drawers=drawers,
    )


def write_day_close_csv(report: DayCloseReport, path: Path) -> None:
    """Write the report as CSV (UTF-8 with BOM, so Excel shows the Chinese).

    Raises:
        ValidationError: the file cannot be written.
    """
    write_csv(path, report_rows(report))


def _payment_facts(s: Session, on: date, desk: str | None) -> list[PaymentFacts]:
    where = [Payment.business_date == on]
    if desk is not None:
        where.append(Payment.desk == desk)
    tenders: dict[int, list[tuple[str, int]]] = {}
    for pid, method, fen in s.execute(
        select(PaymentTender.payment_id, PaymentTender.method, PaymentTender.amount_fen)
        .join(Payment, Payment.id == PaymentTender.payment_id)
        .where(*where)
        .order_by(PaymentTender.id)
    ):
        tenders.setdefault(pid, []).append((method, fen))
    lines: dict[int, list[tuple[str, str, int, int]]] = {}
    for pid, code, name, fen, late in s.execute(
        select(
            Allocation.payment_id,
            FeeItem.code,
            FeeItem.name,
            Allocation.amount_fen,
            Allocation.late_fee_fen,
        )
        .join(Payment, Payment.id == Allocation.payment_id)
        .join(Bill, Bill.id == Allocation.bill_id)
        .join(FeeItem, FeeItem.id == Bill.fee_item_id)
        .where(*where)
        .order_by(Allocation.id)
    ):
        lines.setdefault(pid, []).append((code, name, fen, late))
    return [
        PaymentFacts(
            desk=p.desk,
            series=p.series,
            year=p.year,
            seq=p.seq,
            receipt_no=p.receipt_no,
            status=p.status,
            total_fen=p.total_fen,
            rounding_fen=p.rounding_fen,
            credit_added_fen=p.credit_added_fen,
            tenders=tuple(tenders.get(p.id, ())),
            lines=tuple(lines.get(p.id, ())),
        )
        for p in s.scalars(select(Payment).where(*where).order_by(Payment.id))
    ]


def _previous_seq(
    s: Session, on: date, desk: str | None, payments: Sequence[PaymentFacts]
) -> dict[tuple[str, str, int], int]:
    """The last receipt sequence issued before ``on`` in each series the day used."""
    wanted = {(p.desk, p.series, p.year) for p in payments}
    if not wanted:
        return {}
    query = (
        select(Payment.desk, Payment.series, Payment.year, func.max(Payment.seq))
        .where(Payment.business_date < on, Payment.year.in_({y for _, _, y in wanted}))
        .group_by(Payment.desk, Payment.series, Payment.year)
    )
    if desk is not None:
        query = query.where(Payment.desk == desk)
    return {
        (d, series, year): seq
        for d, series, year, seq in s.execute(query)
        if (d, series, year) in wanted
    }


def _reversals(
    s: Session, kind: str, on: date, desk: str | None, tz: tzinfo | None
) -> list[ReversalLine]:
    query = (
        select(PaymentReversal, Payment.receipt_no, Payment.desk, Room.code, CashSession.desk)
        .join(Payment, Payment.id == PaymentReversal.payment_id)
        .join(Household, Household.id == Payment.household_id)
        .join(Room, Room.id == Household.room_id)
        .outerjoin(CashSession, CashSession.id == PaymentReversal.cash_session_id)
        .where(PaymentReversal.kind == kind)
        .order_by(PaymentReversal.at, PaymentReversal.id)
    )
    if kind == "void":  # a void is of a payment of the same day
        query = query.where(Payment.business_date == on)
    else:
        start, end = local_day_bounds(on, tz)
        query = query.where(PaymentReversal.at >= start, PaymentReversal.at < end)
    out = []
    for rev, receipt_no, pay_desk, room, drawer_desk in s.execute(query):
        where = drawer_desk or pay_desk  # a cash refund is paid out at the drawer's desk
        if desk is not None and where != desk:
            continue
        out.append(
            ReversalLine(
                kind=rev.kind,
                receipt_no=receipt_no,
                desk=where,
                room=room,
                amount_fen=rev.amount_fen,
                reason=rev.reason,
                by_staff_no=rev.by_staff_no,
                approved_by=rev.approved_by_staff_no,
                at=rev.at,
                cash=rev.cash_session_id is not None,
            )
        )
    return out


def _drawers(s: Session, on: date, desk: str | None) -> list[DrawerReport]:
    query = select(CashSession).where(CashSession.business_date == on)
    if desk is not None:
        query = query.where(CashSession.desk == desk)
    out = []
    for session in s.scalars(query.order_by(CashSession.desk, CashSession.id)):
        movements = [
            (kind, pieces_from_json(pieces))
            for kind, pieces in s.execute(
                select(CashMovement.kind, CashMovement.pieces)
                .where(CashMovement.cash_session_id == session.id)
                .order_by(CashMovement.id)
            )
        ]
        closed = session.status == "closed"
        out.append(
            drawer_report(
                session_id=session.id,
                desk=session.desk,
                status=session.status,
                opened_by=session.opened_by,
                closed_by=session.closed_by,
                movements=movements,
                counted=pieces_from_json(session.counted_pieces) if closed else None,
                approved_by=session.difference_approved_by,
                note=session.close_note,
            )
        )
    return out
