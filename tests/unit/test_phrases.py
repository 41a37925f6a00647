"""The phrase list: built-in from the service standards, the office's copy wins, broken copy reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontdesk.domain.phrases import MOMENTS, PhraseError, load_phrases, parse_phrases


def test_builtin_has_every_moment_and_the_change_phrase() -> None:
    book, warnings = load_phrases(None)
    assert warnings == [] and book.source == "built-in"
    assert all(book.for_moment(m) for m in MOMENTS)
    assert book.first("change") == "这是找您的零钱，请清点。"
    assert "不知道。/ 不管。" in book.for_moment("forbidden")


def test_office_copy_wins(tmp_path: Path) -> None:
    (tmp_path / "phrases.toml").write_text(
        '[[phrase]]\nmoment = "greeting"\ntext = "您好，欢迎光临示例花园！"\n', encoding="utf-8"
    )
    book, warnings = load_phrases(tmp_path)
    assert warnings == [] and book.first("greeting") == "您好，欢迎光临示例花园！"
    assert book.for_moment("closing") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[phrase]\n", "TOML"),
        ("title = 1\n", "没有"),
        ('[[phrase]]\nmoment = "hello"\ntext = "x"\n', "未知"),
        ('[[phrase]]\nmoment = "wait"\ntext = " "\n', "缺少 text"),
        ('[[phrase]]\nmoment = "wait"\ntext = "x"\ncolour = 1\n', "未知的键"),
    ],
)
def test_broken_office_copy_is_reported_and_builtin_used(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "phrases.toml").write_text(text, encoding="utf-8")
    book, warnings = load_phrases(tmp_path)
    assert book.source == "built-in" and len(warnings) == 1 and message in warnings[0]
    with pytest.raises(PhraseError):
        parse_phrases(text)
