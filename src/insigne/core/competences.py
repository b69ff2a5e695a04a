"""Grouped competences and French certifications, expressed in Open Badges 3.0.

A badge may group several competences, each with an optional scale of levels. In the
credential each competence becomes an ``Alignment`` of the achievement and, when it has
levels, a ``ResultDescription`` whose ``RubricCriterionLevel`` entries are the levels; what a
learner reached is a ``Result`` pointing at one level. A link to a France Compétences
certification (RS fiche, RNCP fiche or RNCP bloc) is one more alignment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .ob3 import Alignment, Result, ResultDescription, RubricCriterionLevel

CERTIFICATION_CODE = re.compile(r"(RS|RNCP)(\d{1,6})(BC\d{2})?")
_FRANCE_COMPETENCES = "https://www.francecompetences.fr/recherche"


@dataclass(frozen=True, kw_only=True)
class Competence:
    """One competence of a badge; ``url`` identifies it (a framework item when known)."""

    name: str
    url: str
    framework: str | None = None
    code: str | None = None
    description: str | None = None
    target_type: str = "CFItem"
    levels: Sequence[str] = field(default=())

    def alignment(self) -> Alignment:
        return Alignment(
            target_name=self.name,
            target_url=self.url,
            target_code=self.code,
            target_description=self.description,
            target_framework=self.framework,
            target_type=self.target_type,
        )


@dataclass(frozen=True)
class Certification:
    """A France Compétences certification: RS fiche, RNCP fiche or RNCP bloc."""

    code: str
    title: str
    url: str

    @property
    def kind(self) -> str:
        """ "rs", "rncp" or "bloc"."""
        match = CERTIFICATION_CODE.fullmatch(self.code)
        assert match is not None  # checked by certification()
        return "bloc" if match.group(3) else match.group(1).lower()

    def alignment(self) -> Alignment:
        framework = {
            "rs": "Répertoire spécifique – France compétences",
            "rncp": "Répertoire national des certifications professionnelles – France compétences",
            "bloc": "Répertoire national des certifications professionnelles – France compétences",
        }[self.kind]
        target_type = {
            "rs": "ext:FranceCompetencesRS",
            "rncp": "ext:FranceCompetencesRNCP",
            "bloc": "ext:BlocDeCompetences",
        }[self.kind]
        return Alignment(
            target_name=self.title,
            target_url=self.url,
            target_code=self.code,
            target_framework=framework,
            target_type=target_type,
        )


def certification(code: str, title: str, url: str | None = None) -> Certification:
    """A certification link; ``code`` like ``RS5476``, ``RNCP37173`` or ``RNCP38436BC01``.

    Without ``url``, the public France Compétences fiche page is used. Raises ValueError
    (in French and English) when the code does not have one of those forms.
    """
    normalized = code.strip().upper().replace(" ", "")
    match = CERTIFICATION_CODE.fullmatch(normalized)
    if match is None:
        raise ValueError(
            f"code de certification invalide « {code} » (attendu : RS1234, RNCP12345 ou "
            f"RNCP12345BC01) / invalid certification code {code!r}"
        )
    if not title.strip():
        raise ValueError("l'intitulé de la certification est obligatoire / a title is required")
    if url is None:
        register = "rs" if match.group(1) == "RS" else "rncp"
        url = f"{_FRANCE_COMPETENCES}/{register}/{int(match.group(2))}/"
    return Certification(normalized, title.strip(), url)


def level_id(achievement_id: str, competence_index: int, level_index: int) -> str:
    return f"{achievement_id}#competence-{competence_index + 1}-level-{level_index + 1}"


def result_description_id(achievement_id: str, competence_index: int) -> str:
    return f"{achievement_id}#competence-{competence_index + 1}"


def achievement_parts(
    achievement_id: str, competences: Sequence[Competence]
) -> tuple[list[Alignment], list[ResultDescription]]:
    """Alignments for every competence, and a rubric for each competence with levels."""
    alignments = [c.alignment() for c in competences]
    descriptions = []
    for index, competence in enumerate(competences):
        if not competence.levels:
            continue
        levels = [
            RubricCriterionLevel(
                id=level_id(achievement_id, index, rank), name=name, level=str(rank + 1)
            )
            for rank, name in enumerate(competence.levels)
        ]
        descriptions.append(
            ResultDescription(
                id=result_description_id(achievement_id, index),
                name=competence.name,
                result_type="RubricCriterionLevel",
                rubric_criterion_level=levels,
                alignment=[alignments[index]],
            )
        )
    return alignments, descriptions


def results_for(
    achievement_id: str, competences: Sequence[Competence], reached: Mapping[str, str]
) -> list[Result]:
    """The learner's results: ``reached`` maps a competence name to the level it reached.

    Raises ValueError for an unknown competence or level, or a competence without levels.
    """
    by_name = {c.name: (i, c) for i, c in enumerate(competences)}
    results = []
    for name, level in reached.items():
        if name not in by_name:
            raise ValueError(f"compétence inconnue « {name} » / unknown competence {name!r}")
        index, competence = by_name[name]
        if level not in competence.levels:
            choices = ", ".join(competence.levels) or "aucun"
            raise ValueError(
                f"niveau « {level} » inconnu pour « {name} » (niveaux : {choices}) / "
                f"unknown level {level!r} for {name!r}"
            )
        results.append(
            Result(
                result_description=result_description_id(achievement_id, index),
                achieved_level=level_id(achievement_id, index, competence.levels.index(level)),
            )
        )
    return results
