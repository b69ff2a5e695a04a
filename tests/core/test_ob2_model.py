"""Open Badges 2.0 documents built by Insigne, and what a verifier makes of them."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from insigne.core import ob2
from insigne.core.fetch import LocalFetcher
from insigne.core.ob2 import (
    Alignment,
    Assertion,
    BadgeClass,
    CryptographicKey,
    Issuer,
    Recipient,
    revocation_list_json,
    revoked_assertion_json,
    sign_assertion,
    verify_hosted_assertion,
    verify_signed_assertion,
)
from insigne.core.outcome import Outcome

NOW = datetime(2025, 1, 1, tzinfo=UTC)
SITE = "https://badges.example.fr"
KEY_URL = f"{SITE}/keys/1.json"
REVOKED_URL = f"{SITE}/revoked.json"

ISSUER = Issuer(
    id=f"{SITE}/issuer.json",
    name="Atelier Fabrique",
    url=SITE,
    email="contact@badges.example.fr",
    description="Tiers-lieu de fabrication numérique",
    public_keys=(KEY_URL,),
    revocation_list=REVOKED_URL,
)
BADGE = BadgeClass(
    id=f"{SITE}/badges/teamwork.json",
    name="Travail d'équipe",
    description="Coopère au sein d'un groupe.",
    image=f"{SITE}/badges/teamwork.png",
    issuer=ISSUER.id,
    criteria_url=f"{SITE}/badges/teamwork",
    criteria_narrative="Observé lors de **trois** projets.",
    alignment=(
        Alignment("Coopérer", "https://example.org/competences/cooperer", target_code="C1"),
    ),
    tags=("coopération", "soft skills"),
)


def hosted(**changes: Any) -> Assertion:
    values: dict[str, Any] = {
        "id": f"{SITE}/assertions/42.json",
        "recipient": Recipient.hashed_email("Camille.Martin@Example.fr ", salt="sel-de-mer"),
        "badge": BADGE.id,
        "issued_on": datetime(2024, 3, 1, 9, 30, 15, 123456, tzinfo=UTC),
        "expires": datetime(2027, 3, 1, tzinfo=UTC),
        "evidence": (f"{SITE}/projets/robot",),
        "narrative": "A animé l'atelier robotique.",
    }
    values.update(changes)
    return Assertion(**values)


def publish(*documents: dict[str, Any]) -> LocalFetcher:
    """Serve documents at their ids as JSON text, the way an issuer's site would."""
    return LocalFetcher({doc["id"]: json.dumps(doc, ensure_ascii=False) for doc in documents})


def test_assertion_json_is_open_badges_2() -> None:
    digest = hashlib.sha256(b"camille.martin@example.frsel-de-mer").hexdigest()
    assert hosted().to_json() == {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": f"{SITE}/assertions/42.json",
        "recipient": {
            "type": "email",
            "hashed": True,
            "identity": f"sha256${digest}",
            "salt": "sel-de-mer",
        },
        "badge": BADGE.id,
        "verification": {"type": "HostedBadge"},
        "issuedOn": "2024-03-01T09:30:15Z",
        "expires": "2027-03-01T00:00:00Z",
        "evidence": f"{SITE}/projets/robot",
        "narrative": "A animé l'atelier robotique.",
    }


def test_badge_class_and_issuer_json() -> None:
    badge = BADGE.to_json()
    assert badge["type"] == "BadgeClass" and badge["issuer"] == ISSUER.id
    assert badge["criteria"] == {
        "narrative": "Observé lors de **trois** projets.",
        "id": f"{SITE}/badges/teamwork",
    }
    assert badge["alignment"] == [
        {
            "targetName": "Coopérer",
            "targetUrl": "https://example.org/competences/cooperer",
            "targetCode": "C1",
        }
    ]
    assert badge["tags"] == ["coopération", "soft skills"]
    issuer = ISSUER.to_json()
    assert issuer["publicKey"] == KEY_URL and issuer["revocationList"] == REVOKED_URL
    bare = Issuer(id=f"{SITE}/i", name="A", url=SITE, email="a@b.fr").to_json()
    assert set(bare) == {"@context", "type", "id", "name", "url", "email"}


def test_criteria_url_alone_is_written_as_a_url() -> None:
    badge = BadgeClass(
        "https://b.fr/1", "N", "D", "https://b.fr/1.png", "https://b.fr/i", "https://b.fr/c"
    )
    assert badge.to_json()["criteria"] == "https://b.fr/c"
    with pytest.raises(ValueError, match="criteria"):
        BadgeClass("https://b.fr/1", "N", "D", "https://b.fr/1.png", "https://b.fr/i")


def test_assertion_refuses_inconsistent_values() -> None:
    with pytest.raises(ValueError, match="verification_type"):
        hosted(verification_type="hosted")
    with pytest.raises(ValueError, match="creator"):
        hosted(verification_type="SignedBadge")
    with pytest.raises(ValueError, match="creator"):
        hosted(verification_creator=KEY_URL)
    with pytest.raises(ValueError, match="expire"):
        hosted(expires=datetime(2024, 1, 1, tzinfo=UTC))
    with pytest.raises(ValueError, match="time zone"):
        hosted(issued_on=datetime(2024, 3, 1), expires=None).to_json()


