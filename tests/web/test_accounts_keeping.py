"""Keeping a badge from its claim page: one button when signed in, else an account created or
opened on the way, coming back to finish; the address the badge was sent to joins the account."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from insigne.web.accounts.actions import KeepRefusedError, keep_award
from insigne.web.accounts.models import User
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion

from .conftest import Cast, make_badge
from .test_accounts_support import (
    PASSWORD,
    SAME_PASSWORD,
    claim_path,
    keep_path,
    link_in,
    text,
)
from .test_public_support import CAMILLE, award_for

pytestmark = pytest.mark.django_db

OLD_ADDRESS = "camille.roux@lycee-ancien.example"


def backpack_page(award: Award) -> str:
    return reverse("backpack:award", kwargs={"public_id": award.public_id})


def test_a_signed_in_learner_keeps_the_badge_with_one_button(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge)
    client = cast.client(cast.learner)
    page = text(client.get(claim_path(award)))
    assert f'action="{keep_path(award)}"' in page
    assert "Garder ce badge" in page
    response = client.post(keep_path(award))
    assert response.status_code == 302
    assert response["Location"] == backpack_page(award)
    award.refresh_from_db()
    assert award.learner == cast.learner
    assert award.claimed_at is not None


def test_once_kept_the_claim_page_leads_to_the_backpack(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    page = text(cast.client(cast.learner).get(claim_path(award)))
    assert "Ce badge est dans votre sac à badges" in page
    assert backpack_page(award) in page
    assert f'action="{keep_path(award)}"' not in page


def test_keeping_a_badge_sent_to_another_address_adds_it_and_brings_its_other_badges(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, email=OLD_ADDRESS)
    other = award_for(cast, make_badge(cast.organisation, name="Autonomie"), email=OLD_ADDRESS)
    client = cast.client(cast.learner)
    assert OLD_ADDRESS in text(client.get(claim_path(award)))  # says the address will be added
    client.post(keep_path(award))
    address = EmailAddress.objects.get(email=OLD_ADDRESS)
    assert (address.user, address.verified, address.primary) == (cast.learner, True, False)
    assert Award.objects.get(pk=other.pk).learner == cast.learner
    assert EmailAddress.objects.get(user=cast.learner, primary=True).email == CAMILLE


def test_the_address_of_another_account_is_never_added(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, email=cast.outsider.email)
    later = award_for(
        cast, make_badge(cast.organisation, name="Autonomie"), email=cast.outsider.email
    )
    keep_award(cast.learner, award)
    assert not EmailAddress.objects.filter(user=cast.learner, email=cast.outsider.email).exists()
    assert Award.objects.get(pk=later.pk).learner is None


def test_an_unverified_address_of_the_account_becomes_verified(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    EmailAddress.objects.create(user=cast.learner, email=OLD_ADDRESS, verified=False)
    keep_award(cast.learner, award_for(cast, grouped_badge, email=OLD_ADDRESS))
    assert EmailAddress.objects.get(email=OLD_ADDRESS).verified


def test_a_badge_held_by_another_account_is_refused_clearly(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    client = cast.client(cast.outsider)
    page = text(client.get(claim_path(award)))
    assert "déjà gardé dans un compte Insigne" in page
    assert f'action="{keep_path(award)}"' not in page
    response = client.post(keep_path(award), follow=True)
    assert response.wsgi_request.path == claim_path(award)
    assert "déjà gardé dans un autre compte Insigne" in text(response)
    assert Award.objects.get(pk=award.pk).learner == cast.learner
    with pytest.raises(KeepRefusedError):
        keep_award(cast.outsider, award)


def test_keeping_twice_changes_nothing(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge)
    client = cast.client(cast.learner)
    client.post(keep_path(award))
    first = Award.objects.get(pk=award.pk).claimed_at
    response = client.post(keep_path(award))
    assert response["Location"] == backpack_page(award)
    assert Award.objects.get(pk=award.pk).claimed_at == first
    assert EmailAddress.objects.filter(user=cast.learner).count() == 1


def test_an_anonymous_visitor_is_offered_to_create_an_account_or_sign_in(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge)
    page = text(Client().get(claim_path(award)))
    assert reverse("accounts:keep-signup", args=[award.claim_token]) in page
    assert reverse("accounts:keep-login", args=[award.claim_token]) in page
    assert "J'ai déjà un compte" in page
    assert "bientôt" not in page


def test_sign_up_from_the_claim_page_has_the_address_filled_in(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, email="nouvelle@apprenante.example")
    client = Client()
    client.get(claim_path(award))
    response = client.get(reverse("accounts:keep-signup", args=[award.claim_token]))
    target = urlsplit(response["Location"])
    assert target.path == reverse("account_signup")
    assert parse_qs(target.query) == {
        "next": [claim_path(award)],
        "email": ["nouvelle@apprenante.example"],
    }
    form = client.get(response["Location"]).content.decode()
    assert 'value="nouvelle@apprenante.example"' in form


def test_signing_up_with_the_address_of_the_badge_keeps_it_once_confirmed(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    address = "nouvelle@apprenante.example"
    award = award_for(cast, grouped_badge, email=address)
    other = award_for(cast, make_badge(cast.organisation, name="Autonomie"), email=address)
    client = Client()
    client.get(claim_path(award))
    signup = client.get(reverse("accounts:keep-signup", args=[award.claim_token]))["Location"]
    client.post(signup, {"email": address, "password1": PASSWORD, "password2": PASSWORD})
    assert Award.objects.get(pk=award.pk).learner is None  # not before the address is proven
    [verification] = mail.outbox
    response = client.post(link_in(verification), follow=True)
    person = User.objects.get(email=address)
    assert Award.objects.get(pk=award.pk).learner == person
    assert Award.objects.get(pk=other.pk).learner == person
    assert response.wsgi_request.path == claim_path(award)
    assert "Ce badge est dans votre sac à badges" in text(response)


def test_signing_in_from_the_claim_page_comes_back_to_keep_it(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, email=OLD_ADDRESS)
    client = Client()
    client.get(claim_path(award))
    login = client.get(reverse("accounts:keep-login", args=[award.claim_token]))["Location"]
    assert urlsplit(login).path == reverse("account_login")
    response = client.post(login, {"login": CAMILLE, "password": SAME_PASSWORD})
    assert response["Location"] == claim_path(award)
    assert client.post(keep_path(award))["Location"] == backpack_page(award)
    assert Award.objects.get(pk=award.pk).learner == cast.learner


def test_signed_in_with_the_wrong_account_the_page_offers_to_change(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    page = text(cast.client(cast.editor).get(claim_path(award)))
    assert f"Votre session est ouverte avec le compte {cast.editor.email}" in page
    assert reverse("account_logout") in page


def test_keeping_needs_a_signed_in_person_and_a_post(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge)
    anonymous = Client().post(keep_path(award))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))
    assert cast.client(cast.learner).get(keep_path(award))["Location"] == claim_path(award)
    assert Award.objects.get(pk=award.pk).learner is None


def test_unknown_or_erased_claim_links_answer_not_found(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    client = cast.client(cast.learner)
    for name in ("accounts:keep", "accounts:keep-signup", "accounts:keep-login"):
        assert client.get(reverse(name, args=["inconnu"])).status_code == 404
    award = award_for(cast, grouped_badge)
    Award.objects.filter(pk=award.pk).update(erased_at=timezone.now())
    assert client.post(keep_path(award)).status_code == 404
    with pytest.raises(KeepRefusedError):
        keep_award(cast.learner, award)
