"""EndorsementCredential: a third party vouching for a profile, an achievement or a badge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .construction import freeze, require_uri
from .envelope import Context, check_envelope, resolve_context
from .profile import Profile
from .serialization import json_object
from .services import CredentialSchema, RefreshService, StatusEntry, TermsOfUse

_ENDORSEMENT = frozenset({"EndorsementCredential"})


@dataclass(frozen=True, kw_only=True)
class EndorsementSubject:
    """The endorsed entity (its ``id``) and the endorser's Markdown comment."""

    id: str
    endorsement_comment: str | None = None

    def __post_init__(self) -> None:
        require_uri("EndorsementSubject", "id", self.id)

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object."""
        return json_object(
            ("id", self.id),
            ("type", ["EndorsementSubject"]),
            ("endorsementComment", self.endorsement_comment),
        )


@dataclass(frozen=True, kw_only=True)
class EndorsementCredential:
    """An endorsement before signing. It must be signed before it is embedded or published:
    verifiers reject an endorsement without a proof.
    """

    id: str
    name: str
    issuer: Profile
    valid_from: str | datetime
    credential_subject: EndorsementSubject
    description: str | None = None
    valid_until: str | datetime | None = None
    awarded_date: str | datetime | None = None
    credential_status: StatusEntry | None = None
    credential_schema: Sequence[CredentialSchema] = ()
    refresh_service: RefreshService | None = None
    terms_of_use: Sequence[TermsOfUse] = ()
    type: Sequence[str] = ("VerifiableCredential", "EndorsementCredential")
    context: Context | None = None  # None: the default context, see above

    def __post_init__(self) -> None:
        freeze(self, "credential_schema", "terms_of_use", "type")
        if self.context is not None:
            freeze(self, "context")
        check_envelope(
            "EndorsementCredential",
            credential_id=self.id,
            name=self.name,
            types=self.type,
            kind=_ENDORSEMENT,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            awarded_date=self.awarded_date,
        )
        self._context()  # refuses an incomplete explicit context now, not when writing

    def _context(self) -> Context:
        used = [entry.type for entry in self.credential_schema]
        used += [entry.type for entry in (self.credential_status, self.refresh_service) if entry]
        return resolve_context("EndorsementCredential", self.context, used)

    def to_json(self) -> dict[str, Any]:
        """The unsigned endorsement as JSON, members in a fixed, readable order."""
        return json_object(
            ("@context", self._context()),
            ("id", self.id),
            ("type", self.type),
            ("name", self.name),
            ("description", self.description),
            ("issuer", self.issuer),
            ("validFrom", self.valid_from),
            ("validUntil", self.valid_until),
            ("awardedDate", self.awarded_date),
            ("credentialSubject", self.credential_subject),
            ("credentialStatus", self.credential_status),
            ("credentialSchema", self.credential_schema),
            ("refreshService", self.refresh_service),
            ("termsOfUse", self.terms_of_use),
        )
