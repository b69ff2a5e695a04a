"""The realistic Open Badges 3.0 credential every benchmark signs and verifies.

Its shape follows the one used for the measurements in the project's performance notes: an
issuer Profile (did:key id, name, url), an AchievementSubject without id holding a hashed
e-mail IdentityObject, and an Achievement with criteria, image and three alignments
(about 2.4 KB of JSON, 47 quads, 6 blank nodes).
"""

from __future__ import annotations

from typing import Any

SEED = bytes(range(32))
CREATED = "2026-11-28T09:30:00Z"


def credential(issuer_did: str, number: int = 1) -> dict[str, Any]:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": f"urn:uuid:0f5e2c8a-6d1b-4b7e-9c3a-{number:012d}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_did,
            "type": ["Profile"],
            "name": "Atelier de formation de Lyon",
            "url": "https://atelier-lyon.example.fr",
        },
        "validFrom": "2026-11-28T09:00:00Z",
        "name": "Travailler en équipe",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": "sha256$"
                    "5f6c4a4bd8ffdb2d0b6a1e0a8b7c2e6f1d3a9b8c7d6e5f4a3b2c1d0e9f8a7b6c",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": f"b1c2d3e4f5a6{number:08d}",
                }
            ],
            "achievement": {
                "id": "https://atelier-lyon.example.fr/badges/travail-en-equipe",
                "type": ["Achievement"],
                "achievementType": "Competency",
                "name": "Travailler en équipe",
                "description": "Coopère avec les autres membres d'une équipe pour atteindre "
                "un objectif commun, partage l'information et tient compte des avis de chacun.",
                "criteria": {
                    "narrative": "La personne a participé à un projet collectif de six semaines, "
                    "a tenu le rôle qui lui était confié et a contribué aux bilans d'étape."
                },
                "image": {
                    "id": "https://atelier-lyon.example.fr/badges/travail-en-equipe.png",
                    "type": "Image",
                    "caption": "Deux mains qui se rejoignent sur fond orange",
                },
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": "Travailler en équipe",
                        "targetUrl": "https://atelier-lyon.example.fr/referentiel/rectec/c5",
                        "targetFramework": "RECTEC",
                        "targetType": "CFItem",
                    },
                    {
                        "type": ["Alignment"],
                        "targetName": "Communiquer",
                        "targetUrl": "https://atelier-lyon.example.fr/referentiel/rectec/c4",
                        "targetFramework": "RECTEC",
                        "targetType": "CFItem",
                    },
                    {
                        "type": ["Alignment"],
                        "targetName": "Certification RS0000 (exemple)",
                        "targetUrl": "https://atelier-lyon.example.fr/certifications/exemple",
                        "targetCode": "RS0000",
                        "targetType": "ceterms:Credential",
                    },
                ],
            },
        },
    }
