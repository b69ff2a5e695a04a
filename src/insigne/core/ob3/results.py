"""Possible results of an achievement (ResultDescription, RubricCriterionLevel) and results won."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .alignment import Alignment
from .construction import freeze, require_text, require_uri, require_vocabulary
from .serialization import decimal_text, json_object
from .vocabulary import RESULT_STATUS_TYPES, RESULT_TYPES


@dataclass(frozen=True, kw_only=True)
class RubricCriterionLevel:
    """One level of a rubric (e.g. "Acquis"), with optional points.

    ``points`` is a string in the OB 3.0 model; numbers given here are written in plain
    decimal notation ("2.5", never "2.5E+0").
    """

    id: str
    name: str
    description: str | None = None
    level: str | None = None
    points: str | int | Decimal | None = None
    alignment: Sequence[Alignment] = ()

    def __post_init__(self) -> None:
        freeze(self, "alignment")
        require_uri("RubricCriterionLevel", "id", self.id)
        require_text("RubricCriterionLevel", "name", self.name)
        if isinstance(self.points, bool):
            raise ValueError("RubricCriterionLevel.points must be a number or a string")

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object."""
        points = None if self.points is None else decimal_text(self.points)
        return json_object(
            ("id", self.id),
            ("type", ["RubricCriterionLevel"]),
            ("name", self.name),
            ("description", self.description),
            ("level", self.level),
            ("points", points),
            ("alignment", self.alignment),
        )


@dataclass(frozen=True, kw_only=True)
class ResultDescription:
    """A result an achievement can record: a grade, a status, or a rubric with levels."""

    id: str
    name: str
    result_type: str
    allowed_value: Sequence[str] = ()
    required_level: str | None = None
    required_value: str | None = None
    rubric_criterion_level: Sequence[RubricCriterionLevel] = ()
    value_min: str | None = None
    value_max: str | None = None
    alignment: Sequence[Alignment] = ()

    def __post_init__(self) -> None:
        freeze(self, "allowed_value", "rubric_criterion_level", "alignment")
        require_uri("ResultDescription", "id", self.id)
        require_text("ResultDescription", "name", self.name)
        require_vocabulary(
            "ResultDescription", "resultType", self.result_type, RESULT_TYPES, extensible=True
        )
        levels = {level.id for level in self.rubric_criterion_level}
        if self.required_level is not None and levels and self.required_level not in levels:
            raise ValueError("ResultDescription.requiredLevel must be the id of one of its levels")
        allowed = self.allowed_value
        if self.required_value is not None and allowed and self.required_value not in allowed:
            raise ValueError("ResultDescription.requiredValue must be one of allowedValue")

    def level(self, level_id: str) -> RubricCriterionLevel | None:
        """The rubric level with id ``level_id``, if this description has it."""
        return next((lv for lv in self.rubric_criterion_level if lv.id == level_id), None)

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object."""
        return json_object(
            ("id", self.id),
            ("type", ["ResultDescription"]),
            ("name", self.name),
            ("resultType", self.result_type),
            ("allowedValue", self.allowed_value),
            ("requiredLevel", self.required_level),
            ("requiredValue", self.required_value),
            ("rubricCriterionLevel", self.rubric_criterion_level),
            ("valueMin", self.value_min),
            ("valueMax", self.value_max),
            ("alignment", self.alignment),
        )


@dataclass(frozen=True, kw_only=True)
class Result:
    """What one learner obtained against a ResultDescription of the achievement."""

    result_description: str | None = None
    achieved_level: str | None = None
    status: str | None = None
    value: str | None = None
    alignment: Sequence[Alignment] = ()

    def __post_init__(self) -> None:
        freeze(self, "alignment")
        require_uri("Result", "resultDescription", self.result_description, optional=True)
        require_uri("Result", "achievedLevel", self.achieved_level, optional=True)
        require_vocabulary("Result", "status", self.status, RESULT_STATUS_TYPES, extensible=False)

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object."""
        return json_object(
            ("type", ["Result"]),
            ("resultDescription", self.result_description),
            ("achievedLevel", self.achieved_level),
            ("status", self.status),
            ("value", self.value),
            ("alignment", self.alignment),
        )
