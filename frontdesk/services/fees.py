"""Fee items (收费项目) and their rate history: a supervisor's actions.

A new rate applies from its effective date; bills already generated keep the
rate copied into them, so changing a rate never changes an existing bill.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from frontdesk.domain.fees import (
    KIND_LABELS,
    OFF,
    FeeError,
    LateFeePolicy,
    check_due_day,
    check_kind,
    check_late_fee,
    check_rate,
    rate_label,
    rate_on,
)
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.users import Actor, require
from frontdesk.storage.database import Database
from frontdesk.storage.models import FeeItem, FeeRate

_MAX_CODE = 32
_MAX_NAME = 64


@dataclass(frozen=True)
class RateInfo:
    """One entry of a fee item's rate history."""

    effective_from: date
    rate_fen: int
    created_by: str


@dataclass(frozen=True)
class FeeItemInfo:
    """A fee item as shown in lists, with its whole rate history (oldest first)."""

    id: int
    code: str
    name: str
    kind: str
    due_day: int
    active: bool
    late_fee: LateFeePolicy
    rates: tuple[RateInfo, ...]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def rate_on(self, on: date) -> int | None:
        """The rate in force on ``on`` (None before the first rate)."""
        return rate_on(((r.effective_from, r.rate_fen) for r in self.rates), on)

    def rate_text(self, on: date) -> str:
        """``2.50 ¥/m²/月`` in force on ``on``, or ``—``."""
        fen = self.rate_on(on)
        return "—" if fen is None else rate_label(self.kind, fen)


def policy_of(item: FeeItem) -> LateFeePolicy:
    """The late-fee policy stored on a fee item row."""
    return LateFeePolicy(
        enabled=item.late_fee_enabled,
        grace_days=item.late_fee_grace_days,
        daily_bp=item.late_fee_daily_bp,
        cap_percent=item.late_fee_cap_percent,
    )


def _info(item: FeeItem) -> FeeItemInfo:
    return FeeItemInfo(
        id=item.id,
        code=item.code,
        name=item.name,
        kind=item.kind,
        due_day=item.due_day,
        active=item.active,
        late_fee=policy_of(item),
        rates=tuple(RateInfo(r.effective_from, r.rate_fen, r.created_by) for r in item.rates),
    )


def _check_code(code: str) -> str:
    code = code.strip().upper()
    if (
        not code
        or len(code) > _MAX_CODE
        or not all(c.isascii() and (c.isalnum() or c in "-_") for c in code)
    ):
        raise ValidationError("收费项目代码只能包含字母、数字、- 和 _，长度 1–32，例如 WYF。")
    return code


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError("收费项目名称不能为空。")
    if len(name) > _MAX_NAME:
        raise ValidationError(f"收费项目名称太长（最多 {_MAX_NAME} 个字）。")
    return name


def add_fee_item(
    db: Database,
    actor: Actor,
    code: str,
    name: str,
    kind: str,
    rate_fen: int,
    *,
    effective_from: date,
    due_day: int = 15,
    late_fee: LateFeePolicy = OFF,
) -> FeeItemInfo:
    """Define a fee item with its first rate (supervisor).

    Raises:
        ValidationError: a bad code, name, kind, due day or late-fee setting, a
            rate of zero or less, or a code already in use.
        PermissionDenied: the actor is not a supervisor or administrator.
    """
    require(actor, "supervisor")
    code = _check_code(code)
    name = _check_name(name)
    try:
        check_kind(kind)
        check_rate(rate_fen)
        check_due_day(due_day)
        check_late_fee(late_fee)
    except FeeError as exc:
        raise ValidationError(str(exc)) from exc
    with db.begin() as s:
        if s.scalar(select(FeeItem.id).where(FeeItem.code == code)) is not None:
            raise ValidationError(f"收费项目代码 {code} 已存在；调整收费标准请用“设置新标准”。")
        item = FeeItem(
            code=code,
            name=name,
            kind=kind,
            due_day=due_day,
            late_fee_enabled=late_fee.enabled,
            late_fee_grace_days=late_fee.grace_days,
            late_fee_daily_bp=late_fee.daily_bp,
            late_fee_cap_percent=late_fee.cap_percent,
        )
        item.rates = [
            FeeRate(effective_from=effective_from, rate_fen=rate_fen, created_by=actor.staff_no)
        ]
        s.add(item)
        s.flush()
        audit.record(
            s,
            actor.staff_no,
            "fee.add",
            "fee_item",
            code,
            {
                "name": name,
                "kind": kind,
                "rate_fen": rate_fen,
                "from": effective_from.isoformat(),
                "due_day": due_day,
                "late_fee": _policy_details(late_fee),
            },
        )
        return _info(item)


