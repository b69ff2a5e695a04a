"""Collections: named sets of the holder's badges, private or public, with a page that shows
only the badges that are public themselves."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from insigne.web.backpack import actions
from insigne.web.backpack.limits import MAX_COLLECTIONS
from insigne.web.backpack.models import Collection
from insigne.web.badges.models import BadgeVersion

from .conftest import Cast
from .test_backpack_support import collection_of, held, imported, other_badge, page

pytestmark = pytest.mark.django_db


def edit_page(collection: Collection) -> str:
    return f"/sac/collections/{collection.public_id}"


def public_url(collection: Collection) -> str:
    return f"/sac/c/{collection.public_id}"


def test_creating_a_collection_leads_to_its_page(cast: Cast) -> None:
    response = cast.client(cast.learner).post(
        "/sac/collections", {"name": "  Candidature cariste ", "description": "Pour mai"}
    )
    made = Collection.objects.get(owner=cast.learner)
    assert response.status_code == 302
    assert response["Location"] == edit_page(made)
    assert made.name == "Candidature cariste"
    assert not made.public  # private unless chosen


def test_a_collection_needs_a_name(cast: Cast) -> None:
    response = cast.client(cast.learner).post("/sac/collections", {"name": "   "})
    assert response.status_code == 400
    assert "Le formulaire contient une erreur" in response.content.decode()
    assert not Collection.objects.exists()


def test_a_person_has_at_most_a_hundred_collections(cast: Cast) -> None:
    Collection.objects.bulk_create(
        [Collection(owner=cast.learner, name=f"C{n}") for n in range(MAX_COLLECTIONS)]
    )
    response = cast.client(cast.learner).post("/sac/collections", {"name": "Une de trop"})
    assert response.status_code == 400
    assert "supprimez-en une" in response.content.decode()
    assert Collection.objects.filter(owner=cast.learner).count() == MAX_COLLECTIONS


def test_badges_of_both_origins_are_added_and_removed_from_the_collection_page(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    badge = imported(cast.learner)
    collection = collection_of(cast.learner)
    client = cast.client(cast.learner)
    html = client.get(edit_page(collection)).content.decode()
    assert f'value="a:{award.public_id}"' in html and f'value="e:{badge.public_id}"' in html
    response = client.post(
        f"{edit_page(collection)}/badges",
        {"badges": [f"a:{award.public_id}", f"e:{badge.public_id}"]},
    )
    assert response.status_code == 302
    assert list(collection.awards.all()) == [award]
    assert list(collection.external_badges.all()) == [badge]
    assert (
        "Tous vos badges sont déjà dans cette collection."
        in client.get(edit_page(collection)).content.decode()
    )
    client.post(f"{edit_page(collection)}/retirer", {"badge": f"e:{badge.public_id}"})
    assert not collection.external_badges.exists()
    assert collection.awards.exists()
    badge.refresh_from_db()  # still in the backpack


def test_another_persons_badge_cannot_be_put_in_a_collection(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    theirs = imported(cast.outsider)
    collection = collection_of(cast.learner)
    response = cast.client(cast.learner).post(
        f"{edit_page(collection)}/badges", {"badges": [f"e:{theirs.public_id}"]}
    )
    assert response.status_code == 400
    assert actions.add_to_collection(cast.learner, collection, externals=[theirs.public_id]) == 0
    assert not collection.external_badges.exists()


def test_an_award_is_put_in_a_collection_and_taken_out_from_its_own_page(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    collection = collection_of(cast.learner, name="Métiers de l’accueil")
    client = cast.client(cast.learner)
    html = client.get(page(award)).content.decode()
    assert "Ajouter à la collection" in html
    client.post(f"{page(award)}/collections", {"collection": str(collection.public_id)})
    assert list(collection.awards.all()) == [award]
    html = client.get(page(award)).content.decode()
    assert "Ce badge fait partie de" in html and "Métiers de l’accueil" in html
    client.post(f"{page(award)}/collections/retirer", {"collection": str(collection.public_id)})
    assert not collection.awards.exists()


def test_bad_collection_choices_get_a_message_not_an_error(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    theirs = collection_of(cast.outsider)
    collection_of(cast.learner)
    client = cast.client(cast.learner)
    response = client.post(f"{page(award)}/collections", {"collection": str(theirs.public_id)})
    assert response.status_code == 400
    assert not theirs.awards.exists()
    assert client.post(f"{page(award)}/collections", {"collection": "pas-un-id"}).status_code == 400
    response = client.post(f"{page(award)}/collections/retirer", {"collection": "pas-un-id"})
    assert response.status_code == 302


def test_a_public_collection_shows_only_its_public_badges_and_its_owners_name(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    shown = held(cast, grouped_badge, public=True)
    hidden = held(cast, other_badge(cast.organisation, "Badge resté privé"))
    shown_import = imported(cast.learner, name="Secourisme", public=True)
    hidden_import = imported(cast.learner, name="Import privé", credential_id="urn:x")
    collection = collection_of(cast.learner, public=True, description="Mes badges pour postuler")
    collection.awards.add(shown, hidden)
    collection.external_badges.add(shown_import, hidden_import)
    response = Client().get(public_url(collection))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Camille Roux" in html
    assert "camille@apprenant.example" not in html
    assert "Mes badges pour postuler" in html
    assert f'href="/b/{shown.public_id}"' in html
    assert f'href="/sac/externes/p/{shown_import.public_id}"' in html
    assert "Badge resté privé" not in html and "Import privé" not in html
    assert str(hidden.public_id) not in html
    owner_html = cast.client(cast.learner).get(edit_page(collection)).content.decode()
    assert "2 badges de cette collection sont privés" in owner_html


def test_a_private_collection_is_not_found_by_others(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    collection = collection_of(cast.learner)
    collection.awards.add(held(cast, grouped_badge, public=True))
    assert Client().get(public_url(collection)).status_code == 404
    assert cast.client(cast.outsider).get(public_url(collection)).status_code == 404
    preview = cast.client(cast.learner).get(public_url(collection))
    assert preview.status_code == 200
    assert "Cette collection est privée" in preview.content.decode()
    assert preview["X-Robots-Tag"] == "noindex"


def test_making_a_collection_public_then_private_again(cast: Cast) -> None:
    collection = collection_of(cast.learner)
    client = cast.client(cast.learner)
    client.post(edit_page(collection), {"name": "Nouveau nom", "public": "on"})
    collection.refresh_from_db()
    assert collection.public and collection.name == "Nouveau nom"
    assert Client().get(public_url(collection)).status_code == 200
    client.post(edit_page(collection), {"name": "Nouveau nom"})
    assert Client().get(public_url(collection)).status_code == 404


def test_deleting_a_collection_asks_first_and_keeps_its_badges(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    collection = collection_of(cast.learner)
    collection.awards.add(award)
    client = cast.client(cast.learner)
    url = f"{edit_page(collection)}/supprimer"
    assert "Ses badges restent dans votre sac" in client.get(url).content.decode()
    assert Collection.objects.filter(pk=collection.pk).exists()
    assert client.post(url)["Location"] == "/sac/collections"
    assert not Collection.objects.filter(pk=collection.pk).exists()
    assert client.get(page(award)).status_code == 200


@pytest.mark.parametrize("who", [None, "outsider"])
def test_others_cannot_see_or_change_a_collection(cast: Cast, who: str | None) -> None:
    collection = collection_of(cast.learner, public=True)
    client = cast.client(getattr(cast, who) if who else None)
    expected = 302 if who is None else 404  # to the sign-in page, or not found
    assert client.get(edit_page(collection)).status_code == expected
    assert client.post(edit_page(collection), {"name": "Piratée"}).status_code == expected
    assert client.post(f"{edit_page(collection)}/supprimer").status_code == expected
    collection.refresh_from_db()
    assert collection.name == "Pour ma candidature"


def test_the_collections_page_lists_them(cast: Cast) -> None:
    collection_of(cast.learner, name="Accueil")
    collection_of(cast.learner, name="Logistique", public=True)
    html = cast.client(cast.learner).get("/sac/collections").content.decode()
    assert html.index("Accueil") < html.index("Logistique")
    assert "Publique" in html and "Privée" in html


def test_a_public_collections_page_costs_the_same_queries_for_one_badge_or_many(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    collection = collection_of(cast.learner, public=True)
    collection.awards.add(held(cast, grouped_badge, public=True))
    collection.external_badges.add(imported(cast.learner, public=True))
    visitor = Client()
    with CaptureQueriesContext(connection) as few:
        visitor.get(public_url(collection))
    for number in range(5):
        collection.awards.add(held(cast, other_badge(cast.organisation, f"B{number}"), public=True))
        collection.external_badges.add(
            imported(cast.learner, public=True, credential_id=f"urn:{number}")
        )
    with CaptureQueriesContext(connection) as many:
        html = visitor.get(public_url(collection)).content.decode()
    assert html.count('class="held-item"') == 12
    assert len(many) == len(few) <= 3, [q["sql"] for q in many]  # collection, awards, imported
