"""What happens when someone meets a pathway: the goal badge is awarded once, automatically
after the award that completed it, or proposed to the staff who award it in one click. Only
awards that still attest something, of the organisation, of that person, count."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from insigne.web.awards.actions import award_badge, change_state, confirm_import, start_import
from insigne.web.awards.issuance import Recipient
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion
from insigne.web.pathways import actions, tasks
from insigne.web.pathways.models import Outcome, Pathway

from .conftest import Cast
from .test_pathways_support import (
    CAMILLE,
    SACHA,
    badge,
    give,
    holders_of,
    make_pathway,
    pathway_url,
    rectec,
    speaking,
    teamwork,
    words,
)

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[Any]]


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Capture) -> Callable[[], Any]:
    """A block after which what was scheduled on commit (e-mails, pathway checks) runs, as
    it does in production once the request's transaction commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def award(committed: Callable[[], Any]) -> Callable[..., Award]:
    """Award through the awards context, as staff do (its e-mail and checks follow)."""

    def run(version: BadgeVersion, email: str = CAMILLE, **levels: str) -> Award:
        named = {name.replace("_", " "): level for name, level in levels.items()}
        with committed():
            return award_badge(version, Recipient(email, "Camille Roux", named), by=None)

    return run


@pytest.fixture
def steps(cast: Cast) -> tuple[BadgeVersion, BadgeVersion, BadgeVersion]:
    """Two badges to hold and the goal badge."""
    goal = badge(
        cast.organisation, "Apprenant autonome", rectec("Travailler en équipe", "RECTEC-ORG-3")
    )
    return teamwork(cast.organisation), speaking(cast.organisation), goal


def test_the_award_that_completes_an_automatic_pathway_brings_the_goal_badge_once(
    cast: Cast, steps: tuple[BadgeVersion, ...], award: Callable[..., Award]
) -> None:
    team, oral, goal = steps
    pathway = make_pathway(cast.organisation, goal=goal, badges=(team, oral))
    award(team, Travailler_en_équipe="Maîtrise")
    assert holders_of(goal.badge) == []
    award(oral)
    assert holders_of(goal.badge) == [CAMILLE]
    made = Award.objects.get(version__badge=goal.badge)
    assert made.levels == {"Travailler en équipe": "Maîtrise"}  # carried from the steps
    assert made.evidence == [
        {"narrative": "Parcours « Vers l'autonomie »\u00a0: toutes les étapes sont franchies."}
    ]
    assert Outcome.objects.get(pathway=pathway).award == made
    assert [m.to for m in mail.outbox] == [[CAMILLE]] * 3
    tasks.check_pathways.call([team.awards.get().pk, oral.awards.get().pk])
    assert actions.complete_pathways([made.pk]) == 0
    assert holders_of(goal.badge) == [CAMILLE]
    assert len(mail.outbox) == 3


def test_competence_levels_count_from_any_badge_of_the_organisation_in_scale_order(
    cast: Cast, steps: tuple[BadgeVersion, ...], award: Callable[..., Award]
) -> None:
    team, _oral, goal = steps
    make_pathway(
        cast.organisation,
        goal=goal,
        competences=((rectec("Travailler en équipe", "RECTEC-ORG-3"), "Application"),),
    )
    award(team, Travailler_en_équipe="Découverte")
    assert holders_of(goal.badge) == []
    project = badge(cast.organisation, "Projet collectif", rectec("Coopérer", "RECTEC-ORG-3"))
    award(project, Coopérer="Maîtrise")  # same code in the same framework: same competence
    assert holders_of(goal.badge) == [CAMILLE]


@pytest.mark.parametrize(
    "change",
    [
        {"state": Award.State.REVOKED},
        {"state": Award.State.SUSPENDED},
        {"valid_until": timezone.now() - timedelta(days=1)},
        {"erased_at": timezone.now()},
    ],
    ids=["revoked", "suspended", "expired", "erased"],
)
def test_a_step_that_no_longer_attests_anything_does_not_count(
    cast: Cast, steps: tuple[BadgeVersion, ...], award: Callable[..., Award], change: dict[str, Any]
) -> None:
    team, oral, goal = steps
    make_pathway(cast.organisation, goal=goal, badges=(team, oral))
    give(team, CAMILLE, **change)
    award(oral)
    assert holders_of(goal.badge) == []


