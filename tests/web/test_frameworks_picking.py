"""Picking competences from frameworks in the badge editor: search, no-JS flow, and the
credential's alignments (targetType CFItem, our URIs) that verify and pass the OB 3.0 rules."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insigne.core.ob3 import validate_credential
from insigne.core.verify import verify
from insigne.web.awards.issuance import Recipient, issue
from insigne.web.badges.models import Badge, Competence
from insigne.web.frameworks import actions, uris
from insigne.web.frameworks.models import Framework, Item
from insigne.web.public.fetching import platform_fetcher

from .conftest import Cast
from .test_badges_support import badge_data, competence_rows, create_url, edit_url
from .test_frameworks_support import house_framework, item, page_url, sample, upload

pytestmark = pytest.mark.django_db


def shipped_item(code: str) -> Item:
    return Item.objects.get(framework__organisation=None, human_coding_scheme=code)


def esco(cast: Cast) -> Framework:
    framework, _outcome = actions.import_framework(
        cast.organisation,
        cast.editor,
        upload("transversalSkillsCollection_fr.csv", sample("transversalSkillsCollection_fr.csv")),
    )
    actions.import_framework(
        cast.organisation,
        cast.editor,
        upload("transversalSkillsCollection_en.csv", sample("transversalSkillsCollection_en.csv")),
        into=framework,
    )
    return framework


def search(cast: Cast, query: str, language: str = "fr") -> list[dict[str, Any]]:
    url = page_url("search-json", cast.organisation)
    response = cast.client(cast.editor).get(url, {"q": query, "lang": language})
    assert response.status_code == 200
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def test_searching_finds_items_by_code_or_words_across_available_frameworks(cast: Cast) -> None:
    house_framework(cast.organisation)
    [by_code] = search(cast, "rectec-org-3")
    competence = shipped_item("RECTEC-ORG-3")
    assert by_code == {
        "name": "Travailler en équipe",
        "label": "Travailler en équipe",
        "lang": "fr",
        "framework": "RECTEC – Compétences transversales",
        "code": "RECTEC-ORG-3",
        "url": f"https://insigne.test/ims/case/v1p0/CFItems/{competence.identifier}",
        "description": "",
        "levels": "",
        "item": str(competence.identifier),
        "context": "Pôle organisationnel",
    }
    labels = {r["label"] for r in search(cast, "equipe")}  # accents ignored
    assert {"Travailler en équipe", "Travail en équipe"} <= labels
    [client] = search(cast, "accueillir client")
    assert client["levels"] == "Découverte\nApplication\nMaîtrise"  # the framework's scale


def test_a_search_speaks_the_badge_language_when_the_framework_does(cast: Cast) -> None:
    esco(cast)
    [result] = search(cast, "work in teams", language="en")
    assert result["name"] == "work in teams" and result["lang"] == "en"
    assert result["context"] == "social and communication skills"
    [result] = search(cast, "work in teams", language="fr")
    assert result["name"] == "travailler en équipe" and result["lang"] == "fr"


def test_another_organisations_framework_is_not_offered(cast: Cast) -> None:
    house_framework(cast.other)
    assert search(cast, "accueillir client") == []


def test_the_search_costs_the_same_few_queries_for_many_results(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    client = cast.client(cast.editor)
    url = page_url("search-json", cast.organisation)
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "client"})
    for n in range(30):
        actions.add_item(framework, statement=f"Client numéro {n}", code=f"CLI-{n}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"q": "client"})
    assert len(response.json()["results"]) == 20
    assert len(many) == len(few)


@pytest.mark.parametrize("who", ["outsider", "learner"])
def test_outsider_and_learner_cannot_search_an_organisations_frameworks(
    cast: Cast, who: str
) -> None:
    response = cast.client(getattr(cast, who)).get(
        page_url("search-json", cast.organisation), {"q": "équipe"}
    )
    assert response.status_code == 404


def test_awarder_cannot_search_frameworks_for_badge_design(cast: Cast) -> None:
    response = cast.client(cast.awarder).get(
        page_url("search-json", cast.organisation), {"q": "équipe"}
    )
    assert response.status_code == 403


def editor_post(cast: Cast, data: dict[str, Any]) -> str:
    response = cast.client(cast.editor).post(create_url(cast.organisation.slug), data)
    assert response.status_code == 200
    return response.content.decode()


def test_without_javascript_a_search_lists_choices_and_using_one_fills_the_competence(
    cast: Cast,
) -> None:
    data = badge_data(**competence_rows({"name": "", "query": "RECTEC-ORG-3"}))
    page = editor_post(cast, {**data, "competences-0-search": "1"})
    competence = shipped_item("RECTEC-ORG-3")
    assert "1 compétence trouvée" in page
    assert f'value="{competence.identifier}" autofocus' in page
    assert Badge.objects.count() == 0  # searching saves nothing
    page = editor_post(
        cast,
        {**data, "competences-0-choice": str(competence.identifier), "competences-0-pick": "1"},
    )
    assert 'value="Travailler en équipe"' in page
    assert 'value="RECTEC – Compétences transversales"' in page
    assert f'value="{uris.item_uri(competence.identifier)}"' in page
    assert f'name="competences-0-item" value="{competence.identifier}"' in page
    assert "Reprise du référentiel « RECTEC – Compétences transversales » (RECTEC-ORG-3)" in page
    assert "readonly" in page


def test_using_without_a_choice_asks_for_one(cast: Cast) -> None:
    data = badge_data(**competence_rows({"name": "", "query": "équipe"}))
    page = editor_post(cast, {**data, "competences-0-pick": "1"})
    assert "Choisissez d'abord une compétence dans la liste." in page


def test_a_search_in_a_blank_competence_does_not_make_it_required(cast: Cast) -> None:
    data = badge_data(
        **competence_rows({"name": "Coopérer"}, {"name": "", "query": "ne trouve rien"})
    )
    response = cast.client(cast.editor).post(create_url(cast.organisation.slug), data)
    assert response.status_code == 302
    version = Badge.objects.get().current_version
    assert version is not None and version.competences.count() == 1


def test_unlinking_keeps_the_values_and_frees_the_fields(cast: Cast) -> None:
    competence = shipped_item("CLEA-6")
    row = {"name": "Apprendre à apprendre", "item": str(competence.identifier)}
    data = badge_data(**competence_rows(row))
    linked = editor_post(cast, {**data, "competences-0-search": "1"})
    assert "readonly" in linked and f'value="{competence.identifier}"' in linked
    page = editor_post(cast, {**data, "competences-0-unlink": "1"})
    assert '<input type="hidden" name="competences-0-item" id="id_competences-0-item">' in page
    assert "readonly" not in page
    assert 'value="Apprendre à apprendre"' in page
    assert 'name="competences-0-query" autocomplete="off" maxlength="100" autofocus' in page


def picked_row(found: Item, *, levels: str = "", name: str = "") -> dict[str, str]:
    return {
        "name": name or found.full_statement,
        "framework": "ignoré : repris de l'item",
        "code": "ignoré",
        "url": "https://ailleurs.example/ignore",
        "description": found.notes,
        "levels": levels,
        "item": str(found.identifier),
    }


def test_a_grouped_badge_of_rectec_esco_and_house_competences_issues_cfitem_alignments(
    cast: Cast,
) -> None:
    skills = esco(cast)
    house = house_framework(cast.organisation)
    rectec = shipped_item("RECTEC-ORG-3")
    oral = skills.items.get(source_uri="https://esco.example/skill/communiquer-a-l-oral")
    welcome = item(house, "REL-1")
    data = badge_data(
        **competence_rows(
            picked_row(rectec, levels="Niveau 1\nNiveau 2\nNiveau 3\nNiveau 4"),
            picked_row(oral, levels="Découverte\nMaîtrise"),
            picked_row(welcome, levels="Découverte\nApplication\nMaîtrise"),
            {"name": "Compétence tapée à la main"},
        )
    )
    response = cast.client(cast.editor).post(create_url(cast.organisation.slug), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    version = Badge.objects.get().current_version
    assert version is not None
    stored = list(version.competences.order_by("position"))
    assert [c.item_id for c in stored] == [rectec.pk, oral.pk, welcome.pk, None]
    assert stored[0].framework == "RECTEC – Compétences transversales"  # from the item
    assert stored[0].code == "RECTEC-ORG-3"
    assert stored[0].url == uris.item_uri(rectec.identifier)

    [award] = issue(
        version,
        [
            Recipient(
                "camille@apprenant.example", "Camille Roux", {"Travailler en équipe": "Niveau 3"}
            )
        ],
        by=cast.awarder,
    )
    result = verify(award.credential.encode(), fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]
    credential = json.loads(award.credential)
    errors = [i for i in validate_credential(credential) if i.severity == "error"]
    assert errors == []
    alignments = credential["credentialSubject"]["achievement"]["alignment"]
    assert alignments[0] == {
        "type": ["Alignment"],
        "targetName": "Travailler en équipe",
        "targetUrl": uris.item_uri(rectec.identifier),
        "targetCode": "RECTEC-ORG-3",
        "targetFramework": "RECTEC – Compétences transversales",
        "targetType": "CFItem",
    }
    assert alignments[1]["targetUrl"] == uris.item_uri(oral.identifier)
    assert alignments[1]["targetFramework"] == "ESCO"
    assert alignments[1]["targetName"] == "communiquer à l'oral"
    assert alignments[1]["targetDescription"].startswith("Transmettre des informations")
    assert alignments[2]["targetCode"] == "REL-1"
    assert alignments[-1]["targetCode"] == "RS5476"  # the certification alignment stays
    rubric = credential["credentialSubject"]["achievement"]["resultDescription"][2]
    assert [level["name"] for level in rubric["rubricCriterionLevel"]] == [
        "Découverte",
        "Application",
        "Maîtrise",
    ]
    # The alignment's address is served by the CASE service.
    served = cast.client(None).get(alignments[0]["targetUrl"].removeprefix("https://insigne.test"))
    assert served.status_code == 200 and served.json()["humanCodingScheme"] == "RECTEC-ORG-3"


def test_editing_a_badge_keeps_its_competences_linked(cast: Cast) -> None:
    rectec = shipped_item("RECTEC-COM-1")
    cast.client(cast.editor).post(
        create_url(cast.organisation.slug), badge_data(**competence_rows(picked_row(rectec)))
    )
    badge = Badge.objects.get()
    page = cast.client(cast.editor).get(edit_url(badge)).content.decode()
    assert f'name="competences-0-item" value="{rectec.identifier}"' in page
    assert "Reprise du référentiel « RECTEC – Compétences transversales » (RECTEC-COM-1)" in page


def test_an_item_of_another_organisation_cannot_be_linked(cast: Cast) -> None:
    foreign = item(house_framework(cast.other), "REL-1")
    data = badge_data(**competence_rows(picked_row(foreign)))
    response = cast.client(cast.editor).post(create_url(cast.organisation.slug), data)
    assert response.status_code == 200
    assert (
        "n&#x27;est plus dans les référentiels de l&#x27;organisation" in response.content.decode()
    )
    assert not Competence.objects.exists()


def test_an_item_a_badge_uses_cannot_be_deleted_nor_its_framework(cast: Cast) -> None:
    house = house_framework(cast.organisation)
    welcome = item(house, "REL-1")
    cast.client(cast.editor).post(
        create_url(cast.organisation.slug), badge_data(**competence_rows(picked_row(welcome)))
    )
    with pytest.raises(actions.ChangeRefusedError):
        actions.delete_item(welcome)
    with pytest.raises(actions.ChangeRefusedError):
        actions.delete_framework(house)
    assert Item.objects.filter(pk=welcome.pk).exists()


def test_the_same_framework_item_cannot_be_picked_twice_in_a_badge(cast: Cast) -> None:
    rectec = shipped_item("RECTEC-ORG-3")
    data = badge_data(
        **competence_rows(picked_row(rectec), picked_row(rectec, name="Coopérer en équipe"))
    )
    response = cast.client(cast.editor).post(create_url(cast.organisation.slug), data)
    assert response.status_code == 200
    assert "reprend un item de référentiel déjà choisi" in response.content.decode()
    assert not Badge.objects.exists()


def test_an_organisation_can_still_be_deleted_with_its_frameworks_and_badges(cast: Cast) -> None:
    welcome = item(house_framework(cast.organisation), "REL-1")
    cast.client(cast.editor).post(
        create_url(cast.organisation.slug), badge_data(**competence_rows(picked_row(welcome)))
    )
    assert Competence.objects.filter(item=welcome).exists()
    cast.organisation.delete()
    assert not Item.objects.filter(pk=welcome.pk).exists()
    assert not Competence.objects.exists()
