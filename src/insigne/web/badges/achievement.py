"""The Open Badges 3.0 Achievement and issuer Profile a badge version stands for.

Built from the core's OB 3.0 model (so the JSON follows the spec's rules), once per issuing
batch, then shared by every credential of the batch.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ...core import ob3
from ...core.competences import Competence as CoreCompetence
from ...core.competences import achievement_parts, certification
from ..issuers import identifiers
from ..issuers.models import Organisation
from .models import BadgeVersion, Competence
from .rendering import criteria_text


def achievement_url(version: BadgeVersion) -> str:
    return f"{settings.PUBLIC_URL}/badges/{version.badge.public_id}/v{version.number}"


def image_url(version: BadgeVersion) -> str:
    return f"{achievement_url(version)}/image.png"


def core_competences(version: BadgeVersion) -> list[CoreCompetence]:
    """The version's competences as the core understands them (for alignments and results)."""
    base = achievement_url(version)
    return [
        CoreCompetence(
            name=c.name,
            url=c.url or f"{base}#competence-{c.position + 1}",
            framework=c.framework or None,
            code=c.code or None,
            description=c.description or None,
            levels=tuple(c.levels),
        )
        for c in _competences(version)
    ]


def _competences(version: BadgeVersion) -> list[Competence]:
    return sorted(version.competences.all(), key=lambda c: c.position)


def achievement_json(version: BadgeVersion) -> dict[str, Any]:
    achievement_id = achievement_url(version)
    alignments, rubrics = achievement_parts(achievement_id, core_competences(version))
    if version.certification_code:
        alignments.append(
            certification(
                version.certification_code,
                version.certification_title or version.certification_code,
                version.certification_url or None,
            ).alignment()
        )
    achievement = ob3.Achievement(
        id=achievement_id,
        name=version.name,
        description=version.description,
        criteria=ob3.Criteria(id=achievement_id, narrative=criteria_text(version.criteria)),
        achievement_type=version.achievement_type,
        image=ob3.Image(id=image_url(version), caption=version.name),
        creator=None,
        alignment=alignments,
        result_description=rubrics,
        in_language=version.language,
        tag=[str(t) for t in version.tags],
        version=str(version.number),
    )
    return achievement.to_json()


def issuer_json(organisation: Organisation) -> dict[str, Any]:
    """The issuer Profile embedded in credentials (its id is the organisation's did:web)."""
    logo = None
    if organisation.logo_png:
        logo = ob3.Image(
            id=f"{identifiers.profile_url(organisation)}/logo.png", caption=organisation.name
        )
    other = []
    if organisation.siret:
        other.append(
            ob3.IdentifierEntry(identifier=organisation.siret, identifier_type="ext:SIRET")
        )
    if organisation.linkedin_organization_id:
        other.append(
            ob3.IdentifierEntry(
                identifier=organisation.linkedin_organization_id,
                identifier_type="ext:LinkedInOrganizationId",
            )
        )
    profile = ob3.Profile(
        id=identifiers.did(organisation),
        name=organisation.name,
        url=organisation.website or identifiers.profile_url(organisation),
        email=organisation.contact_email or None,
        description=organisation.description or None,
        image=logo,
        other_identifier=other,
    )
    return profile.to_json()
