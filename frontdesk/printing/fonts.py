"""A font for Chinese text in PDFs, found at run time.

Tried in order: the Windows fonts Microsoft YaHei and SimSun (``%WINDIR%\\Fonts``),
macOS's Chinese fonts, then on Linux whatever fontconfig (``fc-match``) offers
for a few Chinese families, then common paths. A candidate is used only if
reportlab can embed it (TrueType outlines: reportlab cannot embed CFF-based
OpenType, which rules out Noto Sans CJK / Source Han Sans) and it has Chinese
glyphs. Otherwise the PDF uses reportlab's built-in CID font ``STSong-Light``:
not embedded (the viewer supplies a Song face), always available, and its text
extracts and searches like any other.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

__all__ = ["CID_FALLBACK", "FONT_NAME", "candidates", "find_cjk_font", "load_ttf"]

log = logging.getLogger(__name__)

FONT_NAME = "FrontdeskCJK"
CID_FALLBACK = "STSong-Light"
_PROBE = "票据收费￥"  # must all have glyphs
_WINDOWS_FONTS = ("msyh.ttc", "msyh.ttf", "simsun.ttc", "simhei.ttf", "simkai.ttf")
_MAC_FONTS = (
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
)
_FC_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "AR PL UMing CN",
    "Droid Sans Fallback",
)
_LINUX_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)


def _fontconfig() -> list[tuple[Path, int]]:
    """What ``fc-match`` picks for each Chinese family (file and face index)."""
    exe = shutil.which("fc-match")
    if exe is None:
        return []
    found: list[tuple[Path, int]] = []
    for family in _FC_FAMILIES:
        try:
            out = subprocess.run(
                [exe, "-f", "%{file}\n%{index}", family],
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return found
        file, _, index = out.partition("\n")
        if file:
            found.append((Path(file), int(index) if index.strip().isdigit() else 0))
    return found


def candidates() -> list[tuple[Path, int]]:
    """Font files (and face index within a .ttc) to try, best first, without duplicates."""
    found: list[tuple[Path, int]] = []
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    if windir:
        found += [(Path(windir) / "Fonts" / name, 0) for name in _WINDOWS_FONTS]
    if sys.platform == "darwin":
        found += [(Path(p), 0) for p in _MAC_FONTS]
    if not sys.platform.startswith("win"):
        found += _fontconfig()
        found += [(Path(p), 0) for p in _LINUX_PATHS]
    return list(dict.fromkeys((p, i) for p, i in found if p.is_file()))


def load_ttf(path: Path, index: int = 0, name: str = FONT_NAME) -> TTFont | None:
    """The font at ``path`` if reportlab can embed it and it has Chinese glyphs, else None."""
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        log.debug("PDF font %s#%d not usable: %s", path, index, exc)
        return None
    glyphs = getattr(font.face, "charToGlyph", {})
    if not all(ord(ch) in glyphs for ch in _PROBE):
        log.debug("PDF font %s#%d has no Chinese glyphs", path, index)
        return None
    return font


def find_cjk_font(paths: Sequence[tuple[Path, int]] | None = None) -> tuple[str, Path | None]:
    """Register a Chinese font with reportlab; return its name and file (None: built-in CID).

    ``paths`` (file, face index) replaces the search (tests); the default
    search runs once per process.
    """
    if paths is None:
        return _default_font()
    return _register(paths)


@functools.lru_cache(maxsize=1)
def _default_font() -> tuple[str, Path | None]:
    return _register(candidates())


def _register(paths: Iterable[tuple[Path, int]]) -> tuple[str, Path | None]:
    for path, index in paths:
        name = f"{FONT_NAME}-{path.stem}-{index}"
        if name in pdfmetrics.getRegisteredFontNames():
            return name, path
        font = load_ttf(path, index, name)
        if font is not None:
            pdfmetrics.registerFont(font)
            log.info("PDF font: %s (face %d)", path, index)
            return name, path
    if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    log.info("PDF font: built-in %s (no embeddable Chinese font found)", CID_FALLBACK)
    return CID_FALLBACK, None
