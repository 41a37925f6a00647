"""From completing a payment to its receipt's bytes at the printer, through the spool.

Each run: ``collect(..., print_receipt=True)`` (the payment transaction, which
queues the receipt), ``spool.kick()`` as the GUI does after the commit, and
the spool's worker thread claims the job, renders it (receipt content, QR
code, drawer kick, cut), sends it over TCP and marks it printed. The clock
runs from the call to ``collect`` until the loopback printer has received the
whole slip (the connection closed). Reference, in the same run: python-escpos's
``Network`` printer sending the very same bytes directly to the same printer.
"""

from __future__ import annotations

import math
import socket
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from tests.bench.common import Result, median, p95, private_environment

GOAL_MS = 100.0
PAPER_QUERY = b"\x10\x04\x04"
DESK = "前台1"


class LoopbackPrinter:
    """Accepts connections, answers the paper query with "paper OK", notes when each one ends."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.done: list[tuple[float, bytes]] = []  # (perf_counter at close, bytes)
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        data = bytearray()
        answered = False
        with conn:
            while chunk := conn.recv(65536):
                data += chunk
                if not answered and data.startswith(PAPER_QUERY):
                    answered = True
                    conn.sendall(b"\x12")
        at = time.perf_counter()
        with self.cond:
            self.done.append((at, bytes(data)))
            self.cond.notify_all()

    def wait(self, count: int, timeout: float = 10.0) -> tuple[float, bytes]:
        with self.cond:
            if not self.cond.wait_for(lambda: len(self.done) >= count, timeout):
                raise RuntimeError(f"the printer got {len(self.done)} slips, expected {count}")
            return self.done[count - 1]

    def close(self) -> None:
        self.listener.close()


def run(quick: bool) -> Result:
    runs = 30 if quick else 100
    with private_environment():
        from escpos.printer import Network

        from frontdesk.config import PrinterSettings, load
        from frontdesk.domain.money import parse_pieces
        from frontdesk.printing.spool import Spool
        from frontdesk.services.cashbox import open_drawer
        from frontdesk.services.payments import PaymentRequest, Tender, collect
        from frontdesk.services.users import Actor
        from frontdesk.storage.database import Database
        from frontdesk.storage.migrate import upgrade
        from tests.factories import bill_household, make_fee_item, make_household

        printer = LoopbackPrinter()
        config = load()
        config = replace(
            config,
            printer=PrinterSettings(connection="network", host="127.0.0.1", port=printer.port),
        )
        db = Database(config.database_url)
        upgrade(db)
        admin = Actor("A001", "管理员", "admin")
        cashier = Actor("C001", "张三", "cashier")
        make_fee_item(db, admin, "WYF", "物业管理费", "area_monthly", "2.50")
        bills = []
        for n in range(runs):
            household = make_household(db, f"1-1-{n + 101:04d}", "刘兵", "89.60", phones=())
            bills.append((household, bill_household(db, admin, household, "2026-02")[0]))
        now = datetime(2026, 3, 5, 4, tzinfo=UTC)
        float_pieces = parse_pieces("100张×50 100张×20 100张×10 100张×5 100张×1")
        open_drawer(db, cashier, DESK, float_pieces, today=now.astimezone().date())
        spool = Spool(db, config, poll_seconds=1.0)
        spool.start()
        times, collect_times = [], []
        try:
            for n, (household, bill) in enumerate(bills):
                request = PaymentRequest(
                    household_id=household,
                    bill_ids=(bill,),
                    ahead_months=0,
                    tenders=(Tender("cash", 22400),),
                    cash_tendered_fen=30000,
                )
                start = time.perf_counter()
                collect(
                    db,
                    cashier,
                    request,
                    desk=DESK,
                    series="A",
                    settings=config.cashier,
                    estate_name=config.app.estate_name,
                    now=now + timedelta(seconds=n),
                    money=config.money,
                    print_receipt=True,
                )
                committed = time.perf_counter()
                spool.kick()
                at, _ = printer.wait(n + 1)
                times.append((at - start) * 1000)
                collect_times.append((committed - start) * 1000)
        finally:
            spool.stop(10)
        slips = [data for _, data in printer.done]
        reference = []
        for n, data in enumerate(slips):
            start = time.perf_counter()
            direct = Network("127.0.0.1", printer.port, timeout=5)
            direct.open()
            direct._raw(data)
            direct.close()
            at, _ = printer.wait(len(slips) + n + 1)
            reference.append((at - start) * 1000)
        printer.close()
        db.dispose()
    value, ref = median(times), median(reference)
    return Result(
        "print_path_median",
        value,
        "ms",
        ref,
        value / ref if ref else math.inf,
        f"<= {GOAL_MS:g} ms",
        value <= GOAL_MS,
        note=(
            f"{runs} cash payments, collect(print_receipt=True) to the whole slip"
            f" ({len(slips[0]):,} bytes) at a loopback printer; p95 {p95(times):.2f} ms;"
            f" of which the payment transaction median {median(collect_times):.2f} ms;"
            f" reference: python-escpos Network sending the same bytes directly"
            f" (p95 {p95(reference):.2f} ms)"
        ),
    )
