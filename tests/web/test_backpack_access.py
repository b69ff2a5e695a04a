"""Who reaches the backpack's pages: only the holder. Another person (the issuer's staff
included) gets 404, never a hint that the badge exists; a visitor who is not signed in is
sent to the sign-in page, whether the badge exists or not (as everywhere on the platform)."""

from __future__ import annotations

import uuid

import pytest
from django.core.cache import cache
from django.test import Client

from insigne.web.awards.models import Award
from insigne.web.backpack.models import Collection, HolderEvidence
from insigne.web.badges.models import BadgeVersion

from .conftest import Cast
from .test_backpack_support import collection_of, held, page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


@pytest.fixture
def things(cast: Cast, grouped_badge: BadgeVersion) -> tuple[Award, HolderEvidence, Collection]:
    award = held(cast, grouped_badge)
    evidence = HolderEvidence.objects.create(
        award=award, title="Preuve", file_name="a.txt", content_type="text/plain", data=b"abc"
    )
    return award, evidence, collection_of(cast.learner)


def holder_urls(award: Award, evidence: HolderEvidence, collection: Collection) -> list[str]:
    """Every page of the backpack about one of the holder's things."""
    return [
        page(award),
        f"/sac/preuves/{evidence.public_id}/modifier",
        f"/sac/preuves/{evidence.public_id}/supprimer",
        f"/sac/collections/{collection.public_id}",
        f"/sac/collections/{collection.public_id}/supprimer",
    ]


def holder_posts(award: Award, evidence: HolderEvidence, collection: Collection) -> list[str]:
    return [
        f"{page(award)}/publier",
        f"{page(award)}/rendre-prive",
        f"{page(award)}/reflexion",
        f"{page(award)}/preuves",
        f"{page(award)}/collections",
        f"{page(award)}/collections/retirer",
        f"/sac/preuves/{evidence.public_id}/modifier",
        f"/sac/preuves/{evidence.public_id}/supprimer",
        f"/sac/collections/{collection.public_id}",
        f"/sac/collections/{collection.public_id}/badges",
        f"/sac/collections/{collection.public_id}/retirer",
        f"/sac/collections/{collection.public_id}/supprimer",
    ]


def test_the_holder_reaches_every_page(
    cast: Cast, things: tuple[Award, HolderEvidence, Collection]
) -> None:
    client = cast.client(cast.learner)
    for url in holder_urls(*things):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/sac/preuves/{things[1].public_id}").status_code == 200


@pytest.mark.parametrize("who", ["outsider", "owner", "awarder"])
def test_anyone_else_gets_not_found_on_every_page_and_action(
    cast: Cast, things: tuple[Award, HolderEvidence, Collection], who: str
) -> None:
    client = cast.client(getattr(cast, who))
    for url in holder_urls(*things):
        assert client.get(url).status_code == 404, url
    for url in holder_posts(*things):
        data = {
            "consent": "on",
            "text": "x",
            "title": "x",
            "url": "https://x.example",
            "name": "x",
            "collection": str(things[2].public_id),
        }
        assert client.post(url, data).status_code == 404, url
    award, evidence, collection = things
    award.refresh_from_db()
    assert not award.public
    assert HolderEvidence.objects.filter(pk=evidence.pk).exists()
    assert Collection.objects.filter(pk=collection.pk, name="Pour ma candidature").exists()


def test_a_visitor_not_signed_in_is_sent_to_sign_in_whether_the_badge_exists_or_not(
    things: tuple[Award, HolderEvidence, Collection],
) -> None:
    client = Client()
    unknown = uuid.uuid4()
    for url in [*holder_urls(*things), f"/sac/badges/{unknown}"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/compte/"), url
    for url in holder_posts(*things):
        assert client.post(url, {"consent": "on"}).status_code == 302, url
    assert not Award.objects.get(pk=things[0].pk).public


def test_the_file_of_a_private_award_is_not_found_for_others(
    cast: Cast, things: tuple[Award, HolderEvidence, Collection]
) -> None:
    url = f"/sac/preuves/{things[1].public_id}"
    assert Client().get(url).status_code == 404
    assert cast.client(cast.outsider).get(url).status_code == 404


def test_an_erased_award_is_gone_from_the_backpack(
    cast: Cast, things: tuple[Award, HolderEvidence, Collection]
) -> None:
    from django.utils import timezone

    award, evidence, _collection = things
    Award.objects.filter(pk=award.pk).update(erased_at=timezone.now(), public=True)
    client = cast.client(cast.learner)
    assert client.get(page(award)).status_code == 404
    assert client.get(f"/sac/preuves/{evidence.public_id}").status_code == 404
    assert Client().get(f"/sac/preuves/{evidence.public_id}").status_code == 404


def test_unknown_or_malformed_addresses_are_not_found(cast: Cast) -> None:
    client = cast.client(cast.learner)
    for url in (
        f"/sac/badges/{uuid.uuid4()}",
        "/sac/badges/pas-un-identifiant",
        f"/sac/preuves/{uuid.uuid4()}",
        f"/sac/collections/{uuid.uuid4()}",
        f"/sac/c/{uuid.uuid4()}",
    ):
        assert client.get(url).status_code == 404, url


def test_state_changes_need_a_post(
    cast: Cast, things: tuple[Award, HolderEvidence, Collection]
) -> None:
    award, _evidence, collection = things
    client = cast.client(cast.learner)
    for url in (
        f"{page(award)}/publier",
        f"{page(award)}/rendre-prive",
        f"{page(award)}/reflexion",
        f"{page(award)}/preuves",
        f"/sac/collections/{collection.public_id}/badges",
    ):
        assert client.get(url).status_code == 405, url
