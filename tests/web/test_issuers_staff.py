"""Staff: the member list, roles, removal, and the last owner who always stays."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from insigne.web.issuers.actions import LastOwnerError, change_role, remove_member
from insigne.web.issuers.models import Membership, Role

from .conftest import Cast, make_user

pytestmark = pytest.mark.django_db


def _url(cast: Cast, name: str = "staff", **kwargs: Any) -> str:
    return reverse(f"issuers:{name}", kwargs={"slug": cast.organisation.slug, **kwargs})


def _membership(cast: Cast, person: str) -> Membership:
    return Membership.objects.get(organisation=cast.organisation, user=getattr(cast, person))


def _text(response: Any) -> str:
    return str(response.content.decode()).replace("&#x27;", "'")


@pytest.mark.parametrize("person", ["owner", "editor", "awarder"])
def test_every_member_sees_who_is_in_the_organisation(cast: Cast, person: str) -> None:
    page = _text(cast.client(getattr(cast, person)).get(_url(cast)))
    for member in (cast.owner, cast.editor, cast.awarder):
        assert member.email in page
    assert cast.outsider.email not in page
    assert "Conception des badges" in page


@pytest.mark.parametrize("person", ["editor", "awarder"])
def test_only_owners_are_offered_to_manage_the_staff(cast: Cast, person: str) -> None:
    page = _text(cast.client(getattr(cast, person)).get(_url(cast)))
    assert _url(cast, "invite") not in page
    assert 'name="role"' not in page
    assert "Retirer" not in page


@pytest.mark.parametrize("person", ["outsider", "learner"])
def test_non_members_cannot_see_the_staff(cast: Cast, person: str) -> None:
    assert cast.client(getattr(cast, person)).get(_url(cast)).status_code == 404


def test_anonymous_visitor_is_asked_to_sign_in_for_the_staff(cast: Cast) -> None:
    response = Client().get(_url(cast))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_list_queries_do_not_grow_with_members(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    for index in range(25):
        user = make_user(f"formateur{index}@atelier.example")
        Membership.objects.create(organisation=cast.organisation, user=user, role=Role.AWARDER)
    client = cast.client(cast.owner)
    with django_assert_max_num_queries(7):
        response = client.get(_url(cast))
    assert "formateur24@atelier.example" in _text(response)


def test_owner_changes_a_role(cast: Cast) -> None:
    editor = _membership(cast, "editor")
    response = cast.client(cast.owner).post(
        _url(cast, "member_role", pk=editor.pk), {"role": Role.AWARDER}, follow=True
    )
    editor.refresh_from_db()
    assert editor.role == Role.AWARDER
    assert "a maintenant le rôle" in _text(response)


def test_an_unknown_role_is_refused_with_a_message(cast: Cast) -> None:
    editor = _membership(cast, "editor")
    response = cast.client(cast.owner).post(
        _url(cast, "member_role", pk=editor.pk), {"role": "admin"}, follow=True
    )
    assert "Choisissez un rôle dans la liste." in _text(response)
    editor.refresh_from_db()
    assert editor.role == Role.EDITOR
    with pytest.raises(ValueError):
        change_role(editor, "admin")


def test_the_last_owner_cannot_be_demoted(cast: Cast) -> None:
    owner = _membership(cast, "owner")
    response = cast.client(cast.owner).post(
        _url(cast, "member_role", pk=owner.pk), {"role": Role.EDITOR}, follow=True
    )
    assert "garde toujours au moins une personne responsable" in _text(response)
    owner.refresh_from_db()
    assert owner.role == Role.OWNER
    with pytest.raises(LastOwnerError):
        change_role(owner, Role.AWARDER)


def test_the_last_owner_cannot_be_removed(cast: Cast) -> None:
    owner = _membership(cast, "owner")
    client = cast.client(cast.owner)
    page = _text(client.get(_url(cast, "member_remove", pk=owner.pk)))
    assert "garde toujours au moins une personne responsable" in page
    response = client.post(_url(cast, "member_remove", pk=owner.pk), follow=True)
    assert "garde toujours au moins une personne responsable" in _text(response)
    assert Membership.objects.filter(pk=owner.pk).exists()
    with pytest.raises(LastOwnerError):
        remove_member(owner)


def test_the_last_owner_is_offered_neither_another_role_nor_removal(cast: Cast) -> None:
    owner = _membership(cast, "owner")
    page = _text(cast.client(cast.owner).get(_url(cast)))
    assert _url(cast, "member_remove", pk=owner.pk) not in page
    assert _url(cast, "member_role", pk=owner.pk) not in page
    assert _url(cast, "member_remove", pk=_membership(cast, "editor").pk) in page


def test_with_two_owners_one_can_leave_and_the_other_stays(cast: Cast) -> None:
    editor = _membership(cast, "editor")
    change_role(editor, Role.OWNER)
    owner = _membership(cast, "owner")
    response = cast.client(cast.owner).post(_url(cast, "member_remove", pk=owner.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert not Membership.objects.filter(pk=owner.pk).exists()
    with pytest.raises(LastOwnerError):
        remove_member(editor)


def test_owner_removes_a_member_after_confirming(cast: Cast) -> None:
    awarder = _membership(cast, "awarder")
    client = cast.client(cast.owner)
    page = _text(client.get(_url(cast, "member_remove", pk=awarder.pk)))
    assert "restent valides" in page
    assert Membership.objects.filter(pk=awarder.pk).exists()
    assert client.post(_url(cast, "member_remove", pk=awarder.pk)).status_code == 302
    assert not Membership.objects.filter(pk=awarder.pk).exists()
    after = cast.client(cast.awarder).get(
        reverse("issuers:detail", kwargs={"slug": "atelier-de-lyon"})
    )
    assert after.status_code == 404


@pytest.mark.parametrize("person", ["editor", "awarder"])
def test_staff_without_the_owner_role_cannot_change_roles_or_remove(
    cast: Cast, person: str
) -> None:
    client = cast.client(getattr(cast, person))
    owner = _membership(cast, "owner")
    role = client.post(_url(cast, "member_role", pk=owner.pk), {"role": Role.AWARDER})
    assert role.status_code == 403
    assert client.post(_url(cast, "member_remove", pk=owner.pk)).status_code == 403
    own = _membership(cast, person)
    assert (
        client.post(_url(cast, "member_role", pk=own.pk), {"role": Role.OWNER}).status_code == 403
    )
    own.refresh_from_db()
    assert own.role != Role.OWNER


@pytest.mark.parametrize("person", ["outsider", "learner"])
def test_non_members_cannot_change_roles_or_remove(cast: Cast, person: str) -> None:
    client = cast.client(getattr(cast, person))
    editor = _membership(cast, "editor")
    assert (
        client.post(_url(cast, "member_role", pk=editor.pk), {"role": "owner"}).status_code == 404
    )
    assert client.post(_url(cast, "member_remove", pk=editor.pk)).status_code == 404
    editor.refresh_from_db()
    assert editor.role == Role.EDITOR


def test_an_owner_cannot_reach_members_of_another_organisation(cast: Cast) -> None:
    theirs = Membership.objects.get(organisation=cast.other, user=cast.outsider)
    client = cast.client(cast.owner)
    assert client.post(_url(cast, "member_remove", pk=theirs.pk)).status_code == 404
    response = client.post(_url(cast, "member_role", pk=theirs.pk), {"role": Role.AWARDER})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.role == Role.OWNER


def test_role_changes_are_refused_to_a_get(cast: Cast) -> None:
    editor = _membership(cast, "editor")
    response = cast.client(cast.owner).get(_url(cast, "member_role", pk=editor.pk))
    assert response.status_code == 405
