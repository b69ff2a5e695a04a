"""The issuer's framework pages: the list, a framework's tree, its CASE export, importing a
file through the page; who may see and change what."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insigne.web.frameworks import actions
from insigne.web.frameworks.models import Framework
from insigne.web.issuers.models import Organisation

from .conftest import Cast
from .test_frameworks_support import house_framework, page_url, sample, uploaded

pytestmark = pytest.mark.django_db


def test_the_organisation_page_leads_to_its_frameworks(cast: Cast) -> None:
    from django.urls import reverse

    page = cast.client(cast.awarder).get(
        reverse("issuers:detail", kwargs={"slug": cast.organisation.slug})
    )
    assert page_url("list", cast.organisation) in page.content.decode()


def test_the_list_shows_shipped_and_own_frameworks_but_not_others(cast: Cast) -> None:
    house_framework(cast.organisation)
    other = house_framework(cast.other)
    Framework.objects.filter(pk=other.pk).update(title="Référentiel d'une autre structure")
    page = cast.client(cast.editor).get(page_url("list", cast.organisation)).content.decode()
    assert "Compétences du CFA" in page
    assert "RECTEC – Compétences transversales" in page
    assert "Les 14 savoir-être professionnels (Pôle emploi, 2018)" in page
    assert "d&#x27;une autre structure" not in page
    assert "Créer un référentiel maison" in page


def test_an_awarder_sees_the_frameworks_without_the_design_actions(cast: Cast) -> None:
    page = cast.client(cast.awarder).get(page_url("list", cast.organisation))
    assert page.status_code == 200
    assert "Créer un référentiel maison" not in page.content.decode()


def test_the_list_costs_the_same_queries_for_any_number_of_frameworks(cast: Cast) -> None:
    client = cast.client(cast.editor)
    with CaptureQueriesContext(connection) as few:
        client.get(page_url("list", cast.organisation))
    for n in range(5):
        actions.create_framework(
            cast.organisation, None, title=f"Référentiel {n}", levels=[("A", "")]
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(page_url("list", cast.organisation))
    assert "Référentiel 4" in response.content.decode()
    assert len(many) == len(few)


def test_a_framework_page_shows_its_tree_levels_source_and_address(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    response = cast.client(cast.awarder).get(
        page_url("detail", cast.organisation, identifier=framework.identifier)
    )
    page = response.content.decode()
    assert response.status_code == 200
    relation = page.index(">Relation<")
    nested = page.index(">Accueillir un client<")
    assert relation < nested and "<ul>" in page[relation:nested]  # a sub-item, in a sub-list
    assert "<strong>Découverte</strong> — Avec aide" in page
    assert "Référentiel créé par Atelier de Lyon dans Insigne." in page
    assert f"/ims/case/v1p0/CFDocuments/{framework.identifier}" in page
    assert "Ajouter un item" not in page  # the awarder does not design


def test_a_shipped_framework_page_shows_its_source_and_no_change(cast: Cast) -> None:
    rectec = Framework.objects.get(organisation=None, title__startswith="RECTEC")
    page = (
        cast.client(cast.editor)
        .get(page_url("detail", cast.organisation, identifier=rectec.identifier))
        .content.decode()
    )
    assert "lecture seule" in page
    assert "GIP FCIP de l&#x27;académie de Versailles" in page
    assert "https://rectec.ac-versailles.fr/" in page
    assert "Ajouter un item" not in page and "Supprimer le référentiel" not in page


def test_the_framework_page_costs_the_same_queries_for_any_number_of_items(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    client = cast.client(cast.editor)
    url = page_url("detail", cast.organisation, identifier=framework.identifier)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    parent = framework.items.get(human_coding_scheme="ORG")
    for n in range(20):
        actions.add_item(framework, statement=f"Item {n}", code=f"ORG-{n}", parent=parent)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert "Item 19" in response.content.decode()
    assert len(many) == len(few)


def test_a_large_framework_is_shown_a_page_at_a_time(cast: Cast) -> None:
    header = "conceptType,conceptUri,preferredLabel\n"
    rows = "".join(
        f"KnowledgeSkillCompetence,https://esco.example/s/{n},savoir {n}\n" for n in range(300)
    )
    framework, _outcome = actions.import_framework(
        cast.organisation,
        None,
        actions.Upload("skills_fr.csv", __import__("io").BytesIO((header + rows).encode())),
    )
    url = page_url("detail", cast.organisation, identifier=framework.identifier)
    first = cast.client(cast.editor).get(url).content.decode()
    assert "savoir 0<" in first and "savoir 299<" not in first
    assert "Page 1 sur 2" in first
    assert "savoir 249<" in first and "savoir 250<" not in first
    second = cast.client(cast.editor).get(url, {"page": "2"}).content.decode()
    assert "savoir 299<" in second
    assert cast.client(cast.editor).get(url, {"page": "beaucoup"}).status_code == 200


def test_the_export_downloads_the_case_package(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    response = cast.client(cast.awarder).get(
        page_url("export", cast.organisation, identifier=framework.identifier)
    )
    assert response["Content-Disposition"] == 'attachment; filename="competences-du-cfa.case.json"'
    package = json.loads(response.content)
    assert package["CFDocument"]["title"] == "Compétences du CFA"
    assert len(package["CFItems"]) == 4


def test_importing_through_the_page_leads_to_the_new_framework(cast: Cast) -> None:
    response = cast.client(cast.editor).post(
        page_url("import", cast.organisation),
        {"file": uploaded("referentiel.json", sample("referentiel_exemple.case.json"))},
        follow=True,
    )
    framework = Framework.objects.get(organisation=cast.organisation)
    assert response.redirect_chain[-1][0].endswith(f"/referentiels/{framework.identifier}/")
    assert "Import terminé : 6 items ajoutés." in response.content.decode()


def test_a_refused_import_shows_every_problem_and_stores_nothing(cast: Cast) -> None:
    content = (
        "conceptType,conceptUri,preferredLabel\n"
        "KnowledgeSkillCompetence,https://esco.example/a,\n"
        "KnowledgeSkillCompetence,https://esco.example/b,deuxième\n"
        "KnowledgeSkillCompetence,ftp://esco.example/c,troisième\n"
    ).encode()
    response = cast.client(cast.editor).post(
        page_url("import", cast.organisation), {"file": uploaded("skills_fr.csv", content)}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Fichier refusé : 2 problèmes, rien n'a été enregistré" in page
    assert "Ligne 2 : la colonne preferredLabel est vide." in page
    assert (
        "Ligne 4 : conceptUri « ftp://esco.example/c » n&#x27;est pas une adresse http(s)." in page
    )
    assert not Framework.objects.filter(organisation=cast.organisation).exists()


def test_an_import_without_a_file_says_so(cast: Cast) -> None:
    response = cast.client(cast.editor).post(page_url("import", cast.organisation), {})
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()


def test_only_the_organisations_esco_frameworks_can_be_completed(cast: Cast) -> None:
    theirs, _outcome = actions.import_framework(
        cast.other,
        None,
        actions.Upload(
            "t_fr.csv", __import__("io").BytesIO(sample("transversalSkillsCollection_fr.csv"))
        ),
    )
    response = cast.client(cast.editor).post(
        page_url("import", cast.organisation),
        {
            "file": uploaded("t_en.csv", sample("transversalSkillsCollection_en.csv")),
            "into": theirs.pk,
        },
    )
    assert response.status_code == 400
    assert theirs.items.filter(translations__has_key="en").count() == 0


@pytest.mark.parametrize("who", ["outsider", "learner"])
@pytest.mark.parametrize("name", ["list", "import", "create", "search"])
def test_outsider_and_learner_cannot_see_an_organisations_framework_pages(
    cast: Cast, who: str, name: str
) -> None:
    response = cast.client(getattr(cast, who)).get(page_url(name, cast.organisation))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["outsider", "learner"])
def test_outsider_and_learner_cannot_import_for_an_organisation(cast: Cast, who: str) -> None:
    response = cast.client(getattr(cast, who)).post(
        page_url("import", cast.organisation),
        {"file": uploaded("referentiel.json", sample("referentiel_exemple.case.json"))},
    )
    assert response.status_code == 404
    assert not Framework.objects.exclude(organisation=None).exists()


def test_awarder_cannot_import_or_create_frameworks(cast: Cast) -> None:
    client = cast.client(cast.awarder)
    response = client.post(
        page_url("import", cast.organisation),
        {"file": uploaded("referentiel.json", sample("referentiel_exemple.case.json"))},
    )
    assert response.status_code == 403
    assert client.post(page_url("create", cast.organisation), {"title": "X"}).status_code == 403
    assert not Framework.objects.exclude(organisation=None).exists()


def test_anonymous_visitors_are_sent_to_sign_in(cast: Cast) -> None:
    response = cast.client(None).get(page_url("list", cast.organisation))
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_a_framework_of_another_organisation_is_not_found(cast: Cast) -> None:
    theirs = house_framework(cast.other)
    client = cast.client(cast.editor)
    for name in ("detail", "export", "edit", "delete", "item-add"):
        url = page_url(name, cast.organisation, identifier=theirs.identifier)
        assert client.get(url).status_code == 404, name


def test_a_shipped_framework_cannot_be_edited_through_the_pages(cast: Cast) -> None:
    rectec = Framework.objects.get(organisation=None, title__startswith="RECTEC")
    client = cast.client(cast.owner)
    for name in ("edit", "delete", "item-add"):
        url = page_url(name, cast.organisation, identifier=rectec.identifier)
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"title": "Changé", "statement": "Ajout"}).status_code == 404
    rectec.refresh_from_db()
    assert rectec.title.startswith("RECTEC") and rectec.items.count() == 16


def organisation_frameworks(organisation: Organisation) -> int:
    return Framework.objects.filter(organisation=organisation).count()


def test_a_file_too_large_for_memory_is_read_from_its_temporary_file(
    cast: Cast, settings: Any
) -> None:
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100  # Django then writes the upload to disk
    response = cast.client(cast.editor).post(
        page_url("import", cast.organisation),
        {
            "file": uploaded(
                "transversalSkillsCollection_fr.csv", sample("transversalSkillsCollection_fr.csv")
            )
        },
    )
    assert response.status_code == 302
    assert Framework.objects.get(organisation=cast.organisation).items.count() == 11
