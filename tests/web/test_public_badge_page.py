"""The public badge page: who may see it, what it shows, how machines read it."""

from __future__ import annotations

import io
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from insigne.web.accounts.models import User
from insigne.web.awards.actions import change_state
from insigne.web.awards.models import Award
from insigne.web.awards.status import signed_document
from insigne.web.badges.models import BadgeVersion

from .conftest import Cast
from .test_public_support import award_for

pytestmark = pytest.mark.django_db

STAFF = ("owner", "editor", "awarder")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


def page(award: Award) -> str:
    return f"/b/{award.public_id}"


def member(cast: Cast, name: str | None) -> User | None:
    return getattr(cast, name) if name else None


@pytest.mark.parametrize("viewer", [None, "outsider", "learner"])
def test_a_private_badge_is_not_found_by_anyone_but_its_people(
    cast: Cast, grouped_badge: BadgeVersion, viewer: str | None
) -> None:
    award = award_for(cast, grouped_badge)  # private, not yet linked to the learner's account
    client = cast.client(member(cast, viewer))
    assert client.get(page(award)).status_code == 404
    assert client.get(page(award), HTTP_ACCEPT="application/ld+json").status_code == 404
    assert client.get(f"{page(award)}/partage.png").status_code == 404
    assert client.get(f"{page(award)}/telecharger/badge.png").status_code == 404


@pytest.mark.parametrize("viewer", STAFF)
def test_the_issuing_staff_see_a_private_badge(
    cast: Cast, grouped_badge: BadgeVersion, viewer: str
) -> None:
    award = award_for(cast, grouped_badge)
    response = cast.client(member(cast, viewer)).get(page(award))
    assert response.status_code == 200
    assert "membre de l'organisation émettrice" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"


