"""OB 3.0 rules for Achievement and what it describes: criteria, alignments, results, levels."""

from __future__ import annotations

from typing import Any

from . import messages
from .issues import Checker, pointer
from .profile_rules import IDENTIFIER_ENTRY, check_endorsements, check_image, check_profile
from .shapes import Shape, check_shape, items

_ACHIEVEMENT = Shape(
    "Achievement",
    required=("id", "type", "criteria", "description", "name"),
    members={
        "id": "uri", "name": "string", "description": "string",
        "achievementType": "achievement-type", "creditsAvailable": "number",
        "fieldOfStudy": "string", "humanCode": "string", "inLanguage": "language",
        "specialization": "string", "tag": "strings", "version": "string",
        "endorsementJwt": "jws-list",
    },
)  # fmt: skip
_CRITERIA = Shape("Criteria", members={"id": "uri", "narrative": "string"}, typed=False)
_ALIGNMENT = Shape(
    "Alignment",
    required=("type", "targetName", "targetUrl"),
    members={
        "targetName": "string", "targetUrl": "uri", "targetCode": "string",
        "targetDescription": "string", "targetFramework": "string",
        "targetType": "alignment-target-type",
    },
)  # fmt: skip
_RESULT_DESCRIPTION = Shape(
    "ResultDescription",
    required=("id", "type", "name", "resultType"),
    members={
        "id": "uri", "name": "string", "resultType": "result-type", "allowedValue": "strings",
        "requiredLevel": "uri", "requiredValue": "string", "valueMax": "string",
        "valueMin": "string",
    },
)  # fmt: skip
_LEVEL = Shape(
    "RubricCriterionLevel",
    required=("id", "type", "name"),
    members={
        "id": "uri", "name": "string", "description": "string", "level": "string",
        "points": "string",
    },
)  # fmt: skip
_RELATED = Shape(
    "Related",
    required=("id", "type"),
    members={"id": "uri", "inLanguage": "language", "version": "string"},
)


def check_alignments(c: Checker, node: dict[str, Any], path: str) -> None:
    """The ``alignment`` array of ``node``."""
    for entry_path, entry in items(c, node, "alignment", path):
        check_shape(c, entry, entry_path, _ALIGNMENT)


def check_achievement(c: Checker, value: object, path: str, depth: int) -> None:
    """An Achievement and everything nested in it (``depth`` counts nested profiles)."""
    node = check_shape(c, value, path, _ACHIEVEMENT)
    if node is None:
        return
    if "criteria" in node:
        here = pointer(path, "criteria")
        criteria = check_shape(c, node["criteria"], here, _CRITERIA)
        if criteria is not None and not criteria.get("id") and not criteria.get("narrative"):
            c.warning(here, "empty", messages.criteria_empty())
    check_image(c, node, path)
    if "creator" in node:
        check_profile(c, node["creator"], pointer(path, "creator"), depth + 1)
    check_alignments(c, node, path)
    for entry_path, entry in items(c, node, "resultDescription", path):
        description = check_shape(c, entry, entry_path, _RESULT_DESCRIPTION)
        if description is not None:
            check_alignments(c, description, entry_path)
            for level_path, level in items(c, description, "rubricCriterionLevel", entry_path):
                level_node = check_shape(c, level, level_path, _LEVEL)
                if level_node is not None:
                    check_alignments(c, level_node, level_path)
    for entry_path, entry in items(c, node, "related", path):
        check_shape(c, entry, entry_path, _RELATED)
    for entry_path, entry in items(c, node, "otherIdentifier", path):
        check_shape(c, entry, entry_path, IDENTIFIER_ENTRY)
    check_endorsements(c, node, path, depth)