def test_a_revoked_step_is_not_replaced_by_the_goal_staying_awarded_twice(
    cast: Cast, steps: tuple[BadgeVersion, ...], award: Callable[..., Award]
) -> None:
    team, oral, goal = steps
    make_pathway(cast.organisation, goal=goal, badges=(team, oral))
    award(team)
    award(oral)
    made = Award.objects.get(version__badge=goal.badge)
    change_state([made], Award.State.REVOKED, "Erreur")
    other = badge(cast.organisation, "Autre", rectec("Gérer des informations", "RECTEC-REF-1"))
    award(other)  # a later award checks the pathway again: the goal was given once, for good
    assert Award.objects.filter(version__badge=goal.badge).count() == 1


def test_another_organisation_s_badges_never_count(
    cast: Cast, steps: tuple[BadgeVersion, ...], award: Callable[..., Award]
) -> None:
    _team, oral, goal = steps
    make_pathway(
        cast.organisation,
        goal=goal,
        competences=((rectec("Travailler en équipe", "RECTEC-ORG-3"), ""),),
        badges=(oral,),
    )
    elsewhere = teamwork(cast.other)
    award(elsewhere)
    award(oral)
    assert holders_of(goal.badge) == []


def test_badges_sent_to_another_verified_address_of_the_same_account_count(
    cast: Cast, steps: tuple[BadgeVersion, ...], award: Callable[..., Award]
) -> None:
    team, oral, goal = steps
    make_pathway(cast.organisation, goal=goal, badges=(team, oral))
    EmailAddress.objects.create(user=cast.learner, email="camille.pro@example.org", verified=True)
    award(team, "camille.pro@example.org")
    award(oral, CAMILLE)
    assert holders_of(goal.badge) == [CAMILLE]


def test_someone_else_s_badges_do_not_count(
    cast: Cast, steps: tuple[BadgeVersion, ...], award: Callable[..., Award]
) -> None:
    team, oral, goal = steps
    make_pathway(cast.organisation, goal=goal, badges=(team, oral))
    award(team, SACHA)
    award(oral, CAMILLE)
    assert holders_of(goal.badge) == []


def test_a_closed_pathway_or_an_archived_goal_awards_nothing(
    cast: Cast, steps: tuple[BadgeVersion, ...], award: Callable[..., Award]
) -> None:
    team, oral, goal = steps
    pathway = make_pathway(cast.organisation, goal=goal, badges=(team, oral))
    actions.set_pathway_active(pathway, False)
    award(team)
    award(oral)
    assert holders_of(goal.badge) == []
    actions.set_pathway_active(pathway, True)
    goal.badge.archived = True
    goal.badge.save()
    award(team, SACHA)
    award(oral, SACHA)
    assert holders_of(goal.badge) == []


def test_a_pathway_made_after_the_steps_proposes_instead_of_awarding_at_once(
    cast: Cast, steps: tuple[BadgeVersion, ...], award: Callable[..., Award]
) -> None:
    team, oral, goal = steps
    award(team)
    award(oral)
    pathway = make_pathway(cast.organisation, goal=goal, badges=(team, oral))
    assert holders_of(goal.badge) == []
    page = words(cast.client(cast.awarder).get(pathway_url(pathway)))
    assert "Parcours : personnes à qui proposer le badge" in page
    assert CAMILLE in page


def test_a_proposed_goal_waits_for_the_staff_who_award_it_in_one_click_once(
    cast: Cast,
    steps: tuple[BadgeVersion, ...],
    award: Callable[..., Award],
    committed: Callable[[], Any],
) -> None:
    team, oral, goal = steps
    pathway = make_pathway(cast.organisation, goal=goal, badges=(team, oral), automatic=False)
    award(team)
    award(oral)
    assert holders_of(goal.badge) == []
    client = cast.client(cast.awarder)
    page = client.get(pathway_url(pathway)).content.decode()
    assert f'name="une" value="{CAMILLE}"' in page
    with committed():
        response = client.post(pathway_url(pathway, "decide"), {"une": CAMILLE})
    assert response.status_code == 302
    assert holders_of(goal.badge) == [CAMILLE]
    assert Award.objects.get(version__badge=goal.badge).created_by == cast.awarder
    page = words(client.get(pathway_url(pathway)))
    assert "Badge attribué à 1 personne" in page
    assert "Personne n’attend pour l’instant." in page
    with committed():
        client.post(pathway_url(pathway, "decide"), {"une": CAMILLE})
        client.post(pathway_url(pathway, "decide"), {"tous": "1"})
    assert holders_of(goal.badge) == [CAMILLE]
    assert len(mail.outbox) == 3


