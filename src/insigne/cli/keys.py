"""``insigne keys new``: a fresh Ed25519 signing key as a Multikey JSON file."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ..core.keys import Ed25519Key
from .common import UsageError


def register(commands: Any) -> None:
    parser = commands.add_parser("keys", help="manage signing keys")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    new = actions.add_parser("new", help="create an Ed25519 key (Multikey JSON)")
    new.add_argument(
        "--out", metavar="FILE", help="write the key here (mode 600) instead of stdout"
    )
    new.set_defaults(handler=new_key)


def new_key(args: argparse.Namespace) -> int:
    key = Ed25519Key.generate()
    text = key.to_json_text()
    if args.out in (None, "-"):
        sys.stdout.write(text)
        return 0
    try:
        descriptor = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as error:
        raise UsageError(f"{args.out} already exists; refusing to overwrite a key") from error
    except OSError as error:
        raise UsageError(f"cannot write {args.out}: {error.strerror}") from error
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"{key.did_key}", file=sys.stderr)
    return 0
