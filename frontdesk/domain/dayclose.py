"""Day close (日结): the drawer count against what it should hold, and the report's content.

Pure: the services gather facts from the database (``PaymentFacts``, ``ReversalLine``,
``DrawerReport``); this module adds them up (:func:`build_report`) and renders the report
as text lines (:func:`report_text`) and as CSV rows (:func:`report_rows`).
Amounts are int fen throughout.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from frontdesk.domain.money import DENOMINATIONS, Denomination, fen_to_yuan_str, format_fen
from frontdesk.domain.receipt import METHOD_LABELS, pad_to

# The payment methods in report order (labels as on the receipt: METHOD_LABELS).
METHOD_ORDER = ("cash", "wechat", "alipay", "unionpay", "transfer", "prepay")
MOVEMENT_LABELS = {
    "float": "备用金",
    "sale": "收现金",
    "change": "找零",
    "cash_in": "存入",
    "cash_out": "取出",
    "void": "作废退回",
    "refund": "退款付出",
}
PAYMENT_STATUS_LABELS = {"completed": "正常", "voided": "作废", "refunded": "已退款"}


def method_label(method: str) -> str:
    return METHOD_LABELS.get(method, method)


def local_day_bounds(on: date, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The UTC instants where the local day ``on`` starts and where the next day starts.

    ``tz`` None means the computer's time zone.
    """

    def start(d: date) -> datetime:
        naive = datetime.combine(d, time())
        local = naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
        return local.astimezone(UTC)

    return start(on), start(on + timedelta(days=1))


# ---------------------------------------------------------------- the drawer count


@dataclass(frozen=True)
class CountLine:
    """One denomination: how many pieces the drawer should hold and how many were counted."""

    denomination: Denomination
    expected: int
    counted: int

    @property
    def difference(self) -> int:
        return self.counted - self.expected

    @property
    def expected_fen(self) -> int:
        return self.expected * self.denomination.value_fen

    @property
    def counted_fen(self) -> int:
        return self.counted * self.denomination.value_fen

    @property
    def difference_fen(self) -> int:
        return self.difference * self.denomination.value_fen


@dataclass(frozen=True)
class CashCount:
    """Expected against counted for every denomination, largest first."""

    lines: tuple[CountLine, ...]

    @property
    def expected_fen(self) -> int:
        return sum(line.expected_fen for line in self.lines)

    @property
    def counted_fen(self) -> int:
        return sum(line.counted_fen for line in self.lines)

    @property
    def difference_fen(self) -> int:
        """Counted minus expected: negative when cash is missing (短款), positive when over."""
        return self.counted_fen - self.expected_fen

    @property
    def differing(self) -> tuple[CountLine, ...]:
        return tuple(line for line in self.lines if line.difference)

    @property
    def shown(self) -> tuple[CountLine, ...]:
        """The lines worth showing: a denomination expected or counted."""
        return tuple(line for line in self.lines if line.expected or line.counted)


def compare_count(
    expected: Mapping[Denomination, int], counted: Mapping[Denomination, int]
) -> CashCount:
    """Line up the expected pieces with the counted ones, every denomination largest first."""
    return CashCount(
        tuple(CountLine(d, expected.get(d, 0), counted.get(d, 0)) for d in DENOMINATIONS)
    )


def needs_supervisor(difference_fen: int, tolerance_fen: int) -> bool:
    """A drawer difference beyond the tolerance (either way) needs a supervisor and a note."""
    return abs(difference_fen) > tolerance_fen


def difference_text(difference_fen: int) -> str:
    """``长款 ¥1.00`` (over), ``短款 ¥1.00`` (short) or ``无差额``."""
    if difference_fen > 0:
        return f"长款 {format_fen(difference_fen)}"
    if difference_fen < 0:
        return f"短款 {format_fen(-difference_fen)}"
    return "无差额"


# ---------------------------------------------------------------- facts from the services


@dataclass(frozen=True)
class PaymentFacts:
    """One payment issued on the day, as far as the report needs it."""

    desk: str
    series: str
    year: int
    seq: int
    receipt_no: str
    status: str  # completed | voided | refunded
    total_fen: int
    rounding_fen: int = 0
    credit_added_fen: int = 0
    tenders: tuple[tuple[str, int], ...] = ()  # (method, fen)
    lines: tuple[tuple[str, str, int, int], ...] = ()  # (item code, item name, fen, late fee fen)


@dataclass(frozen=True)
class ReversalLine:
    """A void (作废) or refund (退款) shown in the report."""

    kind: str  # void | refund
    receipt_no: str
    desk: str
    room: str
    amount_fen: int
    reason: str
    by_staff_no: str
    approved_by: str
    at: datetime
    cash: bool  # money went back out of the drawer


