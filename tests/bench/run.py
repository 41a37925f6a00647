"""Benchmarks: each metric is measured beside a reference in the same run.

    python tests/bench/run.py [--quick] [--json FILE] [--only NAME ...]

Prints one line per metric: value, reference, ratio and goal. The JSON is a
list of objects with metric, value, unit, reference, ratio, goal and ok.
Not part of the default test run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.common import Result
from tests.bench.metrics import METRICS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="smaller data; finishes within a minute"
    )
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--only", nargs="*", default=None, help="run only these metrics")
    args = parser.parse_args(argv)
    results: list[Result] = []
    for name, fn in METRICS.items():
        if args.only and name not in args.only:
            continue
        result = fn(args.quick)
        results.append(result)
        print(result.line(), flush=True)
    if args.json:
        args.json.write_text(
            json.dumps([r.as_dict() for r in results], indent=2, ensure_ascii=False),
            encoding="utf-8",
        )
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
