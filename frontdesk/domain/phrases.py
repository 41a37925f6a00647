"""The standard phrases (服务用语) offered at the counter, and the ones never to use (禁忌用语).

The built-in list ships in ``resources/phrases/phrases.toml`` (from the service
standards); the office may keep its own copy as ``<config dir>/phrases.toml``,
which wins. A copy that cannot be read or parsed is reported and the built-in
list is used instead.
"""

from __future__ import annotations

import importlib.resources
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

MOMENTS: Final = (
    "greeting",
    "phone",
    "wait",
    "apology",
    "message",
    "callback",
    "change",
    "closing",
    "forbidden",
)
MOMENT_LABELS: Final = {
    "greeting": "问候",
    "phone": "接听电话",
    "wait": "请稍候",
    "apology": "致歉",
    "message": "留言",
    "callback": "回访",
    "change": "找零",
    "closing": "道别",
    "forbidden": "禁忌用语",
}
OFFICE_FILE: Final = "phrases.toml"
MAX_PHRASE: Final = 200


class PhraseError(ValueError):
    """The phrase list cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Phrase:
    moment: str
    text: str


@dataclass(frozen=True)
class PhraseBook:
    """The phrases by moment, in file order; ``source`` is the file or ``built-in``."""

    phrases: tuple[Phrase, ...]
    source: str

    def for_moment(self, moment: str) -> list[str]:
        return [p.text for p in self.phrases if p.moment == moment]

    def first(self, moment: str, default: str = "") -> str:
        found = self.for_moment(moment)
        return found[0] if found else default


def parse_phrases(text: str, source: str = "phrases.toml") -> PhraseBook:
    """Parse a phrase list (``[[phrase]]`` tables with ``moment`` and ``text``).

    Raises:
        PhraseError: not TOML, an unknown moment, an empty or overlong text, no phrases.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PhraseError(f"{source}：不是有效的 TOML（{exc}）") from None
    entries = data.get("phrase")
    if not isinstance(entries, list) or not entries:
        raise PhraseError(f"{source}：没有 [[phrase]] 条目")
    phrases = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise PhraseError(f"{source}：第 {number} 条不是表格")
        moment = entry.get("moment")
        body = entry.get("text")
        if moment not in MOMENTS:
            raise PhraseError(
                f"{source}：第 {number} 条的 moment “{moment}” 未知，可用：{'、'.join(MOMENTS)}"
            )
        if not isinstance(body, str) or not body.strip():
            raise PhraseError(f"{source}：第 {number} 条缺少 text")
        if len(body) > MAX_PHRASE:
            raise PhraseError(f"{source}：第 {number} 条太长（最多 {MAX_PHRASE} 字）")
        unknown = set(entry) - {"moment", "text"}
        if unknown:
            raise PhraseError(f"{source}：第 {number} 条有未知的键 {', '.join(sorted(unknown))}")
        phrases.append(Phrase(str(moment), body.strip()))
    return PhraseBook(tuple(phrases), source)


def builtin_text() -> str:
    """The shipped phrase list's text."""
    return (
        importlib.resources.files("frontdesk.resources")
        .joinpath("phrases", "phrases.toml")
        .read_text(encoding="utf-8")
    )


def load_phrases(config_dir: Path | None) -> tuple[PhraseBook, list[str]]:
    """The office's ``<config_dir>/phrases.toml`` if it is there and sound, else the built-in.

    Returns:
        The phrases and warnings (a broken office copy; the built-in list is then used).
    """
    warnings: list[str] = []
    if config_dir is not None:
        path = config_dir / OFFICE_FILE
        if path.is_file():
            try:
                return parse_phrases(path.read_text(encoding="utf-8-sig"), str(path)), []
            except (OSError, UnicodeDecodeError) as exc:
                warnings.append(f"服务用语文件 {path} 无法读取（{exc}），改用内置用语。")
            except PhraseError as exc:
                warnings.append(f"{exc}。改用内置用语。")
    return parse_phrases(builtin_text(), "built-in"), warnings
