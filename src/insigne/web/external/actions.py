"""State changes of external badges: importing one (a file, an address, and later the Open
Badges API's "upsert credential"), recording a new verdict, making it public or private,
deleting it.

An import keeps the bytes received exactly and replaces the holder's copy of the same
credential in place (same page address, same choice of public or private, same collections).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ...core.fetch import Fetcher, FetchError, Response
from ...core.verify import VerificationResult
from ..accounts.models import User
from ..awards.models import Award
from ..public.safe_fetch import FetchRefusedError
from . import fetching
from .description import describe
from .models import ExternalBadge
from .picture import picture_of
from .recognition import ImportRefusedError, recognise
from .report import expanded, ob2_documents, outcome_of, to_report

MAX_FILE_BYTES = 10 * 1024 * 1024


def megabytes(size: int) -> int:
    return size // (1024 * 1024)


def too_big_message() -> str:
    return _(
        "Ce fichier est trop volumineux : un badge pèse au plus %(size)s Mo. Vérifiez qu'il "
        "s'agit bien de l'image ou du fichier du badge."
    ) % {"size": megabytes(MAX_FILE_BYTES)}


@dataclass(frozen=True)
class Imported:
    badge: ExternalBadge
    replaced: bool  # the holder already had this credential: it was replaced in place


def import_badge(
    owner: User,
    data: bytes,
    *,
    source: str = ExternalBadge.Source.FILE,
    name: str = "",
    url: str = "",
    fetcher: Fetcher | None = None,
) -> Imported:
    """Verify ``data`` (baked PNG or SVG, JSON, JWT) and keep it in ``owner``'s backpack.

    ``name``: the file name it came with; ``url``: where it was fetched from. ``fetcher``
    obtains the issuer's documents (default: the guarded fetcher). Raises
    ImportRefusedError, storing nothing, when ``data`` is empty, too big or not a badge.
    """
    outside = fetcher or fetching.outside_fetcher(fetching.IMPORT_BUDGET)
    recording = fetching.RecordingFetcher(outside)
    return _import(owner, data, recording, source=source, name=name, url=url)


def import_badge_from_url(owner: User, url: str, *, fetcher: Fetcher | None = None) -> Imported:
    """Fetch the badge at ``url`` through the guarded fetcher, then ``import_badge`` it.

    Raises ImportRefusedError with the fetcher's reason (private address, web page, too
    big, unreachable...) or the HTTP error.
    """
    recording = fetching.RecordingFetcher(
        fetcher or fetching.outside_fetcher(fetching.IMPORT_BUDGET)
    )
    response = _fetch_badge(url, recording)
    name = unquote(PurePosixPath(urlsplit(url).path).name)
    return _import(
        owner, response.body, recording, source=ExternalBadge.Source.URL, name=name, url=url
    )


def _fetch_badge(url: str, recording: fetching.RecordingFetcher) -> Response:
    try:
        response = recording(url)
    except FetchRefusedError as error:
        raise ImportRefusedError(str(error.text), str(error)) from error
    except FetchError as error:
        message = _("Aucun badge n'a été trouvé à cette adresse.")
        raise ImportRefusedError(message, str(error)) from error
    if response.status == 410:
        raise ImportRefusedError(
            _(
                "Cette adresse répond que le badge a été retiré (410 Gone) : son émetteur l'a "
                "révoqué ou supprimé."
            ),
            f"{url} answered HTTP 410",
        )
    if response.status != 200:
        raise ImportRefusedError(
            _("Cette adresse a répondu par une erreur (HTTP %(status)s).")
            % {"status": response.status},
            f"{url} answered HTTP {response.status}",
        )
    return response


def _import(
    owner: User,
    data: bytes,
    recording: fetching.RecordingFetcher,
    *,
    source: str,
    name: str,
    url: str,
) -> Imported:
    if not data.strip():
        raise ImportRefusedError(_("Le fichier est vide."), "no bytes")
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefusedError(too_big_message(), f"{len(data)} bytes")
    recognised = recognise(data, recording)
    result = recognised.result
    if _held_on_the_platform(owner, result.credential, recognised.payload):
        raise ImportRefusedError(
            _(
                "Ce badge est déjà dans votre sac : c'est un badge Insigne que vous avez "
                "récupéré. Il n'a pas besoin d'être importé."
            ),
            "the holder's own Insigne award",
        )
    documents = ob2_documents(result.credential, recording.document) if result.kind == "ob2" else {}
    credential = expanded(result.kind, result.credential, documents)
    described = describe(result.kind, credential, name or url)
    fields: dict[str, Any] = {
        "source": source,
        "source_url": url if len(url) <= 2000 else "",
        "original": data,
        "original_name": name[:255],
        "original_media_type": recognised.media_type,
        "spec": ExternalBadge.Spec.OB2 if result.kind == "ob2" else ExternalBadge.Spec.OB3,
        "credential": recognised.payload,
        "name": described.name,
        "description": described.description,
        "issuer_name": described.issuer_name,
        "issuer_url": described.issuer_url,
        "issued_at": described.issued_at,
        "valid_until": described.valid_until,
        "image_png": picture_of(data, result.container, credential, result.kind),
        **_verdict_fields(result, complete=not recording.failures, documents=documents),
    }
    return _upsert(owner, described.credential_id, fields)


def _held_on_the_platform(owner: User, credential: Any, payload: str) -> bool:
    """Whether ``payload`` is the credential of an Insigne award ``owner`` already holds."""
    identifier = credential.get("id") if isinstance(credential, dict) else None
    if not isinstance(identifier, str) or not identifier.startswith("urn:uuid:"):
        return False
    try:
        public_id = uuid.UUID(identifier.removeprefix("urn:uuid:"))
    except ValueError:
        return False
    held = Award.objects.filter(public_id=public_id, learner=owner, erased_at__isnull=True)
    return held.filter(Q(credential=payload) | Q(credential_jwt=payload)).exists()


def _upsert(owner: User, credential_id: str, fields: dict[str, Any]) -> Imported:
    same = Q(credential_id=credential_id) if credential_id else Q(credential=fields["credential"])
    with transaction.atomic():
        existing = ExternalBadge.objects.select_for_update().filter(same, owner=owner).first()
        if existing is None:
            try:
                with transaction.atomic():
                    created = ExternalBadge.objects.create(
                        owner=owner, credential_id=credential_id, **fields
                    )
                return Imported(created, replaced=False)
            except IntegrityError:  # the same credential, imported at the same moment
                existing = ExternalBadge.objects.select_for_update().get(same, owner=owner)
        for field, value in fields.items():
            setattr(existing, field, value)
        existing.save()
        return Imported(existing, replaced=True)


def _verdict_fields(
    result: VerificationResult, *, complete: bool, documents: dict[str, Any]
) -> dict[str, Any]:
    return {
        "verified": result.verified,
        "outcome": outcome_of(result),
        "report": to_report(result, complete=complete, documents=documents),
        "checked_at": timezone.now(),
    }


def record_verdict(
    badge: ExternalBadge,
    result: VerificationResult,
    *,
    complete: bool,
    documents: dict[str, Any],
    at: datetime | None = None,
) -> None:
    """Keep the verdict of a re-check (the badge's content and ``updated_at`` unchanged)."""
    fields = _verdict_fields(result, complete=complete, documents=documents)
    fields["checked_at"] = at or fields["checked_at"]
    ExternalBadge.objects.filter(pk=badge.pk).update(**fields)
    for field, value in fields.items():
        setattr(badge, field, value)


def set_public(badge: ExternalBadge, public: bool) -> None:
    """The holder's choice: a public badge has a page anyone with its address can see."""
    badge.public = public
    badge.save(update_fields=["public", "updated_at"])


def delete_badge(badge: ExternalBadge) -> None:
    """Remove the badge from the holder's backpack (and from their collections)."""
    badge.delete()
