"""Designing pathways from the organisation's badges and competences, and the staff pages:
who may do what, clear messages for bad input, and bounded queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from insigne.web.badges.models import BadgeVersion
from insigne.web.pathways.catalogue import competences_of
from insigne.web.pathways.models import Pathway, Requirement

from .conftest import Cast
from .test_pathways_support import (
    CAMILLE,
    badge,
    give,
    make_pathway,
    pathway_url,
    rectec,
    speaking,
    teamwork,
    text,
    words,
)

pytestmark = pytest.mark.django_db


def list_url(cast: Cast) -> str:
    return reverse("pathways:list", args=[cast.organisation.slug])


def create_url(cast: Cast) -> str:
    return reverse("pathways:create", args=[cast.organisation.slug])


@pytest.fixture
def steps(cast: Cast) -> tuple[BadgeVersion, BadgeVersion, BadgeVersion]:
    goal = badge(
        cast.organisation, "Apprenant autonome", rectec("Organiser son activité", "RECTEC-ORG-1")
    )
    return teamwork(cast.organisation), speaking(cast.organisation), goal


def key_of(cast: Cast, name: str) -> str:
    return next(f"c-{e.key}" for e in competences_of(cast.organisation) if e.named.name == name)


def form(goal: BadgeVersion | None, *badges: BadgeVersion, **changes: Any) -> dict[str, Any]:
    return {
        "name": "Vers l'autonomie",
        "description": "Trois étapes.",
        "goal_badge": str(goal.badge.pk) if goal else "",
        "certification_code": "",
        "certification_title": "",
        "completion": "automatic",
        "badges": [str(b.badge.pk) for b in badges],
        **changes,
    }


def test_a_designer_makes_a_pathway_of_badges_and_competence_levels(
    cast: Cast, steps: tuple[BadgeVersion, ...]
) -> None:
    _team, oral, goal = steps
    client = cast.client(cast.editor)
    page = text(client.get(create_url(cast)))
    assert "Travailler en équipe" in page and "Niveau « Application » au moins" in page
    data = form(
        goal, oral, certification_code="rs 5476", certification_title="Certification d'exemple"
    )
    data[key_of(cast, "Travailler en équipe")] = "Application"
    data[key_of(cast, "Organiser son activité")] = "*"
    response = client.post(create_url(cast), data)
    pathway = Pathway.objects.get()
    assert response.status_code == 302
    assert response["Location"] == pathway_url(pathway)
    assert (pathway.goal_badge, pathway.completion, pathway.certification_code) == (
        goal.badge,
        Pathway.Completion.AUTOMATIC,
        "RS5476",
    )
    assert [
        (r.kind, r.badge, r.name, r.code, r.levels, r.minimum) for r in pathway.requirements.all()
    ] == [
        (Requirement.Kind.BADGE, oral.badge, "", "", [], ""),
        (
            Requirement.Kind.COMPETENCE,
            None,
            "Organiser son activité",
            "RECTEC-ORG-1",
            ["Découverte", "Application", "Maîtrise"],
            "",
        ),
        (
            Requirement.Kind.COMPETENCE,
            None,
            "Travailler en équipe",
            "RECTEC-ORG-3",
            ["Découverte", "Application", "Maîtrise"],
            "Application",
        ),
    ]
    detail = words(client.get(pathway_url(pathway)))
    assert "Obtenir le badge « Oral »" in detail
    assert "Atteindre « Travailler en équipe » au niveau « Application » au moins" in detail
    assert "Certification d'exemple (RS5476)" in detail


def test_editing_shows_the_pathway_as_it_is_and_changes_it(
    cast: Cast, steps: tuple[BadgeVersion, ...]
) -> None:
    team, oral, goal = steps
    pathway = make_pathway(
        cast.organisation,
        goal=goal,
        badges=(oral,),
        competences=((rectec("Travailler en équipe", "RECTEC-ORG-3"), "Maîtrise"),),
    )
    client = cast.client(cast.owner)
    page = text(client.get(pathway_url(pathway, "edit")))
    assert 'value="Vers l\'autonomie"' in page
    assert '<option value="Maîtrise" selected>' in page
    data = form(goal, team, oral, completion="propose", name="Nouveau nom")
    response = client.post(pathway_url(pathway, "edit"), data)
    assert response.status_code == 302
    pathway.refresh_from_db()
    assert (pathway.name, pathway.completion) == ("Nouveau nom", Pathway.Completion.PROPOSE)
    assert [r.badge for r in pathway.requirements.all()] == [oral.badge, team.badge]  # by name


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"goal_badge": ""}, "Choisissez le badge visé ou la certification visée."),
        (
            {"goal_badge": "", "certification_code": "RS5476", "certification_title": "Exemple"},
            "Sans badge visé, il n'y a rien à attribuer",
        ),
        ({"badges": []}, "Choisissez au moins un badge ou une compétence à obtenir."),
        (
            {"certification_code": "RS-abc"},
            "Ce code n'a pas la forme RS1234, RNCP12345 ou RNCP12345BC01.",
        ),
        (
            {"certification_code": "RNCP37173"},
            "Indiquez l'intitulé : aucun de vos badges n'est lié à ce code.",
        ),
        ({"name": ""}, "Ce champ est obligatoire."),
        ({"goal_badge": "999999"}, "Sélectionnez un choix valide."),
        ({"badges": ["abc"]}, "« abc » n’est pas une valeur correcte."),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(
    cast: Cast, steps: tuple[BadgeVersion, ...], changes: dict[str, Any], message: str
) -> None:
    team, _oral, goal = steps
    response = cast.client(cast.editor).post(create_url(cast), form(goal, team, **changes))
    assert response.status_code == 400
    assert message in words(response)
    assert not Pathway.objects.exists()


def test_the_goal_cannot_be_a_step(cast: Cast, steps: tuple[BadgeVersion, ...]) -> None:
    team, _oral, goal = steps
    response = cast.client(cast.editor).post(create_url(cast), form(goal, team, goal))
    assert response.status_code == 400
    assert "Le badge visé ne peut pas être aussi une étape du parcours." in words(response)


def test_a_certification_title_comes_from_the_badges_linked_to_it(cast: Cast) -> None:
    certified = badge(
        cast.organisation,
        "Autonomie",
        rectec("Organiser son activité", "RECTEC-ORG-1"),
        certification=("RS5476", "Certification d'exemple"),
    )
    data = form(None, certified, certification_code="RS5476", completion="propose")
    response = cast.client(cast.editor).post(create_url(cast), data)
    assert response.status_code == 302
    assert Pathway.objects.get().certification_title == "Certification d'exemple"


@pytest.mark.parametrize("who", ["awarder"])
def test_only_designers_make_or_change_pathways(
    cast: Cast, steps: tuple[BadgeVersion, ...], who: str
) -> None:
    team, _oral, goal = steps
    pathway = make_pathway(cast.organisation, goal=goal, badges=(team,))
    client = cast.client(getattr(cast, who))
    assert client.get(create_url(cast)).status_code == 403
    assert client.post(create_url(cast), form(goal, team)).status_code == 403
    assert client.post(pathway_url(pathway, "edit"), form(goal, team, name="X")).status_code == 403
    assert client.post(pathway_url(pathway, "active"), {}).status_code == 403
    assert client.get(pathway_url(pathway)).status_code == 200  # but sees it
    pathway.refresh_from_db()
    assert (pathway.name, pathway.active, Pathway.objects.count()) == ("Vers l'autonomie", True, 1)


def test_designers_cannot_award_through_a_pathway(
    cast: Cast, steps: tuple[BadgeVersion, ...]
) -> None:
    team, _oral, goal = steps
    pathway = make_pathway(cast.organisation, goal=goal, badges=(team,), automatic=False)
    give(team, CAMILLE)
    client = cast.client(cast.editor)
    assert 'name="une"' not in client.get(pathway_url(pathway)).content.decode()
    assert client.post(pathway_url(pathway, "decide"), {"tous": "1"}).status_code == 403
    assert not goal.awards.exists()


@pytest.mark.parametrize("who", ["outsider", "learner"])
def test_people_outside_the_organisation_are_not_told_it_has_pathways(
    cast: Cast, steps: tuple[BadgeVersion, ...], who: str
) -> None:
    team, _oral, goal = steps
    pathway = make_pathway(cast.organisation, goal=goal, badges=(team,))
    client = cast.client(getattr(cast, who))
    for url in (
        list_url(cast),
        create_url(cast),
        pathway_url(pathway),
        pathway_url(pathway, "edit"),
    ):
        assert client.get(url).status_code == 404
    for name in ("decide", "active"):
        assert client.post(pathway_url(pathway, name), {"tous": "1"}).status_code == 404


def test_a_pathway_of_another_organisation_is_not_found_through_mine(
    cast: Cast, steps: tuple[BadgeVersion, ...]
) -> None:
    theirs = make_pathway(cast.other, goal=teamwork(cast.other), badges=(speaking(cast.other),))
    url = reverse("pathways:detail", args=[cast.organisation.slug, theirs.public_id])
    assert cast.client(cast.owner).get(url).status_code == 404


def test_closing_a_pathway_stops_it_and_reopening_restarts_it(
    cast: Cast, steps: tuple[BadgeVersion, ...]
) -> None:
    team, _oral, goal = steps
    pathway = make_pathway(cast.organisation, goal=goal, badges=(team,), automatic=False)
    give(team, CAMILLE)
    client = cast.client(cast.owner)
    client.post(pathway_url(pathway, "active"), {})
    pathway.refresh_from_db()
    assert not pathway.active
    assert "Fermé" in words(client.get(list_url(cast)))
    response = client.post(pathway_url(pathway, "decide"), {"une": CAMILLE})
    assert "Ce parcours est fermé" in words(client.get(response["Location"]))
    assert not goal.awards.exists()
    client.post(pathway_url(pathway, "active"), {"ouvert": "1"})
    pathway.refresh_from_db()
    assert pathway.active


def test_a_bad_choice_of_people_gets_a_message(cast: Cast, steps: tuple[BadgeVersion, ...]) -> None:
    team, _oral, goal = steps
    pathway = make_pathway(cast.organisation, goal=goal, badges=(team,), automatic=False)
    client = cast.client(cast.awarder)
    for data in ({}, {"personnes": ["x" * 300]}, {"ecarter": "pas une adresse"}):
        response = client.post(pathway_url(pathway, "decide"), data)
        assert response.status_code == 302
        assert "Cochez au moins une personne" in words(client.get(response["Location"]))


def test_the_list_and_a_pathway_cost_the_same_queries_for_any_number_of_people(
    cast: Cast, steps: tuple[BadgeVersion, ...]
) -> None:
    team, oral, goal = steps
    pathways = [
        make_pathway(cast.organisation, goal=goal, badges=(team, oral), automatic=False),
        make_pathway(
            cast.organisation,
            goal=None,
            competences=((rectec("Travailler en équipe", "RECTEC-ORG-3"), "Application"),),
            automatic=False,
            certification=("RS5476", "Exemple"),
            name="Certification",
        ),
    ]
    client = cast.client(cast.awarder)

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    give(team, CAMILLE, levels={"Travailler en équipe": "Maîtrise"})
    give(oral, CAMILLE)
    urls = [list_url(cast), pathway_url(pathways[0]), pathway_url(pathways[1])]
    few = [count(url) for url in urls]
    for n in range(6):
        give(team, f"p{n}@example.org", levels={"Travailler en équipe": "Application"})
        give(oral, f"p{n}@example.org")
    make_pathway(cast.organisation, goal=goal, badges=(oral,), name="Encore un")
    assert [count(url) for url in urls] == few
    assert "7 — Vers l'autonomie" in words(client.get(list_url(cast)))


def test_the_organisation_s_badge_pages_lead_to_its_pathways(
    cast: Cast, steps: tuple[BadgeVersion, ...]
) -> None:
    team, _oral, goal = steps
    pathway = make_pathway(cast.organisation, goal=goal, badges=(team,))
    detail = reverse("badges:detail", args=[cast.organisation.slug, goal.badge.public_id])
    page = text(cast.client(cast.awarder).get(detail))
    assert pathway_url(pathway) in page
    assert "(badge visé)" in page
    assert list_url(cast) in page


def test_a_badge_a_pathway_uses_is_not_deleted_alone_but_goes_with_its_organisation(
    cast: Cast, steps: tuple[BadgeVersion, ...]
) -> None:
    from django.db.models import RestrictedError

    team, _oral, goal = steps
    make_pathway(cast.organisation, goal=goal, badges=(team,))
    with pytest.raises(RestrictedError):
        team.badge.delete()
    cast.organisation.delete()
    assert not Pathway.objects.exists()
