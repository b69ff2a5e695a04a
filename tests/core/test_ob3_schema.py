"""Open Badges 3.0 / VC 2.0 structural rules, one behaviour at a time, plus hostile input."""

from __future__ import annotations

import copy
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

VC_V1 = "https://www.w3.org/2018/credentials/v1"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
SHA = "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"


def badge() -> dict[str, Any]:
    """A small valid OpenBadgeCredential, with one of most things."""
    return {
        "@context": [VC_V2, OB_303],
        "id": "urn:uuid:2e7c2f3a-1d5b-4e8a-9b61-7a0f3c9d1e22",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Premiers secours",
        "issuer": {
            "id": "https://badges.example.fr/issuers/1",
            "type": ["Profile"],
            "name": "Croix des Tilleuls",
            "image": {"id": "https://badges.example.fr/logo.png", "type": "Image"},
        },
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": SHA,
                    "salt": "Kosher",
                }
            ],
            "achievement": {
                "id": "https://badges.example.fr/achievements/psc1",
                "type": ["Achievement"],
                "name": "PSC1",
                "description": "Prévention et secours civiques.",
                "criteria": {"narrative": "Suivre la formation."},
                "achievementType": "Certificate",
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": "Alerter",
                        "targetUrl": "https://referentiel.example.fr/alerter",
                        "targetType": "ceasn:Competency",
                    }
                ],
                "resultDescription": [
                    {
                        "id": "urn:x:rd:1",
                        "type": ["ResultDescription"],
                        "name": "Niveau",
                        "resultType": "RubricCriterionLevel",
                        "rubricCriterionLevel": [
                            {
                                "id": "urn:x:level:1",
                                "type": ["RubricCriterionLevel"],
                                "name": "Acquis",
                            }
                        ],
                    }
                ],
            },
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": "urn:x:rd:1",
                    "achievedLevel": "urn:x:level:1",
                }
            ],
        },
        "evidence": [{"type": ["Evidence"], "narrative": "Mise en situation."}],
        "proof": [{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022"}],
    }


def endorsement() -> dict[str, Any]:
    return {
        "@context": [VC_V2, OB_303],
        "id": "urn:uuid:0c8d3f3e-9d7e-4f4e-8f0b-5d2e1c7a9b10",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": "Recommandation",
        "issuer": {"id": "https://federation.example.fr", "type": ["Profile"]},
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "https://badges.example.fr/issuers/1",
            "type": ["EndorsementSubject"],
        },
        "proof": {"type": "DataIntegrityProof"},
    }


def _parent(doc: Any, path: str) -> tuple[Any, str | int]:
    steps = path.strip("/").split("/")
    node = doc
    for step in steps[:-1]:
        node = node[int(step)] if isinstance(node, list) else node[step]
    last = steps[-1]
    return node, int(last) if isinstance(node, list) else last


def changed(doc: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``doc`` with the member at ``path`` set to ``value``."""
    doc = copy.deepcopy(doc)
    node, key = _parent(doc, path)
    node[key] = value
    return doc


def without(doc: dict[str, Any], path: str) -> dict[str, Any]:
    """A copy of ``doc`` without the member at ``path``."""
    doc = copy.deepcopy(doc)
    node, key = _parent(doc, path)
    del node[key]
    return doc


def found(issues: list[SchemaIssue]) -> set[tuple[str, str, str]]:
    return {(issue.severity, issue.code, issue.path) for issue in issues}


def errors(issues: list[SchemaIssue]) -> set[tuple[str, str]]:
    return {(issue.code, issue.path) for issue in issues if issue.severity == "error"}


# --- the base documents --------------------------------------------------------------------


def test_the_reference_badge_and_endorsement_are_valid() -> None:
    assert validate_credential(badge()) == []
    assert validate_credential(endorsement()) == []


# --- required members -------------------------------------------------------------------------


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


# --- @context ---------------------------------------------------------------------------------


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


# --- types and classes ------------------------------------------------------------------------


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
    node, key = _parent(doc, path)
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
    node, key = _parent(doc, path)

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


# --- URIs and dates ----------------------------------------------------------------------------


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


# --- subject and identity ---------------------------------------------------------------------


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


# --- closed Image and IdentifierEntry -----------------------------------------------------------


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


# --- enumerations -----------------------------------------------------------------------------


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


# --- status, schema, refresh, terms --------------------------------------------------------


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


# --- endorsements and JWS -----------------------------------------------------------------


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


# --- references and emptiness (warnings) --------------------------------------------------


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


# --- profile -------------------------------------------------------------------------------


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


# --- VC 2.0 only ---------------------------------------------------------------------------


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


# --- hostile input -------------------------------------------------------------------------


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
