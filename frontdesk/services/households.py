"""Import households from a CSV or Excel file.

``read_household_file`` reads the file into rows with their line numbers;
``import_households`` checks every row and writes the good ones in one
transaction. By default one bad row stops the whole import (nothing is
written); with ``skip_bad`` the good rows go in and the bad ones are written to
``<name>.rejected.csv`` beside the input. Importing the same file twice changes
nothing: rooms are matched by room code, and an existing household is only
touched when its owner, phones, area or move-in date differ (each such change
is audited with the old and new values).

The writes are bulk statements over the rooms named in the file (a few
queries per thousand rows, never a query per row), so tens of thousands of
rows import in seconds.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.config import AppSettings
from frontdesk.domain.households import (
    FIELD_LABELS,
    FIELDS,
    HeaderMap,
    HouseholdRecord,
    RowError,
    is_blank_row,
    join_phone_cells,
    map_headers,
    pinyin_initials,
    reversed_digits,
    validate_rows,
)
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.spreadsheet import safe_cell, unescape_cell
from frontdesk.services.users import Actor, require
from frontdesk.storage.base import Base, utcnow
from frontdesk.storage.database import Database
from frontdesk.storage.models import Building, Estate, Household, Owner, OwnerPhone, Room

DEFAULT_ESTATE = AppSettings().estate_name
ENCODING_MESSAGE = (
    "文件编码无法识别：请在 Excel 中“另存为” CSV UTF-8（逗号分隔）或 CSV（逗号分隔）"
    "或 Excel 工作簿（.xlsx）后再导入。"
)
_SHOWN_ERRORS = 5
_CHUNK = 500  # keys per IN (...) query: well under every backend's parameter limit
_HEADER_SEARCH = 10  # a title row or two above the header is tolerated
_SYMBOL_LEADS = range(0xA1, 0xAA)  # GBK punctuation and symbols (㎡, ·, —)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Control characters (other than tab and line ends), C1 controls and private use.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x80-\x9f\ue000-\uf8ff]")


@dataclass(frozen=True)
class SourceRow:
    """One non-blank data row as read: its line (CSV line / sheet row) and raw cells."""

    line: int
    cells: tuple[object, ...]


@dataclass(frozen=True)
class ImportFile:
    """An import file read into memory: the header, where each field is, and the rows."""

    path: Path
    encoding: str  # "utf-8", "utf-8-sig", "gb18030" or "xlsx"
    header: tuple[object, ...]
    header_line: int
    columns: dict[str, int]
    rows: tuple[SourceRow, ...]
    phone_columns: tuple[int, ...] = ()

    def cells(self, row: SourceRow) -> dict[str, object]:
        """The row's cells keyed by field name (``room``, ``owner`` …)."""
        found: dict[str, object] = {
            name: row.cells[index] if index < len(row.cells) else None
            for name, index in self.columns.items()
        }
        if len(self.phone_columns) > 1:
            found["phone"] = join_phone_cells(
                row.cells[i] for i in self.phone_columns if i < len(row.cells)
            )
        return found


@dataclass(frozen=True)
class ImportResult:
    """What an import did, and where the rejected rows were written (if any)."""

    created: int
    updated: int
    unchanged: int
    rejected: int
    rejected_file: Path | None
    errors: tuple[RowError, ...] = field(default=(), repr=False)


class ImportRejected(ValidationError):
    """The file has bad rows and ``skip_bad`` was not given; nothing was written."""

    def __init__(self, message: str, errors: Sequence[RowError]) -> None:
        super().__init__(message)
        self.errors = tuple(errors)


# --------------------------------------------------------------------------- reading


def read_household_file(path: Path | str) -> ImportFile:
    """Read a ``.csv`` (UTF-8, UTF-8 with BOM or GB18030) or ``.xlsx`` household list.

    Blank lines are skipped but counted, so every row keeps the line number the
    user sees in a text editor (CSV) or in Excel (sheet row number).

    Raises:
        ValidationError: missing file, unsupported type, unreadable encoding,
            or a header without the required columns.
    """
    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        encoding, lines = "xlsx", _xlsx_rows(path)
    elif suffix == ".xls":
        raise ValidationError(
            "不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入。"
        )
    elif suffix in (".csv", ".txt"):
        encoding, lines = _csv_rows(path)
    else:
        raise ValidationError(f"只能导入 .csv 或 .xlsx 文件：{path.name}")
    return _with_header(path, encoding, lines)


