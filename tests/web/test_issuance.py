"""Issuing awards: signed Open Badges 3.0 credentials that the engine verifies."""

from __future__ import annotations

import json

import pytest

from insigne.core.verify import verify
from insigne.web.awards.actions import change_state
from insigne.web.awards.issuance import Recipient, issue
from insigne.web.awards.models import Award
from insigne.web.awards.status import signed_document
from insigne.web.badges.models import BadgeVersion
from insigne.web.public.fetching import platform_fetcher

from .conftest import Cast

pytestmark = pytest.mark.django_db


def test_an_award_is_a_credential_that_verifies(cast: Cast, grouped_badge: BadgeVersion) -> None:
    [award] = issue(
        grouped_badge,
        [Recipient("Camille@Apprenant.example", "Camille Roux", {"Communiquer": "Maîtrise"})],
        by=cast.awarder,
    )
    result = verify(
        award.credential.encode(), email="camille@apprenant.example", fetcher=platform_fetcher()
    )
    assert result.verified, [(c.name, c.detail) for c in result.failures()]
    credential = json.loads(award.credential)
    achievement = credential["credentialSubject"]["achievement"]
    assert [a["targetName"] for a in achievement["alignment"]][-1] == "Certification d'exemple"
    assert len(achievement["resultDescription"]) == 2  # two competences have levels
    assert credential["credentialSubject"]["result"][0]["achievedLevel"].endswith(
        "competence-2-level-3"
    )


def test_a_revoked_award_is_reported_revoked(cast: Cast, grouped_badge: BadgeVersion) -> None:
    [award] = issue(grouped_badge, [Recipient("camille@apprenant.example")], by=cast.awarder)
    assert change_state([award], Award.State.REVOKED, "Fraude constatée") == 1
    result = verify(award.credential.encode(), fetcher=platform_fetcher())
    assert not result.verified
    assert result.revoked


def test_an_unknown_level_issues_nothing(cast: Cast, grouped_badge: BadgeVersion) -> None:
    with pytest.raises(ValueError):
        issue(
            grouped_badge,
            [
                Recipient("a@example.org"),
                Recipient("b@example.org", levels={"Communiquer": "Expert"}),
            ],
            by=cast.awarder,
        )
    assert Award.objects.count() == 0


def test_the_status_list_is_signed_again_only_after_a_change(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    [award] = issue(grouped_badge, [Recipient("a@example.org")], by=cast.awarder)
    status_list = award.revocation_list
    assert status_list is not None
    first = signed_document(status_list)
    status_list.refresh_from_db()
    assert signed_document(status_list) == first
    change_state([award], Award.State.SUSPENDED, "Vérification en cours")
    status_list.refresh_from_db()
    assert signed_document(status_list) != first


def test_a_batch_is_stored_exactly_as_issued(cast: Cast, grouped_badge: BadgeVersion) -> None:
    """Whatever the database (COPY on PostgreSQL): every column comes back as it was built."""
    from datetime import UTC, datetime

    recipients = [
        Recipient(
            f"p{n}@example.org",
            f"Personne « {n} » \\ \t tab",
            {"Travailler en équipe": "Application"} if n % 2 else {},
            evidence=({"url": "https://example.org/p", "narrative": 'guillemets " et \\'},),
            narrative="ligne 1\nligne 2",
            awarded_at=datetime(2025, 3, 12, 9, 30, tzinfo=UTC),
        )
        for n in range(3)
    ]
    issued = issue(grouped_badge, recipients, by=cast.awarder)
    assert all(award.pk for award in issued)
    for award in issued:
        stored = Award.objects.get(pk=award.pk)
        for field in (
            "public_id", "recipient_email", "recipient_name", "levels", "evidence", "narrative",
            "awarded_at", "valid_until", "salt", "credential", "credential_jwt", "claim_token",
            "revocation_list_id", "revocation_index", "state", "public", "created_by_id",
            "organisation_id", "version_id",
        ):  # fmt: skip
            assert getattr(stored, field) == getattr(award, field), field
        assert stored.created_at is not None
