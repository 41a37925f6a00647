"""Receipt templates: the texts around a receipt that the office may edit.

A template is a small TOML file (see ``receipts/README.md``)::

    estate = ""                    # "" = the estate name from the settings
    hotline = "0755-8888 6666"
    header = ["{estate}", "物业服务收费票据"]
    footer = ["服务热线：{hotline}", "谢谢惠顾，请核对票据与找零。"]
    show_qr = true
    qr_mode = "native"             # native (printer draws it) | image
    logo = ""                      # image file, relative to the template

The built-ins ship in the package ``frontdesk.receipts`` (``thermal-80``,
``thermal-58``, ``a5``). The office copies one into ``<config dir>/receipts/``
and edits it; a copy with the same name replaces the built-in, another name is
chosen with ``[printer] template = "name"``. A broken template is reported
(file, line, problem) and the built-in one is used instead.
"""

from __future__ import annotations

import importlib.resources
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from frontdesk.config import PrinterSettings
from frontdesk.domain.money import format_fen
from frontdesk.domain.receipt import ReceiptContent
from frontdesk.errors import ConfigError

__all__ = [
    "BUILT_INS",
    "FIELDS",
    "Template",
    "TemplateError",
    "builtin_name",
    "field_values",
    "load_template",
    "load_template_named",
    "parse_template",
]

BUILT_INS: Final = ("thermal-80", "thermal-58", "a5")

#: What a template line may say in braces, and what it becomes.
FIELDS: Final = {
    "estate": "小区名称",
    "desk": "收费窗口",
    "hotline": "服务热线",
    "receipt_no": "票据号",
    "date": "收费日期（本地时间）",
    "time": "收费时间（时:分）",
    "cashier": "收费员工号与姓名",
    "room": "房号",
    "owner": "业主",
    "total": "实收合计（￥）",
}

_KEYS: Final[dict[str, type]] = {
    "estate": str,
    "hotline": str,
    "header": list,
    "footer": list,
    "show_qr": bool,
    "qr_mode": str,
    "logo": str,
}
_QR_MODES: Final = ("native", "image")


class TemplateError(ConfigError):
    """A receipt template that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Template:
    """The editable texts of a receipt, and the paper they are laid out for.

    ``width`` (columns) and ``encoding`` come from the printer settings, not
    from the file. ``logo`` is an absolute path or "". Header and footer
    lines may hold ``{field}`` placeholders from :data:`FIELDS`; the first
    header line is printed large.
    """

    name: str
    source: str  # the file it came from, or "built-in"
    width: int = 48
    estate: str = ""
    hotline: str = ""
    header_lines: tuple[str, ...] = ("{estate}", "物业服务收费票据")
    footer_lines: tuple[str, ...] = ()
    show_qr: bool = True
    qr_mode: str = "native"
    logo: str = ""
    encoding: str = "gb18030"

    def render(self, line: str, values: Mapping[str, str]) -> str | None:
        """One template line with its fields filled in.

        None when the line has fields and every one of them is empty (a
        "服务热线：{hotline}" line without a hotline is left out).
        """
        out: list[str] = []
        had_field = had_value = False
        for literal, field, _spec, _conv in string.Formatter().parse(line):
            out.append(literal)
            if field is not None:
                had_field = True
                value = values.get(field, "")
                had_value = had_value or bool(value.strip())
                out.append(value)
        if had_field and not had_value:
            return None
        return "".join(out)


def field_values(content: ReceiptContent, template: Template) -> dict[str, str]:
    """What each :data:`FIELDS` name stands for on this receipt (times in local time)."""
    local = content.issued_at.astimezone()
    return {
        "estate": template.estate or content.estate,
        "desk": content.desk,
        "hotline": template.hotline,
        "receipt_no": content.receipt_no,
        "date": local.strftime("%Y-%m-%d"),
        "time": local.strftime("%H:%M"),
        "cashier": f"{content.cashier_staff_no} {content.cashier_name}".strip(),
        "room": content.room,
        "owner": content.owner,
        "total": format_fen(content.total_fen, symbol="￥"),
    }


def builtin_name(width: int) -> str:
    """The built-in thermal template for a paper ``width`` in columns."""
    return "thermal-58" if width <= 40 else "thermal-80"


def _builtin_text(name: str) -> str:
    return (
        importlib.resources.files("frontdesk.receipts")
        .joinpath(f"{name}.toml")
        .read_text(encoding="utf-8")
    )


def _line_of(text: str, needle: str) -> int:
    for number, raw in enumerate(text.splitlines(), start=1):
        if needle in raw:
            return number
    return 1


def _key_line(text: str, key: str) -> int:
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    for number, raw in enumerate(text.splitlines(), start=1):
        if pattern.match(raw):
            return number
    return _line_of(text, key)


def _check_line(where: str, text: str, line: str) -> None:
    try:
        pieces = list(string.Formatter().parse(line))
    except ValueError as exc:
        raise TemplateError(
            f"{where}，第 {_line_of(text, line)} 行：花括号不成对（{line!r}：{exc}）"
        ) from None
    for _literal, field, spec, conversion in pieces:
        if field is None:
            continue
        at = f"{where}，第 {_line_of(text, '{' + field)} 行"
        if field not in FIELDS:
            known = "、".join("{" + name + "}" for name in FIELDS)
            raise TemplateError(f"{at}：未知字段 {{{field}}}（可用的字段：{known}）")
        if spec or conversion:
            raise TemplateError(f"{at}：字段 {{{field}}} 不能带格式说明，只写 {{{field}}}")


def parse_template(text: str, *, name: str, source: str, base_dir: Path | None = None) -> Template:
    """Read a template from TOML ``text``.

    Args:
        text: the file's content.
        name: the template's name (the file name without ``.toml``).
        source: the file's path for messages, or "built-in".
        base_dir: where a relative ``logo`` path starts; None leaves it as written.

    Raises:
        TemplateError: not TOML, an unknown key, a value of the wrong type, or
            a line with an unknown ``{field}``; the message names the file.
    """
    import tomllib

    where = f"收据模板 {source}"
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{where}：不是有效的 TOML（{exc}）") from None
    for key, value in data.items():
        at = f"{where}，第 {_key_line(text, key)} 行"
        kind = _KEYS.get(key)
        if kind is None:
            raise TemplateError(f"{at}：未知的设置项 {key}（可用：{'、'.join(_KEYS)}）")
        if not isinstance(value, kind) or (
            isinstance(value, list) and not all(isinstance(v, str) for v in value)
        ):
            wanted = {
                str: "带引号的文字",
                list: '文字列表，如 ["第一行", "第二行"]',
                bool: " true 或 false",
            }
            raise TemplateError(f"{at}：{key} 的值应为{wanted[kind]}")
    for line in [*data.get("header", ()), *data.get("footer", ())]:
        _check_line(where, text, line)
    qr_mode = data.get("qr_mode", "native")
    if qr_mode not in _QR_MODES:
        raise TemplateError(
            f"{where}，第 {_key_line(text, 'qr_mode')} 行：qr_mode 应为 native 或 image"
        )
    logo = data.get("logo", "").strip()
    if logo and base_dir is not None and not Path(logo).is_absolute():
        logo = str(base_dir / logo)
    return Template(
        name=name,
        source=source,
        estate=data.get("estate", "").strip(),
        hotline=data.get("hotline", "").strip(),
        header_lines=tuple(data.get("header", ())),
        footer_lines=tuple(data.get("footer", ())),
        show_qr=data.get("show_qr", True),
        qr_mode=qr_mode,
        logo=logo,
    )


def _office_file(name: str, config_dir: Path) -> Path:
    """Where the office's template called ``name`` lives (a name, or a path)."""
    if "/" in name or "\\" in name or name.lower().endswith(".toml"):
        path = Path(name)
        return path if path.is_absolute() else config_dir / path
    return config_dir / "receipts" / f"{name}.toml"


