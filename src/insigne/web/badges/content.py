"""What a badge version says, as plain values: what the editor submits and what the actions
write, compare (an unchanged badge makes no new version) and copy into the next version."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .models import BadgeVersion

MAX_COMPETENCES = 20
MAX_LEVELS = 10
MAX_TAGS = 12


@dataclass(frozen=True)
class CompetenceContent:
    name: str
    framework: str = ""
    code: str = ""
    url: str = ""
    description: str = ""
    levels: tuple[str, ...] = ()
    item_id: int | None = None  # the framework item it was picked from


@dataclass(frozen=True)
class BadgeContent:
    name: str
    description: str
    criteria: str
    language: str = "fr"
    achievement_type: str = BadgeVersion.AchievementType.BADGE
    tags: tuple[str, ...] = ()
    expiry: str = BadgeVersion.Expiry.NONE
    expiry_date: datetime.date | None = None
    expiry_days: int | None = None
    certification_code: str = ""
    certification_title: str = ""
    certification_url: str = ""
    competences: tuple[CompetenceContent, ...] = field(default=())


def content_of(version: BadgeVersion) -> BadgeContent:
    competences = sorted(version.competences.all(), key=lambda c: c.position)
    return BadgeContent(
        name=version.name,
        description=version.description,
        criteria=version.criteria,
        language=version.language,
        achievement_type=version.achievement_type,
        tags=tuple(str(t) for t in version.tags),
        expiry=version.expiry,
        expiry_date=version.expiry_date,
        expiry_days=version.expiry_days,
        certification_code=version.certification_code,
        certification_title=version.certification_title,
        certification_url=version.certification_url,
        competences=tuple(
            CompetenceContent(
                name=c.name,
                framework=c.framework,
                code=c.code,
                url=c.url,
                description=c.description,
                levels=tuple(str(level) for level in c.levels),
                item_id=c.item_id,
            )
            for c in competences
        ),
    )
