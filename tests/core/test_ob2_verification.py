"""Open Badges 2.0 verification when documents lie, move, disappear or are malformed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insigne.core.fetch import FetchError, LocalFetcher, Response, no_network
from insigne.core.multibase import b64url_encode
from insigne.core.ob2 import (
    CryptographicKey,
    Ob2Verification,
    revocation_list_json,
    sign_assertion,
    verify_assertion,
    verify_hosted_assertion,
    verify_signed_assertion,
)
from insigne.core.outcome import Outcome
from insigne.core.proofs import jws
from tests.core.test_ob2_model import (
    BADGE,
    ISSUER,
    KEY_URL,
    NOW,
    REVOKED_URL,
    SITE,
    hosted,
)

EMAIL = "camille.martin@example.fr"


def states(result: Ob2Verification) -> dict[str, Outcome]:
    return {check.name: check.outcome for check in result.checks}


def failing(result: Ob2Verification) -> list[str]:
    return [check.name for check in result.checks if check.outcome is Outcome.FAIL]


def site(*documents: dict[str, Any]) -> dict[str, Any]:
    """The issuer's site: the hosted assertion, its badge class and issuer, plus ``documents``."""
    served = {d["id"]: d for d in (hosted().to_json(), BADGE.to_json(), ISSUER.to_json())}
    served.update({d["id"]: d for d in documents})
    return served


def check_hosted(documents: dict[str, Any], value: Any = None, **kw: Any) -> Ob2Verification:
    return verify_hosted_assertion(
        value or hosted().id, fetcher=LocalFetcher(documents), now=NOW, **kw
    )


def test_only_the_published_copy_of_a_hosted_assertion_counts() -> None:
    shown = hosted().to_json()
    shown["narrative"] = "A inventé la robotique."
    result = check_hosted(site(), shown)
    assert result.verified
    assert states(result)["assertion-copy"] is Outcome.WARNING
    assert result.assertion == hosted().to_json()


@pytest.mark.parametrize("value", ["urn:uuid:1234", "", {"id": 42}, {}, "ftp://x.fr/a"])
def test_assertion_without_a_web_address_cannot_be_verified_as_hosted(value: Any) -> None:
    result = verify_hosted_assertion(value, fetcher=no_network, now=NOW)
    assert not result.verified and failing(result) == ["assertion-document"]


def test_unreachable_assertion_fails() -> None:
    result = check_hosted({})
    assert not result.verified and failing(result) == ["assertion-document"]
    assert "could not be fetched" in result.checks[0].detail


def fetcher_answering(status: int, body: bytes, documents: dict[str, Any]) -> Any:
    local = LocalFetcher(documents)

    def fetch(url: str) -> Response:
        return Response(url, status, body) if url == hosted().id else local(url)

    return fetch


@pytest.mark.parametrize(("status", "body"), [(500, b""), (200, b"<html>"), (200, b"[1]")])
def test_assertion_url_answering_something_else_than_json_fails(status: int, body: bytes) -> None:
    fetch = fetcher_answering(status, body, site())
    result = verify_hosted_assertion(hosted().id, fetcher=fetch, now=NOW)
    assert not result.verified and failing(result) == ["assertion-document"]


def test_signed_assertion_json_is_not_verified_as_hosted() -> None:
    signed = hosted(verification_type="SignedBadge", verification_creator=KEY_URL).to_json()
    result = check_hosted(site(signed))
    assert failing(result) == ["verification"]


def test_badge_class_claiming_another_site_fails() -> None:
    forged = {**BADGE.to_json(), "id": "https://impostor.example/badge.json"}
    documents = site()
    documents[BADGE.id] = forged
    result = check_hosted(documents)
    assert failing(result) == ["badge-document"]


def test_unreachable_issuer_fails() -> None:
    documents = site()
    del documents[ISSUER.id]
    result = check_hosted(documents)
    assert not result.verified and failing(result) == ["issuer-document"]
    assert result.badge == BADGE.to_json() and result.issuer is None


def test_assertion_hosted_away_from_the_issuer_fails_unless_allowed() -> None:
    elsewhere = hosted(id="https://partner.example/assertions/42.json").to_json()
    result = check_hosted(site(elsewhere), elsewhere["id"])
    assert failing(result) == ["scope"]
    issuer = {**ISSUER.to_json(), "verification": {"allowedOrigins": ["partner.example"]}}
    allowed = check_hosted(site(elsewhere, issuer), elsewhere["id"])
    assert allowed.verified and states(allowed)["scope"] is Outcome.PASS


