"""The change float planner (备零钱): how much change to take on a day's home visits. Pure.

For each visit the owner is expected to hand over the amount due rounded up to
the next ``round_to_fen`` (100 yuan, or 50): a due of ¥236.50 is paid with
¥300 and needs ¥63.50 change. The notes received are not counted on as change
for later visits (the owner may pay exactly, and notes taken in stay in the
bag), so the float is the sum of each visit's change, and the pieces to take
are each visit's change broken into the fewest pieces, added up. The pieces
always sum to the float.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from frontdesk.domain.change import make_change
from frontdesk.domain.money import DENOMINATIONS, Denomination

__all__ = ["FloatLine", "FloatPlan", "likely_tendered", "plan_float"]


@dataclass(frozen=True)
class FloatLine:
    """One visit: the amount due, what the owner will likely hand over, and the change."""

    due_fen: int
    tendered_fen: int
    change_fen: int
    pieces: tuple[tuple[Denomination, int], ...]


@dataclass(frozen=True)
class FloatPlan:
    """The float for a set of visits: per-visit lines, the total and the pieces to take."""

    lines: tuple[FloatLine, ...]
    total_fen: int
    pieces: tuple[tuple[Denomination, int], ...]

    @property
    def due_fen(self) -> int:
        return sum(line.due_fen for line in self.lines)

    @property
    def piece_count(self) -> int:
        return sum(n for _, n in self.pieces)


def likely_tendered(due_fen: int, round_to_fen: int) -> int:
    """``due_fen`` rounded up to the next multiple of ``round_to_fen`` (itself if a multiple)."""
    if round_to_fen <= 0:
        raise ValueError("round_to_fen must be positive")
    if due_fen < 0:
        raise ValueError("due_fen must be >= 0")
    return -(-due_fen // round_to_fen) * round_to_fen


def plan_float(dues_fen: Sequence[int], *, round_to_fen: int = 10000) -> FloatPlan:
    """Plan the float for visits with these (cash-rounded, jiao) amounts due.

    Raises:
        ValueError: a negative amount, an amount with fen (round to the jiao
            first), or a rounding that is not a whole number of yuan.
    """
    if round_to_fen <= 0 or round_to_fen % 100:
        raise ValueError("round_to_fen must be a positive whole number of yuan in fen")
    lines = []
    totals: dict[Denomination, int] = {}
    for due in dues_fen:
        if isinstance(due, bool) or not isinstance(due, int) or due < 0:
            raise ValueError("amounts due must be non-negative int fen")
        if due % 10:
            raise ValueError("amounts due must be rounded to the jiao for cash")
        tendered = likely_tendered(due, round_to_fen)
        change = make_change(tendered - due)
        assert change.exact
        for d, n in change.pieces:
            totals[d] = totals.get(d, 0) + n
        lines.append(FloatLine(due, tendered, tendered - due, change.pieces))
    pieces = tuple((d, totals[d]) for d in DENOMINATIONS if totals.get(d))
    return FloatPlan(
        lines=tuple(lines),
        total_fen=sum(line.change_fen for line in lines),
        pieces=pieces,
    )
