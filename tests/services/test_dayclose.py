"""The day-close report: totals by method and fee item, receipt ranges and gaps, voids,
refunds, the drawer count; its text and CSV; and the pure helpers behind it."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from frontdesk.domain.dayclose import (
    CSV_HEADER,
    PaymentFacts,
    compare_count,
    compress,
    difference_text,
    local_day_bounds,
    needs_supervisor,
    receipt_ranges,
    report_text,
)
from frontdesk.domain.money import denomination
from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services.cashbox import close_drawer, drawer_status, open_drawer
from frontdesk.services.dayclose import day_close_report, write_day_close_csv
from frontdesk.services.users import SYSTEM
from frontdesk.storage.database import Database
from tests.services.cashbox_fixtures import (
    CASHIER,
    DAY,
    DESK,
    DESK2,
    SUPERVISOR,
    bill,
    fee_item,
    household,
    pay,
    pieces,
    reverse,
)

CST = timezone(timedelta(hours=8))
FLOAT = "2x100 4x50 10x10 20张x1 10x0.5"  # ¥525.00
FIVE_JIAO = denomination(50)


def _day(db: Database) -> None:
    """Two desks' business on DAY (and the day before), as described inline."""
    hh, hh2 = household(db, "3-2-1201", "刘兵"), household(db, "5-1-0302", "王芳")
    wyf, tcf, ljf = fee_item(db), fee_item(db, "TCF", "停车费"), fee_item(db, "LJF", "垃圾清运费")
    yesterday = DAY - timedelta(days=1)
    p1 = pay(
        db,
        hh,
        [bill(db, hh, wyf, "2026-09", 22400)],
        seq=1,
        on=yesterday,
        tenders=[("wechat", 22400)],
    )
    pay(
        db,
        hh2,
        [bill(db, hh2, wyf, "2026-09", 10000)],
        seq=1,
        desk=DESK2,
        series="B",
        on=yesterday,
        tenders=[("alipay", 10000)],
    )
    open_drawer(db, CASHIER, DESK, pieces(FLOAT), today=DAY)
    pay(
        db,
        hh,
        [bill(db, hh, wyf, "2026-10", 22400)],
        seq=2,
        received="3x100",
        change="1x50 2x10 6张x1",
    )
    pay(
        db,
        hh,
        [bill(db, hh, wyf, "2026-11", 22400)],
        seq=3,
        received="1x100",
        tenders=[("cash", 10000), ("wechat", 12400)],
    )
    pay(
        db,
        hh,
        [bill(db, hh, tcf, "2026-11", 15000)],
        seq=4,
        late_fee_fen=300,
        credit_added_fen=1000,
        tenders=[("wechat", 16300)],
    )
    p5 = pay(db, hh, [bill(db, hh, ljf, "2026-10", 5000)], seq=5, received="1x50")
    reverse(db, p5, "void", reason="=收错户", cash_back="1x50")
    # seq 6 is missing: the report must say so
    pay(
        db,
        hh,
        [bill(db, hh, ljf, "2026-11", 2234)],
        seq=7,
        rounding_fen=-4,
        received="2x10 2张x1 3x0.1",
    )
    reverse(db, p1, "refund", reason="重复缴费", at=datetime(2026, 11, 23, 5, 0, tzinfo=UTC))
    # desk 2: yesterday ended at B…001, today starts at B…003
    pay(
        db,
        hh2,
        [bill(db, hh2, wyf, "2026-10", 10000)],
        seq=3,
        desk=DESK2,
        series="B",
        tenders=[("alipay", 10000)],
    )


