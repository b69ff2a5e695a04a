"""The stable addresses of an organisation's public documents."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings

from .models import Organisation


def did(organisation: Organisation) -> str:
    """``did:web:<host>:issuers:<slug>``, resolved at ``/issuers/<slug>/did.json``."""
    host = settings.PUBLIC_HOST.replace(":", "%3A")
    return f"did:web:{host}:issuers:{quote(organisation.slug, safe='')}"


def did_document_url(organisation: Organisation) -> str:
    return f"{settings.PUBLIC_URL}/issuers/{organisation.slug}/did.json"


def profile_url(organisation: Organisation) -> str:
    return f"{settings.PUBLIC_URL}/issuers/{organisation.slug}"


def verification_method(organisation: Organisation, public_multibase: str) -> str:
    return f"{did(organisation)}#{public_multibase}"


def ob2_issuer_url(organisation: Organisation) -> str:
    return f"{settings.PUBLIC_URL}/ob2/issuers/{organisation.slug}"
