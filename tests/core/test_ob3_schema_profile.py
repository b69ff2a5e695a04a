"""Open Badges 3.0 structural rules: profiles, plain VC 2.0 credentials, and hostile input."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insigne.core.ob3 import (
    MAX_DEPTH,
    MAX_ISSUES,
    SchemaIssue,
    validate_credential,
    validate_profile,
    validate_verifiable_credential,
)
from tests.core.ob3_documents import (
    VC_V2,
    badge,
    changed,
    errors,
    without,
)

# --- profile -------------------------------------------------------------------------------------


def test_a_profile_document_is_validated_on_its_own() -> None:
    profile = badge()["issuer"] | {
        "address": {
            "type": ["Address"],
            "geo": {"type": "GeoCoordinates", "latitude": 1, "longitude": "2"},
        },
        "dateOfBirth": "1990-02-30",
        "parentOrg": {"id": "https://example.fr/parent", "type": ["Organization"]},
    }

    assert errors(validate_profile(profile)) == {
        ("type", "/address/geo/longitude"),
        ("format", "/dateOfBirth"),
        ("class", "/parentOrg/type"),
    }
    assert validate_profile(badge()["issuer"]) == []


def test_a_valid_date_of_birth_is_accepted() -> None:
    assert validate_profile(badge()["issuer"] | {"dateOfBirth": "1990-02-28"}) == []


@pytest.mark.parametrize(("value", "code"), [("28/02/1990", "format"), (19900228, "type")])
def test_a_date_of_birth_is_a_calendar_date(value: Any, code: str) -> None:
    issues = validate_profile(badge()["issuer"] | {"dateOfBirth": value})

    assert errors(issues) == {(code, "/dateOfBirth")}


def test_geo_coordinates_are_typed_geo_coordinates() -> None:
    geo = {"type": "Geo", "latitude": 1, "longitude": 2}

    [issue] = validate_profile(badge()["issuer"] | {"address": {"type": "Address", "geo": geo}})

    assert (issue.code, issue.path) == ("class", "/address/geo/type")
    assert issue.message.fr == "Le type des coordonnées géographiques doit être « GeoCoordinates »."


@pytest.mark.parametrize(
    ("value", "ok"), [("fr", True), ("zh-Hant-TW", True), ("French", False), ("fr_FR", False)]
)
def test_in_language_is_a_language_code(value: str, ok: bool) -> None:
    path = "/credentialSubject/achievement/inLanguage"

    issues = validate_credential(changed(badge(), path, value))

    assert errors(issues) == (set() if ok else {("format", path)})


def test_a_rubric_level_must_be_an_object() -> None:
    path = "/credentialSubject/achievement/resultDescription/0/rubricCriterionLevel/0"

    issues = validate_credential(changed(badge(), path, "urn:x:level:1"))

    assert ("type", path) in errors(issues)
    assert issues[0].message.en == "“rubricCriterionLevel” must be an object."


# --- VC 2.0 only ---------------------------------------------------------------------------------


def test_vc_rules_alone_accept_a_plain_verifiable_credential() -> None:
    doc = {
        "@context": [VC_V2],
        "type": "VerifiableCredential",
        "issuer": {"id": "did:example:issuer", "name": [{"@value": "Émetteur", "@language": "fr"}]},
        "credentialSubject": [{"id": "did:example:1"}, {"name": "Camille"}],
        "credentialStatus": [{"type": "X"}, {"type": ["Y", "Z"], "id": "urn:x:1"}],
    }

    assert validate_verifiable_credential(doc) == []
    assert errors(validate_credential(doc)) >= {("context", "/@context"), ("class", "/type")}


@pytest.mark.parametrize("issuer", [5, ["did:example:1"], True])
def test_a_vc_issuer_is_a_url_or_an_object(issuer: Any) -> None:
    doc = {"@context": [VC_V2], "type": "VerifiableCredential", "issuer": issuer,
           "credentialSubject": {"id": "did:example:1"}}  # fmt: skip

    assert errors(validate_verifiable_credential(doc)) == {("type", "/issuer")}


def test_vc_names_may_be_language_values_but_ob_names_are_strings() -> None:
    doc = changed(badge(), "/name", {"@value": "Premiers secours", "@language": "fr"})

    assert validate_verifiable_credential(doc) == []
    assert errors(validate_credential(doc)) == {("type", "/name")}


# --- hostile input -------------------------------------------------------------------------------


def test_deep_nesting_in_an_extension_is_reported_not_followed() -> None:
    deep: Any = "bottom"
    for _ in range(100_000):
        deep = [deep]
    doc = badge() | {"ext": deep}

    issues = validate_credential(doc)

    assert [(i.code, i.path) for i in issues] == [("depth", "/ext" + "/0" * MAX_DEPTH)]


def test_a_parent_organisation_chain_is_followed_down_to_the_limit_only() -> None:
    profile: dict[str, Any] = {"id": "https://example.fr/0", "type": ["Profile"]}
    for level in range(1, 10_000):
        profile = {"id": f"https://example.fr/{level}", "type": ["Bad"], "parentOrg": profile}

    issues = validate_profile(profile)

    assert issues[0].code == "depth"
    assert [i.code for i in issues[1:]] == ["class"] * (MAX_DEPTH + 1)


def test_a_deep_chain_with_few_errors_reports_the_depth() -> None:
    profile: dict[str, Any] = {"id": "https://example.fr/0", "type": ["Profile"]}
    for level in range(1, 200):
        profile = {"id": f"https://example.fr/{level}", "type": ["Profile"], "parentOrg": profile}

    issues = validate_profile(profile)

    assert [i.code for i in issues] == ["depth"]
    assert issues[0].path == "/parentOrg" * (MAX_DEPTH + 1)


@pytest.mark.parametrize(
    "value", [5, "x", None, True, [], [[1, [2]]], {"type": 7}, [{"a": [[]]}], 1e308]
)
@pytest.mark.parametrize(
    "path",
    [
        "/@context",
        "/id",
        "/type",
        "/issuer",
        "/issuer/type",
        "/issuer/image",
        "/validFrom",
        "/credentialSubject",
        "/credentialSubject/identifier",
        "/credentialSubject/identifier/0",
        "/credentialSubject/achievement",
        "/credentialSubject/achievement/criteria",
        "/credentialSubject/achievement/alignment/0",
        "/credentialSubject/achievement/resultDescription",
        "/credentialSubject/result/0/status",
        "/evidence",
        "/proof",
        "/credentialStatus",
    ],
)
def test_a_wrong_type_anywhere_gives_issues_never_exceptions(path: str, value: Any) -> None:
    issues = validate_credential(changed(badge(), path, value))

    assert all(isinstance(issue, SchemaIssue) for issue in issues)


def test_a_document_that_is_not_an_object_is_one_error() -> None:
    for document in (None, [], "credential", 3):
        assert [(i.code, i.path) for i in validate_credential(document)] == [("type", "")]


def test_huge_strings_are_handled_and_kept_out_of_messages() -> None:
    huge = "x" * 5_000_000
    doc = changed(badge(), "/credentialSubject/achievement/achievementType", huge)
    doc["id"] = huge

    issues = validate_credential(doc)

    assert {i.code for i in issues} == {"enum", "format"}
    assert all(len(i.message.fr) < 600 and len(i.message.en) < 600 for i in issues)


def test_a_flood_of_errors_stops_at_the_issue_limit() -> None:
    alignment = [{"type": ["Alignment"]}] * 10_000
    doc = changed(badge(), "/credentialSubject/achievement/alignment", alignment)

    issues = validate_credential(doc)

    assert len(issues) == MAX_ISSUES + 1
    assert issues[-1].code == "too-many-issues"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=30,
)
members = st.sampled_from(
    [
        "@context", "id", "type", "issuer", "validFrom", "validUntil", "credentialSubject",
        "evidence", "proof", "credentialStatus", "credentialSchema", "refreshService",
        "termsOfUse", "endorsement", "endorsementJwt", "image", "name", "awardedDate",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(member=members, value=json_values)
def test_arbitrary_json_in_any_top_level_member_never_raises(member: str, value: Any) -> None:
    for validate in (validate_credential, validate_verifiable_credential):
        issues = validate(badge() | {member: value})
        assert all(isinstance(issue, SchemaIssue) for issue in issues)


@settings(max_examples=200, deadline=None)
@given(
    subject=st.dictionaries(
        st.sampled_from(
            [
                "id",
                "type",
                "identifier",
                "achievement",
                "result",
                "source",
                "image",
                "creditsEarned",
            ]
        ),
        json_values,
    )
)
def test_arbitrary_subjects_never_raise(subject: dict[str, Any]) -> None:
    issues = validate_credential(badge() | {"credentialSubject": subject})

    assert all(isinstance(issue, SchemaIssue) for issue in issues)


@settings(max_examples=200, deadline=None)
@given(document=json_values)
def test_arbitrary_documents_never_raise(document: Any) -> None:
    for validate in (validate_credential, validate_profile, validate_verifiable_credential):
        assert all(isinstance(issue, SchemaIssue) for issue in validate(document))


def test_issues_are_frozen_values() -> None:
    [issue] = validate_credential(without(badge(), "/id"))

    with pytest.raises(dataclasses.FrozenInstanceError):
        issue.code = "other"  # type: ignore[misc]
