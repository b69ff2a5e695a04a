"""The demo organisation's frameworks and pathway: the ESCO and ROME sample files imported
(illustrative content, see ``frameworks/samples/README.md``) next to the shipped RECTEC, CléA
and savoir-être frameworks, and a pathway whose three single-competence badges lead to the
grouped badge, awarded automatically."""

from __future__ import annotations

from ..accounts.models import User
from ..badges.models import BadgeVersion
from ..frameworks.demo import import_samples
from ..issuers.models import Organisation
from ..pathways.actions import PathwayContent, RequirementContent, create_pathway
from ..pathways.models import Pathway, Requirement


def seed_frameworks(
    organisation: Organisation, owner: User, singles: list[BadgeVersion], grouped: BadgeVersion
) -> None:
    import_samples(organisation, owner)
    create_pathway(
        organisation,
        owner,
        PathwayContent(
            name="Vers les compétences relationnelles",
            description="Les trois badges de compétence mènent au badge qui les regroupe.",
            goal_badge=grouped.badge,
            certification_code="",
            certification_title="",
            completion=Pathway.Completion.AUTOMATIC,
            requirements=tuple(
                RequirementContent(kind=Requirement.Kind.BADGE, badge=single.badge)
                for single in singles
            ),
        ),
    )
