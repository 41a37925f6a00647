"""Saving one settings section back into the TOML settings file.

The office edits ``config.toml`` by hand too, so a screen that saves settings
must leave the rest of the file as it was: other sections, comments, blank
lines, key order. :func:`save_section` rewrites only the lines of one
``[section]`` table: a key already in the file gets its new value on its own
line (a comment after it stays), a key not yet there is added after the
table's last key, and a file without the table gets it appended.

The file is replaced atomically (a temporary file in the same directory, then
``os.replace``), read back with :func:`frontdesk.config.load` and, if that
refuses it, put back as it was; the ``ConfigError`` is raised for the caller
to show.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from frontdesk.config import Config, load
from frontdesk.errors import ConfigError

__all__ = ["Value", "format_value", "replace_section", "save_section", "write_atomically"]

Value = bool | int | str

_HEADER = re.compile(r"^\s*\[\s*(?P<name>[^\]\[]+?)\s*\](?!\])")
_ANY_HEADER = re.compile(r"^\s*\[")
# One scalar value: a basic string, a literal string, or a bare token; then an optional comment.
_KEY_LINE = re.compile(
    r"""^(?P<indent>\s*)(?P<quote>["']?)(?P<key>[A-Za-z0-9_-]+)(?P=quote)\s*=\s*
        (?P<value>"(?:[^"\\]|\\.)*"|'[^']*'|[^\s#"']+)
        (?P<rest>\s*(?:\#.*)?)$""",
    re.VERBOSE,
)
_BOM = "\ufeff"


def format_value(value: Value) -> str:
    """``value`` as TOML: ``true``/``false``, an integer, or a basic string with escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = []
    for ch in value:
        if ch == "\\":
            escaped.append("\\\\")
        elif ch == '"':
            escaped.append('\\"')
        elif ch in "\b\t\n\f\r":
            escaped.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            escaped.append(f"\\u{ord(ch):04X}")
        else:
            escaped.append(ch)
    return '"' + "".join(escaped) + '"'


def _section_name(line: str) -> str | None:
    match = _HEADER.match(line)
    if match is None:
        return None
    return match.group("name").strip().strip('"').strip("'").strip()


def replace_section(text: str, section: str, values: Mapping[str, Value]) -> str:
    """``text`` with the ``[section]`` table holding ``values``; everything else unchanged.

    Raises:
        ConfigError: the section is written in a form this cannot edit (twice,
            as dotted keys or an inline table, or with a multi-line value).
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _section_name(line) == section]
    if len(starts) > 1:
        raise ConfigError(f"设置文件中 [{section}] 出现了不止一次，请手工修改设置文件。")
    if not starts:
        if re.search(rf"(?m)^\s*{re.escape(section)}\s*[.=]", text):
            raise ConfigError(
                f"设置文件中的 {section} 是用点号键或行内表写的，无法在这里修改，请手工修改设置文件。"
            )
        block = [f"[{section}]{newline}"]
        block += [f"{key} = {format_value(v)}{newline}" for key, v in values.items()]
        head = text
        if head and not head.endswith(("\n", "\r")):
            head += newline
        if head.strip(_BOM + " \t\r\n"):
            head += newline  # a blank line before the new table
        return head + "".join(block)

    start = starts[0]
    end = next((i for i in range(start + 1, len(lines)) if _ANY_HEADER.match(lines[i])), len(lines))
    body = lines[start + 1 : end]
    remaining = dict(values)
    last_key = -1
    for offset, line in enumerate(body):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        content = line.rstrip("\r\n")
        match = _KEY_LINE.match(content)
        if match is None:
            raise ConfigError(
                f"设置文件第 {start + offset + 2} 行（[{section}] 中）无法在这里修改"
                "（多行的值？），请手工修改设置文件。"
            )
        last_key = offset
        key = match.group("key")
        if key not in remaining:
            continue  # unknown keys are left for load() to report
        value = format_value(remaining.pop(key))
        ending = line[len(content) :]
        body[offset] = (
            f"{match.group('indent')}{match.group('quote')}{key}{match.group('quote')} = "
            f"{value}{match.group('rest')}{ending}"
        )
    if remaining:
        added = [f"{key} = {format_value(v)}{newline}" for key, v in remaining.items()]
        at = last_key + 1  # after the last key: trailing comments belong to what follows
        if at > 0 and not body[at - 1].endswith(("\n", "\r")):
            body[at - 1] += newline
        elif at == 0 and not lines[start].endswith(("\n", "\r")):
            lines[start] += newline
        body[at:at] = added
    return "".join(lines[: start + 1] + body + lines[end:])


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) through a temporary file in the same directory.

    Raises:
        ConfigError: the directory or file cannot be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise ConfigError(f"无法写入设置文件 {path}（{exc}）。") from exc


def save_section(path: Path, section: str, values: Mapping[str, Value]) -> Config:
    """Write ``values`` into ``[section]`` of the settings file and read the file back.

    Other sections and comments are kept (see :func:`replace_section`). If the
    file no longer loads (e.g. ``connection = "network"`` without a host), the
    old file is put back, or removed if there was none.

    Returns:
        The settings as ``frontdesk.config.load(path)`` now reads them.

    Raises:
        ConfigError: the new values are refused (the file is as it was), or
            the file cannot be read or written.
    """
    existed = path.is_file()
    old = ""
    if existed:
        try:
            old = path.read_bytes().decode("utf-8")  # as is: BOM and line endings kept
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"无法读取设置文件 {path}（{exc}）。") from exc
    write_atomically(path, replace_section(old, section, values))
    try:
        return load(path)
    except ConfigError:
        if existed:
            write_atomically(path, old)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
