"""A small badge description (issuer, achievement, competences, recipient) turned into an
unsigned Open Badges 3.0 credential or an Open Badges 2.0 assertion.

This is the format ``insigne issue`` reads (YAML or JSON); every error names the field in
French and in English.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from . import dates, ob2
from .competences import Competence, achievement_parts, certification, results_for
from .identity import new_salt, normalize_email
from .ob3 import (
    Achievement,
    AchievementSubject,
    Criteria,
    Evidence,
    IdentityObject,
    Image,
    OpenBadgeCredential,
    Profile,
)


class DescriptionError(ValueError):
    """The badge description is incomplete or malformed."""


def credential(
    data: Any, *, issuer_id: str, now: datetime, salt: str | None = None
) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential described by ``data``."""
    description = _mapping(data, "")
    issuer = _mapping(description.get("issuer"), "issuer")
    achievement = _mapping(description.get("achievement"), "achievement")
    recipient = _mapping(description.get("recipient"), "recipient")
    achievement_id = _text(achievement, "id", "achievement")
    competences = [
        _competence(_mapping(entry, f"achievement.competences[{i}]"), achievement_id, i)
        for i, entry in enumerate(_list(achievement.get("competences"), "achievement.competences"))
    ]
    try:
        alignments, rubrics = achievement_parts(achievement_id, competences)
        cert = achievement.get("certification")
        if cert is not None:
            cert = _mapping(cert, "achievement.certification")
            alignments.append(
                certification(
                    _text(cert, "code", "achievement.certification"),
                    _text(cert, "title", "achievement.certification"),
                    _optional(cert, "url"),
                ).alignment()
            )
        levels = recipient.get("levels") or {}
        results = results_for(achievement_id, competences, _mapping(levels, "recipient.levels"))
        email = normalize_email(_text(recipient, "email", "recipient"))
        image = _optional(achievement, "image")
        built = OpenBadgeCredential(
            id=_optional(description, "id") or f"urn:uuid:{uuid.uuid4()}",
            name=_text(achievement, "name", "achievement"),
            issuer=Profile(
                id=_optional(issuer, "id") or issuer_id,
                name=_text(issuer, "name", "issuer"),
                url=_optional(issuer, "url"),
                email=_optional(issuer, "email"),
            ),
            valid_from=_date(description, "valid_from") or dates.format_z(now),
            valid_until=_date(description, "valid_until"),
            credential_subject=AchievementSubject(
                identifier=[IdentityObject.hashed_email(email, salt or new_salt())],
                achievement=Achievement(
                    id=achievement_id,
                    name=_text(achievement, "name", "achievement"),
                    description=_text(achievement, "description", "achievement"),
                    criteria=Criteria(narrative=_text(achievement, "criteria", "achievement")),
                    achievement_type=_optional(achievement, "type") or "Badge",
                    image=Image(id=image, caption=_optional(achievement, "image_caption"))
                    if image
                    else None,
                    in_language=_optional(achievement, "language"),
                    tag=[str(t) for t in _list(achievement.get("tags"), "achievement.tags")],
                    alignment=alignments,
                    result_description=rubrics,
                ),
                result=results,
                narrative=_optional(recipient, "narrative"),
            ),
            evidence=[
                _evidence(_mapping(e, f"recipient.evidence[{i}]"))
                for i, e in enumerate(_list(recipient.get("evidence"), "recipient.evidence"))
            ],
        )
    except ValueError as error:
        if isinstance(error, DescriptionError):
            raise
        raise DescriptionError(str(error)) from error
    return built.to_json()


def ob2_assertion(
    data: Any, *, key_url: str, now: datetime, salt: str | None = None
) -> dict[str, Any]:
    """The Open Badges 2.0 signed-assertion JSON described by ``data`` (BadgeClass embedded)."""
    description = _mapping(data, "")
    issuer = _mapping(description.get("issuer"), "issuer")
    achievement = _mapping(description.get("achievement"), "achievement")
    recipient = _mapping(description.get("recipient"), "recipient")
    try:
        issuer_id = _text(issuer, "id", "issuer")
        badge = ob2.BadgeClass(
            id=_text(achievement, "id", "achievement"),
            name=_text(achievement, "name", "achievement"),
            description=_text(achievement, "description", "achievement"),
            image=_text(achievement, "image", "achievement"),
            issuer=issuer_id,
            criteria_narrative=_text(achievement, "criteria", "achievement"),
            tags=tuple(str(t) for t in _list(achievement.get("tags"), "achievement.tags")),
        )
        valid_from = _date(description, "valid_from")
        valid_until = _date(description, "valid_until")
        assertion = ob2.Assertion(
            id=_optional(description, "id") or f"urn:uuid:{uuid.uuid4()}",
            recipient=ob2.Recipient.hashed_email(
                normalize_email(_text(recipient, "email", "recipient")), salt or new_salt()
            ),
            badge=badge,
            issued_on=dates.parse(valid_from) if valid_from else now,  # type: ignore[arg-type]
            expires=dates.parse(valid_until) if valid_until else None,
            verification_type="SignedBadge",
            verification_creator=key_url,
            narrative=_optional(recipient, "narrative"),
        )
    except ValueError as error:
        if isinstance(error, DescriptionError):
            raise
        raise DescriptionError(str(error)) from error
    return assertion.to_json()


def _competence(entry: Mapping[str, Any], achievement_id: str, index: int) -> Competence:
    where = f"achievement.competences[{index}]"
    return Competence(
        name=_text(entry, "name", where),
        url=_optional(entry, "url") or f"{achievement_id}#competence-{index + 1}",
        framework=_optional(entry, "framework"),
        code=_optional(entry, "code"),
        description=_optional(entry, "description"),
        target_type=_optional(entry, "type") or "CFItem",
        levels=tuple(str(level) for level in _list(entry.get("levels"), f"{where}.levels")),
    )


def _evidence(entry: Mapping[str, Any]) -> Evidence:
    return Evidence(
        id=_optional(entry, "url"),
        name=_optional(entry, "name"),
        narrative=_optional(entry, "narrative"),
        description=_optional(entry, "description"),
    )


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        name = where or "la description"
        raise DescriptionError(
            f"« {name} » doit être un objet (clé: valeur) / {where or 'the description'} "
            "must be a mapping"
        )
    return value


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DescriptionError(f"« {where} » doit être une liste / {where} must be a list")
    return value


def _text(mapping: Mapping[str, Any], key: str, where: str) -> str:
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        path = f"{where}.{key}" if where else key
        raise DescriptionError(f"le champ « {path} » est obligatoire / {path} is required")
    return value.strip()


def _optional(mapping: Mapping[str, Any], key: str) -> str | None:
    value = mapping.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DescriptionError(f"« {key} » doit être du texte / {key} must be text")
    return value.strip() or None


def _date(mapping: Mapping[str, Any], key: str) -> str | None:
    value = mapping.get(key)
    if value is None:
        return None
    if isinstance(value, datetime):  # YAML parses unquoted timestamps
        return dates.format_z(value)
    if dates.parse(value) is None:
        raise DescriptionError(
            f"« {key} » doit être une date comme 2026-11-28T09:00:00Z / "
            f"{key} must be a date-time like 2026-11-28T09:00:00Z"
        )
    return str(value)
