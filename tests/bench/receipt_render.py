"""Building and encoding one receipt: ``receipt_bytes`` for an 80 mm printer.

Each run lays out and encodes a realistic receipt (four fee lines with their
standards, a late fee, cash and a transfer, change, a QR code with its own
verification code, the drawer kick and the cut) into ESC/POS bytes. Median of
many runs; goal at most 5 ms. The reference, in the same run: python-escpos
``Dummy().text()`` of the same receipt's plain text (its own encoder and no
layout), which is what printing through python-escpos's text API costs.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from tests.bench.common import Result, median, p95, private_environment

GOAL_MS = 5.0


def _receipt(n: int):  # type: ignore[no-untyped-def]
    from frontdesk.domain.receipt import ReceiptContent, ReceiptLine

    standard = "2.50 ¥/m²/月 × 89.60 m² = 224.00"
    return ReceiptContent(
        receipt_no=f"A2026-{n:06d}",
        estate="示例花园",
        desk="前台1",
        cashier_staff_no="C001",
        cashier_name="张三",
        issued_at=datetime(2026, 3, 5, 2, 7, tzinfo=UTC),
        room="3-2-1201",
        owner="刘兵、王芳",
        lines=(
            ReceiptLine("物业管理费", "2026-01", standard, 22400, 112),
            ReceiptLine("物业管理费", "2026-02", standard, 22400, 0),
            ReceiptLine("物业管理费", "2026-03", standard, 22400, 0),
            ReceiptLine("垃圾清运费", "2026-01~2026-03", "10.00 ¥/月 × 3 = 30.00", 3000, 0),
        ),
        total_fen=70310,
        methods=(("现金", 50310, ""), ("银行转账", 20000, "TX20260305-0001")),
        tendered_fen=60000,
        change_fen=9690,
        prepay_balance_after_fen=1500,
        rounding_fen=-2,
        due_fen=70312,
    )


def run(quick: bool) -> Result:
    runs = 300 if quick else 3000
    with private_environment() as root:
        from escpos.printer import Dummy

        from frontdesk.config import PrinterSettings
        from frontdesk.printing.templates import load_template
        from frontdesk.printing.thermal import receipt_bytes, receipt_lines

        settings = PrinterSettings(connection="network", host="127.0.0.1", width=48)
        template, _ = load_template(settings, Path(root))
        template = replace(template, hotline="0755-8888 6666")
        receipts = [_receipt(n) for n in range(runs)]
        codes = [f"A2026-{n:06d}.70310.K7QH{n:04d}" for n in range(runs)]
        plain = "\n".join(receipt_lines(receipts[0], template)) + "\n"
        for n in range(20):  # warm up: imports, caches
            receipt_bytes(receipts[n], settings, template, verification_code=codes[n])
            Dummy().text(plain)

        times, reference = [], []
        size = 0
        for n in range(runs):
            start = time.perf_counter()
            data = receipt_bytes(
                receipts[n], settings, template, verification_code=codes[n], open_drawer=True
            )
            times.append((time.perf_counter() - start) * 1000)
            size = len(data)
            start = time.perf_counter()
            printer = Dummy()
            printer.text(plain)
            _ = printer.output
            reference.append((time.perf_counter() - start) * 1000)
    value, ref = median(times), median(reference)
    return Result(
        "receipt_render_median",
        value,
        "ms",
        ref,
        value / ref if ref else float("inf"),
        f"<= {GOAL_MS:g} ms",
        value <= GOAL_MS,
        note=(
            f"{runs} receipts, {size} bytes each, p95 {p95(times):.2f} ms;"
            " reference: python-escpos Dummy().text() of the same plain text"
        ),
    )
