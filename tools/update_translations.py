"""Refresh the Chinese catalogue from the source and compile it.

    python tools/update_translations.py           # lupdate, then lrelease
    python tools/update_translations.py --check   # fail if anything is untranslated

1. ``pyside6-lupdate`` collects every ``self.tr(...)``,
   ``QCoreApplication.translate(...)`` and ``QT_TRANSLATE_NOOP(...)`` string in
   ``frontdesk/app.py`` and ``frontdesk/ui`` into
   ``resources/translations/frontdesk_zh_CN.ts`` (existing translations are
   kept, strings no longer in the source are dropped).
2. Translate the new entries (those marked ``type="unfinished"``) in the .ts
   file: with Qt Linguist, or by editing the XML and removing the attribute.
3. ``pyside6-lrelease`` compiles the .ts into the .qm that ships beside it;
   commit both.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "frontdesk_zh_CN.ts"
SOURCES = [ROOT / "frontdesk" / "app.py", ROOT / "frontdesk" / "ui"]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} not found: install PySide6 (it ships the Qt translation tools)")
    return found


def unfinished(ts: Path = TS) -> list[str]:
    """Source texts in ``ts`` that have no finished translation."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source", "")
        if (
            translation is None
            or translation.get("type") in ("unfinished", "vanished", "obsolete")
            or not (translation.text or "").strip()
        ):
            missing.append(source)
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report untranslated strings")
    args = parser.parse_args()
    if not args.check:
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                "-extensions",
                "py",
                "-no-obsolete",
                "-locations",
                "none",
                "-source-language",
                "en",
                "-target-language",
                "zh_CN",
                *[str(p.relative_to(ROOT)) for p in SOURCES],
                "-ts",
                str(TS.relative_to(ROOT)),
            ],
            cwd=ROOT,
            check=True,
        )
    missing = unfinished()
    for text in missing:
        print(f"untranslated: {text!r}", file=sys.stderr)
    if args.check:
        return 1 if missing else 0
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))],
        cwd=ROOT,
        check=True,
    )
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
