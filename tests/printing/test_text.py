"""Printer columns: widths, wrapping, two columns with the amount on the right, printable text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk.printing.text import (
    align,
    clean,
    columns,
    display_width,
    encode_line,
    printable,
    wrap,
)

LONG_NAME = "欧阳" + "娜" * 28  # 30 Chinese characters
MAX_AMOUNT = "￥9,999,999.99"

# Chinese, Latin, digits, punctuation, spaces: what lands on a receipt.
receipt_text = st.text(
    alphabet=st.sampled_from(list("刘兵王芳物业管理费（）、，。：abcXYZ 0123456789-.,/￥×")),
    max_size=120,
)


@pytest.mark.parametrize(
    ("text", "width"),
    [("", 0), ("abc", 3), ("刘兵", 4), ("￥12.00", 7), ("×", 2), ("é", 2), ("3-2-1201 王芳", 13)],
)
def test_display_width_counts_every_non_ascii_character_as_two_columns(
    text: str, width: int
) -> None:
    assert display_width(text) == width


@pytest.mark.parametrize("width", [32, 48])
def test_a_thirty_character_name_wraps_within_the_paper(width: int) -> None:
    lines = wrap(f"业主：{LONG_NAME}", width, "  ")
    assert len(lines) > 1
    assert all(display_width(line) <= width for line in lines)
    assert all(line.startswith("  ") for line in lines[1:])
    assert "".join(line.strip() for line in lines) == f"业主：{LONG_NAME}"


def test_latin_words_and_numbers_are_not_cut_when_they_fit_on_a_line() -> None:
    lines = wrap("参考号：TX20260305-0001 and 9,999,999.99 more words here", 20)
    assert "TX20260305-0001" in "".join(lines)
    assert any("9,999,999.99" in line for line in lines)
    assert all(display_width(line) <= 20 for line in lines)


def test_a_word_longer_than_the_line_is_cut() -> None:
    lines = wrap("X" * 50, 16, "  ")
    assert [display_width(line) for line in lines] == [16, 16, 16, 8]  # 16 + 14 + 14 + 6 characters


def test_punctuation_does_not_start_a_line() -> None:
    lines = wrap("刘兵刘兵刘兵刘，王芳", 14)
    assert lines == ["刘兵刘兵刘兵", "刘，王芳"]


@given(text=receipt_text, width=st.integers(min_value=8, max_value=64))
@settings(max_examples=300, deadline=None)
def test_wrap_never_exceeds_the_width_and_keeps_every_character(text: str, width: int) -> None:
    lines = wrap(text, width, "  ")
    assert all(display_width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("width", [32, 48])
def test_the_amount_is_right_aligned_beside_a_long_item(width: int) -> None:
    lines = columns(f"物业管理费 2026-01~2026-03 {LONG_NAME}", "9,999,999.99", width)
    assert lines[0].endswith("9,999,999.99")
    assert display_width(lines[0]) == width
    assert all(display_width(line) <= width for line in lines)
    # The item wraps inside its column: nothing reaches into the amount column.
    amount_column = width - display_width("9,999,999.99")
    assert all(display_width(line) < amount_column for line in lines[1:])


@given(
    left=receipt_text,
    right=st.sampled_from(["0.00", "224.00", MAX_AMOUNT, "-0.02"]),
    width=st.integers(min_value=16, max_value=64),
)
@settings(max_examples=300, deadline=None)
def test_two_columns_never_exceed_the_width(left: str, right: str, width: int) -> None:
    lines = columns(left, right, width)
    assert all(display_width(line) <= width for line in lines)
    assert any(line.endswith(right) and display_width(line) == width for line in lines)


def test_an_amount_too_wide_for_two_columns_gets_its_own_line() -> None:
    lines = columns("实收合计", MAX_AMOUNT, 16)
    assert lines == ["实收合计", "  " + MAX_AMOUNT]


def test_align() -> None:
    assert align("王芳", 8, "right") == "    王芳"
    assert align("王芳", 8, "center") == "  王芳"
    assert align("王芳", 8) == "王芳    "
    assert align("王芳王芳王芳", 8, "center") == "王芳王芳王芳"


def test_clean_turns_control_characters_into_something_harmless() -> None:
    # An ESC inside a name would be a printer command.
    assert clean("王\x1b@芳\n3-2\t1201\x00") == "王?@芳 3-2 1201?"


@pytest.mark.parametrize(
    ("encoding", "text", "shown"),
    [
        ("gb18030", "2.50 ¥/m²/月", "2.50 ￥/㎡/月"),  # never the half-width yen
        ("gbk", "实收合计 ￥100", "实收合计 ￥100"),
        ("gbk", "王😀芳", "王？芳"),
        ("gb18030", "王😀芳", "王？芳"),  # printers' GB18030 fonts have no emoji
        ("gb18030", "吉𠮷", "吉𠮷"),  # but do have rare hanzi for names
        ("gbk", "吉𠮷", "吉？"),
        ("big5", "实收 ￥5", "？收 ¥5"),  # Big5 A244 is the yen sign
        ("cp437", "Total ￥5 王", "Total ¥5 ??"),
        ("cp1252", "Café ×2", "Café ×2"),
        ("utf-8", "王😀", "王😀"),
    ],
)
def test_printable_keeps_columns_and_replaces_what_the_printer_cannot_show(
    encoding: str, text: str, shown: str
) -> None:
    result = printable(text, encoding)
    assert result == shown
    encode_line(result, encoding)  # encodes without errors


@pytest.mark.parametrize(
    "encoding", ["gb18030", "gbk", "big5", "utf-8", "cp437", "cp850", "cp1252"]
)
def test_encode_line_never_raises(encoding: str) -> None:
    data = encode_line("王芳 ￥9.00 😀 ¥ m² é", encoding)
    assert data


def test_encode_line_replaces_visibly_one_question_mark_per_column() -> None:
    assert encode_line("a王b", "cp437") == b"a??b"
    assert encode_line("a😀b", "gbk") == b"a??b"
