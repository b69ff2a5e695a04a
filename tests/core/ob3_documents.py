"""Reference Open Badges 3.0 documents for the structural-rule tests, and helpers to
change one member at a time."""

from __future__ import annotations

import copy
from typing import Any

from insigne.core.ob3 import (
    SchemaIssue,
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


def parent(doc: Any, path: str) -> tuple[Any, str | int]:
    steps = path.strip("/").split("/")
    node = doc
    for step in steps[:-1]:
        node = node[int(step)] if isinstance(node, list) else node[step]
    last = steps[-1]
    return node, int(last) if isinstance(node, list) else last


def changed(doc: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``doc`` with the member at ``path`` set to ``value``."""
    doc = copy.deepcopy(doc)
    node, key = parent(doc, path)
    node[key] = value
    return doc


def without(doc: dict[str, Any], path: str) -> dict[str, Any]:
    """A copy of ``doc`` without the member at ``path``."""
    doc = copy.deepcopy(doc)
    node, key = parent(doc, path)
    del node[key]
    return doc


def found(issues: list[SchemaIssue]) -> set[tuple[str, str, str]]:
    return {(issue.severity, issue.code, issue.path) for issue in issues}


def errors(issues: list[SchemaIssue]) -> set[tuple[str, str]]:
    return {(issue.code, issue.path) for issue in issues if issue.severity == "error"}
