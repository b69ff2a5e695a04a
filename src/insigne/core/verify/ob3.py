"""Verification of Open Badges 3.0 credentials (OB 3.0 section 9, "Verification").

Order: JSON-LD in safe mode, structure, each proof on its own, issuer-key binding, validity
dates, status, recipient, endorsements. One valid proof suffices; a proof that is present,
supported and wrong fails the credential (it was tampered with).
"""

from __future__ import annotations

from typing import Any

from ..jsonld.errors import ContextLoadError, JsonLdError, SafeModeError, WorkLimitError
from ..ob3.schema import validate_credential, validate_verifiable_credential
from ..proofs import data_integrity
from ..status import check_status
from ..text import Text
from .checks import (
    Environment,
    binding_check,
    date_checks,
    endorsements_of,
    issuer_id,
    recipient_check,
)
from .result import Check, Outcome, VerificationResult

MAX_ENDORSEMENT_DEPTH = 2


def verify_json_credential(
    document: dict[str, Any],
    env: Environment,
    *,
    container: str | None = None,
    depth: int = 0,
) -> VerificationResult:
    jsonld, canonical = jsonld_check(document, env)
    checks: list[Check] = [jsonld]
    checks.extend(schema_checks(document))
    if canonical is None and document.get("proof"):
        # The data cannot be canonicalized, so no proof over it can be checked; trying
        # again for each proof would only repeat the refused (possibly costly) work.
        outcomes: list[data_integrity.ProofOutcome] = []
        checks.append(
            Check(
                "proof",
                Outcome.FAIL,
                Text(
                    "La signature ne peut pas être vérifiée, car les données du badge ne sont "
                    "pas conformes (voir ci-dessus).",
                    "The signature cannot be checked, because the badge data does not conform "
                    "(see above).",
                ),
                "not checked: the JSON-LD check failed",
            )
        )
    else:
        outcomes = data_integrity.verify_proofs(
            document,
            canonicalizer=env.canonicalizer,
            fetcher=env.fetcher,
            canonical_document=canonical,
        )
        checks.extend(proof_checks(outcomes))
    verified = [o for o in outcomes if o.verified and o.method is not None]
    if verified:
        checks.append(binding_check(document, verified[0].method))  # type: ignore[arg-type]
    else:
        checks.append(_not_checked("issuer"))
    endorsements: list[VerificationResult] = []
    checks.extend(common_checks(document, env, depth=depth, endorsements=endorsements))
    return VerificationResult(
        kind="ob3",
        format="json",
        container=container,
        checks=tuple(checks),
        credential=document,
        endorsements=tuple(endorsements),
        revoked=any(c.name == "status" and c.detail.startswith("revoked") for c in checks),
    )


def common_checks(
    document: dict[str, Any],
    env: Environment,
    *,
    depth: int,
    endorsements: list[VerificationResult],
) -> list[Check]:
    checks = date_checks(document, env.now)
    checks.extend(status_checks(document, env))
    if depth == 0:
        checks.append(recipient_check(document, env.email))
    if depth < MAX_ENDORSEMENT_DEPTH:
        for endorsement in endorsements_of(document):
            result = _verify_endorsement(endorsement, env, depth)
            endorsements.append(result)
            checks.append(_endorsement_check(result, endorsement))
    return checks


def jsonld_check(document: dict[str, Any], env: Environment) -> tuple[Check, str | None]:
    """Safe-mode JSON-LD of the document without proof, and its canonical form if any."""
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    try:
        canonical = env.canonicalizer.canonicalize(unsecured)
    except ContextLoadError as error:
        return Check(
            "jsonld",
            Outcome.FAIL,
            Text(
                "Ce badge utilise un vocabulaire (contexte JSON-LD) que le vérificateur ne "
                "connaît pas ; il ne peut pas être vérifié en toute sécurité.",
                "This badge uses a vocabulary (JSON-LD context) the verifier does not know; "
                "it cannot be verified safely.",
            ),
            f"unknown context {error.url}",
        ), None
    except SafeModeError as error:
        return Check(
            "jsonld",
            Outcome.FAIL,
            Text(
                "Ce badge contient des données que son vocabulaire ne définit pas (ou une "
                "référence relative) : elles ne seraient pas protégées par la signature.",
                "This badge contains data its vocabulary does not define (or a relative "
                "reference): it would not be protected by the signature.",
            ),
            f"JSON-LD safe mode: {error.code}: {error.detail}",
        ), None
    except WorkLimitError as error:
        return Check(
            "jsonld",
            Outcome.FAIL,
            Text(
                "Ce badge est construit de façon anormalement complexe ; sa vérification a "
                "été interrompue par précaution.",
                "This badge is built in an abnormally complex way; its verification was "
                "stopped as a precaution.",
            ),
            str(error),
        ), None
    except JsonLdError as error:
        return Check(
            "jsonld",
            Outcome.FAIL,
            Text("Les données du badge sont mal formées.", "The badge data is malformed."),
            str(error),
        ), None
    except (TypeError, KeyError, AttributeError, RecursionError) as error:
        return Check(
            "jsonld",
            Outcome.FAIL,
            Text("Les données du badge sont mal formées.", "The badge data is malformed."),
            f"{type(error).__name__}: {error}",
        ), None
    return Check(
        "jsonld",
        Outcome.PASS,
        Text(
            "Toutes les données du badge sont couvertes par la signature.",
            "All of the badge's data is covered by the signature.",
        ),
    ), canonical


