"""Structural validation of Open Badges 3.0 documents (the rules of the OB 3.0 JSON Schema,
written out in Python) and of VC Data Model 2.0 credentials.

Each function returns a list of SchemaIssue; an empty list means the document is valid. They
never raise on bad input: whatever the JSON holds (wrong types, hostile nesting, huge arrays)
comes back as issues. Checking stops after MAX_ISSUES issues, and nesting deeper than
MAX_DEPTH levels is reported and not followed.

The tolerance of the ``json-ld`` variant of the OB schemas applies: a lone value is accepted
where an array is expected for ``type`` (of any class), ``proof``, ``credentialSchema`` and
``termsOfUse``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import messages
from .credential_rules import check_achievement_credential, check_endorsement_credential
from .depth import too_deep
from .issues import MAX_DEPTH, Checker, IssueLimitReachedError, SchemaIssue
from .profile_rules import check_profile
from .shapes import Shape, check_kind, check_shape, items
from .vc_rules import check_envelope

_VC = (frozenset({"VerifiableCredential"}),)
_EVIDENCE = Shape(
    "Evidence", required=("type",), members={"id": "uri", "type": "type-names"}, typed=False
)


def validate_credential(document: object) -> list[SchemaIssue]:
    """Check an OpenBadgeCredential/AchievementCredential or an EndorsementCredential.

    ``document`` is parsed JSON. The class is taken from its ``type``: EndorsementCredential
    rules when it names that class (a proof is then required), AchievementCredential rules
    otherwise. VC 1.1 credentials (``issuanceDate``) get an ``older-format`` warning.

    Returns the issues found, errors and warnings; an empty list means valid. Never raises
    on bad input.
    """
    return _run(document, Checker(ob=True), _check_credential)


def validate_profile(document: object) -> list[SchemaIssue]:
    """Check a standalone Profile (an issuer document, or the OB API ``/profile`` body).

    Returns the issues found (an empty list means valid); never raises on bad input.
    """
    return _run(document, Checker(ob=True), lambda c, doc: check_profile(c, doc, "", 0))


def validate_verifiable_credential(document: object) -> list[SchemaIssue]:
    """Check a credential against the VC Data Model 2.0 rules only (no Open Badges rules).

    Checks what can be checked without JSON-LD processing: the base context, ``id`` and
    other URLs, ``type``, ``issuer``, ``credentialSubject``, dates, names, and the shape of
    status, schema, refresh, terms-of-use, evidence and proof entries. Term definitions
    (protected terms, undefined types) are left to JSON-LD expansion.

    Returns the issues found (an empty list means valid); never raises on bad input.
    """
    return _run(document, Checker(ob=False), _check_verifiable_credential)


def _check_credential(c: Checker, doc: dict[str, Any]) -> None:
    kind = doc.get("type")
    names = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    if "EndorsementCredential" in names:
        check_endorsement_credential(c, doc, "", 0)
    else:
        check_achievement_credential(c, doc, "")


def _check_verifiable_credential(c: Checker, doc: dict[str, Any]) -> None:
    check_envelope(c, doc, "", owner="VerifiableCredential", needed=_VC)
    issuer = doc.get("issuer")
    if "issuer" not in doc:
        c.error("/issuer", "required", messages.required("issuer", "VerifiableCredential"))
    elif isinstance(issuer, dict):
        if "id" not in issuer:
            c.error("/issuer/id", "required", messages.required("id", "Profile"))
        for name, kind in (("id", "uri"), ("name", "text"), ("description", "text")):
            if name in issuer:
                check_kind(c, issuer[name], "/issuer", name, kind)
    elif issuer is None or isinstance(issuer, str):
        check_kind(c, issuer, "", "issuer", "uri")
    else:
        c.error("/issuer", "type", messages.kind("issuer", "string-or-object"))
    _check_subjects(c, doc)
    for path, entry in items(c, doc, "evidence", "", compact=True):
        check_shape(c, entry, path, _EVIDENCE)


def _check_subjects(c: Checker, doc: dict[str, Any]) -> None:
    if "credentialSubject" not in doc:
        message = messages.required("credentialSubject", "VerifiableCredential")
        c.error("/credentialSubject", "required", message)
        return
    for path, subject in items(c, doc, "credentialSubject", "", compact=True):
        if not isinstance(subject, dict):
            c.error(path, "type", messages.kind("credentialSubject", "object"))
        elif not subject:
            c.error(path, "empty", messages.subject_empty())
        elif "id" in subject:
            check_kind(c, subject["id"], path, "id", "uri")


def _run(
    document: object, checker: Checker, check: Callable[[Checker, dict[str, Any]], None]
) -> list[SchemaIssue]:
    try:
        _check_depth(checker, document)
        if isinstance(document, dict):
            check(checker, document)
        else:
            checker.error("", "type", messages.kind("document", "object"))
    except IssueLimitReachedError:
        pass
    return checker.issues


def _check_depth(c: Checker, document: object) -> None:
    path = too_deep(document, MAX_DEPTH)
    if path is not None:
        c.error(path, "depth", messages.too_deep(MAX_DEPTH))
