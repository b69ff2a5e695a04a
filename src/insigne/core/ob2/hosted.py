"""Hosted verification of Open Badges 2.0 assertions (OB 2.0 "HostedBadge").

The assertion is fetched from its id and only that copy is trusted. The issuer revokes it
by answering HTTP 410 Gone, or by serving ``{"id": ..., "revoked": true}``. The assertion
must be hosted within the issuer's reach: by default on the host of the issuer's id; the
issuer's VerificationObject may name other hosts (``allowedOrigins``) and restrict the URL
prefixes (``startsWith``). An issuer whose id is not a web address leaves nothing to compare
with: a warning, as the OB 2.0 reference validator gives.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..fetch import Fetcher, FetchError
from ..outcome import FAIL, PASS, WARNING, Check, Report, check
from .documents import Documents, host_of
from .linked import final_checks, load_badge, load_issuer
from .result import Ob2Verification
from .validation import class_check, context_check, is_url, verification_of

HOSTED_TYPES = ("HostedBadge", "hosted")

_NO_URL = (
    "Ce badge n'indique pas l'adresse où l'émetteur le publie.",
    "This badge does not give the address where the issuer publishes it.",
)
_REVOKED = ("L'émetteur a révoqué ce badge.", "The issuer has revoked this badge.")
_DIFFERENT = (
    "Le badge présenté diffère de celui que publie l'émetteur ; seul ce dernier compte.",
    "The badge shown differs from the one the issuer publishes; only the latter counts.",
)
_NOT_HOSTED = (
    "Ce badge ne se vérifie pas par son adresse de publication.",
    "This badge is not verified through its published address.",
)
_IN_SCOPE = (
    "Le badge est publié sur le site de l'émetteur.",
    "The badge is published on the issuer's site.",
)
_OUT_OF_SCOPE = (
    "Le badge n'est pas publié sur un site autorisé par l'émetteur.",
    "The badge is not published on a site the issuer allows.",
)
_NO_SCOPE = (
    "Rien ne permet de vérifier que le site qui publie ce badge est celui de l'émetteur.",
    "Nothing shows that the site publishing this badge is the issuer's.",
)


def verify_hosted_assertion(
    assertion_or_url: dict[str, Any] | str,
    *,
    fetcher: Fetcher,
    now: datetime,
    email: str | None = None,
) -> Ob2Verification:
    """Verify a hosted assertion, given as its URL or as a copy whose ``id`` is its URL.

    ``now`` (aware) judges the dates; ``email``, when given, must be the recipient. Never
    raises on bad input: every problem, fetch errors included, is a check in the result.
    """
    checks: list[Check] = []
    report = checks.append
    given = assertion_or_url if isinstance(assertion_or_url, dict) else None
    url = given.get("id") if given is not None else assertion_or_url
    if not isinstance(url, str) or not is_url(url):
        report(check("assertion-document", FAIL, _NO_URL, f"the assertion id is {url!r}"))
        return Ob2Verification(False, given, None, None, tuple(checks))
    documents = Documents(fetcher)
    assertion, revoked, reason = _fetch_assertion(url, documents, report)
    if assertion is None or revoked:
        return Ob2Verification(revoked, assertion or given, None, None, tuple(checks), reason)
    if given is not None and given != assertion:
        report(check("assertion-copy", WARNING, _DIFFERENT, f"the copy served at {url} is used"))
    context_check(assertion, "assertion", report)
    class_check(assertion, "assertion", report)
    verification = verification_of(assertion)
    kind = verification.get("type") if isinstance(verification, dict) else None
    if kind is not None and kind not in HOSTED_TYPES:
        report(check("verification", FAIL, _NOT_HOSTED, f"verification type is {kind!r}"))
    badge = load_badge(assertion, documents, report)
    issuer = load_issuer(badge, documents, report, refetch=False) if badge else None
    if issuer is not None:
        declared = assertion.get("id")
        report(
            scope_check(declared if isinstance(declared, str) and is_url(declared) else url, issuer)
        )
    final_checks(assertion, now=now, email=email, report=report)
    return Ob2Verification(False, assertion, badge, issuer, tuple(checks))


def _fetch_assertion(
    url: str, documents: Documents, report: Report
) -> tuple[dict[str, Any] | None, bool, str | None]:
    try:
        status = documents.response(url).status
    except FetchError:
        status = None  # reported by documents.node below
    if status == 410:
        report(check("revocation", FAIL, _REVOKED, f"{url} answers HTTP 410 Gone"))
        return None, True, None
    assertion = documents.node(url, "assertion", report)
    if assertion is not None and assertion.get("revoked") is True:
        reason = assertion.get("revocationReason")
        reason = reason if isinstance(reason, str) else None
        report(check("revocation", FAIL, _REVOKED, reason or f"{url} says revoked: true"))
        return assertion, True, reason
    return assertion, False, None


def scope_check(assertion_id: str, issuer: dict[str, Any]) -> Check:
    """Whether ``assertion_id`` is hosted where the issuer's verification policy allows."""
    policy = issuer.get("verification")
    policy = policy if isinstance(policy, dict) else {}
    issuer_id = issuer.get("id")
    prefixes = _strings(policy.get("startsWith"))
    if prefixes and not any(assertion_id.startswith(prefix) for prefix in prefixes):
        detail = f"{assertion_id} starts with none of {prefixes}"
        return check("scope", FAIL, _OUT_OF_SCOPE, detail)
    origins = [origin.lower() for origin in _strings(policy.get("allowedOrigins"))]
    if not origins:
        if host_of(issuer_id) is None:
            detail = f"the issuer id {issuer_id!r} has no web host to compare with"
            return check("scope", WARNING, _NO_SCOPE, detail)
        origins = [str(host_of(issuer_id))]
    host = host_of(assertion_id)
    if host not in origins:
        return check("scope", FAIL, _OUT_OF_SCOPE, f"{host} is not among {origins}")
    return check("scope", PASS, _IN_SCOPE, f"{host} is allowed by the issuer ({origins})")


def _strings(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [item for item in values if isinstance(item, str) and item]
