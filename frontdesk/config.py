"""Typed settings: a TOML file plus environment overrides.

The file is ``FRONTDESK_CONFIG`` if set, else ``config.toml`` in the user
config directory. A missing file means defaults. ``FRONTDESK_DATABASE_URL``
overrides ``[database] url`` and ``FRONTDESK_DATA_DIR`` the data directory.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

from frontdesk.errors import ConfigError

# platformdirs and tomllib are imported where they are needed: start-up time
# counts, and with FRONTDESK_DATA_DIR or without a settings file they are not.

APP_NAME = "frontdesk"


def _user_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


def _user_log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME))


@dataclass
class AppSettings:
    """Who and where: the desk's name, language, idle logout."""

    desk: str = "前台1"
    estate_name: str = "示例花园"
    language: str = "auto"  # auto | zh_CN | en
    idle_timeout_minutes: int = 15  # 0 turns the idle logout off


@dataclass
class DatabaseSettings:
    """Where the data lives; empty url means the embedded SQLite file."""

    url: str = ""
    busy_timeout_ms: int = 5000
    backup_before_migrate: bool = True


@dataclass
class SecuritySettings:
    """Login lockout and password rules."""

    max_failed_logins: int = 5
    lockout_minutes: int = 15
    min_password_length: int = 6


@dataclass
class MoneySettings:
    """Money input limits and cash rounding."""

    max_amount_yuan: int = 1_000_000
    cash_rounding: str = "jiao"  # fen | jiao | yuan

    @property
    def max_amount_fen(self) -> int:
        return self.max_amount_yuan * 100

    @property
    def cash_unit_fen(self) -> int:
        return {"fen": 1, "jiao": 10, "yuan": 100}[self.cash_rounding]


@dataclass
class CashierSettings:
    """Receipt numbering, billing limits and the drawer."""

    receipt_series: str = "A"  # this desk's receipt series letter
    field_series: str = "F"  # receipts written on home collection visits
    receipt_format: str = "{series}{year}-{seq:06d}"
    max_bill_months_ahead: int = 1  # bills may be generated this many months ahead
    max_prepay_months: int = 24  # months ahead a cashier may add at the counter
    close_tolerance_fen: int = 0  # a larger drawer difference needs a supervisor

    def receipt_no(self, series: str, year: int, seq: int) -> str:
        return self.receipt_format.format(series=series, year=year, seq=seq)


@dataclass
class PrinterSettings:
    """The counter's receipt printer (ESC/POS thermal); ``none`` means PDF receipts only."""

    connection: str = "none"  # none | network | usb | serial | windows | file
    host: str = ""
    port: int = 9100
    vendor_id: str = ""  # usb, hex like "0x0416"
    product_id: str = ""
    device: str = ""  # serial: "COM3" or "/dev/ttyUSB0"
    baudrate: int = 9600
    queue: str = ""  # windows: the printer's name in Windows
    path: str = ""  # file: a file or device path
    width: int = 48  # columns: 48 for 80 mm paper, 32 for 58 mm
    encoding: str = "gb18030"
    chinese_mode: bool = True  # send FS & before text
    cut: bool = True
    drawer_pin: int = 2  # 0 = no cash drawer
    template: str = ""  # "" = built-in for the width
    print_qr: bool = True
    logo: str = ""
    timeout_seconds: int = 5


# What each connection kind cannot do without.
_PRINTER_NEEDS = {
    "network": ("host",),
    "usb": ("vendor_id", "product_id"),
    "serial": ("device",),
    "windows": ("queue",),
    "file": ("path",),
}


def _weekdays() -> list[int]:
    return [1, 2, 3, 4, 5]


