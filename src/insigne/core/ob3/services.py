"""What a credential points to: status entries, schemas, refresh service, terms of use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .construction import require_text, require_uri
from .serialization import json_object
from .vocabulary import OB_CREDENTIAL_SCHEMA

_RESERVED = frozenset({"id", "type"})


@dataclass(frozen=True, kw_only=True)
class BitstringStatusListEntry:
    """An entry in a W3C Bitstring Status List (revocation or suspension).

    ``status_list_index`` is always written as a base-10 string, as the specification
    requires; ``id`` defaults to ``<status list credential>#<index>``.
    """

    status_list_credential: str
    status_list_index: int | str
    status_purpose: str = "revocation"
    id: str | None = None

    def __post_init__(self) -> None:
        require_uri("BitstringStatusListEntry", "statusListCredential", self.status_list_credential)
        require_uri("BitstringStatusListEntry", "id", self.id, optional=True)
        require_text("BitstringStatusListEntry", "statusPurpose", self.status_purpose)
        index = self.status_list_index
        if isinstance(index, bool) or not (
            (isinstance(index, int) and index >= 0)
            or (isinstance(index, str) and index.isascii() and index.isdigit())
        ):
            raise ValueError("BitstringStatusListEntry.statusListIndex must be an integer >= 0")

    @property
    def type(self) -> str:
        """The status method name, ``BitstringStatusListEntry``."""
        return "BitstringStatusListEntry"

    def to_json(self) -> dict[str, Any]:
        """The JSON object, with the index as a string."""
        index = str(int(self.status_list_index))
        return json_object(
            ("id", self.id or f"{self.status_list_credential}#{index}"),
            ("type", self.type),
            ("statusPurpose", self.status_purpose),
            ("statusListIndex", index),
            ("statusListCredential", self.status_list_credential),
        )


@dataclass(frozen=True, kw_only=True)
class CredentialStatus:
    """Any other status method, e.g. ``1EdTechRevocationList``; ``properties`` adds members."""

    type: str
    id: str | None = None
    properties: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_typed_entry("CredentialStatus", self.type, self.id, self.properties)

    def to_json(self) -> dict[str, Any]:
        """The JSON object: ``id``, ``type``, then ``properties`` in their order."""
        return _typed_entry_json(self.type, self.id, self.properties)


@dataclass(frozen=True, kw_only=True)
class TermsOfUse:
    """A terms-of-use policy attached to the credential."""

    type: str
    id: str | None = None
    properties: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_typed_entry("TermsOfUse", self.type, self.id, self.properties)

    def to_json(self) -> dict[str, Any]:
        """The JSON object: ``id``, ``type``, then ``properties`` in their order."""
        return _typed_entry_json(self.type, self.id, self.properties)


@dataclass(frozen=True, kw_only=True)
class CredentialSchema:
    """A JSON Schema the credential claims to follow; defaults to the OB 3.0 one."""

    id: str = OB_CREDENTIAL_SCHEMA
    type: str = "1EdTechJsonSchemaValidator2019"

    def __post_init__(self) -> None:
        require_uri("CredentialSchema", "id", self.id)
        require_text("CredentialSchema", "type", self.type)

    def to_json(self) -> dict[str, Any]:
        """The JSON object."""
        return json_object(("id", self.id), ("type", self.type))


@dataclass(frozen=True, kw_only=True)
class RefreshService:
    """Where a wallet can fetch the current version of the credential."""

    id: str
    type: str = "1EdTechCredentialRefresh"

    def __post_init__(self) -> None:
        require_uri("RefreshService", "id", self.id)
        require_text("RefreshService", "type", self.type)

    def to_json(self) -> dict[str, Any]:
        """The JSON object."""
        return json_object(("id", self.id), ("type", self.type))


StatusEntry = BitstringStatusListEntry | CredentialStatus


def _check_typed_entry(
    owner: str, kind: str, entry_id: str | None, properties: Mapping[str, Any]
) -> None:
    require_text(owner, "type", kind)
    require_uri(owner, "id", entry_id, optional=True)
    if _RESERVED & set(properties):
        raise ValueError(f"{owner}.properties cannot set id or type; use the fields")


def _typed_entry_json(
    kind: str, entry_id: str | None, properties: Mapping[str, Any]
) -> dict[str, Any]:
    return json_object(("id", entry_id), ("type", kind), *properties.items())
