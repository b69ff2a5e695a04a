"""The backpack's list: every badge the person holds (from Insigne and imported), newest
first, with filters that work without JavaScript, at a constant number of queries."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insigne.web.awards.actions import change_state
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion

from .conftest import Cast, make_user
from .test_backpack_support import held, imported, other_badge
from .test_public_support import award_for

pytestmark = pytest.mark.django_db


def names(html: str) -> list[str]:
    """The badge names listed, in order."""
    return re.findall(r'<h2>(?:<a href="[^"]*">)?([^<]+)(?:</a>)?</h2>', html)


def listing(cast: Cast, query: str = "") -> str:
    response = cast.client(cast.learner).get(f"/sac/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_backpack_needs_a_signed_in_person(cast: Cast) -> None:
    response = cast.client(None).get("/sac/")
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/")


def test_an_empty_backpack_explains_how_badges_arrive(cast: Cast) -> None:
    html = listing(cast)
    assert "Votre sac est encore vide" in html
    assert "Par courriel." in html
    assert "Par import." in html


def test_awards_and_imported_badges_are_listed_together_newest_first(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    held(cast, grouped_badge, awarded_at=datetime(2025, 1, 10, tzinfo=UTC))
    imported(cast.learner, name="Badge importé récent", issued=datetime(2025, 6, 1, tzinfo=UTC))
    imported(cast.learner, name="Badge importé ancien", issued=datetime(2023, 6, 1, tzinfo=UTC))
    assert names(listing(cast)) == [
        "Badge importé récent",
        "Compétences relationnelles",
        "Badge importé ancien",
    ]


def test_each_badge_shows_issuer_date_state_and_visibility_in_words(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge, public=True, awarded_at=datetime(2025, 1, 10, tzinfo=UTC))
    html = listing(cast)
    assert f'href="/sac/badges/{award.public_id}"' in html
    assert "Délivré par Atelier de Lyon" in html
    assert "10 janvier 2025" in html
    assert "Valide" in html
    assert "Public" in html
    assert f"/badges/{grouped_badge.badge.public_id}/v1/image.png" in html


def test_states_are_told_in_words(cast: Cast, grouped_badge: BadgeVersion) -> None:
    revoked = held(cast, grouped_badge)
    change_state([revoked], Award.State.REVOKED, "Erreur")
    suspended = held(cast, other_badge(cast.organisation, "Accueil du public"))
    change_state([suspended], Award.State.SUSPENDED, "Contrôle")
    expired = held(cast, other_badge(cast.organisation, "Cariste"))
    Award.objects.filter(pk=expired.pk).update(valid_until=timezone.now() - timedelta(days=1))
    imported(cast.learner, verified=False)
    html = listing(cast)
    for word in ("Révoqué", "Suspendu", "Expiré", "Non vérifié"):
        assert f"</span> {word}</span>" in html


def test_someone_elses_badges_and_erased_awards_are_not_listed(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    held(cast, grouped_badge)
    erased = held(cast, other_badge(cast.organisation, "Badge effacé"))
    Award.objects.filter(pk=erased.pk).update(erased_at=timezone.now())
    imported(cast.outsider, name="Badge de quelqu’un d’autre")
    html = listing(cast)
    assert names(html) == ["Compétences relationnelles"]


def test_the_search_ignores_case_and_accents(cast: Cast, grouped_badge: BadgeVersion) -> None:
    held(cast, grouped_badge)
    imported(cast.learner, name="Secourisme")
    assert names(listing(cast, "?q=competences")) == ["Compétences relationnelles"]
    assert names(listing(cast, "?q=SECOUR")) == ["Secourisme"]
    assert names(listing(cast, "?q=croix+ouest")) == ["Secourisme"]  # the issuer's name
    assert "Aucun badge ne correspond" in listing(cast, "?q=introuvable")


def test_filters_by_origin_issuer_visibility_and_state(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    held(cast, grouped_badge, public=True)
    held(cast, other_badge(cast.organisation, "Accueil du public"))
    imported(cast.learner, name="Secourisme", public=True)
    assert names(listing(cast, "?origin=imported")) == ["Secourisme"]
    assert sorted(names(listing(cast, "?origin=insigne"))) == [
        "Accueil du public",
        "Compétences relationnelles",
    ]
    assert names(listing(cast, "?issuer=Croix+de+l%27Ouest")) == ["Secourisme"]
    assert sorted(names(listing(cast, "?visibility=public"))) == [
        "Compétences relationnelles",
        "Secourisme",
    ]
    assert names(listing(cast, "?visibility=private")) == ["Accueil du public"]
    assert names(listing(cast, "?visibility=private&origin=imported")) == []


def test_a_bad_filter_value_is_ignored_not_an_error(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    held(cast, grouped_badge)
    html = listing(cast, "?state=nimporte&origin=%00&issuer=inconnu&visibility=x&q=" + "a" * 300)
    assert names(html) == ["Compétences relationnelles"]
    assert names(listing(cast, "?state=nimporte&q=relation")) == ["Compétences relationnelles"]
    assert names(listing(cast, "?state=nimporte&q=autre")) == []


def test_the_list_costs_the_same_queries_for_one_badge_or_many(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    held(cast, grouped_badge)
    imported(cast.learner)
    client = cast.client(cast.learner)
    client.get("/sac/")
    with CaptureQueriesContext(connection) as few:
        client.get("/sac/")
    for number in range(6):
        held(cast, other_badge(cast.organisation if number % 2 else cast.other, f"Badge {number}"))
        imported(cast.learner, name=f"Importé {number}", credential_id=f"urn:uuid:{number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/sac/?q=badge")
    assert response.status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many]
    # session, user, verified addresses and the update that attaches badges newly sent to
    # them, awards, imported, collections
    assert len(few) <= 7, [q["sql"] for q in few]


def test_the_navigation_links_to_the_backpack_for_signed_in_people_only(cast: Cast) -> None:
    assert 'href="/sac/"' in cast.client(cast.learner).get("/sac/").content.decode()
    assert 'href="/sac/"' not in cast.client(None).get("/verifier").content.decode()


def test_a_new_person_sees_their_empty_backpack(db: None) -> None:
    from django.test import Client

    client = Client()
    client.force_login(make_user("nouveau@exemple.example"))
    assert "Votre sac est encore vide" in client.get("/sac/").content.decode()


def test_a_badge_sent_to_a_verified_address_while_signed_in_shows_in_the_list(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    assert names(listing(cast)) == []
    award_for(cast, grouped_badge, email=cast.learner.email)
    assert names(listing(cast)) == ["Compétences relationnelles"]
