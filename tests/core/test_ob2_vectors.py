"""Open Badges 2.0 against 1EdTech's validator fixtures (shared/vectors/1edtech-validator/ob20).

The validator's tests serve ``https://example.org/<name>``, ``http://example.org/<name>`` and
``https://www.example.org/<name>`` from ``ob20/assets/<name>``; so does ``served`` below. A
hosted assertion is trusted only as fetched from its id, so each fixture is also served at
its own ``id``.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from insigne.core.fetch import LocalFetcher
from insigne.core.ob2 import (
    Ob2Verification,
    verify_assertion,
    verify_hosted_assertion,
    verify_signed_assertion,
)
from insigne.core.ob2.revocation import find_revocation
from insigne.core.outcome import Outcome
from tests.conftest import load_json
from tests.core.test_vc_jwt import png_text

NOW = datetime(2025, 6, 1, tzinfo=UTC)
PREFIXES = ("https://www.example.org/", "https://example.org/", "http://example.org/")
LEARNER = "nobody@example.org"


@pytest.fixture
def ob20(vectors: Path) -> Path:
    return vectors / "1edtech-validator" / "ob20"


def assets(ob20: Path, *extra: dict[str, Any]) -> dict[str, Any]:
    documents: dict[str, Any] = {
        prefix + path.name: path.read_bytes()
        for path in (ob20 / "assets").iterdir()
        for prefix in PREFIXES
    }
    for document in extra:
        documents[document["id"]] = document
    return documents


def served(ob20: Path, *extra: dict[str, Any]) -> LocalFetcher:
    return LocalFetcher(assets(ob20, *extra))


def states(result: Ob2Verification) -> dict[str, Outcome]:
    return {check.name: check.outcome for check in result.checks}


def warnings(result: Ob2Verification) -> set[str]:
    return {check.name for check in result.checks if check.outcome is Outcome.WARNING}


def failures(result: Ob2Verification) -> set[str]:
    return {check.name for check in result.checks if check.outcome is Outcome.FAIL}


@pytest.mark.parametrize("name", ["simple.jwt", "simple-not-revoked.jwt"])
def test_1edtech_signed_assertions_verify(ob20: Path, name: str) -> None:
    result = verify_signed_assertion(
        (ob20 / name).read_text(), fetcher=served(ob20), now=NOW, email=LEARNER
    )
    assert result.verified and not result.revoked
    assert states(result)["signature"] is Outcome.PASS
    assert states(result)["key-provenance"] is Outcome.PASS
    assert states(result)["recipient"] is Outcome.PASS
    assert result.badge is not None and result.issuer is not None
    assert not warnings(result)


def test_1edtech_revoked_signed_assertion_is_reported_revoked(ob20: Path) -> None:
    result = verify_signed_assertion(
        (ob20 / "simple-revoked.jwt").read_text(), fetcher=served(ob20), now=NOW
    )
    assert result.revoked and not result.verified
    assert result.revocation_reason == "A good reason, for sure"
    assert states(result)["signature"] is Outcome.PASS
    assert failures(result) == {"revocation"}


def test_signed_assertion_checked_against_another_issuers_key_fails(ob20: Path) -> None:
    # simple.jwt names key1 as its creator; key3, served there instead, belongs to another
    # issuer, which organization.json does not list.
    documents = assets(ob20)
    documents["http://example.org/key1.json"] = (ob20 / "assets" / "key3.json").read_bytes()
    result = verify_signed_assertion(
        (ob20 / "simple.jwt").read_text(), fetcher=LocalFetcher(documents), now=NOW
    )
    assert not result.verified
    assert "key-provenance" in failures(result)
    assert "signature" not in states(result)


def test_recipient_is_matched_by_salted_hash(ob20: Path) -> None:
    token = (ob20 / "simple.jwt").read_text()
    for email, expected in [
        (LEARNER, Outcome.PASS),
        ("  Nobody@Example.ORG ", Outcome.PASS),
        ("someone@else.org", Outcome.FAIL),
    ]:
        result = verify_signed_assertion(token, fetcher=served(ob20), now=NOW, email=email)
        assert states(result)["recipient"] is expected, email


HOSTED_VALID = [
    "basic-assertion.json",
    "basic-assertion-no-public-key.json",
    "basic-assertion-with-language.json",
    "assertion-with-data-image.json",
    "assertion-with-endorsements.json",
    "assertion-with-extension-node-basic.json",
    "assertion-with-multiple-extensions.json",
]


@pytest.mark.parametrize("name", HOSTED_VALID)
def test_1edtech_hosted_assertions_verify(ob20: Path, name: str) -> None:
    assertion = json.loads((ob20 / name).read_text())
    result = verify_hosted_assertion(
        assertion, fetcher=served(ob20, assertion), now=NOW, email=LEARNER
    )
    assert result.verified, [c for c in result.checks if c.outcome is not Outcome.PASS]
    assert not warnings(result)
    assert states(result)["scope"] is Outcome.PASS
    assert result.assertion == assertion


HOSTED_WITH_WARNINGS = {
    # The issuer id is a urn:uuid: no host to check the assertion URL against.
    "warning-issuer-non-http.json": {"scope", "issuer-document"},
    # The badge fetched from altbadgeurl.json declares the id robotics-badge.json.
    "warning-with-redirection.json": {"badge-document"},
    # The issuer's VerificationObject names other allowed hosts or URL prefixes; the badge
    # and issuer files are served under other names than their ids, as in the validator.
    "basic-assertion-with-allowed-origins.json": {"badge-document", "issuer-document"},
    "basic-assertion-with-allowed-origins-valid-starts-with.json": {
        "badge-document",
        "issuer-document",
    },
    "basic-assertion-with-allowed-origins-valid-multiple-starts-with.json": {
        "badge-document",
        "issuer-document",
    },
}


@pytest.mark.parametrize(("name", "expected"), HOSTED_WITH_WARNINGS.items())
def test_1edtech_hosted_assertions_verify_with_warnings(
    ob20: Path, name: str, expected: set[str]
) -> None:
    assertion = json.loads((ob20 / name).read_text())
    result = verify_hosted_assertion(assertion, fetcher=served(ob20, assertion), now=NOW)
    assert result.verified
    assert warnings(result) == expected


HOSTED_INVALID = {
    "basic-assertion-expired.json": ("dates", "expired"),
    "basic-assertion-expired-before-issued.json": ("dates", "before issuedOn"),
    "basic-assertion-in-future.json": ("dates", "after now"),
    "basic-assertion-invalid-context.json": ("assertion-context", "openbadges/invalid"),
    "basic-assertion-invalid-type.json": ("assertion-data", "OtherAssertion"),
    "basic-assertion-with-allowed-origins-invalid-starts-with.json": ("scope", "starts with"),
    "basic-assertion-with-allowed-origins-invalid-multiple-starts-with.json": (
        "scope",
        "starts with",
    ),
}


@pytest.mark.parametrize(("name", "expected"), HOSTED_INVALID.items())
def test_1edtech_invalid_hosted_assertions_fail(
    ob20: Path, name: str, expected: tuple[str, str]
) -> None:
    assertion = json.loads((ob20 / name).read_text())
    result = verify_hosted_assertion(assertion, fetcher=served(ob20, assertion), now=NOW)
    assert not result.verified
    failing = [check for check in result.checks if check.outcome is Outcome.FAIL]
    assert [check.name for check in failing] == [expected[0]]
    assert expected[1] in failing[0].detail


def test_1edtech_redirected_assertion_is_accepted_with_a_warning(ob20: Path) -> None:
    # The fixture is JSON with // comments: both URLs in its first comment serve it.
    text = re.sub(r"\s//[^\n]*", "", (ob20 / "redirected-validation-subject.json").read_text())
    assertion = json.loads(text)
    documents = assets(ob20)
    documents["https://example.org/beths-robotics-badge.json"] = assertion
    result = verify_hosted_assertion(
        "https://example.org/beths-robotics-badge.json", fetcher=LocalFetcher(documents), now=NOW
    )
    assert result.verified
    assert warnings(result) == {"assertion-document"}


def test_1edtech_baked_png_assertion_verifies(ob20: Path) -> None:
    text = png_text(ob20 / "simple-badge.png", b"openbadges")
    assertion = json.loads(text)
    result = verify_assertion(text, fetcher=served(ob20, assertion), now=NOW, email=LEARNER)
    assert result.verified and states(result)["recipient"] is Outcome.PASS
    assert result.assertion == assertion


def test_1edtech_revocation_list_names_assertions_as_objects_or_strings(ob20: Path) -> None:
    listing = load_json(ob20 / "assets" / "revocation-list.json")
    revoked = "https://example.org/beths-robotics-badge-revoked.json"
    assert find_revocation(listing, {"id": revoked}) == (True, "A good reason, for sure")
    for bare in ("urn:uuid:52e4c6b3-8c13-4fa8-8482-a5cf34ef37a9",
                 "urn:uuid:6deb4a00-ebce-4b28-8cc2-afa705ef7be4"):  # fmt: skip
        assert find_revocation(listing, {"id": bare}) == (True, None)
    assert find_revocation(listing, {"id": "https://example.org/beths-robotics-badge.json"}) == (
        False,
        None,
    )
