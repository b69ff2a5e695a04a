"""Invitations: sent by owners, accepted by the person who holds the invited address."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from insigne.web.issuers.actions import InvitationRefusedError, invite, join
from insigne.web.issuers.models import Invitation, Membership, Role

from .conftest import Cast, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "un-mot-de-passe-assez-long-2025"


def _invite_url(cast: Cast) -> str:
    return reverse("issuers:invite", kwargs={"slug": cast.organisation.slug})


def _page(invitation: Invitation) -> str:
    return reverse("issuers:invitation", kwargs={"token": invitation.token})


def _text(response: Any) -> str:
    return str(response.content.decode()).replace("&#x27;", "'")


def _invitation(cast: Cast, email: str = "nouvelle@atelier.example", **changes: Any) -> Invitation:
    invitation = invite(cast.organisation, email, Role.EDITOR, cast.owner)
    if changes:
        Invitation.objects.filter(pk=invitation.pk).update(**changes)
        invitation.refresh_from_db()
    return invitation


def _path(body: str) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+)", body)
    assert found, body
    return found.group(1)


# Sending


def test_owner_invites_by_email_and_the_mail_links_to_the_invitation(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client(cast.owner).post(
            _invite_url(cast), {"email": " Nouvelle@Atelier.example ", "role": Role.AWARDER}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(organisation=cast.organisation)
    assert invitation.email == "nouvelle@atelier.example"
    assert invitation.role == Role.AWARDER
    assert invitation.expires_at - timezone.now() > timedelta(days=13)
    [message] = mail.outbox
    assert message.to == ["nouvelle@atelier.example"]
    assert "Atelier de Lyon" in str(message.subject)
    body = str(message.body)
    assert (
        "Claire Martin vous invite à rejoindre l'organisation «\u00a0Atelier de Lyon\u00a0»" in body
    )
    assert "Attribution des badges" in body
    assert f"https://insigne.test{_page(invitation)}" in body
    assert "&#x27;" not in body


def test_the_invitation_mail_follows_the_interface_language_of_the_owner(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client = cast.client(cast.owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _invite_url(cast),
            {"email": "new@atelier.example", "role": Role.EDITOR},
            headers={"accept-language": "en"},
        )
    [message] = mail.outbox
    assert "invites you to join" in str(message.body)
    assert "Badge design" in str(message.body)


def test_inviting_a_member_again_is_refused_with_a_message(cast: Cast) -> None:
    EmailAddress.objects.create(user=cast.editor, email="hugo@perso.example", verified=True)
    client = cast.client(cast.owner)
    for email in (cast.editor.email, "HUGO@perso.example"):
        response = client.post(_invite_url(cast), {"email": email, "role": Role.EDITOR})
        assert response.status_code == 200
        assert "Cette personne fait déjà partie de l'organisation." in _text(response)
    assert not Invitation.objects.exists()


def test_an_invalid_address_is_refused_with_a_message(cast: Cast) -> None:
    response = cast.client(cast.owner).post(
        _invite_url(cast), {"email": "pas une adresse", "role": Role.EDITOR}
    )
    assert response.status_code == 200
    assert 'href="#id_email"' in _text(response)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("person", ["editor", "awarder"])
def test_staff_without_the_owner_role_cannot_invite(cast: Cast, person: str) -> None:
    response = cast.client(getattr(cast, person)).post(
        _invite_url(cast), {"email": "x@example.org", "role": Role.OWNER}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("person", ["outsider", "learner"])
def test_non_members_cannot_invite(cast: Cast, person: str) -> None:
    response = cast.client(getattr(cast, person)).post(
        _invite_url(cast), {"email": "x@example.org", "role": Role.OWNER}
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_owner_sees_and_cancels_pending_invitations(cast: Cast) -> None:
    invitation = _invitation(cast)
    client = cast.client(cast.owner)
    staff = reverse("issuers:staff", kwargs={"slug": cast.organisation.slug})
    assert invitation.email in _text(client.get(staff))
    cancel = reverse(
        "issuers:invitation_cancel", kwargs={"slug": cast.organisation.slug, "pk": invitation.pk}
    )
    assert cast.client(cast.editor).post(cancel).status_code == 403
    assert client.post(cancel).status_code == 302
    assert not Invitation.objects.exists()
    assert client.get(_page(invitation)).status_code == 404


def test_a_cancelled_invitation_sends_no_mail_later(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    from insigne.web.issuers.tasks import send_invitation_email

    invitation = _invitation(cast)
    Invitation.objects.filter(pk=invitation.pk).delete()
    send_invitation_email.call(invitation.pk, "fr")
    assert mail.outbox == []


# Accepting


def test_the_invited_person_joins_with_the_invited_role(cast: Cast) -> None:
    invitation = _invitation(cast)
    person = make_user("nouvelle@atelier.example")
    client = cast.client(person)
    page = _text(client.get(_page(invitation)))
    assert "Rejoindre l'organisation" in page
    assert not Membership.objects.filter(user=person).exists()  # a GET only asks
    response = client.post(_page(invitation))
    assert response.status_code == 302
    assert response["Location"] == reverse("issuers:detail", kwargs={"slug": "atelier-de-lyon"})
    assert Membership.objects.get(user=person, organisation=cast.organisation).role == Role.EDITOR
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_a_second_verified_address_of_the_account_is_enough(cast: Cast) -> None:
    invitation = _invitation(cast, "camille.pro@example.org")
    EmailAddress.objects.create(user=cast.learner, email="Camille.Pro@example.org", verified=True)
    assert cast.client(cast.learner).post(_page(invitation)).status_code == 302
    assert Membership.objects.filter(user=cast.learner, organisation=cast.organisation).exists()


def test_an_unverified_address_is_not_enough_and_the_page_says_what_to_do(cast: Cast) -> None:
    invitation = _invitation(cast, "camille.pro@example.org")
    EmailAddress.objects.create(user=cast.learner, email="camille.pro@example.org", verified=False)
    client = cast.client(cast.learner)
    page = _text(client.get(_page(invitation)))
    assert "n'est pas une adresse vérifiée de votre compte" in page
    assert reverse("account_email") in page
    assert reverse("account_logout") in page
    assert client.post(_page(invitation)).status_code == 200
    assert not Membership.objects.filter(user=cast.learner, organisation=cast.organisation).exists()
    with pytest.raises(InvitationRefusedError) as refused:
        join(invitation, cast.learner)
    assert refused.value.reason == "email"


def test_someone_else_with_the_link_cannot_join(cast: Cast) -> None:
    invitation = _invitation(cast)
    cast.client(cast.outsider).post(_page(invitation))
    assert not Membership.objects.filter(
        user=cast.outsider, organisation=cast.organisation
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_anonymous_visitor_is_offered_to_sign_in_or_sign_up_and_come_back(cast: Cast) -> None:
    invitation = _invitation(cast)
    page = _text(Client().get(_page(invitation)))
    assert "nouvelle@atelier.example" in page
    back = _page(invitation)
    assert f"{reverse('account_login')}?next={back}" in page
    assert f"{reverse('account_signup')}?next={back}" in page


def test_signing_in_from_the_invitation_comes_back_to_it(cast: Cast) -> None:
    invitation = _invitation(cast)
    person = make_user("nouvelle@atelier.example")
    client = Client()
    client.get(_page(invitation))
    response = client.post(
        reverse("account_login"),
        {"login": person.email, "password": "mot-de-passe-solide-42"},
    )
    assert response["Location"] == _page(invitation)


def test_signing_up_from_the_invitation_leads_back_to_it_after_verification(cast: Cast) -> None:
    invitation = _invitation(cast)
    client = Client()
    client.get(_page(invitation))
    client.post(
        f"{reverse('account_signup')}?next={_page(invitation)}",
        {"email": "nouvelle@atelier.example", "password1": PASSWORD, "password2": PASSWORD},
    )
    [verification] = mail.outbox
    response = client.post(_path(str(verification.body)), follow=True)
    if not response.wsgi_request.user.is_authenticated:  # ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION off
        response = client.post(
            reverse("account_login"),
            {"login": "nouvelle@atelier.example", "password": PASSWORD},
            follow=True,
        )
    assert response.wsgi_request.path == _page(invitation)
    assert client.post(_page(invitation)).status_code == 302
    assert (
        Membership.objects.get(
            user__email="nouvelle@atelier.example", organisation=cast.organisation
        ).role
        == Role.EDITOR
    )


def test_an_expired_invitation_is_refused_clearly(cast: Cast) -> None:
    invitation = _invitation(cast, expires_at=timezone.now() - timedelta(minutes=1))
    person = make_user("nouvelle@atelier.example")
    client = cast.client(person)
    response = client.get(_page(invitation))
    assert response.status_code == 410
    assert "Cette invitation a expiré." in _text(response)
    assert client.post(_page(invitation)).status_code == 410
    assert not Membership.objects.filter(user=person).exists()
    assert Client().get(_page(invitation)).status_code == 410


def test_a_used_invitation_is_refused_clearly(cast: Cast) -> None:
    invitation = _invitation(cast)
    person = make_user("nouvelle@atelier.example")
    join(invitation, person)
    Membership.objects.filter(user=person).delete()
    response = cast.client(person).post(_page(invitation))
    assert response.status_code == 410
    assert "Cette invitation a déjà été utilisée." in _text(response)
    assert not Membership.objects.filter(user=person).exists()


def test_an_unknown_invitation_says_so(cast: Cast) -> None:
    response = cast.client(cast.learner).get(
        reverse("issuers:invitation", kwargs={"token": "inconnue"})
    )
    assert response.status_code == 404
    assert "Invitation introuvable" in _text(response)


def test_accepting_never_demotes_a_member(cast: Cast) -> None:
    invitation = invite(cast.organisation, cast.owner.email, Role.AWARDER, cast.owner)
    join(invitation, cast.owner)
    owner = Membership.objects.get(user=cast.owner, organisation=cast.organisation)
    assert owner.role == Role.OWNER


def test_a_new_invitation_replaces_the_pending_one(cast: Cast) -> None:
    first = _invitation(cast)
    second = _invitation(cast)
    assert not Invitation.objects.filter(pk=first.pk).exists()
    assert Invitation.objects.get().pk == second.pk