@pytest.mark.parametrize(
    ("kind", "change", "problem"),
    [
        ("badge", {"criteria": None}, "criteria is missing"),
        ("badge", {"image": 12}, "image has an unexpected form"),
        ("badge", {"alignment": [{"targetName": "x"}]}, "alignment"),
        ("issuer", {"email": None}, "email is missing"),
        ("issuer", {"type": "Organization"}, "type 'Organization'"),
        ("assertion", {"recipient": {"identity": "x", "type": "email"}}, "recipient"),
        ("assertion", {"issuedOn": "2024-03-01"}, "issuedOn"),
        ("assertion", {"evidence": [3]}, "evidence"),
    ],
)
def test_missing_or_malformed_properties_fail(
    kind: str, change: dict[str, Any], problem: str
) -> None:
    original = {
        "badge": BADGE.to_json(),
        "issuer": ISSUER.to_json(),
        "assertion": hosted().to_json(),
    }[kind]
    changed = {k: v for k, v in {**original, **change}.items() if v is not None}
    result = check_hosted(site(changed))
    assert failing(result) == [f"{kind}-data"]
    assert problem in next(c.detail for c in result.checks if c.name == f"{kind}-data")


def test_profile_type_and_partial_timestamps_are_accepted() -> None:
    issuer = {**ISSUER.to_json(), "type": ["Profile"]}
    assertion = {**hosted().to_json(), "issuedOn": "2024-03-01T09:30+01:00"}
    assert check_hosted(site(issuer, assertion)).verified


@pytest.mark.parametrize(
    ("recipient", "matches"),
    [
        ({"type": "email", "hashed": False, "identity": "Camille.Martin@example.FR"}, True),
        ({"type": "email", "hashed": False, "identity": "autre@example.fr"}, False),
        ({"type": "url", "hashed": False, "identity": "https://camille.example"}, False),
        ({"type": "email", "hashed": True, "identity": "md5$00", "salt": "x"}, False),
    ],
)
def test_recipient_in_clear_or_of_another_type(recipient: dict[str, Any], matches: bool) -> None:
    assertion = {**hosted().to_json(), "recipient": recipient}
    result = check_hosted(site(assertion), email=EMAIL)
    assert states(result)["recipient"] is (Outcome.PASS if matches else Outcome.FAIL)


def test_no_recipient_check_without_an_address() -> None:
    assert "recipient" not in states(check_hosted(site()))


@pytest.fixture(scope="module")
def issuer_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def signed(**changes: Any) -> dict[str, Any]:
    document = hosted(
        id="urn:uuid:5b1f0c2e-7a4d-4e8b-9c3a-2f6d8e1a4b7c",
        verification_type="SignedBadge",
        verification_creator=KEY_URL,
    ).to_json()
    document.update(changes)
    return document


def signing_site(key: rsa.RSAPrivateKey, *documents: dict[str, Any]) -> dict[str, Any]:
    public = CryptographicKey.from_public_key(KEY_URL, ISSUER.id, key.public_key()).to_json()
    return site(public, revocation_list_json(REVOKED_URL, []), *documents)


def test_changed_signed_assertion_fails_the_signature(issuer_key: rsa.RSAPrivateKey) -> None:
    header, _, signature = sign_assertion(signed(), issuer_key).split(".")
    payload = b64url_encode(json.dumps(signed(narrative="Autre chose")).encode())
    result = verify_signed_assertion(
        f"{header}.{payload}.{signature}",
        fetcher=LocalFetcher(signing_site(issuer_key)),
        now=NOW,
    )
    assert failing(result) == ["signature"]


def test_key_the_issuer_does_not_list_is_refused(issuer_key: rsa.RSAPrivateKey) -> None:
    other_url = f"{SITE}/keys/2.json"
    other = CryptographicKey.from_public_key(other_url, ISSUER.id, issuer_key.public_key())
    token = sign_assertion(
        signed(verification={"type": "signed", "creator": other_url}), issuer_key
    )
    documents = signing_site(issuer_key, other.to_json())
    result = verify_signed_assertion(token, fetcher=LocalFetcher(documents), now=NOW)
    assert failing(result) == ["key-provenance"] and "signature" not in states(result)


def test_key_owned_by_someone_else_is_refused(issuer_key: rsa.RSAPrivateKey) -> None:
    stranger = CryptographicKey.from_public_key(
        KEY_URL, "https://impostor.example/issuer", issuer_key.public_key()
    )
    documents = signing_site(issuer_key, stranger.to_json())
    token = sign_assertion(signed(), issuer_key)
    result = verify_signed_assertion(token, fetcher=LocalFetcher(documents), now=NOW)
    assert failing(result) == ["key-provenance"]