def test_the_learner_signed_in_sees_a_private_badge(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    response = cast.client(cast.learner).get(page(award))
    assert response.status_code == 200
    assert "Ce badge est privé" in response.content.decode()


@pytest.mark.parametrize("viewer", [None, "outsider", "learner", *STAFF])
def test_a_public_badge_is_seen_by_everyone(
    cast: Cast, grouped_badge: BadgeVersion, viewer: str | None
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    response = cast.client(member(cast, viewer)).get(page(award))
    assert response.status_code == 200
    assert "Cache-Control" not in response or "private" not in response["Cache-Control"]


def test_an_unknown_badge_is_not_found(cast: Cast) -> None:
    assert cast.client(cast.owner).get("/b/6f1c1d2e-0000-4000-8000-000000000000").status_code == 404


def test_the_claim_link_shows_the_badge_and_opens_its_page_in_that_session(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge)
    holder, stranger = cast.client(None), cast.client(None)
    response = holder.get(f"/reclamer/{award.claim_token}")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Compétences relationnelles" in text
    assert f"/b/{award.public_id}/telecharger/badge.png" in text
    assert "sac à badges" in text
    assert "no-cache" in response["Cache-Control"]
    award.refresh_from_db()
    first = award.claimed_at
    assert first is not None
    assert holder.get(page(award)).status_code == 200
    assert stranger.get(page(award)).status_code == 404
    holder.get(f"/reclamer/{award.claim_token}")
    award.refresh_from_db()
    assert award.claimed_at == first


def test_a_wrong_claim_link_is_not_found(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award_for(cast, grouped_badge)
    assert cast.client(None).get("/reclamer/not-a-token").status_code == 404


@pytest.mark.parametrize(
    "accept",
    ["application/ld+json", "application/vc+ld+json", "application/vc", "application/json"],
)
def test_machines_get_the_signed_credential_byte_for_byte(
    cast: Cast, grouped_badge: BadgeVersion, accept: str
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    response = cast.client(None).get(page(award), HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == accept
    assert response.content == award.credential.encode("utf-8")
    assert "Accept" in response["Vary"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("accept", [BROWSER, "*/*", ""])
def test_people_get_the_html_page(cast: Cast, grouped_badge: BadgeVersion, accept: str) -> None:
    award = award_for(cast, grouped_badge, public=True)
    response = cast.client(None).get(page(award), HTTP_ACCEPT=accept)
    assert response["Content-Type"].startswith("text/html")


def test_the_learner_gets_their_private_credential_as_json(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    response = cast.client(cast.learner).get(page(award), HTTP_ACCEPT="application/json")
    assert response.content == award.credential.encode("utf-8")
    assert "Access-Control-Allow-Origin" not in response


def _meta(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)"', html))


def test_the_page_has_open_graph_tags_with_absolute_addresses(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    html = cast.client(None).get(page(award)).content.decode()
    og = _meta(html)
    url = f"https://insigne.test/b/{award.public_id}"
    assert og["og:title"] == "Compétences relationnelles"
    assert "Atelier de Lyon" in og["og:description"]
    assert og["og:image"] == f"{url}/partage.png"
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "627")
    assert og["og:image:alt"] == "Compétences relationnelles, délivré par Atelier de Lyon"
    assert og["og:url"] == url
    assert og["og:type"] == "website"
    assert og["og:site_name"] == "Insigne"
    assert og["og:locale"] == "fr_FR"
    assert f'<link rel="canonical" href="{url}">' in html
    assert 'alt="Compétences relationnelles, délivré par Atelier de Lyon"' in html


def test_the_page_in_english_says_so_to_crawlers(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, public=True)
    html = cast.client(None).get(page(award), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _meta(html)["og:locale"] == "en_GB"
    assert "Verification" in html
    assert "Level reached: Maîtrise" in html


def test_the_share_card_is_a_1200_by_627_png(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, public=True)
    response = cast.client(None).get(f"{page(award)}/partage.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as card:
        assert (card.format, card.size) == ("PNG", (1200, 627))


def test_the_page_shows_the_live_verdict_check_by_check(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    html = cast.client(None).get(page(award)).content.decode()
    assert '<div class="verdict pass">' in html
    assert "Badge vérifié." in html
    for title in ("Signature", "Émetteur", "Date de délivrance", "Révocation", "Titulaire"):
        assert f'<strong class="check-title">{title}</strong>' in html
    # Outcomes are words and symbols, not colour alone.
    assert '<span class="status pass"><span aria-hidden="true">✓</span> Réussi</span>' in html
    assert "Non vérifié" in html


def test_the_page_shows_competences_levels_criteria_and_certification(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    html = cast.client(None).get(page(award)).content.decode()
    assert "Niveau atteint\u00a0: Maîtrise" in html
    assert "Niveau atteint\u00a0: Application" in html
    assert "Apprendre à apprendre" in html
    assert "<strong>projet collectif</strong>" in html
    assert "RS5476" in html and "Certification d&#x27;exemple" in html
    assert "https://www.francecompetences.fr/recherche/rs/5476/" in html
    assert "Projet mené avec rigueur." in html
    assert "Camille Roux" in html


def test_the_issuer_evidence_is_listed(cast: Cast, grouped_badge: BadgeVersion) -> None:
    evidence = (
        {
            "url": "https://atelier.example/projet",
            "name": "Dossier de projet",
            "narrative": "Rendu final",
        },
        {"name": "Observation en situation", "narrative": "Animation d'une réunion"},
        {"url": "javascript:alert(1)", "name": "Lien piégé"},
    )
    award = award_for(cast, grouped_badge, public=True, evidence=evidence)
    html = cast.client(None).get(page(award)).content.decode()
    assert '<a href="https://atelier.example/projet" rel="noopener noreferrer nofollow">' in html
    assert "Observation en situation" in html and "Lien piégé" in html
    assert "javascript:" not in html


@pytest.mark.parametrize("state", ["revoked", "suspended"])
def test_a_revoked_or_suspended_badge_says_so_prominently(
    cast: Cast, grouped_badge: BadgeVersion, state: str
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    client = cast.client(None)
    assert "Badge vérifié." in client.get(page(award)).content.decode()  # now in the cache
    change_state([award], state, "Fraude constatée lors du contrôle")
    html = client.get(page(award)).content.decode()
    assert f'<div class="state-banner {state}">' in html
    assert "Fraude constatée lors du contrôle" in html
    assert "Badge révoqué par son émetteur." in html
    assert '<div class="verdict fail">' in html
    with Image.open(io.BytesIO(client.get(f"{page(award)}/partage.png").content)) as card:
        assert card.size == (1200, 627)


def test_a_cached_public_page_costs_one_query(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, public=True)
    client = cast.client(None)
    client.get(page(award))  # computes the verdict and the page body
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page(award))
    assert response.status_code == 200
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_a_first_visit_stays_within_a_few_queries(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, public=True)
    assert award.revocation_list is not None
    signed_document(award.revocation_list)  # signed once for all the awards it lists
    with CaptureQueriesContext(connection) as queries:
        cast.client(None).get(page(award))
    # visibility, the award with its badge and issuer, competences, the certification in the
    # imported France Compétences data, and for the verifier the platform's own documents: the
    # issuer's DID document (organisation, keys) for the badge and again for the status list,
    # and the status list itself.
    assert len(queries) <= 9, [q["sql"] for q in queries]


def test_the_staff_view_of_a_private_page_stays_cheap(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge)
    client = cast.client(cast.owner)
    client.get(page(award))
    with CaptureQueriesContext(connection) as queries:
        client.get(page(award))
    # session, user, award, membership
    assert len(queries) <= 4, [q["sql"] for q in queries]


def _token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, "the language form has no CSRF token"
    return found[1]


def test_each_visitor_of_a_cached_page_gets_a_working_language_form(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    tokens = set()
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        html = visitor.get(page(award)).content.decode()
        assert "insigne-csrf-token-mark" not in html
        tokens.add(_token(html))
        response = visitor.post(
            "/i18n/setlang/",
            {"language": "en", "next": page(award), "csrfmiddlewaretoken": _token(html)},
        )
        assert response.status_code == 302, response.status_code
        assert '<html lang="en">' in visitor.get(page(award)).content.decode()
    assert len(tokens) == 2  # one per visitor, never the cached one


def test_a_page_cached_for_visitors_still_offers_sharing_to_its_learner(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True, linked=True)
    assert "Partager ce badge" not in cast.client(None).get(page(award)).content.decode()
    assert "Partager ce badge" in cast.client(cast.learner).get(page(award)).content.decode()
