"""Workarounds for defects in the PySide6 build the application runs on.

The PySide6 6.12.0 wheels are built for the stable ABI (``cp310-abi3``) in a
way that assumes CPython 3.12's immortal singletons: on CPython 3.10/3.11
every Qt method returning ``void`` hands back ``None`` without taking a
reference for it, and ``SignalInstance.emit()`` / ``disconnect()`` do the same
with ``True``. Each such call lowers the singleton's reference count by one;
after a few thousand calls (a few minutes at the counter, or the end of a test
run) it reaches zero and the interpreter aborts with "Fatal Python error:
none_dealloc" / "bool_dealloc".

``protect_singletons`` probes whether this PySide6 has the defect and, only
then, raises the reference counts of ``None``, ``True`` and ``False`` by 2**40,
so that no session can exhaust them: in effect what CPython 3.12 does for them
anyway. It is applied when ``frontdesk.ui`` is imported.
"""

from __future__ import annotations

import ctypes
import sys

_BOOST = 1 << 40
_PROBES = 8

leaking: tuple[str, ...] | None = None
"""Names of the singletons found leaking (None until ``protect_singletons`` ran)."""


def _probe() -> tuple[str, ...]:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.setObjectName("probe")  # a void method
        probe.ping.emit()
    after = sys.getrefcount(None), sys.getrefcount(True)
    found = []
    if before[0] - after[0] >= _PROBES:
        found.append("None")
    if before[1] - after[1] >= _PROBES:
        found.append("True")
    return tuple(found)


def protect_singletons() -> tuple[str, ...]:
    """Apply the workaround if this interpreter and PySide6 need it (idempotent).

    Returns:
        The singletons found leaking (empty when PySide6 behaves).
    """
    global leaking
    if leaking is not None:
        return leaking
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        leaking = ()
        return leaking
    found = _probe()
    if found:
        for singleton in (None, True, False):
            # ob_refcnt is the first field of every CPython object.
            ctypes.c_ssize_t.from_address(id(singleton)).value += _BOOST
    leaking = found
    return found