def set_rate(
    db: Database, actor: Actor, code: str, rate_fen: int, *, effective_from: date
) -> FeeItemInfo:
    """Add a rate to a fee item's history, in force from ``effective_from`` (supervisor).

    Bills already generated keep their rate. Two rates may not start on the same day.

    Raises:
        ValidationError: unknown code, a rate of zero or less, or a rate that
            already starts on that day.
        PermissionDenied: the actor is not a supervisor or administrator.
    """
    require(actor, "supervisor")
    try:
        check_rate(rate_fen)
    except FeeError as exc:
        raise ValidationError(str(exc)) from exc
    with db.begin() as s:
        item = _get(s, code, lock=True)
        same_day = next((r for r in item.rates if r.effective_from == effective_from), None)
        if same_day is not None:
            raise ValidationError(
                f"{item.name}（{item.code}）已有从 {effective_from.isoformat()} 起的标准"
                f"（{rate_label(item.kind, same_day.rate_fen)}），请选择其他生效日期。"
            )
        previous = rate_on(((r.effective_from, r.rate_fen) for r in item.rates), effective_from)
        s.add(
            FeeRate(
                fee_item_id=item.id,
                effective_from=effective_from,
                rate_fen=rate_fen,
                created_by=actor.staff_no,
            )
        )
        s.flush()
        s.expire(item, ["rates"])
        audit.record(
            s,
            actor.staff_no,
            "fee.rate",
            "fee_item",
            item.code,
            {"rate_fen": rate_fen, "from": effective_from.isoformat(), "previous_fen": previous},
        )
        return _info(item)


def list_fee_items(db: Database, *, include_inactive: bool = True) -> list[FeeItemInfo]:
    """Every fee item with its rate history, by code."""
    with db.read() as s:
        query = select(FeeItem).options(selectinload(FeeItem.rates)).order_by(FeeItem.code)
        if not include_inactive:
            query = query.where(FeeItem.active)
        return [_info(item) for item in s.scalars(query)]


def get_fee_item(db: Database, code: str) -> FeeItemInfo:
    """One fee item by code. Raises ValidationError if there is none."""
    with db.read() as s:
        return _info(_get(s, code))


def ensure_demo_fees(db: Database, actor: Actor, *, today: date) -> None:
    """Create the demo's fee items if missing (safe to call again).

    物业管理费 ``WYF`` 2.50 ¥/m²/月 and 垃圾清运费 ``LJF`` 10.00 ¥/月, both from
    1 January of last year, due on the 15th, no late fee.
    """
    start = date(today.year - 1, 1, 1)
    existing = {info.code for info in list_fee_items(db)}
    if "WYF" not in existing:
        add_fee_item(db, actor, "WYF", "物业管理费", "area_monthly", 250, effective_from=start)
    if "LJF" not in existing:
        add_fee_item(db, actor, "LJF", "垃圾清运费", "fixed_monthly", 1000, effective_from=start)


def _get(s: Session, code: str, *, lock: bool = False) -> FeeItem:
    query = select(FeeItem).where(FeeItem.code == code.strip().upper())
    if lock:
        query = query.with_for_update()
    item = s.scalar(query)
    if item is None:
        raise ValidationError(f"没有代码为 {code.strip()} 的收费项目。")
    return item


def _policy_details(policy: LateFeePolicy) -> dict[str, object]:
    if not policy.enabled:
        return {"enabled": False}
    return {
        "enabled": True,
        "grace_days": policy.grace_days,
        "daily_bp": policy.daily_bp,
        "cap_percent": policy.cap_percent,
    }
