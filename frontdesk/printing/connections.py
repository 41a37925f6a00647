"""Sending bytes to the receipt printer through python-escpos's connection classes.

One call, :func:`send`, opens the connection the ``[printer]`` settings
describe, asks for the paper status where the connection can answer, writes
the bytes and closes the connection again, whatever happens. Failures come
back as :class:`PrinterError` with a Chinese sentence for the cashier.

What each connection can tell us:

* network (``Network``), serial (``Serial``), USB (``Usb``): the paper status
  (``DLE EOT 4``) if the printer answers within a second; a printer that does
  not answer is printed to anyway.
* Windows queue (``Win32Raw``, Windows only) and file/device path (``File``):
  nothing; a job is "sent" when the spooler or the file took it.
"""

from __future__ import annotations

import logging
import socket
import sys
from typing import Any, Final

from frontdesk.config import PrinterSettings
from frontdesk.errors import FrontdeskError

__all__ = ["PAPER_STATUS_WAIT", "PrinterError", "describe_connection", "send"]

log = logging.getLogger(__name__)

#: Seconds to wait for the answer to the paper-status query.
PAPER_STATUS_WAIT: Final = 1.0
_PAPER_QUERY: Final = b"\x10\x04\x04"  # DLE EOT 4: paper roll sensor status
_NEEDS: Final = {
    "network": ("host", "打印机地址（host）"),
    "usb": ("vendor_id", "USB 厂商编号（vendor_id）"),
    "serial": ("device", "串口（device）"),
    "windows": ("queue", "Windows 打印机名称（queue）"),
    "file": ("path", "文件或设备路径（path）"),
}


