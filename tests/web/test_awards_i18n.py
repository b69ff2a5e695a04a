"""French first, complete English: the awards pages and their catalogue."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import insigne.web.awards
from insigne.web.awards.issuance import Recipient, issue
from insigne.web.badges.models import BadgeVersion

from .conftest import Cast

pytestmark = pytest.mark.django_db
CATALOGUE = Path(insigne.web.awards.__file__).parent / "locale/en/LC_MESSAGES/django.po"


def test_every_message_has_an_english_translation() -> None:
    entries = CATALOGUE.read_text().split("\n\n")[1:]
    assert len(entries) > 200
    untranslated = [
        entry
        for entry in entries
        if re.search(r'^msgstr(\[\d\])? ""$', entry, re.MULTILINE)
        and not re.search(r'^msgstr(\[\d\])? ""\n"', entry, re.MULTILINE)
    ]
    assert untranslated == []
    assert "#, fuzzy" not in CATALOGUE.read_text()
    assert CATALOGUE.with_suffix(".mo").stat().st_mtime >= CATALOGUE.stat().st_mtime - 1


def test_the_preview_speaks_english_when_asked(cast: Cast, grouped_badge: BadgeVersion) -> None:
    client = cast.client(cast.owner)
    client.cookies["django_language"] = "en"
    url = reverse("awards:import", args=[cast.organisation.slug, grouped_badge.badge.public_id])
    data = "email;Communiquer\nnot-an-address;Expert\nana@example.org;Maîtrise\n".encode()
    response = client.post(url, {"file": SimpleUploadedFile("l.csv", data), "language": "fr"})
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert "1 row ready: the person will receive the badge." in page
    assert "Invalid e-mail address “not-an-address”" in page
    assert (
        "Unknown level “Expert” for “Communiquer” (levels: Découverte, Application, Maîtrise)"
        in page
    )
    assert "Award the badge to 1 person" in page
    assert "Attribuer" not in page


def test_the_award_list_speaks_english_when_asked(cast: Cast, grouped_badge: BadgeVersion) -> None:
    issue(grouped_badge, [Recipient("a@example.org", "Ana")], by=cast.owner)
    client = cast.client(cast.owner)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("awards:list", args=[cast.organisation.slug])).content.decode()
    assert "Awarded badges" in page
    assert "Valid" in page
    assert "1 award" in page
