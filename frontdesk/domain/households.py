"""Rules for household data: room codes, areas, phones, names, and import rows.

Pure functions only (no database, no Qt), so the same checks serve the import,
the household form and the search box. Every rejection is a ``ValueError``
whose message is a Chinese sentence fit to show a clerk.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

MAX_AREA_CENTI_M2 = 10_000 * 100
"""Largest accepted floor area (10,000 m²), in hundredths of m²."""

MAX_NAME_LENGTH = 128
MAX_PHONES = 5
_MAX_PART_DIGITS = 6

FIELDS = ("room", "owner", "phone", "area", "move_in")
"""The import columns, in their canonical order."""

REQUIRED_FIELDS = ("room", "owner", "phone", "area")

FIELD_LABELS: dict[str, str] = {
    "room": "房号",
    "owner": "业主姓名",
    "phone": "电话",
    "area": "面积",
    "move_in": "入住日期",
}

# fmt: off
_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "room": ("room", "room_code", "roomcode", "room code", "code", "房号", "房间号", "房屋编号"),
    "owner": ("owner", "owner_name", "ownername", "owner name", "name", "业主", "业主姓名", "姓名"),
    "phone": (
        "phone", "phones", "phone_number", "phone number", "mobile", "tel",
        "电话", "联系电话", "手机", "手机号", "手机号码", "电话号码",
    ),
    "area": (
        "area", "floor_area", "floorarea", "floor area", "area_m2",
        "面积", "建筑面积", "面积(m²)", "面积（㎡）", "房屋面积",
    ),
    "move_in": (
        "move_in", "move_in_date", "movein", "move in", "move-in date", "move in date",
        "入住日期", "入伙日期", "入住时间",
    ),
}
# fmt: on

# Dashes people (and Excel, and IMEs) put between the parts of a room code.
_DASH_TABLE = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-")
)
_ROOM_RE = re.compile(r"^\s*([0-9]{1,12})\s*-\s*([0-9]{1,12})\s*-\s*([0-9]{1,12})\s*$")
_PHONE_SEPARATORS = re.compile(r"[/;；、,，]")
_PHONE_SHAPE = re.compile(r"^\+?[0-9][0-9 \-]*[0-9]$")
_PLAIN_AREA = re.compile(r"^([0-9]{1,6})(?:\.([0-9]{1,2}))?$")
# Control and format characters (zero-width spaces, direction marks, BOM).
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_AREA_UNITS = re.compile(r"(m2|m²|㎡|平方米|平米|平)$", re.IGNORECASE)
_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$", re.ASCII),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$", re.ASCII),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$", re.ASCII),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$", re.ASCII),
)
_MIDNIGHT = re.compile(r"(?:\s+|T)0?0:00(?::00)?$")
_EARLIEST_YEAR = 1949
_LATEST_YEAR = 2100

# Surnames whose reading differs from the character's everyday reading.
# fmt: off
_SURNAME_INITIALS = {
    "曾": "z", "单": "s", "解": "x", "仇": "q", "区": "o", "朴": "p", "查": "z",
    "乐": "y", "尉": "y", "缪": "m", "翟": "z", "盖": "g", "覃": "q", "召": "s",
    "繁": "p", "谌": "c", "宓": "m", "员": "y", "种": "c", "秘": "b",
}
# fmt: on


@dataclass(frozen=True)
class RoomCode:
    """A room code ``building-unit-room`` in canonical form (``3-2-1201``)."""

    building: str
    unit: str
    number: str
    code: str


@dataclass(frozen=True)
class HouseholdRecord:
    """One valid row of an import file."""

    line: int
    room: RoomCode
    owner_name: str
    phones: tuple[str, ...]
    area_centi_m2: int
    move_in: date | None


@dataclass(frozen=True)
class RowError:
    """A rejected row: its line number in the file and why (Chinese)."""

    line: int
    reason: str


@dataclass(frozen=True)
class HeaderMap:
    """Which column holds each field (0-based), and which required fields are missing."""

    columns: dict[str, int]
    missing: tuple[str, ...]
    duplicated: tuple[str, ...] = ()
    phone_columns: tuple[int, ...] = ()  # every phone column, when there are several

    @property
    def ok(self) -> bool:
        return not self.missing and not self.duplicated

    def problem(self) -> str:
        """The user message for a header that is not usable ('' when ok)."""
        parts = []
        if self.missing:
            parts.append("缺少列：" + "、".join(FIELD_LABELS[f] for f in self.missing))
        if self.duplicated:
            parts.append("列重复：" + "、".join(FIELD_LABELS[f] for f in self.duplicated))
        return "；".join(parts)


def _text(value: object) -> str:
    """A cell as trimmed text; Excel numbers that are whole come back without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _narrow(text: str) -> str:
    """Full-width digits, letters and punctuation to their ASCII forms (NFKC)."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def parse_room_code(text: object) -> RoomCode:
    """Parse ``building-unit-room`` such as ``3-2-1201`` (also ``３－２－１２０１``).

    Each part is a whole number; leading zeros are dropped, so ``03-02-1201``
    and ``3-2-1201`` are the same room.

    Raises:
        ValueError: not three numbers joined by dashes.
    """
    if isinstance(text, (date, datetime)):
        raise ValueError("房号被 Excel 识别成了日期，请把房号列设为“文本”格式后重新导出")
    raw = _text(text)
    if not raw:
        raise ValueError("房号为空")
    match = _ROOM_RE.match(_narrow(raw).translate(_DASH_TABLE))
    if match is None:
        raise ValueError(f"房号“{raw}”格式不对，应为 楼栋-单元-房间，如 3-2-1201")
    building, unit, number = (str(int(p)) for p in match.groups())
    if max(len(building), len(unit), len(number)) > _MAX_PART_DIGITS:
        raise ValueError(f"房号“{raw}”的数字太长")
    if "0" in (building, unit, number):
        raise ValueError(f"房号“{raw}”中的楼栋、单元、房间号不能为 0")
    return RoomCode(building, unit, number, f"{building}-{unit}-{number}")


def parse_area(text: object) -> int:
    """Floor area in m² (``89.6``, ``89.60㎡``, ``８９.６``) → hundredths of m² (8960).

    Raises:
        ValueError: empty, not a number, zero or negative, more than two
            decimals, or over 10,000 m².
    """
    if isinstance(text, bool):
        raise ValueError("面积不是数字")
    if isinstance(text, float):
        value = Decimal(repr(text))
        rounded = value.quantize(Decimal("0.01")) if value.is_finite() else value
        # Excel arithmetic leaves 89.60000000000001; that is still 89.60.
        if value.is_finite() and abs(value - rounded) < Decimal("0.000001"):
            value = rounded
        raw = repr(text)
    elif isinstance(text, (int, Decimal)):
        value = Decimal(text)
        raw = str(text)
    else:
        raw = _text(text)
        if not raw:
            raise ValueError("面积为空")
        plain = _PLAIN_AREA.match(raw)
        if plain:  # the usual "89.6": no Decimal needed
            whole, fraction = plain.groups()
            centi = int(whole) * 100 + int((fraction or "").ljust(2, "0"))
            return _check_area(centi, raw)
        cleaned = _AREA_UNITS.sub("", _narrow(raw).replace(" ", "")).strip()
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(f"面积“{raw}”不是数字") from None
    if not value.is_finite():
        raise ValueError(f"面积“{raw}”不是数字")
    if value <= 0:
        raise ValueError(f"面积必须大于 0（现为 {raw}）")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"面积“{raw}”最多保留两位小数")
    return _check_area(int(value * 100), raw)


def _check_area(centi: int, raw: str) -> int:
    if centi <= 0:
        raise ValueError(f"面积必须大于 0（现为 {raw}）")
    if centi > MAX_AREA_CENTI_M2:
        raise ValueError(f"面积“{raw}”超过 10000 平方米，请检查")
    return centi


def normalize_phone(text: str) -> str:
    """One phone number: digits with an optional leading ``+``; spaces and dashes removed.

    Raises:
        ValueError: not 7–15 digits in that shape.
    """
    raw = text.strip()
    normal = _narrow(raw).strip()
    if not _PHONE_SHAPE.match(normal):
        raise ValueError(f"电话号码“{raw}”格式不对")
    number = normal.replace(" ", "").replace("-", "")
    digits = number.lstrip("+")
    if not 7 <= len(digits) <= 15:
        raise ValueError(f"电话号码“{raw}”应为 7–15 位数字")
    return number


def split_phones(text: object) -> list[str]:
    """Split a phone cell on ``/ ; ； 、 ,`` and normalise each number.

    Duplicates within the cell are dropped, order is kept.

    Raises:
        ValueError: the cell is empty, or a number is malformed.
    """
    raw = _text(text)
    if not raw:
        raise ValueError("电话为空")
    phones: list[str] = []
    for piece in _PHONE_SEPARATORS.split(_narrow(raw)):
        if not piece.strip():
            continue
        number = normalize_phone(piece)
        if number not in phones:
            phones.append(number)
    if not phones:
        raise ValueError("电话为空")
    if len(phones) > MAX_PHONES:
        raise ValueError(f"电话号码太多（最多 {MAX_PHONES} 个）")
    return phones


def reversed_digits(phone: str) -> str:
    """The digits of a phone number, last first (what the phone-suffix index stores)."""
    return "".join(ch for ch in reversed(phone) if ch.isdigit())


_NAME_TOKEN = re.compile(r"[A-Za-z0-9]+|[^\sA-Za-z0-9]")


@lru_cache(maxsize=16384)
def _char_initial(ch: str) -> str:
    letters = "".join(lazy_pinyin(ch, style=Style.FIRST_LETTER, errors="ignore")).lower()
    return "".join(c for c in letters if c.isascii() and c.isalnum())[:1]


@lru_cache(maxsize=65536)
def pinyin_initials(name: str, *, surname: bool = True) -> str:
    """Pinyin initials for searching by name: 刘兵 → ``lb``, 曾伟 → ``zw``.

    Latin words contribute their first letter (John Smith → ``js``); other
    symbols nothing. With ``surname`` (the default) the first character is read
    as a surname, so the polyphonic ones get their surname reading (曾 → z,
    单 → s, 解 → x). Characters are looked up one by one (and cached), which
    is many times faster than converting whole names and the same for names.
    """
    name = _narrow(name.strip())
    if not name:
        return ""
    initials = []
    for token in _NAME_TOKEN.findall(name):
        if not token.isascii():
            initials.append(_char_initial(token))
        elif token[0].isalnum():
            initials.append(token[0].lower())
    if surname and name[0] in _SURNAME_INITIALS and initials:
        initials[0] = _SURNAME_INITIALS[name[0]]
    return "".join(initials)[:64]


def check_name(text: object) -> str:
    """An owner's name, trimmed and kept literally (``=A1`` stays ``=A1``).

    Raises:
        ValueError: empty, too long, or containing control characters.
    """
    name = _text(text)
    if not name:
        raise ValueError("业主姓名为空")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"业主姓名太长（最多 {MAX_NAME_LENGTH} 个字）")
    if _INVISIBLE.search(name):
        raise ValueError("业主姓名中含有不可见字符")
    return name


def parse_move_in(text: object) -> date | None:
    """Move-in date: ``2019-05-01``, ``2019/5/1``, ``2019年5月1日`` or an Excel date.

    Returns None for an empty cell.

    Raises:
        ValueError: any other form, or an impossible date.
    """
    if isinstance(text, datetime):
        return _check_year(text.date(), str(text))
    if isinstance(text, date):
        return _check_year(text, str(text))
    raw = _text(text)
    if not raw:
        return None
    # "2019-05-01 00:00:00" is how a spreadsheet date looks once saved as text.
    normal = _MIDNIGHT.sub("", _narrow(raw).strip()).replace(" ", "")
    for form in _DATE_FORMS:
        match = form.match(normal)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                value = date(year, month, day)
            except ValueError:
                raise ValueError(f"入住日期“{raw}”不是有效日期") from None
            return _check_year(value, raw)
    raise ValueError(f"入住日期“{raw}”格式不对，应如 2019-05-01")


def _check_year(value: date, raw: str) -> date:
    if not _EARLIEST_YEAR <= value.year <= _LATEST_YEAR:
        raise ValueError(f"入住日期“{raw}”年份不合理")
    return value


def normalize_header(text: object) -> str:
    """Header text compared case-, width- and space-insensitively; a unit in brackets dropped."""
    normal = _narrow(_text(text)).replace("\ufeff", "").casefold()
    normal = re.sub(r"[\s_\-]+", "", normal)
    return re.sub(r"\(.*\)$", "", normal).strip("*")


_ALIAS_TO_FIELD: dict[str, str] = {
    normalize_header(alias): field
    for field, aliases in _HEADER_ALIASES.items()
    for alias in aliases
}


def header_field(text: object) -> str | None:
    """The field a header cell names (``房号`` → ``room``), or None if it names none."""
    return _ALIAS_TO_FIELD.get(normalize_header(text))


def map_headers(headers: Sequence[object]) -> HeaderMap:
    """Find the import columns in a header row (English or Chinese names).

    Several phone columns (电话 and 手机, say) are allowed: their numbers are
    joined. Any other field named twice is a problem.
    """
    columns: dict[str, int] = {}
    phone_columns: list[int] = []
    duplicated: list[str] = []
    for index, cell in enumerate(headers):
        field = header_field(cell)
        if field is None:
            continue
        if field == "phone":
            phone_columns.append(index)
        if field in columns:
            if field != "phone" and field not in duplicated:
                duplicated.append(field)
            continue
        columns[field] = index
    missing = tuple(f for f in REQUIRED_FIELDS if f not in columns)
    return HeaderMap(columns, missing, tuple(duplicated), tuple(phone_columns))


def join_phone_cells(cells: Iterable[object]) -> str:
    """The cells of several phone columns as one phone cell (``13800000000/0571-8888888``)."""
    return "/".join(text for text in (_text(cell) for cell in cells) if text)


def _check_row(
    cells: Mapping[str, object], line: int
) -> tuple[RoomCode | None, list[str], HouseholdRecord | None]:
    reasons: list[str] = []
    room: RoomCode | None = None
    name = ""
    phones: list[str] = []
    area = 0
    move_in: date | None = None
    try:
        room = parse_room_code(cells.get("room"))
    except ValueError as exc:
        reasons.append(str(exc))
    try:
        name = check_name(cells.get("owner"))
    except ValueError as exc:
        reasons.append(str(exc))
    try:
        phones = split_phones(cells.get("phone"))
    except ValueError as exc:
        reasons.append(str(exc))
    try:
        area = parse_area(cells.get("area"))
    except ValueError as exc:
        reasons.append(str(exc))
    try:
        move_in = parse_move_in(cells.get("move_in"))
    except ValueError as exc:
        reasons.append(str(exc))
    if reasons or room is None:
        return room, reasons, None
    return room, reasons, HouseholdRecord(line, room, name, tuple(phones), area, move_in)


def validate_row(cells: Mapping[str, object], line: int) -> HouseholdRecord | RowError:
    """Check one data row whose cells are keyed by field (``room``, ``owner`` … ``move_in``).

    All problems of the row are reported together, joined by ``；``.
    """
    _room, reasons, record = _check_row(cells, line)
    if record is None:
        return RowError(line, "；".join(reasons))
    return record


def validate_rows(
    rows: Iterable[tuple[int, Mapping[str, object]]],
) -> tuple[list[HouseholdRecord], list[RowError]]:
    """Check every row and reject a room code seen on an earlier line.

    The later occurrence is the bad one; its reason names the earlier line.
    """
    records: list[HouseholdRecord] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        room, reasons, record = _check_row(cells, line)
        if room is not None:
            first = seen.get(room.code)
            if first is None:
                seen[room.code] = line
            else:
                reasons.insert(0, f"房号 {room.code} 与第 {first} 行重复")
                record = None
        if record is None:
            errors.append(RowError(line, "；".join(reasons)))
        else:
            records.append(record)
    return records, errors


def is_blank_row(cells: Sequence[object]) -> bool:
    """True for an empty line or one whose cells are all empty (``,,,`` from Excel)."""
    return all(_text(cell) == "" for cell in cells)
