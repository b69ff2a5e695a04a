"""Finding imported fiches and blocs by code or title: the editor's JSON search and the page
that works without JavaScript."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from insigne.web.certifications.actions import load_sample
from insigne.web.certifications.importer import import_export
from insigne.web.certifications.search import LIMIT, search

from .conftest import Cast
from .test_certifications_support import (
    STANDARD,
    STANDARD_HEADER,
    csv_bytes,
    fiche_line,
    sources_of,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 28)


def codes(query: str) -> list[str]:
    return [entry.code for entry in search(query, today=TODAY)]


@pytest.fixture
def sample() -> None:
    load_sample()


def test_full_fiche_code_finds_the_fiche_longer_codes_then_its_blocs(sample: None) -> None:
    assert codes("RNCP0000") == [
        "RNCP0000", "RNCP000000", "RNCP00000", "RNCP0000BC01", "RNCP0000BC02", "RNCP0000BC03",
    ]  # fmt: skip


def test_code_is_found_whatever_its_case_and_spaces(sample: None) -> None:
    assert codes("rs 000000") == ["RS000000"]
    assert codes(" rncp0000bc0 ") == ["RNCP0000BC01", "RNCP0000BC02", "RNCP0000BC03"]


def test_an_exact_code_comes_first_even_when_inactive(sample: None) -> None:
    assert codes("RS00000") == ["RS00000", "RS000000"]


def test_words_find_titles_and_bloc_labels_without_case_or_accents(sample: None) -> None:
    assert codes("DIPLOME mediation") == ["RNCP000000"]
    assert codes("planifier activité") == ["RNCP0000BC02"]
    assert codes("accueillir") == ["RNCP0000BC01", "RNCP00000BC01"]


def test_active_fiches_come_before_those_that_ended(sample: None) -> None:
    found = search("titre", today=TODAY)
    assert [e.code for e in found] == ["RNCP0000", "RNCP00000"]
    assert [e.ended for e in found] == [False, True]


def test_a_register_name_alone_or_a_short_word_finds_nothing(sample: None) -> None:
    assert codes("RS") == []
    assert codes("a") == []
    assert codes("   ") == []


def test_results_are_capped() -> None:
    lines = [fiche_line(f"RS{n}", f"Exemple {n}") for n in range(LIMIT + 5)]
    import_export(sources_of({STANDARD: csv_bytes(STANDARD_HEADER, *lines)}))
    assert len(codes("exemple")) == LIMIT


def test_json_search_gives_what_the_picker_fills_and_shows(cast: Cast, sample: None) -> None:
    response = cast.client(cast.editor).get(reverse("certifications:search_json"), {"q": "RS00000"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["query"] == "RS00000"
    first = data["results"][0]
    assert first["code"] == "RS00000"
    assert first["kind"] == "rs"
    assert first["title"] == "Exemple : apprendre à apprendre ; ancienne version (code fictif)"
    assert first["active"] is False
    assert first["certifiers"] == ["Organisme certificateur d'exemple (fictif)"]
    assert first["label"].startswith("RS00000 — Exemple : apprendre à apprendre")
    assert "plus active" in first["label"]
    # The summary the page shows once picked: the warning and the replacement to use instead.
    assert "Cette certification n'est plus active depuis le 31 décembre 2023." in first["summary"]
    assert "RS0000 — Certification de démonstration (code fictif)" in first["summary"]
    assert "saisissez RS0000" in first["summary"]


def test_json_search_of_a_bloc_names_its_fiche(cast: Cast, sample: None) -> None:
    response = cast.client(cast.editor).get(
        reverse("certifications:search_json"), {"q": "RNCP0000BC03"}
    )
    [bloc] = json.loads(response.content)["results"]
    assert (bloc["code"], bloc["kind"], bloc["fiche"]) == ("RNCP0000BC03", "bloc", "RNCP0000")
    fiche = "Bloc de compétences de la fiche RNCP0000 — Exemple : titre professionnel"
    assert fiche in bloc["summary"]


def test_json_search_costs_the_same_few_queries_for_many_results(cast: Cast, sample: None) -> None:
    client = cast.client(cast.editor)
    url = reverse("certifications:search_json")
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "RS0000"})
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"q": "exemple"})
    session_and_user = 2
    assert len(many) == len(few) <= session_and_user + 3


@pytest.mark.parametrize("query", ["%", "_", "' OR 1=1 --", "é" * 500, "RNCP" + "9" * 50, "\x00"])
def test_odd_queries_answer_without_error(cast: Cast, sample: None, query: str) -> None:
    response = cast.client(cast.editor).get(reverse("certifications:search_json"), {"q": query})
    assert response.status_code == 200
    assert json.loads(response.content)["results"] == []


def test_visitors_cannot_use_the_search(cast: Cast) -> None:
    response = cast.client(None).get(reverse("certifications:search_json"), {"q": "RS"})
    assert response.status_code == 302
    assert "/compte/" in response["Location"]


def test_search_page_lists_fiches_without_javascript(cast: Cast, sample: None) -> None:
    response = cast.client(cast.editor).get(reverse("certifications:search"), {"q": "titre"})
    html = response.content.decode().replace("\xa0", " ")
    assert response.status_code == 200
    assert "2 fiches trouvées" in html
    assert "RNCP0000</strong> — Exemple : titre professionnel de niveau 5" in html
    assert "Niveau 5" in html
    assert "https://www.francecompetences.fr/recherche/rncp/0/" in html


def test_search_page_says_when_nothing_is_imported(cast: Cast) -> None:
    response = cast.client(cast.editor).get(reverse("certifications:search"), {"q": "titre"})
    assert (
        "Aucune fiche n'est encore importée sur cette plateforme."
        in response.content.decode().replace("\xa0", " ")
    )
