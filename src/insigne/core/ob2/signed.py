"""Signed Open Badges 2.0 assertions (OB 2.0 "SignedBadge"): a compact JWS over the assertion.

``verification.creator`` is the URL of a CryptographicKey (``publicKeyPem``, ``owner``). The
key counts only if the issuer's own Profile lists it in ``publicKey`` and the key names the
issuer as its ``owner``; the Profile is therefore always fetched from its id, even when the
badge embeds a copy. Then the issuer's ``revocationList`` is consulted.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa

from ..fetch import Fetcher
from ..keys import KeyFormatError, PublicKey, public_key_from_pem
from ..outcome import FAIL, PASS, WARNING, Check, Report, check
from ..proofs import jws
from .documents import Documents
from .linked import final_checks, load_badge, load_issuer
from .result import Ob2Verification
from .revocation import revocation_check
from .validation import class_check, context_check, is_url, verification_of

SIGNED_TYPES = ("SignedBadge", "signed")

_UNREADABLE = ("Ce badge signé est illisible.", "This signed badge is unreadable.")
_NOT_SIGNED = (
    "Ce badge ne se vérifie pas par signature.",
    "This badge is not verified by signature.",
)
_NO_KEY = (
    "Impossible de vérifier la signature : la clé de l'émetteur est introuvable.",
    "The signature cannot be checked: the issuer's key cannot be found.",
)
_OWNER = ("La clé appartient bien à l'émetteur.", "The key belongs to the issuer.")
_NOT_OWNER = (
    "La clé de signature n'appartient pas à l'émetteur.",
    "The signing key does not belong to the issuer.",
)
_UNCONFIRMED = (
    "Rien ne confirme que la clé de signature appartient à l'émetteur.",
    "Nothing confirms that the signing key belongs to the issuer.",
)
_VALID = ("La signature est valide.", "The signature is valid.")
_INVALID = (
    "La signature ne correspond pas : le badge a été modifié ou signé avec une autre clé.",
    "The signature does not match: the badge was changed or signed with another key.",
)


def sign_assertion(assertion_json: dict[str, Any], private_key: rsa.RSAPrivateKey) -> str:
    """The assertion as a compact JWS (RS256) whose payload is its JSON.

    The assertion must already say how it is verified: ``{"type": "SignedBadge", "creator":
    <key URL>}``; raises ValueError otherwise, JwsError for an RSA key under 2048 bits.
    """
    verification = verification_of(assertion_json)
    if not isinstance(verification, dict) or verification.get("type") not in SIGNED_TYPES:
        raise ValueError("the assertion's verification must be of type SignedBadge")
    if not is_url(verification.get("creator")):
        raise ValueError("verification.creator must be the URL of the signing key")
    payload = json.dumps(assertion_json, ensure_ascii=False, separators=(",", ":"))
    return jws.sign_compact(payload.encode("utf-8"), private_key)


def verify_signed_assertion(
    token: str, *, fetcher: Fetcher, now: datetime, email: str | None = None
) -> Ob2Verification:
    """Verify a signed assertion given as its compact JWS.

    ``now`` (aware) judges the dates; ``email``, when given, must be the recipient. Never
    raises on bad input: every problem, fetch errors included, is a check in the result.
    """
    checks: list[Check] = []
    report = checks.append
    try:
        decoded = jws.decode(token.strip() if isinstance(token, str) else token)
        assertion = decoded.payload_json()
    except jws.JwsError as error:
        report(check("token", FAIL, _UNREADABLE, str(error)))
        return Ob2Verification(False, None, None, None, tuple(checks))
    documents = Documents(fetcher)
    context_check(assertion, "assertion", report)
    class_check(assertion, "assertion", report)
    verification = verification_of(assertion)
    verification = verification if isinstance(verification, dict) else {}
    if verification.get("type", SIGNED_TYPES[0]) not in SIGNED_TYPES:
        detail = f"verification type is {verification.get('type')!r}"
        report(check("verification", FAIL, _NOT_SIGNED, detail))
    badge = load_badge(assertion, documents, report)
    issuer = load_issuer(badge, documents, report, refetch=True) if badge else None
    revoked, reason = False, None
    if issuer is not None:
        keys = _issuer_keys(verification.get("creator"), issuer, documents, report)
        if keys:
            _signature_check(decoded, keys, report)
        revoked, reason = revocation_check(issuer, assertion, documents, report)
    final_checks(assertion, now=now, email=email, report=report)
    return Ob2Verification(revoked, assertion, badge, issuer, tuple(checks), reason)


def _issuer_keys(
    creator: Any, issuer: dict[str, Any], documents: Documents, report: Report
) -> list[tuple[str, PublicKey]]:
    """The keys that may have signed: the creator if the issuer lists it, else all it lists."""
    issuer_id = issuer.get("id")
    entries = [k.get("id") if isinstance(k, dict) else k for k in _as_list(issuer.get("publicKey"))]
    listed: list[str] = [k for k in entries if isinstance(k, str)]
    if creator is not None and creator not in listed:
        detail = f"{creator!r} is not among the keys {issuer_id} lists: {listed}"
        report(check("key-provenance", FAIL, _NOT_OWNER, detail))
        return []
    candidates = [creator] if isinstance(creator, str) else listed
    if not candidates:
        report(check("key", FAIL, _NO_KEY, f"{issuer_id} lists no publicKey"))
        return []
    keys = []
    for key_id in candidates:
        document = documents.node(key_id, "key", report)
        if document is None:
            continue
        if document.get("owner") != issuer_id:
            detail = f"{key_id} is owned by {document.get('owner')!r}, not {issuer_id!r}"
            report(check("key-provenance", FAIL, _NOT_OWNER, detail))
            continue
        try:
            keys.append((key_id, public_key_from_pem(str(document.get("publicKeyPem")))))
        except KeyFormatError as error:
            report(check("key", FAIL, _NO_KEY, f"{key_id}: {error}"))
    if keys and not is_url(issuer_id):
        detail = f"the issuer id {issuer_id!r} is not a web address its keys could be checked at"
        report(check("key-provenance", WARNING, _UNCONFIRMED, detail))
    elif keys:
        detail = f"{keys[0][0]} is listed by {issuer_id} and names it as owner"
        report(check("key-provenance", PASS, _OWNER, detail))
    return keys


def _signature_check(
    decoded: jws.DecodedJws, keys: list[tuple[str, PublicKey]], report: Report
) -> None:
    problems = []
    for key_id, key in keys:
        try:
            if jws.verify_signature(decoded, key):
                report(check("signature", PASS, _VALID, f"{decoded.alg} signature by {key_id}"))
                return
            problems.append(f"{key_id}: {decoded.alg} signature does not verify")
        except jws.JwsError as error:
            problems.append(f"{key_id}: {error}")
    report(check("signature", FAIL, _INVALID, "; ".join(problems)))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
