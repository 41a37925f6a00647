"""What the printer form offers: connection kinds with their fields and notes, paper, codes.

English source text in the ``PrinterForm`` translation context; the form
translates it when it shows it.
"""

from __future__ import annotations

from frontdesk.ui.i18n import QT_TRANSLATE_NOOP

KINDS = ("none", "network", "usb", "serial", "windows", "file")
KIND_TITLES = {
    "none": QT_TRANSLATE_NOOP("PrinterForm", "No receipt printer (PDF receipts)"),
    "network": QT_TRANSLATE_NOOP("PrinterForm", "Network (Ethernet / Wi-Fi)"),
    "usb": QT_TRANSLATE_NOOP("PrinterForm", "USB (python-escpos, libusb)"),
    "serial": QT_TRANSLATE_NOOP("PrinterForm", "Serial port (COM)"),
    "windows": QT_TRANSLATE_NOOP("PrinterForm", "Windows printer queue"),
    "file": QT_TRANSLATE_NOOP("PrinterForm", "File or device path"),
}
KIND_HELP = {
    "none": QT_TRANSLATE_NOOP(
        "PrinterForm",
        "No thermal printer at this desk. Receipts are given as A5 PDF files "
        "(Payments screen, F4: PDF receipt) and copies are saved as PDF.",
    ),
    "network": QT_TRANSLATE_NOOP(
        "PrinterForm",
        "A receipt printer with a network port, usually port 9100. Give it a fixed IP address. "
        "It can report paper-out.",
    ),
    "usb": QT_TRANSLATE_NOOP(
        "PrinterForm",
        "Talks to the printer directly over USB (vendor and product id, e.g. 0x0416). On Windows "
        "this needs the WinUSB driver (installed e.g. with Zadig), which takes the printer away "
        "from the Windows spooler: other programs can no longer print to it. The Windows queue "
        "or the network is usually the better choice. It can report paper-out.",
    ),
    "serial": QT_TRANSLATE_NOOP(
        "PrinterForm",
        "A serial port or USB-serial adapter (COM3, /dev/ttyUSB0). The baud rate must match the "
        "printer's own setting. It can report paper-out if the printer answers.",
    ),
    "windows": QT_TRANSLATE_NOOP(
        "PrinterForm",
        "The printer as installed in Windows (its name under Printers & scanners), sent raw "
        "through the Windows spooler with the maker's driver. Usually the best choice for a USB "
        "printer on Windows. The Windows queue cannot report paper-out: a receipt counts as "
        "printed once the spooler has taken it. Only on Windows.",
    ),
    "file": QT_TRANSLATE_NOOP(
        "PrinterForm",
        "Writes the bytes to a file or device path (e.g. /dev/usb/lp0, or a file to look at). "
        "It cannot report paper-out.",
    ),
}
# The fields each connection kind needs (the rest are hidden).
KIND_FIELDS = {
    "none": (),
    "network": ("host", "port"),
    "usb": ("vendor_id", "product_id"),
    "serial": ("device", "baudrate"),
    "windows": ("queue",),
    "file": ("path",),
}
ENCODINGS = (
    ("gb18030", QT_TRANSLATE_NOOP("PrinterForm", "GB18030 — Simplified Chinese (recommended)")),
    ("gbk", QT_TRANSLATE_NOOP("PrinterForm", "GBK — Simplified Chinese, older printers")),
    ("big5", QT_TRANSLATE_NOOP("PrinterForm", "Big5 — Traditional Chinese")),
    ("utf-8", QT_TRANSLATE_NOOP("PrinterForm", "UTF-8 (few receipt printers)")),
    ("cp437", QT_TRANSLATE_NOOP("PrinterForm", "CP437 — Latin, USA")),
    ("cp850", QT_TRANSLATE_NOOP("PrinterForm", "CP850 — Latin, Western Europe")),
    ("cp1252", QT_TRANSLATE_NOOP("PrinterForm", "CP1252 — Latin, Windows")),
)
WIDTHS = (
    (48, QT_TRANSLATE_NOOP("PrinterForm", "80 mm paper (48 columns)")),
    (32, QT_TRANSLATE_NOOP("PrinterForm", "58 mm paper (32 columns)")),
    (0, QT_TRANSLATE_NOOP("PrinterForm", "Other width…")),
)
DRAWER_PINS = (
    (0, QT_TRANSLATE_NOOP("PrinterForm", "No cash drawer")),
    (2, QT_TRANSLATE_NOOP("PrinterForm", "Drawer on pin 2 (most drawers)")),
    (5, QT_TRANSLATE_NOOP("PrinterForm", "Drawer on pin 5")),
)
BAUD_RATES = (9600, 19200, 38400, 57600, 115200)
BUILT_IN_TEMPLATES = ("thermal-80", "thermal-58")
