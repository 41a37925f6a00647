"""The last line of defence: unhandled exceptions in the GUI.

``install_excepthook`` replaces ``sys.excepthook`` (PySide calls it for an
exception that escapes a slot or a Qt virtual). The hook writes the traceback
to the log and shows a non-modal message box; the window stays usable. An
expected ``FrontdeskError`` that nobody caught is shown as its plain message.

Only one crash dialog is shown at a time, so an error repeated on every paint
cannot bury the desk in message boxes.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

from frontdesk.errors import FrontdeskError
from frontdesk.logs import log_file, redact

log = logging.getLogger("frontdesk.crash")

CRASH_DIALOG = "crashDialog"

_dialog: QMessageBox | None = None
_handling = False


def handle_exception(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
) -> QMessageBox | None:
    """Log an unhandled exception with its traceback and show it to the user.

    Returns:
        The message box shown (or the one already showing), None when there
        is no QApplication or the exception was a KeyboardInterrupt.
    """
    global _handling
    if issubclass(exc_type, KeyboardInterrupt):
        return None
    if isinstance(exc, FrontdeskError):
        log.warning("uncaught %s: %s", exc_type.__name__, exc, exc_info=(exc_type, exc, tb))
    else:
        log.error("unhandled exception", exc_info=(exc_type, exc, tb))
    if _handling or QApplication.instance() is None:
        return None
    _handling = True
    try:
        return _show(exc_type, exc, tb)
    except Exception:  # the crash dialog itself must never raise into Qt
        log.exception("could not show the error dialog")
        return None
    finally:
        _handling = False


def install_excepthook() -> None:
    """Route unhandled exceptions (GUI and worker threads) to ``handle_exception``.

    The previous hook still runs afterwards (it prints to the console during
    development and lets the test harness see the error). Installing twice is
    harmless.
    """
    if getattr(sys.excepthook, "_frontdesk", False):
        return
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        handle_exception(exc_type, exc, tb)
        previous(exc_type, exc, tb)

    hook._frontdesk = True  # type: ignore[attr-defined]
    sys.excepthook = hook
    if not getattr(threading.excepthook, "_frontdesk", False):
        previous_thread_hook = threading.excepthook

        def thread_hook(args: threading.ExceptHookArgs) -> None:
            log.error(
                "unhandled exception in thread %s",
                args.thread.name if args.thread else "?",
                exc_info=args.exc_value or True,
            )
            previous_thread_hook(args)

        thread_hook._frontdesk = True  # type: ignore[attr-defined]
        threading.excepthook = thread_hook


def current_dialog() -> QMessageBox | None:
    """The crash dialog on screen, if any."""
    if _dialog is not None and shiboken6.isValid(_dialog) and _dialog.isVisible():
        return _dialog
    return None


def _show(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> QMessageBox:
    global _dialog
    # Imported here to keep start-up quick (creating the Qt namespace's enums takes ~30 ms).
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    details = redact("".join(traceback.format_exception(exc_type, exc, tb)))
    showing = current_dialog()
    if showing is not None:
        # Keep the first dialog; add the later error to its details.
        showing.setDetailedText(showing.detailedText() + "\n" + details)
        return showing
    parent = _parent_window()
    if isinstance(exc, FrontdeskError):
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("CrashDialog", "Front desk"),
            str(exc),
            parent=parent,
        )
    else:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("CrashDialog", "Unexpected error"),
            QCoreApplication.translate(
                "CrashDialog",
                "Something went wrong inside the program. What you were doing may not have "
                "been saved; please check it and try again.",
            ),
            parent=parent,
        )
        where = log_file()
        info = f"{exc_type.__name__}: {redact(str(exc))}"
        if where is not None:
            info += (
                "\n\n"
                + QCoreApplication.translate(
                    "CrashDialog", "The details were written to the log file:"
                )
                + f"\n{where}"
            )
        box.setInformativeText(info)
        box.setDetailedText(details)
    box.setObjectName(CRASH_DIALOG)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()
    _dialog = box
    return box


def _parent_window() -> QWidget | None:
    active = QApplication.activeWindow()
    if active is not None and active.objectName() != CRASH_DIALOG:
        return active
    return None


def close_dialog() -> None:
    """Close the crash dialog if one is showing (used at shutdown and by tests)."""
    box = current_dialog()
    if box is not None:
        with contextlib.suppress(RuntimeError):
            box.close()
