"""Open Badges 3.0 structural rules: required members, @context, types and classes, URIs
and dates."""

from __future__ import annotations

from typing import Any

import pytest

from insigne.core.ob3 import (
    SchemaIssue,
    validate_credential,
)
from tests.core.ob3_documents import (
    OB_303,
    VC_V1,
    VC_V2,
    badge,
    changed,
    endorsement,
    errors,
    found,
    parent,
    without,
)

# --- the base documents --------------------------------------------------------------------------


def test_the_reference_badge_and_endorsement_are_valid() -> None:
    assert validate_credential(badge()) == []
    assert validate_credential(endorsement()) == []


# --- required members ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/@context",
        "/id",
        "/type",
        "/issuer",
        "/validFrom",
        "/credentialSubject",
        "/issuer/id",
        "/issuer/type",
        "/issuer/image/id",
        "/credentialSubject/type",
        "/credentialSubject/achievement",
        "/credentialSubject/achievement/id",
        "/credentialSubject/achievement/type",
        "/credentialSubject/achievement/name",
        "/credentialSubject/achievement/description",
        "/credentialSubject/achievement/criteria",
        "/credentialSubject/achievement/alignment/0/targetName",
        "/credentialSubject/achievement/alignment/0/targetUrl",
        "/credentialSubject/achievement/resultDescription/0/resultType",
        "/credentialSubject/achievement/resultDescription/0/rubricCriterionLevel/0/name",
        "/credentialSubject/identifier/0/identityHash",
        "/credentialSubject/identifier/0/hashed",
        "/credentialSubject/result/0/type",
        "/evidence/0/type",
        "/proof/0/type",
    ],
)
def test_a_missing_required_member_is_an_error_at_its_path(path: str) -> None:
    issues = validate_credential(without(badge(), path))

    assert ("required", path) in errors(issues)


def test_the_required_message_names_the_member_in_plain_french_and_english() -> None:
    path = "/credentialSubject/achievement/criteria"

    [issue] = validate_credential(without(badge(), path))

    assert issue == SchemaIssue(path, "required", issue.message, "error")
    assert issue.message.fr == "Le champ « critères » est obligatoire dans l'achievement."
    assert issue.message.en == "The achievement must have criteria."


def test_every_issue_has_both_languages() -> None:
    broken = changed(badge(), "/credentialSubject", {"type": 3, "achievement": "x", "extra": None})

    issues = validate_credential(broken)

    assert issues
    assert all(i.message.fr and i.message.en and i.message.fr != i.message.en for i in issues)


def test_a_null_member_is_an_error_even_when_optional() -> None:
    issues = validate_credential(changed(badge(), "/name", None))

    assert errors(issues) == {("null", "/name")}


# --- @context ------------------------------------------------------------------------------------


def test_the_vc_2_context_must_come_first() -> None:
    issues = validate_credential(changed(badge(), "/@context", [OB_303, VC_V2]))

    assert ("context", "/@context/0") in errors(issues)


def test_the_ob_context_must_be_present() -> None:
    issues = validate_credential(changed(badge(), "/@context", [VC_V2, "https://example.fr/ctx"]))

    assert ("context", "/@context") in errors(issues)


def test_the_ob_context_must_come_second() -> None:
    context = [VC_V2, "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json", OB_303]

    issues = validate_credential(changed(badge(), "/@context", context))

    assert errors(issues) == {("context-order", "/@context/2")}


@pytest.mark.parametrize(
    "url",
    [
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    ],
)
def test_an_older_ob_context_is_only_a_warning(url: str) -> None:
    issues = validate_credential(changed(badge(), "/@context", [VC_V2, url]))

    assert found(issues) == {("warning", "context-version", "/@context/1")}


def test_a_newer_ob_context_is_accepted_silently() -> None:
    url = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.1.0.json"

    assert validate_credential(changed(badge(), "/@context", [VC_V2, url])) == []


@pytest.mark.parametrize("entry", [42, None, "not a url", ["nested"]])
def test_context_entries_are_urls_or_objects(entry: Any) -> None:
    issues = validate_credential(changed(badge(), "/@context", [VC_V2, OB_303, entry]))

    assert errors(issues) == {("format", "/@context/2")}


def test_an_inline_context_object_is_allowed() -> None:
    context = [VC_V2, OB_303, {"ex": "https://example.fr/terms#"}]

    assert validate_credential(changed(badge(), "/@context", context)) == []


def test_a_vc_1_1_credential_is_read_with_an_older_format_warning() -> None:
    old = without(changed(badge(), "/@context", [VC_V1, OB_303]), "/validFrom")
    old["issuanceDate"] = "2025-01-01T00:00:00Z"
    old["expirationDate"] = "2030-01-01T00:00:00Z"

    assert found(validate_credential(old)) == {("warning", "older-format", "/@context/0")}