def test_report_for_one_desk(db: Database) -> None:
    _day(db)
    status = drawer_status(db, DESK)
    assert status is not None and status.expected_fen == 52500 + 47230 - 7600 - 5000
    counted = dict(status.expected_pieces)
    counted[FIVE_JIAO] -= 1
    close_drawer(db, CASHIER, DESK, counted, tolerance_fen=100, note="少5角")

    report = day_close_report(db, SUPERVISOR, on=DAY, desk=DESK, tz=CST)
    assert report.on == DAY and report.desk == DESK
    assert report.payment_count == 4 and report.total_fen == 63330
    assert [(m.method, m.label, m.count, m.amount_fen) for m in report.methods] == [
        ("cash", "现金", 3, 34630),
        ("wechat", "微信支付", 2, 28700),
    ]
    assert [(i.code, i.name, i.count, i.amount_fen, i.late_fee_fen) for i in report.items] == [
        ("LJF", "垃圾清运费", 1, 2234, 0),
        ("TCF", "停车费", 1, 15000, 300),
        ("WYF", "物业管理费", 2, 44800, 0),
    ]
    assert report.credit_added_fen == 1000 and report.rounding_fen == -4
    by_item = sum(i.total_fen for i in report.items) + report.credit_added_fen
    assert (
        by_item + report.rounding_fen
        == report.total_fen
        == sum(m.amount_fen for m in report.methods)
    )
    (receipts,) = report.receipts
    assert (receipts.first_no, receipts.last_no, receipts.count) == (
        "A2026-000002",
        "A2026-000007",
        5,
    )
    assert receipts.missing == (6,) and report.has_gaps
    (void,) = report.voids
    assert (void.receipt_no, void.amount_fen, void.cash, void.room) == (
        "A2026-000005",
        5000,
        True,
        "3-2-1201",
    )
    (refund,) = report.refunds
    assert (refund.receipt_no, refund.desk, refund.cash, refund.reason) == (
        "A2026-000001",
        DESK,
        False,
        "重复缴费",
    )
    assert report.refunded_fen == 22400 and report.voided_fen == 5000
    (drawer,) = report.drawers
    assert drawer.status == "closed" and drawer.closed_by == "C001"
    assert dict(drawer.movements) == {
        "float": 52500,
        "sale": 47230,
        "change": -7600,
        "void": -5000,
    }
    assert drawer.count is not None
    assert drawer.count.expected_fen == 87130 and drawer.count.difference_fen == -50
    assert [(c.denomination, c.difference) for c in drawer.count.differing] == [(FIVE_JIAO, -1)]
    assert drawer.note == "少5角" and drawer.approved_by is None

    text = "\n".join(report_text(report))
    for needle in (
        "日结报表  2026-11-23  前台1",
        "收款 4 笔，合计 ¥633.30",
        "现金  3 笔  ¥346.30",
        "停车费  1 项  ¥153.00（含滞纳金 ¥3.00）",
        "预存款转入  ¥10.00",
        "现金取整  -¥0.04",
        "A2026-000002 至 A2026-000007，共 5 张；缺号 1 个（序号 6）",
        "作废：1 笔，¥50.00",
        "退款：1 笔，¥224.00",
        "钱箱 前台1（已日结；开班 C001，日结 C001）",
        "应有 ¥871.30  实点 ¥870.80  短款 ¥0.50",
        "说明：少5角",
    ):
        assert needle in text, needle


def test_report_for_all_desks_and_an_open_drawer(db: Database) -> None:
    _day(db)
    report = day_close_report(db, SYSTEM, on=DAY, desk=None, tz=CST)
    assert report.desk is None and report.payment_count == 5
    assert [(m.method, m.amount_fen) for m in report.methods] == [
        ("cash", 34630),
        ("wechat", 28700),
        ("alipay", 10000),
    ]
    ranges = {r.desk: r for r in report.receipts}
    assert ranges[DESK2].missing == (2,)  # the day before ended at 1, today began at 3
    assert ranges[DESK2].first_no == "B2026-000003" and ranges[DESK2].count == 1
    (drawer,) = report.drawers
    assert drawer.status == "open" and drawer.count is None and drawer.expected_fen == 87130
    text = "\n".join(report_text(report))
    assert "全部前台" in text and "应有现金 ¥871.30（尚未清点）" in text
    # the refund was made on DAY; the day before has the payment, not the refund
    before = day_close_report(db, SYSTEM, on=DAY - timedelta(days=1), desk=None, tz=CST)
    assert before.refunds == () and before.payment_count == 2 and before.total_fen == 32400
    assert all(not r.missing for r in before.receipts)


def test_empty_day(db: Database) -> None:
    report = day_close_report(db, SUPERVISOR, on=DAY, desk=DESK)
    assert report.payment_count == 0 and report.methods == () and report.receipts == ()
    text = report_text(report)
    assert "  （当日未开票据）" in text and "钱箱：当日没有开班记录" in text


def test_report_is_a_supervisor_act(db: Database) -> None:
    with pytest.raises(PermissionDenied):
        day_close_report(db, CASHIER, on=DAY, desk=DESK)


