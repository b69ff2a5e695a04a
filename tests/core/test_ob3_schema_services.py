"""Open Badges 3.0 structural rules: status, schema, refresh and terms entries, endorsements
and references."""

from __future__ import annotations

from typing import Any

import pytest

from insigne.core.ob3 import (
    validate_credential,
    validate_profile,
)
from tests.core.ob3_documents import (
    badge,
    changed,
    endorsement,
    errors,
    found,
    without,
)

# --- status, schema, refresh, terms --------------------------------------------------------------


def bitstring(index: Any) -> dict[str, Any]:
    return {
        "id": "https://badges.example.fr/status/1#7",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": index,
        "statusListCredential": "https://badges.example.fr/status/1",
    }


def test_a_bitstring_entry_with_a_string_index_is_valid() -> None:
    assert validate_credential(changed(badge(), "/credentialStatus", bitstring("7"))) == []


def test_an_integer_status_list_index_is_a_formatting_warning() -> None:
    issues = validate_credential(changed(badge(), "/credentialStatus", bitstring(7)))

    assert found(issues) == {("warning", "format", "/credentialStatus/statusListIndex")}
    assert "formatting" in issues[0].message.en and "mise en forme" in issues[0].message.fr


@pytest.mark.parametrize("index", [-1, "-1", "abc", 1.5, True, None, "٣"])
def test_an_unreadable_status_list_index_is_an_error(index: Any) -> None:
    issues = validate_credential(changed(badge(), "/credentialStatus", bitstring(index)))

    assert ("format", "/credentialStatus/statusListIndex") in errors(issues) or (
        "null",
        "/credentialStatus/statusListIndex",
    ) in errors(issues)


def test_a_bitstring_entry_needs_its_list_and_purpose() -> None:
    entry = {"id": "https://x.fr/s#1", "type": "BitstringStatusListEntry", "statusListIndex": "1"}

    assert errors(validate_credential(changed(badge(), "/credentialStatus", entry))) == {
        ("required", "/credentialStatus/statusPurpose"),
        ("required", "/credentialStatus/statusListCredential"),
    }


def test_ob_wants_one_status_object_with_an_id_and_a_type() -> None:
    status = {"id": "https://x.fr/rl", "type": "1EdTechRevocationList"}

    assert errors(validate_credential(changed(badge(), "/credentialStatus", [status]))) == {
        ("type", "/credentialStatus")
    }
    assert errors(
        validate_credential(changed(badge(), "/credentialStatus", {"id": "https://x.fr/rl"}))
    ) == {("required", "/credentialStatus/type")}
    assert errors(validate_credential(changed(badge(), "/credentialStatus", {"type": "X"}))) == {
        ("required", "/credentialStatus/id")
    }


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"type": "1EdTechJsonSchemaValidator2019"}, {("required", "/credentialSchema/0/id")}),
        ({"id": "https://x.fr/s.json"}, {("required", "/credentialSchema/0/type")}),
        ({"id": "x.json", "type": "JsonSchema"}, {("format", "/credentialSchema/0/id")}),
    ],
)
def test_credential_schema_entries_need_a_uri_id_and_a_type(entry: Any, expected: Any) -> None:
    assert errors(validate_credential(changed(badge(), "/credentialSchema", [entry]))) == expected


def test_a_refresh_service_needs_an_id_and_a_type() -> None:
    doc = changed(badge(), "/refreshService", {"type": "1EdTechCredentialRefresh"})

    assert errors(validate_credential(doc)) == {("required", "/refreshService/id")}


# --- endorsements and JWS ------------------------------------------------------------------------


def test_an_endorsement_without_a_proof_is_an_error() -> None:
    assert errors(validate_credential(without(endorsement(), "/proof"))) == {("unsigned", "/proof")}


def test_an_embedded_endorsement_without_a_proof_is_an_error_at_its_path() -> None:
    doc = changed(badge(), "/issuer/endorsement", [without(endorsement(), "/proof")])

    assert errors(validate_credential(doc)) == {("unsigned", "/issuer/endorsement/0/proof")}


def test_embedded_endorsements_are_checked_like_top_level_ones() -> None:
    bad = changed(endorsement(), "/credentialSubject/type", ["Subject"])
    doc = changed(badge(), "/credentialSubject/achievement/endorsement", [bad])

    path = "/credentialSubject/achievement/endorsement/0/credentialSubject/type"
    assert errors(validate_credential(doc)) == {("class", path)}


def test_an_endorsement_needs_a_name() -> None:
    assert errors(validate_credential(without(endorsement(), "/name"))) == {("required", "/name")}


@pytest.mark.parametrize(
    ("jws", "ok"),
    [
        ("eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln", True),
        ("eyJhbGciOiJFZERTQSJ9..c2ln", True),
        ("a.b", False),
        ("a.b.c d", False),
    ],
)
def test_endorsement_jwts_are_compact_jws(jws: str, ok: bool) -> None:
    issues = validate_credential(changed(badge(), "/endorsementJwt", [jws]))

    assert errors(issues) == (set() if ok else {("format", "/endorsementJwt")})


def test_an_endorsement_entry_must_be_an_object() -> None:
    doc = changed(badge(), "/issuer/endorsement", ["eyJhbGciOiJFZERTQSJ9.e30.c2ln"])

    assert errors(validate_credential(doc)) == {("type", "/issuer/endorsement/0")}


def test_an_endorsement_needs_a_subject() -> None:
    issues = validate_credential(without(endorsement(), "/credentialSubject"))

    assert errors(issues) == {("required", "/credentialSubject")}


def test_endorsements_nested_through_their_issuers_are_followed_down_to_the_limit() -> None:
    profile: dict[str, Any] = {"id": "https://example.fr/0", "type": ["Profile"]}
    for level in range(1, 40):
        vouching = changed(endorsement(), "/issuer", profile)
        profile = {
            "id": f"https://example.fr/{level}",
            "type": ["Profile"],
            "endorsement": [vouching],
        }

    issues = validate_profile(profile)

    assert [i.code for i in issues] == ["depth"]


# --- references and emptiness (warnings) ---------------------------------------------------------


def test_a_result_pointing_nowhere_is_a_warning() -> None:
    path = "/credentialSubject/result/0/achievedLevel"

    issues = validate_credential(changed(badge(), path, "urn:x:level:9"))

    assert found(issues) == {("warning", "reference", path)}


def test_an_empty_array_is_a_warning_because_it_must_be_omitted() -> None:
    issues = validate_credential(changed(badge(), "/credentialSubject/achievement/tag", []))

    assert found(issues) == {("warning", "empty", "/credentialSubject/achievement/tag")}


def test_empty_criteria_are_a_warning() -> None:
    path = "/credentialSubject/achievement/criteria"

    assert found(validate_credential(changed(badge(), path, {}))) == {("warning", "empty", path)}