def _with_header(path: Path, encoding: str, lines: list[SourceRow]) -> ImportFile:
    if not lines:
        raise ValidationError(f"文件是空的：{path.name}")
    header_index, best = 0, map_headers(lines[0].cells)
    for index, row in enumerate(lines[:_HEADER_SEARCH]):
        found = map_headers(row.cells)
        if len(found.columns) > len(best.columns):
            header_index, best = index, found
        if found.ok:
            break
    header = lines[header_index]
    if not best.ok:
        raise ValidationError(_header_problem(best, header.line))
    return ImportFile(
        path=path,
        encoding=encoding,
        header=header.cells,
        header_line=header.line,
        columns=best.columns,
        rows=tuple(lines[header_index + 1 :]),
        phone_columns=best.phone_columns,
    )


def _header_problem(found: HeaderMap, line: int) -> str:
    names = "、".join(FIELD_LABELS[f] for f in FIELDS)
    return f"{found.problem()}。表头在第 {line} 行，应包含这些列：{names}（入住日期可省略）。"


def _csv_rows(path: Path) -> tuple[str, list[SourceRow]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"无法读取文件：{path}（{exc.strerror or exc}）") from exc
    encoding, text = _decode(data)
    # Excel's "Text (tab delimited)" uses tabs; everything else here is comma-separated.
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[SourceRow] = []
    previous = 0
    try:
        for cells in reader:
            line = previous + 1  # a quoted cell may span lines: the row starts here
            previous = reader.line_num
            if is_blank_row(cells):
                continue
            rows.append(SourceRow(line, tuple(unescape_cell(c) for c in cells)))
    except csv.Error as exc:
        raise ValidationError(f"第 {reader.line_num} 行：CSV 格式错误（{exc}）。") from exc
    return encoding, rows


