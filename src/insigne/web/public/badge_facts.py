"""The main facts of any verified badge (Open Badges 3.0 or 2.0), for the verifier page.

Read from the credential as found, for display only: what it is, who issued it, when, and
what it recognises (competences with the level reached, a France Compétences
certification), as an employer reading the verdict needs to see it. The recipient is never
shown in clear: a hashed address is "masked", an address in clear is shortened to a hint.
Lists are cut at ``MAX_LISTED`` items, whatever the credential holds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from django.utils.translation import gettext as _

from ...core import dates
from ...core.competences import CERTIFICATION_CODE, Certification
from .award_details import CompetenceLine

MAX_LISTED = 50
_CERTIFICATION_TYPES = {
    "ext:FranceCompetencesRS",
    "ext:FranceCompetencesRNCP",
    "ext:BlocDeCompetences",
}


@dataclass(frozen=True)
class BadgeFacts:
    name: str | None
    description: str | None
    issuer: str | None
    issuer_url: str | None
    recipient: str
    issued: datetime | None
    expires: datetime | None
    achievement_url: str | None
    competences: tuple[CompetenceLine, ...] = ()
    certifications: tuple[Certification, ...] = ()


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()[:500]
    if isinstance(value, dict):  # a language map, as some issuers write names
        for key in ("fr", "en", *value):
            if isinstance(value.get(key), str):
                return str(value[key]).strip()[:500]
    return None


def _url(value: Any) -> str | None:
    return value if isinstance(value, str) and value.startswith(("https://", "http://")) else None


def _dicts(value: Any) -> list[dict[str, Any]]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items[:MAX_LISTED] if isinstance(item, dict)]


def _line(name: str, alignment: dict[str, Any]) -> CompetenceLine:
    return CompetenceLine(
        anchor="",  # numbered once the list is complete
        name=name,
        framework=_text(alignment.get("targetFramework")) or "",
        code=_text(alignment.get("targetCode")) or "",
        url=_url(alignment.get("targetUrl")) or "",
        description=_text(alignment.get("targetDescription")) or "",
        levels=(),
        reached=None,
    )


def _certification(alignment: dict[str, Any]) -> Certification | None:
    code = _text(alignment.get("targetCode"))
    if alignment.get("targetType") not in _CERTIFICATION_TYPES and not (
        code and CERTIFICATION_CODE.fullmatch(code)
    ):
        return None
    title = _text(alignment.get("targetName")) or code
    if title is None:
        return None
    return Certification(code or "", title, _url(alignment.get("targetUrl")) or "")


def _rubrics(achievement: dict[str, Any], subject: dict[str, Any]) -> list[CompetenceLine]:
    """A line per resultDescription, with its levels and the level the subject reached."""
    reached: dict[str, str] = {}  # result description id -> achieved level id
    for result in _dicts(subject.get("result")):
        described, level = result.get("resultDescription"), result.get("achievedLevel")
        if isinstance(described, str) and isinstance(level, str):
            reached[described] = level
    lines = []
    for description in _dicts(achievement.get("resultDescription")):
        name = _text(description.get("name"))
        if name is None:
            continue
        levels = [
            (level.get("id"), text)
            for level in _dicts(description.get("rubricCriterionLevel"))
            if (text := _text(level.get("name")))
        ]
        level_id = reached.get(str(description.get("id")))
        aligned = next(iter(_dicts(description.get("alignment"))), {})
        lines.append(
            replace(
                _line(name, aligned),
                levels=tuple(text for _id, text in levels),
                reached=next((text for id_, text in levels if id_ == level_id), None),
            )
        )
    return lines


def _recognised(
    achievement: dict[str, Any], subject: dict[str, Any]
) -> tuple[tuple[CompetenceLine, ...], tuple[Certification, ...]]:
    """Competences (aligned, or with a rubric, or both: matched by URL or name) with the level
    reached, and certifications."""
    rubrics = _rubrics(achievement, subject)
    lines: list[CompetenceLine] = []
    certifications: list[Certification] = []
    for alignment in _dicts(achievement.get("alignment")):
        certification = _certification(alignment)
        if certification is not None:
            certifications.append(certification)
            continue
        name = _text(alignment.get("targetName"))
        if name is None:
            continue
        line = _line(name, alignment)
        rubric = next((r for r in rubrics if (r.url and r.url == line.url) or r.name == name), None)
        if rubric is not None:
            rubrics.remove(rubric)
            line = replace(line, levels=rubric.levels, reached=rubric.reached)
        lines.append(line)
    numbered = [
        replace(line, anchor=f"verified-competence-{number}")
        for number, line in enumerate([*lines, *rubrics], start=1)
    ]
    return tuple(numbered), tuple(certifications)


def _masked(address: str) -> str:
    local, _at, domain = address.partition("@")
    if not domain:
        return _("adresse masquée")
    return f"{local[:1]}…@{domain}"


def _recipient(identity: Any, hashed: Any) -> str:
    if hashed is True or not isinstance(identity, str):
        return _("adresse masquée")
    return _masked(identity)


def _ob3(credential: dict[str, Any]) -> BadgeFacts:
    subject = credential.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement")
    achievement = achievement if isinstance(achievement, dict) else {}
    issuer = credential.get("issuer")
    issuer_name = _text(issuer.get("name")) if isinstance(issuer, dict) else None
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    issuer_url = _url(issuer.get("url")) if isinstance(issuer, dict) else None
    identifiers = subject.get("identifier")
    identifiers = identifiers if isinstance(identifiers, list) else [identifiers]
    recipient = _("non précisé")
    for identifier in identifiers:
        if isinstance(identifier, dict) and identifier.get("identityType") == "emailAddress":
            recipient = _recipient(identifier.get("identityHash"), identifier.get("hashed"))
            break
    competences, certifications = _recognised(achievement, subject)
    return BadgeFacts(
        name=_text(achievement.get("name")) or _text(credential.get("name")),
        description=_text(achievement.get("description")),
        issuer=issuer_name or _text(issuer_id),
        issuer_url=issuer_url,
        recipient=recipient,
        issued=dates.parse(credential.get("validFrom", credential.get("issuanceDate"))),
        expires=dates.parse(credential.get("validUntil", credential.get("expirationDate"))),
        achievement_url=_url(achievement.get("id")),
        competences=competences,
        certifications=certifications,
    )


def _ob2(assertion: dict[str, Any]) -> BadgeFacts:
    badge = assertion.get("badge")
    badge_data = badge if isinstance(badge, dict) else {}
    issuer = badge_data.get("issuer")
    recipient = assertion.get("recipient")
    recipient = recipient if isinstance(recipient, dict) else {}
    competences, certifications = _recognised(badge_data, {})
    return BadgeFacts(
        name=_text(badge_data.get("name")),
        description=_text(badge_data.get("description")),
        issuer=_text(issuer.get("name")) if isinstance(issuer, dict) else _url(issuer),
        issuer_url=_url(issuer.get("url")) if isinstance(issuer, dict) else None,
        recipient=_recipient(recipient.get("identity"), recipient.get("hashed")),
        issued=_ob2_date(assertion.get("issuedOn")),
        expires=_ob2_date(assertion.get("expires")),
        achievement_url=_url(badge),
        competences=competences,
        certifications=certifications,
    )


def _ob2_date(value: Any) -> datetime | None:
    parsed = dates.parse(value)
    if parsed is None and isinstance(value, str) and value.isdigit():
        try:
            return datetime.fromtimestamp(int(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return parsed


def facts_of(kind: str, credential: dict[str, Any] | None) -> BadgeFacts | None:
    """The facts of a credential of ``kind`` ("ob3" or "ob2"); None when there is none."""
    if not isinstance(credential, dict):
        return None
    if kind == "ob2":
        return _ob2(credential)
    if kind == "ob3":
        return _ob3(credential)
    return None