def test_a_vc_1_1_credential_still_needs_its_issuance_date() -> None:
    old = without(changed(badge(), "/@context", [VC_V1, OB_303]), "/validFrom")

    assert ("required", "/issuanceDate") in errors(validate_credential(old))


def test_a_vc_1_1_credential_with_dates_in_the_wrong_order_is_refused() -> None:
    old = without(changed(badge(), "/@context", [VC_V1, OB_303]), "/validFrom")
    old |= {"issuanceDate": "2025-01-01T00:00:00Z", "expirationDate": "2024-01-01T00:00:00Z"}

    assert ("date-order", "/expirationDate") in errors(validate_credential(old))


# --- types and classes ---------------------------------------------------------------------------


def test_the_credential_type_must_name_an_open_badge() -> None:
    issues = validate_credential(changed(badge(), "/type", ["VerifiableCredential", "X"]))

    assert errors(issues) == {("class", "/type")}
    assert issues[0].message.fr == (
        "Le type du badge doit contenir « OpenBadgeCredential / AchievementCredential »."
    )


def test_the_achievement_credential_alias_is_accepted() -> None:
    doc = changed(badge(), "/type", ["VerifiableCredential", "AchievementCredential"])

    assert validate_credential(doc) == []


@pytest.mark.parametrize(
    "path",
    [
        "/issuer/type",
        "/credentialSubject/type",
        "/credentialSubject/achievement/type",
        "/credentialSubject/achievement/alignment/0/type",
        "/credentialSubject/result/0/type",
        "/evidence/0/type",
    ],
)
def test_a_lone_type_string_is_accepted_where_an_array_is_expected(path: str) -> None:
    doc = badge()
    node, key = parent(doc, path)
    kinds = node[key]
    value = kinds[-1]

    assert validate_credential(changed(doc, path, value)) == []


@pytest.mark.parametrize("member", ["proof", "credentialSchema", "termsOfUse"])
def test_a_lone_object_is_accepted_for_the_compactable_arrays(member: str) -> None:
    entry = {"id": "https://example.fr/x", "type": "X"}

    assert validate_credential(changed(badge(), f"/{member}", entry)) == []
    assert validate_credential(changed(badge(), f"/{member}", [entry])) == []


@pytest.mark.parametrize(
    "path",
    ["/evidence", "/credentialSubject/result", "/credentialSubject/achievement/alignment"],
)
def test_a_lone_object_is_refused_for_other_arrays(path: str) -> None:
    doc = badge()
    node, key = parent(doc, path)

    issues = validate_credential(changed(doc, path, node[key][0]))

    assert errors(issues) == {("type", path)}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("/issuer/type", ["Organization"]),
        ("/credentialSubject/type", "Subject"),
        ("/credentialSubject/achievement/type", ["BadgeClass"]),
        ("/credentialSubject/result/0/type", ["InvalidResult"]),
        ("/credentialSubject/identifier/0/type", "InvalidIdentityObject"),
    ],
)
def test_a_wrong_class_is_an_error(path: str, value: Any) -> None:
    assert errors(validate_credential(changed(badge(), path, value))) == {("class", path)}


# --- URIs and dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/id",
        "/issuer/id",
        "/credentialSubject/achievement/id",
        "/credentialSubject/achievement/alignment/0/targetUrl",
        "/credentialSubject/result/0/resultDescription",
    ],
)
@pytest.mark.parametrize("value", ["example.fr/1", "https ://example.fr", "", "1234"])
def test_ids_and_links_must_be_uris_with_a_scheme(path: str, value: str) -> None:
    issues = validate_credential(changed(badge(), path, value))

    assert ("format", path) in errors(issues)


@pytest.mark.parametrize(
    "value", ["urn:uuid:1", "did:key:z6Mk", "data:image/png;base64,AA", "x+y.z-1:"]
)
def test_any_scheme_makes_a_uri(value: str) -> None:
    assert validate_credential(changed(badge(), "/id", value)) == []


@pytest.mark.parametrize(
    "value", ["2025-01-01", "2025-01-01T00:00:00", "2025-02-30T00:00:00Z", "demain", 20250101]
)
def test_valid_from_must_be_a_date_time_with_a_time_zone(value: Any) -> None:
    issues = validate_credential(changed(badge(), "/validFrom", value))

    assert errors(issues) & {("format", "/validFrom"), ("type", "/validFrom")}


def test_valid_until_before_valid_from_is_an_error() -> None:
    doc = changed(badge(), "/validUntil", "2024-12-31T23:59:59Z")

    assert errors(validate_credential(doc)) == {("date-order", "/validUntil")}


def test_dates_are_compared_as_instants_not_as_text() -> None:
    doc = changed(badge(), "/validUntil", "2024-12-31T20:00:00-05:00")

    assert validate_credential(doc) == []
