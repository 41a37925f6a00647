"""Matters (工单): kinds, categories, statuses, the allowed transitions and urgency.

A matter is a complaint (投诉), an enquiry (咨询), a repair report (报修) or a
phone message the office must act on (留言). It runs
``new → in_progress → resolved → called_back → closed``; a resolved, called-back
or closed matter may be reopened (back to ``in_progress``). Nothing here knows
about the database or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

KINDS: Final = ("complaint", "enquiry", "repair", "message")
KIND_LABELS: Final = {"complaint": "投诉", "enquiry": "咨询", "repair": "报修", "message": "留言"}
NUMBER_PREFIXES: Final = {"complaint": "TS", "enquiry": "ZX", "repair": "BX", "message": "LY"}

CHANNELS: Final = ("visit", "phone", "other")
CHANNEL_LABELS: Final = {"visit": "来访", "phone": "来电", "other": "其他"}

CATEGORIES: Final = (
    "fees",
    "repairs",
    "security",
    "cleaning",
    "parking",
    "noise",
    "renovation",
    "service",
    "other",
)
CATEGORY_LABELS: Final = {
    "fees": "收费",
    "repairs": "维修",
    "security": "安保",
    "cleaning": "环境卫生",
    "parking": "停车",
    "noise": "噪音",
    "renovation": "装修",
    "service": "服务态度",
    "other": "其他",
}

COMPLEXITIES: Final = ("simple", "complex")
COMPLEXITY_LABELS: Final = {"simple": "简单", "complex": "复杂"}

STATUSES: Final = ("new", "in_progress", "resolved", "called_back", "closed")
STATUS_LABELS: Final = {
    "new": "新建",
    "in_progress": "处理中",
    "resolved": "已解决",
    "called_back": "已回访",
    "closed": "已关闭",
}
OPEN_STATUSES: Final = frozenset({"new", "in_progress"})

SATISFACTIONS: Final = ("satisfied", "basically", "dissatisfied", "unreachable")
SATISFACTION_LABELS: Final = {
    "satisfied": "满意",
    "basically": "基本满意",
    "dissatisfied": "不满意",
    "unreachable": "联系不上",
}

# action → (statuses it may start from, status it leads to; None = unchanged)
TRANSITIONS: Final[dict[str, tuple[frozenset[str], str | None]]] = {
    "take": (frozenset({"new", "in_progress"}), "in_progress"),
    "assign": (frozenset({"new", "in_progress"}), None),
    "note": (frozenset({"new", "in_progress", "resolved", "called_back"}), None),
    "attend": (frozenset({"new", "in_progress"}), "in_progress"),
    "resolve": (frozenset({"new", "in_progress"}), "resolved"),
    "call_back": (frozenset({"resolved"}), "called_back"),
    "close": (frozenset({"resolved", "called_back"}), "closed"),
    "reopen": (frozenset({"resolved", "called_back", "closed"}), "in_progress"),
}
ACTION_LABELS: Final = {
    "created": "登记",
    "take": "接手",
    "assign": "转交",
    "note": "进展",
    "attend": "到场",
    "resolve": "解决",
    "call_back": "回访",
    "close": "关闭",
    "reopen": "重新打开",
}


class TransitionError(ValueError):
    """The action is not allowed from the matter's status (message in Chinese)."""


def next_status(status: str, action: str) -> str:
    """The status after ``action``.

    Raises:
        TransitionError: the action does not apply to a matter in ``status``.
    """
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise TransitionError(f"未知的操作“{action}”。")
    allowed, target = rule
    if status not in allowed:
        label = STATUS_LABELS.get(status, status)
        raise TransitionError(f"工单当前状态为“{label}”，不能{ACTION_LABELS.get(action, action)}。")
    return target or status


def allowed_actions(status: str) -> list[str]:
    """The actions a matter in ``status`` offers, in the order of ``TRANSITIONS``."""
    return [a for a, (allowed, _t) in TRANSITIONS.items() if status in allowed]


@dataclass(frozen=True)
class MatterPrefill:
    """What another screen already knows when it opens a new matter (e.g. a visit)."""

    visitor_visit_id: int | None = None
    contact_name: str = ""
    contact_phone: str = ""
    room_code: str = ""
    channel: str = "visit"
    kind: str = "enquiry"


def matter_number(kind: str, year: int, seq: int) -> str:
    """``TS2026-000123``: the kind's prefix, the year and a per-kind, per-year sequence."""
    return f"{NUMBER_PREFIXES[kind]}{year}-{seq:06d}"


# -- urgency ---------------------------------------------------------------

URGENCY_OVERDUE: Final = "overdue"
URGENCY_DUE_SOON: Final = "due_soon"
URGENCY_CALLBACK_OVERDUE: Final = "callback_overdue"
URGENCY_CALLBACK_DUE: Final = "callback_due"
URGENCY_ON_TIME: Final = "on_time"
URGENCY_WAITING: Final = "waiting"  # resolved, call-back not yet due
URGENCY_DONE: Final = "done"

_URGENCY_RANK: Final = {
    URGENCY_OVERDUE: 0,
    URGENCY_CALLBACK_OVERDUE: 1,
    URGENCY_DUE_SOON: 2,
    URGENCY_CALLBACK_DUE: 3,
    URGENCY_ON_TIME: 4,
    URGENCY_WAITING: 5,
    URGENCY_DONE: 6,
}


def urgency(
    status: str,
    deadline: datetime | None,
    callback_due: datetime | None,
    now: datetime,
    *,
    due_soon_seconds: float,
    callback_soon_seconds: float = 4 * 3600,
) -> str:
    """How urgent a matter is at ``now`` (all datetimes aware, or all naive).

    Open matters are overdue past their deadline and due soon within
    ``due_soon_seconds`` of it; resolved ones are judged by their call-back;
    called-back and closed ones are done.
    """
    if status in OPEN_STATUSES:
        if deadline is None:
            return URGENCY_ON_TIME
        left = (deadline - now).total_seconds()
        if left < 0:
            return URGENCY_OVERDUE
        return URGENCY_DUE_SOON if left <= due_soon_seconds else URGENCY_ON_TIME
    if status == "resolved" and callback_due is not None:
        left = (callback_due - now).total_seconds()
        if left < 0:
            return URGENCY_CALLBACK_OVERDUE
        return URGENCY_CALLBACK_DUE if left <= callback_soon_seconds else URGENCY_WAITING
    if status == "resolved":
        return URGENCY_WAITING
    return URGENCY_DONE


def urgency_key(
    level: str, deadline: datetime | None, callback_due: datetime | None
) -> tuple[int, float]:
    """Sort key: most urgent first, then the earliest time that matters."""
    moment = callback_due if level.startswith("callback") or level == URGENCY_WAITING else deadline
    return _URGENCY_RANK.get(level, 9), moment.timestamp() if moment is not None else float("inf")
