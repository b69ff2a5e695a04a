"""What an export contains: the account's awards with what the holder added, its imported
badges and collections, loaded once for the JSON document, the table and the archive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from ...awards.models import Award, EvidenceFile
from ...backpack.models import Collection, HolderEvidence
from ...external.models import ExternalBadge
from .. import holdings
from ..models import User
from .requests import badge_requests


@dataclass(frozen=True)
class Contents:
    user: User
    awards: list[Award]
    imported: list[ExternalBadge]
    collections: list[Collection]
    requests: list[Any]  # claims.BadgeRequest, when the app has them
    made_at: datetime


def awards_for_export(user: User) -> QuerySet[Award]:
    """The account's awards with their badge, issuer and holder additions; the badge image is
    loaded (the archive bakes it), the files' bytes are not."""
    return (
        holdings.awards_of(user)
        .select_related("version__badge", "organisation", "reflection")
        .defer("version__image_svg", "version__design", "organisation__logo_png")
        .prefetch_related(
            Prefetch("evidence_files", EvidenceFile.objects.defer("data").order_by("pk")),
            Prefetch("holder_evidence", HolderEvidence.objects.defer("data")),
        )
        .order_by("-awarded_at", "pk")
    )


def contents(user: User) -> Contents:
    imported = ExternalBadge.objects.filter(owner=user).defer("original", "image_png")
    collections = Collection.objects.filter(owner=user).prefetch_related(
        "awards", "external_badges"
    )
    return Contents(
        user=user,
        awards=list(awards_for_export(user)),
        imported=list(imported.order_by("-created_at", "pk")),
        collections=list(collections.order_by("name", "pk")),
        requests=badge_requests(user),
        made_at=timezone.now(),
    )