# Structural errors that leave a credential without a meaning a verifier can stand behind:
# who issued it, when, to what achievement, in which vocabulary. Other deviations from the
# Open Badges 3.0 schema (an enumeration value without "ext:", a subject without identifier,
# a single object where an array is expected...) are reported as warnings: they do not make
# a genuine credential less authentic, and other platforms' badges commonly have them.
_CRITICAL = frozenset(
    {
        "", "/@context", "/@context/0", "/@context/1", "/type", "/id", "/issuer", "/issuer/id",
        "/validFrom", "/issuanceDate", "/validUntil", "/expirationDate", "/credentialSubject",
        "/credentialSubject/achievement", "/credentialSubject/achievement/name",
    }
)  # fmt: skip


def _critical(issue: Any) -> bool:
    return issue.severity == "error" and issue.path in _CRITICAL and issue.code != "recipient"


_BADGE_TYPES = frozenset({"OpenBadgeCredential", "AchievementCredential", "EndorsementCredential"})


def schema_checks(document: dict[str, Any]) -> list[Check]:
    kinds = document.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    kind_checks: list[Check] = []
    if _BADGE_TYPES.intersection(k for k in kinds if isinstance(k, str)):
        issues = validate_credential(document)
    else:  # another kind of credential (a status list...): the VC data model rules only
        issues = validate_verifiable_credential(document)
        kind_checks.append(
            Check(
                "kind",
                Outcome.WARNING,
                Text(
                    "Ce document est un justificatif numérique vérifiable, mais pas un Open Badge.",
                    "This document is a verifiable credential, but not an Open Badge.",
                ),
                f"type {kinds!r}",
            )
        )
    errors = [i for i in issues if _critical(i)]
    warnings = [i for i in issues if not _critical(i)]
    if not issues:
        return [
            *kind_checks,
            Check(
                "schema",
                Outcome.PASS,
                Text(
                    "Le badge respecte le format Open Badges 3.0.",
                    "The badge follows the Open Badges 3.0 format.",
                ),
            ),
        ]
    checks = kind_checks + [
        Check("schema", Outcome.FAIL, issue.message, f"{issue.path}: {issue.code}")
        for issue in errors
    ]
    checks.extend(
        Check("schema", Outcome.WARNING, issue.message, f"{issue.path}: {issue.code}")
        for issue in warnings
    )
    return checks


def proof_checks(outcomes: list[data_integrity.ProofOutcome]) -> list[Check]:
    if not outcomes:
        return [
            Check(
                "proof",
                Outcome.FAIL,
                Text("Ce badge n'est pas signé.", "This badge is not signed."),
                "no proof",
            )
        ]
    any_verified = any(o.verified for o in outcomes)
    checks = []
    for outcome in outcomes:
        label = f"proof {outcome.index} ({outcome.kind})"
        if outcome.verified:
            checks.append(
                Check(
                    "proof",
                    Outcome.PASS,
                    Text(
                        "La signature est valide : le badge n'a pas été modifié.",
                        "The signature is valid: the badge has not been altered.",
                    ),
                    f"{label}: {outcome.message}",
                )
            )
        elif any_verified and outcome.message.startswith(("unsupported", "proofPurpose")):
            checks.append(
                Check(
                    "proof",
                    Outcome.WARNING,
                    Text(
                        "Une signature supplémentaire d'un type inconnu a été ignorée.",
                        "An additional signature of an unknown kind was ignored.",
                    ),
                    f"{label}: {outcome.message}",
                )
            )
        elif outcome.problem == "key":
            checks.append(
                Check(
                    "proof",
                    Outcome.FAIL,
                    Text(
                        "La clé de l'émetteur n'a pas pu être obtenue ou n'est pas reconnue par "
                        "lui : la signature ne peut pas être vérifiée.",
                        "The issuer's key could not be obtained or is not acknowledged by the "
                        "issuer: the signature cannot be checked.",
                    ),
                    f"{label}: {outcome.message}",
                )
            )
        else:
            checks.append(
                Check(
                    "proof",
                    Outcome.FAIL,
                    Text(
                        "La signature n'est pas valide : le badge a pu être modifié ou n'a pas "
                        "été signé par la clé annoncée.",
                        "The signature is not valid: the badge may have been altered or was not "
                        "signed by the announced key.",
                    ),
                    f"{label}: {outcome.message}",
                )
            )
    return checks


