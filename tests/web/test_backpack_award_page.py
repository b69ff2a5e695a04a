"""The holder's own page of an award: what the badge attests, its live verdict, its
downloads, and where its privacy choice, additions and collections are made."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation

from insigne.web.awards.actions import change_state
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion

from .conftest import Cast
from .test_backpack_support import held, page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


def test_the_page_shows_what_the_badge_attests(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = held(
        cast,
        grouped_badge,
        evidence=({"url": "https://atelier.example/projet", "name": "Projet de groupe"},),
    )
    html = cast.client(cast.learner).get(page(award)).content.decode()
    assert "<h1" in html and "Compétences relationnelles" in html
    assert "Atelier de Lyon" in html
    assert "Niveau atteint : Application" in html
    assert "Niveau atteint : Maîtrise" in html
    assert "RS5476" in html  # the certification
    assert "Projet de groupe" in html and "Preuves données par" in html
    assert "Projet mené avec rigueur." in html  # the issuer's comment
    assert '<div class="verdict pass">' in html


def test_every_format_is_offered_for_download(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = held(cast, grouped_badge)
    client = cast.client(cast.learner)
    html = client.get(page(award)).content.decode()
    for name in ("badge.png", "badge.svg", "ob3.json", "ob3.jwt", "ob2.png"):
        url = f"/b/{award.public_id}/telecharger/{name}"
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200, name  # the learner's badge, though private


def test_a_revoked_badge_says_so_in_words(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = held(cast, grouped_badge)
    change_state([award], Award.State.REVOKED, "Erreur de saisie")
    html = cast.client(cast.learner).get(page(award)).content.decode()
    assert "Ce badge a été révoqué par son émetteur" in html
    assert "Erreur de saisie" in html
    assert '<span class="status revoked"><span aria-hidden="true">✗</span> Révoqué</span>' in html


def test_the_page_is_not_cached_or_indexed(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = held(cast, grouped_badge)
    response = cast.client(cast.learner).get(page(award))
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_the_page_reads_in_english(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = held(cast, grouped_badge)
    client = cast.client(cast.learner)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(page(award)).content.decode()
    translation.activate("fr")
    assert "Who can see this badge?" in html
    assert "Make this badge public" in html
    assert "Your additions" in html


def test_the_holder_sees_that_the_badge_names_their_address_and_visitors_do_not(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge, public=True)
    mine = cast.client(cast.learner).get(page(award)).content.decode()
    assert f"Ce badge a bien été délivré à {award.recipient_email}." in mine
    assert "aucune adresse donnée" not in mine
    public = cast.client(None).get(f"/b/{award.public_id}").content.decode()
    assert award.recipient_email not in public
