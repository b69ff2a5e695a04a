"""The documents machines read: DID document, OB 3.0 Profile and Achievement, status lists,
OB 2.0 Issuer, BadgeClass and hosted Assertion, evidence files; all answered in process to
the platform's own verifier."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from insigne.core.ob2 import verify_hosted_assertion
from insigne.core.verify import verify
from insigne.web.awards.actions import change_state
from insigne.web.awards.models import Award, EvidenceFile
from insigne.web.awards.status import signed_document
from insigne.web.badges.models import BadgeVersion
from insigne.web.issuers.actions import rotate_key
from insigne.web.issuers.models import SigningKey
from insigne.web.public.fetching import own_document, platform_fetcher

from .conftest import Cast
from .images import PNG_64
from .test_public_support import CAMILLE, award_for

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_the_did_document_keeps_every_key_after_a_rotation(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    before = award_for(cast, grouped_badge)
    rotate_key(cast.organisation)
    after = award_for(cast, grouped_badge)
    response = cast.client(None).get(f"/issuers/{cast.organisation.slug}/did.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["id"] == "did:web:insigne.test:issuers:atelier-de-lyon"
    published = [m["publicKeyMultibase"] for m in document["verificationMethod"]]
    keys = SigningKey.objects.filter(organisation=cast.organisation)
    assert sorted(published) == sorted(k.public_multibase for k in keys)
    assert len(published) == 2
    active = keys.get(retired_at__isnull=True).public_multibase
    assert published[0] == active
    for award in (before, after):
        result = verify(award.credential, email=CAMILLE, fetcher=platform_fetcher())
        assert result.verified, [(c.name, c.detail) for c in result.failures()]


def test_the_profile_is_json_for_machines_and_a_page_for_people(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    client = cast.client(None)
    url = f"/issuers/{cast.organisation.slug}"
    profile = client.get(url, HTTP_ACCEPT=JSON).json()
    assert profile["id"] == "did:web:insigne.test:issuers:atelier-de-lyon"
    assert profile["name"] == "Atelier de Lyon"
    assert "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json" in profile["@context"]
    assert client.get(url)["Content-Type"] == "application/ld+json"  # */* is a machine
    html = client.get(url, HTTP_ACCEPT="text/html").content.decode()
    assert '<h1 id="issuer-name">Atelier de Lyon</h1>' in html
    assert f"/badges/{grouped_badge.badge.public_id}/v1" in html
    assert client.get("/issuers/nobody", HTTP_ACCEPT=JSON).status_code == 404
    assert client.get("/issuers/nobody", HTTP_ACCEPT="text/html").status_code == 404


def test_the_logo_is_served_when_there_is_one(cast: Cast) -> None:
    client = cast.client(None)
    assert client.get(f"/issuers/{cast.organisation.slug}/logo.png").status_code == 404
    cast.organisation.logo_png = PNG_64
    cast.organisation.save(update_fields=["logo_png"])
    response = client.get(f"/issuers/{cast.organisation.slug}/logo.png")
    assert (response.status_code, response.content) == (200, PNG_64)


def test_the_achievement_is_the_one_in_the_credentials(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge)
    embedded = json.loads(award.credential)["credentialSubject"]["achievement"]
    client = cast.client(None)
    url = f"/badges/{grouped_badge.badge.public_id}/v1"
    document = client.get(url, HTTP_ACCEPT="application/ld+json").json()
    assert {k: v for k, v in document.items() if k != "@context"} == embedded
    assert embedded["id"] == f"https://insigne.test{url}"
    html = client.get(url, HTTP_ACCEPT="text/html").content.decode()
    assert "<strong>projet collectif</strong>" in html
    assert 'id="competence-2-level-3"' in html  # the ids results point to
    assert client.get(f"/badges/{grouped_badge.badge.public_id}/v2").status_code == 404
    image = client.get(f"{url}/image.png")
    assert (image.status_code, image["Content-Type"], image.content) == (200, "image/png", PNG_64)


def test_the_status_list_is_the_signed_list(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge)
    status_list = award.revocation_list
    assert status_list is not None
    url = f"/issuers/{cast.organisation.slug}/status/{status_list.public_id}"
    response = cast.client(None).get(url)
    assert response.status_code == 200
    assert response.content.decode() == signed_document(status_list)
    assert response["Cache-Control"] == "no-cache"
    wrong_issuer = f"/issuers/{cast.other.slug}/status/{status_list.public_id}"
    assert cast.client(None).get(wrong_issuer).status_code == 404


def test_the_hosted_assertion_verifies_with_the_ob2_verifier(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge)  # private: the hosted assertion stays public
    url = f"https://insigne.test/ob2/assertions/{award.public_id}"
    result = verify_hosted_assertion(
        url, fetcher=platform_fetcher(), now=timezone.now(), email=CAMILLE
    )
    assert result.verified, [(c.name, c.detail) for c in result.checks]
    assert result.badge is not None and result.badge["name"] == "Compétences relationnelles"
    assert result.issuer is not None and result.issuer["email"] == "contact@atelier.example"
    response = cast.client(None).get(f"/ob2/assertions/{award.public_id}")
    assert response.status_code == 200
    assert response.json()["recipient"]["identity"].startswith("sha256$")
    assert CAMILLE not in response.content.decode()
    assert "Camille" not in response.content.decode()


@pytest.mark.parametrize("state", ["revoked", "suspended"])
def test_the_hosted_assertion_is_gone_once_revoked_or_suspended(
    cast: Cast, grouped_badge: BadgeVersion, state: str
) -> None:
    award = award_for(cast, grouped_badge)
    change_state([award], state, "Fraude constatée")
    response = cast.client(None).get(f"/ob2/assertions/{award.public_id}")
    assert response.status_code == 410
    body = response.json()
    url = f"https://insigne.test/ob2/assertions/{award.public_id}"
    assert body["id"] == url
    assert (body["revoked"], body["revocationReason"]) == (True, "Fraude constatée")
    result = verify_hosted_assertion(url, fetcher=platform_fetcher(), now=timezone.now())
    assert not result.verified and result.revoked


def test_the_ob2_issuer_and_badge_class_are_served(cast: Cast, grouped_badge: BadgeVersion) -> None:
    client = cast.client(None)
    issuer = client.get(f"/ob2/issuers/{cast.organisation.slug}").json()
    assert (issuer["type"], issuer["id"]) == (
        "Issuer",
        f"https://insigne.test/ob2/issuers/{cast.organisation.slug}",
    )
    badge = client.get(f"/ob2/badges/{grouped_badge.badge.public_id}/v1").json()
    assert badge["issuer"] == issuer["id"]
    assert (
        badge["criteria"]["id"] == f"https://insigne.test/badges/{grouped_badge.badge.public_id}/v1"
    )
    assert [a["targetName"] for a in badge["alignment"]][-1] == "Certification d'exemple"
    assert client.get("/ob2/issuers/nobody").status_code == 404


def test_the_in_process_fetcher_answers_every_public_document_as_served(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    assert award.revocation_list is not None
    slug, badge = cast.organisation.slug, grouped_badge.badge.public_id
    paths = [
        f"/issuers/{slug}/did.json",
        f"/issuers/{slug}",
        f"/issuers/{slug}/status/{award.revocation_list.public_id}",
        f"/badges/{badge}/v1",
        f"/ob2/issuers/{slug}",
        f"/ob2/badges/{badge}/v1",
        f"/ob2/assertions/{award.public_id}",
        f"/b/{award.public_id}",
    ]
    client = cast.client(None)
    for path in paths:
        served = client.get(path, HTTP_ACCEPT="application/ld+json")
        own = own_document(f"https://insigne.test{path}")
        assert own is not None, path
        assert (own.status, own.body) == (served.status_code, served.content), path
    # The did:web form of the host answers too, whatever the scheme.
    assert own_document(f"http://insigne.test/issuers/{slug}/did.json") is not None
    assert own_document(f"https://elsewhere.example/issuers/{slug}/did.json") is None


def test_the_in_process_fetcher_does_not_publish_a_private_badge(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    from insigne.core.fetch import FetchError

    award = award_for(cast, grouped_badge)
    with pytest.raises(FetchError):
        own_document(f"https://insigne.test/b/{award.public_id}")
    with pytest.raises(FetchError):
        own_document(
            "https://insigne.test/issuers/atelier-de-lyon/status/------------------------------------"
        )


def _evidence(award: Award, name: str, content_type: str, data: bytes) -> EvidenceFile:
    return EvidenceFile.objects.create(award=award, name=name, content_type=content_type, data=data)


def test_evidence_files_follow_the_award_visibility(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge)
    evidence = _evidence(award, "rapport.pdf", "application/pdf", b"%PDF-1.4 ...")
    url = f"/evidence/{evidence.public_id}"
    for viewer in (None, cast.outsider):
        assert cast.client(viewer).get(url).status_code == 404
    response = cast.client(cast.editor).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    Award.objects.filter(pk=award.pk).update(public=True)
    assert cast.client(None).get(url).status_code == 200


@pytest.mark.parametrize(
    "content_type",
    ["text/html", "image/svg+xml", "application/javascript", "text/html; charset=utf-8"],
)
def test_evidence_that_could_run_is_downloaded_not_shown(
    cast: Cast, grouped_badge: BadgeVersion, content_type: str
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    evidence = _evidence(award, "page.html", content_type, b"<script>alert(1)</script>")
    response = cast.client(None).get(f"/evidence/{evidence.public_id}")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_an_expired_award_is_reported_expired(cast: Cast, grouped_badge: BadgeVersion) -> None:
    grouped_badge.expiry = BadgeVersion.Expiry.DURATION
    grouped_badge.expiry_days = 30
    grouped_badge.save()
    award = award_for(
        cast, grouped_badge, public=True, awarded_at=timezone.now() - timedelta(days=60)
    )
    html = cast.client(None).get(f"/b/{award.public_id}").content.decode()
    assert "Expiré le" in html
    assert "Fin de validité" in html
    assert '<div class="verdict fail">' in html
