"""Known answers for the single verification entry point, ``verify()``, on every published
fixture: 1EdTech's validator (ob30, ob20) and the Digital Credentials Consortium's
vc-test-fixtures (all of ``verifiableCredentials``).

Every fixture is verified at a fixed instant with one offline fetcher that serves what the
fixtures name and the shared vectors hold: the DCC did:web documents, the DCC status lists
(at both addresses the credentials use) and 1EdTech's bitstring test list. Nothing else is
reachable: issuer profiles on example hosts, 1EdTech's hosted revocation lists and did:web
documents stay offline, and the expectations say what that costs.

Expected values come from the two READMEs in shared/vectors. Where Insigne deliberately
differs from 1EdTech's validator (a fixture that needs the network, a cryptosuite Insigne
does not implement, a reference the validator resolves differently), the row holds the
Insigne expectation and a comment says why.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from insigne.core import description
from insigne.core.did import web_document_url
from insigne.core.fetch import LocalFetcher
from insigne.core.identity import identity_hash
from insigne.core.issuing import sign_credential
from insigne.core.keys import Ed25519Key
from insigne.core.outcome import Outcome
from insigne.core.verify import VerificationResult, verify
from tests.conftest import load_json
from tests.core.test_ob2_vectors import served
from tests.core.test_vc_jwt import png_text

NOW = datetime(2026, 11, 28, tzinfo=UTC)
OB30 = "1edtech-validator/ob30/"
DCC = "dcc-vc-test-fixtures/verifiableCredentials/"
DCC_DIDS = "did:web:digitalcredentials.github.io:vc-test-fixtures:dids:"
DCC_LISTS = "https://digitalcredentials.github.io/vc-test-fixtures/statusLists/"
DCC_LIST_MIRROR = (
    "https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/"
    "src/test-fixtures/status/e5WK8CbZ1GjycuPombrj"
)
EDTECH_TESTLIST = (
    "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/"
    "main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist"
)
LEARNER = "nobody@example.org"
LEARNER_HASH = "sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942"


@dataclass(frozen=True)
class Expected:
    verified: bool
    failing: frozenset[str]
    warnings: frozenset[str] | None  # None: not compared (see the row's comment)
    form: str  # "kind/format/container", container "-" when there is none
    revoked: bool = False


def ok(warns: str = "", form: str = "ob3/json/-") -> Expected:
    """Verified; ``warns`` names the checks expected to warn (space-separated)."""
    return Expected(True, frozenset(), frozenset(warns.split()), form)


def bad(fails: str, warns: str = "", form: str = "ob3/json/-", revoked: bool = False) -> Expected:
    """Not verified; ``fails`` names every check expected to fail (space-separated)."""
    return Expected(False, frozenset(fails.split()), frozenset(warns.split()), form, revoked)


# "issuer" warns on 1EdTech fixtures whose verificationMethod is "<issuer id>#<Multikey>": the
# key is read from the fragment (as 1EdTech's validator does) but the issuer's profile is
# offline, so nothing confirms the issuer published that key.
EXPECTED: dict[str, Expected] = {
    # --- 1EdTech validator, ob30 -----------------------------------------------------------
    OB30 + "simple.json": ok("issuer"),
    OB30 + "simple.1ob": ok("issuer"),  # a .1ob file is a plain JSON credential
    OB30 + "simple-context-alias.json": ok("issuer"),
    # 1EdTech's ContextPropertyProbe flags context-3.0.2; Insigne verifies with a warning.
    OB30 + "simple-context-version.json": ok("issuer schema"),
    # The issuer is a urn:uuid: the did:key signature is good but nothing ties it to the issuer.
    OB30 + "simple-did-key-method.json": ok("issuer"),
    OB30 + "simple-did-web-method.json": ok("issuer"),
    # Legacy cryptosuite name eddsa-2022 and VC 1.1: verified, with a warning, as upstream.
    OB30 + "simple-eddsa-2022.json": ok("issuer schema"),
    OB30 + "simple_v1.json": ok("issuer schema"),  # VC 1.1 + Ed25519Signature2020
    # One proof of an unknown type, one good DataIntegrityProof: one valid proof suffices.
    # 1EdTech reports an error for the unknown proof; Insigne a warning.
    OB30 + "simple-multiple-proofs.json": ok("issuer proof"),
    OB30 + "endorsement-valid.json": ok("issuer"),
    # 1EdTech fails complete.json because of how it resolves the credentialSchema reference;
    # its signature and structure are fine. Insigne does not fetch credentialSchema (offline),
    # so it verifies it. Warnings: unconfirmed issuer key, offline 1EdTechRevocationList, and
    # three endorsements Insigne cannot verify (they lack the extensions context that defines
    # 1EdTechJsonSchemaValidator2019, name the misspelt cryptosuite "eddsa-rdf-2022" and expired
    # in 2020); an endorsement that cannot be verified is ignored, not held against the badge.
    OB30 + "complete.json": ok("endorsement issuer status"),
    # 1EdTech: warning (VC 1.1). Insigne: its key (https://1edtech.edu/issuers/565049#key-1) is
    # only reachable online, its 3.0.0 context does not define 1EdTechJsonSchemaValidator2019,
    # and its expirationDate is 2020-01-01.
    OB30 + "complete_v1.json": bad("jsonld proof valid_until", "endorsement schema status"),
    # 1EdTech: revoked through a hosted 1EdTechRevocationList. Both the did:web key and the list
    # are on dc.1edtech.org: offline, the proof cannot be checked and the status is unknown.
    OB30 + "credential-status-revoked.json": bad("proof", "schema status"),
    # Its Ed25519Signature2020 does not verify with the key its method names (also checked
    # independently with pyld's URDNA2015): 1EdTech reports errors too.
    OB30 + "endorsement-err-schema-status-refresh.json": bad("proof", "schema status"),
    # 1EdTech: valid (ecdsa-sd-2023 derived credential). Insigne does not implement ecdsa-sd.
    OB30 + "sd/derivedcredential.json": bad("proof"),
    OB30 + "simple-err-expired.json": bad("valid_until", "issuer"),
    OB30 + "simple-err-issued.json": bad("schema valid_from", "issuer"),  # no achievement too
    OB30 + "simple-err-issuer.json": bad("issuer schema"),  # no issuer at all
    # Wrong types / context, edited after signing: undefined terms fail JSON-LD safe mode,
    # which also makes the proof fail.
    OB30 + "simple-err-context.json": bad("jsonld proof schema"),
    # Typed OtherCredential: not an Open Badge (a warning), and its undefined type fails.
    OB30 + "simple-err-type.json": bad("jsonld proof", "kind"),
    OB30 + "simple-err-credential-subject-achievement-result-description-type.json": bad(
        "jsonld proof", "schema"
    ),
    OB30 + "simple-err-credential-subject-identifier-type.json": bad("jsonld proof", "schema"),
    OB30 + "simple-err-credential-subject-profile-type.json": bad("jsonld proof", "schema"),
    OB30 + "simple-err-credential-subject-result-type.json": bad("jsonld proof", "schema"),
    OB30 + "simple-err-credential-subject-type.json": bad("jsonld proof", "schema"),
    OB30 + "simple-err-evidence-type.json": bad("jsonld proof", "schema"),
    OB30 + "simple-err-issuer-otheridentifier-type.json": bad("jsonld proof", "schema"),
    OB30 + "simple-err-issuer-parentorg-type.json": bad("jsonld proof", "schema"),
    OB30 + "simple-err-issuer-type.json": bad("jsonld proof", "schema"),
    OB30 + "simple-err-proof-method.json": bad("proof"),
    OB30 + "simple-err-proof-method-no-scheme.json": bad("proof", "schema"),
    OB30 + "simple-err-proof-method-unknown-did-method.json": bad("proof"),
    OB30 + "simple-err-proof-method-unknown-scheme.json": bad("proof"),
    OB30 + "simple-err-proof-value.json": bad("proof"),
    OB30 + "simple-noproof.json": bad("proof schema", "schema"),
    OB30 + "simple-json.png": ok("issuer", form="ob3/json/png"),
    OB30 + "simple-json.svg": ok("issuer", form="ob3/json/svg"),
    # RS256 with the key in the header's jwk: only the issuer's JWK Set (offline) could
    # confirm the key is the issuer's.
    OB30 + "simple-jwt.png": ok("issuer", form="ob3/jwt/png"),
    OB30 + "simple-jwt.svg": ok("issuer", form="ob3/jwt/svg"),
    OB30 + "simple-jwt_v1.png": ok("issuer schema vc", form="ob3/jwt/png"),  # VC 1.1 vc claim
    OB30 + "simple-jwt_v1.svg": ok("issuer schema vc", form="ob3/jwt/svg"),
    # No kid and no jwk: the key can only be discovered online, so nothing is verified.
    OB30 + "simple.jwt": bad("key schema", "schema vc", form="ob3/jwt/-"),
    # Velocity Network token: did:velocity is not a DID method Insigne resolves.
    OB30 + "velocity.jwt": bad("key", "schema status vc", form="ob3/jwt/-"),
    # Revoked: bit 23 of 1EdTech's test list, served here at the URL the credentials name.
    OB30 + "bit-string-list/credential-status-revoked.json": bad(
        "status", "issuer schema", revoked=True
    ),
    OB30 + "bit-string-list/credential-status-revoked-blank-nodes.json": bad(
        "status", "issuer schema", revoked=True
    ),
    # The status list credential itself, properly signed by its issuer. Insigne publishes such
    # lists (`insigne status publish`) and the product requires verify() to verify them.
    # Warnings are not compared: the issuer's key is unconfirmed offline, and what else warns
    # depends on how the engine comes to treat a credential that is not a badge.
    OB30 + "bit-string-list/testlist": Expected(True, frozenset(), None, "ob3/json/-"),
    # --- DCC v2, DataIntegrityProof (eddsa-rdfc-2022), did:key ----------------------------
    # The DCC status list holds 100,000 entries, fewer than the 131,072 W3C requires: a status
    # it names cannot be read, which fails "status" for "validStatus" and "revoked" alike.
    DCC + "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus- noExpiry-credSubjName.json": ok(
        "schema"
    ),
    DCC + "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json": ok(),
    DCC + "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-achievementTypeExample"
    ".json": ok("schema"),
    DCC + "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json": ok(),
    DCC + "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-basicOBv3.json": ok(),
    DCC + "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-credName.json": ok(
        "schema"
    ),
    DCC + "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-credSubjName.json": ok(
        "schema"
    ),
    DCC + "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-identityHash.json": ok(
        "schema"
    ),
    # A bare VerifiableCredential (no Open Badges context or type, no validFrom, which VC 2.0
    # makes optional): authentic, reported as a verifiable credential that is not a badge.
    DCC + "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-minimal.json": ok("kind"),
    DCC + "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-notExpired-withSchema.json": ok(
        "schema"
    ),
    # Despite its name, validUntil is 2010-01-02.
    DCC + "v2/dataIntegrityProof/didKey/noRegistry-revokedStatus-noExpiry.json": bad(
        "status valid_until", "schema"
    ),
    DCC + "v2/dataIntegrityProof/didKey/noRegsitry-revokedStatus-notExpired.json": bad(
        "status", "schema"
    ),
    # The embedded endorsement expired in 2020: ignored, with a warning.
    DCC + "v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-complexIssuer.json": ok(
        "endorsement schema"
    ),
    DCC + "v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-notYetValid.json": bad(
        "valid_from", "schema"
    ),
    DCC + "v2/dataIntegrityProof/didKey/oidf-revokedStatus-noExpiry.json": bad("status", "schema"),
    DCC + "v2/dataIntegrityProof/didKey/twoOIDF-revoked-notExpired-badSchema.json": bad(
        "schema status", "schema"
    ),
    DCC + "v2/dataIntegrityProof/didKey/twoOIDF-validStatus-expired.json": bad(
        "status valid_until", "schema"
    ),
    # --- DCC v2, DataIntegrityProof, did:web (documents served from dids/) ----------------
    DCC + "v2/dataIntegrityProof/didweb/legacy-revokedStatus-expired.json": bad(
        "status valid_until", "schema"
    ),
    DCC + "v2/dataIntegrityProof/didweb/legacy-revokedStatus-noExpiry.json": bad(
        "status", "schema"
    ),
    DCC + "v2/dataIntegrityProof/didweb/oidf-noStatus-notExpired.json": ok("schema"),
    # --- DCC v2, proof sets (eddsa-rdfc-2022 + Ed25519Signature2020) ----------------------
    DCC + "v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry.json": ok(),
    DCC + "v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement.json": ok(),
    DCC + "v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement-withSchema.json": (
        ok()
    ),
    # An EndorsementCredential-like VC typed only VerifiableCredential: not an Open Badge.
    DCC + "v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry-nonOBWithOBContext.json": ok(
        "kind"
    ),
    DCC + "v2/bothSignatureTypes/didkey/noRegistry-revokedStatus-expired.json": bad(
        "status valid_until", "schema"
    ),
    DCC + "v2/bothSignatureTypes/didkey/noRegistry-revokedStatus-notExpired.json": bad(
        "status", "schema"
    ),
    DCC + "v2/bothSignatureTypes/didkey/oidf-revokedStatus-noExpiry.json": bad("status", "schema"),
    DCC + "v2/bothSignatureTypes/didweb/legacy-revokedStatus-expired.json": bad(
        "status valid_until", "schema"
    ),
    DCC + "v2/bothSignatureTypes/didweb/legacy-revokedStatus-noExpiry.json": bad(
        "status", "schema"
    ),
    DCC + "v2/bothSignatureTypes/didweb/oidf-noStatus-notExpired.json": ok("schema"),
    # --- DCC v2, Ed25519Signature2020 -----------------------------------------------------
    DCC + "v2/ed25519/didKey/legacy-noStatus-noExpiry.json": ok(),
    DCC + "v2/ed25519/didKey/legacy-noStatus-noExpiry-stringIssuerId.json": ok(),
    DCC + "v2/ed25519/didKey/legacy-noStatus-noExpiry-lcwExperience.json": ok("schema"),
    DCC + "v2/ed25519/didKey/legacy-noStatus-expired.json": bad("valid_until"),
    DCC + "v2/ed25519/didKey/legacy-noStatus-noExpiry-tampered.json": bad("proof"),
    # Bare VerifiableCredentials (not Open Badges) pointing at DCC's negative status lists:
    # expired, not yet valid, tampered, and without the BitstringStatusListCredential type.
    DCC + "v2/ed25519/didKey/legacy-expiredStatus-noExpiry.json": bad("status", "kind"),
    DCC + "v2/ed25519/didKey/legacy-notYetValidStatus-noExpiry.json": bad("status", "kind"),
    DCC + "v2/ed25519/didKey/legacy-tamperedStatus-noExpiry.json": bad("status", "kind"),
    DCC + "v2/ed25519/didKey/legacy-missingTypeStatus-noExpiry.json": bad("status", "kind"),
    DCC + "v2/ed25519/didKey/noRegistry-revokedStatus-expired.json": bad(
        "status valid_until", "schema"
    ),
    DCC + "v2/ed25519/didKey/noRegistry-revokedStatus-notExpired.json": bad("status", "schema"),
    DCC + "v2/ed25519/didKey/oidf-revokedStatus-noExpiry.json": bad("status", "schema"),
    # did:web:digitalcredentials.github.io:dcc-did-web-bad: its document is not in the vectors
    # (and, upstream, deliberately unusable): the proof cannot be checked.
    DCC + "v2/ed25519/didWeb/badDidWeb.json": bad("proof", "schema"),
    DCC + "v2/ed25519/didWeb/legacy-revokedStatus-expired.json": bad(
        "status valid_until", "schema"
    ),
    DCC + "v2/ed25519/didWeb/legacy-revokedStatus-noExpiry.json": bad("status", "schema"),
    DCC + "v2/ed25519/didWeb/oidf-noStatus-notExpired.json": ok("schema"),
    # --- DCC v1 (VC 1.1: issuanceDate / expirationDate; "schema" warns about VC 1.1) -------
    DCC + "v1/dataIntegrityProof/didKey/fourRegistry-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/dataIntegrityProof/didKey/legacy-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json": ok(
        "schema"
    ),
    # Uses the context https://w3id.org/dcc/v1, which Insigne does not pin and never fetches.
    DCC + "v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-oldDCCExample.json": bad(
        "jsonld proof", "kind schema"
    ),
    DCC + "v1/dataIntegrityProof/didKey/mixedRegistry-validStatus-noExpiry.json": bad(
        "status", "schema"
    ),
    # A QR code drawn in SVG, not a baked badge.
    DCC + "v1/dataIntegrityProof/didKey/mixedRegistry-validStatus-noExpiry.svg": bad(
        "format", form="unknown/unknown/-"
    ),
    DCC + "v1/dataIntegrityProof/didKey/noRegistry-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/dataIntegrityProof/didKey/oidf-noStatus-expired.json": bad("valid_until", "schema"),
    DCC + "v1/dataIntegrityProof/didKey/oidf-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/dataIntegrityProof/didKey/oidf-revokedStatus-expired.json": bad(
        "status valid_until", "schema"
    ),
    DCC + "v1/dataIntegrityProof/didWeb/legacy-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/dataIntegrityProof/didWeb/legacy-revokedStatus-noExpiry.json": bad(
        "status", "schema"
    ),
    DCC + "v1/dataIntegrityProof/didWeb/legacy-validStatus-noExpiry.json": bad("status", "schema"),
    DCC + "v1/dataIntegrityProof/didWeb/oidf-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/dataIntegrityProof/didWeb/oidf-revokedStatus-noExpiry.json": bad("status", "schema"),
    DCC + "v1/dataIntegrityProof/didWeb/oidf-validStatus-noExpiry.json": bad("status", "schema"),
    DCC + "v1/bothSignatureTypes/didKey/fourRegistry-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/bothSignatureTypes/didKey/legacy-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/bothSignatureTypes/didKey/legacy-noStatus-noExpiry-basicOBv3.json": ok("schema"),
    DCC + "v1/bothSignatureTypes/didKey/mixedRegistry-validStatus-noExpiry.json": bad(
        "status", "schema"
    ),
    DCC + "v1/bothSignatureTypes/didKey/noRegistry-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/bothSignatureTypes/didKey/oidf-noStatus-expired.json": bad("valid_until", "schema"),
    DCC + "v1/bothSignatureTypes/didKey/oidf-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/bothSignatureTypes/didKey/oidf-revokedStatus-expired.json": bad(
        "status valid_until", "schema"
    ),
    DCC + "v1/bothSignatureTypes/didWeb/legacy-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/bothSignatureTypes/didWeb/legacy-revokedStaus-noExpiry.json": bad("status", "schema"),
    DCC + "v1/bothSignatureTypes/didWeb/legacy-validStatus-noExpiry.json": bad("status", "schema"),
    DCC + "v1/bothSignatureTypes/didWeb/oidf-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/bothSignatureTypes/didWeb/oidf-revokedStatus-noExpiry.json": bad("status", "schema"),
    DCC + "v1/bothSignatureTypes/didWeb/oidf-validStatus-noExpiry.json": bad("status", "schema"),
    DCC + "v1/ed25519/didKey/fourRegistry-noStatus-noExpiry.json": ok("schema"),
    # The file is empty upstream (0 bytes).
    DCC + "v1/ed25519/didKey/legacy-noStatus-noExpiry.json": bad(
        "format", form="unknown/unknown/-"
    ),
    DCC + "v1/ed25519/didKey/legacy-noStatus-expired.json": bad("valid_until", "schema"),
    DCC + "v1/ed25519/didKey/legacy-noStatus-noExpiry-stringIssuerId.json": ok("schema"),
    DCC + "v1/ed25519/didKey/legacyRegistry-noStatus-noExpiry-issuerImageId.json": ok("schema"),
    DCC + "v1/ed25519/didKey/mixedRegistry-validStatus-noExpiry.json": bad("status", "schema"),
    DCC + "v1/ed25519/didKey/noRegistry-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/ed25519/didKey/oidf-noStatus-expired.json": bad("valid_until", "schema"),
    DCC + "v1/ed25519/didKey/oidf-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/ed25519/didKey/oidf-revokedStatus-expired.json": bad("status valid_until", "schema"),
    DCC + "v1/ed25519/didWeb/legacy-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/ed25519/didWeb/legacy-revokedStatus-noExpiry.json": bad("status", "schema"),
    DCC + "v1/ed25519/didWeb/legacy-validStatus-noExpiry.json": bad("status", "schema"),
    DCC + "v1/ed25519/didWeb/oidf-noStatus-noExpiry.json": ok("schema"),
    DCC + "v1/ed25519/didWeb/oidf-revokedStatus-noExpiry.json": bad("status", "schema"),
    DCC + "v1/ed25519/didWeb/oidf-validStatus-noExpiry.json": bad("status", "schema"),
}


def documents(vectors: Path) -> dict[str, bytes]:
    """Every document the fixtures name that the shared vectors hold, by URL."""
    dcc = vectors / "dcc-vc-test-fixtures"
    served: dict[str, bytes] = {
        web_document_url(DCC_DIDS + name): (dcc / "dids" / name / "did.json").read_bytes()
        for name in ("legacy", "oidf")
    }
    lists = dcc / "statusLists" / "didkey-ed25519Signature2020"
    for path in lists.iterdir():
        served[DCC_LISTS + "didkey-ed25519Signature2020/" + path.name] = path.read_bytes()
    served[DCC_LIST_MIRROR] = (lists / "e5WK8CbZ1GjycuPombrj").read_bytes()
    testlist = vectors / "1edtech-validator" / "ob30" / "bit-string-list" / "testlist"
    served[EDTECH_TESTLIST] = testlist.read_bytes()
    return served


@pytest.fixture(scope="module")
def fetcher(vectors: Path) -> LocalFetcher:
    return LocalFetcher(documents(vectors))


def failing(result: VerificationResult) -> set[str]:
    return {check.name for check in result.failures()}


def warning(result: VerificationResult) -> set[str]:
    return {check.name for check in result.warnings()}


def outcomes(result: VerificationResult, name: str) -> set[Outcome]:
    return {check.outcome for check in result.checks if check.name == name}


def form(result: VerificationResult) -> str:
    return f"{result.kind}/{result.format}/{result.container or '-'}"


def listing(result: VerificationResult) -> list[tuple[str, str, str]]:
    """The checks that did not pass, for assertion messages."""
    return [
        (c.name, c.outcome.value, c.detail)
        for c in result.checks
        if c.outcome in (Outcome.FAIL, Outcome.WARNING)
    ]


# --- the known-answer table ------------------------------------------------------------------


def test_the_table_covers_every_published_fixture(vectors: Path) -> None:
    on_disk = {
        path.relative_to(vectors).as_posix()
        for base in (vectors / OB30, vectors / DCC)
        for path in base.rglob("*")
        if path.is_file()
    }
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_gives_its_known_answer(vectors: Path, fetcher: LocalFetcher, name: str) -> None:
    expected = EXPECTED[name]
    result = verify((vectors / name).read_bytes(), now=NOW, fetcher=fetcher)
    assert result.verified is expected.verified, listing(result)
    assert failing(result) == expected.failing, listing(result)
    if expected.warnings is not None:
        assert warning(result) == expected.warnings, listing(result)
    assert form(result) == expected.form
    assert result.revoked is expected.revoked


# --- product requirements on DCC's OB 3.0 did:key credentials ---------------------------------


def dcc_didkey_v2(vectors: Path) -> list[Path]:
    return sorted((vectors / DCC / "v2" / "dataIntegrityProof" / "didKey").glob("*.json"))


def test_there_are_17_dcc_did_key_data_integrity_credentials(vectors: Path) -> None:
    assert len(dcc_didkey_v2(vectors)) == 17


def test_every_dcc_did_key_credential_has_a_valid_proof_by_its_issuer(
    vectors: Path, fetcher: LocalFetcher
) -> None:
    for path in dcc_didkey_v2(vectors):
        result = verify(path.read_bytes(), now=NOW, fetcher=fetcher)
        assert outcomes(result, "proof") == {Outcome.PASS}, (path.name, listing(result))
        assert outcomes(result, "issuer") == {Outcome.PASS}, (path.name, listing(result))


def reasons(path: Path) -> set[str]:
    """What a DCC file name says should stop the credential: expired, notYetValid, revoked."""
    words = set(path.stem.replace(" ", "").split("-"))
    found = set()
    if "expired" in words:
        found.add("expired")
    if "notYetValid" in words:
        found.add("notYetValid")
    if any(word.startswith("revoked") for word in words):
        found.add("revoked")
    return found


def test_dcc_file_names_announce_six_credentials_to_refuse(vectors: Path) -> None:
    named = {path.name: reasons(path) for path in dcc_didkey_v2(vectors) if reasons(path)}
    assert named == {
        "noRegistry-revokedStatus-noExpiry.json": {"revoked"},
        "noRegsitry-revokedStatus-notExpired.json": {"revoked"},
        "oidf-noStatus-notExpired-notYetValid.json": {"notYetValid"},
        "oidf-revokedStatus-noExpiry.json": {"revoked"},
        "twoOIDF-revoked-notExpired-badSchema.json": {"revoked"},
        "twoOIDF-validStatus-expired.json": {"expired"},
    }


@pytest.mark.parametrize(
    ("reason", "check_name"),
    [("expired", "valid_until"), ("notYetValid", "valid_from")],
)
def test_dcc_credentials_named_expired_or_not_yet_valid_fail_for_that_reason(
    vectors: Path, fetcher: LocalFetcher, reason: str, check_name: str
) -> None:
    paths = [path for path in dcc_didkey_v2(vectors) if reason in reasons(path)]
    assert paths
    for path in paths:
        result = verify(path.read_bytes(), now=NOW, fetcher=fetcher)
        assert not result.verified
        assert outcomes(result, check_name) == {Outcome.FAIL}, (path.name, listing(result))


def test_dcc_credentials_named_revoked_fail_status_because_the_list_is_too_short(
    vectors: Path, fetcher: LocalFetcher
) -> None:
    """DCC's list (bits 2, 6 and 8 set) holds 100,000 entries, under the 131,072 the W3C
    requires, so a strict verifier refuses to read it (STATUS_LIST_LENGTH_ERROR) rather than
    report the credential as revoked or not."""
    paths = [path for path in dcc_didkey_v2(vectors) if "revoked" in reasons(path)]
    assert len(paths) == 4
    for path in paths:
        result = verify(path.read_bytes(), now=NOW, fetcher=fetcher)
        assert not result.verified
        statuses = [check for check in result.checks if check.name == "status"]
        assert [check.outcome for check in statuses] == [Outcome.FAIL], path.name
        assert "STATUS_LIST_LENGTH_ERROR" in statuses[0].detail, (path.name, statuses[0].detail)


def test_a_status_list_the_verifier_cannot_fetch_is_a_warning_not_a_failure(
    vectors: Path,
) -> None:
    dids_only = LocalFetcher(
        {url: body for url, body in documents(vectors).items() if "did.json" in url}
    )
    paths = [path for path in dcc_didkey_v2(vectors) if "revoked" in reasons(path)]
    for path in paths:
        result = verify(path.read_bytes(), now=NOW, fetcher=dids_only)
        assert outcomes(result, "status") == {Outcome.WARNING}, (path.name, listing(result))
        assert "STATUS_RETRIEVAL_ERROR" in next(
            check.detail for check in result.checks if check.name == "status"
        )
    not_expired = verify(
        (paths[0].parent / "noRegsitry-revokedStatus-notExpired.json").read_bytes(),
        now=NOW,
        fetcher=dids_only,
    )
    assert not_expired.verified and not not_expired.revoked


def test_dcc_did_web_credentials_cannot_be_checked_without_their_did_document(
    vectors: Path,
) -> None:
    path = vectors / DCC / "v2" / "dataIntegrityProof" / "didweb" / "oidf-noStatus-notExpired.json"
    result = verify(path.read_bytes(), now=NOW, fetcher=LocalFetcher({}))
    assert not result.verified
    assert failing(result) == {"proof"}
    assert web_document_url(DCC_DIDS + "oidf") in result.failures()[0].detail


def test_an_expired_embedded_endorsement_is_reported_and_ignored(
    vectors: Path, fetcher: LocalFetcher
) -> None:
    path = (
        vectors / DCC / "v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-complexIssuer.json"
    )
    result = verify(path.read_bytes(), now=NOW, fetcher=fetcher)
    assert result.verified
    assert [e.verified for e in result.endorsements] == [False]
    assert failing(result.endorsements[0]) == {"valid_until"}
    endorsement = next(check for check in result.checks if check.name == "endorsement")
    assert endorsement.outcome is Outcome.WARNING
    assert "Horse Accreditor" in endorsement.message.en
    report = result.to_json("en")
    assert [e["verified"] for e in report["endorsements"]] == [False]
    assert report["endorsements"][0]["summary"] == "Badge not verified."


# --- 1EdTech bitstring status list ---------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["credential-status-revoked.json", "credential-status-revoked-blank-nodes.json"]
)
def test_1edtech_bitstring_revoked_credentials_are_revoked_when_the_list_is_served(
    vectors: Path, name: str
) -> None:
    credential = vectors / OB30 / "bit-string-list" / name
    testlist = (vectors / OB30 / "bit-string-list" / "testlist").read_bytes()
    result = verify(
        credential.read_bytes(), now=NOW, fetcher=LocalFetcher({EDTECH_TESTLIST: testlist})
    )
    assert result.verified is False
    assert result.revoked is True
    assert outcomes(result, "proof") == {Outcome.PASS}
    status = next(check for check in result.checks if check.name == "status")
    assert status.outcome is Outcome.FAIL
    assert status.detail.startswith("revoked")
    assert "bit 23" in status.detail
    assert result.summary().en == "Badge revoked by its issuer."


# --- Open Badges 2.0 through the same entry point -------------------------------------------


@pytest.fixture
def ob20(vectors: Path) -> Path:
    return vectors / "1edtech-validator" / "ob20"


@pytest.mark.parametrize("name", ["simple.jwt", "simple-not-revoked.jwt"])
def test_1edtech_ob2_signed_assertions_verify(ob20: Path, name: str) -> None:
    result = verify((ob20 / name).read_text(), now=NOW, fetcher=served(ob20), email=LEARNER)
    assert result.verified, listing(result)
    assert form(result) == "ob2/ob2-signed/-"
    assert not result.revoked and not result.warnings()
    assert outcomes(result, "proof") == {Outcome.PASS}
    assert outcomes(result, "status") == {Outcome.PASS}
    assert outcomes(result, "recipient") == {Outcome.PASS}
    assert result.credential is not None
    assert result.credential["recipient"]["identity"] == LEARNER_HASH


def test_1edtech_ob2_revoked_assertion_is_revoked(ob20: Path) -> None:
    token = (ob20 / "simple-revoked.jwt").read_text()
    result = verify(token, now=NOW, fetcher=served(ob20), email=LEARNER)
    assert result.verified is False
    assert result.revoked is True
    assert failing(result) == {"status"}
    assert outcomes(result, "proof") == {Outcome.PASS}
    assert result.summary().en == "Badge revoked by its issuer."


def test_1edtech_ob2_signed_assertion_without_its_documents_is_not_verified(ob20: Path) -> None:
    result = verify((ob20 / "simple.jwt").read_text(), now=NOW, fetcher=LocalFetcher({}))
    assert result.verified is False
    assert result.kind == "ob2"


def test_1edtech_ob2_baked_png_verifies_as_a_hosted_assertion(ob20: Path) -> None:
    assertion = json.loads(png_text(ob20 / "simple-badge.png", b"openbadges"))
    result = verify(
        (ob20 / "simple-badge.png").read_bytes(),
        now=NOW,
        fetcher=served(ob20, assertion),
        email=LEARNER,
    )
    assert result.verified, listing(result)
    assert form(result) == "ob2/ob2-hosted/png"
    assert outcomes(result, "proof") == {Outcome.PASS}
    assert outcomes(result, "recipient") == {Outcome.PASS}
    assert result.credential == assertion


# --- recipient --------------------------------------------------------------------------------


def test_the_ob2_fixtures_recipient_is_nobody_at_example_org_salted_with_deadsea(
    ob20: Path,
) -> None:
    assert identity_hash(LEARNER, "deadsea") == LEARNER_HASH
    payload = (ob20 / "simple.jwt").read_text().split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["recipient"] == {
        "type": "email",
        "hashed": True,
        "salt": "deadsea",
        "identity": LEARNER_HASH,
    }


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        (LEARNER, Outcome.PASS),
        ("  NOBODY@example.ORG ", Outcome.PASS),
        ("somebody@example.org", Outcome.FAIL),
    ],
)
def test_ob2_recipient_is_checked_against_the_salted_hash(
    ob20: Path, email: str, expected: Outcome
) -> None:
    result = verify((ob20 / "simple.jwt").read_text(), now=NOW, fetcher=served(ob20), email=email)
    assert outcomes(result, "recipient") == {expected}
    assert result.verified is (expected is Outcome.PASS)


SPEC_HASH = "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"


def spec_recipient_credential() -> dict[str, Any]:
    """An Insigne-issued credential to a@example.com with salt "Kosher" (the OB 3.0 spec's
    IdentityHash example)."""
    key = Ed25519Key.from_seed(bytes(32))
    data = {
        "id": "urn:uuid:7c9a4a1e-3b1f-4f0e-8f5e-2d6c1b0a9e87",
        "issuer": {"name": "Atelier de formation de Lyon", "url": "https://atelier.example.fr"},
        "achievement": {
            "id": "https://atelier.example.fr/badges/equipe",
            "name": "Travail en équipe",
            "description": "Travaille en équipe.",
            "criteria": "A participé à un projet collectif.",
        },
        "recipient": {"email": "a@example.com"},
    }
    unsigned = description.credential(
        data, issuer_id=key.did_key, now=datetime(2026, 11, 1, tzinfo=UTC), salt="Kosher"
    )
    signed = sign_credential(unsigned, key, created="2026-11-01T00:00:00Z")
    assert isinstance(signed, dict)
    return signed


def test_insigne_writes_the_ob3_spec_identity_hash_for_a_at_example_com_and_kosher() -> None:
    identifier = spec_recipient_credential()["credentialSubject"]["identifier"]
    assert identifier == [
        {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": True,
            "identityHash": SPEC_HASH,
            "salt": "Kosher",
        }
    ]


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("a@example.com", Outcome.PASS),
        (" A@Example.COM", Outcome.PASS),
        ("b@example.com", Outcome.FAIL),
    ],
)
def test_ob3_recipient_is_checked_against_the_spec_hash(email: str, expected: Outcome) -> None:
    result = verify(spec_recipient_credential(), now=NOW, email=email)
    assert outcomes(result, "recipient") == {expected}
    assert result.verified is (expected is Outcome.PASS)


def test_without_an_address_the_recipient_is_not_checked() -> None:
    result = verify(spec_recipient_credential(), now=NOW)
    assert result.verified
    assert outcomes(result, "recipient") == {Outcome.SKIPPED}


def test_every_served_document_is_named_by_a_fixture(vectors: Path) -> None:
    """Guards the fetcher itself: a URL typo would silently turn checks into warnings."""
    texts = [
        path.read_text("utf-8")
        for base in (vectors / DCC, vectors / OB30 / "bit-string-list")
        for path in base.rglob("*.json")
    ]
    for url in documents(vectors):
        named = url
        for name in ("legacy", "oidf"):
            if url == web_document_url(DCC_DIDS + name):
                named = DCC_DIDS + name
                assert (
                    load_json(vectors / "dcc-vc-test-fixtures" / "dids" / name / "did.json")["id"]
                    == named
                )
        assert any(named in text for text in texts), url
