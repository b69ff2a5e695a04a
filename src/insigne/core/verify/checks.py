"""Checks shared by every Open Badges 3.0 credential, whatever carries its proof."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .. import dates
from ..canon import Canonicalizer
from ..fetch import Fetcher
from ..identity import hash_matches, normalize_email
from ..methods import VerificationMethod
from ..text import Text
from .result import Check, Outcome


@dataclass(frozen=True)
class Environment:
    """The collaborators a verification may use; nothing else reaches the outside world."""

    fetcher: Fetcher
    canonicalizer: Canonicalizer
    now: datetime
    email: str | None = None


def issuer_id(credential: dict[str, Any]) -> str | None:
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def issuer_name(credential: dict[str, Any]) -> str | None:
    issuer = credential.get("issuer")
    name = issuer.get("name") if isinstance(issuer, dict) else None
    return name if isinstance(name, str) else None


def binding_check(credential: dict[str, Any], method: VerificationMethod) -> Check:
    """Does the key that signed belong to the credential's issuer (controller == issuer.id)?"""
    issuer = issuer_id(credential)
    if issuer is None:
        return Check(
            "issuer",
            Outcome.FAIL,
            Text("Le badge n'indique pas son émetteur.", "The badge does not name its issuer."),
        )
    if method.controller != issuer and not issuer.startswith(("did:", "http://", "https://")):
        return Check(
            "issuer",
            Outcome.WARNING,
            Text(
                "L'émetteur est désigné par un identifiant qui ne permet pas de retrouver ses "
                "clés ; rien ne relie la clé de signature à cet émetteur.",
                "The issuer is named by an identifier that cannot lead to its keys; nothing "
                "ties the signing key to this issuer.",
            ),
            f"issuer {issuer} cannot be resolved; signed by {method.id}",
        )
    if method.controller != issuer:
        return Check(
            "issuer",
            Outcome.FAIL,
            Text(
                "La clé qui a signé ce badge n'appartient pas à l'émetteur qu'il annonce.",
                "The key that signed this badge does not belong to the issuer it names.",
            ),
            f"verification method {method.id} is controlled by {method.controller}, "
            f"issuer is {issuer}",
        )
    if not method.confirmed:
        return Check(
            "issuer",
            Outcome.WARNING,
            Text(
                "La clé de signature est annoncée dans le badge, mais l'émetteur n'a pas pu "
                "la confirmer (son document public n'a pas été consulté).",
                "The signing key is announced in the badge, but the issuer could not confirm "
                "it (its public document was not consulted).",
            ),
            method.note,
        )
    return Check(
        "issuer",
        Outcome.PASS,
        Text(
            "La clé de signature appartient bien à l'émetteur.",
            "The signing key belongs to the issuer.",
        ),
        f"{method.id} is an assertion method of {issuer}",
    )


