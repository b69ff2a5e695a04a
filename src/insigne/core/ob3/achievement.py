"""Achievement (what the badge recognises), with its Criteria and Related achievements."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .alignment import Alignment
from .construction import (
    freeze,
    require_language,
    require_number,
    require_text,
    require_types,
    require_uri,
    require_vocabulary,
)
from .profile import IdentifierEntry, Image, Profile
from .results import ResultDescription
from .serialization import json_object
from .vocabulary import ACHIEVEMENT_TYPES


@dataclass(frozen=True, kw_only=True)
class Criteria:
    """How the achievement is earned: a page (``id``), a Markdown ``narrative``, or both."""

    id: str | None = None
    narrative: str | None = None

    def __post_init__(self) -> None:
        if self.id is None and not self.narrative:
            raise ValueError("Criteria needs an id (a criteria page) or a narrative")
        require_uri("Criteria", "id", self.id, optional=True)

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object (Criteria has no ``type``)."""
        return json_object(("id", self.id), ("narrative", self.narrative))


@dataclass(frozen=True, kw_only=True)
class Related:
    """Another version or language edition of the same achievement."""

    id: str
    in_language: str | None = None
    version: str | None = None

    def __post_init__(self) -> None:
        require_uri("Related", "id", self.id)
        require_language("Related", "inLanguage", self.in_language)

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object."""
        return json_object(
            ("id", self.id),
            ("type", ["Related"]),
            ("inLanguage", self.in_language),
            ("version", self.version),
        )


@dataclass(frozen=True, kw_only=True)
class Achievement:
    """The accomplishment a badge recognises (the OB 2.0 BadgeClass).

    ``achievement_type`` is one of the 31 OB values or an ``ext:`` extension. ``endorsement``
    holds already-signed EndorsementCredential dicts.
    """

    id: str
    name: str
    description: str
    criteria: Criteria
    type: Sequence[str] = ("Achievement",)
    achievement_type: str | None = None
    image: Image | None = None
    creator: Profile | None = None
    alignment: Sequence[Alignment] = ()
    result_description: Sequence[ResultDescription] = ()
    credits_available: int | float | Decimal | None = None
    field_of_study: str | None = None
    specialization: str | None = None
    human_code: str | None = None
    in_language: str | None = None
    version: str | None = None
    tag: Sequence[str] = ()
    other_identifier: Sequence[IdentifierEntry] = ()
    related: Sequence[Related] = ()
    endorsement: Sequence[Mapping[str, Any]] = ()

    def __post_init__(self) -> None:
        freeze(
            self,
            "type",
            "alignment",
            "result_description",
            "tag",
            "other_identifier",
            "related",
            "endorsement",
        )
        require_uri("Achievement", "id", self.id)
        require_text("Achievement", "name", self.name)
        require_text("Achievement", "description", self.description)
        require_types("Achievement", self.type, frozenset({"Achievement"}))
        require_vocabulary(
            "Achievement",
            "achievementType",
            self.achievement_type,
            ACHIEVEMENT_TYPES,
            extensible=True,
        )
        require_number("Achievement", "creditsAvailable", self.credits_available)
        require_language("Achievement", "inLanguage", self.in_language)
        ids = [description.id for description in self.result_description]
        if len(set(ids)) != len(ids):
            raise ValueError("Achievement.resultDescription ids must be unique")

    def result_description_by_id(self, description_id: str) -> ResultDescription | None:
        """The ResultDescription with id ``description_id``, if the achievement has it."""
        return next((rd for rd in self.result_description if rd.id == description_id), None)

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object."""
        return json_object(
            ("id", self.id),
            ("type", self.type),
            ("name", self.name),
            ("description", self.description),
            ("achievementType", self.achievement_type),
            ("criteria", self.criteria),
            ("image", self.image),
            ("creator", self.creator),
            ("alignment", self.alignment),
            ("resultDescription", self.result_description),
            ("creditsAvailable", self.credits_available),
            ("fieldOfStudy", self.field_of_study),
            ("specialization", self.specialization),
            ("humanCode", self.human_code),
            ("inLanguage", self.in_language),
            ("version", self.version),
            ("tag", self.tag),
            ("otherIdentifier", self.other_identifier),
            ("related", self.related),
            ("endorsement", self.endorsement),
        )
