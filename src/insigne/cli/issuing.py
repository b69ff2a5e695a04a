"""``insigne issue``: from a small badge description (YAML or JSON), a signed credential."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import yaml

from ..core import dates, description
from ..core.issuing import sign_credential
from ..core.proofs import jws
from .common import UsageError, date_time, load_key, read_bytes, write_output


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "issue", help="issue a signed badge from a description file (YAML or JSON)"
    )
    parser.add_argument("description", metavar="DESCRIPTION", help="file or - (stdin)")
    parser.add_argument("--key", required=True, metavar="FILE", help="Ed25519 key file")
    parser.add_argument("--verification-method", metavar="URI", help="default: the key's did:key")
    parser.add_argument("--format", choices=("di", "jwt"), default="di", help="default: di")
    parser.add_argument("--ob2", action="store_true", help="an Open Badges 2.0 signed assertion")
    parser.add_argument(
        "--key-url", metavar="URL", help="with --ob2: where the public key is published"
    )
    parser.add_argument("--now", metavar="DATETIME", help="issue date (default: now)")
    parser.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    key = load_key(args.key)
    now = date_time(args.now, "--now") or dates.now()
    try:
        data = yaml.safe_load(read_bytes(args.description).decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise UsageError(f"the description is not valid YAML or JSON: {error}") from error
    try:
        if args.ob2:
            if not args.key_url:
                raise UsageError("--ob2 needs --key-url, the URL of the published public key")
            assertion = description.ob2_assertion(data, key_url=args.key_url, now=now)
            token = jws.sign_compact(json.dumps(assertion).encode("utf-8"), key)
            write_output(token + "\n", args.out)
            return 0
        unsigned = description.credential(data, issuer_id=key.did_key, now=now)
        signed = sign_credential(
            unsigned,
            key,
            format=args.format,
            now=now,
            verification_method=args.verification_method,
        )
    except description.DescriptionError as error:
        print(f"insigne: {error}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"insigne: cannot sign: {error}", file=sys.stderr)
        return 1
    text = signed if isinstance(signed, str) else json.dumps(signed, indent=2, ensure_ascii=False)
    write_output(text + "\n", args.out)
    return 0
