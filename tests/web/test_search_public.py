"""The public search of badges, for employers: by competence and by certification, whatever
the case and the accents; only the awards their holders made public, and still valid, ever
appear; never an address."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from insigne.web.awards.models import Award
from insigne.web.badges.content import CompetenceContent
from insigne.web.badges.models import BadgeVersion
from insigne.web.pathways.models import SearchTerms

from .conftest import Cast
from .test_pathways_support import CAMILLE, SACHA, badge, give, rectec, speaking, words

pytestmark = pytest.mark.django_db
SEARCH = "/recherche"


@pytest.fixture
def certified(cast: Cast) -> BadgeVersion:
    return badge(
        cast.organisation,
        "Coopération",
        rectec("Travailler en Équipe", "RECTEC-ORG-3"),
        CompetenceContent("Résoudre des problèmes", "ESCO", url="https://esco.example/skill/1"),
        certification=("RS5476", "Certification de compétences transversales"),
    )


def found(cast: Cast, **query: str) -> str:
    response = cast.client(None).get(SEARCH, query)
    assert response.status_code == 200
    return words(response)


def test_the_search_is_public_and_its_address_is_stable(cast: Cast) -> None:
    assert reverse("pathways:search") == SEARCH
    page = found(cast)
    assert "Rechercher des badges" in page
    assert "badge trouvé" not in page


def test_a_public_award_is_found_by_competence_ignoring_case_and_accents(
    cast: Cast, certified: BadgeVersion
) -> None:
    award = give(
        certified, public=True, levels={"Travailler en Équipe": "Maîtrise"}, name="Camille Roux"
    )
    for query in ("equipe", "TRAVAILLER en équipe", "rectec-org-3", "résoudre problèmes"):
        page = found(cast, competence=query)
        assert "1 badge trouvé" in page, query
    page = found(cast, competence="equipe")
    assert "Coopération" in page
    assert "Détenu par Camille Roux" in page
    assert "Délivré par Atelier de Lyon le" in page
    assert "Travailler en Équipe — niveau « Maîtrise » (correspond à la recherche)" in page
    response = cast.client(None).get(SEARCH, {"competence": "equipe"})
    assert reverse("public:award", args=[award.public_id]) in response.content.decode()
    assert CAMILLE not in response.content.decode()


def test_a_public_award_is_found_by_certification_code_or_title(
    cast: Cast, certified: BadgeVersion
) -> None:
    give(certified, public=True)
    for query in ("rs5476", "RS 5476", "competences transversales"):
        assert "1 badge trouvé" in found(cast, certification=query), query
    assert "Certification : Certification de compétences transversales (RS5476)" in found(
        cast, certification="rs5476"
    )
    assert "Aucun badge trouvé" in found(cast, certification="RNCP37173")


def test_both_fields_must_match(cast: Cast, certified: BadgeVersion) -> None:
    give(certified, public=True)
    give(speaking(cast.organisation), SACHA, public=True, name="Sacha Petit")
    assert "1 badge trouvé" in found(cast, competence="equipe", certification="rs5476")
    assert "Aucun badge trouvé" in found(cast, competence="oral", certification="rs5476")
    assert "1 badge trouvé" in found(cast, competence="oral")


@pytest.mark.parametrize(
    "changes",
    [
        {"public": False},
        {"state": Award.State.REVOKED},
        {"state": Award.State.SUSPENDED},
        {"erased_at": timezone.now()},
    ],
    ids=["private", "revoked", "suspended", "erased"],
)
def test_nothing_but_valid_public_awards_ever_appears(
    cast: Cast, certified: BadgeVersion, changes: dict[str, object]
) -> None:
    give(certified, SACHA, name="Sacha Petit", **{"public": True, **changes})
    for query in ({"competence": "equipe"}, {"certification": "RS5476"}):
        page = found(cast, **query)
        assert "Aucun badge trouvé" in page
        assert "Sacha" not in page


def test_an_expired_public_award_is_shown_as_expired(cast: Cast, certified: BadgeVersion) -> None:
    give(certified, public=True, valid_until=timezone.now() - timedelta(days=2))
    page = found(cast, competence="equipe")
    assert "1 badge trouvé" in page
    assert "⌛ Expiré le" in page


def test_a_badge_made_public_after_a_first_search_is_found(
    cast: Cast, certified: BadgeVersion
) -> None:
    award = give(certified)
    assert "Aucun badge trouvé" in found(cast, competence="equipe")
    Award.objects.filter(pk=award.pk).update(public=True)
    assert "1 badge trouvé" in found(cast, competence="equipe")
    assert SearchTerms.objects.get().competences == (
        "travailler en equipe rectec-org-3\nresoudre des problemes"
    )


def test_bad_input_gets_a_message_not_an_error(cast: Cast, certified: BadgeVersion) -> None:
    give(certified, public=True)
    client = cast.client(None)
    response = client.get(SEARCH, {"competence": "x" * 101})
    assert response.status_code == 400
    assert "Compétence : Assurez-vous que cette valeur comporte au plus 100 caractères" in words(
        response
    )
    for query in (
        {"competence": "equipe", "page": "abc"},
        {"competence": "equipe", "page": "999"},
        {"competence": "%_\\'\"<script>"},
        {"certification": "   "},
    ):
        assert client.get(SEARCH, query).status_code == 200, query
    assert "<script>" not in client.get(SEARCH, {"competence": "<script>"}).content.decode()


def test_results_come_by_pages_at_a_constant_cost(cast: Cast, certified: BadgeVersion) -> None:
    client = cast.client(None)

    def count(query: dict[str, str]) -> int:
        client.get(SEARCH, query)  # the first search writes the words of new versions
        with CaptureQueriesContext(connection) as queries:
            assert client.get(SEARCH, query).status_code == 200
        return len(queries.captured_queries)

    for n in range(3):
        give(certified, f"p{n}@example.org", public=True, name=f"Personne {n}")
    few = count({"competence": "equipe"})
    for n in range(3, 25):
        give(certified, f"p{n}@example.org", public=True, name=f"Personne {n}")
    assert count({"competence": "equipe"}) == few
    page = found(cast, competence="equipe")
    assert "25 badges trouvés" in page
    assert "Page 1 sur 2" in page
    assert "Page 2 sur 2" in found(cast, competence="equipe", page="2")
    response = client.get(SEARCH, {"competence": "equipe"})
    assert "?competence=equipe&amp;certification=&amp;page=2" in response.content.decode()


def test_the_search_speaks_english_to_english_readers(cast: Cast, certified: BadgeVersion) -> None:
    give(certified, public=True, levels={"Travailler en Équipe": "Maîtrise"})
    client = cast.client(None)
    client.cookies["django_language"] = "en"
    page = words(client.get(SEARCH, {"competence": "equipe"}))
    assert "Search badges" in page
    assert "1 badge found" in page
    assert "Held by Camille Roux" in page
    assert "Travailler en Équipe — level « Maîtrise »" not in page
    assert "level “Maîtrise” (matches the search)" in page
