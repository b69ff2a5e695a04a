"""Open Badges 3.0 structural rules: the subject and its identity, closed objects, vocabularies."""

from __future__ import annotations

from typing import Any

import pytest

from insigne.core.ob3 import (
    validate_credential,
)
from tests.core.ob3_documents import (
    badge,
    changed,
    errors,
    without,
)

# --- subject and identity ------------------------------------------------------------------------


def test_a_subject_needs_an_id_or_an_identifier() -> None:
    issues = validate_credential(without(badge(), "/credentialSubject/identifier"))

    assert errors(issues) == {("recipient", "/credentialSubject")}


def test_an_id_alone_identifies_the_subject() -> None:
    doc = without(badge(), "/credentialSubject/identifier")
    doc["credentialSubject"]["id"] = "did:example:learner"

    assert validate_credential(doc) == []


@pytest.mark.parametrize("member", ["identifier", "result"])
def test_subject_entries_must_be_objects(member: str) -> None:
    doc = badge()
    doc["credentialSubject"][member].append("urn:x:not-an-object")

    issues = validate_credential(doc)

    assert errors(issues) == {("type", f"/credentialSubject/{member}/1")}


@pytest.mark.parametrize(("value", "ok"), [(3, True), (2.5, True), (True, False), ("3", False)])
def test_credits_earned_is_a_number_and_a_boolean_is_not_one(value: Any, ok: bool) -> None:
    path = "/credentialSubject/creditsEarned"

    issues = validate_credential(changed(badge(), path, value))

    assert errors(issues) == (set() if ok else {("type", path)})


def test_the_identity_object_is_closed() -> None:
    path = "/credentialSubject/identifier/0/email"

    assert errors(validate_credential(changed(badge(), path, "a@example.com"))) == {
        ("closed-object", path)
    }


@pytest.mark.parametrize(
    ("value", "ok"), [("email", False), ("ext:email", True), ("emailAddress", True)]
)
def test_the_identity_type_comes_from_the_vocabulary(value: str, ok: bool) -> None:
    path = "/credentialSubject/identifier/0/identityType"

    issues = validate_credential(changed(badge(), path, value))

    assert errors(issues) == (set() if ok else {("enum", path)})


@pytest.mark.parametrize(
    "digest", ["a@example.com", "sha256$123", "md5$" + "0" * 64, "SHA256$" + "A" * 64]
)
def test_a_hashed_identity_has_the_alg_dollar_hex_form(digest: str) -> None:
    path = "/credentialSubject/identifier/0/identityHash"

    issues = validate_credential(changed(badge(), path, digest))

    assert errors(issues) == (set() if digest.startswith("SHA256") else {("format", path)})


def test_a_plain_identity_may_be_any_text() -> None:
    doc = changed(badge(), "/credentialSubject/identifier/0/hashed", False)
    doc["credentialSubject"]["identifier"][0]["identityHash"] = "a@example.com"

    assert validate_credential(doc) == []


def test_hashed_must_be_a_boolean() -> None:
    path = "/credentialSubject/identifier/0/hashed"

    assert errors(validate_credential(changed(badge(), path, "true"))) == {("type", path)}


# --- closed Image and IdentifierEntry ------------------------------------------------------------


def test_an_image_is_an_object_not_a_bare_url() -> None:
    doc = changed(badge(), "/issuer/image", "https://badges.example.fr/logo.png")

    assert errors(validate_credential(doc)) == {("type", "/issuer/image")}


def test_an_image_is_closed_and_typed_image() -> None:
    doc = changed(badge(), "/issuer/image/alt", "logo")
    doc["issuer"]["image"]["type"] = ["Image"]

    assert errors(validate_credential(doc)) == {
        ("closed-object", "/issuer/image/alt"),
        ("type", "/issuer/image/type"),
    }


def test_an_identifier_entry_is_closed() -> None:
    doc = changed(
        badge(),
        "/issuer/otherIdentifier",
        [{"type": "IdentifierEntry", "identifier": "1", "identifierType": "sourcedId", "x": 1}],
    )

    assert errors(validate_credential(doc)) == {("closed-object", "/issuer/otherIdentifier/0/x")}


def test_closed_object_paths_escape_slashes_and_tildes() -> None:
    doc = badge()
    doc["issuer"]["image"]["a~b/c"] = 1

    assert errors(validate_credential(doc)) == {("closed-object", "/issuer/image/a~0b~1c")}


# --- enumerations --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "bad", "good"),
    [
        ("/credentialSubject/achievement/achievementType", "Program", "ext:Program"),
        ("/credentialSubject/achievement/resultDescription/0/resultType", "Grade", "ext:Grade"),
        ("/credentialSubject/achievement/alignment/0/targetType", "Skill", "ext:Skill"),
    ],
)
def test_extensible_vocabularies_take_listed_or_ext_values(path: str, bad: str, good: str) -> None:
    assert errors(validate_credential(changed(badge(), path, bad))) == {("enum", path)}
    assert validate_credential(changed(badge(), path, good)) == []


@pytest.mark.parametrize(
    ("value", "ok"), [("Completed", True), ("Done", False), ("ext:Done", False)]
)
def test_the_result_status_vocabulary_is_closed(value: str, ok: bool) -> None:
    path = "/credentialSubject/result/0/status"

    assert errors(validate_credential(changed(badge(), path, value))) == (
        set() if ok else {("enum", path)}
    )


def test_the_enum_message_suggests_the_ext_prefix() -> None:
    path = "/credentialSubject/achievement/achievementType"

    [issue] = validate_credential(changed(badge(), path, "Program"))

    assert "ext:" in issue.message.fr and "ext:" in issue.message.en
