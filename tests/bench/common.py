"""Shared pieces of the benchmarks: the result record and temporary environments."""

from __future__ import annotations

import os
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Result:
    """One metric. ``ratio`` is value / reference; ``goal`` says what passes."""

    metric: str
    value: float
    unit: str
    reference: float
    ratio: float
    goal: str
    ok: bool
    note: str = ""

    def line(self) -> str:
        mark = "ok " if self.ok else "MISS"
        return (
            f"[{mark}] {self.metric}: {self.value:.4g} {self.unit}"
            f" | reference {self.reference:.4g} {self.unit} | ratio {self.ratio:.3g} | goal {self.goal}"
            + (f" | {self.note}" if self.note else "")
        )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@contextmanager
def private_environment() -> Iterator[Path]:
    """A temporary data dir and config so a benchmark never touches real data."""
    saved = {
        k: os.environ.get(k)
        for k in ("FRONTDESK_CONFIG", "FRONTDESK_DATA_DIR", "FRONTDESK_DATABASE_URL")
    }
    with tempfile.TemporaryDirectory(prefix="frontdesk-bench-") as tmp:
        root = Path(tmp)
        os.environ["FRONTDESK_CONFIG"] = str(root / "config.toml")
        os.environ["FRONTDESK_DATA_DIR"] = str(root / "data")
        os.environ.pop("FRONTDESK_DATABASE_URL", None)
        try:
            yield root
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
