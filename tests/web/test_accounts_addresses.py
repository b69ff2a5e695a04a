"""Several addresses per account: badges sent to any verified address join the backpack, when
the address is confirmed and at each sign-in; the address page says so."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from insigne.web.accounts.actions import attach_awards
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion

from .conftest import Cast, make_badge
from .test_accounts_support import SAME_PASSWORD, link_in, text
from .test_public_support import CAMILLE, award_for

pytestmark = pytest.mark.django_db

WORK = "camille.roux@entreprise.example"


def add_address(client: Client, email: str) -> None:
    response = client.post(reverse("account_email"), {"action_add": "", "email": email})
    assert response.status_code == 302, text(response)[:3000]


def test_confirming_an_added_address_brings_its_badges_into_the_backpack(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    waiting = award_for(cast, grouped_badge, email=WORK)
    client = cast.client(cast.learner)
    add_address(client, "Camille.Roux@Entreprise.example")
    assert Award.objects.get(pk=waiting.pk).learner is None  # not before it is confirmed
    [confirmation] = mail.outbox
    client.post(link_in(confirmation))
    assert EmailAddress.objects.get(user=cast.learner, email__iexact=WORK).verified
    kept = Award.objects.get(pk=waiting.pk)
    assert kept.learner == cast.learner
    assert kept.claimed_at is not None


def test_only_badges_nobody_holds_and_not_erased_join(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    held = award_for(cast, grouped_badge, email=WORK)
    Award.objects.filter(pk=held.pk).update(learner=cast.editor)
    erased = award_for(cast, make_badge(cast.organisation, name="Autonomie"), email=WORK)
    Award.objects.filter(pk=erased.pk).update(erased_at=timezone.now())
    EmailAddress.objects.create(user=cast.learner, email=WORK, verified=True)
    assert attach_awards(cast.learner) == 0
    assert Award.objects.get(pk=held.pk).learner == cast.editor
    assert Award.objects.get(pk=erased.pk).learner is None


def test_signing_in_gathers_the_badges_sent_since_to_a_verified_address(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge)  # sent to the learner's address, after sign-up
    client = Client()
    response = client.post(reverse("account_login"), {"login": CAMILLE, "password": SAME_PASSWORD})
    assert response.status_code == 302
    assert Award.objects.get(pk=award.pk).learner == cast.learner


def test_an_unverified_address_brings_nothing(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, email=WORK)
    EmailAddress.objects.create(user=cast.learner, email=WORK, verified=False)
    Client().post(reverse("account_login"), {"login": CAMILLE, "password": SAME_PASSWORD})
    assert Award.objects.get(pk=award.pk).learner is None


def test_the_address_page_explains_what_addresses_bring_and_groups_its_choices(
    cast: Cast,
) -> None:
    EmailAddress.objects.create(user=cast.learner, email=WORK, verified=False)
    response = cast.client(cast.learner).get(reverse("account_email"))
    page = text(response)
    assert response.status_code == 200
    assert "les badges envoyés à cette adresse arriveront dans votre sac à badges" in page
    assert "<legend>Adresses de votre compte</legend>" in page
    assert page.count('type="radio"') == 2
    assert 'name="action_remove"' in page and 'name="action_primary"' in page
    assert "non vérifiée" in page
    assert reverse("accounts:profile") in page


def test_the_account_page_leads_to_the_addresses(cast: Cast) -> None:
    page = text(cast.client(cast.learner).get(reverse("accounts:profile")))
    assert "Mes adresses électroniques" in page
    assert reverse("account_email") in page


def test_a_bad_address_is_refused_with_a_message(cast: Cast) -> None:
    response = cast.client(cast.learner).post(
        reverse("account_email"), {"action_add": "", "email": "pas-une-adresse"}
    )
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert EmailAddress.objects.filter(user=cast.learner).count() == 1
