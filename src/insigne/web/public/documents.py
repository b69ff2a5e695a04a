"""The public JSON documents of an organisation: DID document, OB 3.0 issuer Profile."""

from __future__ import annotations

from typing import Any

from ...core import did as core_did
from ..badges.achievement import issuer_json
from ..issuers import identifiers
from ..issuers.models import Organisation, SigningKey


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
    profile = issuer_json(organisation)
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        **profile,
    }
