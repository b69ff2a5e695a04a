"""``insigne sign``: sign unsigned credentials, one file or a JSON Lines stream."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..core import dates
from ..core.canon import Canonicalizer
from ..core.issuing import sign_credential
from .common import UsageError, date_time, load_contexts, load_key, read_bytes, write_output


def register(commands: Any) -> None:
    parser = commands.add_parser("sign", help="sign unsigned Open Badges 3.0 credentials")
    parser.add_argument("input", nargs="?", default="-", metavar="INPUT", help="file or - (stdin)")
    parser.add_argument("--key", required=True, metavar="FILE", help="Ed25519 key file")
    parser.add_argument("--verification-method", metavar="URI", help="default: the key's did:key")
    parser.add_argument("--created", metavar="DATETIME", help="proof date (default: now)")
    parser.add_argument("--format", choices=("di", "jwt"), default="di", help="default: di")
    parser.add_argument("--context", action="append", metavar="URL=FILE", help="extra context")
    parser.add_argument("--jsonl", action="store_true", help="one credential per line in and out")
    parser.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    key = load_key(args.key)
    date_time(args.created, "--created")  # checked; written as given
    created = args.created or dates.format_z(dates.now())
    canonicalizer = Canonicalizer().with_contexts(load_contexts(args.context))

    def sign(credential: Any) -> dict[str, Any] | str:
        if not isinstance(credential, dict):
            raise ValueError("a credential is a JSON object")
        return sign_credential(
            credential,
            key,
            format=args.format,
            created=created,
            verification_method=args.verification_method,
            canonicalizer=canonicalizer,
        )

    raw = read_bytes(args.input)
    if not args.jsonl:
        try:
            credential = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise UsageError(f"the input is not JSON: {error}") from error
        try:
            signed = sign(credential)
        except ValueError as error:
            print(f"insigne: cannot sign: {error}", file=sys.stderr)
            return 1
        text = (
            signed if isinstance(signed, str) else json.dumps(signed, indent=2, ensure_ascii=False)
        )
        write_output(text + "\n", args.out)
        return 0
    return _sign_lines(raw, sign, args.out)


def _sign_lines(raw: bytes, sign: Any, out: str | None) -> int:
    lines = []
    failures = 0
    for number, line in enumerate(raw.decode("utf-8", errors="replace").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            signed = sign(json.loads(line))
        except ValueError as error:
            failures += 1
            print(f"insigne: line {number}: cannot sign: {error}", file=sys.stderr)
            lines.append(json.dumps({"error": str(error), "line": number}))
            continue
        lines.append(signed if isinstance(signed, str) else json.dumps(signed, ensure_ascii=False))
    write_output("".join(line + "\n" for line in lines), out)
    return 1 if failures else 0
