"""Money parsing/formatting, cash rounding, denominations and change-making."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk.domain import change as change_module
from frontdesk.domain.money import (
    CASH_DENOMINATIONS,
    COIN_1_YUAN,
    DEFAULT_MAX_FEN,
    DENOMINATIONS,
    NOTE_1_YUAN,
    ChangeResult,
    Denomination,
    MoneyError,
    denomination,
    fen_to_yuan_str,
    format_fen,
    make_change,
    parse_amount,
    parse_pieces,
    pieces_total,
    round_cash,
)

Y100, Y50, Y20, Y10, Y5 = (denomination(v * 100) for v in (100, 50, 20, 10, 5))
J5, J1 = denomination(50), denomination(10)

# ---------------------------------------------------------------- parse_amount


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("0", 0),
        ("0.00", 0),
        ("12", 1200),
        ("1234.5", 123450),
        ("1234.50", 123450),
        ("1,234.50", 123450),
        ("123,456.78", 12345678),
        ("1,000", 100000),
        ("¥12", 1200),
        ("￥12", 1200),
        ("¥ 12.30", 1230),
        ("12元", 1200),
        ("12.5 元", 1250),
        ("¥12元", 1200),
        ("１２３．５", 12350),
        ("１，２３４．５０", 123450),
        ("￥１２", 1200),
        ("  12  ", 1200),
        ("\u300012\u3000", 1200),
        ("\t12\n", 1200),
        ("0.01", 1),
        (".5", 50),
        ("12.", 1200),
        ("007", 700),
        ("1000000", DEFAULT_MAX_FEN),
        ("1,000,000.00", DEFAULT_MAX_FEN),
    ],
)
def test_parse_amount_accepts(text: str, fen: int) -> None:
    assert parse_amount(text) == fen


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("\u3000", "empty"),
        ("¥", "empty"),
        ("元", "empty"),
        ("12a", "not_a_number"),
        ("abc", "not_a_number"),
        ("1.2.3", "not_a_number"),
        ("1,23,4", "not_a_number"),
        ("12,34", "not_a_number"),
        ("1234,5", "not_a_number"),
        (",123", "not_a_number"),
        ("1 234", "not_a_number"),
        ("--5", "not_a_number"),
        ("-", "not_a_number"),
        ("+5", "not_a_number"),
        ("NaN", "not_a_number"),
        ("nan", "not_a_number"),
        ("Infinity", "not_a_number"),
        ("inf", "not_a_number"),
        ("1e3", "not_a_number"),
        (".", "not_a_number"),
        ("12元5角", "not_a_number"),
        ("٣", "not_a_number"),  # a digit, but not one a cashier types
        ("1.234", "too_many_decimals"),
        ("0.001", "too_many_decimals"),
        ("1.200", "too_many_decimals"),
        ("-5", "negative"),
        ("－5", "negative"),
        ("−5", "negative"),
        ("-¥5", "negative"),
        ("¥-5", "negative"),
        ("-0", "negative"),
        ("-1.234", "negative"),
        ("1000000.01", "too_large"),
        ("9" * 5000, "too_large"),
    ],
)
def test_parse_amount_rejects(text: str, reason: str) -> None:
    with pytest.raises(MoneyError) as info:
        parse_amount(text)
    assert info.value.reason == reason
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert message and message == info.value.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)  # Chinese, for the UI


def test_parse_amount_messages_say_what_is_wrong() -> None:
    def message(text: str, **kwargs: int) -> str:
        with pytest.raises(MoneyError) as info:
            parse_amount(text, **kwargs)
        return str(info.value)

    assert "请输入金额" in message(" ")
    assert "12a" in message("12a")
    assert "两位小数" in message("1.234")
    assert "负数" in message("-5")
    assert "¥1,000,000.00" in message("2000000")
    assert "¥500.00" in message("500.01", max_fen=50000)


def test_parse_amount_max_fen() -> None:
    assert parse_amount("500", max_fen=50000) == 50000
    assert parse_amount("0", max_fen=0) == 0
    with pytest.raises(MoneyError) as info:
        parse_amount("0.01", max_fen=0)
    assert info.value.reason == "too_large"
    assert parse_amount("12345678901234567890", max_fen=10**30) == 1234567890123456789000
    with pytest.raises(ValueError):
        parse_amount("1", max_fen=-1)


@settings(deadline=None, max_examples=200)
@given(st.integers(0, DEFAULT_MAX_FEN))
def test_formatting_round_trips(fen: int) -> None:
    assert parse_amount(format_fen(fen)) == fen
    assert parse_amount(format_fen(fen, symbol="")) == fen
    assert parse_amount(fen_to_yuan_str(fen)) == fen


# ---------------------------------------------------------------- formatting, rounding


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "¥0.00"),
        (5, "¥0.05"),
        (50, "¥0.50"),
        (1200, "¥12.00"),
        (123450, "¥1,234.50"),
        (DEFAULT_MAX_FEN, "¥1,000,000.00"),
        (-1200, "-¥12.00"),
        (-5, "-¥0.05"),
    ],
)
def test_format_fen(fen: int, text: str) -> None:
    assert format_fen(fen) == text


def test_format_fen_symbol_and_yuan_str() -> None:
    assert format_fen(123450, symbol="") == "1,234.50"
    assert format_fen(-123450, symbol="") == "-1,234.50"
    assert format_fen(123450, symbol="RMB ") == "RMB 1,234.50"
    assert fen_to_yuan_str(123450) == "1234.50"
    assert fen_to_yuan_str(123456789) == "1234567.89"
    assert fen_to_yuan_str(5) == "0.05"
    assert fen_to_yuan_str(0) == "0.00"
    assert fen_to_yuan_str(-1200) == "-12.00"


@pytest.mark.parametrize("bad", [12.5, True, "12"])
def test_fen_must_be_int(bad: object) -> None:
    with pytest.raises(TypeError):
        format_fen(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        round_cash(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fen", "unit", "rounded"),
    [
        (0, 10, 0),
        (4, 10, 0),
        (5, 10, 10),
        (1234, 10, 1230),
        (1235, 10, 1240),
        (1299, 10, 1300),
        (-5, 10, -10),
        (-4, 10, 0),
        (1234, 1, 1234),
        (1249, 100, 1200),
        (1250, 100, 1300),
        (-1250, 100, -1300),
    ],
)
def test_round_cash(fen: int, unit: int, rounded: int) -> None:
    assert round_cash(fen, unit) == rounded


def test_round_cash_default_is_jiao_and_units_are_checked() -> None:
    assert round_cash(1235) == 1240
    for unit in (0, 5, 50, -10):
        with pytest.raises(ValueError):
            round_cash(100, unit)


@settings(deadline=None, max_examples=200)
@given(st.integers(-(10**9), 10**9), st.sampled_from([1, 10, 100]))
def test_round_cash_properties(fen: int, unit: int) -> None:
    rounded = round_cash(fen, unit)
    assert rounded % unit == 0
    assert 2 * abs(rounded - fen) <= unit
    assert round_cash(-fen, unit) == -rounded
    assert round_cash(rounded, unit) == rounded


# ---------------------------------------------------------------- denominations


def test_denominations() -> None:
    assert CASH_DENOMINATIONS == (10000, 5000, 2000, 1000, 500, 100, 50, 10)
    assert [d.label for d in DENOMINATIONS] == [
        "100元", "50元", "20元", "10元", "5元", "1元(纸币)", "1元(硬币)", "5角", "1角",
    ]  # fmt: skip
    assert [d.kind for d in DENOMINATIONS] == ["note"] * 6 + ["coin"] * 3
    assert sorted({d.value_fen for d in DENOMINATIONS}, reverse=True) == list(CASH_DENOMINATIONS)
    assert DENOMINATIONS[5] == NOTE_1_YUAN and DENOMINATIONS[6] == COIN_1_YUAN
    assert denomination(100) == NOTE_1_YUAN and denomination(100, "coin") == COIN_1_YUAN
    assert denomination(50) == Denomination(50, "coin") and str(J5) == "5角"
    assert len(set(DENOMINATIONS)) == 9
    for value_fen, kind in [(200, "note"), (50, "note"), (500, "coin"), (100, "paper")]:
        with pytest.raises(ValueError):
            Denomination(value_fen, kind)  # type: ignore[arg-type]


def test_pieces_total() -> None:
    assert pieces_total({}) == 0
    assert pieces_total({Y100: 2, NOTE_1_YUAN: 1, COIN_1_YUAN: 2, J5: 1, J1: 3}) == 20380


# ---------------------------------------------------------------- parse_pieces


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {}),
        ("  ", {}),
        ("2×100", {Y100: 2}),
        ("2x100 1x50", {Y100: 2, Y50: 1}),
        ("100*2, 0.5*3", {Y100: 2, J5: 3}),
        ("2X100，1×50、3*0.1; 4 × 5", {Y100: 2, Y50: 1, Y5: 4, J1: 3}),
        ("2 x 100", {Y100: 2}),
        ("1x1", {NOTE_1_YUAN: 1}),
        ("3x1", {NOTE_1_YUAN: 3}),
        ("1c×4", {COIN_1_YUAN: 4}),
        ("4×1c 2×1", {COIN_1_YUAN: 4, NOTE_1_YUAN: 2}),
        ("1硬币×2", {COIN_1_YUAN: 2}),
        ("1元硬币×2 1元纸币x3", {COIN_1_YUAN: 2, NOTE_1_YUAN: 3}),
        ("5角×2 1角x7", {J5: 2, J1: 7}),
        ("¥20x3", {Y20: 3}),
        ("10元×5", {Y10: 5}),
        ("5×10元", {Y10: 5}),
        ("10张×5", {Y5: 10}),
        ("50张×1", {NOTE_1_YUAN: 50}),
        ("1x50", {Y50: 1}),  # both sides are face values: the larger one is the value
        ("5x10", {Y10: 5}),
        ("2x100 3x100", {Y100: 5}),
        ("0x100 1x10", {Y10: 1}),
        ("２×１００", {Y100: 2}),
        ("0.10x2", {J1: 2}),
    ],
)
def test_parse_pieces(text: str, expected: dict[Denomination, int]) -> None:
    result = parse_pieces(text)
    assert result == expected
    assert list(result) == [d for d in DENOMINATIONS if d in result]  # largest first


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("100", "not_a_number"),
        ("2x3", "not_a_number"),
        ("2x100x3", "not_a_number"),
        ("ax100", "not_a_number"),
        ("2.5x100", "not_a_number"),
        ("-2x100", "not_a_number"),
        ("2x200", "not_a_number"),
        ("5cx2", "not_a_number"),
        ("100纸币x0.5", "not_a_number"),
        ("10元x5元", "not_a_number"),
        ("3张x4张", "not_a_number"),
        ("0.05x3", "not_a_number"),
        ("2x100 oops", "not_a_number"),
        ("1000000x100", "too_large"),
        ("9" * 5000 + "x100", "too_large"),
    ],
)
def test_parse_pieces_rejects(text: str, reason: str) -> None:
    with pytest.raises(MoneyError) as info:
        parse_pieces(text)
    assert info.value.reason == reason
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(info.value))


# ---------------------------------------------------------------- make_change: examples


def _as_dict(result: ChangeResult) -> dict[Denomination, int]:
    return dict(result.pieces)


def test_change_unlimited_examples() -> None:
    result = make_change(3760)
    assert result.pieces == ((Y20, 1), (Y10, 1), (Y5, 1), (NOTE_1_YUAN, 2), (J5, 1), (J1, 1))
    assert result.exact and result.total_fen == 3760 and result.missing_fen == 0
    assert result.piece_count == 7
    assert result.message == "找零 ¥37.60：20元×1、10元×1、5元×1、1元(纸币)×2、5角×1、1角×1。"
    assert _as_dict(make_change(18880)) == {Y100: 1, Y50: 1, Y20: 1, Y10: 1, Y5: 1, NOTE_1_YUAN: 3,
                                            J5: 1, J1: 3}  # fmt: skip


def test_change_zero_and_negative() -> None:
    zero = make_change(0)
    assert zero == make_change(0, {}) == make_change(0, {Y100: 3})
    assert zero.pieces == () and zero.exact and zero.total_fen == 0 and zero.missing_fen == 0
    assert zero.message == "无需找零。"
    with pytest.raises(ValueError):
        make_change(-10)
    with pytest.raises(ValueError):
        make_change(10, {J1: -1})
    with pytest.raises(TypeError):
        make_change(10.0)  # type: ignore[arg-type]


def test_change_with_fen_cannot_be_exact() -> None:
    result = make_change(3767)
    assert not result.exact
    assert result.total_fen == 3760 and result.missing_fen == 7
    assert "7 分" in result.message and "按角取整" in result.message
    tiny = make_change(7, {J1: 5})
    assert tiny.pieces == () and tiny.missing_fen == 7 and not tiny.exact


def test_change_drawer_short_of_small_coins() -> None:
    result = make_change(30, {J5: 3, Y100: 10})
    assert result.pieces == () and not result.exact and result.missing_fen == 30
    assert result.message == "钱箱零钱不足，无法找零 ¥0.30：还差 ¥0.30，缺少 1角。"
    partial = make_change(80, {J5: 1, J1: 2})
    assert _as_dict(partial) == {J5: 1, J1: 2} and partial.missing_fen == 10
    assert "缺少 1角" in partial.message and "最多可找 ¥0.70" in partial.message
    both = make_change(87, {J5: 1})
    assert both.total_fen == 50 and both.missing_fen == 37
    assert "钱箱零钱不足" in both.message and "7 分" in both.message


def test_change_bounded_beats_greedy() -> None:
    # Greedy would take the 50 and then be stuck (or use 100 jiao coins).
    assert _as_dict(make_change(6000, {Y50: 1, Y20: 3})) == {Y20: 3}
    assert _as_dict(make_change(6000, {Y50: 1, Y20: 3, J1: 100})) == {Y20: 3}
    assert _as_dict(make_change(60, {J5: 1, J1: 0, COIN_1_YUAN: 2})) == {J5: 1}
    assert _as_dict(make_change(800, {Y5: 1, NOTE_1_YUAN: 1, J5: 6})) == {Y5: 1, NOTE_1_YUAN: 1,
                                                                          J5: 4}  # fmt: skip
    # Everything in the drawer is exactly the change, or less than it.
    drawer = {Y10: 1, J5: 3, J1: 2}
    assert _as_dict(make_change(1170, drawer)) == drawer
    assert make_change(1170, drawer).exact
    short = make_change(5000, drawer)
    assert _as_dict(short) == drawer and short.missing_fen == 5000 - 1170


def test_change_prefers_notes_over_one_yuan_coins() -> None:
    assert _as_dict(make_change(300)) == {NOTE_1_YUAN: 3}
    assert _as_dict(make_change(300, {NOTE_1_YUAN: 1, COIN_1_YUAN: 5})) == {
        NOTE_1_YUAN: 1,
        COIN_1_YUAN: 2,
    }
    assert _as_dict(make_change(300, {COIN_1_YUAN: 5})) == {COIN_1_YUAN: 3}
    # Equal piece counts: more of the larger pieces wins (50 + 5 + 5 over 20 + 20 + 20).
    assert _as_dict(make_change(6000, {Y50: 1, Y20: 3, Y5: 2})) == {Y50: 1, Y5: 2}
    assert _as_dict(make_change(6000, {Y50: 1, Y20: 3, Y5: 1})) == {Y20: 3}


def test_change_is_reexported() -> None:
    assert make_change is change_module.make_change
    assert ChangeResult is change_module.ChangeResult


# ---------------------------------------------------------------- make_change: brute force


def _brute_force(change_fen: int, drawer: Mapping[Denomination, int]) -> tuple[int, ...]:
    """Exhaustive: every combination of the drawer's pieces not above the change.

    Returns the counts per DENOMINATIONS entry of the best one: largest sum, then fewest
    pieces, then most of the larger pieces.
    """
    best: tuple[int, int, tuple[int, ...]] = (0, 0, (0,) * len(DENOMINATIONS))

    def walk(i: int, remaining: int, counts: tuple[int, ...]) -> None:
        nonlocal best
        if i == len(DENOMINATIONS):
            key = (change_fen - remaining, -sum(counts), counts)
            best = max(best, key)
            return
        value = DENOMINATIONS[i].value_fen
        for k in range(min(drawer.get(DENOMINATIONS[i], 0), remaining // value) + 1):
            walk(i + 1, remaining - k * value, (*counts, k))

    walk(0, change_fen, ())
    return best[2]


def _counts(result: ChangeResult) -> tuple[int, ...]:
    pieces = dict(result.pieces)
    return tuple(pieces.get(d, 0) for d in DENOMINATIONS)


def _check(result: ChangeResult, change_fen: int, drawer: Mapping[Denomination, int]) -> None:
    assert [d for d, _ in result.pieces] == [d for d in DENOMINATIONS if d in dict(result.pieces)]
    assert all(n > 0 for _, n in result.pieces)
    assert pieces_total(dict(result.pieces)) == result.total_fen
    assert all(n <= drawer.get(d, 0) for d, n in result.pieces)
    assert result.total_fen + result.missing_fen == change_fen
    assert result.exact == (result.missing_fen == 0)
    assert result.message


small_drawers = st.dictionaries(st.sampled_from(DENOMINATIONS), st.integers(0, 4))
cash_amounts = st.one_of(st.integers(0, 300).map(lambda j: j * 10), st.integers(0, 3000))


@settings(deadline=None, max_examples=250)
@given(cash_amounts, small_drawers)
def test_change_matches_exhaustive_search(change_fen: int, drawer: dict[Denomination, int]) -> None:
    result = make_change(change_fen, drawer)
    _check(result, change_fen, drawer)
    # Exact whenever exact is possible, fewest pieces, deterministic tie-break.
    assert _counts(result) == _brute_force(change_fen, drawer)


@functools.cache
def _reference_fewest(counts: tuple[int, ...], i: int, remaining: int) -> int:
    """Fewest pieces summing exactly to ``remaining`` from DENOMINATIONS[i:] (10**9 if none)."""
    if remaining == 0:
        return 0
    if i == len(DENOMINATIONS):
        return 10**9
    value = DENOMINATIONS[i].value_fen
    return min(
        k + _reference_fewest(counts, i + 1, remaining - k * value)
        for k in range(min(counts[i], remaining // value) + 1)
    )


@settings(deadline=None, max_examples=60)
@given(
    st.integers(0, 1200).map(lambda j: j * 10),
    st.lists(st.integers(0, 15), min_size=len(DENOMINATIONS), max_size=len(DENOMINATIONS)),
)
def test_change_matches_reference_on_larger_drawers(change_fen: int, counts: list[int]) -> None:
    drawer = dict(zip(DENOMINATIONS, counts, strict=True))
    result = make_change(change_fen, drawer)
    _check(result, change_fen, drawer)
    key = tuple(counts)
    if _reference_fewest(key, 0, change_fen) < 10**9:
        assert result.exact
        assert result.piece_count == _reference_fewest(key, 0, change_fen)
    else:
        assert not result.exact
        # The amount given is the largest reachable one, with the fewest pieces.
        for missing in range(10, result.missing_fen + 1, 10):
            assert _reference_fewest(key, 0, change_fen - result.missing_fen + missing) >= 10**9
        assert result.piece_count == _reference_fewest(key, 0, result.total_fen)
    _reference_fewest.cache_clear()


def test_unlimited_greedy_is_optimal() -> None:
    # Unbounded coin-change DP over every cash amount up to ¥300, in jiao.
    values = [d.value_fen // 10 for d in DENOMINATIONS]
    fewest = [0] + [10**9] * 3000
    for amount in range(1, 3001):
        fewest[amount] = 1 + min(fewest[amount - v] for v in values if v <= amount)
    plenty = dict.fromkeys(DENOMINATIONS, 3000)
    for amount in range(3001):
        result = make_change(amount * 10)
        assert result.exact and result.piece_count == fewest[amount]
        assert COIN_1_YUAN not in dict(result.pieces)
        assert make_change(amount * 10, plenty).pieces == result.pieces


@settings(deadline=None, max_examples=100)
@given(st.integers(0, DEFAULT_MAX_FEN))
def test_unlimited_change_properties(change_fen: int) -> None:
    result = make_change(change_fen)
    _check(result, change_fen, dict.fromkeys(DENOMINATIONS, change_fen))
    assert result.missing_fen == change_fen % 10
    # Below 100 yuan, greedy change never needs more than four of a piece.
    assert all(n <= 4 for d, n in result.pieces if d != Y100)
