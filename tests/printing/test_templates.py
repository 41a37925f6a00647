"""Receipt templates: built-ins, the office's copies, and broken templates falling back."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest

from frontdesk.config import PrinterSettings
from frontdesk.printing.templates import (
    BUILT_INS,
    FIELDS,
    Template,
    TemplateError,
    load_template,
    load_template_named,
    parse_template,
)
from frontdesk.printing.thermal import receipt_lines
from tests.printing.conftest import sample_receipt


def office_template(config_dir: Path, name: str, text: str) -> Path:
    folder = config_dir / "receipts"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", BUILT_INS)
def test_every_built_in_template_ships_in_the_package_and_parses(name: str) -> None:
    text = (
        importlib.resources.files("frontdesk.receipts").joinpath(f"{name}.toml").read_text("utf-8")
    )
    template = parse_template(text, name=name, source="built-in")
    assert template.footer_lines, "a receipt ends with the thank-you phrase"
    assert any("谢谢惠顾" in line for line in template.footer_lines)
    assert not any("找您的零钱" in line for line in template.footer_lines)  # said, not printed


def test_the_readme_ships_beside_the_templates() -> None:
    readme = (
        importlib.resources.files("frontdesk.receipts").joinpath("README.md").read_text("utf-8")
    )
    assert "template" in readme and "receipts" in readme


@pytest.mark.parametrize(
    ("width", "name"), [(48, "thermal-80"), (32, "thermal-58"), (42, "thermal-80")]
)
def test_no_template_setting_picks_the_built_in_for_the_paper_width(
    tmp_path: Path, width: int, name: str
) -> None:
    template, warnings = load_template(PrinterSettings(width=width, encoding="GBK"), tmp_path)
    assert warnings == []
    assert (template.name, template.source, template.width, template.encoding) == (
        name,
        "built-in",
        width,
        "gbk",
    )


def test_the_offices_copy_with_the_built_in_name_replaces_it(tmp_path: Path) -> None:
    path = office_template(
        tmp_path, "thermal-80", 'hotline = "0755-8888 6666"\nfooter = ["服务热线：{hotline}"]\n'
    )
    template, warnings = load_template(PrinterSettings(), tmp_path)
    assert warnings == []
    assert template.source == str(path)
    assert template.hotline == "0755-8888 6666"


def test_a_named_office_template_is_used_and_its_texts_reach_the_receipt(tmp_path: Path) -> None:
    office_template(
        tmp_path,
        "lotus",
        """
estate = "莲花苑物业服务中心"
hotline = "0755-8888 6666"
header = ["{estate}", "收费收据", "窗口 {desk}"]
footer = ["服务热线：{hotline}", "票据号 {receipt_no}，{date} {time}", "谢谢惠顾，请核对票据与找零。"]
show_qr = false
""",
    )
    template, warnings = load_template(PrinterSettings(template="lotus", width=32), tmp_path)
    assert warnings == []
    assert (template.name, template.show_qr, template.width) == ("lotus", False, 32)
    lines = [line.strip() for line in receipt_lines(sample_receipt(), template)]
    assert lines[:3] == ["莲花苑物业服务中心", "收费收据", "窗口 前台1"]
    assert "服务热线：0755-8888 6666" in lines
    assert "谢谢惠顾，请核对票据与找零。" in lines
    assert any(line.startswith("票据号 A2026-000123，2026-") for line in lines)


def test_a_template_may_be_given_as_a_path(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere" / "my.toml"
    path.parent.mkdir()
    path.write_text('header = ["{estate}"]\n', encoding="utf-8")
    template, warnings = load_template(PrinterSettings(template=str(path)), tmp_path / "config")
    assert (warnings, template.source, template.name) == ([], str(path), "my")
    relative, warnings = load_template(PrinterSettings(template="elsewhere/my.toml"), tmp_path)
    assert (warnings, relative.source) == ([], str(path))


def test_a_line_whose_fields_are_all_empty_is_left_out() -> None:
    template = Template(name="t", source="built-in")
    assert template.render("服务热线：{hotline}", {"hotline": ""}) is None
    assert template.render("服务热线：{hotline}", {"hotline": "123"}) == "服务热线：123"
    assert template.render("谢谢惠顾", {}) == "谢谢惠顾"
    assert template.render("{{estate}} {estate}", {"estate": "示例"}) == "{estate} 示例"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('footer = ["谢谢惠顾", "客服 {phone}"]\n', "未知字段 {phone}"),
        ('header = ["{estate", "x"]\n', "花括号不成对"),
        ('header = ["{estate:>20}"]\n', "不能带格式说明"),
        ('title = "收据"\n', "未知的设置项 title"),
        ("show_qr = 1\n", "show_qr 的值应为 true 或 false"),
        ('footer = "谢谢惠顾"\n', "footer 的值应为文字列表"),
        ('qr_mode = "laser"\n', "qr_mode 应为 native 或 image"),
        ('header = ["a"\n', "不是有效的 TOML"),
    ],
)
def test_a_broken_office_template_is_reported_and_the_built_in_used(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = office_template(tmp_path, "broken", "# 我们的收据\n" + text)
    template, warnings = load_template(PrinterSettings(template="broken"), tmp_path)
    assert (template.name, template.source) == ("thermal-80", "built-in")
    assert len(warnings) == 1
    assert str(path) in warnings[0] and problem in warnings[0], warnings[0]
    assert "内置模板 thermal-80" in warnings[0]


def test_an_unknown_field_names_the_file_the_line_and_the_field() -> None:
    with pytest.raises(TemplateError) as caught:
        parse_template(
            'hotline = "1"\nfooter = [\n  "谢谢",\n  "{estat}",\n]\n', name="x", source="x.toml"
        )
    message = str(caught.value)
    assert "x.toml" in message and "第 4 行" in message and "{estat}" in message
    assert all("{" + name + "}" in message for name in FIELDS)  # says what is allowed


def test_a_missing_template_falls_back_with_a_warning(tmp_path: Path) -> None:
    template, warnings = load_template(PrinterSettings(template="nosuch", width=32), tmp_path)
    assert template.name == "thermal-58"
    assert len(warnings) == 1 and "nosuch" in warnings[0]


def test_a_missing_logo_is_dropped_with_a_warning_and_the_template_kept(tmp_path: Path) -> None:
    office_template(tmp_path, "thermal-80", 'logo = "logo.png"\nhotline = "1"\n')
    template, warnings = load_template(PrinterSettings(), tmp_path)
    assert template.hotline == "1" and template.logo == ""
    assert len(warnings) == 1 and "logo.png" in warnings[0]


def test_the_printer_settings_logo_is_used_when_the_template_has_none(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"not checked here")
    template, warnings = load_template(PrinterSettings(logo="logo.png"), tmp_path)
    assert warnings == [] and template.logo == str(tmp_path / "logo.png")


def test_the_a5_texts_for_the_pdf_are_loaded_by_name(tmp_path: Path) -> None:
    builtin, warnings = load_template_named("a5", tmp_path)
    assert (builtin.name, builtin.source, warnings) == ("a5", "built-in", [])
    office_template(tmp_path, "a5", 'estate = "莲花苑"\nfooter = ["{estat}"]\n')
    fallback, warnings = load_template_named("a5", tmp_path)
    assert fallback == builtin and len(warnings) == 1 and "{estat}" in warnings[0]
