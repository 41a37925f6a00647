"""Exports for the office's spreadsheets: ``export_payments`` and the CSV / XLSX writers.

Files are written to a temporary name next to the target and then moved into place,
so a failure never leaves half a file. CSV is UTF-8 with a BOM (Excel then shows the
Chinese); every text cell goes through :func:`frontdesk.services.spreadsheet.safe_cell`
so nothing is taken as a formula. Amounts are yuan with two decimals.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.domain.dayclose import PAYMENT_STATUS_LABELS, local_day_bounds, method_label
from frontdesk.domain.money import fen_to_yuan_str
from frontdesk.errors import ValidationError
from frontdesk.services import audit
from frontdesk.services.spreadsheet import safe_cell
from frontdesk.services.users import Actor, require
from frontdesk.storage.database import Database
from frontdesk.storage.models import (
    Allocation,
    Bill,
    FeeItem,
    Household,
    Owner,
    Payment,
    PaymentTender,
    Room,
)

EXPORT_SUFFIXES = (".csv", ".xlsx")
PAYMENT_COLUMNS = (
    "receipt_no",
    "desk",
    "cashier",
    "paid_at",
    "room",
    "owner",
    "items",
    "method",
    "amount",
    "tendered",
    "change",
    "status",
)
_AMOUNT_COLUMNS = frozenset({8, 9, 10})
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_BATCH = 1000


def export_payments(
    db: Database,
    actor: Actor,
    *,
    start: date,
    end: date,
    out: Path,
    tz: tzinfo | None = None,
) -> int:
    """Write the payments of business dates ``start``..``end`` (inclusive) to ``out``.

    ``.csv`` or ``.xlsx`` by the file's extension; columns :data:`PAYMENT_COLUMNS`, one
    row per payment (voided and refunded ones too, marked in ``status``), oldest first.
    A split payment has its method labels joined by ``+`` (``现金+微信支付``);
    ``tendered`` is everything handed over (cash given plus the other methods), so
    ``tendered − change = amount``. ``paid_at`` is local time (``tz``, default the
    computer's zone). Returns the number of payment rows written.

    Raises:
        PermissionDenied: the actor is not a supervisor or admin.
        ValidationError: ``start`` after ``end``, an unknown extension, or a file that
            cannot be written.
    """
    spec = ExportSpec(PAYMENT_COLUMNS, "收款明细", "export.payments", "payment", _AMOUNT_COLUMNS)
    return run_export(
        db,
        actor,
        spec,
        start=start,
        end=end,
        out=out,
        rows=lambda s: _payment_rows(s, start, end, tz),
    )


@dataclass(frozen=True)
class ExportSpec:
    """What a dated export writes: its columns, sheet name, amount columns and audit names."""

    columns: Sequence[str]
    sheet: str
    action: str  # the audit action, e.g. ``export.visits``
    entity: str  # the audit entity, e.g. ``home_visit``
    amount_columns: frozenset[int] = frozenset()


def run_export(
    db: Database,
    actor: Actor,
    spec: ExportSpec,
    *,
    start: date,
    end: date,
    out: Path,
    rows: Callable[[Session], Iterable[list[object]]],
) -> int:
    """A supervisor's export of ``start``..``end`` to ``out``: checks, writes, audits.

    ``rows(session)`` yields the data rows inside one read session; the file is
    ``.csv`` or ``.xlsx`` by its extension and replaces ``out`` only when complete.
    Returns the number of data rows written.

    Raises:
        PermissionDenied: not a supervisor or admin (exports are a supervisor's act).
        ValidationError: ``start`` after ``end``, an unknown extension, or a file that
            cannot be written.
    """
    require(actor, "supervisor")
    if start > end:
        raise ValidationError(
            f"开始日期 {start.isoformat()} 晚于结束日期 {end.isoformat()}，请检查日期范围。"
        )
    suffix = _checked_suffix(out)
    counter = [0]

    def counted() -> Iterator[list[object]]:
        with db.read() as s:
            for row in rows(s):
                counter[0] += 1
                yield row

    if suffix == ".csv":
        write_csv(out, _with_header(spec.columns, counted()))
    else:
        write_xlsx(
            out, spec.columns, counted(), sheet=spec.sheet, amount_columns=spec.amount_columns
        )
    with db.begin() as s:
        audit.record(
            s,
            actor.staff_no,
            spec.action,
            spec.entity,
            "",
            {
                "from": start.isoformat(),
                "to": end.isoformat(),
                "rows": counter[0],
                "file": out.name,
            },
        )
    return counter[0]


# ---------------------------------------------------------------- writers


def write_csv(path: Path, rows: Iterable[Sequence[object]]) -> None:
    """Write rows as CSV (UTF-8 with BOM, CRLF); text cells are made formula-safe.

    A cell that is a plain number (``-12.50``) is written as it is, so a negative
    amount stays a number; everything else goes through ``safe_cell``.

    Raises:
        ValidationError: the file cannot be written (the target is left alone).
    """
    with _replacing(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])


def write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    sheet: str = "Sheet1",
    amount_columns: frozenset[int] = _AMOUNT_COLUMNS,
) -> None:
    """Write an .xlsx workbook; cells in ``amount_columns`` become numbers shown ``0.00``.

    Raises:
        ValidationError: the file cannot be written (the target is left alone).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    ws: Any = book.create_sheet(sheet)
    ws.append(list(header))
    for row in rows:
        cells: list[object] = []
        for i, value in enumerate(row):
            if i in amount_columns and isinstance(value, str) and _NUMBER.fullmatch(value):
                cell = WriteOnlyCell(ws, value=Decimal(value))
                cell.number_format = "0.00"
                cells.append(cell)
            else:
                cells.append(safe_cell(value))
        ws.append(cells)
    with _replacing(path) as tmp:
        book.save(tmp)


def _csv_cell(value: object) -> str:
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        return value
    return safe_cell(value)


def _with_header(header: Sequence[str], rows: Iterable[list[object]]) -> Iterator[list[object]]:
    yield list(header)
    yield from rows


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary file next to ``path`` that replaces it when the block succeeds."""
    if not path.parent.is_dir():
        raise ValidationError(f"目录不存在：{path.parent}")
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        raise ValidationError(f"无法写入文件 {path}：{exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _checked_suffix(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ValidationError(
            f"不支持的文件类型“{out.suffix or out.name}”：导出文件须以 .csv 或 .xlsx 结尾。"
        )
    return suffix


# ---------------------------------------------------------------- payment rows


def _payment_rows(s: Session, start: date, end: date, tz: tzinfo | None) -> Iterator[list[object]]:
    # paid_at is indexed; the business date decides, the paid_at window only narrows.
    low, _ = local_day_bounds(start - timedelta(days=1), tz)
    _, high = local_day_bounds(end + timedelta(days=1), tz)
    query = (
        select(Payment, Room.code)
        .join(Household, Household.id == Payment.household_id)
        .join(Room, Room.id == Household.room_id)
        .where(
            Payment.paid_at >= low,
            Payment.paid_at < high,
            Payment.business_date >= start,
            Payment.business_date <= end,
        )
        .order_by(Payment.paid_at, Payment.id)
        .execution_options(yield_per=_BATCH)
    )
    for batch in s.execute(query).partitions():
        payments = [(p, room) for p, room in batch]
        ids = [p.id for p, _ in payments]
        tenders = _tenders(s, ids)
        items = _items(s, ids)
        owners = _owners(s, {p.household_id for p, _ in payments})
        for p, room in payments:
            yield _payment_row(p, room, tenders.get(p.id, []), items.get(p.id, []), owners, tz)


def _payment_row(
    p: Payment,
    room: str,
    tenders: list[tuple[str, int]],
    items: list[tuple[str, str]],
    owners: dict[int, str],
    tz: tzinfo | None,
) -> list[object]:
    issued = _receipt_fields(p.receipt_text)
    methods = "+".join(method_label(m) for m in dict.fromkeys(m for m, _ in tenders))
    other = sum(fen for m, fen in tenders if m != "cash")
    item_text = _items_text(items) + ("；预存款" if p.credit_added_fen and items else "")
    if p.credit_added_fen and not items:
        item_text = "预存款"
    return [
        p.receipt_no,
        p.desk,
        p.cashier_staff_no,
        p.paid_at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"),
        issued.get("room") or room,
        issued.get("owner") or owners.get(p.household_id, ""),
        item_text,
        methods,
        fen_to_yuan_str(p.total_fen),
        fen_to_yuan_str(p.tendered_fen + other),
        fen_to_yuan_str(p.change_fen),
        PAYMENT_STATUS_LABELS.get(p.status, p.status),
    ]


def _receipt_fields(text: str) -> dict[str, str]:
    """Room and owner as printed on the receipt (they may have changed since)."""
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: data[k] for k in ("room", "owner") if isinstance(data.get(k), str)}


def _items_text(items: list[tuple[str, str]]) -> str:
    """``物业管理费 2026-09、2026-10；停车费 2026-11``."""
    periods: dict[str, list[str]] = {}
    for name, period in items:
        periods.setdefault(name, []).append(period)
    return "；".join(f"{name} {'、'.join(ps)}" for name, ps in periods.items())


def _tenders(s: Session, ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    out: dict[int, list[tuple[str, int]]] = {}
    for pid, method, fen in s.execute(
        select(PaymentTender.payment_id, PaymentTender.method, PaymentTender.amount_fen)
        .where(PaymentTender.payment_id.in_(ids))
        .order_by(PaymentTender.id)
    ):
        out.setdefault(pid, []).append((method, fen))
    return out


def _items(s: Session, ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = {}
    for pid, name, period in s.execute(
        select(Allocation.payment_id, FeeItem.name, Bill.period)
        .join(Bill, Bill.id == Allocation.bill_id)
        .join(FeeItem, FeeItem.id == Bill.fee_item_id)
        .where(Allocation.payment_id.in_(ids))
        .order_by(Allocation.id)
    ):
        out.setdefault(pid, []).append((name, period))
    return out


def _owners(s: Session, household_ids: set[int]) -> dict[int, str]:
    names: dict[int, list[str]] = {}
    for hid, name in s.execute(
        select(Owner.household_id, Owner.name)
        .where(Owner.household_id.in_(sorted(household_ids)))
        .order_by(Owner.household_id, Owner.primary.desc(), Owner.id)
    ):
        names.setdefault(hid, []).append(name)
    return {hid: "、".join(ns) for hid, ns in names.items()}
