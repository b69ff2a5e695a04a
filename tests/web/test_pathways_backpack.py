"""A learner's pathways in their backpack: which steps are met and by which badge, what is
missing, in words (never colour alone); only their own awards that still attest something
count."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion
from insigne.web.pathways.learner import ANY_OPEN_KEY
from insigne.web.pathways.models import Pathway

from .conftest import Cast
from .test_pathways_support import (
    CAMILLE,
    badge,
    give,
    holders_of,
    make_pathway,
    rectec,
    speaking,
    teamwork,
    words,
)

pytestmark = pytest.mark.django_db
BACKPACK = "/sac/"


@pytest.fixture(autouse=True)
def fresh_flag() -> Iterator[None]:
    """Whether pathways exist is kept a minute in the cache: no test sees another's answer."""
    cache.delete(ANY_OPEN_KEY)
    yield
    cache.delete(ANY_OPEN_KEY)


@pytest.fixture
def steps(cast: Cast) -> tuple[BadgeVersion, BadgeVersion, BadgeVersion]:
    goal = badge(
        cast.organisation, "Apprenant autonome", rectec("Organiser son activité", "RECTEC-ORG-1")
    )
    return teamwork(cast.organisation), speaking(cast.organisation), goal


def pathway_of_three(cast: Cast, steps: tuple[BadgeVersion, ...], **options: Any) -> Pathway:
    _team, oral, goal = steps
    return make_pathway(
        cast.organisation,
        goal=goal,
        badges=(oral,),
        competences=(
            (rectec("Travailler en équipe", "RECTEC-ORG-3"), "Maîtrise"),
            (rectec("Gérer des informations", "RECTEC-REF-1"), ""),
        ),
        **options,
    )


def test_the_learner_sees_each_step_met_or_missing_and_by_which_badge(
    cast: Cast, steps: tuple[BadgeVersion, ...]
) -> None:
    team, oral, _goal = steps
    pathway_of_three(cast, steps, automatic=False)
    give(oral, CAMILLE, learner=cast.learner)
    give(team, CAMILLE, learner=cast.learner, levels={"Travailler en équipe": "Application"})
    page = words(cast.client(cast.learner).get(BACKPACK))
    assert "Mes parcours" in page
    assert "Vers l'autonomie" in page
    assert "Proposé par Atelier de Lyon. Objectif : le badge « Apprenant autonome »." in page
    assert "… En cours 1 étape franchie sur 3" in page
    assert "Franchie : Obtenir le badge « Oral » avec le badge « Oral »" in page
    assert (
        "Presque : Atteindre « Travailler en équipe » au niveau « Maîtrise » au moins "
        "(RECTEC, RECTEC-ORG-3) niveau « Application » atteint avec le badge « Travail en "
        "équipe » : il faut un niveau plus élevé"
    ) in page
    assert "À franchir : Atteindre « Gérer des informations », quel que soit le niveau" in page


def test_met_steps_say_what_happens_next(cast: Cast, steps: tuple[BadgeVersion, ...]) -> None:
    team, oral, _goal = steps
    pathway_of_three(cast, steps, automatic=False)
    other = badge(cast.organisation, "Veille", rectec("Gérer des informations", "RECTEC-REF-1"))
    give(oral, CAMILLE, learner=cast.learner)
    give(other, CAMILLE, learner=cast.learner)
    give(team, CAMILLE, learner=cast.learner, levels={"Travailler en équipe": "Maîtrise"})
    page = words(cast.client(cast.learner).get(BACKPACK))
    assert "✓ Toutes les étapes sont franchies 3 étapes franchies sur 3" in page
    assert (
        "L’organisme en est informé et peut maintenant vous attribuer le badge « Apprenant "
        "autonome »."
    ) in page


def test_opening_the_backpack_completes_an_automatic_pathway_met_by_an_import(
    cast: Cast,
    steps: tuple[BadgeVersion, ...],
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager[Any]],
) -> None:
    team, oral, goal = steps
    make_pathway(cast.organisation, goal=goal, badges=(team, oral))
    give(team, CAMILLE, learner=cast.learner)  # issued without the awards actions (an import)
    give(oral, CAMILLE, learner=cast.learner)
    client = cast.client(cast.learner)
    with django_capture_on_commit_callbacks(execute=True):
        page = words(client.get(BACKPACK))
    assert "Le badge « Apprenant autonome » vous est attribué" in page
    assert holders_of(goal.badge) == [CAMILLE]
    page = words(client.get(BACKPACK))
    assert "Objectif atteint" in page
    assert "Vous avez obtenu le badge « Apprenant autonome »." in page


def test_a_pathway_not_started_or_closed_is_not_shown(
    cast: Cast, steps: tuple[BadgeVersion, ...]
) -> None:
    team, oral, goal = steps
    make_pathway(cast.organisation, goal=goal, badges=(oral,), name="Pas commencé")
    closed = make_pathway(cast.organisation, goal=goal, badges=(team,), name="Fermé")
    Pathway.objects.filter(pk=closed.pk).update(active=False)
    give(team, CAMILLE, learner=cast.learner)
    page = words(cast.client(cast.learner).get(BACKPACK))
    assert "Mes parcours" not in page
    assert "Pas commencé" not in page


def test_only_the_learner_s_awards_that_still_count_are_progress(
    cast: Cast, steps: tuple[BadgeVersion, ...]
) -> None:
    team, oral, goal = steps
    make_pathway(cast.organisation, goal=goal, badges=(team, oral), automatic=False)
    give(team, "quelqu-un@example.org")  # someone else's
    give(oral, CAMILLE, learner=cast.learner, state=Award.State.REVOKED)
    client = cast.client(cast.learner)
    assert "Mes parcours" not in words(client.get(BACKPACK))
    EmailAddress.objects.create(user=cast.learner, email="camille.pro@example.org", verified=True)
    give(team, "camille.pro@example.org")  # sent to a verified address of hers
    page = words(client.get(BACKPACK))
    assert "1 étape franchie sur 2" in page
    assert "À franchir : Obtenir le badge « Oral »" in page


def test_the_backpack_costs_the_same_queries_for_one_pathway_or_many(
    cast: Cast, steps: tuple[BadgeVersion, ...]
) -> None:
    team, oral, goal = steps
    client = cast.client(cast.learner)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(BACKPACK).status_code == 200
        return len(queries.captured_queries)

    pathway_of_three(cast, steps, automatic=False)
    give(oral, CAMILLE, learner=cast.learner)
    count()  # the cache learns that pathways exist
    few = count()
    for n in range(5):
        version = badge(cast.organisation, f"Badge {n}", rectec(f"Compétence {n}", f"C-{n}"))
        give(version, CAMILLE, learner=cast.learner)
        make_pathway(cast.organisation, goal=goal, badges=(version, team), name=f"Parcours {n}")
    count()
    assert count() == few
    assert words(client.get(BACKPACK)).count("1 étape franchie sur 2") == 5


def test_an_english_reader_sees_the_steps_in_english(
    cast: Cast, steps: tuple[BadgeVersion, ...]
) -> None:
    _team, oral, _goal = steps
    pathway_of_three(cast, steps, automatic=False)
    give(oral, CAMILLE, learner=cast.learner)
    client = cast.client(cast.learner)
    client.cookies["django_language"] = "en"
    page = words(client.get(BACKPACK))
    assert "My pathways" in page
    assert "In progress 1 step completed out of 3" in page
    assert "Completed: Earn the badge “Oral” with the badge “Oral”" in page
