"""``insigne status``: Bitstring Status Lists (revocation and suspension) kept in a file.

The file holds the ``encodedList`` text (multibase base64url of the GZIP bitstring).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..core import dates
from ..core.canon import default_canonicalizer
from ..core.proofs import data_integrity
from ..core.status import MIN_ENTRIES, StatusList, StatusListError, list_credential
from .common import UsageError, date_time, load_key, read_bytes, write_output


def register(commands: Any) -> None:
    parser = commands.add_parser("status", help="Bitstring Status Lists")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    new = actions.add_parser("new", help="a new empty list")
    new.add_argument("--size", type=int, default=MIN_ENTRIES, help=f"entries (>= {MIN_ENTRIES})")
    new.add_argument("--out", metavar="FILE", help="write the encoded list here")
    new.set_defaults(handler=run_new)
    for name, help_text in (("set", "set the bit (revoke or suspend)"), ("clear", "clear the bit")):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("list", metavar="LIST", help="file holding the encoded list")
        action.add_argument("index", type=int, metavar="INDEX")
        action.set_defaults(handler=run_change, change=name)
    check = actions.add_parser("check", help="print whether the bit is set (exit 1 if set)")
    check.add_argument("list", metavar="LIST")
    check.add_argument("index", type=int, metavar="INDEX")
    check.set_defaults(handler=run_check)
    publish = actions.add_parser("publish", help="the signed BitstringStatusListCredential")
    publish.add_argument("list", metavar="LIST")
    publish.add_argument("--url", required=True, help="where the list credential is published")
    publish.add_argument("--key", required=True, metavar="FILE", help="the issuer's key")
    publish.add_argument("--issuer", help="issuer id (default: the key's did:key)")
    publish.add_argument("--purpose", choices=("revocation", "suspension"), default="revocation")
    publish.add_argument("--verification-method", metavar="URI")
    publish.add_argument(
        "--now", metavar="DATETIME", help="validFrom and proof date (default: now)"
    )
    publish.set_defaults(handler=run_publish)


def _load(path: str) -> StatusList:
    try:
        return StatusList.decode(read_bytes(path).decode("ascii").strip())
    except (UnicodeDecodeError, StatusListError) as error:
        raise UsageError(f"{path} does not hold an encoded status list: {error}") from error


def run_new(args: argparse.Namespace) -> int:
    try:
        encoded = StatusList.new(args.size).encode()
    except ValueError as error:  # StatusListError, or a size the W3C spec does not allow
        raise UsageError(str(error)) from error
    write_output(encoded + "\n", args.out)
    return 0


def run_change(args: argparse.Namespace) -> int:
    status = _load(args.list)
    try:
        status.set(args.index) if args.change == "set" else status.clear(args.index)
    except (StatusListError, IndexError) as error:
        raise UsageError(str(error)) from error
    Path(args.list).write_text(status.encode() + "\n", encoding="ascii")
    return 0


def run_check(args: argparse.Namespace) -> int:
    status = _load(args.list)
    try:
        is_set = status.get(args.index)
    except (StatusListError, IndexError) as error:
        raise UsageError(str(error)) from error
    print("set" if is_set else "clear")
    return 1 if is_set else 0


def run_publish(args: argparse.Namespace) -> int:
    key = load_key(args.key)
    encoded = _load(args.list).encode()
    issuer = args.issuer or key.did_key
    date_time(args.now, "--now")  # checked; written as given
    now = args.now or dates.format_z(dates.now())
    document = list_credential(
        list_url=args.url, issuer=issuer, purpose=args.purpose, encoded_list=encoded, valid_from=now
    )
    signed = data_integrity.sign(
        document,
        key,
        created=now,
        verification_method=args.verification_method,
        canonicalizer=default_canonicalizer(),
    )
    sys.stdout.write(json.dumps(signed, indent=2) + "\n")
    return 0
