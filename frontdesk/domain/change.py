"""Making change at the counter (找零): which pieces to hand back, largest first.

Cash is given in jiao at the finest, so the work is done in jiao units (10 fen). An amount
with fen in it (not a multiple of 10) can never be given exactly in cash: the result is
then not exact and its message asks the cashier to round to the jiao first
(:func:`frontdesk.domain.money.round_cash`).

With an unlimited supply the greedy choice is optimal, because the CNY system
(1-2-5 per decade) is canonical. With a real drawer (bounded counts) greedy can fail or
be suboptimal, so a dynamic programme finds the fewest pieces; see :func:`_fewest_pieces`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from math import gcd
from typing import Final

from frontdesk.domain.money import DENOMINATIONS, Denomination, format_fen

__all__ = ["ChangeResult", "make_change"]

_JIAO: Final = 10
_INF: Final = 1 << 62
# Distinct values in jiao, ascending; the 1-yuan note and coin share the value 10.
# _fewest_pieces relies on this exact list.
_VALUES: Final = (1, 5, 10, 50, 100, 200, 500, 1000)
assert tuple(sorted({d.value_fen // _JIAO for d in DENOMINATIONS})) == _VALUES


@dataclass(frozen=True)
class ChangeResult:
    """Breakdown of an amount of change.

    ``pieces`` is largest first with nonzero counts only and sums to ``total_fen``.
    ``exact`` means ``total_fen`` equals the change asked for; otherwise ``missing_fen``
    is what could not be given and ``message`` (Chinese, for the UI) says why.
    """

    pieces: tuple[tuple[Denomination, int], ...]
    total_fen: int
    exact: bool
    missing_fen: int
    message: str

    @property
    def piece_count(self) -> int:
        return sum(n for _, n in self.pieces)


def make_change(change_fen: int, drawer: Mapping[Denomination, int] | None = None) -> ChangeResult:
    """Break ``change_fen`` into the fewest cash pieces.

    ``drawer`` maps denominations to the counts available; ``None`` means unlimited supply
    (then the 1-yuan coin is never used: notes are preferred). When the exact amount cannot
    be given, the result is the largest amount not above it, again with the fewest pieces.
    Among equally short breakdowns the one with more of the larger pieces wins (the 1-yuan
    note before the coin), so results are deterministic.
    """
    if isinstance(change_fen, bool) or not isinstance(change_fen, int):
        raise TypeError("change_fen must be int fen")
    if change_fen < 0:
        raise ValueError("change_fen must be >= 0")
    target = change_fen // _JIAO
    if drawer is None:
        counts = _greedy(target)
    else:
        available = [drawer.get(d, 0) for d in DENOMINATIONS]
        if any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in available):
            raise ValueError("drawer counts must be non-negative integers")
        counts = _bounded(target, available)
    pieces = tuple((d, n) for d, n in zip(DENOMINATIONS, counts, strict=True) if n)
    total = sum(d.value_fen * n for d, n in pieces)
    return ChangeResult(
        pieces=pieces,
        total_fen=total,
        exact=total == change_fen,
        missing_fen=change_fen - total,
        message=_message(change_fen, pieces, total),
    )


def _greedy(target: int) -> list[int]:
    counts = []
    for d in DENOMINATIONS:  # the 1-yuan note comes first, so the coin gets nothing
        n, target = divmod(target, d.value_fen // _JIAO)
        counts.append(n)
    return counts


def _bounded(target: int, available: list[int]) -> list[int]:
    """Counts per DENOMINATIONS entry, fewest pieces for the largest reachable sum <= target."""
    in_drawer = sum(d.value_fen // _JIAO * n for d, n in zip(DENOMINATIONS, available, strict=True))
    if in_drawer <= target:
        return list(available)  # everything in the drawer is the best (or only) answer
    by_value = dict.fromkeys(_VALUES, 0)
    for d, n in zip(DENOMINATIONS, available, strict=True):
        by_value[d.value_fen // _JIAO] += n
    caps = [min(by_value[v], target // v) for v in _VALUES]
    used = dict(zip(_VALUES, _fewest_pieces(_best_reachable(target, caps), caps), strict=True))
    counts = []
    for d, n in zip(DENOMINATIONS, available, strict=True):
        take = min(n, used[d.value_fen // _JIAO])  # note first, then coin
        used[d.value_fen // _JIAO] -= take
        counts.append(take)
    return counts


def _best_reachable(target: int, caps: list[int]) -> int:
    """Largest sum <= target reachable with the capped counts (bounded subset sum).

    Bitset in a Python int; counts are split in powers of two so each copy count is covered.
    """
    mask = (1 << (target + 1)) - 1
    reach = 1
    for v, cap in zip(_VALUES, caps, strict=True):
        chunk = 1
        while cap > 0:
            take = min(chunk, cap)
            reach |= (reach << (take * v)) & mask
            cap -= take
            chunk *= 2
    return reach.bit_length() - 1


def _fewest_pieces(target: int, caps: list[int]) -> list[int]:
    """Counts per value in ``_VALUES`` summing exactly to ``target`` with the fewest pieces.

    ``target`` must be reachable. A DP over S_i, the sum of the pieces below ``_VALUES[i]``,
    kept small by an exchange lemma. For w = 5 jiao … 20 yuan (indices 1-5) the smaller
    values are a divisibility chain of divisors of w, so smaller pieces summing to at least
    w contain two or more pieces summing to exactly w (add them largest first: the running
    sum never jumps over w). In an optimal answer, then, if a piece of w stays in the
    drawer, the pieces below w sum to less than w. Hence, for i <= 5:

    * the count of ``_VALUES[i]`` is either all of them or ``S_{i+1} // _VALUES[i]``;
    * S_i is below 200, or equals S_6 minus all the drawer holds of values i..5.

    S_6 and S_7 must be ≡ target modulo 500 and 1000, so every table has at most about
    target/500 + 40 entries. The 50-yuan layer takes a sliding-window minimum (bounded
    count); the 100-yuan count is scanned. Walking back down from 100 yuan, each value takes
    the most pieces that still allow the optimum, which gives the tie-break.
    """
    values, top = _VALUES, len(_VALUES) - 1
    limits = [0]  # limits[i]: largest possible S_i
    for v, cap in zip(values, caps, strict=True):
        limits.append(limits[-1] + v * cap)
    below_500 = range(target % 500, min(target, limits[top - 1]) + 1, 500)  # S_6 candidates
    tables: list[dict[int, int]] = [{0: 0}]  # tables[i][S_i] = fewest pieces
    for i in range(top - 1):  # add _VALUES[i], giving the table of S_{i+1}
        v, cap, prev = values[i], caps[i], tables[i]
        candidates: Iterable[int] = below_500
        if i + 1 < top - 1:
            step = gcd(*values[i + 1 :])
            rest = sum(values[j] * caps[j] for j in range(i + 1, top - 1))
            candidates = {s - rest for s in below_500 if s >= rest}
            candidates.update(range(target % step, min(200, limits[i + 1] + 1), step))
        table = {}
        for s in candidates:
            options = [prev[s - k * v] + k for k in {s // v, cap} if k <= cap and s - k * v in prev]
            if options:
                table[s] = min(options)
        tables.append(table)
    # 50 yuan: S_7 = S_6 + 500 k, k <= cap; sliding-window minimum along the chain of S_6.
    table, cap, window = {}, caps[top - 1], deque[tuple[int, int]]()
    for j, s in enumerate(range(target % 500, min(target, limits[top]) + 1, 500)):
        if s in tables[top - 1]:
            key = tables[top - 1][s] - j
            while window and window[-1][1] >= key:
                window.pop()
            window.append((j, key))
        while window and window[0][0] < j - cap:
            window.popleft()
        if window and (target - s) % 1000 == 0:
            table[s] = window[0][1] + j
    tables.append(table)

    counts = [0] * len(values)
    s, best = target, _INF
    for i in range(top, -1, -1):
        v, cap, table = values[i], caps[i], tables[i]
        ks: Iterable[int] = range(min(cap, s // v), -1, -1)
        if i < top - 1:
            ks = sorted({s // v, cap}, reverse=True)
        choices = [(table[s - k * v] + k, k) for k in ks if k <= cap and s - k * v in table]
        if i == top:
            best = min(pieces for pieces, _ in choices)
        counts[i] = next(k for pieces, k in choices if pieces == best)  # most pieces of v
        best -= counts[i]
        s -= counts[i] * v
    return counts


def _message(change_fen: int, pieces: tuple[tuple[Denomination, int], ...], total: int) -> str:
    breakdown = "、".join(f"{d.label}×{n}" for d, n in pieces)
    if change_fen == 0:
        return "无需找零。"
    if total == change_fen:
        return f"找零 {format_fen(change_fen)}：{breakdown}。"
    fen_part = change_fen % _JIAO
    short = change_fen - fen_part - total
    head = f"无法找零 {format_fen(change_fen)}"
    details = []
    if short:
        head = "钱箱零钱不足，" + head
        lacking = []
        rest = short // _JIAO
        for v in reversed(_VALUES):
            if rest >= v:
                lacking.append(f"{v // 10}元" if v >= 10 else f"{v}角")
                rest %= v
        details.append(f"还差 {format_fen(short)}，缺少 {'、'.join(lacking)}")
    if fen_part:
        details.append(f"其中 {fen_part} 分无法用现金找付（现金只到角，请先按角取整）")
    message = f"{head}：{'；'.join(details)}。"
    if pieces:
        message += f"最多可找 {format_fen(total)}：{breakdown}。"
    return message
