"""Accounts: sign-up with e-mail verification, sign-in, password reset, the account page."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from insigne.web.accounts.actions import update_account
from insigne.web.accounts.models import User

from .conftest import Cast

pytestmark = pytest.mark.django_db


PASSWORD = "un-mot-de-passe-assez-long-2025"


def _link(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+)", str(message.body))
    assert found, message.body
    return found.group(1)


def _sign_up(client: Client, email: str, next_url: str = "") -> None:
    url = reverse("account_signup") + (f"?next={next_url}" if next_url else "")
    response = client.post(url, {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302, response.content.decode()


def test_sign_up_asks_to_verify_the_address_before_anything_else() -> None:
    client = Client()
    _sign_up(client, "nouvelle@exemple.fr")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nouvelle@exemple.fr"]
    assert client.get(reverse("accounts:profile")).status_code == 302  # not signed in yet


def test_after_verification_a_person_without_organisation_is_offered_to_create_one() -> None:
    client = Client()
    _sign_up(client, "nouvelle@exemple.fr")
    response = client.post(_link(mail.outbox[0]), follow=True)
    assert response.status_code == 200
    if not response.wsgi_request.user.is_authenticated:  # ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION off
        response = client.post(
            reverse("account_login"),
            {"login": "nouvelle@exemple.fr", "password": PASSWORD},
            follow=True,
        )
    assert response.wsgi_request.user.is_authenticated
    page = response.content.decode()
    assert reverse("issuers:create") in page
    assert "Vous n'êtes membre d'aucune organisation" in page.replace("&#x27;", "'")


def test_sign_up_in_english_makes_an_english_account_and_english_mail() -> None:
    client = Client(headers={"accept-language": "en"})
    _sign_up(client, "new@example.org")
    user = User.objects.get(email="new@example.org")
    assert user.language == "en"
    assert "Please confirm" in str(mail.outbox[0].subject) or "Confirm" in str(
        mail.outbox[0].subject
    )


def test_entrance_pages_use_the_platform_layout_in_french_and_english() -> None:
    french = Client().get(reverse("account_login")).content.decode()
    assert 'class="skip-link"' in french and "insigne/accounts.css" in french
    assert '<html lang="fr">' in french
    assert "Connexion" in french or "Se connecter" in french
    assert '<label for="id_login">' in french  # labels are shown, not only placeholders
    english = Client(headers={"accept-language": "en"}).get(reverse("account_login"))
    assert '<html lang="en">' in english.content.decode()
    assert "Sign In" in english.content.decode()


def test_a_wrong_password_is_refused_with_a_message_not_an_error_page(cast: Cast) -> None:
    response = Client().post(
        reverse("account_login"), {"login": cast.owner.email, "password": "faux"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert "_auth_user_id" not in Client().session


def test_password_reset_mail_is_written_in_the_account_language(cast: Cast) -> None:
    update_account(cast.owner, first_name="Claire", last_name="Martin", language="en")
    response = Client().post(reverse("account_reset_password"), {"email": cast.owner.email})
    assert response.status_code == 302
    [message] = mail.outbox
    assert "Password Reset" in str(message.subject)
    update_account(cast.owner, first_name="Claire", last_name="Martin", language="fr")
    Client(headers={"accept-language": "en"}).post(
        reverse("account_reset_password"), {"email": cast.owner.email}
    )
    assert "mot de passe" in str(mail.outbox[1].subject).lower()


def test_anonymous_visitor_is_sent_to_sign_in_for_the_account_page() -> None:
    response = Client().get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_account_page_shows_addresses_and_links_to_their_management(cast: Cast) -> None:
    response = cast.client(cast.editor).get(reverse("accounts:profile"))
    page = response.content.decode()
    assert cast.editor.email in page
    assert reverse("account_email") in page
    assert reverse("account_change_password") in page
    assert "Atelier de Lyon" in page


def test_a_person_changes_name_and_mail_language(cast: Cast) -> None:
    response = cast.client(cast.learner).post(
        reverse("accounts:profile"),
        {"first_name": " Camille ", "last_name": "Roux-Blanc", "language": "en"},
    )
    assert response.status_code == 302
    cast.learner.refresh_from_db()
    assert (cast.learner.first_name, cast.learner.last_name) == ("Camille", "Roux-Blanc")
    assert cast.learner.language == "en"


def test_an_unknown_language_is_refused_with_a_message(cast: Cast) -> None:
    response = cast.client(cast.learner).post(
        reverse("accounts:profile"), {"first_name": "A", "last_name": "B", "language": "xx"}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    cast.learner.refresh_from_db()
    assert cast.learner.language == "fr"
    with pytest.raises(ValueError):
        update_account(cast.learner, first_name="A", last_name="B", language="xx")


def test_email_management_page_renders_inside_the_layout(cast: Cast) -> None:
    response = cast.client(cast.owner).get(reverse("account_email"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="skip-link"' in page
    assert reverse("accounts:profile") in page  # leads back to the account page
