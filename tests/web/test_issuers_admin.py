"""The admin: useful lists, and keys that can be neither read nor changed."""

from __future__ import annotations

import pytest
from django.test import Client

from insigne.web.accounts.models import User
from insigne.web.badges.models import Badge
from insigne.web.issuers.actions import add_unit, invite
from insigne.web.issuers.models import Membership, Organisation, Role, SigningKey

from .conftest import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_for(cast: Cast) -> Client:
    admin = User.objects.create_superuser("admin@insigne.test", "mot-de-passe-admin-42")
    return cast.client(admin)


def test_admin_pages_of_accounts_and_organisations_render(
    cast: Cast, admin_client_for: Client
) -> None:
    invite(cast.organisation, "x@example.org", Role.EDITOR, cast.owner)
    add_unit(cast.organisation, "Siège")
    for model in ("accounts/user", "issuers/organisation", "issuers/membership",
                  "issuers/invitation", "issuers/signingkey", "issuers/unit"):  # fmt: skip
        response = admin_client_for.get(f"/admin/{model}/")
        assert response.status_code == 200, model
    page = admin_client_for.get(f"/admin/accounts/user/{cast.owner.pk}/change/")
    assert page.status_code == 200
    assert admin_client_for.get("/admin/accounts/user/add/").status_code == 200
    change = admin_client_for.get(f"/admin/issuers/organisation/{cast.organisation.pk}/change/")
    assert change.status_code == 200


def test_admin_never_shows_sealed_keys_nor_lets_them_change(
    cast: Cast, admin_client_for: Client
) -> None:
    key = SigningKey.objects.get(organisation=cast.organisation, retired_at=None)
    sealed = bytes(key.encrypted_secret).hex()
    for url in (
        f"/admin/issuers/signingkey/{key.pk}/change/",
        f"/admin/issuers/organisation/{cast.organisation.pk}/change/",
    ):
        page = admin_client_for.get(url).content.decode()
        assert key.public_multibase in page
        assert "encrypted_secret" not in page and sealed not in page
    assert admin_client_for.post(f"/admin/issuers/signingkey/{key.pk}/delete/").status_code == 403
    assert admin_client_for.get("/admin/issuers/signingkey/add/").status_code == 403
    assert SigningKey.objects.filter(pk=key.pk).exists()


def test_admin_does_not_delete_a_unit_that_files_badges(
    cast: Cast, admin_client_for: Client
) -> None:
    unit = add_unit(cast.organisation, "Siège")
    Badge.objects.create(organisation=cast.organisation, unit=unit)
    response = admin_client_for.post(f"/admin/issuers/unit/{unit.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Organisation.objects.get(pk=cast.organisation.pk).units.count() == 1


def test_admin_adds_a_person_by_email(admin_client_for: Client) -> None:
    response = admin_client_for.post(
        "/admin/accounts/user/add/",
        {
            "email": "nouvelle@exemple.fr",
            "usable_password": "true",
            "password1": "un-mot-de-passe-assez-long-2025",
            "password2": "un-mot-de-passe-assez-long-2025",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="nouvelle@exemple.fr").check_password(
        "un-mot-de-passe-assez-long-2025"
    )


def test_admin_cannot_delete_the_last_owner(cast: Cast, admin_client_for: Client) -> None:
    owner = Membership.objects.get(organisation=cast.organisation, role=Role.OWNER)
    response = admin_client_for.post(
        f"/admin/issuers/membership/{owner.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert Membership.objects.filter(pk=owner.pk).exists()
    editor = Membership.objects.get(organisation=cast.organisation, user=cast.editor)
    response = admin_client_for.post(
        f"/admin/issuers/membership/{editor.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=editor.pk).exists()
