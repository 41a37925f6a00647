"""Printer test kit: a loopback ESC/POS printer and a decoder for what it received.

``escpos_server`` (fixture) is a tiny printer on ``127.0.0.1``: it accepts
connections, keeps every byte, and answers the paper-status query ``DLE EOT 4``
the way a real printer does. Its ``mode`` says how it behaves and can be
changed while a test runs (the printer "comes back"):

* ``"ok"``        accept, collect, answer the status query with "paper OK" (0x12)
* ``"paper_out"`` accept, collect, answer "paper end" (0x72); the client should hang up
* ``"silent"``    accept, collect, never answer (a printer without status support)
* ``"refuse"``    nothing listens on the port: connecting is refused
* ``"stall"``     the port listens but its backlog is full and nobody accepts:
                  connecting times out (Linux behaviour; skipped elsewhere)

``server.settings(**overrides)`` gives ``PrinterSettings`` pointing at it
(``timeout_seconds=1``); ``server.wait_for(n)`` blocks (with a time-out) until
``n`` connections have been closed by the client and returns their bytes.

``decode_escpos(data)`` turns a byte stream into printed text lines and the
commands it recognised (``cut``, ``drawer``, ``qr``, ``chinese_on`` …); an
unknown command byte fails the test.
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import pytest

from frontdesk.config import PrinterSettings
from frontdesk.domain.receipt import ReceiptContent, ReceiptLine

PAPER_QUERY = b"\x10\x04\x04"
PAPER_OK = b"\x12"
PAPER_OUT = b"\x72"
MODES = ("ok", "paper_out", "silent", "refuse", "stall")


# ---------------------------------------------------------------- the server


class EscposServer:
    """A loopback printer; see the module docstring. Use through the ``escpos_server`` fixture."""

    def __init__(self, mode: str = "ok") -> None:
        self.host = "127.0.0.1"
        self.port = 0
        self.mode = ""
        self.jobs: list[bytes] = []  # the bytes of each finished connection, in order
        self.status_queries = 0
        self.connections = 0
        self.errors: list[BaseException] = []
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._listener: socket.socket | None = None
        self._accepting: tuple[threading.Thread, threading.Event] | None = None
        self._fillers: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self.set_mode(mode)

    # -- control

    def settings(self, **overrides: Any) -> PrinterSettings:
        """Printer settings for this server (network, 1 s time-out), with ``overrides``."""
        base = PrinterSettings(
            connection="network", host=self.host, port=self.port, timeout_seconds=1
        )
        return replace(base, **overrides)

    def set_mode(self, mode: str) -> None:
        """Switch behaviour; the port stays the same."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        if mode == "stall" and not sys.platform.startswith("linux"):
            pytest.skip("a full listen backlog times out only on Linux")
        with self._cond:
            self.mode = mode
        self._close_listener()
        if mode == "refuse":
            if not self.port:  # reserve a port number, then leave it closed
                probe = socket.socket()
                probe.bind((self.host, 0))
                self.port = probe.getsockname()[1]
                probe.close()
            return
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((self.host, self.port))
            self.port = listener.getsockname()[1]
            listener.listen(0 if mode == "stall" else 8)
        except OSError:
            listener.close()
            raise
        self._listener = listener
        if mode == "stall":
            self._fill_backlog()
            return
        listener.settimeout(0.05)
        stop = threading.Event()
        thread = threading.Thread(target=self._accept_loop, args=(listener, stop), daemon=True)
        self._accepting = (thread, stop)
        self._threads.append(thread)
        thread.start()

    def wait_for(self, count: int = 1, timeout: float = 5.0) -> list[bytes]:
        """The bytes of the first ``count`` finished connections (fails after ``timeout``)."""
        with self._cond:
            done = self._cond.wait_for(lambda: len(self.jobs) >= count, timeout)
            if not done:
                raise AssertionError(f"printer got {len(self.jobs)} job(s), expected {count}")
            return list(self.jobs[:count])

    @property
    def data(self) -> bytes:
        """Everything received so far, all connections joined."""
        with self._cond:
            return b"".join(self.jobs)

    def close(self) -> None:
        self._stop.set()
        self._close_listener()
        for thread in self._threads:
            thread.join(timeout=5)
        if self.errors:
            raise self.errors[0]

    # -- internals

    def _close_listener(self) -> None:
        for filler in self._fillers:
            filler.close()
        self._fillers.clear()
        if self._accepting is not None:
            # The accept thread closes its listener itself: closed from here, the
            # socket would stay listening while that thread still polls it.
            thread, stop = self._accepting
            self._accepting = None
            stop.set()
            thread.join(timeout=5)
        elif self._listener is not None:
            self._listener.close()
        self._listener = None

    def _fill_backlog(self) -> None:
        # Connect until one attempt times out: then the backlog is surely full.
        for _ in range(16):
            filler = socket.socket()
            filler.settimeout(0.2)
            try:
                filler.connect((self.host, self.port))
            except TimeoutError:
                filler.close()
                return
            self._fillers.append(filler)
        raise AssertionError("could not fill the listen backlog")

    def _accept_loop(self, listener: socket.socket, stop: threading.Event) -> None:
        try:
            while not stop.is_set() and not self._stop.is_set():
                try:
                    conn, _ = listener.accept()
                except TimeoutError:
                    continue
                with self._cond:
                    self.connections += 1
                thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
                self._threads.append(thread)
                thread.start()
        except Exception as exc:  # reported at teardown
            self.errors.append(exc)
        finally:
            listener.close()

    def _serve(self, conn: socket.socket) -> None:
        received = bytearray()
        answered = False
        try:
            conn.settimeout(0.05)
            while not self._stop.is_set():
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    continue
                except ConnectionResetError:
                    break
                if not chunk:
                    break
                received += chunk
                # A status query is the first thing a client sends, if at all.
                if not answered and received.startswith(PAPER_QUERY):
                    answered = True
                    with self._cond:
                        self.status_queries += 1
                        mode = self.mode
                    if mode in ("ok", "paper_out"):
                        conn.sendall(PAPER_OK if mode == "ok" else PAPER_OUT)
        except Exception as exc:  # reported at teardown
            self.errors.append(exc)
        finally:
            conn.close()
            with self._cond:
                self.jobs.append(bytes(received))
                self._cond.notify_all()


