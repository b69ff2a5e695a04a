"""OB 3.0 rules for AchievementSubject: who the learner is and what they obtained."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import messages
from .achievement_rules import check_achievement, check_alignments
from .formats import is_identity_hash
from .issues import Checker, pointer
from .profile_rules import check_image, check_profile
from .shapes import Shape, check_shape, items

_SUBJECT = Shape(
    "AchievementSubject",
    required=("type", "achievement"),
    members={
        "id": "uri", "activityStartDate": "datetime", "activityEndDate": "datetime",
        "creditsEarned": "number", "licenseNumber": "string", "narrative": "string",
        "role": "string", "term": "string",
    },
)  # fmt: skip
_IDENTITY = Shape(
    "IdentityObject",
    required=("type", "hashed", "identityHash", "identityType"),
    members={
        "hashed": "boolean", "identityHash": "string", "identityType": "identifier-type",
        "salt": "string",
    },
    exact_type=True,
    closed=True,
)  # fmt: skip
_RESULT = Shape(
    "Result",
    required=("type",),
    members={
        "achievedLevel": "uri", "resultDescription": "uri", "status": "result-status",
        "value": "string",
    },
)  # fmt: skip


def check_achievement_subject(c: Checker, value: object, path: str, depth: int) -> None:
    """The credentialSubject of an OpenBadgeCredential."""
    node = check_shape(c, value, path, _SUBJECT)
    if node is None:
        return
    if "id" not in node and not node.get("identifier"):
        c.error(path, "recipient", messages.subject_identifier())
    for entry_path, entry in items(c, node, "identifier", path):
        identity = check_shape(c, entry, entry_path, _IDENTITY)
        if identity is not None and identity.get("hashed") is True:
            digest = identity.get("identityHash")
            if isinstance(digest, str) and not is_identity_hash(digest):
                c.error(pointer(entry_path, "identityHash"), "format", messages.identity_hash())
    achievement = node.get("achievement")
    if "achievement" in node:
        check_achievement(c, achievement, pointer(path, "achievement"), depth + 1)
    results = items(c, node, "result", path)
    for entry_path, entry in results:
        result = check_shape(c, entry, entry_path, _RESULT)
        if result is not None:
            check_alignments(c, result, entry_path)
    if results and isinstance(achievement, dict):
        _check_references(c, results, achievement)
    if "source" in node:
        check_profile(c, node["source"], pointer(path, "source"), depth + 1)
    check_image(c, node, path)


def _check_references(
    c: Checker, results: list[tuple[str, object]], achievement: dict[str, Any]
) -> None:
    # The spec says a result's description "must be in the achievement that is being
    # asserted"; the JSON Schema cannot express it, so this is a warning, not an error.
    descriptions = _dicts(achievement.get("resultDescription"))
    description_ids = _ids(descriptions)
    level_ids = _ids(
        level for rd in descriptions for level in _dicts(rd.get("rubricCriterionLevel"))
    )
    for path, result in results:
        if not isinstance(result, dict):
            continue
        linked = result.get("resultDescription")
        if isinstance(linked, str) and linked not in description_ids:
            message = messages.dangling_reference("resultDescription", "resultDescription")
            c.warning(pointer(path, "resultDescription"), "reference", message)
        level = result.get("achievedLevel")
        if isinstance(level, str) and level not in level_ids:
            message = messages.dangling_reference("achievedLevel", "rubricCriterionLevel")
            c.warning(pointer(path, "achievedLevel"), "reference", message)


def _dicts(value: object) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _ids(objects: Iterable[dict[str, Any]]) -> set[str]:
    # Only string ids can be referred to; anything else is reported by the shape checks.
    return {item["id"] for item in objects if isinstance(item.get("id"), str)}
