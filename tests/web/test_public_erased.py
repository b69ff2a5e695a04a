"""An award whose learner deleted their account: every public address answers 410 Gone and
says so; nothing says "revoked", and the award's status stays as the issuer left it."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from insigne.core.fetch import FetchError
from insigne.core.verify import verify
from insigne.web.awards.models import Award, EvidenceFile
from insigne.web.badges.models import BadgeVersion
from insigne.web.public.fetching import own_document, platform_fetcher

from .conftest import Cast
from .test_public_support import CAMILLE, award_for

pytestmark = pytest.mark.django_db

GONE = "Ce badge a été supprimé à la demande de son titulaire."
FORMATS = ("badge.png", "badge.svg", "ob3.json", "ob3.jwt", "ob2.png")


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


def erase(award: Award) -> None:
    """What deleting the learner's account does to their award: personal data blanked."""
    Award.objects.filter(pk=award.pk).update(
        erased_at=timezone.now(),
        learner=None,
        recipient_email="",
        recipient_name="",
        narrative="",
        evidence=[],
        levels={},
        salt="",
        credential="",
        credential_jwt="",
    )


def addresses(award: Award) -> list[str]:
    base = f"/b/{award.public_id}"
    return [
        base,
        *(f"{base}/telecharger/{name}" for name in FORMATS),
        f"{base}/partage.png",
        f"{base}/partage.png?telecharger=1",
        f"{base}/qr.svg",
        f"{base}/qr.png",
        f"{base}/linkedin",
        f"{base}/linkedin/partager",
        f"/reclamer/{award.claim_token}",
    ]


def assert_gone_page(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 410, (path, response.status_code)
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert GONE in text
    assert "révoqué" not in text.lower()
    assert "Camille" not in text and "Compétences relationnelles" not in text


@pytest.mark.parametrize("public", [True, False])
@pytest.mark.parametrize("viewer", [None, "learner", "awarder"])
def test_every_address_of_an_erased_award_answers_gone(
    cast: Cast, grouped_badge: BadgeVersion, public: bool, viewer: str | None
) -> None:
    award = award_for(cast, grouped_badge, public=public, linked=True)
    erase(award)
    client = cast.client(getattr(cast, viewer) if viewer else None)
    for path in addresses(award):
        assert_gone_page(client, path)


def test_the_gone_page_speaks_english(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, public=True)
    erase(award)
    response = cast.client(None).get(f"/b/{award.public_id}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410
    assert "This badge was deleted at its holder's request." in response.content.decode()


def test_machines_asking_for_the_credential_get_gone_in_json(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    erase(award)
    response = cast.client(None).get(f"/b/{award.public_id}", HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 410
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document["id"] == f"https://insigne.test/b/{award.public_id}"
    assert document["message"]["fr"] == GONE
    assert "revoked" not in document


def test_a_page_in_the_cache_is_gone_as_soon_as_the_award_is_erased(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    client = cast.client(None)
    assert client.get(f"/b/{award.public_id}").status_code == 200  # now cached
    erase(award)
    assert_gone_page(client, f"/b/{award.public_id}")


def test_the_ob2_assertion_of_an_erased_award_is_not_found_rather_than_revoked(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    """Open Badges 2.0 verifiers read a 410 at an assertion's address as a revocation."""
    award = award_for(cast, grouped_badge, public=True)
    erase(award)
    response = cast.client(None).get(f"/ob2/assertions/{award.public_id}")
    assert response.status_code == 404
    document = json.loads(response.content)
    assert document["id"] == f"https://insigne.test/ob2/assertions/{award.public_id}"
    assert document["message"]["fr"] == GONE
    assert "revoked" not in document and "revocationReason" not in document


def test_evidence_files_of_an_erased_award_are_gone(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    evidence = EvidenceFile.objects.create(
        award=award, name="rapport.pdf", content_type="application/pdf", data=b"%PDF-1.4"
    )
    assert cast.client(None).get(f"/evidence/{evidence.public_id}").status_code == 200
    erase(award)
    assert_gone_page(cast.client(None), f"/evidence/{evidence.public_id}")


def test_the_platform_verifier_no_longer_reads_the_erased_credential(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    assert own_document(f"https://insigne.test/b/{award.public_id}") is not None
    erase(award)
    with pytest.raises(FetchError):
        own_document(f"https://insigne.test/b/{award.public_id}")
    gone = own_document(f"https://insigne.test/ob2/assertions/{award.public_id}")
    assert gone is not None and gone.status == 404


def test_erasing_is_not_revoking_a_copy_the_learner_kept_still_verifies(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    kept = cast.client(None).get(f"/b/{award.public_id}/telecharger/badge.png").content
    erase(award)
    award.refresh_from_db()
    assert award.state == Award.State.ACTIVE and award.state_changed_at is None
    result = verify(kept, email=CAMILLE, fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]
    assert not result.revoked


def test_an_ob2_copy_the_learner_kept_is_not_reported_revoked(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    kept = cast.client(None).get(f"/b/{award.public_id}/telecharger/ob2.png").content
    assert verify(kept, email=CAMILLE, fetcher=platform_fetcher()).verified
    erase(award)
    result = verify(kept, email=CAMILLE, fetcher=platform_fetcher())
    assert not result.verified  # its hosted assertion is gone
    assert not result.revoked


def test_an_award_that_is_not_erased_is_unaffected(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, public=True, linked=True)
    client = cast.client(cast.learner)
    for path in addresses(award):
        assert client.get(path).status_code in (200, 302), path