class PrinterError(FrontdeskError):
    """The receipt did not reach the printer; ``str(err)`` says why, in Chinese.

    ``reason`` is a stable code for programs: ``not_configured``, ``refused``,
    ``timeout``, ``paper_out``, ``not_found``, ``failed``. ``maybe_printed`` is
    True when the failure came after some bytes were written, so part of the
    slip may be on paper.
    """

    def __init__(
        self, message: str, *, reason: str = "failed", maybe_printed: bool = False
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.maybe_printed = maybe_printed


def describe_connection(settings: PrinterSettings) -> str:
    """The printer in a few words, for screens and logs: "网络打印机 192.168.1.50:9100"."""
    kind = settings.connection
    if kind == "none":
        return "未配置打印机（收据只出 PDF）"
    if kind == "network":
        return f"网络打印机 {settings.host}:{settings.port}"
    if kind == "usb":
        return f"USB 打印机 {settings.vendor_id}:{settings.product_id}"
    if kind == "serial":
        return f"串口打印机 {settings.device}（{settings.baudrate} 波特）"
    if kind == "windows":
        return f"Windows 打印机“{settings.queue}”"
    if kind == "file":
        return f"文件/设备 {settings.path}"
    return f"未知的打印机连接方式“{kind}”"


def _timeout(settings: PrinterSettings) -> float:
    return float(settings.timeout_seconds) if settings.timeout_seconds > 0 else 5.0


def _check_settings(settings: PrinterSettings) -> None:
    kind = settings.connection
    if kind == "none":
        raise PrinterError(
            "未配置打印机：请在“打印机设置”中选择连接方式（或用 PDF 收据）。",
            reason="not_configured",
        )
    if kind not in _NEEDS:
        raise PrinterError(
            f"未知的打印机连接方式“{kind}”：应为 network、usb、serial、windows 或 file。",
            reason="not_configured",
        )
    key, label = _NEEDS[kind]
    if not str(getattr(settings, key)).strip() or (
        kind == "usb" and not settings.product_id.strip()
    ):
        raise PrinterError(
            f"打印机设置不完整：{describe_connection(settings)} 缺少{label}。",
            reason="not_configured",
        )


# ---------------------------------------------------------------- opening


def _open_network(settings: PrinterSettings) -> Any:
    from escpos.printer import Network

    where = describe_connection(settings)
    timeout = _timeout(settings)
    try:
        # Connected here rather than by Network.open(), which on failure drops
        # its socket without closing it.
        sock = socket.create_connection((settings.host, settings.port), timeout=timeout)
    except ConnectionRefusedError:
        raise PrinterError(
            f"打印机拒绝连接（{where}）：请检查打印机是否开机，地址和端口是否正确。",
            reason="refused",
        ) from None
    except TimeoutError:
        raise PrinterError(
            f"连接打印机超时（{where}，{timeout:g} 秒）：请检查打印机电源和网线。", reason="timeout"
        ) from None
    except socket.gaierror:
        raise PrinterError(
            f"找不到打印机地址 {settings.host}：请检查打印机设置。", reason="not_found"
        ) from None
    except OSError as exc:
        raise PrinterError(
            f"无法连接打印机（{where}）：{exc.strerror or exc}", reason="refused"
        ) from None
    printer = Network(settings.host, settings.port, timeout=timeout)
    printer.device = sock
    return printer


def _open_usb(settings: PrinterSettings) -> Any:
    from escpos.printer import usb as escpos_usb

    where = describe_connection(settings)
    if not escpos_usb.is_usable():
        raise PrinterError(
            f"无法使用 {where}：USB 打印需要 pyusb 和 libusb（Windows 上还需 WinUSB 驱动）；"
            "建议改用 Windows 打印队列或网络连接。",
            reason="not_found",
        )
    try:
        vendor, product = int(settings.vendor_id, 16), int(settings.product_id, 16)
    except ValueError:
        raise PrinterError(
            f"USB 厂商/产品编号应为十六进制数，如 0x0416（现为 {settings.vendor_id}:{settings.product_id}）。",
            reason="not_configured",
        ) from None
    printer = escpos_usb.Usb(vendor, product, timeout=int(_timeout(settings) * 1000))
    printer.open()
    return printer


def _open_serial(settings: PrinterSettings) -> Any:
    from escpos.printer import serial as escpos_serial

    if not escpos_serial.is_usable():
        raise PrinterError("串口打印需要安装 pyserial。", reason="not_found")
    printer = escpos_serial.Serial(
        settings.device, baudrate=settings.baudrate, timeout=PAPER_STATUS_WAIT
    )
    printer.open()
    printer.device.write_timeout = _timeout(settings)
    return printer


def _open_windows(settings: PrinterSettings) -> Any:
    if sys.platform != "win32":
        raise PrinterError("Windows 打印队列只能在 Windows 上使用。", reason="not_found")
    from escpos.printer import win32raw  # imports pywin32: Windows only

    if not win32raw.is_usable():
        raise PrinterError("Windows 打印队列需要安装 pywin32。", reason="not_found")
    printer = win32raw.Win32Raw(settings.queue)
    printer.open(job_name="frontdesk receipt")
    return printer


def _open_file(settings: PrinterSettings) -> Any:
    from escpos.printer import File

    printer = File(settings.path)
    printer.open()
    return printer


_OPENERS: Final = {
    "network": _open_network,
    "usb": _open_usb,
    "serial": _open_serial,
    "windows": _open_windows,
    "file": _open_file,
}


def _open(settings: PrinterSettings) -> Any:
    from escpos.exceptions import DeviceNotFoundError

    try:
        return _OPENERS[settings.connection](settings)
    except DeviceNotFoundError as exc:
        detail = str(exc).splitlines()[-1] if str(exc).strip() else ""
        raise PrinterError(
            f"打不开打印机（{describe_connection(settings)}）：{detail}", reason="not_found"
        ) from None


# ---------------------------------------------------------------- status


def _paper_out(settings: PrinterSettings, printer: Any) -> bool:
    """True only if the printer answers DLE EOT 4 with "paper end"."""
    if settings.connection not in ("network", "serial", "usb"):
        return False
    if settings.connection == "network":
        printer.device.settimeout(min(PAPER_STATUS_WAIT, _timeout(settings)))
    try:
        status = printer.paper_status()  # sends DLE EOT 4 and reads the answer byte
    except Exception as exc:  # no answer (not supported, or busy): print anyway
        log.debug("no paper status from %s: %r", describe_connection(settings), exc)
        return False
    finally:
        if settings.connection == "network":
            printer.device.settimeout(_timeout(settings))
    return bool(status == 0)


def _close(settings: PrinterSettings, printer: Any) -> None:
    if settings.connection == "network" and printer._device:
        sock: socket.socket = printer._device
        # Read any late status answer first: closing a socket with unread
        # input resets the connection, and a reset printer may drop the slip.
        try:
            sock.setblocking(False)
            while sock.recv(64):
                pass
        except OSError:
            pass
    try:
        printer.close()
    except Exception:  # closing must not turn a printed slip into an error
        log.warning("closing %s failed", describe_connection(settings), exc_info=True)
    finally:
        if settings.connection == "network" and printer._device:
            printer._device.close()
            printer._device = False


def send(settings: PrinterSettings, data: bytes, *, check_paper: bool = True) -> None:
    """Print ``data`` (ESC/POS bytes) on the configured printer, then close the connection.

    ``check_paper=False`` skips the paper-status query: for bytes that need no
    paper, such as opening the cash drawer (:func:`thermal.drawer_bytes`).

    Raises:
        PrinterError: no printer configured, settings incomplete, connection
            refused, time-out, paper out, device not found, or a write error.
            Nothing was printed unless ``maybe_printed`` is set.
    """
    _check_settings(settings)
    where = describe_connection(settings)
    printer = _open(settings)
    try:
        if check_paper and _paper_out(settings, printer):
            raise PrinterError(f"打印机缺纸（{where}）：请装好纸卷后重试。", reason="paper_out")
        try:
            printer._raw(data)
        except TimeoutError:
            raise PrinterError(
                f"打印机无响应（{where}，{_timeout(settings):g} 秒超时）：请检查打印机。",
                reason="timeout",
                maybe_printed=True,
            ) from None
        except OSError as exc:
            raise PrinterError(
                f"打印中断（{where}）：{exc.strerror or exc}", reason="failed", maybe_printed=True
            ) from None
        except Exception as exc:  # a driver's own error type (pywin32, pyusb)
            raise PrinterError(
                f"打印失败（{where}）：{exc}", reason="failed", maybe_printed=True
            ) from exc
    finally:
        _close(settings, printer)
