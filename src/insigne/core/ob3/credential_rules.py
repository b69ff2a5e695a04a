"""OB 3.0 rules for the two credential classes: AchievementCredential and EndorsementCredential."""

from __future__ import annotations

from typing import Any

from . import messages
from .issues import MAX_DEPTH, Checker, pointer
from .profile_rules import check_endorsements, check_image, check_profile
from .shapes import Shape, check_kind, check_shape, items
from .subject_rules import check_achievement_subject
from .vc_rules import check_envelope
from .vocabulary import ACHIEVEMENT_CREDENTIAL_TYPES

_VC = frozenset({"VerifiableCredential"})
_ENDORSEMENT = frozenset({"EndorsementCredential"})
_EVIDENCE = Shape(
    "Evidence",
    required=("type",),
    members={
        "id": "uri", "narrative": "string", "name": "string", "description": "string",
        "genre": "string", "audience": "string",
    },
)  # fmt: skip
_ENDORSEMENT_SUBJECT = Shape(
    "EndorsementSubject",
    required=("id", "type"),
    members={"id": "uri", "endorsementComment": "string"},
)


def check_achievement_credential(c: Checker, doc: dict[str, Any], path: str) -> None:
    """An OpenBadgeCredential (alias AchievementCredential)."""
    owner = "OpenBadgeCredential"
    check_envelope(c, doc, path, owner=owner, needed=(_VC, ACHIEVEMENT_CREDENTIAL_TYPES))
    _check_issuer(c, doc, path, owner, 0)
    here = pointer(path, "credentialSubject")
    if "credentialSubject" in doc:
        check_achievement_subject(c, doc["credentialSubject"], here, 1)
    else:
        c.error(here, "required", messages.required("credentialSubject", owner))
    check_image(c, doc, path)
    for entry_path, entry in items(c, doc, "evidence", path):
        check_shape(c, entry, entry_path, _EVIDENCE)
    check_endorsements(c, doc, path, 0)
    if "endorsementJwt" in doc:
        check_kind(c, doc["endorsementJwt"], path, "endorsementJwt", "jws-list")


def check_endorsement_credential(c: Checker, value: object, path: str, depth: int) -> None:
    """An EndorsementCredential, top-level or embedded; it must carry a proof."""
    if depth > MAX_DEPTH:
        return
    owner = "EndorsementCredential"
    if not isinstance(value, dict):
        c.error(path, "type", messages.kind("endorsement", "object"))
        return
    check_envelope(c, value, path, owner=owner, needed=(_VC, _ENDORSEMENT))
    for name in ("name", "credentialSubject"):
        if name not in value:
            c.error(pointer(path, name), "required", messages.required(name, owner))
    _check_issuer(c, value, path, owner, depth)
    if "credentialSubject" in value:
        subject = pointer(path, "credentialSubject")
        check_shape(c, value["credentialSubject"], subject, _ENDORSEMENT_SUBJECT)
    if "proof" not in value:
        c.error(pointer(path, "proof"), "unsigned", messages.unsigned_endorsement())


def _check_issuer(c: Checker, doc: dict[str, Any], path: str, owner: str, depth: int) -> None:
    here = pointer(path, "issuer")
    issuer = doc.get("issuer")
    if isinstance(issuer, str):
        check_kind(c, issuer, path, "issuer", "uri")
    elif isinstance(issuer, dict):
        check_profile(c, issuer, here, depth + 1)
    elif "issuer" not in doc:
        c.error(here, "required", messages.required("issuer", owner))
    elif issuer is None:
        c.error(here, "null", messages.null("issuer"))
    else:
        c.error(here, "type", messages.kind("issuer", "string-or-object"))
