"""``insigne verify``: check badges (JSON, JWT, baked PNG or SVG) and report every step."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from ..core import dates
from ..core.fetch import LocalFetcher, no_network
from ..core.verify import VerificationResult, verify
from ..core.verify.result import Outcome
from .common import UsageError, date_time, load_contexts, parse_pairs, read_bytes

_SYMBOLS = {Outcome.PASS: "✔", Outcome.FAIL: "✘", Outcome.WARNING: "!", Outcome.SKIPPED: "-"}


def register(commands: Any) -> None:
    parser = commands.add_parser("verify", help="verify badges; exit 0 only if all verify")
    parser.add_argument("input", nargs="?", default="-", metavar="INPUT", help="file or - (stdin)")
    parser.add_argument("--json", action="store_true", help="print the structured result")
    parser.add_argument("--jsonl", action="store_true", help="one badge per input line")
    parser.add_argument("--email", metavar="ADDRESS", help="also check the recipient")
    parser.add_argument("--now", metavar="DATETIME", help="judge validity at this instant")
    parser.add_argument("--context", action="append", metavar="URL=FILE", help="extra context")
    parser.add_argument(
        "--resource",
        action="append",
        metavar="URL=FILE",
        help="serve this document for URL (DID document, status list, issuer profile...)",
    )
    parser.add_argument("--lang", choices=("fr", "en"), help="language of the messages")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    now = date_time(args.now, "--now") or dates.now()
    resources = {
        url: read_bytes(path) for url, path in parse_pairs(args.resource, "--resource").items()
    }
    fetcher = LocalFetcher(resources) if resources else no_network
    contexts = load_contexts(args.context)
    language = args.lang or ("en" if os.environ.get("LANG", "").startswith("en") else "fr")
    raw = read_bytes(args.input)
    items: list[bytes] = [raw]
    if args.jsonl:
        items = [line for line in raw.split(b"\n") if line.strip()]
        if not items:
            raise UsageError("--jsonl: the input holds no line to verify")
    all_verified = True
    for item in items:
        result = verify(item, email=args.email, now=now, fetcher=fetcher, contexts=contexts)
        all_verified = all_verified and result.verified
        if args.json or args.jsonl:
            indent = None if args.jsonl else 2
            sys.stdout.write(
                json.dumps(result.to_json(language), indent=indent, ensure_ascii=False)
            )
            sys.stdout.write("\n")
        else:
            sys.stdout.write(report(result, language))
    return 0 if all_verified else 1


def report(result: VerificationResult, language: str) -> str:
    """A human-readable report, one line per check."""
    head = "✔" if result.verified else "✘"
    kind = f"{result.kind} {result.format}" + (f", {result.container}" if result.container else "")
    lines = [f"{head} {result.summary().get(language)}  ({kind})"]
    for check in result.checks:
        symbol = _SYMBOLS[check.outcome]
        lines.append(f"  {symbol} {check.name:<12} {check.message.get(language)}")
    return "\n".join(lines) + "\n"