@dataclass
class OfficeSettings:
    """The office's working calendar: deadlines and calling windows are counted in it.

    Times are ``HH:MM`` in the office's local time; ``working_days`` are ISO
    weekdays (1 = Monday … 7 = Sunday); ``holidays`` are dates the office is
    closed and ``extra_working_days`` weekend dates it works (调休), both
    ``YYYY-MM-DD``.
    """

    working_days: list[int] = field(default_factory=_weekdays)
    opens: str = "09:00"
    closes: str = "18:00"
    lunch_start: str = "12:00"
    lunch_end: str = "13:30"
    holidays: list[str] = field(default_factory=list)
    extra_working_days: list[str] = field(default_factory=list)


@dataclass
class ReceptionSettings:
    """Visitors: automatic sign-out, retention, who sees full phone numbers."""

    auto_sign_out_at: str = "22:00"  # visitors still in at this hour are signed out, flagged
    retention_days: int = 180  # older visitor records are anonymised
    full_phone_roles: list[str] = field(default_factory=lambda: ["supervisor", "admin"])


@dataclass
class MatterSettings:
    """Service deadlines per kind of matter (工单), from the service standards.

    A deadline is ``"<n>h"`` (hours counted in office hours), ``"<n>wd"``
    (working days) or ``"<n>ch"`` (clock hours, round the clock).
    """

    simple_complaint: str = "2h"
    complex_complaint: str = "24h"
    enquiry: str = "24h"
    repair_attend: str = "6h"
    repair_fix: str = "24h"
    message: str = "24h"
    callback_after: str = "24h"  # call-back due this long after resolution
    enquiry_callback_window: str = "48h"  # enquiries: a random call-back within this
    enquiry_random_callback: bool = True
    due_soon_minutes: int = 60  # "due soon" this long before the deadline


@dataclass
class VisitSettings:
    """Home fee-collection visits (上门收费)."""

    min_days_ahead: int = 1  # book at least this many days ahead; sooner needs a reason
    duration_minutes: int = 30
    travel_buffer_minutes: int = 20  # between one person's visits
    float_round_to_yuan: int = 100  # owners hand over notes rounded up to 100 (or 50)


@dataclass
class CallSettings:
    """Overdue-fee calls (催缴) and the calling window."""

    min_days_overdue: int = 30
    min_amount_yuan: int = 100
    window_margin_minutes: int = 10  # after opening and before closing
    max_attempts: int = 3
    retry_after_hours: int = 4  # office hours before the next attempt after no answer
    slot_minutes: int = 5  # the plan proposes one call every this many minutes of window time
    replan_after_days: int = 30  # a call that ended unreachable is planned again after this
    notice_phone: str = ""  # the office's phone number printed on overdue-fee notices


@dataclass
class LoggingSettings:
    """The rotating log file."""

    level: str = "INFO"
    max_bytes: int = 2_000_000
    backups: int = 5


_CHOICES: dict[tuple[str, str], tuple[object, ...]] = {
    ("app", "language"): ("auto", "zh_CN", "en"),
    ("money", "cash_rounding"): ("fen", "jiao", "yuan"),
    ("logging", "level"): ("DEBUG", "INFO", "WARNING", "ERROR"),
    ("printer", "connection"): ("none", "network", "usb", "serial", "windows", "file"),
    ("printer", "encoding"): ("gb18030", "gbk", "big5", "utf-8", "cp437", "cp850", "cp1252"),
    ("printer", "drawer_pin"): (0, 2, 5),
    ("visits", "float_round_to_yuan"): (50, 100),
}


