"""A house framework built through the pages: its description, levels and items."""

from __future__ import annotations

import io
from typing import Any

import pytest

from insigne.web.frameworks import actions
from insigne.web.frameworks.models import Framework, Item
from insigne.web.frameworks.tree import ordered

from .conftest import Cast
from .test_frameworks_support import house_framework, item, page_url, sample

pytestmark = pytest.mark.django_db


def levels(*rows: tuple[str, str]) -> dict[str, str]:
    data = {"niveaux-TOTAL_FORMS": str(len(rows)), "niveaux-INITIAL_FORMS": "0"}
    for index, (name, description) in enumerate(rows):
        data[f"niveaux-{index}-name"] = name
        data[f"niveaux-{index}-description"] = description
    return data


def codes(framework: Framework) -> list[tuple[int, str]]:
    return [(n.depth, n.item.human_coding_scheme) for n in ordered(framework.items.all())]


def test_an_editor_creates_a_house_framework_with_its_levels(cast: Cast) -> None:
    response = cast.client(cast.editor).post(
        page_url("create", cast.organisation),
        {
            "title": "  Compétences   du CFA ",
            "description": "Notre référentiel.",
            "language": "fr",
            **levels(("Découverte", "Avec aide"), ("", ""), ("Maîtrise", "Seul")),
        },
    )
    framework = Framework.objects.get(organisation=cast.organisation)
    assert response.status_code == 302
    assert response["Location"] == page_url(
        "item-add", cast.organisation, identifier=framework.identifier
    )
    assert framework.title == "Compétences du CFA"
    assert framework.origin == Framework.Origin.HOUSE
    assert framework.creator == "Atelier de Lyon"
    assert [(lv.name, lv.description) for lv in framework.levels.order_by("position")] == [
        ("Découverte", "Avec aide"),
        ("Maîtrise", "Seul"),
    ]