def test_hashed_recipient_gets_a_fresh_salt_and_matches_its_address() -> None:
    first, second = Recipient.hashed_email("a@b.fr"), Recipient.hashed_email("a@b.fr")
    assert first.salt != second.salt and first.identity != second.identity
    assert first.matches("A@B.fr") and not first.matches("a@c.fr")


def test_published_documents_verify_as_hosted() -> None:
    assertion = hosted()
    fetcher = publish(assertion.to_json(), BADGE.to_json(), ISSUER.to_json())
    result = verify_hosted_assertion(
        assertion.id, fetcher=fetcher, now=NOW, email="camille.martin@example.fr"
    )
    assert result.verified, [c for c in result.checks if c.outcome is not Outcome.PASS]
    assert all(check.outcome is Outcome.PASS for check in result.checks)
    assert result.assertion == assertion.to_json()
    assert result.badge == BADGE.to_json() and result.issuer == ISSUER.to_json()
    expired = verify_hosted_assertion(
        assertion.id, fetcher=fetcher, now=datetime(2027, 3, 1, tzinfo=UTC)
    )
    assert not expired.verified


def test_assertion_with_embedded_badge_class_verifies_as_hosted() -> None:
    assertion = hosted(badge=BADGE)
    document = assertion.to_json()
    assert document["badge"] == {k: v for k, v in BADGE.to_json().items() if k != "@context"}
    result = verify_hosted_assertion(document, fetcher=publish(document, ISSUER.to_json()), now=NOW)
    assert result.verified


def test_revoked_hosted_assertion_is_reported_with_its_reason() -> None:
    url = hosted().id
    revoked = revoked_assertion_json(url, "Obtenu par erreur")
    result = verify_hosted_assertion(url, fetcher=publish(revoked), now=NOW)
    assert result.revoked and not result.verified
    assert result.revocation_reason == "Obtenu par erreur"
    gone = verify_hosted_assertion(url, fetcher=LocalFetcher({}, gone=frozenset({url})), now=NOW)
    assert gone.revoked and not gone.verified


@pytest.fixture(scope="module")
def issuer_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def signed_setup(
    issuer_key: rsa.RSAPrivateKey, revoked: list[tuple[str, str | None]]
) -> tuple[Assertion, LocalFetcher]:
    assertion = hosted(
        id="urn:uuid:5b1f0c2e-7a4d-4e8b-9c3a-2f6d8e1a4b7c",
        verification_type="SignedBadge",
        verification_creator=KEY_URL,
    )
    key = CryptographicKey.from_public_key(KEY_URL, ISSUER.id, issuer_key.public_key())
    fetcher = publish(
        BADGE.to_json(),
        ISSUER.to_json(),
        key.to_json(),
        revocation_list_json(REVOKED_URL, revoked),
    )
    return assertion, fetcher


def test_signed_assertion_created_here_verifies(issuer_key: rsa.RSAPrivateKey) -> None:
    assertion, fetcher = signed_setup(issuer_key, [("urn:uuid:other", None)])
    token = sign_assertion(assertion.to_json(), issuer_key)
    result = verify_signed_assertion(
        token, fetcher=fetcher, now=NOW, email="camille.martin@example.fr"
    )
    assert result.verified and not result.revoked
    assert all(check.outcome is Outcome.PASS for check in result.checks)
    assert result.assertion == assertion.to_json()


def test_signed_assertion_on_the_revocation_list_is_revoked(issuer_key: rsa.RSAPrivateKey) -> None:
    assertion, fetcher = signed_setup(issuer_key, [(hosted().id, None)])
    token = sign_assertion(assertion.to_json(), issuer_key)
    assert verify_signed_assertion(token, fetcher=fetcher, now=NOW).verified
    assertion, fetcher = signed_setup(issuer_key, [(assertion.id, "Fraude")])
    result = verify_signed_assertion(token, fetcher=fetcher, now=NOW)
    assert result.revoked and result.revocation_reason == "Fraude" and not result.verified


def test_only_signed_assertions_are_signed(issuer_key: rsa.RSAPrivateKey) -> None:
    with pytest.raises(ValueError, match="SignedBadge"):
        sign_assertion(hosted().to_json(), issuer_key)
    document = hosted(verification_type="SignedBadge", verification_creator=KEY_URL).to_json()
    document["verification"]["creator"] = "key-1"
    with pytest.raises(ValueError, match="creator"):
        sign_assertion(document, issuer_key)


def test_revocation_list_json_shape() -> None:
    assert revocation_list_json(REVOKED_URL, [("urn:a", "Fraude"), ("urn:b", None)]) == {
        "@context": "https://w3id.org/openbadges/v2",
        "id": REVOKED_URL,
        "type": "RevocationList",
        "revokedAssertions": [{"id": "urn:a", "revocationReason": "Fraude"}, "urn:b"],
    }


def test_public_surface_is_exactly_the_documented_one() -> None:
    assert sorted(ob2.__all__) == [
        "Alignment", "Assertion", "BadgeClass", "CryptographicKey", "Issuer",
        "Ob2Verification", "Recipient", "recipient_matches", "revocation_list_json",
        "revoked_assertion_json", "sign_assertion", "verify_assertion",
        "verify_hosted_assertion", "verify_signed_assertion",
    ]  # fmt: skip
    assert all(hasattr(ob2, name) for name in ob2.__all__)
