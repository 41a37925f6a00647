"""The cashier screen's sums, without Qt: what the selection comes to, and the tender preview.

Everything here composes the domain rules (``plan_tender``, ``cash_share``,
``round_cash``, ``make_change``) the way ``payments.collect`` applies them, so
that what the screen shows while the cashier types is what completing the
payment will record. Pure functions on ``int`` fen; no database, no widgets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from frontdesk.domain.change import ChangeResult, make_change
from frontdesk.domain.money import Denomination, format_fen, round_cash
from frontdesk.domain.tender import Tender, TenderPlan, cash_share, plan_tender
from frontdesk.errors import ValidationError
from frontdesk.services.billing import DueLine

CASH = "cash"


def change_phrase(change_fen: int) -> str:
    """The standard phrase when handing change (seed 000), with the amount."""
    return f"这是找您的零钱，共 {format_fen(change_fen)}，请清点。"


def pieces_text(pieces: Iterable[tuple[Denomination, int]]) -> str:
    """``50元×1、20元×1、1元(纸币)×2``: largest first, as given."""
    return "、".join(f"{d.label}×{n}" for d, n in pieces)


def pieces_lines(pieces: Iterable[tuple[Denomination, int]]) -> str:
    """One denomination per line, largest first: ``50元 × 1`` / ``20元 × 1`` / …"""
    return "\n".join(f"{d.label} × {n}" for d, n in pieces)


# ---------------------------------------------------------------- the selection


@dataclass(frozen=True)
class Selection:
    """The lines chosen for payment and what they come to.

    ``due_fen`` is bills + late fees + months ahead; ``cash_due_fen`` the same
    rounded to the cash unit, what a payment wholly in cash takes.
    """

    bill_ids: tuple[int, ...]
    bills_fen: int
    late_fees_fen: int
    ahead_fen: int
    due_fen: int
    cash_due_fen: int

    @property
    def empty(self) -> bool:
        return self.due_fen == 0


def select_lines(lines: Sequence[DueLine], chosen: set[int], cash_unit_fen: int) -> Selection:
    """Sum the open bills in ``chosen`` (by bill id) and every months-ahead line."""
    picked = [line for line in lines if line.ahead or line.bill_id in chosen]
    bills = sum(line.amount_fen for line in picked if not line.ahead)
    late = sum(line.late_fee_fen for line in picked)
    ahead = sum(line.amount_fen for line in picked if line.ahead)
    due = bills + late + ahead
    return Selection(
        bill_ids=tuple(line.bill_id for line in picked if line.bill_id is not None),
        bills_fen=bills,
        late_fees_fen=late,
        ahead_fen=ahead,
        due_fen=due,
        cash_due_fen=round_cash(due, cash_unit_fen),
    )


@dataclass(frozen=True)
class BreakdownRow:
    """Lines of one item at one standard, grouped so the standard can be explained.

    E.g. 物业管理费, ``2.50 ¥/m²/月 × 89.60 m² = 224.00``, 3 months
    (2026-01 … 2026-03), ¥672.00.
    """

    item: str
    standard: str
    months: int
    first_period: str
    last_period: str
    amount_fen: int
    late_fee_fen: int
    ahead: bool


def breakdown(lines: Iterable[DueLine]) -> list[BreakdownRow]:
    """Group lines by (item, standard, ahead), in the order they first appear."""
    groups: dict[tuple[str, str, bool], list[DueLine]] = {}
    for line in lines:
        groups.setdefault((line.item_name, line.standard, line.ahead), []).append(line)
    rows = []
    for (item, standard, ahead), members in groups.items():
        periods = sorted(m.period for m in members)
        rows.append(
            BreakdownRow(
                item=item,
                standard=standard,
                months=len(members),
                first_period=periods[0],
                last_period=periods[-1],
                amount_fen=sum(m.amount_fen for m in members),
                late_fee_fen=sum(m.late_fee_fen for m in members),
                ahead=ahead,
            )
        )
    return rows


# ---------------------------------------------------------------- the tender


@dataclass(frozen=True)
class TenderEntry:
    """One method line as the cashier typed it.

    For cash, ``amount_fen`` is what the owner handed over; for every other
    method, the exact amount charged on it.
    """

    method: str
    amount_fen: int
    reference: str = ""


@dataclass(frozen=True)
class _Due:
    due_fen: int
    prepay_balance_fen: int


@dataclass(frozen=True)
class TenderPreview:
    """What the typed tender would record, or why it cannot.

    ``error`` is the domain's message (Chinese) when the tender is refused;
    ``needs_drawer`` means cash is taken but no drawer is open at the desk.
    ``tenders`` and ``cash_tendered_fen`` are what goes into the
    ``PaymentRequest``. ``remaining_fen`` is what the entries leave unpaid.
    """

    tenders: tuple[Tender, ...] = ()
    cash_tendered_fen: int = 0
    plan: TenderPlan | None = None
    change: ChangeResult | None = None
    error: str = ""
    needs_drawer: bool = False
    remaining_fen: int = 0
    entries: tuple[TenderEntry, ...] = field(default=())

    @property
    def ready(self) -> bool:
        """True when completing the payment should succeed."""
        return self.plan is not None and not self.error and not self.needs_drawer

    @property
    def has_cash(self) -> bool:
        return any(e.method == CASH for e in self.entries)


def preview_tender(
    due_fen: int,
    prepay_balance_fen: int,
    entries: Sequence[TenderEntry],
    *,
    overpay_to_credit: bool,
    cash_unit_fen: int,
    max_fen: int,
    drawer: Mapping[Denomination, int] | None,
) -> TenderPreview:
    """Check the typed method lines against what is due, as ``collect`` will.

    Zero amounts count as not typed. The cash line's tender is the cash share
    (what the other methods leave, rounded to the cash unit) and its amount is
    the cash handed over. The change comes from what the drawer holds plus
    the notes received (the fewest pieces for the amount handed over), as in
    ``payments.collect``.

    Args:
        drawer: what the desk's open drawer holds, or None when no drawer is open.
    """
    kept = tuple(e for e in entries if e.amount_fen > 0)
    paid = sum(e.amount_fen for e in kept)
    remaining = max(0, due_fen - paid)
    if not kept:
        return TenderPreview(remaining_fen=remaining)
    others = sum(e.amount_fen for e in kept if e.method != CASH)
    cash = [e for e in kept if e.method == CASH]
    tenders: list[Tender] = []
    tendered = 0
    for entry in kept:
        if entry.method != CASH:
            tenders.append(Tender(entry.method, entry.amount_fen, entry.reference))
            continue
        rest = due_fen - others
        share = cash_share(due_fen, others, cash_unit_fen)
        # A share of zero would vanish from the plan: hand over what is left (or a
        # token fen) so that plan_tender explains why no cash is needed.
        tenders.append(Tender(CASH, share if share > 0 else max(rest, 1)))
        tendered += entry.amount_fen
    try:
        plan = plan_tender(
            _Due(due_fen, prepay_balance_fen),
            tenders,
            tendered,
            overpay_to_credit,
            cash_unit_fen,
            max_fen=max_fen,
        )
    except ValidationError as exc:
        return TenderPreview(
            tuple(tenders), tendered, error=str(exc), remaining_fen=remaining, entries=kept
        )
    change: ChangeResult | None = None
    if plan.has_cash:
        if drawer is None:
            return TenderPreview(
                tuple(tenders), tendered, plan, needs_drawer=True, remaining_fen=0, entries=kept
            )
        held = dict(drawer)
        for d, n in make_change(plan.tendered_fen).pieces:
            held[d] = held.get(d, 0) + n
        change = make_change(plan.change_fen, held)
        if not change.exact:
            return TenderPreview(
                tuple(tenders),
                tendered,
                plan,
                change,
                error=change.message,
                remaining_fen=0,
                entries=kept,
            )
    assert not cash or plan.has_cash
    return TenderPreview(tuple(tenders), tendered, plan, change, remaining_fen=0, entries=kept)
