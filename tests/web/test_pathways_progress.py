"""Progress along a pathway, computed from a person's awards: badges held, competences
reached at a level of their scale (the scale's order, not the alphabet's), what is missing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from insigne.web.pathways.facts import Fact, HeldCompetence
from insigne.web.pathways.matching import Named, best_level, folded, reaches, same_competence
from insigne.web.pathways.models import Requirement
from insigne.web.pathways.progress import evaluate

SCALE = ("Découverte", "Application", "Maîtrise")


def fact(badge_id: int, *competences: HeldCompetence, award_id: int = 1) -> Fact:
    return Fact(
        award_id=award_id,
        public_id=uuid.uuid4(),
        organisation_id=1,
        badge_id=badge_id,
        badge_name=f"Badge {badge_id}",
        email="camille@apprenant.example",
        name="Camille Roux",
        learner_id=None,
        language="fr",
        awarded_at=datetime(2025, 1, 1, tzinfo=UTC),
        competences=competences,
    )


def held(name: str, reached: str = "", **naming: str) -> HeldCompetence:
    return HeldCompetence(Named(name, **{"framework": "RECTEC", **naming}), SCALE, reached)


def needs_badge(badge_id: int) -> Requirement:
    return Requirement(kind=Requirement.Kind.BADGE, badge_id=badge_id)


def needs_competence(name: str, minimum: str = "", **naming: str) -> Requirement:
    return Requirement(
        kind=Requirement.Kind.COMPETENCE,
        name=name,
        framework=naming.get("framework", "RECTEC"),
        code=naming.get("code", ""),
        url=naming.get("url", ""),
        levels=list(SCALE),
        minimum=minimum,
    )


def test_case_accents_and_spaces_do_not_matter() -> None:
    assert folded("  Travailler en  ÉQUIPE ") == "travailler en equipe"


def test_two_namings_are_one_competence_by_address_then_code_then_name() -> None:
    url = "https://referentiel.example/item/1"
    assert same_competence(Named("A", "X", url=url), Named("B", "Y", url=url + "/"))
    assert not same_competence(Named("A", url=url), Named("A", url=url + "2"))
    assert same_competence(Named("A", "RECTEC", "org-1"), Named("B", "rectec", "ORG-1"))
    assert not same_competence(Named("A", "RECTEC", "ORG-1"), Named("A", "RECTEC", "ORG-2"))
    assert same_competence(
        Named("Travailler en équipe", "RECTEC"), Named("travailler en EQUIPE", "Rectec")
    )
    assert not same_competence(
        Named("Travailler en équipe", "RECTEC"), Named("Travailler en équipe", "ESCO")
    )


def test_levels_compare_by_their_place_in_the_scale() -> None:
    assert reaches("Maîtrise", "Application", SCALE)
    assert reaches("application", "Application", SCALE)
    assert not reaches("Découverte", "Application", SCALE)  # alphabetically after, below in rank
    assert not reaches("Expert", "Application", SCALE)  # not in the scale
    assert not reaches("", "Application", SCALE)
    assert reaches("", "", SCALE)
    assert best_level(["Maîtrise", "Découverte", "Inconnu"], SCALE) == "Maîtrise"
    assert best_level([], SCALE) == ""


def test_a_badge_requirement_is_met_by_holding_the_badge() -> None:
    progress = evaluate([needs_badge(7), needs_badge(8)], [fact(7, award_id=70)])
    assert [(s.met, s.by.award_id if s.by else None) for s in progress.steps] == [
        (True, 70),
        (False, None),
    ]
    assert (progress.done, progress.total, progress.complete, progress.started) == (
        1,
        2,
        False,
        True,
    )


def test_a_competence_level_is_met_at_that_level_or_above_whatever_the_badge() -> None:
    requirement = needs_competence("Travailler en équipe", "Application")
    low = fact(1, held("Travailler en équipe", "Découverte"), award_id=10)
    high = fact(2, held("travailler en équipe", "Maîtrise"), award_id=20)
    [step] = evaluate([requirement], [low]).steps
    assert (step.met, step.partly, step.reached, step.by) == (False, True, "Découverte", low)
    [step] = evaluate([requirement], [low, high]).steps
    assert (step.met, step.reached, step.by) == (True, "Maîtrise", high)


def test_a_competence_without_minimum_is_met_by_any_badge_naming_it() -> None:
    requirement = needs_competence("Communiquer à l'oral", code="RECTEC-COM-1")
    naming = fact(3, held("S'exprimer à l'oral", code="RECTEC-COM-1"))
    assert evaluate([requirement], [naming]).complete
    assert not evaluate([requirement], [fact(4, held("Communiquer à l'écrit"))]).started


def test_a_level_the_award_does_not_record_does_not_reach_a_minimum() -> None:
    requirement = needs_competence("Travailler en équipe", "Découverte")
    [step] = evaluate([requirement], [fact(1, held("Travailler en équipe"))]).steps
    assert (step.met, step.partly, step.reached) == (False, True, "")


def test_a_pathway_without_requirements_is_never_complete() -> None:
    assert not evaluate([], [fact(1)]).complete