def status_checks(document: dict[str, Any], env: Environment) -> list[Check]:
    # A list must be signed by its own issuer. It may be kept by a status service rather than
    # the badge's issuer (who chose its URL in the signed credential): then a clear bit is
    # only a warning, since whoever controls that address could publish such a list.
    owner = issuer_id(document)
    foreign: set[str] = set()

    def verify_list(list_document: dict[str, Any]) -> Text | None:
        outcomes = data_integrity.verify_proofs(
            list_document, canonicalizer=env.canonicalizer, fetcher=env.fetcher
        )
        good = [o for o in outcomes if o.verified and o.method is not None]
        if not good:
            return Text(
                "La liste de statut n'est pas correctement signée.",
                "The status list is not properly signed.",
            )
        controller = good[0].method.controller if good[0].method else None
        if controller is None or controller != issuer_id(list_document):
            return Text(
                "La liste de statut n'est pas signée par la clé de son émetteur.",
                "The status list is not signed by its issuer's key.",
            )
        if controller != owner:
            foreign.add(controller)
        return None

    checks = []
    for outcome in check_status(
        document, fetcher=env.fetcher, verify_list=verify_list, now=env.now
    ):
        if outcome.state == "ok" and foreign:
            checks.append(
                Check(
                    "status",
                    Outcome.WARNING,
                    Text(
                        "Le badge n'est pas révoqué, mais sa liste de statut est publiée par un "
                        "autre émetteur que celui du badge.",
                        "The badge is not revoked, but its status list is published by another "
                        "issuer than the badge's.",
                    ),
                    f"ok: list signed by {', '.join(sorted(foreign))}; {outcome.detail}",
                )
            )
            continue
        if outcome.state == "ok":
            result = Outcome.PASS
        elif outcome.state in ("revoked", "suspended"):
            result = Outcome.FAIL
        elif outcome.detail.startswith("STATUS_RETRIEVAL_ERROR") or outcome.state == "unsupported":
            # Unreachable list (offline, network error): the status is unknown, not bad.
            result = Outcome.WARNING
        else:
            result = Outcome.FAIL
        checks.append(
            Check("status", result, outcome.message, f"{outcome.state}: {outcome.detail}")
        )
    return checks


def _verify_endorsement(endorsement: Any, env: Environment, depth: int) -> VerificationResult:
    from . import verify_material  # the endorsement may be JSON or a JWT string

    result: VerificationResult = verify_material(endorsement, env, depth=depth + 1)
    return result


def _endorsement_check(result: VerificationResult, endorsement: Any) -> Check:
    name = None
    if isinstance(endorsement, dict):
        issuer = endorsement.get("issuer")
        name = issuer.get("name") if isinstance(issuer, dict) else issuer
    who = f" ({name})" if isinstance(name, str) else ""
    if result.verified:
        return Check(
            "endorsement",
            Outcome.PASS,
            Text(f"Recommandation vérifiée{who}.", f"Endorsement verified{who}."),
        )
    return Check(
        "endorsement",
        Outcome.WARNING,
        Text(
            f"Une recommandation jointe au badge n'a pas pu être vérifiée{who} ; elle n'est "
            "pas prise en compte.",
            f"An endorsement attached to the badge could not be verified{who}; it is ignored.",
        ),
        "; ".join(c.detail or c.message.en for c in result.failures()),
    )


def _not_checked(name: str) -> Check:
    return Check(
        name,
        Outcome.SKIPPED,
        Text(
            "Non vérifié, faute de signature valide.",
            "Not checked, for lack of a valid signature.",
        ),
    )
