"""The Chinese catalogue is complete, compiled, and used when asked for."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from frontdesk.config import Config
from frontdesk.services.users import ROLE_NAMES
from frontdesk.storage.database import Database
from frontdesk.ui import i18n
from frontdesk.ui.context import ROLE_TITLES, role_title
from frontdesk.ui.login.dialog import LoginDialog
from tests.ui.conftest import log_in

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "frontdesk_zh_CN.ts"
QM = TS.with_suffix(".qm")
SOURCES = [ROOT / "frontdesk" / "app.py", *sorted((ROOT / "frontdesk" / "ui").rglob("*.py"))]


def _catalogue() -> dict[tuple[str, str], str]:
    entries = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            assert translation.get("type") is None, message.findtext("source")
            entries[(name, message.findtext("source", ""))] = translation.text or ""
    return entries


class _Strings(ast.NodeVisitor):
    """(context, source) of every tr / translate / QT_TRANSLATE_NOOP call with literal text."""

    def __init__(self) -> None:
        self.classes: list[str] = []
        self.found: list[tuple[str, str, str]] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        literals = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
        where = f"line {node.lineno}"
        if name == "tr" and literals and isinstance(literals[0], str):
            self.found.append((self.classes[-1] if self.classes else "", literals[0], where))
        elif (
            name in ("translate", "QT_TRANSLATE_NOOP")
            and len(literals) >= 2
            and isinstance(literals[0], str)
            and isinstance(literals[1], str)
        ):
            self.found.append((literals[0], literals[1], where))
        self.generic_visit(node)


def test_catalogue_has_no_unfinished_entries() -> None:
    text = TS.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert 'type="vanished"' not in text and 'type="obsolete"' not in text
    assert all(translation.strip() for translation in _catalogue().values())


def test_every_source_string_is_in_the_catalogue() -> None:
    catalogue = _catalogue()
    missing = []
    seen = 0
    for path in SOURCES:
        visitor = _Strings()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        for context, source, where in visitor.found:
            seen += 1
            if (context, source) not in catalogue:
                missing.append(f"{path.relative_to(ROOT)} {where}: [{context}] {source!r}")
    assert seen > 50
    assert not missing, "run tools/update_translations.py:\n" + "\n".join(missing)


def test_role_names_translate_to_the_service_names() -> None:
    catalogue = _catalogue()
    assert set(ROLE_TITLES) == set(ROLE_NAMES)
    for role, english in ROLE_TITLES.items():
        assert catalogue[("Roles", english)] == ROLE_NAMES[role]


def test_compiled_catalogue_is_current() -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    for (context, source), translation in _catalogue().items():
        assert translator.translate(context, source) == translation, source


def test_catalogue_ships_in_the_package() -> None:
    shipped = i18n.translations_dir() / "frontdesk_zh_CN.qm"
    assert shipped.is_file()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (QLocale.Language.Chinese, "zh_CN"),
        (QLocale.Language.English, "en"),
        (QLocale.Language.German, "en"),
    ],
)
def test_auto_follows_the_system_locale(language: QLocale.Language, expected: str) -> None:
    assert i18n.resolve_language("auto", QLocale(language)) == expected
    assert i18n.resolve_language("en", QLocale(QLocale.Language.Chinese)) == "en"
    assert i18n.resolve_language("zh_CN", QLocale(QLocale.Language.English)) == "zh_CN"


def test_login_dialog_in_chinese(
    qtbot: QtBot,
    start: Callable[[Config], LoginDialog],
    gui_config: Config,
    app_db: Database,
) -> None:
    gui_config.app.language = "zh_CN"
    dialog = start(gui_config)
    assert dialog.button.text() == "登录"
    assert dialog.windowTitle() == "物业前台 — 登录"
    assert i18n.current_language() == "zh_CN"
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert "工号(&S)：" in labels
    qtbot.mouseClick(dialog.button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "请输入工号和密码。"
    # Qt's own strings (standard buttons) come in Chinese too.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    window = log_in(qtbot, dialog)
    assert "收费员" in window.windowTitle()
    assert role_title("cashier") == "收费员"
    assert "收费员" in window.findChild(QLabel, "statusUser").text()
    assert window.findChild(QLabel, "homeRole").text() == ROLE_NAMES["cashier"]
    assert window.logout_action.iconText().startswith("退出登录")


def test_english_when_asked(
    qtbot: QtBot,
    start: Callable[[Config], LoginDialog],
    gui_config: Config,
    app_db: Database,
) -> None:
    gui_config.app.language = "en"
    dialog = start(gui_config)
    assert dialog.button.text() == "Log in"
    assert dialog.windowTitle() == "Front desk — log in"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
