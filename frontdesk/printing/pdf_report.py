"""The day-close report (日结报表) as PDF flowables; the content comes from ``domain.dayclose``."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from frontdesk.domain.dayclose import (
    MOVEMENT_LABELS,
    DayCloseReport,
    DrawerReport,
    ReversalLine,
    compress,
    difference_text,
)
from frontdesk.printing.pdf_style import RED, Styles, money, para, table, yuan
from frontdesk.storage.base import utcnow


def _scope(report: DayCloseReport) -> str:
    return report.desk if report.desk is not None else "全部前台"


def day_close_story(report: DayCloseReport, s: Styles, width: float) -> list[Flowable]:
    """The report: totals by method and fee item, receipt numbers, voids, refunds, drawers."""
    printed = utcnow().astimezone().strftime("%Y-%m-%d %H:%M")
    story: list[Flowable] = [
        para(f"日结报表  {report.on.isoformat()}", s.title),
        para(f"{_scope(report)}，打印时间 {printed}", s.center),
        Spacer(1, 4 * mm),
        table(
            [
                [
                    para("收款笔数", s.body),
                    para(str(report.payment_count), s.right),
                    para("收款合计", s.body),
                    para(money(report.total_fen), s.strong_right),
                ],
                [
                    para("作废", s.body),
                    para(f"{len(report.voids)} 笔", s.right),
                    para("作废金额", s.body),
                    para(money(report.voided_fen), s.right),
                ],
                [
                    para("退款", s.body),
                    para(f"{len(report.refunds)} 笔", s.right),
                    para("退款金额", s.body),
                    para(money(report.refunded_fen), s.right),
                ],
            ],
            [width * 0.2, width * 0.25, width * 0.2, width * 0.35],
        ),
    ]
    story += _methods(report, s, width)
    story += _items(report, s, width)
    story += _receipts(report, s, width)
    story += _reversals("作废", report.voids, s, width)
    story += _reversals("退款", report.refunds, s, width)
    story.append(para("钱箱", s.heading))
    if not report.drawers:
        story.append(para("当日没有开班记录。", s.body))
    for drawer in report.drawers:
        story.append(KeepTogether(_drawer(drawer, s, width)))
    story += [
        Spacer(1, 10 * mm),
        table(
            [[para("收费员签字：", s.body), para("主管签字：", s.body), para("日期：", s.body)]],
            [width / 3] * 3,
            grid=False,
        ),
    ]
    return story


def _methods(report: DayCloseReport, s: Styles, width: float) -> list[Flowable]:
    rows: list[list[Any]] = [[para(h, s.body) for h in ("收费方式", "笔数", "金额")]]
    rows += [
        [para(m.label, s.body), para(str(m.count), s.right), para(money(m.amount_fen), s.right)]
        for m in report.methods
    ]
    if not report.methods:
        rows.append([para("（无）", s.body), "", ""])
    return [
        para("按收费方式", s.heading),
        table(rows, [width * 0.5, width * 0.2, width * 0.3], header=True),
    ]


def _items(report: DayCloseReport, s: Styles, width: float) -> list[Flowable]:
    rows: list[list[Any]] = [[para(h, s.body) for h in ("收费项目", "项数", "金额", "其中滞纳金")]]
    for i in report.items:
        late = money(i.late_fee_fen) if i.late_fee_fen else ""
        rows.append(
            [
                para(i.name, s.body),
                para(str(i.count), s.right),
                para(money(i.total_fen), s.right),
                para(late, s.right),
            ]
        )
    if report.credit_added_fen:
        rows.append(
            [para("预存款转入", s.body), "", para(money(report.credit_added_fen), s.right), ""]
        )
    if report.rounding_fen:
        rows.append([para("现金取整", s.body), "", para(money(report.rounding_fen), s.right), ""])
    if len(rows) == 1:
        rows.append([para("（无）", s.body), "", "", ""])
    widths = [width * 0.4, width * 0.15, width * 0.25, width * 0.2]
    return [para("按收费项目", s.heading), table(rows, widths, header=True)]


def _receipts(report: DayCloseReport, s: Styles, width: float) -> list[Flowable]:
    rows: list[list[Any]] = [
        [para(h, s.body) for h in ("前台", "字头", "起始票据号", "截止票据号", "张数", "缺号")]
    ]
    extra: list[tuple[Any, ...]] = []
    for n, r in enumerate(report.receipts, start=1):
        gap = f"缺 {len(r.missing)} 个：{compress(r.missing)}" if r.missing else "连续无缺号"
        rows.append(
            [
                para(r.desk, s.body),
                para(r.label, s.body),
                para(r.first_no, s.body),
                para(r.last_no, s.body),
                para(str(r.count), s.right),
                para(gap, s.body),
            ]
        )
        if r.missing:
            extra.append(("TEXTCOLOR", (5, n), (5, n), RED))
    if not report.receipts:
        rows.append([para("（当日未开票据）", s.body), "", "", "", "", ""])
    widths = [width * f for f in (0.14, 0.12, 0.2, 0.2, 0.09, 0.25)]
    return [para("票据号", s.heading), table(rows, widths, header=True, extra=extra)]


def _reversals(
    title: str, lines: tuple[ReversalLine, ...], s: Styles, width: float
) -> list[Flowable]:
    total = sum(v.amount_fen for v in lines)
    story: list[Flowable] = [para(f"{title}：{len(lines)} 笔，{money(total)}", s.heading)]
    if not lines:
        return story
    rows: list[list[Any]] = [
        [
            para(h, s.small)
            for h in ("票据号", "房号", "金额", "现金", "原因", "经办", "批准", "时间")
        ]
    ]
    for v in lines:
        rows.append(
            [
                para(v.receipt_no, s.small),
                para(v.room, s.small),
                para(yuan(v.amount_fen), s.right),
                para("是" if v.cash else "", s.small),
                para(v.reason, s.small),
                para(v.by_staff_no, s.small),
                para(v.approved_by, s.small),
                para(v.at.astimezone().strftime("%m-%d %H:%M"), s.small),
            ]
        )
    widths = [width * f for f in (0.15, 0.12, 0.11, 0.06, 0.24, 0.09, 0.09, 0.14)]
    story.append(table(rows, widths, header=True))
    return story


def _drawer(d: DrawerReport, s: Styles, width: float) -> list[Flowable]:
    state = "已日结" if d.status == "closed" else "未日结"
    who = f"开班 {d.opened_by}" + (f"，日结 {d.closed_by}" if d.closed_by else "")
    out: list[Flowable] = [para(f"{d.desk}（{state}；{who}）", s.strong)]
    if d.movements:
        out.append(
            para("，".join(f"{MOVEMENT_LABELS[k]} {money(fen)}" for k, fen in d.movements), s.body)
        )
    rows: list[list[Any]]
    widths = [width * f for f in (0.25, 0.15, 0.15, 0.15, 0.3)]
    if d.count is None:
        rows = [[para(h, s.body) for h in ("面额", "应有张数", "", "", "应有金额")]]
        rows += [
            [
                para(den.label, s.body),
                para(str(n), s.right),
                "",
                "",
                para(money(n * den.value_fen), s.right),
            ]
            for den, n in d.expected
        ]
        rows.append(
            [para("合计（尚未清点）", s.body), "", "", "", para(money(d.expected_fen), s.right)]
        )
        out.append(table(rows, widths, header=True))
        return out
    rows = [[para(h, s.body) for h in ("面额", "应有", "实点", "差异", "差异金额")]]
    extra: list[tuple[Any, ...]] = []
    for n, c in enumerate(d.count.shown, start=1):
        diff = f"{c.difference:+d}" if c.difference else "0"
        rows.append(
            [
                para(c.denomination.label, s.body),
                para(str(c.expected), s.right),
                para(str(c.counted), s.right),
                para(diff, s.right),
                para(money(c.difference_fen) if c.difference else "", s.right),
            ]
        )
        if c.difference:
            extra.append(("TEXTCOLOR", (0, n), (-1, n), RED))
    rows.append(
        [
            para("合计", s.body),
            para(money(d.count.expected_fen), s.right),
            para(money(d.count.counted_fen), s.right),
            "",
            para(difference_text(d.count.difference_fen), s.right),
        ]
    )
    extra.append(("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.8, colors.black))
    out.append(table(rows, widths, header=True, extra=extra))
    notes = []
    if d.approved_by:
        notes.append(f"差额批准：{d.approved_by}")
    if d.note:
        notes.append(f"说明：{d.note}")
    if notes:
        out.append(para("；".join(notes), s.body))
    out.append(Spacer(1, 3 * mm))
    return out