def date_checks(credential: dict[str, Any], now: datetime) -> list[Check]:
    checks = []
    legacy = "issuanceDate" in credential and "validFrom" not in credential  # VC 1.1
    start_name = "issuanceDate" if legacy else "validFrom"
    end_name = "expirationDate" if "expirationDate" in credential else "validUntil"
    start = credential.get(start_name)
    start_at = dates.parse(start)
    if start_name not in credential:
        # Optional in the VC 2.0 data model; Open Badges require it (the structure check says so).
        checks.append(
            Check(
                "valid_from",
                Outcome.SKIPPED,
                Text("Aucune date de délivrance n'est indiquée.", "No issue date is given."),
                "no validFrom",
            )
        )
    elif start_at is None:
        checks.append(
            Check(
                "valid_from",
                Outcome.FAIL,
                Text(
                    "La date de délivrance est absente ou invalide.",
                    "The issue date is missing or invalid.",
                ),
                f"{start_name} = {start!r}",
            )
        )
    elif start_at > now:
        checks.append(
            Check(
                "valid_from",
                Outcome.FAIL,
                Text(
                    f"Ce badge n'est pas encore valide (il le sera le {_day(start_at)}).",
                    f"This badge is not valid yet (it will be on {start_at.date().isoformat()}).",
                ),
                f"{start_name} {start} is after {dates.format_z(now)}",
            )
        )
    else:
        checks.append(
            Check(
                "valid_from",
                Outcome.PASS,
                Text(f"Délivré le {_day(start_at)}.", f"Issued on {start_at.date().isoformat()}."),
                f"{start_name} {start}",
            )
        )
    if end_name in credential:
        end = credential[end_name]
        end_at = dates.parse(end)
        if end_at is None:
            checks.append(
                Check(
                    "valid_until",
                    Outcome.FAIL,
                    Text("La date d'expiration est invalide.", "The expiry date is invalid."),
                    f"{end_name} = {end!r}",
                )
            )
        elif end_at < now:
            checks.append(
                Check(
                    "valid_until",
                    Outcome.FAIL,
                    Text(
                        f"Ce badge a expiré le {_day(end_at)}.",
                        f"This badge expired on {end_at.date().isoformat()}.",
                    ),
                    f"{end_name} {end} is before {dates.format_z(now)}",
                )
            )
        else:
            checks.append(
                Check(
                    "valid_until",
                    Outcome.PASS,
                    Text(
                        f"Valable jusqu'au {_day(end_at)}.",
                        f"Valid until {end_at.date().isoformat()}.",
                    ),
                    f"{end_name} {end}",
                )
            )
    return checks


def recipient_check(credential: dict[str, Any], email: str | None) -> Check:
    if email is None:
        return Check(
            "recipient",
            Outcome.SKIPPED,
            Text(
                "Le titulaire n'a pas été vérifié (aucune adresse donnée).",
                "The recipient was not checked (no address given).",
            ),
        )
    subjects = credential.get("credentialSubject")
    identifiers: list[Any] = []
    for subject in subjects if isinstance(subjects, list) else [subjects]:
        if isinstance(subject, dict):
            found = subject.get("identifier", [])
            identifiers.extend(found if isinstance(found, list) else [found])
    emails = [
        i for i in identifiers if isinstance(i, dict) and i.get("identityType") == "emailAddress"
    ]
    for identifier in emails:
        value = identifier.get("identityHash")
        if identifier.get("hashed") is True:
            if hash_matches(value, email, identifier.get("salt")):
                return _recipient_ok(email)
        elif isinstance(value, str) and normalize_email(value) == normalize_email(email):
            return _recipient_ok(email)
    if not emails:
        return Check(
            "recipient",
            Outcome.FAIL,
            Text(
                "Le badge ne désigne pas son titulaire par une adresse e-mail.",
                "The badge does not identify its recipient by an e-mail address.",
            ),
        )
    return Check(
        "recipient",
        Outcome.FAIL,
        Text(
            f"Ce badge n'a pas été délivré à {email}.",
            f"This badge was not issued to {email}.",
        ),
    )


def _recipient_ok(email: str) -> Check:
    return Check(
        "recipient",
        Outcome.PASS,
        Text(f"Ce badge a bien été délivré à {email}.", f"This badge was issued to {email}."),
    )


def endorsements_of(credential: dict[str, Any]) -> Iterable[Any]:
    """Embedded EndorsementCredentials: on the credential, its achievement and its issuer."""
    places: list[Any] = [credential.get("endorsement")]
    subject = credential.get("credentialSubject")
    if isinstance(subject, dict) and isinstance(subject.get("achievement"), dict):
        places.append(subject["achievement"].get("endorsement"))
    if isinstance(credential.get("issuer"), dict):
        places.append(credential["issuer"].get("endorsement"))
    for place in places:
        if place is None:
            continue
        yield from place if isinstance(place, list) else [place]


_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def _day(moment: datetime) -> str:
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"