def load_template_named(
    name: str, config_dir: Path, *, fallback: str | None = None
) -> tuple[Template, list[str]]:
    """The template ``name``: the office's copy in ``<config_dir>/receipts/``, else the built-in.

    ``name`` may also be a file path (absolute, or relative to ``config_dir``).
    A template that is missing or broken is reported in the returned warnings
    and ``fallback`` (default: ``name`` if built in, else ``thermal-80``) is
    used instead. Width and encoding are left at their defaults.
    """
    warnings: list[str] = []
    if fallback is None:
        fallback = name if name in BUILT_INS else "thermal-80"
    path = _office_file(name, config_dir)
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            warnings.append(f"收据模板 {path} 无法读取（{exc}），改用内置模板 {fallback}。")
        else:
            try:
                stem = path.name.removesuffix(".toml")
                return parse_template(text, name=stem, source=str(path), base_dir=path.parent), []
            except TemplateError as exc:
                warnings.append(f"{exc}。改用内置模板 {fallback}。")
    elif name not in BUILT_INS:
        warnings.append(f"找不到收据模板 {name}（{path}），改用内置模板 {fallback}。")
    builtin = name if name in BUILT_INS and not warnings else fallback
    return parse_template(_builtin_text(builtin), name=builtin, source="built-in"), warnings


def load_template(settings: PrinterSettings, config_dir: Path) -> tuple[Template, list[str]]:
    """The thermal receipt template the printer settings ask for.

    ``[printer] template`` names it ("" = ``thermal-80`` or ``thermal-58`` by
    the paper width); the office's copy in ``<config_dir>/receipts/`` wins
    over the built-in of the same name. The result is laid out for the
    settings' width and encoding, and uses the settings' logo if the template
    has none.

    Returns:
        The template and warnings (a broken or missing office template, a logo
        file that is not there); with warnings, a built-in template is used.
    """
    default = builtin_name(settings.width)
    name = settings.template.strip() or default
    template, warnings = load_template_named(name, config_dir, fallback=default)
    logo = template.logo
    if not logo and settings.logo.strip():
        logo = settings.logo.strip()
        if not Path(logo).is_absolute():
            logo = str(config_dir / logo)
    if logo and not Path(logo).is_file():
        warnings.append(f"找不到标志图片 {logo}，收据上不印标志。")
        logo = ""
    return (
        replace(template, width=settings.width, encoding=settings.encoding.lower(), logo=logo),
        warnings,
    )