@dataclass(frozen=True)
class DrawerReport:
    """One desk's drawer session of the day: its movements, and the count if closed."""

    session_id: int
    desk: str
    status: str  # open | closed
    opened_by: str
    closed_by: str | None
    movements: tuple[tuple[str, int], ...]  # (kind, net fen), kinds in MOVEMENT_LABELS order
    expected: tuple[tuple[Denomination, int], ...]  # what the drawer should hold now
    count: CashCount | None  # None while the drawer is still open
    approved_by: str | None = None
    note: str = ""

    @property
    def expected_fen(self) -> int:
        return sum(d.value_fen * n for d, n in self.expected)


def drawer_report(
    *,
    session_id: int,
    desk: str,
    status: str,
    opened_by: str,
    closed_by: str | None,
    movements: Iterable[tuple[str, Mapping[Denomination, int]]],
    counted: Mapping[Denomination, int] | None,
    approved_by: str | None = None,
    note: str = "",
) -> DrawerReport:
    """Add up a session's movements (kind, signed pieces) and compare with the count."""
    by_kind: dict[str, int] = {}
    held: dict[Denomination, int] = {}
    for kind, pieces in movements:
        by_kind[kind] = by_kind.get(kind, 0) + sum(d.value_fen * n for d, n in pieces.items())
        for d, n in pieces.items():
            held[d] = held.get(d, 0) + n
    expected = tuple((d, held[d]) for d in DENOMINATIONS if held.get(d))
    return DrawerReport(
        session_id=session_id,
        desk=desk,
        status=status,
        opened_by=opened_by,
        closed_by=closed_by,
        movements=tuple((k, by_kind[k]) for k in MOVEMENT_LABELS if k in by_kind),
        expected=expected,
        count=None if counted is None else compare_count(dict(expected), counted),
        approved_by=approved_by,
        note=note,
    )


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class MethodTotal:
    method: str
    label: str
    count: int  # payments using this method
    amount_fen: int


@dataclass(frozen=True)
class ItemTotal:
    code: str
    name: str
    count: int  # bill lines paid
    amount_fen: int
    late_fee_fen: int

    @property
    def total_fen(self) -> int:
        return self.amount_fen + self.late_fee_fen


@dataclass(frozen=True)
class ReceiptRange:
    """The receipt numbers one desk issued in one series and year on the day."""

    desk: str
    series: str
    year: int
    first_no: str
    last_no: str
    count: int
    missing: tuple[int, ...] = ()  # sequence numbers skipped (there should be none)

    @property
    def label(self) -> str:
        return f"{self.series}{self.year}"


@dataclass(frozen=True)
class DayCloseReport:
    """Everything the day-close report shows for one day and one desk (or all desks)."""

    on: date
    desk: str | None  # None: every desk
    payment_count: int  # payments collected (voided ones left out)
    total_fen: int
    methods: tuple[MethodTotal, ...]
    items: tuple[ItemTotal, ...]
    rounding_fen: int
    credit_added_fen: int
    receipts: tuple[ReceiptRange, ...]
    voids: tuple[ReversalLine, ...] = ()
    refunds: tuple[ReversalLine, ...] = ()
    drawers: tuple[DrawerReport, ...] = field(default=())

    @property
    def voided_fen(self) -> int:
        return sum(v.amount_fen for v in self.voids)

    @property
    def refunded_fen(self) -> int:
        return sum(r.amount_fen for r in self.refunds)

    @property
    def has_gaps(self) -> bool:
        return any(r.missing for r in self.receipts)


@dataclass
class _Sum:
    name: str
    count: int = 0
    fen: int = 0
    late_fen: int = 0


def build_report(
    on: date,
    desk: str | None,
    payments: Sequence[PaymentFacts],
    *,
    previous_seq: Mapping[tuple[str, str, int], int] | None = None,
    voids: Sequence[ReversalLine] = (),
    refunds: Sequence[ReversalLine] = (),
    drawers: Sequence[DrawerReport] = (),
) -> DayCloseReport:
    """Add up the day's payments.

    Voided payments count in the receipt ranges (a void keeps its number) but not in the
    totals. ``previous_seq`` gives, per (desk, series, year), the last sequence number
    issued before the day, so a gap at the start of the day is found too.
    """
    kept = [p for p in payments if p.status != "voided"]
    methods: dict[str, _Sum] = {}
    items: dict[str, _Sum] = {}
    for p in kept:
        for method in dict.fromkeys(m for m, _ in p.tenders):
            methods.setdefault(method, _Sum(method_label(method))).count += 1
        for method, fen in p.tenders:
            methods[method].fen += fen
        for code, name, fen, late in p.lines:
            entry = items.setdefault(code, _Sum(name))
            entry.count += 1
            entry.fen += fen
            entry.late_fen += late
    order = {m: i for i, m in enumerate(METHOD_ORDER)}
    return DayCloseReport(
        on=on,
        desk=desk,
        payment_count=len(kept),
        total_fen=sum(p.total_fen for p in kept),
        methods=tuple(
            MethodTotal(m, v.name, v.count, v.fen)
            for m, v in sorted(methods.items(), key=lambda kv: order.get(kv[0], len(order)))
        ),
        items=tuple(
            ItemTotal(code, v.name, v.count, v.fen, v.late_fen) for code, v in sorted(items.items())
        ),
        rounding_fen=sum(p.rounding_fen for p in kept),
        credit_added_fen=sum(p.credit_added_fen for p in kept),
        receipts=receipt_ranges(payments, previous_seq or {}),
        voids=tuple(voids),
        refunds=tuple(refunds),
        drawers=tuple(drawers),
    )


