"""Sub-units of an organisation: only owners manage them; a unit that files badges stays."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from insigne.web.badges.models import Badge
from insigne.web.issuers.actions import UnitInUseError, add_unit, delete_unit
from insigne.web.issuers.models import Unit

from .conftest import Cast

pytestmark = pytest.mark.django_db


def _url(cast: Cast, name: str = "units", **kwargs: Any) -> str:
    return reverse(f"issuers:{name}", kwargs={"slug": cast.organisation.slug, **kwargs})


def _text(response: Any) -> str:
    return str(response.content.decode()).replace("&#x27;", "'")


def test_owner_adds_renames_and_deletes_a_unit(cast: Cast) -> None:
    client = cast.client(cast.owner)
    assert client.post(_url(cast), {"name": "  Site  de Villeurbanne "}).status_code == 302
    unit = Unit.objects.get(organisation=cast.organisation)
    assert unit.name == "Site de Villeurbanne"
    response = client.post(_url(cast, "unit_rename", pk=unit.pk), {"name": "Site de Vénissieux"})
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Site de Vénissieux"
    confirm = client.get(_url(cast, "unit_delete", pk=unit.pk))
    assert "La suppression est définitive" in _text(confirm)
    assert Unit.objects.filter(pk=unit.pk).exists()  # the page only asks
    assert client.post(_url(cast, "unit_delete", pk=unit.pk)).status_code == 302
    assert not Unit.objects.filter(pk=unit.pk).exists()


def test_a_duplicate_unit_name_is_refused_with_a_message(cast: Cast) -> None:
    add_unit(cast.organisation, "Siège")
    response = cast.client(cast.owner).post(_url(cast), {"name": "siège"})
    assert response.status_code == 200
    assert "Une unité porte déjà ce nom." in _text(response)
    assert Unit.objects.filter(organisation=cast.organisation).count() == 1


def test_an_empty_unit_name_is_refused_with_a_message(cast: Cast) -> None:
    response = cast.client(cast.owner).post(_url(cast), {"name": "   "})
    assert response.status_code == 200
    assert 'class="error-summary"' in _text(response)
    assert not Unit.objects.exists()


def test_another_organisation_may_use_the_same_unit_name(cast: Cast) -> None:
    add_unit(cast.other, "Siège")
    assert cast.client(cast.owner).post(_url(cast), {"name": "Siège"}).status_code == 302


def test_a_unit_with_badges_cannot_be_deleted_and_the_page_says_why(cast: Cast) -> None:
    unit = add_unit(cast.organisation, "Siège")
    Badge.objects.create(organisation=cast.organisation, unit=unit)
    Badge.objects.create(organisation=cast.organisation, unit=unit)
    client = cast.client(cast.owner)
    page = _text(client.get(_url(cast, "unit_delete", pk=unit.pk)))
    assert "2 badges y sont rattachés" in page
    assert 'type="submit"' not in page.split("<main", 1)[1]
    response = client.post(_url(cast, "unit_delete", pk=unit.pk), follow=True)
    assert "Cette unité ne peut pas être supprimée" in _text(response)
    assert Unit.objects.filter(pk=unit.pk).exists()
    with pytest.raises(UnitInUseError):
        delete_unit(unit)


@pytest.mark.parametrize("person", ["editor", "awarder"])
def test_staff_without_the_owner_role_cannot_manage_units(cast: Cast, person: str) -> None:
    unit = add_unit(cast.organisation, "Siège")
    client = cast.client(getattr(cast, person))
    assert client.get(_url(cast)).status_code == 403
    assert client.post(_url(cast), {"name": "Autre"}).status_code == 403
    assert client.post(_url(cast, "unit_rename", pk=unit.pk), {"name": "X"}).status_code == 403
    assert client.post(_url(cast, "unit_delete", pk=unit.pk)).status_code == 403
    assert list(Unit.objects.values_list("name", flat=True)) == ["Siège"]


@pytest.mark.parametrize("person", ["outsider", "learner"])
def test_non_members_cannot_see_or_change_units(cast: Cast, person: str) -> None:
    unit = add_unit(cast.organisation, "Siège")
    client = cast.client(getattr(cast, person))
    assert client.get(_url(cast)).status_code == 404
    assert client.post(_url(cast, "unit_delete", pk=unit.pk)).status_code == 404
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_an_owner_cannot_reach_the_units_of_another_organisation(cast: Cast) -> None:
    theirs = add_unit(cast.other, "Leur siège")
    client = cast.client(cast.owner)
    assert client.post(_url(cast, "unit_delete", pk=theirs.pk)).status_code == 404
    assert client.post(_url(cast, "unit_rename", pk=theirs.pk), {"name": "X"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Leur siège"


def test_anonymous_visitor_is_asked_to_sign_in_for_units(cast: Cast) -> None:
    from django.test import Client

    response = Client().get(_url(cast))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_unit_list_queries_do_not_grow_with_units(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    for index in range(30):
        unit = add_unit(cast.organisation, f"Unité {index}")
        Badge.objects.create(organisation=cast.organisation, unit=unit)
    client = cast.client(cast.owner)
    with django_assert_max_num_queries(6):
        response = client.get(_url(cast))
    assert "Unité 29" in _text(response)
