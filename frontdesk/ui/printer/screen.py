"""Screen F9 "Printer": the desk's receipt printer settings, a test page, saving.

The form (``frontdesk.ui.printer.form``) shows every ``[printer]`` setting;
the connection kind decides which connection fields show, with a short note
on what each kind needs and can report.

**Test print** (``testPrintButton``) sends a test page with the values in the
form, saved or not, on the printer task runner (never the GUI thread) and
says whether the printer took it or why not. **Save** (``savePrinterSettings``,
or Enter in a field) writes ``[printer]`` into the settings file, keeping the
rest of the file (``frontdesk.config_write``); the file is read back, and if
the values are refused the old file stays and the reason is shown. Saved
settings are used at once: ``config.printer`` of the running program and the
desk's print spool are replaced. Esc puts the settings in use back into the
form.

Other object names: ``printerScreen``, ``printerMessage``, ``printerFile``.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from frontdesk.config import Config, PrinterSettings, default_path
from frontdesk.ui.context import ScreenContext
from frontdesk.ui.messages import MessageLine, error_text
from frontdesk.ui.printer.control import SpoolControl, control_for
from frontdesk.ui.printer.form import PrinterForm
from frontdesk.ui.widgets import scale_font

log = logging.getLogger(__name__)

TEST_KEY = "Ctrl+P"
_OK_STYLE = "color: #1b5e20; font-weight: bold;"


def send_test_page(settings: PrinterSettings, config_dir: Path) -> tuple[str, list[str]]:
    """Print a test page with ``settings`` (on the printer runner).

    Returns:
        The printer in words and the template's warnings.

    Raises:
        PrinterError: the printer did not take the page.
    """
    from frontdesk.printing import connections, templates, thermal

    template, warnings = templates.load_template(settings, config_dir)
    connections.send(settings, thermal.test_page_bytes(settings, template))
    return connections.describe_connection(settings), warnings


def save_printer(path: Path, settings: PrinterSettings) -> Config:
    """Write ``[printer]`` into the settings file and read it back (see ``config_write``)."""
    from frontdesk.config_write import save_section

    return save_section(path, "printer", dataclasses.asdict(settings))


class PrinterScreen(QWidget):
    """The printer settings screen; see the module docstring."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("printerScreen")
        self.path = ctx.config.source or default_path()
        control = control_for(ctx.app)
        if control is None:  # shown outside a main window: a control of its own
            control = SpoolControl(ctx.app, self)
        self.control = control
        self._testing = False
        self._saving = False

        title = QLabel(
            self.tr("Receipt printer of desk {desk}").format(desk=ctx.config.app.desk), self
        )
        font = QFont(title.font())
        scale_font(font, 1.4)
        font.setBold(True)
        title.setFont(font)
        self.file_label = QLabel(self.tr("Settings file: {path}").format(path=self.path), self)
        self.file_label.setObjectName("printerFile")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_label.setWordWrap(True)

        self.form = PrinterForm(self.path.parent, self)
        self.form.set_settings(ctx.config.printer)
        self.form.submitted.connect(self.save)
        self.form.kindChanged.connect(self._update_buttons)
        self.form.kind.activated.connect(self._clear_message)  # the user picked another kind

        self.test_button = QPushButton(self.tr("&Test print"), self)
        self.test_button.setObjectName("testPrintButton")
        self.test_button.setToolTip(
            self.tr("Print a test page with the settings in the form ({key})").format(key=TEST_KEY)
        )
        self.test_button.setAutoDefault(True)
        self.test_button.clicked.connect(self.test_print)
        self.save_button = QPushButton(self.tr("Sa&ve"), self)
        self.save_button.setObjectName("savePrinterSettings")
        self.save_button.setToolTip(self.tr("Write the settings to the settings file and use them"))
        self.save_button.setAutoDefault(True)
        self.save_button.clicked.connect(self.save)
        test = QShortcut(QKeySequence(TEST_KEY), self, self.test_print)
        test.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        revert = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.revert)
        revert.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.message = MessageLine("printerMessage", self, ok_style=_OK_STYLE)

        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        body = QWidget(self)
        body.setMaximumWidth(780)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.form)
        body_layout.addLayout(buttons)
        body_layout.addWidget(self.message)
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(self.file_label)
        layout.addWidget(scroll, 1)
        self._update_buttons()

    # -- keyboard -----------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.form.kind.setFocus(Qt.FocusReason.OtherFocusReason)

    def revert(self) -> None:
        """Esc: the settings in use back into the form."""
        if self._saving:
            return
        self.form.set_settings(self.ctx.config.printer)
        self.message.say(self.tr("The form shows the settings in use again."), error=False)

    # -- test print -----------------------------------------------------------

    def test_print(self) -> None:
        """Send a test page with the form's settings, off the GUI thread."""
        if self._testing or not self.test_button.isEnabled():
            return
        settings = self.form.settings()
        self._testing = True
        self._update_buttons()
        self.message.say_plain(self.tr("Sending a test page…"))
        self.control.tasks.submit(
            send_test_page,
            settings,
            self.path.parent,
            on_done=self._tested,
            on_error=self._test_failed,
        )

    def _tested(self, result: tuple[str, list[str]]) -> None:
        if not shiboken6.isValid(self):
            return
        where, warnings = result
        self._testing = False
        self._update_buttons()
        text = self.tr(
            "The test page went to {printer}. Check that the two rulers fill one line each."
        )
        lines = [text.format(printer=where), *warnings]
        self.message.say("\n".join(lines), error=bool(warnings))

    def _test_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._testing = False
        self._update_buttons()
        self._show_error(error)

    # -- saving ---------------------------------------------------------------

    def save(self) -> None:
        """Write the form to the settings file; use the settings if the file accepts them."""
        if self._saving:
            return
        self._saving = True
        self._update_buttons()
        self.ctx.tasks.submit(
            save_printer,
            self.path,
            self.form.settings(),
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def _saved(self, config: Config) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self.ctx.config.printer = config.printer
        self.form.set_settings(config.printer)
        self.control.restart()
        self._update_buttons()
        log.info("printer settings saved to %s: %s", self.path, config.printer.connection)
        self.message.say(
            self.tr("Saved to {path}. The desk prints with these settings now.").format(
                path=self.path
            ),
            error=False,
        )

    def _save_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self._update_buttons()
        self._show_error(error)

    # -- helpers --------------------------------------------------------------

    def _update_buttons(self) -> None:
        self.test_button.setEnabled(self.form.current_kind() != "none" and not self._testing)
        self.save_button.setEnabled(not self._saving)

    def _show_error(self, error: BaseException) -> None:
        unexpected = self.tr("Unexpected error: {error}. See the log file for details.")
        self.message.say(error_text(error, unexpected, log, "printer screen: unexpected error"))

    def _clear_message(self) -> None:
        if not (self._testing or self._saving):
            self.message.say("", error=False)