def test_a_scale_with_the_same_level_twice_is_refused(cast: Cast) -> None:
    response = cast.client(cast.editor).post(
        page_url("create", cast.organisation),
        {"title": "CFA", "language": "fr", **levels(("Acquis", ""), ("acquis", ""))},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ce niveau figure deux fois." in page
    assert 'href="#id_niveaux-1-name">Niveau 2, Nom du niveau' in page  # in the summary too
    assert not Framework.objects.filter(organisation=cast.organisation).exists()


def test_a_framework_needs_a_name(cast: Cast) -> None:
    response = cast.client(cast.editor).post(
        page_url("create", cast.organisation), {"title": "  ", "language": "fr", **levels()}
    )
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()


def add(cast: Cast, framework: Framework, **data: Any) -> Any:
    return cast.client(cast.editor).post(
        page_url("item-add", cast.organisation, identifier=framework.identifier), data
    )


def test_items_are_added_under_a_parent_and_another_can_follow(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    relation = item(framework, "REL")
    response = add(
        cast,
        framework,
        statement="Conclure une vente",
        code="REL-3",
        parent=str(relation.identifier),
        encore="1",
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?sous={relation.identifier}")
    page = cast.client(cast.editor).get(response["Location"]).content.decode()
    assert f'<option value="{relation.identifier}" selected>' in page
    assert codes(framework) == [(0, "REL"), (1, "REL-1"), (1, "REL-2"), (1, "REL-3"), (0, "ORG")]


def test_two_items_cannot_share_a_code(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    response = add(cast, framework, statement="Autre", code="REL-1")
    assert response.status_code == 400
    assert "Le code « REL-1 » est déjà celui d&#x27;un autre item." in response.content.decode()
    assert framework.items.count() == 4


def test_an_item_can_move_under_another_but_not_under_its_own_sub_item(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    relation, organisation, welcome = (
        item(framework, "REL"),
        item(framework, "ORG"),
        item(framework, "REL-1"),
    )
    url = page_url(
        "item-edit", cast.organisation, identifier=framework.identifier, item=relation.identifier
    )
    page = cast.client(cast.editor).get(url).content.decode()
    assert f'value="{welcome.identifier}"' not in page  # its own sub-item is not offered
    response = cast.client(cast.editor).post(
        url, {"statement": "Relation", "code": "REL", "parent": str(welcome.identifier)}
    )
    assert response.status_code == 400
    response = cast.client(cast.editor).post(
        url, {"statement": "Relation client", "code": "REL", "parent": str(organisation.identifier)}
    )
    assert response.status_code == 302
    assert codes(framework) == [(0, "ORG"), (1, "REL"), (2, "REL-1"), (2, "REL-2")]
    relation.refresh_from_db()
    assert relation.full_statement == "Relation client"
    assert "relation client" in relation.search_text


def test_items_move_up_and_down_among_their_siblings(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    second = item(framework, "REL-2")
    url = page_url(
        "item-move", cast.organisation, identifier=framework.identifier, item=second.identifier
    )
    cast.client(cast.editor).post(url, {"direction": "up"})
    assert codes(framework) == [(0, "REL"), (1, "REL-2"), (1, "REL-1"), (0, "ORG")]
    cast.client(cast.editor).post(url, {"direction": "up"})  # already first: nothing moves
    cast.client(cast.editor).post(url, {"direction": "down"})
    assert codes(framework) == [(0, "REL"), (1, "REL-1"), (1, "REL-2"), (0, "ORG")]


def test_an_item_with_sub_items_is_not_deleted_a_leaf_is(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    relation, welcome = item(framework, "REL"), item(framework, "REL-1")
    client = cast.client(cast.editor)
    url = page_url(
        "item-delete", cast.organisation, identifier=framework.identifier, item=relation.identifier
    )
    response = client.post(url, follow=True)
    assert "Cet item en contient d&#x27;autres" in response.content.decode()
    assert Item.objects.filter(pk=relation.pk).exists()
    url = page_url(
        "item-delete", cast.organisation, identifier=framework.identifier, item=welcome.identifier
    )
    assert client.get(url).status_code == 200
    client.post(url)
    assert not Item.objects.filter(pk=welcome.pk).exists()


def test_editing_a_framework_changes_its_description_and_keeps_level_identifiers(
    cast: Cast,
) -> None:
    framework = house_framework(cast.organisation)
    before = list(framework.levels.order_by("position").values_list("identifier", flat=True))
    response = cast.client(cast.editor).post(
        page_url("edit", cast.organisation, identifier=framework.identifier),
        {
            "title": "Compétences du CFA (2025)",
            "description": "",
            "language": "fr",
            "version": "2",
            "adoption_status": "Adopted",
            "licence_title": "CC BY 4.0",
            "licence_text": "",
            "licence_uri": "https://creativecommons.org/licenses/by/4.0/",
            **levels(("Initiation", ""), ("Application", "Avec peu d'aide")),
        },
    )
    assert response.status_code == 302
    framework.refresh_from_db()
    assert framework.title == "Compétences du CFA (2025)" and framework.adoption_status == "Adopted"
    after = list(framework.levels.order_by("position"))
    assert [lv.name for lv in after] == ["Initiation", "Application"]
    assert [lv.identifier for lv in after] == before[:2]


def test_a_refused_edit_changes_nothing(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    response = cast.client(cast.editor).post(
        page_url("edit", cast.organisation, identifier=framework.identifier),
        {"title": "", "language": "fr", "adoption_status": "Adopted", **levels(("A", ""))},
    )
    assert response.status_code == 400
    framework.refresh_from_db()
    assert framework.title == "Compétences du CFA" and framework.levels.count() == 3


def test_an_unused_framework_can_be_deleted(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    url = page_url("delete", cast.organisation, identifier=framework.identifier)
    assert "ses 4 items seront supprimés" in cast.client(cast.editor).get(url).content.decode()
    response = cast.client(cast.editor).post(url)
    assert response["Location"] == page_url("list", cast.organisation)
    assert not Framework.objects.filter(pk=framework.pk).exists()


@pytest.mark.parametrize("who", ["outsider", "learner"])
def test_outsider_and_learner_cannot_change_a_house_framework(cast: Cast, who: str) -> None:
    framework = house_framework(cast.organisation)
    response = cast.client(getattr(cast, who)).post(
        page_url("item-add", cast.organisation, identifier=framework.identifier),
        {"statement": "Intrus"},
    )
    assert response.status_code == 404
    assert not framework.items.filter(full_statement="Intrus").exists()


def test_awarder_cannot_change_a_house_framework(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    client = cast.client(cast.awarder)
    response = client.post(
        page_url("item-add", cast.organisation, identifier=framework.identifier),
        {"statement": "Intrus"},
    )
    assert response.status_code == 403
    response = client.post(page_url("delete", cast.organisation, identifier=framework.identifier))
    assert response.status_code == 403
    assert Framework.objects.filter(pk=framework.pk).exists()


def test_the_owner_may_do_what_an_editor_does(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    response = cast.client(cast.owner).post(
        page_url("item-add", cast.organisation, identifier=framework.identifier),
        {"statement": "Ajout"},
    )
    assert response.status_code == 302
    assert actions.used_by_badges(framework) == 0


def test_an_imported_framework_is_deleted_but_not_edited_through_the_pages(cast: Cast) -> None:
    framework, _outcome = actions.import_framework(
        cast.organisation,
        None,
        actions.Upload("t_fr.csv", io.BytesIO(sample("transversalSkillsCollection_fr.csv"))),
    )
    client = cast.client(cast.editor)
    page = client.get(page_url("detail", cast.organisation, identifier=framework.identifier))
    text = page.content.decode()
    assert "Un référentiel importé ne se modifie pas ici" in text
    assert "Ajouter un item" not in text and "Supprimer le référentiel" in text
    for name in ("edit", "item-add"):
        url = page_url(name, cast.organisation, identifier=framework.identifier)
        assert client.get(url).status_code == 404, name
    with pytest.raises(actions.ChangeRefusedError):
        actions.add_item(framework, statement="Ajout")
    client.post(page_url("delete", cast.organisation, identifier=framework.identifier))
    assert not Framework.objects.filter(pk=framework.pk).exists()
