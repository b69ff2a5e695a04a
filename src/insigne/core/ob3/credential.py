"""OpenBadgeCredential: the unsigned Open Badges 3.0 credential and its Evidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .construction import freeze, require_uri
from .envelope import Context, check_envelope, resolve_context
from .profile import Image, Profile
from .serialization import json_object
from .services import CredentialSchema, RefreshService, StatusEntry, TermsOfUse
from .subject import AchievementSubject
from .vocabulary import ACHIEVEMENT_CREDENTIAL_TYPES


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """Something that shows the achievement: a page, a file as ``data:`` URI, or a narrative."""

    id: str | None = None
    name: str | None = None
    narrative: str | None = None
    description: str | None = None
    genre: str | None = None
    audience: str | None = None

    def __post_init__(self) -> None:
        require_uri("Evidence", "id", self.id, optional=True)

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object."""
        return json_object(
            ("id", self.id),
            ("type", ["Evidence"]),
            ("name", self.name),
            ("description", self.description),
            ("narrative", self.narrative),
            ("genre", self.genre),
            ("audience", self.audience),
        )


@dataclass(frozen=True, kw_only=True)
class OpenBadgeCredential:
    """An Open Badges 3.0 credential before signing (VC Data Model 2.0 form).

    ``context`` defaults to VC 2.0 + OB 3.0.3 (+ the OB extensions context when a 1EdTech
    status, schema or refresh type is used). Dates given as strings are written unchanged;
    ``datetime`` values are written as ``YYYY-MM-DDThh:mm:ssZ``. ``endorsement`` holds
    already-signed EndorsementCredential dicts.
    """

    id: str
    name: str
    issuer: Profile
    valid_from: str | datetime
    credential_subject: AchievementSubject
    description: str | None = None
    image: Image | None = None
    valid_until: str | datetime | None = None
    awarded_date: str | datetime | None = None
    evidence: Sequence[Evidence] = ()
    credential_status: StatusEntry | None = None
    credential_schema: Sequence[CredentialSchema] = ()
    refresh_service: RefreshService | None = None
    terms_of_use: Sequence[TermsOfUse] = ()
    endorsement: Sequence[Mapping[str, Any]] = ()
    type: Sequence[str] = ("VerifiableCredential", "OpenBadgeCredential")
    context: Context | None = None  # None: the default context, see above

    def __post_init__(self) -> None:
        freeze(self, "evidence", "credential_schema", "terms_of_use", "endorsement", "type")
        if self.context is not None:
            freeze(self, "context")
        check_envelope(
            "OpenBadgeCredential",
            credential_id=self.id,
            name=self.name,
            types=self.type,
            kind=ACHIEVEMENT_CREDENTIAL_TYPES,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            awarded_date=self.awarded_date,
        )
        self._context()  # refuses an incomplete explicit context now, not when writing

    def _context(self) -> Context:
        used = [entry.type for entry in self.credential_schema]
        used += [entry.type for entry in (self.credential_status, self.refresh_service) if entry]
        return resolve_context("OpenBadgeCredential", self.context, used)

    def to_json(self) -> dict[str, Any]:
        """The unsigned credential as JSON, members in a fixed, readable order."""
        return json_object(
            ("@context", self._context()),
            ("id", self.id),
            ("type", self.type),
            ("name", self.name),
            ("description", self.description),
            ("image", self.image),
            ("issuer", self.issuer),
            ("validFrom", self.valid_from),
            ("validUntil", self.valid_until),
            ("awardedDate", self.awarded_date),
            ("credentialSubject", self.credential_subject),
            ("evidence", self.evidence),
            ("credentialStatus", self.credential_status),
            ("credentialSchema", self.credential_schema),
            ("refreshService", self.refresh_service),
            ("termsOfUse", self.terms_of_use),
            ("endorsement", self.endorsement),
        )
