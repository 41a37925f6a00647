"""The ``[printer]`` settings as a form: every field, each connection kind showing only its own.

``PrinterForm.set_settings`` fills the fields from a ``PrinterSettings``;
``PrinterForm.settings`` reads them back into one. The form does not judge
the values: ``frontdesk.config.load`` does that when the screen saves them.

Object names: ``printerConnection``, ``printerHelp``, ``printerHost``,
``printerPort``, ``printerVendorId``, ``printerProductId``, ``printerDevice``,
``printerBaudrate``, ``printerQueue``, ``printerPath``, ``printerTimeout``,
``printerWidth``, ``printerCustomWidth``, ``printerEncoding``,
``printerChineseMode``, ``printerCut``, ``printerDrawerPin``,
``printerTemplate``, ``printerQr``, ``printerLogo``, ``printerLogoBrowse``.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from frontdesk.config import PrinterSettings
from frontdesk.ui.printer.choices import (
    BAUD_RATES,
    BUILT_IN_TEMPLATES,
    DRAWER_PINS,
    ENCODINGS,
    KIND_FIELDS,
    KIND_HELP,
    KIND_TITLES,
    KINDS,
    WIDTHS,
)


def _select_data(combo: QComboBox, value: Any) -> bool:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
    return index >= 0


class PrinterForm(QWidget):
    """The fields of ``[printer]``; emits ``submitted`` on Enter in a text field."""

    submitted = Signal()
    kindChanged = Signal(str)

    def __init__(self, config_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config_dir = config_dir
        self._base = PrinterSettings()  # values the form has no field for are kept from here
        self._labels: list[QLabel] = []

        self.kind = QComboBox(self)
        self.kind.setObjectName("printerConnection")
        for kind in KINDS:
            self.kind.addItem(self.tr(KIND_TITLES[kind]), kind)
        self.help = QLabel(self)
        self.help.setObjectName("printerHelp")
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: palette(placeholder-text);")

        self.host = self._line("printerHost", "192.168.1.50")
        self.port = self._spin("printerPort", 1, 65535)
        self.vendor_id = self._line("printerVendorId", "0x0416")
        self.product_id = self._line("printerProductId", "0x5011")
        self.device = self._line(
            "printerDevice", "COM3" if sys.platform == "win32" else "/dev/ttyUSB0"
        )
        self.baudrate = QComboBox(self)
        self.baudrate.setObjectName("printerBaudrate")
        for rate in BAUD_RATES:
            self.baudrate.addItem(str(rate), rate)
        self.queue = QComboBox(self)
        self.queue.setObjectName("printerQueue")
        self.queue.setEditable(True)
        self.queue.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.queue.addItems(self._windows_printers())
        queue_line = self.queue.lineEdit()
        assert queue_line is not None  # editable
        queue_line.setPlaceholderText(self.tr("The printer's name in Windows"))
        queue_line.returnPressed.connect(self.submitted)
        self.path = self._line("printerPath", "/dev/usb/lp0")
        self.timeout = self._spin("printerTimeout", 1, 60)
        self.timeout.setSuffix(self.tr(" s"))

        self.paper_width = QComboBox(self)
        self.paper_width.setObjectName("printerWidth")
        for columns, title in WIDTHS:
            self.paper_width.addItem(self.tr(title), columns)
        self.custom_width = self._spin("printerCustomWidth", 16, 80)
        self.custom_width.setSuffix(self.tr(" columns"))
        self.encoding = QComboBox(self)
        self.encoding.setObjectName("printerEncoding")
        for code, title in ENCODINGS:
            self.encoding.addItem(self.tr(title), code)
        self.chinese_mode = self._check(
            "printerChineseMode", self.tr("Send Chinese mode (FS &&) first")
        )
        self.cut = self._check("printerCut", self.tr("C&ut the paper after each receipt"))
        self.drawer_pin = QComboBox(self)
        self.drawer_pin.setObjectName("printerDrawerPin")
        for pin, title in DRAWER_PINS:
            self.drawer_pin.addItem(self.tr(title), pin)
        self.template = QComboBox(self)
        self.template.setObjectName("printerTemplate")
        self.template.setEditable(True)
        self.template.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.template.addItem(self.tr("Built-in, by paper width"), "")
        for name in (*BUILT_IN_TEMPLATES, *self._office_templates()):
            self.template.addItem(name, name)
        template_line = self.template.lineEdit()
        assert template_line is not None  # editable
        template_line.returnPressed.connect(self.submitted)
        self.print_qr = self._check("printerQr", self.tr("Print the verification QR code"))
        self.logo = self._line("printerLogo", self.tr("none"))
        self.logo_browse = QPushButton(self.tr("Choose ima&ge…"), self)
        self.logo_browse.setObjectName("printerLogoBrowse")
        self.logo_browse.clicked.connect(self._browse_logo)

        connection = QGroupBox(self.tr("Connection"), self)
        self.connection_form = form = QFormLayout(connection)
        form.addRow(self._label(self.tr("Co&nnection:"), self.kind), self.kind)
        form.addRow(self.help)
        self._rows: dict[str, QWidget] = {
            "host": self.host,
            "port": self.port,
            "vendor_id": self.vendor_id,
            "product_id": self.product_id,
            "device": self.device,
            "baudrate": self.baudrate,
            "queue": self.queue,
            "path": self.path,
        }
        titles = {
            "host": self.tr("&Address (host):"),
            "port": self.tr("&Port:"),
            "vendor_id": self.tr("Vendor &id:"),
            "product_id": self.tr("P&roduct id:"),
            "device": self.tr("Serial &port:"),
            "baudrate": self.tr("&Baud rate:"),
            "queue": self.tr("Windows &queue name:"),
            "path": self.tr("&File or device:"),
        }
        for key, widget in self._rows.items():
            form.addRow(self._label(titles[key], widget), widget)
        form.addRow(self._label(self.tr("Time-&out:"), self.timeout), self.timeout)

        self.paper = QGroupBox(self.tr("Paper and receipt"), self)
        paper = QFormLayout(self.paper)
        width_row = QHBoxLayout()
        width_row.addWidget(self.paper_width, 1)
        width_row.addWidget(self.custom_width)
        paper.addRow(self._label(self.tr("Paper &width:"), self.paper_width), width_row)
        paper.addRow(self._label(self.tr("&Encoding:"), self.encoding), self.encoding)
        paper.addRow("", self.chinese_mode)
        paper.addRow("", self.cut)
        paper.addRow(self._label(self.tr("Cash &drawer:"), self.drawer_pin), self.drawer_pin)
        paper.addRow(self._label(self.tr("Te&mplate:"), self.template), self.template)
        paper.addRow("", self.print_qr)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(self.logo_browse)
        paper.addRow(self._label(self.tr("&Logo image:"), self.logo), logo_row)

        widest = max(label.sizeHint().width() for label in self._labels)
        for label in self._labels:  # the two groups' fields line up
            label.setMinimumWidth(widest)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(connection)
        layout.addWidget(self.paper)
        # As tall as the fields of the kind shown, not taller: the buttons follow right below.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        # Enter confirms (saves) from the fields that are not line edits, too.
        for field in (
            self.kind,
            self.port,
            self.baudrate,
            self.timeout,
            self.paper_width,
            self.custom_width,
            self.encoding,
            self.chinese_mode,
            self.cut,
            self.drawer_pin,
            self.print_qr,
        ):
            field.installEventFilter(self)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.paper_width.currentIndexChanged.connect(self._on_width)
        self.set_settings(PrinterSettings())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.submitted.emit()
            return True
        return super().eventFilter(watched, event)

    # -- building -----------------------------------------------------------

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.returnPressed.connect(self.submitted)
        return edit

    def _spin(self, name: str, low: int, high: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setGroupSeparatorShown(False)
        return spin

    def _check(self, name: str, text: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setObjectName(name)
        return box

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        self._labels.append(label)
        return label

    @staticmethod
    def _windows_printers() -> list[str]:
        if sys.platform != "win32":
            return []
        from PySide6.QtPrintSupport import QPrinterInfo

        return list(QPrinterInfo.availablePrinterNames())

    def _office_templates(self) -> list[str]:
        folder = self.config_dir / "receipts"
        try:
            names = sorted(p.stem for p in folder.glob("*.toml"))
        except OSError:
            return []
        return [n for n in names if n not in (*BUILT_IN_TEMPLATES, "a5")]

    # -- values -------------------------------------------------------------

    def set_settings(self, settings: PrinterSettings) -> None:
        """Show ``settings`` in the fields."""
        self._base = settings
        _select_data(self.kind, settings.connection)
        self.host.setText(settings.host)
        self.port.setValue(settings.port)
        self.vendor_id.setText(settings.vendor_id)
        self.product_id.setText(settings.product_id)
        self.device.setText(settings.device)
        if not _select_data(self.baudrate, settings.baudrate):
            self.baudrate.addItem(str(settings.baudrate), settings.baudrate)
            _select_data(self.baudrate, settings.baudrate)
        self.queue.setEditText(settings.queue)
        self.path.setText(settings.path)
        self.timeout.setValue(max(1, settings.timeout_seconds))
        if not _select_data(self.paper_width, settings.width):
            _select_data(self.paper_width, 0)
        self.custom_width.setValue(settings.width)
        _select_data(self.encoding, settings.encoding.lower())
        self.chinese_mode.setChecked(settings.chinese_mode)
        self.cut.setChecked(settings.cut)
        _select_data(self.drawer_pin, settings.drawer_pin)
        if not _select_data(self.template, settings.template):
            self.template.setEditText(settings.template)
        self.print_qr.setChecked(settings.print_qr)
        self.logo.setText(settings.logo)
        self._on_kind()
        self._on_width()

    def settings(self) -> PrinterSettings:
        """The values in the fields (not checked: ``config.load`` does that on saving)."""
        columns = self.paper_width.currentData()
        template = self.template.currentText().strip()
        listed = self.template.findText(template)
        if listed >= 0:  # "Built-in, by paper width" stands for ""
            template = str(self.template.itemData(listed) or "")
        return replace(
            self._base,
            connection=str(self.kind.currentData()),
            host=self.host.text().strip(),
            port=self.port.value(),
            vendor_id=self.vendor_id.text().strip(),
            product_id=self.product_id.text().strip(),
            device=self.device.text().strip(),
            baudrate=int(self.baudrate.currentData()),
            queue=self.queue.currentText().strip(),
            path=self.path.text().strip(),
            timeout_seconds=self.timeout.value(),
            width=int(columns) if columns else self.custom_width.value(),
            encoding=str(self.encoding.currentData()),
            chinese_mode=self.chinese_mode.isChecked(),
            cut=self.cut.isChecked(),
            drawer_pin=int(self.drawer_pin.currentData()),
            template=template,
            print_qr=self.print_qr.isChecked(),
            logo=self.logo.text().strip(),
        )

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    # -- reacting -----------------------------------------------------------

    def _on_kind(self) -> None:
        kind = self.current_kind()
        wanted = KIND_FIELDS.get(kind, ())
        for key, widget in self._rows.items():
            self.connection_form.setRowVisible(widget, key in wanted)
        self.connection_form.setRowVisible(self.timeout, kind != "none")
        self.help.setText(self.tr(KIND_HELP.get(kind, "")))
        self.paper.setEnabled(kind != "none")
        self.kindChanged.emit(kind)

    def _on_width(self) -> None:
        self.custom_width.setVisible(not self.paper_width.currentData())

    def _browse_logo(self) -> None:
        start = self.logo.text().strip() or str(self.config_dir)
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Logo image"),
            start,
            self.tr("Images (*.png *.bmp *.jpg *.jpeg *.gif)"),
        )
        if path:
            self.logo.setText(path)
