"""Argument parsing and dispatch for the ``insigne`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import did_command, images, issuing, keys, signing, status_command, verifying
from .common import UsageError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="insigne",
        description="Open Badges 3.0 / 2.0 credentials: sign, verify, bake, publish.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (keys, signing, verifying, issuing, images, did_command, status_command):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except UsageError as error:
        print(f"insigne: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into a command that stopped reading
        return 0


if __name__ == "__main__":
    sys.exit(main())
