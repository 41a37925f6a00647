"""The registry of benchmark metrics, in the order they run."""

from __future__ import annotations

from collections.abc import Callable

from tests.bench import (
    cold_start,
    household_import,
    household_search,
    payment_speed,
    print_path,
    receipt_render,
    visitor_log,
)
from tests.bench.common import Result

METRICS: dict[str, Callable[[bool], Result]] = {
    "cold_start": cold_start.run,
    "household_import": household_import.run,
    "payment_collect_p95": payment_speed.run,
    "household_search_p95": household_search.run,
    "receipt_render_median": receipt_render.run,
    "print_path_median": print_path.run,
    "visitor_log_open": visitor_log.run,
}
