"""One verification entry point for every badge format Insigne reads.

``verify`` accepts a JSON credential (text, bytes or a parsed object), a compact JWS (VC-JWT
or Open Badges 2.0 signed assertion), a baked PNG or SVG, or bytes of unknown kind, and
returns a frozen ``VerificationResult``. It never raises on bad input and never touches the
network itself: the clock, the context documents and the fetcher are handed in, and the
default fetcher refuses every URL.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from .. import dates
from ..canon import Canonicalizer, default_canonicalizer
from ..fetch import Fetcher, no_network
from ..ob2 import verify_assertion
from ..proofs import jws, vc_jwt
from ..text import Text
from .checks import Environment
from .ob3 import common_checks, schema_checks, verify_json_credential
from .reading import ReadError, read
from .result import Check, Outcome, VerificationResult

__all__ = ["Check", "Outcome", "VerificationResult", "verify"]

_log = logging.getLogger(__name__)
OB2_CONTEXTS = ("https://w3id.org/openbadges/v2", "https://openbadgespec.org/v2/context.json")


def verify(
    data: bytes | str | Mapping[str, Any],
    *,
    email: str | None = None,
    now: datetime | None = None,
    fetcher: Fetcher = no_network,
    canonicalizer: Canonicalizer | None = None,
    contexts: Mapping[str, Any] | None = None,
) -> VerificationResult:
    """Verify a badge.

    ``email``: also check that the badge was issued to this address. ``now``: the instant
    to judge validity dates at (default: the current time). ``fetcher``: how to obtain
    issuer documents, DID documents and status lists (default: nothing is fetched).
    ``contexts``: JSON-LD context documents to accept besides the pinned ones.
    """
    canon = canonicalizer or default_canonicalizer()
    if contexts:
        canon = canon.with_contexts(dict(contexts))
    env = Environment(fetcher, canon, now or dates.now(), email)
    try:
        material = read(data)
    except ReadError as error:
        return _unreadable(error.text, error.detail)
    item: Any = material.document if material.document is not None else material.token
    try:
        return verify_material(item, env, container=material.container)
    except Exception as error:  # a bug must not turn bad input into a crash
        _log.exception("verification failed unexpectedly")
        return _unreadable(
            Text(
                "Le vérificateur n'a pas pu analyser ce badge (erreur interne).",
                "The verifier could not analyse this badge (internal error).",
            ),
            f"{type(error).__name__}: {error}",
        )


def verify_material(
    item: Any, env: Environment, *, container: str | None = None, depth: int = 0
) -> VerificationResult:
    """Verify an already-read credential: a JSON object or a compact JWS string."""
    if isinstance(item, str):
        return _verify_token(item, env, container, depth)
    if not isinstance(item, dict):
        return _unreadable(
            Text("Ce contenu n'est pas un badge.", "This content is not a badge."),
            f"expected a JSON object or a JWS, got {type(item).__name__}",
        )
    if _is_ob2(item):
        return _from_ob2(
            verify_assertion(item, fetcher=env.fetcher, now=env.now, email=env.email), container
        )
    return verify_json_credential(item, env, container=container, depth=depth)


def _verify_token(
    token: str, env: Environment, container: str | None, depth: int
) -> VerificationResult:
    try:
        payload = jws.decode(token).payload_json()
    except jws.JwsError as error:
        return _unreadable(
            Text(
                "Ce jeton (JWT) est illisible ou incomplet.",
                "This token (JWT) is unreadable or incomplete.",
            ),
            str(error),
        )
    if _is_ob2(payload):
        result = verify_assertion(token, fetcher=env.fetcher, now=env.now, email=env.email)
        return _from_ob2(result, container)
    verification = vc_jwt.verify_credential_jwt(token, fetcher=env.fetcher, now=env.now)
    checks: list[Check] = []
    for check in verification.checks:
        if check.name in ("nbf", "exp") and (
            check.outcome is Outcome.PASS
            or (check.message.fr, check.message.en) in vc_jwt.CLOCK_MESSAGES
        ):
            continue  # the validity dates are reported once, by the date checks below
        name = {"signature": "proof", "key-provenance": "issuer"}.get(check.name, check.name)
        checks.append(Check(name, check.outcome, check.message, check.detail))
    credential = verification.credential
    endorsements: list[VerificationResult] = []
    if credential is not None:
        checks[1:1] = schema_checks(credential)
        checks.extend(common_checks(credential, env, depth=depth, endorsements=endorsements))
    return VerificationResult(
        kind="ob3",
        format="jwt",
        container=container,
        checks=tuple(checks),
        credential=credential,
        endorsements=tuple(endorsements),
        revoked=_revoked(checks),
    )


def _revoked(checks: list[Check]) -> bool:
    return any(c.name == "status" and c.detail.startswith("revoked") for c in checks)


def _is_ob2(document: Any) -> bool:
    if not isinstance(document, dict):
        return False
    context = document.get("@context")
    contexts = context if isinstance(context, list) else [context]
    return any(c in OB2_CONTEXTS for c in contexts)


def _from_ob2(result: Any, container: str | None) -> VerificationResult:
    renamed = {"signature": "proof", "assertion-document": "proof", "revocation": "status"}
    checks = tuple(
        Check(renamed.get(c.name, c.name), c.outcome, c.message, c.detail) for c in result.checks
    )
    hosted = not any(c.name == "signature" for c in result.checks)
    document = result.assertion
    return VerificationResult(
        kind="ob2",
        format="ob2-hosted" if hosted else "ob2-signed",
        container=container,
        checks=checks,
        credential=document,
        revoked=bool(result.revoked),
    )


def _unreadable(text: Text, detail: str) -> VerificationResult:
    return VerificationResult(
        kind="unknown",
        format="unknown",
        container=None,
        checks=(Check("format", Outcome.FAIL, text, detail),),
    )
