"""Shared pieces of the grouped badge, pathway and search tests (no tests here): badges of one
competence made through the badges context, awards to anyone, and the pages' addresses."""

from __future__ import annotations

import html
import re
from typing import Any

from django.urls import reverse

from insigne.web.awards.issuance import Recipient, issue
from insigne.web.awards.models import Award
from insigne.web.badges.actions import create_badge
from insigne.web.badges.content import BadgeContent, CompetenceContent
from insigne.web.badges.models import Badge, BadgeVersion
from insigne.web.badges.uploads import BadgeImage
from insigne.web.issuers.models import Organisation
from insigne.web.pathways.models import Pathway

from .images import PNG_64

LEVELS = ("Découverte", "Application", "Maîtrise")
CAMILLE = "camille@apprenant.example"
SACHA = "sacha@apprenant.example"
NOAH = "noah@apprenant.example"


def badge(
    organisation: Organisation,
    name: str,
    *competences: CompetenceContent,
    certification: tuple[str, str] = ("", ""),
) -> BadgeVersion:
    """A badge (version 1) of ``organisation`` made by ``create_badge``."""
    content = BadgeContent(
        name=name,
        description=f"Atteste : {name}.",
        criteria="Observé en situation.",
        achievement_type=BadgeVersion.AchievementType.COMPETENCY,
        certification_code=certification[0],
        certification_title=certification[1],
        competences=competences,
    )
    return create_badge(organisation, None, content, BadgeImage(png=PNG_64))


def rectec(name: str, code: str, levels: tuple[str, ...] = LEVELS) -> CompetenceContent:
    return CompetenceContent(name=name, framework="RECTEC", code=code, levels=levels)


def teamwork(organisation: Organisation) -> BadgeVersion:
    return badge(organisation, "Travail en équipe", rectec("Travailler en équipe", "RECTEC-ORG-3"))


def speaking(organisation: Organisation) -> BadgeVersion:
    return badge(organisation, "Oral", rectec("Communiquer à l'oral", "RECTEC-COM-1"))


def give(
    version: BadgeVersion,
    email: str = CAMILLE,
    *,
    name: str = "Camille Roux",
    levels: dict[str, str] | None = None,
    **changes: Any,
) -> Award:
    """One award of ``version`` to ``email``; ``changes`` are then written on it (state,
    public, learner, valid_until, erased_at...)."""
    [award] = issue(version, [Recipient(email=email, name=name, levels=levels or {})], by=None)
    if changes:
        Award.objects.filter(pk=award.pk).update(**changes)
        award.refresh_from_db()
    return award


def holders_of(badge: Badge) -> list[str]:
    return sorted(
        Award.objects.filter(version__badge=badge).values_list("recipient_email", flat=True)
    )


def group_url(organisation: Organisation, badge: Badge) -> str:
    return reverse("pathways:group", args=[organisation.slug, badge.public_id])


def group_award_url(organisation: Organisation, badge: Badge) -> str:
    return reverse("pathways:group-award", args=[organisation.slug, badge.public_id])


def pathway_url(pathway: Pathway, name: str = "detail") -> str:
    return reverse(f"pathways:{name}", args=[pathway.organisation.slug, pathway.public_id])


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def words(response: Any) -> str:
    """The page's text without its tags, spaces (no-break ones too) collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())


def make_pathway(
    organisation: Organisation,
    *,
    goal: BadgeVersion | None,
    badges: tuple[BadgeVersion, ...] = (),
    competences: tuple[tuple[CompetenceContent, str], ...] = (),
    automatic: bool = True,
    certification: tuple[str, str] = ("", ""),
    name: str = "Vers l'autonomie",
) -> Pathway:
    """A pathway made by ``create_pathway``: badges to hold, competences with a minimum level
    ("" for any level)."""
    from insigne.web.pathways.actions import PathwayContent, RequirementContent, create_pathway

    requirements = [RequirementContent(kind="badge", badge=v.badge) for v in badges]
    requirements += [
        RequirementContent(
            kind="competence",
            name=c.name,
            framework=c.framework,
            code=c.code,
            url=c.url,
            levels=c.levels,
            minimum=minimum,
        )
        for c, minimum in competences
    ]
    return create_pathway(
        organisation,
        None,
        PathwayContent(
            name=name,
            description="Trois étapes vers l'autonomie.",
            goal_badge=goal.badge if goal is not None else None,
            certification_code=certification[0],
            certification_title=certification[1],
            completion=Pathway.Completion.AUTOMATIC if automatic else Pathway.Completion.PROPOSE,
            requirements=tuple(requirements),
        ),
    )
