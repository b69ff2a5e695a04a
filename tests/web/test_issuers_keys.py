"""Signing keys: the owner sees the published half, and rotates with a confirmation step."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from insigne.web.issuers.models import SigningKey
from insigne.web.public.documents import did_document

from .conftest import Cast

pytestmark = pytest.mark.django_db


def _url(cast: Cast, name: str = "keys") -> str:
    return reverse(f"issuers:{name}", kwargs={"slug": cast.organisation.slug})


def _text(response: Any) -> str:
    return str(response.content.decode()).replace("&#x27;", "'")


def _active(cast: Cast) -> SigningKey:
    return SigningKey.objects.get(organisation=cast.organisation, retired_at=None)


def test_owner_sees_the_active_key_and_where_it_is_published(cast: Cast) -> None:
    key = _active(cast)
    page = _text(cast.client(cast.owner).get(_url(cast)))
    assert "did:web:insigne.test:issuers:atelier-de-lyon" in page
    assert f"did:web:insigne.test:issuers:atelier-de-lyon#{key.public_multibase}" in page
    assert "https://insigne.test/issuers/atelier-de-lyon/did.json" in page
    assert "Aucune clé retirée" in page


def test_the_keys_page_never_shows_the_sealed_secret(cast: Cast) -> None:
    key = _active(cast)
    page = _text(cast.client(cast.owner).get(_url(cast)))
    sealed = bytes(key.encrypted_secret)
    assert sealed.hex() not in page
    assert "encrypted_secret" not in page


def test_rotation_asks_first_and_explains_that_issued_badges_stay_verifiable(cast: Cast) -> None:
    before = _active(cast)
    page = _text(cast.client(cast.owner).get(_url(cast, "key_rotate")))
    assert "Les badges déjà délivrés restent vérifiables" in page
    assert _active(cast).pk == before.pk  # asking changes nothing


def test_owner_rotates_the_key_and_the_old_one_stays_published(cast: Cast) -> None:
    before = _active(cast)
    response = cast.client(cast.owner).post(_url(cast, "key_rotate"), follow=True)
    after = _active(cast)
    assert after.pk != before.pk
    before.refresh_from_db()
    assert before.retired_at is not None
    page = _text(response)
    assert after.public_multibase in page and before.public_multibase in page
    published = str(did_document(cast.organisation))
    assert before.public_multibase in published and after.public_multibase in published


@pytest.mark.parametrize("person", ["editor", "awarder"])
def test_staff_without_the_owner_role_cannot_see_or_rotate_keys(cast: Cast, person: str) -> None:
    before = _active(cast)
    client = cast.client(getattr(cast, person))
    assert client.get(_url(cast)).status_code == 403
    assert client.post(_url(cast, "key_rotate")).status_code == 403
    assert _active(cast).pk == before.pk


@pytest.mark.parametrize("person", ["outsider", "learner"])
def test_non_members_cannot_see_or_rotate_keys(cast: Cast, person: str) -> None:
    before = _active(cast)
    client = cast.client(getattr(cast, person))
    assert client.get(_url(cast)).status_code == 404
    assert client.post(_url(cast, "key_rotate")).status_code == 404
    assert _active(cast).pk == before.pk


def test_anonymous_visitor_cannot_rotate_keys(cast: Cast) -> None:
    before = _active(cast)
    response = Client().post(_url(cast, "key_rotate"))
    assert response.status_code == 302
    assert _active(cast).pk == before.pk


def test_keys_page_queries_do_not_grow_with_retired_keys(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    client = cast.client(cast.owner)
    for _ in range(10):
        client.post(_url(cast, "key_rotate"))
    with django_assert_max_num_queries(6):
        page = _text(client.get(_url(cast)))
    assert page.count("<code>z") >= 11
