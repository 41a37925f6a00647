"""``frontdesk-admin``: the headless command line for the office's IT person.

Each command group lives in its own module with a ``register(subparsers)``
function; a handler takes the parsed arguments and returns an exit code.
Expected failures print one line on stderr and exit non-zero.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from frontdesk.errors import FrontdeskError

COMMAND_MODULES = (
    "frontdesk.cli.setup",
    "frontdesk.cli.users",
    "frontdesk.cli.safety",
    "frontdesk.cli.cashbox",
    "frontdesk.cli.fees",
    "frontdesk.cli.households",
    "frontdesk.cli.demo",
    "frontdesk.cli.printing",
    "frontdesk.cli.reception",
    "frontdesk.cli.matters",
    "frontdesk.cli.visits",
    "frontdesk.cli.calls",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="frontdesk-admin", description="frontdesk administration")
    parser.add_argument(
        "--config", help="settings file (default: FRONTDESK_CONFIG or the user config dir)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except FrontdeskError as exc:
        print(f"frontdesk-admin: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("frontdesk-admin: interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