def receipt_ranges(
    payments: Iterable[PaymentFacts], previous_seq: Mapping[tuple[str, str, int], int]
) -> tuple[ReceiptRange, ...]:
    """First and last receipt per desk, series and year, with any skipped numbers."""
    groups: dict[tuple[str, str, int], list[PaymentFacts]] = {}
    for p in payments:
        groups.setdefault((p.desk, p.series, p.year), []).append(p)
    ranges = []
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda p: p.seq)
        seqs = {p.seq for p in group}
        start = previous_seq[key] + 1 if key in previous_seq else group[0].seq
        missing = tuple(n for n in range(start, group[-1].seq + 1) if n not in seqs)
        ranges.append(
            ReceiptRange(
                key[0],
                key[1],
                key[2],
                group[0].receipt_no,
                group[-1].receipt_no,
                len(group),
                missing,
            )
        )
    return tuple(ranges)


def compress(numbers: Sequence[int]) -> str:
    """``[3, 5, 6, 7]`` → ``3、5–7``."""
    parts: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        parts.append(str(numbers[i]) if i == j else f"{numbers[i]}–{numbers[j]}")
        i = j + 1
    return "、".join(parts)


# ---------------------------------------------------------------- rendering


def _scope(report: DayCloseReport) -> str:
    return report.desk if report.desk is not None else "全部前台"


def _receipt_text(r: ReceiptRange) -> str:
    text = f"{r.desk} {r.label}：{r.first_no} 至 {r.last_no}，共 {r.count} 张"
    if r.missing:
        return f"{text}；缺号 {len(r.missing)} 个（序号 {compress(r.missing)}）"
    return f"{text}，连续无缺号"


def _reversal_text(v: ReversalLine) -> str:
    cash = "，现金" if v.cash else ""
    return (
        f"  {v.receipt_no}  {v.room}  {format_fen(v.amount_fen)}{cash}  原因：{v.reason}"
        f"  经办 {v.by_staff_no}  批准 {v.approved_by}"
    )


def _drawer_text(d: DrawerReport) -> list[str]:
    state = "已日结" if d.status == "closed" else "未日结"
    head = f"钱箱 {d.desk}（{state}；开班 {d.opened_by}"
    head += f"，日结 {d.closed_by}）" if d.closed_by else "）"
    lines = [head]
    lines.append(
        "  " + "  ".join(f"{MOVEMENT_LABELS[k]} {format_fen(fen)}" for k, fen in d.movements)
    )
    if d.count is None:
        lines.append(f"  应有现金 {format_fen(d.expected_fen)}（尚未清点）")
        lines += [f"    {pad_to(den.label, 10)}{n:>6} 张" for den, n in d.expected]
        return lines
    lines.append(f"    {pad_to('面额', 10)}  应有  实点  差异")
    for c in d.count.shown:
        diff = f"{c.difference:+d}" if c.difference else "0"
        label = pad_to(c.denomination.label, 10)
        lines.append(f"    {label}{c.expected:>6}{c.counted:>6}{diff:>6}")
    lines.append(
        f"  应有 {format_fen(d.count.expected_fen)}  实点 {format_fen(d.count.counted_fen)}"
        f"  {difference_text(d.count.difference_fen)}"
    )
    if d.approved_by:
        lines.append(f"  差额批准：{d.approved_by}")
    if d.note:
        lines.append(f"  说明：{d.note}")
    return lines