def _decode(data: bytes) -> tuple[str, str]:
    """Decode the whole file strictly: UTF-8 (with or without BOM), else GB18030."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        raise ValidationError(ENCODING_MESSAGE)  # UTF-16/32 ("Unicode text" in Excel)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        return ("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"), text
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ValidationError(ENCODING_MESSAGE) from None
    if not _plausible_chinese(text):
        raise ValidationError(ENCODING_MESSAGE)
    return "gb18030", text


def _plausible_chinese(text: str) -> bool:
    """Reject text that only decodes as GB18030 by accident (e.g. Latin-1 'Hélène').

    Such bytes become rare or traditional characters, private-use or control
    codes; real Chinese office data is almost all GB2312 characters and symbols.
    """
    if _NOT_TEXT.search(text):
        return False
    counts = Counter(_NON_ASCII.findall(text))  # C speed; a few thousand distinct characters
    non_ascii = sum(counts.values())
    odd = sum(n for ch, n in counts.items() if not _common_gb(ch))
    return odd < 2 or odd * 4 <= non_ascii * 3


def _common_gb(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        try:
            raw = ch.encode("gbk")
        except UnicodeEncodeError:
            return False
        return len(raw) == 2 and raw[0] in _SYMBOL_LEADS
    return True


def _xlsx_rows(path: Path) -> list[SourceRow]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            # Workbooks from other programs often lack styles; irrelevant here.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ValidationError(
            f"无法读取 Excel 文件 {path.name}：文件已损坏或不是 .xlsx 格式。"
        ) from exc
    rows: list[SourceRow] = []
    try:
        if not book.worksheets:
            return rows
        sheet = book.worksheets[0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Read-only sheets fill skipped rows with empty ones, so this is the row number.
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if is_blank_row(values):
                    continue
                rows.append(SourceRow(number, tuple(unescape_cell(v) for v in values)))
    finally:
        book.close()
    return rows


def validate_file(source: ImportFile) -> tuple[list[HouseholdRecord], list[RowError]]:
    """Check every row of a read file; duplicates of an earlier room code are errors."""
    return validate_rows((row.line, source.cells(row)) for row in source.rows)


# --------------------------------------------------------------------------- importing


def import_households(
    db: Database,
    actor: Actor,
    path: Path | str,
    *,
    skip_bad: bool = False,
    estate_name: str = DEFAULT_ESTATE,
) -> ImportResult:
    """Import (or update) households from a CSV or Excel file in one transaction.

    Args:
        db: the database.
        actor: who imports; must be an administrator.
        path: the ``.csv`` or ``.xlsx`` file.
        skip_bad: import the good rows and write the bad ones to
            ``<stem>.rejected.csv`` beside the input, instead of importing nothing.
        estate_name: the estate new buildings are created under.

    Raises:
        ImportRejected: some rows are bad and ``skip_bad`` is false (nothing written).
        ValidationError: the file cannot be read, or has no usable header or rows.
        PermissionDenied: the actor is not an administrator.
    """
    require(actor, "admin")
    source = read_household_file(path)
    if not source.rows:
        raise ValidationError(f"文件只有表头，没有数据行：{source.path.name}")
    records, errors = validate_file(source)
    if errors and not skip_bad:
        raise ImportRejected(_rejected_message(errors), errors)
    rejected_file = _write_rejected(source, errors) if errors else None
    if not records:
        return ImportResult(0, 0, 0, len(errors), rejected_file, tuple(errors))
    try:
        with db.begin() as s:
            created, updated, unchanged = _apply(s, actor, records, estate_name)
            if created or updated:
                audit.record(
                    s,
                    actor.staff_no,
                    "households.import",
                    "file",
                    source.path.name[:64],
                    {
                        "file": source.path.name,
                        "encoding": source.encoding,
                        "created": created,
                        "updated": updated,
                        "unchanged": unchanged,
                        "rejected": len(errors),
                    },
                )
    except IntegrityError as exc:
        # Only when another desk adds the same rooms at the same moment (PostgreSQL).
        raise ValidationError(
            "导入时有人同时修改了相同的房屋，未导入任何数据，请重新导入。"
        ) from exc
    return ImportResult(created, updated, unchanged, len(errors), rejected_file, tuple(errors))


def _rejected_message(errors: Sequence[RowError]) -> str:
    shown = "；".join(f"第 {e.line} 行：{e.reason}" for e in errors[:_SHOWN_ERRORS])
    more = f"；另有 {len(errors) - _SHOWN_ERRORS} 行有误" if len(errors) > _SHOWN_ERRORS else ""
    return f"导入文件中有 {len(errors)} 行有误，未导入任何数据。{shown}{more}。"


def _write_rejected(source: ImportFile, errors: Sequence[RowError]) -> Path:
    """Write the bad rows with their line and reason, UTF-8 with BOM so Excel opens it."""
    target = source.path.with_name(source.path.stem + ".rejected.csv")
    by_line = {row.line: row for row in source.rows}
    width = max([len(source.header)] + [len(by_line[e.line].cells) for e in errors])
    header = [safe_cell(c) for c in source.header] + [""] * (width - len(source.header))
    try:
        with target.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([*header, "line", "reason"])
            for error in errors:
                cells = [safe_cell(c) for c in by_line[error.line].cells]
                cells += [""] * (width - len(cells))
                writer.writerow([*cells, str(error.line), safe_cell(error.reason)])
    except OSError as exc:
        raise ValidationError(f"无法写入错误行文件 {target}：{exc.strerror or exc}") from exc
    return target


@dataclass
class _Existing:
    """What the database holds for one room code named in the file."""

    room_id: int
    area: int
    household_id: int | None = None
    move_in: date | None = None
    owner_id: int | None = None
    owner_name: str | None = None
    phones: tuple[str, ...] = ()


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _load_existing(s: Session, codes: Sequence[str]) -> dict[str, _Existing]:
    """Rooms, households, primary owners and phones for ``codes``, a few queries per chunk."""
    found: dict[str, _Existing] = {}
    for chunk in _chunks(codes):
        for room_id, code, area in s.execute(
            select(Room.id, Room.code, Room.area_centi_m2).where(Room.code.in_(chunk))
        ):
            found[code] = _Existing(room_id, area)
    by_room = {e.room_id: e for e in found.values()}
    for chunk in _chunks(list(by_room)):
        for hid, room_id, move_in in s.execute(
            select(Household.id, Household.room_id, Household.move_in_date).where(
                Household.room_id.in_(chunk)
            )
        ):
            by_room[room_id].household_id = hid
            by_room[room_id].move_in = move_in
    by_household = {e.household_id: e for e in found.values() if e.household_id is not None}
    for chunk in _chunks(list(by_household)):
        owners = s.execute(
            select(Owner.id, Owner.household_id, Owner.name, Owner.primary)
            .where(Owner.household_id.in_(chunk))
            .order_by(Owner.household_id, Owner.primary.desc(), Owner.id)
        )
        for oid, hid, name, _primary in owners:
            entry = by_household[hid]
            if entry.owner_id is None:  # the primary owner, else the oldest
                entry.owner_id, entry.owner_name = oid, name
    by_owner = {e.owner_id: e for e in found.values() if e.owner_id is not None}
    phones: dict[int, list[str]] = {}
    for chunk in _chunks(list(by_owner)):
        for oid, number in s.execute(
            select(OwnerPhone.owner_id, OwnerPhone.number)
            .where(OwnerPhone.owner_id.in_(chunk))
            .order_by(OwnerPhone.owner_id, OwnerPhone.position, OwnerPhone.id)
        ):
            phones.setdefault(oid, []).append(number)
    for oid, numbers in phones.items():
        by_owner[oid].phones = tuple(numbers)
    return found


def _estate_id(s: Session, name: str) -> int:
    estate_id = s.scalar(select(Estate.id).where(Estate.name == name))
    if estate_id is None:
        estate_id = s.scalar(insert(Estate).values(name=name).returning(Estate.id))
    assert estate_id is not None
    return int(estate_id)


def _building_ids(s: Session, estate_id: int, codes: set[str]) -> dict[str, int]:
    """Ids of the estate's buildings with ``codes``, creating the missing ones."""
    ids: dict[str, int] = {}
    wanted = sorted(codes)
    for chunk in _chunks(wanted):
        for bid, code in s.execute(
            select(Building.id, Building.code).where(
                Building.estate_id == estate_id, Building.code.in_(chunk)
            )
        ):
            ids[code] = bid
    missing = [c for c in wanted if c not in ids]
    rows = [{"estate_id": estate_id, "code": c} for c in missing]
    ids.update(zip(missing, bulk_insert(s, Building, rows, ("code",)), strict=True))
    return ids