@pytest.fixture
def escpos_server() -> Iterator[EscposServer]:
    """A loopback ESC/POS printer in "ok" mode; ``set_mode`` changes how it behaves."""
    server = EscposServer("ok")
    try:
        yield server
    finally:
        server.close()


# ---------------------------------------------------------------- the decoder


@dataclass
class Command:
    name: str
    line: int  # how many text lines were printed before it
    args: bytes = b""


@dataclass
class Printout:
    """What the printer would put on paper: text lines and recognised commands."""

    lines: list[str] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)  # printed columns per line
    commands: list[Command] = field(default_factory=list)

    def names(self) -> list[str]:
        return [c.name for c in self.commands]

    def count(self, name: str) -> int:
        return sum(1 for c in self.commands if c.name == name)

    def find(self, name: str) -> Command:
        for command in self.commands:
            if command.name == name:
                return command
        raise AssertionError(f"no {name} command in {self.names()}")

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def amount_line(self, label: str) -> str:
        """The line whose text starts with ``label`` followed by spaces (an amount line)."""
        for line in self.lines:
            if line.strip().startswith(label + " "):
                return line
        raise AssertionError(f"no printed line starts with {label!r}:\n{self.text}")

    def line_with(self, needle: str) -> str:
        for line in self.lines:
            if needle in line:
                return line
        raise AssertionError(f"no printed line contains {needle!r}:\n{self.text}")


# Fixed-length commands: prefix -> number of argument bytes.
# fmt: off
_FIXED = {
    b"\x1b@": 0, b"\x1bt": 1, b"\x1bE": 1, b"\x1b!": 1, b"\x1ba": 1, b"\x1bd": 1,
    b"\x1bJ": 1, b"\x1b2": 0, b"\x1b3": 1, b"\x1bM": 1, b"\x1b-": 1, b"\x1bG": 1,
    b"\x1bp": 3, b"\x1b{": 1, b"\x1bR": 1,
    b"\x1d!": 1, b"\x1dB": 1, b"\x1dL": 2, b"\x1dW": 2,
    b"\x1c&": 0, b"\x1c.": 0, b"\x1c!": 1,
    b"\x10\x04": 1,
}
_NAMES = {
    b"\x1b@": "init", b"\x1bt": "codepage", b"\x1bE": "bold", b"\x1b!": "mode",
    b"\x1ba": "align", b"\x1bd": "feed", b"\x1bp": "drawer", b"\x1d!": "size",
    b"\x1dB": "invert", b"\x1c&": "chinese_on", b"\x1c.": "chinese_off",
    b"\x10\x04": "status_query",
}
# fmt: on


