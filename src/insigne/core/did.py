"""DID methods did:key and did:web: identifiers and DID documents.

did:key documents are derived locally from the key. did:web documents are generated for
publishing, and resolved through an injected fetcher (DID Web method, section 3.2).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote

from .fetch import Fetcher, FetchError
from .keys import KeyFormatError, decode_public_multikey

DID_CONTEXT = "https://www.w3.org/ns/did/v1"
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
_DID_WEB = re.compile(r"did:web:([A-Za-z0-9.\-]+(?:%3A[0-9]+)?)((?::[A-Za-z0-9._~\-%]+)*)")


class DidError(ValueError):
    """A DID is malformed, uses an unsupported method, or cannot be resolved."""


def key_document(did: str) -> dict[str, Any]:
    """The DID document of a did:key Ed25519 identifier."""
    if not did.startswith("did:key:"):
        raise DidError(f"{did!r} is not a did:key")
    multikey = did[len("did:key:") :]
    try:
        decode_public_multikey(multikey)
    except KeyFormatError as error:
        raise DidError(f"unsupported did:key: {error}") from error
    method = f"{did}#{multikey}"
    return {
        "@context": [DID_CONTEXT, MULTIKEY_CONTEXT],
        "id": did,
        "verificationMethod": [
            {"id": method, "type": "Multikey", "controller": did, "publicKeyMultibase": multikey}
        ],
        "authentication": [method],
        "assertionMethod": [method],
        "capabilityDelegation": [method],
        "capabilityInvocation": [method],
    }


def web_did(domain: str, path: str = "") -> str:
    """``did:web`` for a host (optionally with port) and an optional path."""
    host = domain.strip().lower()
    if not re.fullmatch(r"[a-z0-9.\-]+(:[0-9]+)?", host) or host.startswith((".", "-")):
        raise DidError(f"{domain!r} is not a host name")
    did = "did:web:" + host.replace(":", "%3A")
    for segment in (s for s in path.strip("/").split("/") if s):
        did += ":" + quote(segment, safe="")
    return did


def web_document_url(did: str) -> str:
    """Where a did:web document lives (``/.well-known/did.json`` without a path)."""
    match = _DID_WEB.fullmatch(did)
    if match is None:
        raise DidError(f"{did!r} is not a did:web identifier")
    host = unquote(match.group(1))
    segments = [unquote(s) for s in match.group(2).split(":") if s]
    if any(s in ("", ".", "..") or "/" in s for s in segments):
        raise DidError(f"{did!r} has an invalid path")
    if not segments:
        return f"https://{host}/.well-known/did.json"
    return f"https://{host}/{'/'.join(segments)}/did.json"


def web_document(did: str, public_multikeys: list[str]) -> dict[str, Any]:
    """A did:web document publishing Ed25519 Multikeys, newest first, for assertions."""
    methods = [
        {
            "id": f"{did}#{key}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key,
        }
        for key in public_multikeys
    ]
    ids = [m["id"] for m in methods]
    return {
        "@context": [DID_CONTEXT, MULTIKEY_CONTEXT],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    }


def resolve(did: str, fetcher: Fetcher) -> dict[str, Any]:
    """The DID document for a did:key or did:web (the latter through ``fetcher``)."""
    if did.startswith("did:key:"):
        return key_document(did)
    if did.startswith("did:web:"):
        url = web_document_url(did)
        try:
            response = fetcher(url)
            document = response.json() if response.status == 200 else None
        except (FetchError, ValueError, UnicodeDecodeError) as error:
            raise DidError(f"could not fetch {url}: {error}") from error
        if not isinstance(document, dict) or document.get("id") != did:
            raise DidError(f"{url} does not hold the DID document of {did}")
        return document
    method = did.split(":")[1] if did.count(":") >= 2 else did
    raise DidError(f"unsupported DID method {method!r}")