def test_csv_has_bom_header_sections_and_safe_cells(db: Database, tmp_path: Path) -> None:
    _day(db)
    status = drawer_status(db, DESK)
    assert status is not None
    counted = dict(status.expected_pieces)
    counted[FIVE_JIAO] -= 1
    close_drawer(db, CASHIER, DESK, counted, tolerance_fen=100)
    report = day_close_report(db, SUPERVISOR, on=DAY, desk=DESK, tz=CST)
    out = tmp_path / "day.csv"
    write_day_close_csv(report, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == CSV_HEADER
    col = {name: i for i, name in enumerate(CSV_HEADER)}
    by_section: dict[str, list[list[str]]] = {}
    for row in rows[1:]:
        assert len(row) == len(CSV_HEADER)
        by_section.setdefault(row[0], []).append(row)
    assert by_section["summary"][0][col["amount"]] == "633.30"
    assert [(r[col["item"]], r[col["count"]], r[col["amount"]]) for r in by_section["method"]] == [
        ("现金", "3", "346.30"),
        ("微信支付", "2", "287.00"),
    ]
    assert ["现金取整", "", "-0.04"] in [
        [r[col["item"]], r[col["count"]], r[col["amount"]]] for r in by_section["fee_item"]
    ]
    (receipts,) = by_section["receipts"]
    assert receipts[col["note"]] == "缺号 序号 6"
    (void,) = by_section["void"]
    assert void[col["note"]].startswith("'=收错户")  # never a formula
    total = by_section["cash_count"][-1]
    assert total[col["item"]] == "合计"
    assert (total[col["expected"]], total[col["counted"]], total[col["difference"]]) == (
        "871.30",
        "870.80",
        "-0.50",
    )
    five_jiao = next(r for r in by_section["cash_count"] if r[col["item"]] == "5角")
    assert (five_jiao[col["expected_count"]], five_jiao[col["counted_count"]]) == ("10", "9")


def test_csv_to_a_missing_directory(db: Database, tmp_path: Path) -> None:
    report = day_close_report(db, SUPERVISOR, on=DAY, desk=DESK)
    with pytest.raises(ValidationError, match="目录不存在"):
        write_day_close_csv(report, tmp_path / "nowhere" / "day.csv")


# ---------------------------------------------------------------- pure helpers


def _facts(seq: int, desk: str = DESK, status: str = "completed") -> PaymentFacts:
    return PaymentFacts(desk, "A", 2026, seq, f"A2026-{seq:06d}", status, 100)


def test_receipt_ranges_find_gaps_inside_and_at_the_start() -> None:
    facts = [_facts(n) for n in (12, 10, 11, 15)] + [_facts(4, DESK2, "voided")]
    (a, b) = receipt_ranges(facts, {(DESK, "A", 2026): 9, (DESK2, "A", 2026): 1})
    assert (a.desk, a.first_no, a.last_no, a.count, a.missing) == (
        DESK,
        "A2026-000010",
        "A2026-000015",
        4,
        (13, 14),
    )
    assert b.missing == (2, 3) and b.count == 1  # a void keeps its number
    (c,) = receipt_ranges([_facts(5)], {})
    assert c.missing == ()


def test_compress_and_differences() -> None:
    assert compress([3, 5, 6, 7, 9]) == "3、5–7、9"
    assert compress([]) == ""
    assert difference_text(-150) == "短款 ¥1.50"
    assert difference_text(200) == "长款 ¥2.00"
    assert difference_text(0) == "无差额"
    assert needs_supervisor(-101, 100) and needs_supervisor(101, 100)
    assert not needs_supervisor(-100, 100) and not needs_supervisor(0, 0)


def test_compare_count_lines_every_denomination() -> None:
    count = compare_count(pieces("2x100 1x0.5"), pieces("1x100 2x50 1x0.5"))
    assert len(count.lines) == 9
    assert (count.expected_fen, count.counted_fen, count.difference_fen) == (20050, 20050, 0)
    assert [(c.denomination.label, c.difference) for c in count.differing] == [
        ("100元", -1),
        ("50元", 2),
    ]
    assert [c.denomination.label for c in count.shown] == ["100元", "50元", "5角"]


def test_local_day_bounds() -> None:
    start, end = local_day_bounds(date(2026, 11, 23), CST)
    assert start == datetime(2026, 11, 22, 16, 0, tzinfo=UTC)
    assert end - start == timedelta(days=1) and start.tzinfo is not None
