"""Loading the interface language: frontdesk's own translations and Qt's.

Source strings are English. ``config.app.language`` is ``auto``, ``zh_CN`` or
``en``; ``auto`` means Simplified Chinese on a Chinese system locale and
English otherwise. The compiled catalogue ships inside the package
(``frontdesk.resources/translations/frontdesk_zh_CN.qm``) and is found with
``importlib.resources``, also when frozen.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import tempfile
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

CHINESE = "zh_CN"
ENGLISH = "en"
CATALOGUE = "frontdesk"

_installed: list[QTranslator] = []
_temp_files: list[Path] = []
_language = ENGLISH


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` without translating it yet.

    The same as Qt's macro (``pyside6-lupdate`` finds it by name), but typed
    as returning ``str``. Translate later with
    ``QCoreApplication.translate(context, text)``.
    """
    return text


def code_title(context: str, table: dict[str, str], code: str | None) -> str:
    """The translated title of ``code`` in ``table`` (English sources marked in ``context``).

    The code itself if ``table`` does not know it; "" for None.
    """
    if code is None:
        return ""
    source = table.get(code)
    return QCoreApplication.translate(context, source) if source else code


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """``zh_CN`` or ``en`` for a ``language`` setting (``auto`` follows the system locale)."""
    if setting in (CHINESE, ENGLISH):
        return setting
    locale = system if system is not None else QLocale.system()
    return CHINESE if locale.language() == QLocale.Language.Chinese else ENGLISH


def current_language() -> str:
    """The language installed by the last ``install_translations`` call."""
    return _language


def translations_dir() -> resources.abc.Traversable:
    """Where the ``.ts`` sources and ``.qm`` catalogues ship."""
    return resources.files("frontdesk.resources") / "translations"


def install_translations(app: QCoreApplication, setting: str) -> str:
    """Install the translators for ``setting`` on ``app``, replacing earlier ones.

    Returns:
        The language in use, ``zh_CN`` or ``en``.
    """
    global _language
    remove_translations(app)
    language = resolve_language(setting)
    _language = language
    if language == ENGLISH:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return language
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    own = QTranslator(app)
    if own.load(str(_catalogue_file(f"{CATALOGUE}_{language}.qm"))):
        app.installTranslator(own)
        _installed.append(own)
    else:
        log.warning(
            "translation catalogue %s_%s.qm not found; showing English", CATALOGUE, language
        )
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    # Standard buttons (OK, Cancel, Yes, No) and the text-edit context menus.
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    return language


def remove_translations(app: QCoreApplication | None = None) -> None:
    """Remove the translators this module installed (back to English source text)."""
    global _language
    app = app or QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
        translator.deleteLater()
    _language = ENGLISH
    QLocale.setDefault(QLocale.system())


def _catalogue_file(name: str) -> Path:
    """A real file path for a packaged catalogue (copied out of a zip if need be)."""
    source = translations_dir() / name
    if isinstance(source, Path) or not source.is_file():
        return Path(str(source))
    # Inside a zip: QTranslator wants a file, and may keep it mapped, so the copy
    # lives until the process ends.
    handle, temp = tempfile.mkstemp(prefix="frontdesk-", suffix=".qm")
    with os.fdopen(handle, "wb") as out:
        out.write(source.read_bytes())
    path = Path(temp)
    _temp_files.append(path)
    return path


@atexit.register
def _remove_temp_files() -> None:
    for path in _temp_files:
        with contextlib.suppress(OSError):
            path.unlink()