def test_embedded_issuer_cannot_vouch_for_a_key(issuer_key: rsa.RSAPrivateKey) -> None:
    # A forger embeds the issuer, listing a key of theirs; the issuer's own profile is used.
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged_key_url = "https://impostor.example/key.json"
    forged_key = CryptographicKey.from_public_key(forged_key_url, ISSUER.id, forger.public_key())
    forged_issuer = {**ISSUER.to_json(), "publicKey": forged_key_url}
    badge = {**BADGE.to_json(), "issuer": forged_issuer}
    token = sign_assertion(
        signed(badge=badge, verification={"type": "SignedBadge", "creator": forged_key_url}),
        forger,
    )
    documents = signing_site(issuer_key, forged_key.to_json())
    result = verify_signed_assertion(token, fetcher=LocalFetcher(documents), now=NOW)
    assert not result.verified and "key-provenance" in failing(result)
    assert result.issuer == ISSUER.to_json()


def test_without_creator_the_issuer_listed_keys_are_tried(issuer_key: rsa.RSAPrivateKey) -> None:
    # sign_assertion insists on a creator; OB 2.0 lets verifiers fall back on the issuer's keys.
    document = signed(verification={"type": "SignedBadge"})
    token = jws.sign_compact(json.dumps(document).encode(), issuer_key)
    result = verify_signed_assertion(token, fetcher=LocalFetcher(signing_site(issuer_key)), now=NOW)
    assert result.verified and states(result)["signature"] is Outcome.PASS


def test_unreachable_revocation_list_fails(issuer_key: rsa.RSAPrivateKey) -> None:
    documents = signing_site(issuer_key)
    del documents[REVOKED_URL]
    token = sign_assertion(signed(), issuer_key)
    result = verify_signed_assertion(token, fetcher=LocalFetcher(documents), now=NOW)
    assert failing(result) == ["revocation-list-document"] and not result.revoked


def test_revocation_by_deprecated_uid(issuer_key: rsa.RSAPrivateKey) -> None:
    documents = signing_site(issuer_key, revocation_list_json(REVOKED_URL, [("abc-1", "Doublon")]))
    token = sign_assertion(signed(uid="abc-1"), issuer_key)
    result = verify_signed_assertion(token, fetcher=LocalFetcher(documents), now=NOW)
    assert result.revoked and result.revocation_reason == "Doublon"


def test_one_entry_point_for_the_three_forms(issuer_key: rsa.RSAPrivateKey) -> None:
    documents = signing_site(issuer_key)
    fetcher = LocalFetcher(documents)
    token = sign_assertion(signed(), issuer_key)
    assert verify_assertion(token + "\n", fetcher=fetcher, now=NOW).verified
    assert verify_assertion(hosted().id, fetcher=fetcher, now=NOW).verified
    assert verify_assertion(json.dumps(hosted().to_json()), fetcher=fetcher, now=NOW).verified
    assert not verify_assertion("{not json", fetcher=fetcher, now=NOW).verified


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
MEMBERS = st.sampled_from(
    ["@context", "type", "recipient", "badge", "verification", "issuedOn", "expires", "image",
     "evidence", "issuer", "publicKey", "revocationList", "criteria", "name", "uid", "revoked"]
)  # fmt: skip


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(MEMBERS, JSON, max_size=8), st.sampled_from(["assertion", "badge", "issuer"])
)
def test_malformed_documents_never_raise(members: dict[str, Any], kind: str) -> None:
    documents = site()
    target = {"assertion": hosted().id, "badge": BADGE.id, "issuer": ISSUER.id}[kind]
    documents[target] = {**documents[target], **members, "id": target}
    result = verify_hosted_assertion(hosted().id, fetcher=LocalFetcher(documents), now=NOW)
    assert isinstance(result.verified, bool)


@given(st.text(max_size=200))
def test_garbage_never_raises(text: str) -> None:
    assert not verify_assertion(text, fetcher=no_network, now=NOW).verified


def test_fetcher_errors_are_checks_not_exceptions() -> None:
    def broken(url: str) -> Response:
        raise FetchError("connection refused")

    result = verify_hosted_assertion(hosted().id, fetcher=broken, now=NOW)
    assert not result.verified and "connection refused" in result.checks[0].detail
