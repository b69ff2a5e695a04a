"""Defining a grouped badge over badges awarded one competence at a time: a normal badge made
by the badges context, with the competences of its parts, each once."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from insigne.web.badges.content import CompetenceContent
from insigne.web.badges.models import Badge, BadgeVersion
from insigne.web.pathways import actions
from insigne.web.pathways.models import Grouping
from insigne.web.pathways.regrouping import GroupingError, merged_competences

from .conftest import Cast
from .test_pathways_support import badge, rectec, speaking, teamwork, text, words

pytestmark = pytest.mark.django_db


def create_url(cast: Cast) -> str:
    return reverse("pathways:group-create", args=[cast.organisation.slug])


def form(*parts: BadgeVersion, **changes: str) -> dict[str, Any]:
    return {
        "parts": [str(p.badge.pk) for p in parts],
        "name": "Compétences transversales",
        "description": "Réunit les compétences travaillées pendant la formation.",
        "criteria": "",
        "achievement_type": "Badge",
        "certification": "",
        **changes,
    }


def test_a_designer_defines_a_grouped_badge_with_the_competences_of_its_parts(
    cast: Cast,
) -> None:
    parts = [teamwork(cast.organisation), speaking(cast.organisation)]
    response = cast.client(cast.editor).post(create_url(cast), form(*parts))
    grouping = Grouping.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "pathways:group", args=[cast.organisation.slug, grouping.badge.public_id]
    )
    assert set(grouping.parts.all()) == {p.badge for p in parts}
    version = grouping.badge.versions.get()
    assert version.badge.organisation == cast.organisation
    # In the order of the parts' names: "Oral", then "Travail en équipe".
    assert [(c.name, c.framework, c.code, c.levels) for c in version.competences.all()] == [
        (
            "Communiquer à l'oral",
            "RECTEC",
            "RECTEC-COM-1",
            ["Découverte", "Application", "Maîtrise"],
        ),
        (
            "Travailler en équipe",
            "RECTEC",
            "RECTEC-ORG-3",
            ["Découverte", "Application", "Maîtrise"],
        ),
    ]
    assert "Avoir obtenu chacun de ces badges" in version.criteria
    assert "- Travail en équipe" in version.criteria
    assert bytes(version.image_png).startswith(b"\x89PNG")


def test_the_page_preselects_the_badge_it_was_opened_from(cast: Cast) -> None:
    part = teamwork(cast.organisation)
    other = speaking(cast.organisation)
    page = text(
        cast.client(cast.editor).get(create_url(cast), {"partie": str(part.badge.public_id)})
    )
    assert f'value="{part.badge.pk}" id="id_parts_' in page
    checked = [m for m in page.split("<input") if 'name="parts"' in m and "checked" in m]
    assert len(checked) == 1 and f'value="{part.badge.pk}"' in checked[0]
    assert f'value="{other.badge.pk}"' in page


def test_the_same_competence_in_two_parts_is_kept_once_with_the_longer_scale() -> None:
    short = CompetenceContent("travailler en EQUIPE", "RECTEC", "rectec-org-3", levels=("A", "B"))
    long = rectec("Travailler en équipe", "RECTEC-ORG-3")
    merged = merged_competences([("Un", [short]), ("Deux", [long, rectec("Oral", "X")])])
    assert [(c.name, c.levels) for c in merged] == [
        ("Travailler en équipe", ("Découverte", "Application", "Maîtrise")),
        ("Oral", ("Découverte", "Application", "Maîtrise")),
    ]


def test_two_different_competences_with_one_name_are_refused_with_a_clear_message(
    cast: Cast,
) -> None:
    one = teamwork(cast.organisation)
    other = badge(
        cast.organisation,
        "Équipe (ESCO)",
        CompetenceContent("Travailler en équipe", "ESCO", url="https://esco.example/skill/equipe"),
    )
    response = cast.client(cast.editor).post(create_url(cast), form(one, other))
    assert response.status_code == 400
    assert (
        "Les badges « Travail en équipe » et « Équipe (ESCO) » ont chacun une compétence "
        "« Travailler en équipe », mais ce ne sont pas les mêmes"
    ) in words(response)
    assert not Grouping.objects.exists()
    assert Badge.objects.count() == 2


def test_a_grouped_badge_needs_two_parts(cast: Cast) -> None:
    one = teamwork(cast.organisation)
    response = cast.client(cast.editor).post(create_url(cast), form(one))
    assert response.status_code == 400
    assert "Choisissez au moins deux badges." in words(response)
    with pytest.raises(GroupingError):
        actions.define_grouped_badge(
            cast.organisation, None, [one.badge, one.badge], actions.GroupedContent("x", "y", "")
        )


def test_the_grouped_badge_keeps_a_certification_of_its_parts(cast: Cast) -> None:
    certified = badge(
        cast.organisation,
        "Autonomie",
        rectec("Organiser son activité", "RECTEC-ORG-1"),
        certification=("RS5476", "Certification d'exemple"),
    )
    other = teamwork(cast.organisation)
    response = cast.client(cast.editor).post(
        create_url(cast), form(certified, other, certification="RS5476")
    )
    assert response.status_code == 302
    version = Grouping.objects.get().badge.versions.get()
    assert (version.certification_code, version.certification_title) == (
        "RS5476",
        "Certification d'exemple",
    )


def test_a_certification_no_part_carries_is_refused(cast: Cast) -> None:
    badge(
        cast.organisation,
        "Autre",
        rectec("Gérer des informations", "RECTEC-REF-1"),
        certification=("RS5476", "Certification d'exemple"),
    )
    one, other = teamwork(cast.organisation), speaking(cast.organisation)
    response = cast.client(cast.editor).post(
        create_url(cast), form(one, other, certification="RS5476")
    )
    assert response.status_code == 400
    assert "Cette certification n'est liée à aucun des badges choisis." in words(response)


def test_a_badge_of_another_organisation_cannot_be_a_part(cast: Cast) -> None:
    mine = teamwork(cast.organisation)
    theirs = speaking(cast.other)
    response = cast.client(cast.editor).post(create_url(cast), form(mine, theirs))
    assert response.status_code == 400
    assert not Grouping.objects.exists()
    with pytest.raises(GroupingError):
        actions.define_grouped_badge(
            cast.organisation,
            None,
            [mine.badge, theirs.badge],
            actions.GroupedContent("x", "y", ""),
        )


@pytest.mark.parametrize("who", ["awarder", "learner"])
def test_only_designers_define_grouped_badges(cast: Cast, who: str) -> None:
    parts = [teamwork(cast.organisation), speaking(cast.organisation)]
    client = cast.client(getattr(cast, who))
    expected = 403 if who == "awarder" else 404
    assert client.get(create_url(cast)).status_code == expected
    assert client.post(create_url(cast), form(*parts)).status_code == expected
    assert not Grouping.objects.exists()


def test_an_outsider_is_not_told_the_organisation_exists(cast: Cast) -> None:
    assert cast.client(cast.outsider).get(create_url(cast)).status_code == 404


def test_the_badge_page_offers_to_group_it_and_shows_its_groupings(cast: Cast) -> None:
    parts = [teamwork(cast.organisation), speaking(cast.organisation)]
    grouping = actions.define_grouped_badge(
        cast.organisation, None, [p.badge for p in parts], actions.GroupedContent("Tout", "d", "")
    )
    detail = reverse("badges:detail", args=[cast.organisation.slug, parts[0].badge.public_id])
    page = text(cast.client(cast.editor).get(detail))
    assert f"{create_url(cast)}?partie={parts[0].badge.public_id}" in page
    assert (
        reverse("pathways:group", args=[cast.organisation.slug, grouping.badge.public_id]) in page
    )
    grouped = reverse("badges:detail", args=[cast.organisation.slug, grouping.badge.public_id])
    page = text(cast.client(cast.awarder).get(grouped))
    assert "L’attribuer aux personnes qui détiennent toutes ses parties" in page
