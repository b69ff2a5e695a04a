"""Open Badges 2.0 documents built from plain values: issuer Profile, BadgeClass, Assertion,
and the CryptographicKey a signed badge points to.

``to_json()`` gives the JSON-LD an issuer publishes (``@context``
https://w3id.org/openbadges/v2). Timestamps are written ``YYYY-MM-DDThh:mm:ssZ``. A recipient
is an e-mail address hashed with a salt, normalized first (see ``insigne.core.identity``), so
the published assertion does not reveal it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives import serialization

from ..dates import format_z
from ..identity import identity_hash, new_salt, normalize_email
from ..keys import PublicKey
from .recipient import recipient_matches

OB2_CONTEXT = "https://w3id.org/openbadges/v2"
VERIFICATION_TYPES = ("HostedBadge", "SignedBadge")


def _one_or_many(values: tuple[Any, ...]) -> Any:
    return values[0] if len(values) == 1 else list(values)


def _optional(data: dict[str, Any], **members: Any) -> dict[str, Any]:
    """``data`` plus the members whose value is neither None nor empty (OB omits them)."""
    data.update({name: value for name, value in members.items() if value not in (None, (), [])})
    return data


@dataclass(frozen=True)
class Recipient:
    """An IdentityObject. ``identity`` is ``sha256$<hex>`` when ``hashed``."""

    identity: str
    type: str = "email"
    hashed: bool = True
    salt: str | None = None

    @classmethod
    def hashed_email(cls, address: str, salt: str | None = None) -> Recipient:
        """The address, normalized, hashed with ``salt`` (a new random one by default)."""
        salt = new_salt() if salt is None else salt
        return cls(identity_hash(normalize_email(address), salt), "email", True, salt)

    def matches(self, email: str) -> bool:
        return recipient_matches(self.to_json(), email)

    def to_json(self) -> dict[str, Any]:
        data = {"type": self.type, "hashed": self.hashed, "identity": self.identity}
        return _optional(data, salt=self.salt)


@dataclass(frozen=True)
class Alignment:
    target_name: str
    target_url: str
    target_description: str | None = None
    target_framework: str | None = None
    target_code: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = {"targetName": self.target_name, "targetUrl": self.target_url}
        return _optional(
            data,
            targetDescription=self.target_description,
            targetFramework=self.target_framework,
            targetCode=self.target_code,
        )


@dataclass(frozen=True)
class Issuer:
    id: str
    name: str
    url: str
    email: str
    description: str | None = None
    image: str | None = None
    public_keys: tuple[str, ...] = ()  # URLs of CryptographicKey documents
    revocation_list: str | None = None  # URL of the RevocationList

    def to_json(self) -> dict[str, Any]:
        data = {
            "@context": OB2_CONTEXT,
            "type": "Issuer",
            "id": self.id,
            "name": self.name,
            "url": self.url,
            "email": self.email,
        }
        return _optional(
            data,
            description=self.description,
            image=self.image,
            publicKey=_one_or_many(self.public_keys) if self.public_keys else None,
            revocationList=self.revocation_list,
        )


@dataclass(frozen=True)
class BadgeClass:
    id: str
    name: str
    description: str
    image: str
    issuer: str  # the issuer Profile's id (its URL)
    criteria_url: str | None = None
    criteria_narrative: str | None = None  # Markdown
    alignment: tuple[Alignment, ...] = ()
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.criteria_url is None and self.criteria_narrative is None:
            raise ValueError("a BadgeClass needs criteria: a URL, a narrative or both")

    def to_json(self) -> dict[str, Any]:
        criteria: Any = self.criteria_url
        if self.criteria_narrative is not None:
            criteria = _optional({"narrative": self.criteria_narrative}, id=self.criteria_url)
        data = {
            "@context": OB2_CONTEXT,
            "type": "BadgeClass",
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "image": self.image,
            "criteria": criteria,
            "issuer": self.issuer,
        }
        alignment = [item.to_json() for item in self.alignment]
        return _optional(data, alignment=alignment, tags=list(self.tags))


@dataclass(frozen=True)
class Assertion:
    id: str  # its URL for a hosted badge; urn:uuid:... is usual for a signed one
    recipient: Recipient
    badge: str | BadgeClass  # the BadgeClass URL, or the BadgeClass to embed
    issued_on: datetime
    verification_type: str = "HostedBadge"
    verification_creator: str | None = None  # URL of the signing key (SignedBadge)
    expires: datetime | None = None
    evidence: tuple[str, ...] = ()  # URLs
    narrative: str | None = None
    image: str | None = None  # URL of the baked image

    def __post_init__(self) -> None:
        if self.verification_type not in VERIFICATION_TYPES:
            raise ValueError(f"verification_type must be one of {VERIFICATION_TYPES}")
        if (self.verification_type == "SignedBadge") != (self.verification_creator is not None):
            raise ValueError("a SignedBadge, and only a SignedBadge, names its key (creator)")
        if self.expires is not None and self.expires <= self.issued_on:
            raise ValueError("an assertion must expire after it is issued")

    def to_json(self) -> dict[str, Any]:
        badge: Any = self.badge
        if isinstance(badge, BadgeClass):
            badge = {k: v for k, v in badge.to_json().items() if k != "@context"}
        verification = _optional(
            {"type": self.verification_type}, creator=self.verification_creator
        )
        data = {
            "@context": OB2_CONTEXT,
            "type": "Assertion",
            "id": self.id,
            "recipient": self.recipient.to_json(),
            "badge": badge,
            "verification": verification,
            "issuedOn": format_z(self.issued_on),
        }
        return _optional(
            data,
            expires=format_z(self.expires) if self.expires is not None else None,
            evidence=_one_or_many(self.evidence) if self.evidence else None,
            narrative=self.narrative,
            image=self.image,
        )


@dataclass(frozen=True)
class CryptographicKey:
    """The public key document ``verification.creator`` of a signed assertion points to."""

    id: str
    owner: str  # the issuer Profile's id
    public_key_pem: str

    @classmethod
    def from_public_key(cls, key_id: str, owner: str, key: PublicKey) -> CryptographicKey:
        pem = key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return cls(key_id, owner, pem.decode("ascii"))

    def to_json(self) -> dict[str, Any]:
        return {
            "@context": OB2_CONTEXT,
            "type": "CryptographicKey",
            "id": self.id,
            "owner": self.owner,
            "publicKeyPem": self.public_key_pem,
        }
