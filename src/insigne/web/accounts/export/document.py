"""``compte.json``: the whole account as one JSON document (profile, addresses, badges with
what the holder added, collections, imported badges, badge requests)."""

from __future__ import annotations

import json
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from ...awards import links
from ...awards.models import Award
from ...backpack.models import Collection
from ...external.models import ExternalBadge
from ...issuers.models import Membership
from .contents import Contents
from .requests import request_document

FORMAT = "insigne-account-export/1"


def account_document(found: Contents) -> dict[str, Any]:
    user = found.user
    return {
        "format": FORMAT,
        "exported_at": found.made_at,
        "platform": settings.PUBLIC_URL,
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "joined_at": user.date_joined,
            "last_login": user.last_login,
        },
        "addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "organisations": [
            {"name": m.organisation.name, "role": m.role, "since": m.created_at}
            for m in Membership.objects.filter(user=user)
            .select_related("organisation")
            .order_by("organisation__name")
        ],
        "badges": [_award(award) for award in found.awards],
        "collections": [_collection(c) for c in found.collections],
        "imported_badges": [_imported(badge) for badge in found.imported],
        "badge_requests": [request_document(r) for r in found.requests],
    }


def document_bytes(found: Contents) -> bytes:
    document = account_document(found)
    text = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return text.encode("utf-8")


def _award(award: Award) -> dict[str, Any]:
    reflection = getattr(award, "reflection", None)
    return {
        "id": str(award.public_id),
        "page": links.public_page(award),
        "badge": award.version.name,
        "badge_version": award.version.number,
        "issuer": {"name": award.organisation.name, "website": award.organisation.website},
        "recipient_name": award.recipient_name,
        "recipient_email": award.recipient_email,
        "awarded_at": award.awarded_at,
        "valid_until": award.valid_until,
        "state": award.state,
        "state_reason": award.state_reason,
        "state_changed_at": award.state_changed_at,
        "claimed_at": award.claimed_at,
        "public": award.public,
        "narrative": award.narrative,
        "levels": award.levels,
        "evidence": award.evidence,
        "evidence_files": [
            {"name": f.name, "content_type": f.content_type, "url": links.evidence_url(f.public_id)}
            for f in award.evidence_files.all()
        ],
        "reflection": reflection.text if reflection is not None else None,
        "holder_evidence": [
            {
                "title": e.title,
                "url": e.url,
                "description": e.description,
                "file_name": e.file_name,
                "content_type": e.content_type,
                "added_at": e.created_at,
            }
            for e in award.holder_evidence.all()
        ],
        "credential": json.loads(award.credential) if award.credential else None,
        "credential_jwt": award.credential_jwt or None,
    }


def _collection(collection: Collection) -> dict[str, Any]:
    return {
        "id": str(collection.public_id),
        "name": collection.name,
        "description": collection.description,
        "public": collection.public,
        "page": _url("backpack:public-collection", collection.public_id),
        "badges": [str(a.public_id) for a in collection.awards.all()],
        "imported_badges": [str(b.public_id) for b in collection.external_badges.all()],
        "created_at": collection.created_at,
        "updated_at": collection.updated_at,
    }


def _imported(badge: ExternalBadge) -> dict[str, Any]:
    return {
        "id": str(badge.public_id),
        "name": badge.name,
        "description": badge.description,
        "issuer": {"name": badge.issuer_name, "url": badge.issuer_url},
        "issued_at": badge.issued_at,
        "valid_until": badge.valid_until,
        "spec": badge.spec,
        "credential_id": badge.credential_id,
        "source": badge.source,
        "source_url": badge.source_url,
        "original_name": badge.original_name,
        "original_media_type": badge.original_media_type,
        "verified": badge.verified,
        "checked_at": badge.checked_at,
        "verification": badge.report,
        "public": badge.public,
        "added_at": badge.created_at,
    }


def _url(name: str, public_id: object) -> str:
    return f"{settings.PUBLIC_URL}{reverse(name, args=[public_id])}"
