"""The privacy notice and the accessibility statement: in plain French, saying what the
platform does, linked from every page, and in English too."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from .test_accounts_support import text

pytestmark = pytest.mark.django_db


def page(name: str, language: str = "fr") -> str:
    response = Client(headers={"accept-language": language}).get(reverse(name))
    assert response.status_code == 200
    return text(response)


def test_the_privacy_notice_names_roles_bases_retention_rights_and_cookies() -> None:
    notice = page("public:privacy")
    assert notice.count("<h1") == 1
    for words in (
        "est responsable du traitement de vos données pour ce badge",
        "en tant que sous-traitant (article 28 du RGPD)",
        "Vos badges sont privés par défaut",
        "votre consentement",
        "l'effacement est immédiat",
        "ne supprime pas encore automatiquement les comptes inactifs",
        "Cookies",
        "www.cnil.fr/fr/plaintes",
    ):
        assert words in notice, words
    for name in ("accounts:export", "accounts:delete", "accounts:profile"):
        assert f'href="{reverse(name)}"' in notice


def test_the_accessibility_statement_follows_the_rgaa_model() -> None:
    statement = page("public:accessibility")
    for words in (
        "partiellement conforme",
        "RGAA",
        "Résultats des tests",
        "Non-conformités connues",
        "Chromium",
        "Défenseur des droits",
        "09 69 39 00 00",
    ):
        assert words in statement, words


def test_every_page_links_both_in_its_footer() -> None:
    home = page("home")
    assert f'href="{reverse("public:privacy")}"' in home
    assert "Accessibilité : partiellement conforme" in home


def test_both_pages_read_in_english() -> None:
    notice = page("public:privacy", "en")
    assert "Your personal data" in notice
    assert "Vos badges sont privés" not in notice
    statement = page("public:accessibility", "en")
    assert "partially compliant" in statement
    assert "Défenseur des droits" in statement  # a name, kept as is
