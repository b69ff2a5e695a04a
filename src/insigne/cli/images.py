"""``insigne bake`` and ``insigne unbake``: credentials in PNG and SVG images."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..core.baking import BakingError, bake, unbake
from .common import UsageError, read_bytes, write_output


def register(commands: Any) -> None:
    baking = commands.add_parser("bake", help="put a credential into a PNG or SVG image")
    baking.add_argument("--credential", required=True, metavar="FILE", help="JSON or JWT")
    baking.add_argument("--image", required=True, metavar="FILE", help="PNG or SVG")
    baking.add_argument("--out", required=True, metavar="FILE")
    baking.set_defaults(handler=run_bake)
    unbaking = commands.add_parser("unbake", help="print the credential baked into an image")
    unbaking.add_argument("image", metavar="FILE", help="PNG or SVG, or - (stdin)")
    unbaking.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    unbaking.set_defaults(handler=run_unbake)


def run_bake(args: argparse.Namespace) -> int:
    try:
        payload = read_bytes(args.credential).decode("utf-8")
    except UnicodeDecodeError as error:
        raise UsageError(f"{args.credential} is not UTF-8 text") from error
    try:
        baked = bake(read_bytes(args.image), payload)
    except BakingError as error:
        print(f"insigne: {error}", file=sys.stderr)
        return 1
    write_output(baked, args.out)
    return 0


def run_unbake(args: argparse.Namespace) -> int:
    try:
        found = unbake(read_bytes(args.image))
    except BakingError as error:
        print(f"insigne: {error}", file=sys.stderr)
        return 1
    write_output(found.payload + "\n", args.out)
    print(f"{found.image_format}: {found.container}", file=sys.stderr)
    return 0
