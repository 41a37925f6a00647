"""The change float planner, exhaustively: every due in jiao up to ¥1,000, and random days."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from frontdesk.domain.float_plan import FloatPlan, likely_tendered, plan_float
from frontdesk.domain.money import DENOMINATIONS, Denomination

ROUNDINGS = (10000, 5000)  # round up to the next ¥100, or ¥50
EVERY_JIAO = range(0, 100_000 + 1, 10)  # ¥0.00 … ¥1,000.00


def _sum(pieces: tuple[tuple[Denomination, int], ...]) -> int:
    return sum(d.value_fen * n for d, n in pieces)


def _check(plan: FloatPlan, dues: list[int], round_to: int) -> None:
    """Every invariant of a plan for ``dues``."""
    assert [line.due_fen for line in plan.lines] == dues
    total_pieces: Counter[Denomination] = Counter()
    for line in plan.lines:
        assert line.tendered_fen >= line.due_fen
        assert line.tendered_fen - line.due_fen < round_to
        assert line.tendered_fen % round_to == 0
        assert line.change_fen == line.tendered_fen - line.due_fen
        assert _sum(line.pieces) == line.change_fen
        assert all(n > 0 for _, n in line.pieces)
        total_pieces.update(dict(line.pieces))
    assert plan.total_fen == sum(line.tendered_fen - line.due_fen for line in plan.lines)
    assert _sum(plan.pieces) == plan.total_fen
    assert dict(plan.pieces) == dict(total_pieces)  # the pieces to take are the lines' pieces
    order = [DENOMINATIONS.index(d) for d, _ in plan.pieces]
    assert order == sorted(order) and all(n > 0 for _, n in plan.pieces)
    assert plan.due_fen == sum(dues)
    assert plan.piece_count == sum(total_pieces.values())


@pytest.mark.parametrize("round_to", ROUNDINGS)
def test_every_due_in_jiao_up_to_a_thousand_yuan(round_to: int) -> None:
    dues = list(EVERY_JIAO)
    _check(plan_float(dues, round_to_fen=round_to), dues, round_to)


@pytest.mark.parametrize("round_to", ROUNDINGS)
def test_every_due_alone(round_to: int) -> None:
    for due in EVERY_JIAO:
        plan = plan_float([due], round_to_fen=round_to)
        (line,) = plan.lines
        assert line.tendered_fen == likely_tendered(due, round_to)
        assert plan.total_fen == line.change_fen == _sum(plan.pieces)
        # Alone, the pieces to take are exactly that visit's change.
        assert plan.pieces == line.pieces


def test_known_amounts() -> None:
    plan = plan_float([23650, 44800, 30000, 0], round_to_fen=10000)
    assert [line.tendered_fen for line in plan.lines] == [30000, 50000, 30000, 0]
    assert [line.change_fen for line in plan.lines] == [6350, 5200, 0, 0]
    assert plan.total_fen == 11550
    plan50 = plan_float([23650, 44800], round_to_fen=5000)
    assert [line.change_fen for line in plan50.lines] == [1350, 200]


def test_random_days_of_visits() -> None:
    rng = random.Random(20260304)
    for _ in range(2000):
        round_to = rng.choice(ROUNDINGS)
        dues = [rng.randrange(0, 500_000, 10) for _ in range(rng.randint(1, 8))]
        _check(plan_float(dues, round_to_fen=round_to), dues, round_to)


def test_no_visits_no_float() -> None:
    plan = plan_float([], round_to_fen=10000)
    assert (plan.lines, plan.total_fen, plan.pieces, plan.piece_count) == ((), 0, (), 0)


@pytest.mark.parametrize(
    "dues",
    [
        [-10],  # negative
        [10000, -10],
        [12345],  # fen: round to the jiao first
        [1],
        [True],  # a bool is not an amount
        [False],
        [100.0],  # not an int
        ["100"],
    ],
)
def test_bad_amounts_are_refused(dues: list[object]) -> None:
    with pytest.raises(ValueError, match="amounts due"):
        plan_float(dues, round_to_fen=10000)  # type: ignore[arg-type]


@pytest.mark.parametrize("round_to", [0, -10000, 5050, 1, 99, 10010])
def test_bad_roundings_are_refused(round_to: int) -> None:
    with pytest.raises(ValueError, match="round_to_fen"):
        plan_float([10000], round_to_fen=round_to)


def test_likely_tendered_bad_input() -> None:
    with pytest.raises(ValueError, match="round_to_fen"):
        likely_tendered(100, 0)
    with pytest.raises(ValueError, match="due_fen"):
        likely_tendered(-1, 10000)
