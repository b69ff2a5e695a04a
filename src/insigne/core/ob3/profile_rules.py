"""OB 3.0 rules for Profile and the classes it holds (Image, IdentifierEntry, Address)."""

from __future__ import annotations

from typing import Any

from .issues import MAX_DEPTH, Checker, pointer
from .shapes import Shape, check_shape, items

IMAGE = Shape(
    "Image",
    required=("id", "type"),
    members={"id": "uri", "caption": "string"},
    exact_type=True,
    closed=True,
)
IDENTIFIER_ENTRY = Shape(
    "IdentifierEntry",
    required=("type", "identifier", "identifierType"),
    members={"identifier": "string", "identifierType": "identifier-type"},
    exact_type=True,
    closed=True,
)
_GEO = Shape(
    "GeoCoordinates",
    required=("type", "latitude", "longitude"),
    members={"latitude": "number", "longitude": "number"},
    exact_type=True,
)
_ADDRESS_TEXT = (
    "addressCountry", "addressCountryCode", "addressRegion", "addressLocality",
    "streetAddress", "postOfficeBoxNumber", "postalCode",
)  # fmt: skip
_ADDRESS = Shape("Address", required=("type",), members=dict.fromkeys(_ADDRESS_TEXT, "string"))
_PERSON_TEXT = (
    "name", "phone", "description", "email", "official", "familyName", "givenName",
    "additionalName", "patronymicName", "honorificPrefix", "honorificSuffix", "familyNamePrefix",
)  # fmt: skip
_PROFILE = Shape(
    "Profile",
    required=("id", "type"),
    members={
        **dict.fromkeys(_PERSON_TEXT, "string"),
        "id": "uri", "url": "uri", "dateOfBirth": "date", "endorsementJwt": "jws-list",
    },
)  # fmt: skip


def check_image(c: Checker, node: dict[str, Any], path: str) -> None:
    """The ``image`` member of ``node``, if any: a closed Image object (never a bare URL)."""
    if "image" in node:
        check_shape(c, node["image"], pointer(path, "image"), IMAGE)


def check_profile(c: Checker, value: object, path: str, depth: int) -> None:
    """A Profile: issuer, creator, source, endorser or parent organisation."""
    if depth > MAX_DEPTH:  # the depth scan has reported it
        return
    node = check_shape(c, value, path, _PROFILE)
    if node is None:
        return
    check_image(c, node, path)
    if "address" in node:
        here = pointer(path, "address")
        address = check_shape(c, node["address"], here, _ADDRESS)
        if address is not None and "geo" in address:
            check_shape(c, address["geo"], pointer(here, "geo"), _GEO)
    for entry_path, entry in items(c, node, "otherIdentifier", path):
        check_shape(c, entry, entry_path, IDENTIFIER_ENTRY)
    if "parentOrg" in node:
        check_profile(c, node["parentOrg"], pointer(path, "parentOrg"), depth + 1)
    check_endorsements(c, node, path, depth)


def check_endorsements(c: Checker, node: dict[str, Any], path: str, depth: int) -> None:
    """Embedded EndorsementCredentials of a credential, achievement or profile."""
    if "endorsement" not in node:
        return
    # Endorsements hold profiles which hold endorsements: the modules depend on each other.
    from .credential_rules import check_endorsement_credential

    for entry_path, entry in items(c, node, "endorsement", path):
        check_endorsement_credential(c, entry, entry_path, depth + 1)