def report_text(report: DayCloseReport) -> list[str]:
    """The report as plain text lines (for the console and the screen)."""
    out = [
        f"日结报表  {report.on.isoformat()}  {_scope(report)}",
        f"收款 {report.payment_count} 笔，合计 {format_fen(report.total_fen)}",
        "",
        "按收费方式：",
    ]
    out += [f"  {m.label}  {m.count} 笔  {format_fen(m.amount_fen)}" for m in report.methods]
    if not report.methods:
        out.append("  （无）")
    out.append("按收费项目：")
    for i in report.items:
        late = f"（含滞纳金 {format_fen(i.late_fee_fen)}）" if i.late_fee_fen else ""
        out.append(f"  {i.name}  {i.count} 项  {format_fen(i.total_fen)}{late}")
    if report.credit_added_fen:
        out.append(f"  预存款转入  {format_fen(report.credit_added_fen)}")
    if report.rounding_fen:
        out.append(f"  现金取整  {format_fen(report.rounding_fen)}")
    if not (report.items or report.credit_added_fen or report.rounding_fen):
        out.append("  （无）")
    out.append("票据号：")
    out += [f"  {_receipt_text(r)}" for r in report.receipts] or ["  （当日未开票据）"]
    out.append(f"作废：{len(report.voids)} 笔，{format_fen(report.voided_fen)}")
    out += [_reversal_text(v) for v in report.voids]
    out.append(f"退款：{len(report.refunds)} 笔，{format_fen(report.refunded_fen)}")
    out += [_reversal_text(r) for r in report.refunds]
    out.append("")
    if not report.drawers:
        out.append("钱箱：当日没有开班记录")
    for d in report.drawers:
        out += _drawer_text(d)
    return out


CSV_HEADER = (
    "section",
    "desk",
    "item",
    "count",
    "amount",
    "expected_count",
    "counted_count",
    "expected",
    "counted",
    "difference",
    "note",
)


def _yuan(fen: int | None) -> str:
    return "" if fen is None else fen_to_yuan_str(fen)


def report_rows(report: DayCloseReport) -> list[list[str]]:
    """The report as CSV rows under :data:`CSV_HEADER` (amounts in yuan, two decimals).

    ``section`` is one of summary, method, fee_item, receipts, void, refund, cash_movement,
    cash_count; ``count`` is payments, bill lines, receipts or pieces by section.
    """
    scope = _scope(report)
    rows: list[list[str]] = [list(CSV_HEADER)]

    def row(
        section: str,
        desk: str,
        item: str,
        count: object = "",
        amount: int | None = None,
        counts: tuple[object, object] = ("", ""),
        fens: tuple[int | None, ...] = (None,) * 3,
        note: str = "",
    ) -> None:
        rows.append(
            [
                section,
                desk,
                item,
                str(count),
                _yuan(amount),
                str(counts[0]),
                str(counts[1]),
                *(_yuan(f) for f in fens),
                note,
            ]
        )

    row("summary", scope, f"日结 {report.on.isoformat()}", report.payment_count, report.total_fen)
    for m in report.methods:
        row("method", scope, m.label, m.count, m.amount_fen)
    for i in report.items:
        note = f"含滞纳金 {fen_to_yuan_str(i.late_fee_fen)}" if i.late_fee_fen else ""
        row("fee_item", scope, i.name, i.count, i.total_fen, note=note)
    if report.credit_added_fen:
        row("fee_item", scope, "预存款转入", "", report.credit_added_fen)
    if report.rounding_fen:
        row("fee_item", scope, "现金取整", "", report.rounding_fen)
    for r in report.receipts:
        note = f"缺号 序号 {compress(r.missing)}" if r.missing else "连续无缺号"
        row("receipts", r.desk, f"{r.first_no} 至 {r.last_no}", r.count, note=note)
    for v in (*report.voids, *report.refunds):
        note = f"{v.reason}；经办 {v.by_staff_no}；批准 {v.approved_by}" + (
            "；现金" if v.cash else ""
        )
        row(v.kind, v.desk, f"{v.receipt_no} {v.room}", "", v.amount_fen, note=note)
    for d in report.drawers:
        for kind, fen in d.movements:
            row("cash_movement", d.desk, MOVEMENT_LABELS[kind], "", fen)
        if d.count is None:
            for den, n in d.expected:
                row(
                    "cash_count",
                    d.desk,
                    den.label,
                    counts=(n, ""),
                    fens=(n * den.value_fen, None, None),
                    note="未日结",
                )
            row("cash_count", d.desk, "合计", fens=(d.expected_fen, None, None), note="未日结")
            continue
        for c in d.count.shown:
            row(
                "cash_count",
                d.desk,
                c.denomination.label,
                counts=(c.expected, c.counted),
                fens=(c.expected_fen, c.counted_fen, c.difference_fen),
            )
        note = "；".join(x for x in (f"批准 {d.approved_by}" if d.approved_by else "", d.note) if x)
        row(
            "cash_count",
            d.desk,
            "合计",
            fens=(d.count.expected_fen, d.count.counted_fen, d.count.difference_fen),
            note=note,
        )
    return rows
