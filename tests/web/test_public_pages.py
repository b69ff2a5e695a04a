"""The accessibility statement and the privacy notice, in French and in English."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_accessibility_statement_gives_status_contact_and_recourse() -> None:
    html = Client().get("/accessibilite").content.decode()
    assert "<strong>partiellement conforme</strong>" in html
    assert "RGAA" in html
    assert "Défenseur des droits" in html
    assert "mailto:contact@insigne.test" in html


def test_the_accessibility_statement_exists_in_english() -> None:
    html = Client().get("/accessibilite", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Accessibility statement" in html
    assert "<strong>partially compliant</strong>" in html
    assert "Défenseur des droits" in html


def test_the_privacy_notice_names_controller_bases_retention_rights_and_the_cnil() -> None:
    html = Client().get("/confidentialite").content.decode()
    for words in (
        "responsable du traitement",
        "consentement",
        "Combien de temps",
        "Vos droits",
        "CNIL",
        "privés par défaut",
    ):
        assert words in html, words


def test_the_privacy_notice_exists_in_english() -> None:
    html = Client().get("/confidentialite", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your personal data" in html
    assert "controller" in html


def test_the_contact_address_can_be_configured(settings: object) -> None:
    settings.CONTACT_EMAIL = "dpo@exploitant.example"  # type: ignore[attr-defined]
    assert "mailto:dpo@exploitant.example" in Client().get("/confidentialite").content.decode()


def test_the_favicon_address_leads_to_the_icon() -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
