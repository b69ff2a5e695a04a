"""The learner side of a badge: AchievementSubject and the IdentityObject naming the learner."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from ..identity import identity_hash, new_salt, normalize_email
from .achievement import Achievement
from .construction import freeze, require_date, require_number, require_uri, require_vocabulary
from .formats import is_identity_hash
from .profile import Image, Profile
from .results import Result
from .serialization import json_object
from .vocabulary import IDENTIFIER_TYPES


@dataclass(frozen=True, kw_only=True)
class IdentityObject:
    """An identifier of the learner, in clear or hashed (``<alg>$<hex>`` over identity + salt)."""

    identity_hash: str
    identity_type: str
    hashed: bool
    salt: str | None = None

    def __post_init__(self) -> None:
        require_vocabulary(
            "IdentityObject",
            "identityType",
            self.identity_type,
            IDENTIFIER_TYPES,
            extensible=True,
        )
        if not isinstance(self.hashed, bool):
            raise ValueError("IdentityObject.hashed must be True or False")
        if self.hashed and not is_identity_hash(self.identity_hash):
            raise ValueError("IdentityObject.identityHash must read sha256$<64 hex> when hashed")

    @classmethod
    def hashed_email(cls, address: str, salt: str | None = None) -> IdentityObject:
        """A salted SHA-256 identity for ``address`` (trimmed and lower-cased first).

        A fresh random salt is drawn when ``salt`` is None; pass ``""`` for no salt.
        """
        salt = new_salt() if salt is None else salt
        return cls(
            identity_hash=identity_hash(normalize_email(address), salt),
            identity_type="emailAddress",
            hashed=True,
            salt=salt,
        )

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object (closed: ``type`` is a plain string)."""
        return json_object(
            ("type", "IdentityObject"),
            ("identityType", self.identity_type),
            ("hashed", self.hashed),
            ("identityHash", self.identity_hash),
            ("salt", self.salt or None),
        )


@dataclass(frozen=True, kw_only=True)
class AchievementSubject:
    """The learner and what they achieved. Needs ``id`` or at least one ``identifier``.

    Each Result must point at a ResultDescription of the achievement and, for a rubric, at
    one of its levels: a dangling reference is refused here rather than shown as a blank.
    """

    achievement: Achievement
    id: str | None = None
    identifier: Sequence[IdentityObject] = ()
    result: Sequence[Result] = ()
    credits_earned: int | float | Decimal | None = None
    activity_start_date: str | datetime | None = None
    activity_end_date: str | datetime | None = None
    role: str | None = None
    term: str | None = None
    license_number: str | None = None
    narrative: str | None = None
    source: Profile | None = None
    image: Image | None = None

    def __post_init__(self) -> None:
        freeze(self, "identifier", "result")
        if self.id is None and not self.identifier:
            raise ValueError("AchievementSubject needs an id or at least one identifier")
        require_uri("AchievementSubject", "id", self.id, optional=True)
        require_number("AchievementSubject", "creditsEarned", self.credits_earned)
        require_date("AchievementSubject", "activityStartDate", self.activity_start_date)
        require_date("AchievementSubject", "activityEndDate", self.activity_end_date)
        for result in self.result:
            _check_result_links(result, self.achievement)

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object."""
        return json_object(
            ("id", self.id),
            ("type", ["AchievementSubject"]),
            ("identifier", self.identifier),
            ("achievement", self.achievement),
            ("result", self.result),
            ("creditsEarned", self.credits_earned),
            ("activityStartDate", self.activity_start_date),
            ("activityEndDate", self.activity_end_date),
            ("role", self.role),
            ("term", self.term),
            ("licenseNumber", self.license_number),
            ("narrative", self.narrative),
            ("source", self.source),
            ("image", self.image),
        )


def _check_result_links(result: Result, achievement: Achievement) -> None:
    description = None
    if result.result_description is not None:
        description = achievement.result_description_by_id(result.result_description)
        if description is None:
            raise ValueError(
                f"Result.resultDescription {result.result_description!r} is not the id of a "
                "ResultDescription of the achievement"
            )
    if result.achieved_level is not None:
        candidates = [description] if description else achievement.result_description
        if not any(rd.level(result.achieved_level) for rd in candidates):
            raise ValueError(
                f"Result.achievedLevel {result.achieved_level!r} is not a rubric level of "
                "the linked ResultDescription"
            )
    if description is not None and description.result_type == "Status" and not result.status:
        raise ValueError("Result.status is required when the ResultDescription type is Status")
