"""``export_payments``: the columns, CSV with BOM, XLSX, formula-safe cells, and bad input."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from frontdesk.errors import PermissionDenied, ValidationError
from frontdesk.services.cashbox import open_drawer
from frontdesk.services.exports import PAYMENT_COLUMNS, export_payments, write_csv
from frontdesk.storage.database import Database
from tests.services.cashbox_fixtures import (
    CASHIER,
    DAY,
    DESK,
    DESK2,
    SUPERVISOR,
    audit_rows,
    bill,
    fee_item,
    household,
    pay,
    pieces,
    reverse,
)

CST = timezone(timedelta(hours=8))


def _payments(db: Database) -> None:
    hh = household(db, "3-2-1201", "刘兵")
    hh2 = household(db, "5-1-0302", '=HYPERLINK("x")')
    wyf, tcf = fee_item(db), fee_item(db, "TCF", "停车费")
    open_drawer(db, CASHIER, DESK, pieces("5x10"), today=DAY)
    pay(  # cash and WeChat, for two months and parking: A…001
        db,
        hh,
        [
            bill(db, hh, wyf, "2026-10", 22400),
            bill(db, hh, wyf, "2026-11", 22400),
            bill(db, hh, tcf, "2026-11", 15000),
        ],
        seq=1,
        tenders=[("cash", 20000), ("wechat", 39800)],
        received="2x100",
        paid_at=datetime(2026, 11, 23, 1, 2, 3, tzinfo=UTC),
    )
    voided = pay(  # cash with change, then voided: A…002
        db,
        hh2,
        [bill(db, hh2, wyf, "2026-11", 10000)],
        seq=2,
        received="1x100 1x20",
        change="2x10",
        paid_at=datetime(2026, 11, 23, 2, 0, 0, tzinfo=UTC),
        receipt_text=json.dumps({"room": "5-1-0302", "owner": "王芳（开票时）"}),
    )
    reverse(db, voided, "void", cash_back="1x100")
    pay(  # the next day, on desk 2, with credit kept: B…001
        db,
        hh,
        [bill(db, hh, tcf, "2026-12", 15000)],
        seq=1,
        desk=DESK2,
        series="B",
        on=DAY + timedelta(days=1),
        tenders=[("alipay", 20000)],
        credit_added_fen=5000,
        paid_at=datetime(2026, 11, 24, 0, 30, 0, tzinfo=UTC),
    )
    pay(  # out of range
        db,
        hh,
        [bill(db, hh, wyf, "2026-12", 22400)],
        seq=3,
        on=DAY + timedelta(days=5),
        tenders=[("transfer", 22400)],
    )


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_csv_export(db: Database, tmp_path: Path) -> None:
    _payments(db)
    out = tmp_path / "payments.csv"
    n = export_payments(db, SUPERVISOR, start=DAY, end=DAY + timedelta(days=1), out=out, tz=CST)
    assert n == 3
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _read_csv(out)
    assert rows[0] == list(PAYMENT_COLUMNS)
    assert rows[0] == [
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
    ]
    assert rows[1] == [
        "A2026-000001",
        "前台1",
        "C001",
        "2026-11-23 09:02:03",
        "3-2-1201",
        "刘兵",
        "物业管理费 2026-10、2026-11；停车费 2026-11",
        "现金+微信支付",
        "598.00",
        "598.00",
        "0.00",
        "正常",
    ]
    assert rows[2] == [
        "A2026-000002",
        "前台1",
        "C001",
        "2026-11-23 10:00:00",
        "5-1-0302",
        "王芳（开票时）",  # as printed on the receipt
        "物业管理费 2026-11",
        "现金",
        "100.00",
        "120.00",
        "20.00",
        "作废",
    ]
    assert rows[3][:2] == ["B2026-000001", "前台2"]
    assert rows[3][6:] == ["停车费 2026-12；预存款", "支付宝", "200.00", "200.00", "0.00", "正常"]
    (event,) = audit_rows(db, "export.payments")
    assert json.loads(event.details)["rows"] == 3 and event.actor == "S001"


def test_formula_like_text_is_escaped(db: Database, tmp_path: Path) -> None:
    hh = household(db, "1-1-0101", '=HYPERLINK("http://x")')
    pay(db, hh, [bill(db, hh, fee_item(db), "2026-11", 100)], seq=1, tenders=[("wechat", 100)])
    out = tmp_path / "p.csv"
    export_payments(db, SUPERVISOR, start=DAY, end=DAY, out=out)
    assert _read_csv(out)[1][5] == '\'=HYPERLINK("http://x")'
    xlsx = tmp_path / "p.xlsx"
    export_payments(db, SUPERVISOR, start=DAY, end=DAY, out=xlsx)
    book = openpyxl.load_workbook(xlsx)
    cell = book.active["F2"]
    assert cell.value == '\'=HYPERLINK("http://x")' and cell.data_type == "s"


def test_xlsx_export(db: Database, tmp_path: Path) -> None:
    _payments(db)
    out = tmp_path / "Payments.XLSX"
    assert export_payments(db, SUPERVISOR, start=DAY, end=DAY, out=out, tz=CST) == 2
    book = openpyxl.load_workbook(out)
    ws = book.active
    assert ws is not None
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == list(PAYMENT_COLUMNS)
    assert rows[1][:8] == [
        "A2026-000001",
        "前台1",
        "C001",
        "2026-11-23 09:02:03",
        "3-2-1201",
        "刘兵",
        "物业管理费 2026-10、2026-11；停车费 2026-11",
        "现金+微信支付",
    ]
    assert [Decimal(str(v)) for v in rows[1][8:11]] == [Decimal("598"), Decimal("598"), 0]
    assert rows[2][11] == "作废" and Decimal(str(rows[2][10])) == Decimal("20")
    assert ws["I2"].number_format == "0.00" and ws["I2"].data_type == "n"
    assert not any(isinstance(v, str) for v in rows[1][8:11])


def test_empty_range_writes_the_header(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "none.csv"
    assert export_payments(db, SUPERVISOR, start=DAY, end=DAY, out=out) == 0
    assert _read_csv(out) == [list(PAYMENT_COLUMNS)]


@pytest.mark.parametrize(
    ("name", "start_offset", "needle"),
    [
        ("p.csv", 1, "晚于结束日期"),
        ("p.xls", 0, "不支持的文件类型"),
        ("p.txt", 0, r"\.csv 或 \.xlsx"),
        ("payments", 0, "不支持的文件类型"),
    ],
)
def test_bad_export_requests_write_nothing(
    db: Database, tmp_path: Path, name: str, start_offset: int, needle: str
) -> None:
    out = tmp_path / name
    with pytest.raises(ValidationError, match=needle):
        export_payments(db, SUPERVISOR, start=DAY + timedelta(days=start_offset), end=DAY, out=out)
    assert not out.exists()
    assert audit_rows(db, "export.payments") == []


def test_export_is_a_supervisor_act(db: Database, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        export_payments(db, CASHIER, start=DAY, end=DAY, out=tmp_path / "p.csv")
    assert not (tmp_path / "p.csv").exists()


def test_unwritable_target_leaves_the_old_file(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="目录不存在"):
        write_csv(tmp_path / "missing" / "x.csv", [["a"]])
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "x.csv"
    target.write_text("old", encoding="utf-8")

    def rows() -> object:
        yield ["a"]
        raise OSError(28, "No space left on device")

    with pytest.raises(ValidationError, match="无法写入文件"):
        write_csv(target, rows())  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in folder.iterdir()] == ["x.csv"]  # no temporary file left


def test_csv_numbers_stay_numbers() -> None:
    from frontdesk.services.exports import _csv_cell

    assert _csv_cell("-12.50") == "-12.50"
    assert _csv_cell("-12.5x") == "'-12.5x"
    assert _csv_cell("+86 138") == "'+86 138"
    assert _csv_cell(None) == ""
