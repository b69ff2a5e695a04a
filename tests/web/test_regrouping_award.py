"""Awarding a grouped badge in one action to the people who hold every part: exactly those
people are listed, each is awarded once (with the levels reached in the parts), the usual
e-mail goes out, and the parts stay valid."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insigne.core.verify import verify
from insigne.web.awards.actions import award_badge
from insigne.web.awards.issuance import Recipient
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion
from insigne.web.pathways import actions
from insigne.web.pathways.models import Grouping
from insigne.web.pathways.regrouping import holders
from insigne.web.public.fetching import platform_fetcher

from .conftest import Cast
from .test_pathways_support import (
    CAMILLE,
    NOAH,
    SACHA,
    badge,
    give,
    group_award_url,
    group_url,
    holders_of,
    rectec,
    speaking,
    teamwork,
    words,
)

pytestmark = pytest.mark.django_db


def grouped(cast: Cast, *parts: BadgeVersion, certification: str = "") -> Grouping:
    return actions.define_grouped_badge(
        cast.organisation,
        cast.editor,
        [p.badge for p in parts],
        actions.GroupedContent(
            "Compétences transversales",
            "Réunit deux compétences.",
            "",
            certification_code=certification,
        ),
    )


@pytest.fixture
def parts(cast: Cast) -> tuple[BadgeVersion, BadgeVersion]:
    return teamwork(cast.organisation), speaking(cast.organisation)


def test_exactly_the_people_holding_every_valid_part_are_listed(
    cast: Cast, parts: tuple[BadgeVersion, BadgeVersion]
) -> None:
    team, oral = parts
    group = grouped(cast, team, oral)
    for version in parts:
        give(version, CAMILLE)
    give(team, SACHA, name="Sacha Petit")  # one part only
    give(team, NOAH, name="Noah Blanc")
    give(oral, NOAH, name="Noah Blanc", state=Award.State.REVOKED)
    past = timezone.now() - timedelta(days=1)
    for email, changes in [
        ("suspendu@example.org", {"state": Award.State.SUSPENDED}),
        ("expire@example.org", {"valid_until": past}),
        ("efface@example.org", {"erased_at": past}),
    ]:
        give(team, email)
        give(oral, email, **changes)
    give(team, "deja@example.org")
    give(oral, "deja@example.org")
    give(group.badge.versions.get(), "deja@example.org")
    version = group.badge.versions.get()
    assert [h.email for h in holders(group, version)] == [CAMILLE]
    page = words(cast.client(cast.awarder).get(group_url(cast.organisation, group.badge)))
    assert "1 personne détient toutes les parties." in page
    assert CAMILLE in page
    for absent in (SACHA, NOAH, "suspendu@", "expire@", "efface@", "deja@"):
        assert absent not in page


def test_a_revoked_grouped_badge_does_not_count_as_held(
    cast: Cast, parts: tuple[BadgeVersion, BadgeVersion]
) -> None:
    group = grouped(cast, *parts)
    for version in parts:
        give(version, CAMILLE)
    give(group.badge.versions.get(), CAMILLE, state=Award.State.REVOKED)
    assert [h.email for h in holders(group, group.badge.versions.get())] == [CAMILLE]


def test_one_action_awards_everyone_listed_once_with_their_levels_and_leaves_the_parts_valid(
    cast: Cast, parts: tuple[BadgeVersion, BadgeVersion], django_capture_on_commit_callbacks: Any
) -> None:
    team, oral = parts
    certified = badge(
        cast.organisation,
        "Autonomie",
        rectec("Organiser son activité", "RECTEC-ORG-1"),
        certification=("RS5476", "Certification d'exemple"),
    )
    group = grouped(cast, team, oral, certified, certification="RS5476")
    for email, name in [(CAMILLE, "Camille Roux"), (SACHA, "Sacha Petit")]:
        give(team, email, name=name, levels={"Travailler en équipe": "Maîtrise"})
        give(oral, email, name=name, levels={"Communiquer à l'oral": "Application"})
        give(certified, email, name=name)
    before = list(Award.objects.values_list("pk", "state"))
    client = cast.client(cast.awarder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(group_award_url(cast.organisation, group.badge), {"tous": "1"})
    assert response.status_code == 302
    assert holders_of(group.badge) == [CAMILLE, SACHA]
    assert sorted(m.to[0] for m in mail.outbox) == [CAMILLE, SACHA]
    assert (
        list(Award.objects.filter(pk__in=[p for p, _ in before]).values_list("pk", "state"))
        == before
    )
    assert all(state == Award.State.ACTIVE for _, state in before)
    award = Award.objects.get(version__badge=group.badge, recipient_email=CAMILLE)
    assert award.recipient_name == "Camille Roux"
    assert award.levels == {
        "Travailler en équipe": "Maîtrise",
        "Communiquer à l'oral": "Application",
    }
    assert award.created_by == cast.awarder
    result = verify(award.credential.encode(), email=CAMILLE, fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]
    alignments = json.loads(award.credential)["credentialSubject"]["achievement"]["alignment"]
    assert [(a["targetName"], a.get("targetCode"), a.get("targetType")) for a in alignments] == [
        ("Travailler en équipe", "RECTEC-ORG-3", "CFItem"),
        ("Communiquer à l'oral", "RECTEC-COM-1", "CFItem"),
        ("Organiser son activité", "RECTEC-ORG-1", "CFItem"),
        ("Certification d'exemple", "RS5476", "ext:FranceCompetencesRS"),
    ]
    page = words(client.get(response["Location"]))
    assert "Badge regroupé attribué à 2 personnes" in page
    assert "Personne ne détient toutes les parties sans avoir déjà le badge regroupé." in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(group_award_url(cast.organisation, group.badge), {"tous": "1"})
        client.post(group_award_url(cast.organisation, group.badge), {"une": CAMILLE})
    assert holders_of(group.badge) == [CAMILLE, SACHA]
    assert len(mail.outbox) == 2


def test_awarding_a_selection_awards_only_the_people_ticked(
    cast: Cast, parts: tuple[BadgeVersion, BadgeVersion]
) -> None:
    group = grouped(cast, *parts)
    for email in (CAMILLE, SACHA, NOAH):
        for version in parts:
            give(version, email)
    client = cast.client(cast.owner)
    url = group_award_url(cast.organisation, group.badge)
    client.post(url, {"personnes": [CAMILLE, NOAH, "inconnue@example.org"]})
    assert holders_of(group.badge) == [CAMILLE, NOAH]
    page = words(client.get(group_url(cast.organisation, group.badge)))
    assert "1 personne n'a pas reçu le badge" in page
    client.post(url, {"une": SACHA})
    assert holders_of(group.badge) == [CAMILLE, NOAH, SACHA]


def test_someone_who_received_the_grouped_badge_meanwhile_is_not_awarded_again(
    cast: Cast, parts: tuple[BadgeVersion, BadgeVersion]
) -> None:
    group = grouped(cast, *parts)
    for version in parts:
        give(version, CAMILLE)
    version = group.badge.versions.get()
    award_badge(version, Recipient(CAMILLE, "Camille Roux"), by=cast.awarder)
    result = actions.award_grouped_badge(group, [CAMILLE], by=cast.awarder)
    assert (result.awarded, result.skipped) == (0, 1)
    assert holders_of(group.badge) == [CAMILLE]


def test_a_bad_selection_gets_a_message_not_an_error(
    cast: Cast, parts: tuple[BadgeVersion, BadgeVersion]
) -> None:
    group = grouped(cast, *parts)
    client = cast.client(cast.awarder)
    url = group_award_url(cast.organisation, group.badge)
    for data in ({"personnes": ["pas-une-adresse"]}, {}, {"une": "<script>"}):
        response = client.post(url, data)
        assert response.status_code == 302
    page = words(client.get(group_url(cast.organisation, group.badge)))
    assert "La sélection n'a pas pu être lue : recommencez." in page
    assert "Cochez au moins une personne, ou attribuez à toutes." in page
    assert not Award.objects.filter(version__badge=group.badge).exists()


def test_an_archived_grouped_badge_is_not_awarded(
    cast: Cast, parts: tuple[BadgeVersion, BadgeVersion]
) -> None:
    group = grouped(cast, *parts)
    for version in parts:
        give(version, CAMILLE)
    group.badge.archived = True
    group.badge.save()
    client = cast.client(cast.awarder)
    page = words(client.get(group_url(cast.organisation, group.badge)))
    assert "Ce badge est archivé : il ne peut pas être attribué." in page
    assert 'name="tous"' not in page
    client.post(group_award_url(cast.organisation, group.badge), {"tous": "1"})
    assert holders_of(group.badge) == []


def test_designers_see_the_list_but_only_awarders_award(
    cast: Cast, parts: tuple[BadgeVersion, BadgeVersion]
) -> None:
    group = grouped(cast, *parts)
    for version in parts:
        give(version, CAMILLE)
    editor = cast.client(cast.editor)
    page = editor.get(group_url(cast.organisation, group.badge)).content.decode()
    assert CAMILLE in page
    assert 'name="personnes"' not in page
    url = group_award_url(cast.organisation, group.badge)
    assert editor.post(url, {"tous": "1"}).status_code == 403
    for outsider in (cast.outsider, cast.learner):
        client = cast.client(outsider)
        assert client.get(group_url(cast.organisation, group.badge)).status_code == 404
        assert client.post(url, {"tous": "1"}).status_code == 404
    assert cast.client(None).post(url, {"tous": "1"}).status_code == 302  # to sign in
    assert holders_of(group.badge) == []


def test_a_badge_that_groups_nothing_has_no_such_page(
    cast: Cast, parts: tuple[BadgeVersion, BadgeVersion]
) -> None:
    response = cast.client(cast.owner).get(group_url(cast.organisation, parts[0].badge))
    assert response.status_code == 404


def test_the_list_costs_the_same_queries_for_any_number_of_people(
    cast: Cast, parts: tuple[BadgeVersion, BadgeVersion]
) -> None:
    group = grouped(cast, *parts)
    client = cast.client(cast.awarder)
    url = group_url(cast.organisation, group.badge)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    for version in parts:
        give(version, CAMILLE)
    few = count()
    for n in range(6):
        give(parts[0], f"personne{n}@example.org", levels={"Travailler en équipe": "Maîtrise"})
        give(parts[1], f"personne{n}@example.org")
    assert count() == few
