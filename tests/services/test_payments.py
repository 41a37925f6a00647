"""Taking payment: the one-transaction write, receipt numbers, cash, credit, bad input, races."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from frontdesk.domain.money import DEFAULT_MAX_FEN, pieces_total
from frontdesk.domain.receipt import ReceiptContent
from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services import audit
from frontdesk.services.cashbox import drawer_status, move_cash, open_drawer
from frontdesk.services.payments import (
    PaymentResult,
    Tender,
    get_receipt,
    list_payments,
    quote,
)
from frontdesk.services.users import Actor
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    Allocation,
    AuditEvent,
    Bill,
    CashMovement,
    Payment,
    PaymentTender,
    PrepayEntry,
    ReceiptCounter,
)
from tests.factories import bill_household, make_fee_item
from tests.services.payment_fixtures import (
    DESK,
    FLOAT,
    NOW,
    TODAY,
    Counter,
    another_household,
    bill_ids,
    counter,
    pieces,
    setup_counter,
    snapshot,
    statuses,
)

__all__ = ["counter"]  # the fixture, re-exported for pytest


def cash(fen: int) -> Tender:
    return Tender("cash", fen)


# ---------------------------------------------------------------- the payment transaction


def test_cash_payment_writes_everything_in_one_go(counter: Counter) -> None:
    db = counter.db
    result = counter.pay([cash(46800)], tendered=50000)
    assert result.receipt_no == "A2026-000001"
    assert result.change is not None and result.change.total_fen == 3200
    assert [(d.label, n) for d, n in result.change.pieces] == [
        ("20元", 1),
        ("10元", 1),
        ("1元(纸币)", 2),
    ]
    with db.read() as s:
        payment = s.get_one(Payment, result.payment_id)
        assert (payment.desk, payment.series, payment.year, payment.seq) == (DESK, "A", 2026, 1)
        assert payment.business_date == TODAY and payment.paid_at == NOW
        assert (payment.due_fen, payment.total_fen, payment.tendered_fen, payment.change_fen) == (
            46800,
            46800,
            50000,
            3200,
        )
        assert payment.cash_session_id == counter.session_id and payment.status == "completed"
        assert [(t.method, t.amount_fen) for t in payment.tenders] == [("cash", 46800)]
        allocations = s.scalars(select(Allocation).where(Allocation.payment_id == payment.id)).all()
        assert sorted(a.bill_id for a in allocations) == sorted(counter.bills)
        assert sum(a.amount_fen for a in allocations) == 46800
        counter_row = s.scalars(select(ReceiptCounter)).one()
        assert (counter_row.desk, counter_row.series, counter_row.year, counter_row.last_seq) == (
            DESK,
            "A",
            2026,
            1,
        )
        moves = s.execute(
            select(CashMovement.kind, CashMovement.amount_fen, CashMovement.pieces)
            .where(CashMovement.payment_id == payment.id)
            .order_by(CashMovement.id)
        ).all()
        assert [(k, a) for k, a, _ in moves] == [("sale", 50000), ("change", -3200)]
        assert json.loads(moves[0][2]) == {"10000": 5}
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "payment.collect")).all()
        assert [e.entity_id for e in events] == ["A2026-000001"]
        assert json.loads(events[0].details)["change"] == 3200
        assert audit.verify(s).ok
    assert statuses(db, counter.bills) == ["paid"] * 4
    status = drawer_status(db, DESK)
    assert status is not None and status.expected_fen == pieces_total(pieces(FLOAT)) + 46800


def test_receipt_content_is_stored_and_shown(counter: Counter) -> None:
    result = counter.pay([cash(46800)], tendered=50000)
    receipt = get_receipt(counter.db, "A2026-000001")
    assert receipt == result.receipt
    with counter.db.read() as s:
        stored = s.scalar(select(Payment.receipt_text).where(Payment.id == result.payment_id))
    assert stored is not None and ReceiptContent.from_json(stored) == receipt
    assert (receipt.estate, receipt.desk, receipt.cashier_staff_no, receipt.cashier_name) == (
        "示例花园",
        DESK,
        "C001",
        "张三",
    )
    assert (receipt.room, receipt.owner, receipt.issued_at) == ("3-2-1201", "刘兵、王芳", NOW)
    assert [(line.item, line.period, line.amount_fen) for line in receipt.lines] == [
        ("垃圾清运费", "2026-01", 1000),
        ("物业管理费", "2026-01", 22400),
        ("垃圾清运费", "2026-02", 1000),
        ("物业管理费", "2026-02", 22400),
    ]
    assert receipt.lines[1].standard == "2.50 ¥/m²/月 × 89.60 m² = 224.00"
    assert (receipt.total_fen, receipt.tendered_fen, receipt.change_fen) == (46800, 50000, 3200)
    assert receipt.methods == (("现金", 46800, ""),)
    assert receipt.prepay_balance_after_fen == 0 and receipt.status == "completed"
    with pytest.raises(ValidationError, match="没有票据号"):
        get_receipt(counter.db, "A2026-999999")


def test_receipt_numbers_per_desk_series_and_year(counter: Counter) -> None:
    others = [
        another_household(counter, f"1-1-{n}01", name, ["2026-01"])
        for n, name in enumerate(["赵一", "钱二", "孙三", "李四"], start=1)
    ]

    def pay(hh: int, **kw: object) -> str:
        bills = bill_ids(counter.db, hh)
        due = 12500 + 1000  # 2.50 × 50.00 + 10.00
        return counter.pay([Tender("wechat", due)], bills=bills, household_id=hh, **kw).receipt_no  # type: ignore[arg-type]

    assert pay(others[0]) == "A2026-000001"
    assert pay(others[1]) == "A2026-000002"
    assert pay(others[2], desk="前台2", series="B") == "B2026-000001"
    assert pay(others[3], now=datetime(2027, 1, 4, 12, tzinfo=UTC)) == "A2027-000001"
    assert counter.pay([cash(46800)]).receipt_no == "A2026-000003"


def test_a_failed_payment_leaves_no_gap(counter: Counter) -> None:
    with pytest.raises(ValidationError):
        counter.pay([cash(46800)], tendered=40000)
    assert counter.pay([cash(46800)]).receipt_no == "A2026-000001"


def test_non_cash_payment_needs_no_drawer(db: Database, admin: Actor) -> None:
    counter = setup_counter(db, admin, drawer=False)
    with pytest.raises(ValidationError, match="钱箱尚未开班"):
        counter.pay([cash(46800)])
    result = counter.pay([Tender("alipay", 46800)])
    with db.read() as s:
        payment = s.get_one(Payment, result.payment_id)
        assert payment.cash_session_id is None and payment.tendered_fen == 0
        assert s.scalars(select(CashMovement)).all() == []
    assert result.change is None


# ---------------------------------------------------------------- methods, rounding, credit


def test_cash_total_rounds_to_the_jiao(counter: Counter) -> None:
    hh = another_household(counter, "5-1-101", "周五", [])
    make_fee_item(counter.db, counter.admin, "TCF", "停车费", "fixed_monthly", "150.07")
    [bill] = bill_household(counter.db, counter.admin, hh, "2026-02", codes=["TCF"])
    q = quote(counter.db, hh, [bill], 0, on=TODAY, cash_unit_fen=10)
    assert (q.due_fen, q.cash_due_fen) == (15007, 15010)
    result = counter.pay([cash(15010)], bills=[bill], household_id=hh, tendered=20000)
    with counter.db.read() as s:
        payment = s.get_one(Payment, result.payment_id)
        assert (payment.due_fen, payment.rounding_fen, payment.total_fen) == (15007, 3, 15010)
        assert payment.change_fen == 4990
    assert result.receipt.rounding_fen == 3


def test_split_across_methods(counter: Counter) -> None:
    result = counter.pay(
        [Tender("wechat", 20000), Tender("transfer", 20000, "TX-88"), cash(6800)], tendered=10000
    )
    with counter.db.read() as s:
        rows = s.execute(
            select(PaymentTender.method, PaymentTender.amount_fen, PaymentTender.reference)
            .where(PaymentTender.payment_id == result.payment_id)
            .order_by(PaymentTender.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("cash", 6800, ""),
        ("wechat", 20000, ""),
        ("transfer", 20000, "TX-88"),
    ]
    assert result.receipt.methods[2] == ("银行转账", 20000, "TX-88")
    assert result.receipt.change_fen == 3200


def test_overpayment_in_cash_kept_as_credit_then_used(counter: Counter) -> None:
    db = counter.db
    first = counter.pay([cash(23400)], bills=counter.bills[:2], tendered=30000, credit=True)
    assert first.change is not None and first.change.total_fen == 0
    assert first.receipt.credit_added_fen == 6600 and first.receipt.prepay_balance_after_fen == 6600
    with db.read() as s:
        entries = s.execute(select(PrepayEntry.amount_fen, PrepayEntry.payment_id)).all()
        assert [tuple(e) for e in entries] == [(6600, first.payment_id)]
        moves = s.scalars(
            select(CashMovement.kind).where(CashMovement.payment_id == first.payment_id)
        )
        assert list(moves) == ["sale"]  # no change given
    q = quote(db, counter.household_id, counter.bills[2:], 0, on=TODAY, cash_unit_fen=10)
    assert q.prepay_balance_fen == 6600
    second = counter.pay([Tender("prepay", 6600), Tender("wechat", 16800)], bills=counter.bills[2:])
    assert second.receipt.prepay_balance_after_fen == 0
    with db.read() as s:
        assert s.get_one(Payment, second.payment_id).credit_used_fen == 6600
        amounts = s.scalars(select(PrepayEntry.amount_fen).order_by(PrepayEntry.id)).all()
    assert amounts == [6600, -6600]


def test_electronic_overpayment_only_as_credit(counter: Counter) -> None:
    before = snapshot(counter.db)
    with pytest.raises(ValidationError, match="不能找零"):
        counter.pay([Tender("wechat", 50000)])
    assert snapshot(counter.db) == before
    result = counter.pay([Tender("wechat", 50000)], credit=True)
    assert result.receipt.credit_added_fen == 3200 and result.receipt.total_fen == 50000


def test_months_ahead_are_billed_and_paid(counter: Counter) -> None:
    q = quote(counter.db, counter.household_id, counter.bills, 2, on=TODAY, cash_unit_fen=10)
    assert [line.period for line in q.lines if line.ahead] == [
        "2026-03",
        "2026-03",
        "2026-04",
        "2026-04",
    ]
    assert q.due_fen == 46800 * 2
    result = counter.pay([Tender("unionpay", 93600)], ahead=2)
    with counter.db.read() as s:
        ahead = s.scalars(select(Bill).where(Bill.prepaid)).all()
        assert sorted(b.period for b in ahead) == ["2026-03", "2026-03", "2026-04", "2026-04"]
        assert {b.status for b in ahead} == {"paid"}
        allocated = s.scalars(
            select(Allocation.bill_id).where(Allocation.payment_id == result.payment_id)
        ).all()
    assert len(allocated) == 8
    assert [line.period for line in result.receipt.lines][-2:] == ["2026-04", "2026-04"]


def test_received_pieces_are_recorded(counter: Counter) -> None:
    got = pieces("4x100 1x50 2x10")
    result = counter.pay([cash(46800)], tendered=47000, received=got)
    with counter.db.read() as s:
        sale = s.scalar(
            select(CashMovement.pieces).where(
                CashMovement.payment_id == result.payment_id, CashMovement.kind == "sale"
            )
        )
    assert sale is not None and json.loads(sale) == {"10000": 4, "5000": 1, "1000": 2}


def test_drawer_sum_in_sql_matches_the_drawer_helper(counter: Counter) -> None:
    from frontdesk.services import drawer
    from frontdesk.services.payments import _drawer_held

    move_cash(counter.db, counter.cashier, DESK, "cash_in", pieces("7张×1c 3张×0.5"), "补零钱")
    counter.pay([cash(23400)], bills=counter.bills[:2], tendered=30000)
    counter.pay([cash(23400)], bills=counter.bills[2:], tendered=25000)
    with counter.db.read() as s:
        assert counter.session_id is not None
        expected = drawer.drawer_contents(s, counter.session_id)
        assert _drawer_held(s, counter.session_id) == expected
    assert (
        sum(d.value_fen * n for d, n in expected.items())
        == pieces_total(pieces(FLOAT)) + 850 + 46800  # float, cash in, payments
    )


# ---------------------------------------------------------------- bad input: nothing recorded


@pytest.mark.parametrize(
    ("tenders", "tendered", "kwargs", "message"),
    [
        ([cash(46800)], -100, {}, "不能为负数"),
        ([cash(-46800)], 0, {}, "不能为负数"),
        ([cash(46800)], 40000, {}, r"实收现金不足.*还差 ¥68\.00"),
        ([cash(46800)], DEFAULT_MAX_FEN + 10, {}, "不能超过"),
        ([Tender("wechat", DEFAULT_MAX_FEN * 10)], 0, {"credit": True}, "不能超过"),
        ([Tender("wechat", 20000), cash(30000)], 30000, {}, "合计与应收不符"),
        ([Tender("wechat", 20000), Tender("alipay", 20000)], 0, {}, r"付款金额不足.*还差 ¥68\.00"),
        ([Tender("transfer", 46800)], 0, {}, "参考号"),
        ([Tender("prepay", 46800)], 0, {}, "预存款余额不足"),
        ([cash(46800)], 50000, {"received": pieces("4x100")}, "点钞合计"),
        ([cash(46800)], 0, {"ahead": 99}, "预缴月数"),
        ([cash(46800)], 0, {"bills": []}, "没有要收取的费用"),
    ],
)
def test_bad_input_records_nothing(
    counter: Counter, tenders: list[Tender], tendered: int, kwargs: dict[str, object], message: str
) -> None:
    before = snapshot(counter.db)
    with pytest.raises(ValidationError, match=message):
        counter.pay(tenders, tendered=tendered, **kwargs)  # type: ignore[arg-type]
    assert snapshot(counter.db) == before


def test_change_the_drawer_cannot_make(db: Database, admin: Actor) -> None:
    counter = setup_counter(db, admin, drawer=False)
    open_drawer(db, counter.cashier, DESK, pieces("3x100"), today=TODAY)
    before = snapshot(db)
    with pytest.raises(ValidationError, match="钱箱零钱不足"):
        counter.pay([cash(46800)], tendered=50000)
    assert snapshot(db) == before


def test_bill_of_another_household(counter: Counter) -> None:
    other = another_household(counter, "9-9-909", "吴九", ["2026-01"])
    before = snapshot(counter.db)
    with pytest.raises(ValidationError, match="不是该住户的账单"):
        counter.pay([Tender("wechat", 13500)], bills=bill_ids(counter.db, other))
    assert snapshot(counter.db) == before


def test_two_desks_sharing_a_receipt_series_are_refused(counter: Counter) -> None:
    other = another_household(counter, "9-9-909", "吴九", ["2026-01"])
    counter.pay([Tender("wechat", 13500)], bills=bill_ids(counter.db, other), household_id=other)
    before = snapshot(counter.db)
    with pytest.raises(ValidationError, match="票据字头"):
        counter.pay([Tender("wechat", 46800)], desk="前台2", series="A")  # A2026-000001 again
    assert snapshot(counter.db) == before


def test_only_cashiers_take_money(counter: Counter) -> None:
    with pytest.raises(PermissionDenied):
        counter.pay([cash(46800)], actor=counter.clerk)


def test_quote_refuses_a_paid_bill(counter: Counter) -> None:
    counter.pay([cash(23400)], bills=counter.bills[:2])
    with pytest.raises(ValidationError, match="已被其他窗口收取"):
        quote(counter.db, counter.household_id, counter.bills, 0, on=TODAY, cash_unit_fen=10)


def test_list_payments(counter: Counter) -> None:
    counter.pay([cash(23400)], bills=counter.bills[:2])
    counter.pay([Tender("wechat", 13400), cash(10000)], bills=counter.bills[2:])
    rows = list_payments(counter.db, desk=DESK, on=TODAY)
    assert [(r.receipt_no, r.total_fen, r.methods, r.room, r.owner) for r in rows] == [
        ("A2026-000001", 23400, "现金", "3-2-1201", "刘兵、王芳"),
        ("A2026-000002", 23400, "现金、微信支付", "3-2-1201", "刘兵、王芳"),
    ]
    assert list_payments(counter.db, desk="前台2", on=TODAY) == []
    assert list_payments(counter.db, desk=None, on=date(2026, 1, 1)) == []
    assert (
        len(list_payments(counter.db, desk=None, on=None, household_id=counter.household_id)) == 2
    )


# ---------------------------------------------------------------- two desks at once


def test_second_desk_paying_the_same_bill_is_refused(counter: Counter) -> None:
    counter.pay([Tender("wechat", 46800)], desk="前台2", series="B")
    before = snapshot(counter.db)
    with pytest.raises(ValidationError, match="已被其他窗口收取"):
        counter.pay([cash(46800)])
    assert snapshot(counter.db) == before


def _race(counter: Counter, jobs: list[dict[str, object]]) -> list[PaymentResult | Exception]:
    """Run one collect per job at the same moment, each on its own Database."""
    barrier = threading.Barrier(len(jobs))
    results: list[PaymentResult | Exception] = [ValueError("not run")] * len(jobs)
    url = counter.db.url.render_as_string(hide_password=False)

    def work(index: int) -> None:
        own = Database(url, busy_timeout_ms=30_000)
        try:
            own.check()
            barrier.wait(timeout=30)
            results[index] = counter.pay(db=own, **jobs[index])  # type: ignore[arg-type]
        except Exception as exc:  # reported to the main thread
            results[index] = exc
        finally:
            own.dispose()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_two_desks_race_for_one_bill(counter: Counter) -> None:
    results = _race(
        counter,
        [
            {"tenders": [Tender("wechat", 46800)], "desk": DESK, "series": "A"},
            {"tenders": [Tender("alipay", 46800)], "desk": "前台2", "series": "B"},
        ],
    )
    done = [r for r in results if isinstance(r, PaymentResult)]
    failed = [r for r in results if not isinstance(r, PaymentResult)]
    assert len(done) == 1 and len(failed) == 1, results
    assert isinstance(failed[0], ValidationError) and "已被其他窗口收取" in str(failed[0])
    with counter.db.read() as s:
        assert len(s.scalars(select(Payment)).all()) == 1
        assert len(s.scalars(select(Allocation)).all()) == 4
        assert len(s.scalars(select(ReceiptCounter)).all()) == 1
        assert audit.verify(s).ok


def test_eight_payments_at_once_get_gap_free_numbers(counter: Counter) -> None:
    households = [
        another_household(counter, f"8-1-{n:02d}01", f"住户{n}", ["2026-01"]) for n in range(8)
    ]
    jobs: list[dict[str, object]] = [
        {
            "tenders": [Tender("wechat", 13500)],
            "household_id": hh,
            "bills": bill_ids(counter.db, hh),
        }
        for hh in households
    ]
    results = _race(counter, jobs)
    assert all(isinstance(r, PaymentResult) for r in results), results
    numbers = sorted(r.receipt_no for r in results if isinstance(r, PaymentResult))
    assert numbers == [f"A2026-{n:06d}" for n in range(1, 9)]
    with counter.db.read() as s:
        assert s.scalar(select(ReceiptCounter.last_seq)) == 8
        assert audit.verify(s).ok