@dataclass
class Config:
    """All settings, plus where they came from and the resolved directories."""

    app: AppSettings = field(default_factory=AppSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    security: SecuritySettings = field(default_factory=SecuritySettings)
    money: MoneySettings = field(default_factory=MoneySettings)
    cashier: CashierSettings = field(default_factory=CashierSettings)
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    office: OfficeSettings = field(default_factory=OfficeSettings)
    reception: ReceptionSettings = field(default_factory=ReceptionSettings)
    matters: MatterSettings = field(default_factory=MatterSettings)
    visits: VisitSettings = field(default_factory=VisitSettings)
    calls: CallSettings = field(default_factory=CallSettings)
    logging: LoggingSettings = field(default_factory=LoggingSettings)
    source: Path | None = None
    data_dir: Path = field(default_factory=_user_data_dir)
    log_dir: Path = field(default_factory=_user_log_dir)
    demo: bool = False

    @property
    def database_url(self) -> str:
        """The SQLAlchemy URL to open; the SQLite file in the data dir by default."""
        if self.demo:
            return sqlite_url(self.data_dir / "frontdesk-demo.db")
        if self.database.url:
            return self.database.url
        return sqlite_url(self.data_dir / "frontdesk.db")

    def for_demo(self) -> Config:
        """A copy that works on the demo database in its own directory."""
        return dataclasses.replace(self, data_dir=self.data_dir / "demo", demo=True)


_SECTIONS = (
    "app",
    "database",
    "security",
    "money",
    "cashier",
    "printer",
    "office",
    "reception",
    "matters",
    "visits",
    "calls",
    "logging",
)


def sqlite_url(path: Path) -> str:
    """SQLAlchemy URL for a SQLite file (works with Windows paths too)."""
    return "sqlite:///" + path.as_posix()


def default_path() -> Path:
    """The config file used when ``load`` is given no path."""
    env = os.environ.get("FRONTDESK_CONFIG")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def load(path: Path | str | None = None) -> Config:
    """Read settings from ``path`` (or the default file) and the environment.

    Raises:
        ConfigError: the file is not valid TOML, or names an unknown section or
            key, or gives a value of the wrong type; the message names the file,
            the line and the key.
    """
    file = Path(path) if path is not None else default_path()
    env_dir = os.environ.get("FRONTDESK_DATA_DIR")
    # Given the directories, Config() need not ask platformdirs for its defaults.
    config = Config(data_dir=Path(env_dir), log_dir=Path(env_dir) / "logs") if env_dir else Config()
    if file.is_file():
        config.source = file
        try:
            _apply_file(config, file)
        except ConfigError as exc:
            raise ConfigError(f"设置文件有误 (settings error): {exc}") from exc
    env_url = os.environ.get("FRONTDESK_DATABASE_URL")
    if env_url:
        config.database.url = env_url
    return config


def _apply_file(config: Config, file: Path) -> None:
    import tomllib

    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read the settings file ({exc})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise ConfigError(
            f"{file}, line {line}: not valid TOML ({exc.args[0] if exc.args else exc})"
        ) from exc
    for section, values in data.items():
        if section not in _SECTIONS:
            raise ConfigError(
                f"{file}, line {_find_line(text, section, None)}: unknown section [{section}]"
            )
        if not isinstance(values, dict):
            raise ConfigError(
                f"{file}, line {_find_line(text, section, None)}: '{section}' must be a [section]"
            )
        target = getattr(config, section)
        hints = get_type_hints(type(target))
        for key, value in values.items():
            line = _find_line(text, section, key)
            if key not in hints:
                raise ConfigError(f"{file}, line {line}: unknown key '{key}' in [{section}]")
            setattr(target, key, _checked(file, line, section, key, hints[key], value))
    _check_printer(file, text, config.printer)
    _check_office(file, text, config.office)
    _check_reception(file, text, config.reception)
    _check_matters(file, text, config.matters)


def _check_printer(file: Path, text: str, printer: PrinterSettings) -> None:
    line = _find_line(text, "printer", "connection")
    for key in _PRINTER_NEEDS.get(printer.connection, ()):
        if not str(getattr(printer, key)).strip():
            raise ConfigError(
                f'{file}, line {line}: [printer] connection = "{printer.connection}" needs {key}'
            )
    if printer.connection == "usb":
        for key in ("vendor_id", "product_id"):
            try:
                int(getattr(printer, key), 16)
            except ValueError:
                where = _find_line(text, "printer", key)
                raise ConfigError(
                    f"{file}, line {where}: [printer] {key} must be a hex number like 0x0416"
                ) from None
    if not 16 <= printer.width <= 80:
        where = _find_line(text, "printer", "width")
        raise ConfigError(f"{file}, line {where}: [printer] width must be 16–80 columns")
    if not 1 <= printer.port <= 65535:
        where = _find_line(text, "printer", "port")
        raise ConfigError(f"{file}, line {where}: [printer] port must be 1–65535")


def _check_office(file: Path, text: str, office: OfficeSettings) -> None:
    """The calendar must make sense as a whole (each value was checked on its own)."""
    from frontdesk.domain.workcalendar import CalendarError, OfficeCalendar

    try:
        OfficeCalendar.from_settings(office)
    except CalendarError as exc:
        where = _find_line(text, "office", exc.key) if exc.key else _find_line(text, "office", None)
        raise ConfigError(f"{file}, line {where}: [office] {exc}") from None


def _check_matters(file: Path, text: str, matters: MatterSettings) -> None:
    """Every deadline setting must parse and be positive ("2h", "3wd", "24ch")."""
    from frontdesk.domain.deadlines import DeadlineError, parse_deadline

    for key in MATTER_DEADLINE_KEYS:
        try:
            parse_deadline(getattr(matters, key), key)
        except DeadlineError as exc:
            where = _find_line(text, "matters", key)
            raise ConfigError(f"{file}, line {where}: [matters] {exc}") from None


MATTER_DEADLINE_KEYS = (
    "simple_complaint",
    "complex_complaint",
    "enquiry",
    "repair_attend",
    "repair_fix",
    "message",
    "callback_after",
    "enquiry_callback_window",
)


def _check_reception(file: Path, text: str, reception: ReceptionSettings) -> None:
    """The automatic sign-out hour is a time of day; records are kept at least a day."""
    from frontdesk.domain.workcalendar import CalendarError, parse_clock

    try:
        parse_clock(reception.auto_sign_out_at, "auto_sign_out_at")
    except CalendarError as exc:
        where = _find_line(text, "reception", "auto_sign_out_at")
        raise ConfigError(f"{file}, line {where}: [reception] {exc}") from None
    if reception.retention_days < 1:
        where = _find_line(text, "reception", "retention_days")
        raise ConfigError(f"{file}, line {where}: [reception] retention_days must be 1 or more")


def _checked(file: Path, line: int, section: str, key: str, kind: Any, value: Any) -> Any:
    where = f"{file}, line {line}: [{section}] {key}"
    if kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false")
    elif kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where} must be a whole number")
        if value < 0:
            raise ConfigError(f"{where} must not be negative")
    elif kind is str and not isinstance(value, str):
        raise ConfigError(f"{where} must be text in quotes")
    elif kind == list[int]:
        if not isinstance(value, list) or any(
            isinstance(v, bool) or not isinstance(v, int) for v in value
        ):
            raise ConfigError(f"{where} must be a list of whole numbers, like [1, 2, 3]")
    elif kind == list[str] and (
        not isinstance(value, list) or any(not isinstance(v, str) for v in value)
    ):
        raise ConfigError(f'{where} must be a list of texts, like ["a", "b"]')
    if (section, key) == ("cashier", "receipt_format"):
        _check_receipt_format(where, value)
    choices = _CHOICES.get((section, key))
    if choices and value not in choices:
        raise ConfigError(f"{where} must be one of: {', '.join(map(str, choices))}")
    return value


def _check_receipt_format(where: str, value: str) -> None:
    try:
        sample = value.format(series="A", year=2026, seq=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(f"{where} may use only {{series}}, {{year}} and {{seq}} ({exc})") from exc
    if "{seq" not in value or not sample.strip():
        raise ConfigError(f"{where} must contain {{seq}} so receipt numbers differ")


def _line_from_message(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1


def _find_line(text: str, section: str, key: str | None) -> int:
    """Best-effort line number of ``key`` in ``[section]`` (or of the section)."""
    current = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        header = re.match(r"^\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1).strip().strip('"')
            if key is None and current == section:
                return number
            continue
        if (
            key is not None
            and current == section
            and re.match(rf"^\"?{re.escape(key)}\"?\s*=", line)
        ):
            return number
    return 1