def decode_escpos(data: bytes, encoding: str = "gb18030") -> Printout:
    """Split ESC/POS ``data`` into printed lines (decoded) and commands.

    Commands: init, codepage, bold, align, feed, size, invert, chinese_on/off,
    status_query, drawer (args: pin byte…), cut (args: b"full"/b"part"),
    qr (args: the code's bytes, native GS ( k), image (args: b"WxH" in dots).
    Any other control byte fails the test.
    """
    out = Printout()
    text = bytearray()
    scale = 1
    i = 0

    def emit_line() -> None:
        line = bytes(text).decode(encoding)
        out.lines.append(line)
        out.widths.append(scale * sum(1 if len(ch.encode(encoding)) == 1 else 2 for ch in line))
        text.clear()

    qr_data = b""
    while i < len(data):
        byte = data[i]
        if byte >= 0x20:
            text.append(byte)
            i += 1
            continue
        if byte == 0x0A:
            emit_line()
            i += 1
            continue
        if byte == 0x0D:
            i += 1
            continue
        prefix = data[i : i + 2]
        here = len(out.lines)
        if prefix in _FIXED:
            n = _FIXED[prefix]
            args = data[i + 2 : i + 2 + n]
            name = _NAMES.get(prefix, "style")
            if name == "size":
                scale = ((args[0] >> 4) & 7) + 1
            out.commands.append(Command(name, here, args))
            i += 2 + n
        elif prefix == b"\x1dV":
            m = data[i + 2]
            out.commands.append(Command("cut", here, b"part" if m in (1, 49, 66) else b"full"))
            i += 4 if m in (65, 66) else 3
        elif data[i : i + 3] == b"\x1dv0":
            x = data[i + 4] + 256 * data[i + 5]
            y = data[i + 6] + 256 * data[i + 7]
            out.commands.append(Command("image", here, f"{8 * x}x{y}".encode()))
            i += 8 + x * y
        elif data[i : i + 3] in (b"\x1d(k", b"\x1d(L"):
            size = data[i + 3] + 256 * data[i + 4]
            body = data[i + 5 : i + 5 + size]
            if data[i + 2 : i + 3] == b"k" and body[:2] == b"1P":
                qr_data = body[3:]  # cn '1', fn 80 'P', m '0', then the data
            elif data[i + 2 : i + 3] == b"k" and body[:2] == b"1Q":
                out.commands.append(Command("qr", here, qr_data))
            i += 5 + size
        else:
            raise AssertionError(f"unknown ESC/POS command at byte {i}: {data[i : i + 4]!r}")
    if text:
        emit_line()
    return out


# ---------------------------------------------------------------- receipts

STANDARD = "2.50 ¥/m²/月 × 89.60 m² = 224.00"  # as frontdesk.domain.fees writes it


def sample_receipt(**changes: Any) -> ReceiptContent:
    """A cash-and-transfer receipt with a late fee and cash rounding."""
    receipt = ReceiptContent(
        receipt_no="A2026-000123",
        estate="示例花园",
        desk="前台1",
        cashier_staff_no="C001",
        cashier_name="张三",
        issued_at=datetime(2026, 3, 5, 2, 7, tzinfo=UTC),
        room="3-2-1201",
        owner="刘兵、王芳",
        lines=(
            ReceiptLine("物业管理费", "2026-02", STANDARD, 22400, 0),
            ReceiptLine("物业管理费", "2026-01", STANDARD, 22400, 112),
            ReceiptLine("垃圾清运费", "2026-02", "10.00 ¥/月 = 10.00", 1000, 0),
        ),
        total_fen=45910,
        methods=(("现金", 25910, ""), ("银行转账", 20000, "TX20260305-0001")),
        tendered_fen=30000,
        change_fen=4090,
        prepay_balance_after_fen=1500,
        rounding_fen=-2,
        due_fen=45912,
    )
    return replace(receipt, **changes)
