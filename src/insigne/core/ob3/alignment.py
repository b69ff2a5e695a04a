"""Alignment: a link from an achievement, result or rubric level to a framework node."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .construction import require_text, require_uri, require_vocabulary
from .serialization import json_object
from .vocabulary import ALIGNMENT_TARGET_TYPES


@dataclass(frozen=True, kw_only=True)
class Alignment:
    """A competence, skill or standard the object aligns to (e.g. an RNCP block, an ESCO skill).

    ``target_type`` is one of ``ceasn:Competency``, ``ceterms:Credential``, ``CFItem``,
    ``CFRubric``, ``CFRubricCriterion``, ``CFRubricCriterionLevel``, ``CTDL`` or ``ext:...``.
    """

    target_name: str
    target_url: str
    target_code: str | None = None
    target_description: str | None = None
    target_framework: str | None = None
    target_type: str | None = None

    def __post_init__(self) -> None:
        require_text("Alignment", "targetName", self.target_name)
        require_uri("Alignment", "targetUrl", self.target_url)
        require_vocabulary(
            "Alignment", "targetType", self.target_type, ALIGNMENT_TARGET_TYPES, extensible=True
        )

    def to_json(self) -> dict[str, Any]:
        """The OB 3.0 JSON object."""
        return json_object(
            ("type", ["Alignment"]),
            ("targetName", self.target_name),
            ("targetUrl", self.target_url),
            ("targetCode", self.target_code),
            ("targetDescription", self.target_description),
            ("targetFramework", self.target_framework),
            ("targetType", self.target_type),
        )
