"""The matters summary (工单汇总) of a period as an A4 PDF."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from frontdesk.domain import matters as dm
from frontdesk.printing import fonts
from frontdesk.printing.pdf_style import MARGIN, Styles, para, table, write_pdf
from frontdesk.services.matter_summary import MatterSummary, SummaryLine
from frontdesk.storage.base import utcnow

HEADER = (
    "类型",
    "类别",
    "件数",
    "有效投诉",
    "未结",
    "已解决",
    "超时",
    "已回访",
    "满意",
    "不满意",
    "重开",
)


def _cells(line: SummaryLine, kind: str, category: str) -> list[str]:
    return [
        kind,
        category,
        str(line.total),
        str(line.valid) if line.kind in ("complaint", "") else "",
        str(line.open),
        str(line.resolved),
        str(line.late),
        str(line.called_back),
        str(line.satisfied),
        str(line.dissatisfied),
        str(line.reopened),
    ]


def summary_rows(summary: MatterSummary) -> list[list[str]]:
    """The table as text: each kind's categories, the kind's subtotal, then the total."""
    rows: list[list[str]] = []
    for kind in summary.kinds:
        for line in (x for x in summary.lines if x.kind == kind.kind):
            rows.append(
                _cells(line, dm.KIND_LABELS[kind.kind], dm.CATEGORY_LABELS.get(line.category, ""))
            )
        rows.append(_cells(kind, dm.KIND_LABELS[kind.kind], "小计"))
    rows.append(_cells(summary.total, "合计", ""))
    return rows


def matter_summary_story(summary: MatterSummary, s: Styles, width: float) -> list[Flowable]:
    printed = utcnow().astimezone().strftime("%Y-%m-%d %H:%M")
    story: list[Flowable] = [
        para("工单汇总（投诉、咨询、报修、留言）", s.title),
        para(
            f"{summary.start.isoformat()} 至 {summary.end.isoformat()}，打印时间 {printed}",
            s.center,
        ),
        Spacer(1, 4 * mm),
    ]
    body = [[para(h, s.small) for h in HEADER]]
    body += [[para(c, s.small) for c in row] for row in summary_rows(summary)]
    widths = [width * 0.08, width * 0.12] + [width * 0.08] * 9
    story.append(table(body, widths, header=True))
    story.append(Spacer(1, 4 * mm))
    outcomes = "，".join(f"{dm.STATUS_LABELS[k]} {v}" for k, v in summary.outcomes.items())
    story.append(para(f"处理状态：{outcomes or '无'}", s.body))
    sats = "，".join(f"{dm.SATISFACTION_LABELS[k]} {v}" for k, v in summary.satisfaction.items())
    story.append(para(f"回访满意度：{sats or '无'}", s.body))
    return story


def matter_summary_pdf(summary: MatterSummary, path: Path) -> None:
    """Write the summary as an A4 PDF.

    Raises:
        ValidationError: the file cannot be written.
    """
    font, _ = fonts.find_cjk_font()
    styles = Styles(font, base=9.5)
    width = A4[0] - 2 * MARGIN
    story = matter_summary_story(summary, styles, width)
    write_pdf(path, A4, story, f"工单汇总 {summary.start.isoformat()}–{summary.end.isoformat()}")
