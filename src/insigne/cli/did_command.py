"""``insigne did web``: the did:web DID document to publish for a signing key."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..core import did
from .common import UsageError, load_key


def register(commands: Any) -> None:
    parser = commands.add_parser("did", help="DID documents")
    methods = parser.add_subparsers(dest="method", required=True, metavar="METHOD")
    web = methods.add_parser("web", help="print the did:web document for a key")
    web.add_argument("--domain", required=True, help="host name, optionally with :port")
    web.add_argument("--path", default="", help="path below the host, e.g. issuers/42")
    web.add_argument("--key", required=True, action="append", metavar="FILE",
                     help="key file (repeat to publish older keys too, newest first)")  # fmt: skip
    web.set_defaults(handler=web_document)


def web_document(args: argparse.Namespace) -> int:
    try:
        identifier = did.web_did(args.domain, args.path)
        url = did.web_document_url(identifier)
    except did.DidError as error:
        raise UsageError(str(error)) from error
    keys = [load_key(path).public_multibase for path in args.key]
    document = did.web_document(identifier, keys)
    sys.stdout.write(json.dumps(document, indent=2) + "\n")
    print(f"publish at {url}", file=sys.stderr)
    return 0