def test_staff_award_everyone_waiting_in_one_action(
    cast: Cast, steps: tuple[BadgeVersion, ...], award: Callable[..., Award]
) -> None:
    team, oral, goal = steps
    pathway = make_pathway(cast.organisation, goal=goal, badges=(team, oral), automatic=False)
    for email in (CAMILLE, SACHA):
        give(team, email)
        give(oral, email)
    give(team, "a-moitie@example.org")
    cast.client(cast.owner).post(pathway_url(pathway, "decide"), {"tous": "1"})
    assert holders_of(goal.badge) == [CAMILLE, SACHA]


def test_a_person_set_aside_leaves_the_list_and_is_never_awarded_through_it(
    cast: Cast, steps: tuple[BadgeVersion, ...], award: Callable[..., Award]
) -> None:
    team, oral, goal = steps
    pathway = make_pathway(cast.organisation, goal=goal, badges=(team, oral), automatic=False)
    give(team, CAMILLE)
    give(oral, CAMILLE)
    client = cast.client(cast.awarder)
    client.post(pathway_url(pathway, "decide"), {"ecarter": CAMILLE})
    assert Outcome.objects.get().state == Outcome.State.DISMISSED
    assert CAMILLE not in client.get(pathway_url(pathway)).content.decode()
    again = client.post(pathway_url(pathway, "decide"), {"ecarter": CAMILLE})
    assert "Cette personne n'est plus dans la liste." in words(client.get(again["Location"]))
    assert Outcome.objects.count() == 1
    Pathway.objects.filter(pk=pathway.pk).update(completion=Pathway.Completion.AUTOMATIC)
    award(badge(cast.organisation, "Autre", rectec("Gérer des informations", "RECTEC-REF-1")))
    assert holders_of(goal.badge) == []


def test_a_certification_pathway_lists_the_people_ready_for_it(
    cast: Cast, steps: tuple[BadgeVersion, ...], award: Callable[..., Award]
) -> None:
    team, oral, _goal = steps
    pathway = make_pathway(
        cast.organisation,
        goal=None,
        badges=(team, oral),
        automatic=False,
        certification=("RS5476", "Certification d'exemple"),
    )
    give(team, CAMILLE)
    give(oral, CAMILLE)
    client = cast.client(cast.awarder)
    page = client.get(pathway_url(pathway)).content.decode()
    assert "personnes prêtes pour la certification" in page
    assert 'name="une"' not in page  # nothing to award
    assert "https://www.francecompetences.fr/recherche/rs/5476/" in page
    response = client.post(pathway_url(pathway, "decide"), {"une": CAMILLE})
    assert response.status_code == 302
    assert "Le badge visé par ce parcours ne peut pas être attribué." in words(
        client.get(response["Location"])
    )
    client.post(pathway_url(pathway, "decide"), {"ecarter": CAMILLE})
    assert CAMILLE not in client.get(pathway_url(pathway)).content.decode()


def test_the_goal_credential_verifies_and_names_the_competences(
    cast: Cast, steps: tuple[BadgeVersion, ...], award: Callable[..., Award]
) -> None:
    from insigne.core.verify import verify
    from insigne.web.public.fetching import platform_fetcher

    team, oral, goal = steps
    make_pathway(cast.organisation, goal=goal, badges=(team, oral))
    award(team)
    award(oral)
    made = Award.objects.get(version__badge=goal.badge)
    result = verify(made.credential.encode(), email=CAMILLE, fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]
    alignment = json.loads(made.credential)["credentialSubject"]["achievement"]["alignment"]
    assert [a["targetCode"] for a in alignment] == ["RECTEC-ORG-3"]


def test_a_list_import_that_completes_an_automatic_pathway_brings_the_goal_badge(
    cast: Cast,
    steps: tuple[BadgeVersion, ...],
    award: Callable[..., Award],
    committed: Callable[[], Any],
) -> None:
    team, oral, goal = steps
    make_pathway(cast.organisation, goal=goal, badges=(team, oral))
    award(team)
    data = f"Courriel;Nom\n{CAMILLE};Camille Roux\n{SACHA};Sacha Martin\n".encode()
    award_import, _new = start_import(oral, name="oral.csv", data=data, by=None)
    with committed():
        confirm_import(award_import, by=None)  # the import task, then each batch's tasks
    assert Award.objects.filter(version=oral).count() == 2
    assert holders_of(goal.badge) == [CAMILLE]  # Sacha holds only one step