def _apply(
    s: Session, actor: Actor, records: Sequence[HouseholdRecord], estate_name: str
) -> tuple[int, int, int]:
    now = utcnow()
    existing = _load_existing(s, [r.room.code for r in records])

    # New rooms (and the buildings they need).
    new_rooms = [r for r in records if r.room.code not in existing]
    room_ids = {code: e.room_id for code, e in existing.items()}
    if new_rooms:
        buildings = _building_ids(
            s, _estate_id(s, estate_name), {r.room.building for r in new_rooms}
        )
        rows = [
            {
                "building_id": buildings[r.room.building],
                "unit": r.room.unit,
                "number": r.room.number,
                "code": r.room.code,
                "area_centi_m2": r.area_centi_m2,
            }
            for r in new_rooms
        ]
        new_ids = bulk_insert(s, Room, rows, ("code",))
        room_ids.update(zip((r.room.code for r in new_rooms), new_ids, strict=True))

    # New households: in new rooms, or in existing rooms that have none.
    to_create = [
        r
        for r in records
        if r.room.code not in existing or existing[r.room.code].household_id is None
    ]
    area_fixes = [
        {"id": existing[r.room.code].room_id, "area_centi_m2": r.area_centi_m2}
        for r in to_create
        if r.room.code in existing and existing[r.room.code].area != r.area_centi_m2
    ]
    hh_rows = [
        {
            "room_id": room_ids[r.room.code],
            "move_in_date": r.move_in,
            "occupied": True,
            "created_at": now,
            "updated_at": now,
        }
        for r in to_create
    ]
    household_ids = bulk_insert(s, Household, hh_rows, ("room_id",))
    owner_rows = [
        {
            "household_id": household_id,
            "name": r.owner_name,
            "initials": pinyin_initials(r.owner_name),
            "primary": True,
        }
        for r, household_id in zip(to_create, household_ids, strict=True)
    ]
    owner_ids = bulk_insert(s, Owner, owner_rows, ("household_id",))
    phone_rows = [
        _phone_row(owner_id, number, position)
        for r, owner_id in zip(to_create, owner_ids, strict=True)
        for position, number in enumerate(r.phones)
    ]

    # Existing households: update only what differs, one audit row each.
    updated = unchanged = 0
    room_updates: list[dict[str, Any]] = list(area_fixes)
    household_updates: list[dict[str, Any]] = []
    owner_updates: list[dict[str, Any]] = []
    replaced_phones: list[int] = []
    for r in records:
        entry = existing.get(r.room.code)
        if entry is None or entry.household_id is None:
            continue
        old: dict[str, Any] = {}
        new: dict[str, Any] = {}
        if entry.owner_name != r.owner_name:
            old["owner"], new["owner"] = entry.owner_name, r.owner_name
        if entry.phones != r.phones:
            old["phones"], new["phones"] = list(entry.phones), list(r.phones)
        if entry.area != r.area_centi_m2:
            old["area_centi_m2"], new["area_centi_m2"] = entry.area, r.area_centi_m2
            room_updates.append({"id": entry.room_id, "area_centi_m2": r.area_centi_m2})
        # An empty move-in cell means "not given", never "clear the date".
        if r.move_in is not None and entry.move_in != r.move_in:
            old["move_in"], new["move_in"] = entry.move_in, r.move_in
        if not new:
            unchanged += 1
            continue
        updated += 1
        household_updates.append(
            {"id": entry.household_id, "updated_at": now}
            | ({"move_in_date": r.move_in} if "move_in" in new else {})
        )
        owner_id = entry.owner_id
        if owner_id is None:
            owner_id = s.scalar(
                insert(Owner)
                .values(
                    household_id=entry.household_id,
                    name=r.owner_name,
                    initials=pinyin_initials(r.owner_name),
                    primary=True,
                )
                .returning(Owner.id)
            )
            assert owner_id is not None
        elif "owner" in new:
            owner_updates.append(
                {"id": owner_id, "name": r.owner_name, "initials": pinyin_initials(r.owner_name)}
            )
        if "phones" in new or entry.owner_id is None:
            replaced_phones.append(owner_id)
            phone_rows.extend(_phone_row(owner_id, n, i) for i, n in enumerate(r.phones))
        audit.record(
            s,
            actor.staff_no,
            "household.update",
            "household",
            entry.household_id,
            {"room": r.room.code, "old": old, "new": new, "line": r.line},
        )

    if room_updates:
        s.execute(update(Room), room_updates)
    if household_updates:
        # Bulk UPDATE by primary key needs the same keys in every row.
        with_date = [u for u in household_updates if "move_in_date" in u]
        without = [u for u in household_updates if "move_in_date" not in u]
        for batch in (with_date, without):
            if batch:
                s.execute(update(Household), batch)
    if owner_updates:
        s.execute(update(Owner), owner_updates)
    for chunk in _chunks(replaced_phones):
        s.execute(delete(OwnerPhone).where(OwnerPhone.owner_id.in_(chunk)))
    bulk_insert(s, OwnerPhone, phone_rows)
    return len(to_create), updated, unchanged


def bulk_insert(
    s: Session, model: type[Base], rows: Sequence[Mapping[str, Any]], key: tuple[str, ...] = ()
) -> list[int]:
    """Insert many rows fast and, given ``key``, return their new ids in row order.

    Core ``INSERT … RETURNING`` in batches ("insertmanyvalues"): about twice as
    fast as the ORM's bulk insert, which also splits the rows into a new batch
    whenever the set of NULL columns changes. The ids are matched back through
    ``key``, columns unique among ``rows``, because asking for them in
    parameter order makes SQLite fall back to one statement per row. Every row
    must have the same keys.
    """
    if not rows:
        return []
    table = cast(Table, model.__table__)
    if not key:
        s.execute(insert(table), rows)
        return []
    columns = [table.c[name] for name in key]
    result = s.execute(insert(table).returning(table.c.id, *columns), rows)
    ids = {tuple(row[1:]): int(row[0]) for row in result}
    return [ids[tuple(row[name] for name in key)] for row in rows]


def _phone_row(owner_id: int, number: str, position: int) -> dict[str, Any]:
    return {
        "owner_id": owner_id,
        "number": number,
        "reversed_digits": reversed_digits(number),
        "position": position,
    }
