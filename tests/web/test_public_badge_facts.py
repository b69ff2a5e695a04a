"""What the verifier page says a badge recognises, read from any credential."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from insigne.web.badges.models import BadgeVersion
from insigne.web.public.badge_facts import MAX_LISTED, facts_of

from .conftest import Cast
from .test_public_verifier import baked_png, post_file

pytestmark = pytest.mark.django_db


def test_the_verifier_shows_each_competence_with_the_level_reached_and_the_certification(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    _award, png = baked_png(cast, grouped_badge)
    html = post_file(png).replace("\u00a0", " ").replace("\u202f", " ")
    assert "Compétences reconnues" in html
    for name in ("Travailler en équipe", "Communiquer", "Apprendre à apprendre"):
        assert f"<h4>{name}</h4>" in html
    assert "Niveau atteint : Application" in html and "Niveau atteint : Maîtrise" in html
    assert "Compétence reconnue" in html  # the competence without levels
    assert "RS5476" in html and "Certification d&#x27;exemple" in html
    assert "https://www.francecompetences.fr/recherche/rs/5476/" in html


def test_the_verifier_shows_competences_in_english(cast: Cast, grouped_badge: BadgeVersion) -> None:
    _award, png = baked_png(cast, grouped_badge)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = Client(headers={"accept-language": "en"}).post(
        "/verifier", {"file": SimpleUploadedFile("badge.png", png)}
    )
    html = response.content.decode().replace("\u00a0", " ")
    assert "Recognised competences" in html and "Level reached: Application" in html


def _ob3(achievement: dict[str, Any], result: list[Any] | None = None) -> dict[str, Any]:
    subject: dict[str, Any] = {"achievement": achievement}
    if result is not None:
        subject["result"] = result
    return {"credentialSubject": subject, "issuer": {"name": "Ailleurs"}}


def test_a_rubric_without_alignment_is_listed_with_its_level() -> None:
    achievement = {
        "name": "Badge d'ailleurs",
        "resultDescription": [
            {
                "id": "urn:rd:1",
                "name": "Autonomie",
                "resultType": "RubricCriterionLevel",
                "rubricCriterionLevel": [
                    {"id": "urn:l:1", "name": "Débutant"},
                    {"id": "urn:l:2", "name": "Confirmé"},
                ],
            }
        ],
    }
    facts = facts_of(
        "ob3", _ob3(achievement, [{"resultDescription": "urn:rd:1", "achievedLevel": "urn:l:2"}])
    )
    assert facts is not None
    [line] = facts.competences
    assert (line.name, line.levels, line.reached) == (
        "Autonomie",
        ("Débutant", "Confirmé"),
        "Confirmé",
    )


def test_ob2_alignments_and_an_rncp_bloc_are_read() -> None:
    assertion = {
        "badge": {
            "name": "Accueil",
            "alignment": [
                {
                    "targetName": "Accueillir un public",
                    "targetFramework": "ROME",
                    "targetCode": "G1702",
                },
                {
                    "targetName": "Bloc 1",
                    "targetCode": "RNCP38436BC01",
                    "targetUrl": "https://example.org/bloc",
                },
            ],
        },
        "recipient": {"hashed": True, "identity": "sha256$00"},
    }
    facts = facts_of("ob2", assertion)
    assert facts is not None
    assert [(c.name, c.framework, c.code) for c in facts.competences] == [
        ("Accueillir un public", "ROME", "G1702")
    ]
    assert [(c.code, c.title, c.url) for c in facts.certifications] == [
        ("RNCP38436BC01", "Bloc 1", "https://example.org/bloc")
    ]


def test_hostile_lists_are_cut_and_odd_values_ignored() -> None:
    alignment: list[Any] = [
        {"targetName": f"C{n}", "targetUrl": "javascript:alert(1)"} for n in range(10_000)
    ]
    alignment += [None, 3, "texte", {"targetName": ["pas", "du", "texte"]}]
    facts = facts_of("ob3", _ob3({"alignment": alignment, "resultDescription": {"name": 4}}, ["x"]))
    assert facts is not None
    assert len(facts.competences) == MAX_LISTED
    assert all(line.url == "" for line in facts.competences)
