"""Overdue-fee notices (催缴通知单) as one A4 PDF, one page per household.

For owners the calls could not reach: the estate, room and owner, every
overdue bill with its period and fee standard, the total, how to pay, and the
date. The content comes from :func:`frontdesk.services.calls.overdue_notices`;
amounts are formatted here, at the edge, from int fen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from frontdesk.errors import ValidationError
from frontdesk.printing import fonts
from frontdesk.printing.pdf_style import MARGIN, Styles, money, para, table, write_pdf, yuan
from frontdesk.services.calls import Notice

__all__ = ["HOW_TO_PAY", "notice_story", "overdue_notices_pdf"]

HOW_TO_PAY = (
    "缴费方式：请携带本通知单到物业服务中心前台缴纳（现金、微信、支付宝、银行卡均可），"
    "或致电物业服务中心预约上门收费。如您已缴清上述费用，请忽略本通知，并感谢您的支持。"
)


def notice_story(
    notice: Notice,
    s: Styles,
    width: float,
    *,
    estate_name: str,
    on: date,
    office_phone: str = "",
) -> list[Flowable]:
    """One household's notice as flowables (one page)."""
    story: list[Flowable] = [
        para(estate_name, s.subtitle),
        para("催缴通知单", s.title),
        Spacer(1, 4 * mm),
        table(
            [
                [para("房号", s.small), para(notice.room, s.strong)],
                [para("业主", s.small), para(notice.owners or "—", s.strong)],
            ],
            [20 * mm, width - 20 * mm],
            grid=False,
        ),
        Spacer(1, 3 * mm),
        para(
            f"尊敬的 {notice.owners or '业主'}：截至 {on.year} 年 {on.month} 月 {on.day} 日，"
            "您的以下费用已过缴费期限，尚未缴纳。明细如下：",
            s.body,
        ),
        Spacer(1, 2 * mm),
    ]
    header = ["收费项目", "账期", "收费标准", "应缴日期", "金额", "滞纳金"]
    rows: list[list[Any]] = [[para(h, s.body) for h in header]]
    for line in notice.lines:
        rows.append(
            [
                para(line.item, s.body),
                para(line.period, s.body),
                para(line.standard, s.small),
                para(line.due_date.isoformat(), s.body),
                para(yuan(line.amount_fen), s.right),
                para(yuan(line.late_fee_fen) if line.late_fee_fen else "", s.right),
            ]
        )
    rows.append(
        [para("合计", s.strong), "", "", "", para(money(notice.total_fen), s.strong_right), ""]
    )
    widths = [w * width for w in (0.17, 0.11, 0.34, 0.14, 0.13, 0.11)]
    story.append(table(rows, widths, header=True, extra=[("SPAN", (0, -1), (3, -1))]))
    story += [
        Spacer(1, 5 * mm),
        para(f"应缴合计：{money(notice.total_fen)}", s.strong),
        Spacer(1, 3 * mm),
        para(HOW_TO_PAY, s.body),
    ]
    if office_phone:
        story.append(para(f"物业服务中心电话：{office_phone}", s.body))
    story += [
        Spacer(1, 14 * mm),
        para(f"{estate_name} 物业服务中心", s.right),
        para(f"{on.year} 年 {on.month} 月 {on.day} 日", s.right),
    ]
    return story


def overdue_notices_pdf(
    notices: Sequence[Notice],
    path: Path,
    *,
    estate_name: str,
    on: date,
    office_phone: str = "",
) -> int:
    """Write the notices to ``path`` as A4, one page per household; returns the page count.

    Raises:
        ValidationError: no notices, or the file cannot be written.
    """
    if not notices:
        raise ValidationError("没有需要发催缴通知单的住户（没有欠费或未选择住户）。")
    font, _ = fonts.find_cjk_font()
    styles = Styles(font, base=10.5)
    width = A4[0] - 2 * MARGIN
    story: list[Flowable] = []
    for n, notice in enumerate(notices):
        if n:
            story.append(PageBreak())
        story += notice_story(
            notice, styles, width, estate_name=estate_name, on=on, office_phone=office_phone
        )
    write_pdf(path, A4, story, f"催缴通知单 {on.isoformat()}")
    return len(notices)
