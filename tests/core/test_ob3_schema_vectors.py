"""Structural validation against published fixtures.

1EdTech validator fixtures (``1edtech-validator/ob30``): the expected issues of every JSON file
are listed in full. Where the outcome differs from 1EdTech's README the entry says why: most
README failures come from checks made elsewhere (signature, clock, status list, network).

DCC fixtures (``v2/dataIntegrityProof/didKey``): the exact set of failing files and reasons.

W3C VC Data Model 2.0 test-suite inputs, run through ``validate_verifiable_credential``. The
suite POSTs them to an issuer, which supplies the issuer, so an ``issuer`` (or an issuer
``id``) is added when absent, except in ``credential-no-issuer-fail.json`` whose point is
its absence; ``PAST DATE``/``FUTURE DATE`` placeholders are replaced with fixed dates, as the
suite does. ``-fail-or-inject`` files may be rejected, and are. Excluded:

- ``credential-redef-type-fail.json``, ``credential-redef-type2-fail.json``: redefining a
  protected term is a JSON-LD context-processing error, found when the document is expanded
  (the JSON-LD processor's job), not a data-model rule.
- ``credential-type-mapped-nonurl-fail.json``: knowing that ``ExampleTestCredential`` maps
  to a non-URL needs the context to be processed (JSON-LD).
- ``credential-type-unmapped-fail.json``: knowing that a type term is undefined needs JSON-LD
  expansion (safe mode).
- ``presentation-*.json``: verifiable presentations are not part of this module.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from insigne.core.ob3 import SchemaIssue, validate_credential, validate_verifiable_credential
from tests.conftest import load_json

Expected = tuple[set[tuple[str, str]], set[tuple[str, str]]]  # (errors, warnings)
NONE: Expected = (set(), set())
OLDER_VC = {("older-format", "/@context/0"), ("context-version", "/@context/1")}
INDEX_AS_NUMBER = {("format", "/credentialStatus/statusListIndex")}
NO_ACHIEVEMENT = ("required", "/credentialSubject/achievement")


def outcome(issues: list[SchemaIssue]) -> Expected:
    errors = {(i.code, i.path) for i in issues if i.severity == "error"}
    warnings = {(i.code, i.path) for i in issues if i.severity == "warning"}
    return errors, warnings


# --- 1EdTech -----------------------------------------------------------------------------------

ONE_EDTECH: dict[str, Expected] = {
    # Valid per the README.
    "simple.json": NONE,
    "simple-did-key-method.json": NONE,
    "simple-did-web-method.json": NONE,
    "simple-context-alias.json": NONE,
    "endorsement-valid.json": NONE,
    "sd/derivedcredential.json": NONE,
    # README: invalid because its credentialSchema is fetched and checked; the structure is valid.
    "complete.json": NONE,
    # README: one proof has an unknown type; proof types are the proof module's business.
    "simple-multiple-proofs.json": NONE,
    # README failures found by other checks: validUntil passed, or a bad signature.
    "simple-err-expired.json": NONE,
    "simple-err-proof-value.json": NONE,
    "simple-err-proof-method.json": NONE,
    "simple-err-proof-method-unknown-did-method.json": NONE,
    "simple-err-proof-method-unknown-scheme.json": NONE,
    # A verificationMethod must be a URL (VC Data Integrity); the README fails it as a proof.
    "simple-err-proof-method-no-scheme.json": ({("format", "/proof/0/verificationMethod")}, set()),
    # README: revoked (a status check). 1EdTech's own fixture writes statusListIndex as the
    # number 23; the Bitstring Status List spec wants "23". The OB JSON Schema does not constrain
    # the member and 1EdTech's validator reads it, so it is a formatting warning, not an error.
    "bit-string-list/credential-status-revoked.json": (set(), INDEX_AS_NUMBER),
    "bit-string-list/credential-status-revoked-blank-nodes.json": (set(), INDEX_AS_NUMBER),
    # Older but readable: README warnings.
    "simple-context-version.json": (set(), {("context-version", "/@context/1")}),
    "simple-eddsa-2022.json": (set(), OLDER_VC),
    "simple_v1.json": (set(), OLDER_VC),
    "credential-status-revoked.json": (set(), OLDER_VC),  # README: revoked (needs network)
    # README: schema, status and refresh errors. The endorsement uses VC 1.1, which 1EdTech's
    # endorsement check refuses but Insigne reads with a warning everywhere; the status and
    # refresh errors are network fetches.
    "endorsement-err-schema-status-refresh.json": (set(), OLDER_VC),
    # README: a VC 1.1 warning only. The OB 3.0 data model applies to the 1.1 form too: its
    # identityType "email" is not in the vocabulary (emailAddress is), and its embedded
    # endorsements lack the required id (and one its name).
    "complete_v1.json": (
        {
            ("enum", "/credentialSubject/identifier/0/identityType"),
            ("enum", "/credentialSubject/identifier/1/identityType"),
            ("required", "/issuer/endorsement/0/id"),
            ("required", "/endorsement/0/id"),
            ("required", "/credentialSubject/achievement/endorsement/0/id"),
            ("required", "/credentialSubject/achievement/creator/endorsement/0/id"),
            ("required", "/credentialSubject/achievement/creator/endorsement/1/id"),
            ("required", "/credentialSubject/achievement/creator/endorsement/1/name"),
        },
        OLDER_VC
        | {
            (code, f"{where}/@context/{index}")
            for where in (
                "/issuer/endorsement/0",
                "/endorsement/0",
                "/credentialSubject/achievement/endorsement/0",
                "/credentialSubject/achievement/creator/endorsement/0",
                "/credentialSubject/achievement/creator/endorsement/1",
            )
            for code, index in (("older-format", 0), ("context-version", 1))
        },
    ),
    # Invalid per the README, for the reason in the name.
    "simple-err-type.json": ({("class", "/type"), NO_ACHIEVEMENT}, set()),
    "simple-err-issuer.json": ({("required", "/issuer"), NO_ACHIEVEMENT}, set()),
    "simple-err-context.json": (
        {
            ("context", "/@context/0"),  # VC 2.0 context missing
            ("context-order", "/@context/0"),  # so the OB context is first, not second
            ("required", "/validFrom"),  # read as 2.0, it has only a 1.1 issuanceDate
            NO_ACHIEVEMENT,
        },
        set(),
    ),
    "simple-err-issuer-type.json": ({("class", "/issuer/type")}, set()),
    "simple-err-issuer-parentorg-type.json": ({("class", "/issuer/parentOrg/type")}, set()),
    "simple-err-issuer-otheridentifier-type.json": (
        {("class", "/issuer/otherIdentifier/1/type")},
        set(),
    ),
    "simple-err-credential-subject-type.json": ({("class", "/credentialSubject/type")}, set()),
    "simple-err-credential-subject-profile-type.json": (
        {("class", "/credentialSubject/source/type")},
        set(),
    ),
    "simple-err-credential-subject-identifier-type.json": (
        {
            ("class", "/credentialSubject/identifier/0/type"),
            ("format", "/credentialSubject/identifier/0/identityHash"),  # hashed, not alg$hex
        },
        set(),
    ),
    "simple-err-credential-subject-result-type.json": (
        {("class", "/credentialSubject/result/1/type")},
        # The results point at result descriptions the achievement does not have.
        {
            ("reference", "/credentialSubject/result/0/resultDescription"),
            ("reference", "/credentialSubject/result/1/resultDescription"),
            ("reference", "/credentialSubject/result/1/achievedLevel"),
            ("reference", "/credentialSubject/result/2/resultDescription"),
        },
    ),
    "simple-err-credential-subject-achievement-result-description-type.json": (
        {("class", "/credentialSubject/achievement/resultDescription/2/type")},
        set(),
    ),
    "simple-err-evidence-type.json": ({("class", "/evidence/1/type")}, set()),
    # README: validFrom in the future (a clock check). Structurally, it has no achievement.
    "simple-err-issued.json": ({NO_ACHIEVEMENT}, set()),
    # README: no proof (an OB credential may be unsigned here; the proof check reports it).
    "simple-noproof.json": ({NO_ACHIEVEMENT}, OLDER_VC),
}


@pytest.fixture
def ob30(vectors: Path) -> Path:
    return vectors / "1edtech-validator" / "ob30"


def test_every_1edtech_json_fixture_has_an_expected_outcome(ob30: Path) -> None:
    present = {str(path.relative_to(ob30)) for path in ob30.glob("**/*.json")}

    assert present == set(ONE_EDTECH)


@pytest.mark.parametrize("name", sorted(ONE_EDTECH))
def test_1edtech_fixture_outcome(ob30: Path, name: str) -> None:
    assert outcome(validate_credential(load_json(ob30 / name))) == ONE_EDTECH[name]


def test_the_1edtech_schema_error_fixtures_all_fail_with_errors(ob30: Path) -> None:
    failing = {name for name, (errors, _) in ONE_EDTECH.items() if errors}

    assert {name for name in ONE_EDTECH if name.startswith("simple-err-") and "-type" in name} | {
        "simple-err-type.json",
        "simple-err-context.json",
        "simple-err-issuer.json",
    } <= failing


# --- DCC ---------------------------------------------------------------------------------------

NO_SUBJECT_ID = ("recipient", "/credentialSubject")  # neither id nor identifier (spec: MUST)
PROGRAM = ("enum", "/credentialSubject/achievement/achievementType")  # "Program" without ext:
DCC: dict[str, set[tuple[str, str]]] = {
    "legacyRegistry-noStatus-noExpiry-OBSpecExample.json": set(),
    "legacyRegistry-noStatus-noExpiry-alignments.json": set(),
    "legacyRegistry-noStatus-noExpiry-basicOBv3.json": set(),
    "legacyRegistry-noStatus- noExpiry-credSubjName.json": {NO_SUBJECT_ID, PROGRAM},
    "legacyRegistry-noStatus-noExpiry-credSubjName.json": {NO_SUBJECT_ID, PROGRAM},
    "legacyRegistry-noStatus-noExpiry-credName.json": {NO_SUBJECT_ID, PROGRAM},
    # `identifier` is a lone object; the schema wants an array of IdentityObjects.
    "legacyRegistry-noStatus-noExpiry-identityHash.json": {
        ("type", "/credentialSubject/identifier"),
        PROGRAM,
    },
    "legacyRegistry-noStatus-noExpiry-achievementTypeExample.json": {NO_SUBJECT_ID},
    "legacyRegistry-noStatus-notExpired-withSchema.json": {NO_SUBJECT_ID},
    "noRegistry-revokedStatus-noExpiry.json": {NO_SUBJECT_ID},
    "noRegsitry-revokedStatus-notExpired.json": {NO_SUBJECT_ID},
    "oidf-noStatus-notExpired-complexIssuer.json": {NO_SUBJECT_ID},
    "oidf-noStatus-notExpired-notYetValid.json": {NO_SUBJECT_ID},
    "oidf-revokedStatus-noExpiry.json": {NO_SUBJECT_ID},
    "twoOIDF-validStatus-expired.json": {NO_SUBJECT_ID},
    # Dated with a VC 1.1 issuanceDate under the 2.0 context: no validFrom.
    "twoOIDF-revoked-notExpired-badSchema.json": {("required", "/validFrom"), NO_SUBJECT_ID},
    # A plain VerifiableCredential, not an Open Badge at all.
    "legacyRegistry-noStatus-noExpiry-minimal.json": {
        ("context", "/@context"),
        ("class", "/type"),
        ("required", "/validFrom"),
        ("required", "/credentialSubject/type"),
        NO_ACHIEVEMENT,
        NO_SUBJECT_ID,
    },
}


@pytest.fixture
def dcc(vectors: Path) -> Path:
    return (
        vectors
        / "dcc-vc-test-fixtures"
        / "verifiableCredentials"
        / "v2"
        / "dataIntegrityProof"
        / "didKey"
    )


def test_the_dcc_did_key_set_is_the_17_files_listed(dcc: Path) -> None:
    assert {path.name for path in dcc.glob("*.json")} == set(DCC)
    assert len(DCC) == 17


@pytest.mark.parametrize("name", sorted(DCC))
def test_dcc_fixture_outcome(dcc: Path, name: str) -> None:
    assert outcome(validate_credential(load_json(dcc / name))) == (DCC[name], set())


def test_exactly_the_dcc_program_badges_fail_the_achievement_type_rule(dcc: Path) -> None:
    failing = {
        name for name in DCC if PROGRAM in outcome(validate_credential(load_json(dcc / name)))[0]
    }
    uses_program = {
        name
        for name in DCC
        if load_json(dcc / name)["credentialSubject"].get("achievement", {}).get("achievementType")
        == "Program"
    }

    assert failing == uses_program
    assert len(failing) == 4


# --- W3C VC Data Model 2.0 test suite ---------------------------------------------------------

EXCLUDED = {
    "credential-redef-type-fail.json",
    "credential-redef-type2-fail.json",
    "credential-type-mapped-nonurl-fail.json",
    "credential-type-unmapped-fail.json",
}
# Why each -fail input is rejected: one (code, path) that must be among the errors.
FAIL_REASONS = {
    "credential-context-combo3-fail.json": ("format", "/@context/1"),
    "credential-context-combo4-fail.json": ("format", "/@context/1"),
    "credential-evidence-missing-type-fail.json": ("required", "/evidence/type"),
    "credential-id-multi-fail.json": ("type", "/id"),
    "credential-id-nonidentifier-fail.json": ("null", "/id"),
    "credential-id-not-url-fail.json": ("format", "/id"),
    "credential-id-subject-multi-fail.json": ("type", "/credentialSubject/id"),
    "credential-issuer-no-url-fail.json": ("format", "/issuer"),
    "credential-issuer-null-fail.json": ("null", "/issuer"),
    "credential-issuer-object-id-no-url-fail.json": ("format", "/issuer/id"),
    "credential-issuer-object-id-null-fail.json": ("null", "/issuer/id"),
    "credential-missing-base-context-fail-or-inject.json": ("context", "/@context/0"),
    "credential-missing-required-type-fail.json": ("class", "/type"),
    "credential-no-context-fail-or-inject.json": ("required", "/@context"),
    "credential-no-issuer-fail.json": ("required", "/issuer"),
    "credential-no-subject-fail.json": ("required", "/credentialSubject"),
    "credential-no-type-fail.json": ("required", "/type"),
    "credential-proof-missing-type-fail.json": ("required", "/proof/type"),
    "credential-refresh-no-type-fail.json": ("required", "/refreshService/type"),
    "credential-schema-no-id-fail.json": ("required", "/credentialSchema/id"),
    "credential-schema-no-type-fail.json": ("required", "/credentialSchema/type"),
    "credential-schema-non-url-id-fail.json": ("format", "/credentialSchema/id"),
    "credential-status-missing-type-fail.json": ("required", "/credentialStatus/type"),
    "credential-status-multiple-id-fail.json": ("type", "/credentialStatus/id"),
    "credential-status-nonurl-id-fail.json": ("format", "/credentialStatus/id"),
    "credential-status-type-nonurl-fail.json": ("type", "/credentialStatus/type"),
    "credential-subject-multiple-empty-fail.json": ("empty", "/credentialSubject/1"),
    "credential-subject-no-claims-fail.json": ("empty", "/credentialSubject"),
    "credential-termsofuse-missing-type-fail.json": ("required", "/termsOfUse/type"),
    "credential-termsofuse-no-type-fail.json": ("required", "/termsOfUse/type"),
    "credential-validUntil-validFrom-fail.json": ("date-order", "/validUntil"),
    "credential-validfrom-invalid-fail.json": ("format", "/validFrom"),
    "credential-validuntil-invalid-fail.json": ("format", "/validUntil"),
    "names-and-descriptions/credential-description-extra-prop-en-fail.json": (
        "closed-object",
        "/description/url",
    ),
    "names-and-descriptions/credential-name-extra-prop-en-fail.json": (
        "closed-object",
        "/name/url",
    ),
    "names-and-descriptions/issuer-description-extra-prop-en-fail.json": (
        "closed-object",
        "/issuer/description/url",
    ),
    "names-and-descriptions/issuer-name-extra-prop-en-fail.json": (
        "closed-object",
        "/issuer/name/url",
    ),
}


@pytest.fixture
def suite(vectors: Path) -> Path:
    return vectors / "vc-data-model-2.0-test-suite" / "input"


def _as_the_issuer_endpoint_would(name: str, document: dict[str, Any]) -> dict[str, Any]:
    text = json.dumps(document)
    text = text.replace('"PAST DATE"', '"2020-01-01T00:00:00Z"')
    document = json.loads(text.replace('"FUTURE DATE"', '"2099-01-01T00:00:00Z"'))
    if name.endswith("credential-no-issuer-fail.json"):
        return document
    if "issuer" not in document:
        document["issuer"] = "did:example:issuer"
    elif isinstance(document["issuer"], dict) and "id" not in document["issuer"]:
        document["issuer"]["id"] = "did:example:issuer"
    return document


def _credential_inputs(suite: Path) -> list[str]:
    names = sorted(str(path.relative_to(suite)) for path in suite.glob("**/*.json"))
    return [name for name in names if not Path(name).name.startswith("presentation-")]


def test_the_exclusions_name_real_inputs_and_every_fail_input_has_a_reason(suite: Path) -> None:
    names = _credential_inputs(suite)
    fails = {name for name in names if "-fail" in name and Path(name).name not in EXCLUDED}

    assert {Path(name).name for name in names} >= EXCLUDED
    assert fails == set(FAIL_REASONS)


OK_INPUTS = [
    "credential-context-combo1-ok.json", "credential-context-combo2-ok.json",
    "credential-evidence-ok.json", "credential-evidences-ok.json", "credential-id-other-ok.json",
    "credential-id-single-ok.json", "credential-id-subject-single-ok.json",
    "credential-issuer-object-ok.json", "credential-ok.json", "credential-optional-type-ok.json",
    "credential-proof-ok.json", "credential-refresh-ok.json", "credential-refresh-type-ok.json",
    "credential-refreshs-ok.json", "credential-schema-ok.json", "credential-schema-type-ok.json",
    "credential-schemas-ok.json", "credential-status-missing-id-ok.json",
    "credential-status-ok.json", "credential-subject-multiple-ok.json",
    "credential-termsofuse-id-ok.json", "credential-termsofuse-ok.json",
    "credential-termsofuses-ok.json", "credential-type-mapped-url-ok.json",
    "credential-type-url-ok.json", "credential-type-urls-order-1-ok.json",
    "credential-type-urls-order-2-ok.json", "credential-validUntil-validFrom-ok.json",
    "credential-validfrom-far-future-ok.json", "credential-validfrom-ms-ok.json",
    "credential-validfrom-tz-ok.json", "credential-validuntil-ms-ok.json",
    "credential-validuntil-ok.json", "credential-validuntil-tz-ok.json",
] + [
    f"names-and-descriptions/{who}-{what}-ok.json"
    for who in ("credential", "issuer")
    for what in (
        "description-language-direction-en", "description-language-en", "description",
        "description-optional", "multi-language-description", "multi-language-name",
        "name-language-direction-en", "name-language-en", "name", "name-optional",
    )
]  # fmt: skip


def test_every_ok_input_is_listed(suite: Path) -> None:
    assert {name for name in _credential_inputs(suite) if "-ok" in name} == set(OK_INPUTS)


@pytest.mark.parametrize("name", OK_INPUTS)
def test_vc_suite_ok_input_is_accepted(suite: Path, name: str) -> None:
    document = _as_the_issuer_endpoint_would(name, load_json(suite / name))

    issues = validate_verifiable_credential(document)

    assert [i for i in issues if i.severity == "error"] == []


@pytest.mark.parametrize("name", sorted(FAIL_REASONS))
def test_vc_suite_fail_input_is_rejected_for_its_reason(suite: Path, name: str) -> None:
    document = _as_the_issuer_endpoint_would(name, load_json(suite / name))

    errors, _ = outcome(validate_verifiable_credential(document))

    assert FAIL_REASONS[name] in errors
