"""Profile (issuer, creator, endorser, source) and the small classes it carries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .construction import (
    freeze,
    require_number,
    require_text,
    require_types,
    require_uri,
    require_vocabulary,
)
from .serialization import json_object
from .vocabulary import IDENTIFIER_TYPES


@dataclass(frozen=True, kw_only=True)
class Image:
    """An image by URL or ``data:`` URI (a closed object: ``id``, ``type``, ``caption``)."""

    id: str
    caption: str | None = None

    def __post_init__(self) -> None:
        require_uri("Image", "id", self.id)

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object."""
        return json_object(("id", self.id), ("type", "Image"), ("caption", self.caption))


@dataclass(frozen=True, kw_only=True)
class IdentifierEntry:
    """Another identifier of a profile or achievement (a SIRET, a RNCP code...)."""

    identifier: str
    identifier_type: str

    def __post_init__(self) -> None:
        require_text("IdentifierEntry", "identifier", self.identifier)
        require_vocabulary(
            "IdentifierEntry",
            "identifierType",
            self.identifier_type,
            IDENTIFIER_TYPES,
            extensible=True,
        )

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object (closed: ``type`` is a plain string)."""
        return json_object(
            ("type", "IdentifierEntry"),
            ("identifier", self.identifier),
            ("identifierType", self.identifier_type),
        )


@dataclass(frozen=True, kw_only=True)
class GeoCoordinates:
    """WGS 84 latitude and longitude."""

    latitude: float | Decimal
    longitude: float | Decimal

    def __post_init__(self) -> None:
        require_number("GeoCoordinates", "latitude", self.latitude)
        require_number("GeoCoordinates", "longitude", self.longitude)

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object."""
        return json_object(
            ("type", "GeoCoordinates"), ("latitude", self.latitude), ("longitude", self.longitude)
        )


@dataclass(frozen=True, kw_only=True)
class Address:
    """A postal address; every member is optional."""

    address_country: str | None = None
    address_country_code: str | None = None
    address_region: str | None = None
    address_locality: str | None = None
    street_address: str | None = None
    post_office_box_number: str | None = None
    postal_code: str | None = None
    geo: GeoCoordinates | None = None

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object."""
        return json_object(
            ("type", ["Address"]),
            ("addressCountry", self.address_country),
            ("addressCountryCode", self.address_country_code),
            ("addressRegion", self.address_region),
            ("addressLocality", self.address_locality),
            ("streetAddress", self.street_address),
            ("postOfficeBoxNumber", self.post_office_box_number),
            ("postalCode", self.postal_code),
            ("geo", self.geo),
        )


@dataclass(frozen=True, kw_only=True)
class Profile:
    """An issuer, achievement creator, endorser or assessing source.

    ``endorsement`` holds EndorsementCredentials that are already signed, as dicts: they are
    copied into the output untouched.
    """

    id: str
    type: Sequence[str] = ("Profile",)
    name: str | None = None
    description: str | None = None
    url: str | None = None
    email: str | None = None
    phone: str | None = None
    image: Image | None = None
    address: Address | None = None
    other_identifier: Sequence[IdentifierEntry] = ()
    official: str | None = None
    parent_org: Profile | None = None
    endorsement: Sequence[Mapping[str, Any]] = ()

    def __post_init__(self) -> None:
        freeze(self, "type", "other_identifier", "endorsement")
        require_uri("Profile", "id", self.id)
        require_uri("Profile", "url", self.url, optional=True)
        require_types("Profile", self.type, frozenset({"Profile"}))

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object."""
        return json_object(
            ("id", self.id),
            ("type", self.type),
            ("name", self.name),
            ("description", self.description),
            ("url", self.url),
            ("email", self.email),
            ("phone", self.phone),
            ("image", self.image),
            ("address", self.address),
            ("otherIdentifier", self.other_identifier),
            ("official", self.official),
            ("parentOrg", self.parent_org),
            ("endorsement", self.endorsement),
        )
