"""The public JSON documents of an organisation and its badges: DID document, OB 3.0 issuer
Profile and Achievement, as the platform publishes them (see ``ob2_documents`` for OB 2.0)."""

from __future__ import annotations

import json
from typing import Any

from ...core import did as core_did
from ..badges.achievement import achievement_json, issuer_json
from ..badges.models import BadgeVersion
from ..issuers import identifiers
from ..issuers.models import Organisation, SigningKey

OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def did_document(organisation: Organisation) -> dict[str, Any]:
    """Every key of the organisation, active first: retired keys keep old badges verifiable."""
    keys = SigningKey.objects.filter(organisation=organisation).order_by(
        "retired_at", "-created_at"
    )
    ordered = sorted(keys, key=lambda k: (k.retired_at is not None, -k.created_at.timestamp()))
    return core_did.web_document(
        identifiers.did(organisation), [k.public_multibase for k in ordered]
    )


def profile_document(organisation: Organisation) -> dict[str, Any]:
    """The OB 3.0 issuer Profile, with the JSON-LD context that makes it a document."""
    return {"@context": OB3_CONTEXT, **issuer_json(organisation)}


def achievement_document(version: BadgeVersion) -> dict[str, Any]:
    """The OB 3.0 Achievement of a badge version, as embedded in its credentials."""
    return {"@context": OB3_CONTEXT, **achievement_json(version)}


def json_bytes(document: object) -> bytes:
    """The UTF-8 JSON text the platform serves for ``document``."""
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
