"""The print spool end to end: a payment, the queue, the worker, bytes at a loopback printer.

Printer failures (refused, time-out, paper out) leave the job pending and the
payment as it was; when the printer comes back the receipt prints exactly once.
A job cut off while printing is never printed again on its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from sqlalchemy import update

from frontdesk.config import Config, PrinterSettings
from frontdesk.domain.verification import check_code
from frontdesk.printing.spool import Spool, SpoolState
from frontdesk.services import print_jobs, print_worker
from frontdesk.services.payments import PaymentResult, Tender, get_receipt
from frontdesk.services.verification import receipt_key
from frontdesk.storage.models import Payment
from tests.printing.conftest import EscposServer, Printout, decode_escpos
from tests.services.payment_fixtures import DESK, Counter, counter, snapshot
from tests.services.print_fixtures import job_rows, pay_printed

__all__ = ["counter"]  # the fixture, re-exported for pytest

WAIT = 10.0  # seconds; generous for a loaded CI machine, never slept


class States:
    """Collects ``on_change`` calls and waits for one that matches."""

    def __init__(self) -> None:
        self.seen: list[SpoolState] = []
        self._cond = threading.Condition()

    def __call__(self, state: SpoolState) -> None:
        with self._cond:
            self.seen.append(state)
            self._cond.notify_all()

    def wait(self, what: Callable[[SpoolState], bool], timeout: float = WAIT) -> SpoolState:
        with self._cond:
            ok = self._cond.wait_for(lambda: any(what(s) for s in self.seen), timeout)
            assert ok, f"no spool state matched; seen: {self.seen}"
            return next(s for s in self.seen if what(s))


@pytest.fixture
def make_spool(config: Config, counter: Counter) -> Iterator[Callable[..., tuple[Spool, States]]]:
    spools: list[Spool] = []

    def make(printer: PrinterSettings, **kw: object) -> tuple[Spool, States]:
        states = States()
        settings = replace(config, printer=printer)
        spool = Spool(
            counter.db,
            settings,
            on_change=states,
            poll_seconds=kw.pop("poll_seconds", 0.05),  # type: ignore[arg-type]
            backoff=kw.pop("backoff", (0.05, 0.2)),  # type: ignore[arg-type]
            **kw,  # type: ignore[arg-type]
        )
        spools.append(spool)
        spool.start()
        return spool, states

    yield make
    for spool in spools:
        assert spool.stop(WAIT)


def _receipts(server: EscposServer, receipt_no: str) -> list[Printout]:
    """The printouts of ``receipt_no`` the printer received (status-only connections left out)."""
    found = []
    for job in server.jobs:
        printout = decode_escpos(job)
        if any(receipt_no in line for line in printout.lines):
            found.append(printout)
    return found


def _printed(server: EscposServer, receipt_no: str, count: int) -> list[Printout]:
    """Wait until the printer has received ``count`` printouts of ``receipt_no``; return all of them.

    The spool may mark a job printed a moment before the printer's thread has
    noted the closed connection, so this waits on the printer, not the spool.
    """
    connections = 1
    while len(_receipts(server, receipt_no)) < count:
        server.wait_for(connections, WAIT)  # fails the test after WAIT seconds
        connections += 1
    return _receipts(server, receipt_no)


def _switch(server: EscposServer, mode: str) -> None:
    """``server.set_mode(mode)``, letting the old listener go first.

    A listener's accept thread holds the port for up to 50 ms after
    ``set_mode`` closes it, so binding it again at once can fail (EADDRINUSE).
    """
    if mode != "refuse":
        server.set_mode("refuse")
        for thread in list(server._threads):
            thread.join(WAIT)
    server.set_mode(mode)


def _cash_payment(counter: Counter) -> PaymentResult:
    return pay_printed(counter, tendered=50000)  # 468.00 due, 500.00 handed over


def test_a_cash_payment_prints_everything_and_opens_the_drawer(
    counter: Counter, escpos_server: EscposServer, make_spool: Callable[..., tuple[Spool, States]]
) -> None:
    result = _cash_payment(counter)
    spool, states = make_spool(escpos_server.settings())
    spool.kick()
    states.wait(lambda s: s.printed == 1)
    [data] = escpos_server.wait_for(1)
    out = decode_escpos(data)
    print(out.text)  # shown with pytest -s: what the paper says
    for text in (result.receipt_no, "3-2-1201", "刘兵、王芳", "张三", "示例花园"):
        out.line_with(text)
    assert "2026-01" in out.line_with("物业管理费") and "224.00" in out.line_with("物业管理费")
    assert "10.00" in out.line_with("垃圾清运费")
    assert len([line for line in out.lines if "物业管理费" in line]) == 2
    assert len([line for line in out.lines if "垃圾清运费" in line]) == 2
    assert "￥468.00" in out.line_with("实收合计")
    assert "500.00" in out.line_with("收现金")
    assert "32.00" in out.line_with("找零")
    assert max(out.widths) <= 48
    assert out.count("cut") == 1 and out.names()[-1] == "cut"
    assert out.count("drawer") == 1 and out.find("drawer").args[0] == 0  # pin 2
    [qr] = [c for c in out.commands if c.name == "qr"]
    with counter.db.read() as s:
        key = receipt_key(s, create=False)
    assert key is not None and check_code(key, qr.args.decode()) is not None
    assert qr.args.decode().startswith(f"FD1:{result.receipt_no}:46800:")
    assert "重打" not in out.text and "COPY" not in out.text
    [row] = job_rows(counter.db)
    assert (row.status, row.attempts, row.last_error) == ("printed", 1, "")
    final = spool.state
    assert (final.pending, final.failing, final.uncertain, final.printed) == (0, False, 0, 1)


def test_no_drawer_kick_without_a_drawer_or_for_electronic_payments(
    counter: Counter, escpos_server: EscposServer, make_spool: Callable[..., tuple[Spool, States]]
) -> None:
    cash = pay_printed(counter, bills=counter.bills[:2], tenders=[Tender("cash", 23400)])
    wechat = pay_printed(counter, bills=counter.bills[2:], tenders=[Tender("wechat", 23400, "42")])
    spool, states = make_spool(escpos_server.settings(drawer_pin=0, print_qr=False))
    spool.kick()
    states.wait(lambda s: s.printed == 2)
    escpos_server.wait_for(2)
    for receipt_no in (cash.receipt_no, wechat.receipt_no):
        [out] = _printed(escpos_server, receipt_no, 1)
        assert out.count("drawer") == 0 and out.count("qr") == 0 and out.count("cut") == 1


@pytest.mark.parametrize(
    ("mode", "reason"),
    [("refuse", "拒绝连接"), ("stall", "超时"), ("paper_out", "缺纸")],
)
def test_printer_failure_keeps_the_job_and_the_payment_then_prints_once(
    counter: Counter,
    escpos_server: EscposServer,
    make_spool: Callable[..., tuple[Spool, States]],
    mode: str,
    reason: str,
) -> None:
    _switch(escpos_server, mode)
    result = _cash_payment(counter)
    before = snapshot(counter.db)
    # A long back-off: the job stays still while we look; Retry (kick) tries at once.
    spool, states = make_spool(escpos_server.settings(), backoff=(60.0, 60.0))
    failing = states.wait(lambda s: s.failing)  # the spool looks at once when it starts
    assert reason in failing.last_error and failing.pending == 1
    [row] = job_rows(counter.db)
    assert row.status == "pending" and row.attempts >= 1 and reason in row.last_error
    assert snapshot(counter.db) == before  # the payment stands, untouched
    assert get_receipt(counter.db, result.receipt_no).status == "completed"
    assert _receipts(escpos_server, result.receipt_no) == []

    _switch(escpos_server, "ok")
    spool.kick()  # the cashier presses Retry
    recovered = states.wait(lambda s: s.printed == 1)
    assert (recovered.pending, recovered.failing, recovered.last_error) == (0, False, "")
    assert spool.stop(WAIT)
    [out] = _printed(escpos_server, result.receipt_no, 1)
    assert out.count("cut") == 1 and "重打" not in out.text
    [row] = job_rows(counter.db)
    assert row.status == "printed" and row.attempts >= 2


def test_backoff_retries_on_its_own(
    counter: Counter, escpos_server: EscposServer, make_spool: Callable[..., tuple[Spool, States]]
) -> None:
    _switch(escpos_server, "refuse")
    result = _cash_payment(counter)
    spool, states = make_spool(escpos_server.settings(), poll_seconds=60.0)
    spool.kick()
    states.wait(lambda s: s.failing)
    _switch(escpos_server, "ok")  # no kick: the back-off timer finds it
    states.wait(lambda s: s.printed == 1)
    assert len(_printed(escpos_server, result.receipt_no, 1)) == 1


def test_pending_jobs_survive_a_restart(
    counter: Counter, escpos_server: EscposServer, make_spool: Callable[..., tuple[Spool, States]]
) -> None:
    _switch(escpos_server, "refuse")
    result = _cash_payment(counter)
    first, states = make_spool(escpos_server.settings())
    first.kick()
    states.wait(lambda s: s.failing)
    assert first.stop(WAIT)  # the program is closed with the job still waiting
    _switch(escpos_server, "ok")
    _, states = make_spool(escpos_server.settings())
    states.wait(lambda s: s.printed == 1)  # found without a kick
    assert len(_printed(escpos_server, result.receipt_no, 1)) == 1


def test_a_job_cut_off_while_printing_is_not_printed_again_on_its_own(
    counter: Counter, escpos_server: EscposServer, make_spool: Callable[..., tuple[Spool, States]]
) -> None:
    result = _cash_payment(counter)
    assert print_worker.claim(counter.db, DESK) is not None  # ... and the program died here
    spool, states = make_spool(escpos_server.settings())
    spool.kick()
    uncertain = states.wait(lambda s: s.uncertain == 1)
    assert uncertain.pending == 0 and not uncertain.failing
    spool.kick()
    assert spool.stop(WAIT)
    assert escpos_server.connections == 0  # nothing was sent
    [info] = print_jobs.jobs(counter.db, desk=DESK)
    assert info.uncertain and info.last_error == print_jobs.INTERRUPTED

    # The cashier looks at the paper and asks for it again: it comes out as a copy.
    print_jobs.retry(counter.db, counter.cashier, info.id)
    spool, states = make_spool(escpos_server.settings())
    states.wait(lambda s: s.printed == 1)
    [out] = _printed(escpos_server, result.receipt_no, 1)
    assert "重打 / COPY" in out.text and "第 1 次" in out.text
    assert out.count("drawer") == 0  # the drawer opened the first time


def test_reprints_say_copy_with_the_count_who_and_when(
    counter: Counter, escpos_server: EscposServer, make_spool: Callable[..., tuple[Spool, States]]
) -> None:
    result = _cash_payment(counter)
    spool, states = make_spool(escpos_server.settings())
    spool.kick()
    states.wait(lambda s: s.printed == 1)
    for actor in (counter.cashier, counter.supervisor):
        print_jobs.request_reprint(counter.db, actor, result.receipt_no, desk=DESK)
    spool.kick()
    states.wait(lambda s: s.printed == 3)
    original, first, second = _printed(escpos_server, result.receipt_no, 3)
    assert "COPY" not in original.text and original.count("drawer") == 1
    assert "重打 / COPY（第 1 次）" in first.text and "C001 张三" in first.line_with("重打：")
    assert "重打 / COPY（第 2 次）" in second.text and "S001 李主管" in second.line_with("重打：")
    for copy in (first, second):
        assert copy.count("drawer") == 0 and copy.count("cut") == 1
        assert copy.line_with("实收合计") == original.line_with("实收合计")


def test_a_job_that_cannot_be_rendered_is_set_aside_and_the_next_one_prints(
    counter: Counter, escpos_server: EscposServer, make_spool: Callable[..., tuple[Spool, States]]
) -> None:
    broken = pay_printed(counter, bills=counter.bills[:2], tenders=[Tender("cash", 23400)])
    good = pay_printed(counter, bills=counter.bills[2:], tenders=[Tender("wechat", 23400, "42")])
    with counter.db.begin() as s:
        s.execute(update(Payment).where(Payment.id == broken.payment_id).values(receipt_text="{}"))
    spool, states = make_spool(escpos_server.settings())
    spool.kick()
    states.wait(lambda s: "无法读取" in s.last_error)
    states.wait(lambda s: s.printed == 1)
    assert len(_printed(escpos_server, good.receipt_no, 1)) == 1
    rows = {row.receipt_no: row for row in job_rows(counter.db)}
    assert rows[broken.receipt_no].status == "cancelled"
    assert rows[good.receipt_no].status == "printed"


def test_stop_returns_promptly_while_backing_off(
    counter: Counter, escpos_server: EscposServer, make_spool: Callable[..., tuple[Spool, States]]
) -> None:
    _switch(escpos_server, "refuse")
    _cash_payment(counter)
    spool, states = make_spool(escpos_server.settings(), poll_seconds=60.0)
    spool.kick()
    states.wait(lambda s: s.failing)
    assert spool.stop(WAIT) and not spool.running
