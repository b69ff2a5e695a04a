"""State changes of grouped badges and pathways.

A grouped badge is made with the badges context's own ``create_badge``; every award goes
through the awards context (``issuance.issue`` in batches, or ``award_badge``), which signs
the credential and e-mails the learner once committed. Nothing here revokes an award: the
parts of a grouped badge, and the badges that led along a pathway, stay valid.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from ..accounts.models import User
from ..awards import tasks as award_tasks
from ..awards.actions import AlreadyHeldError, Evidence, award_badge
from ..awards.issuance import Recipient, issue
from ..awards.models import Award
from ..badges.actions import create_badge
from ..badges.content import MAX_TAGS, BadgeContent, content_of
from ..badges.models import Badge, BadgeVersion
from ..badges.uploads import BadgeImage
from ..issuers.models import Organisation
from . import tasks
from .facts import Person, among_people
from .learner import ANY_OPEN_KEY
from .models import Grouping, Outcome, Pathway, Requirement
from .regrouping import GroupingError, holders, levels_for, merged_competences
from .standing import standings

BATCH = 500


def current_version(badge: Badge) -> BadgeVersion | None:
    """The version to award now: the newest of a badge that is not archived."""
    if badge.archived:
        return None
    return badge.versions.select_related("badge__organisation").order_by("-number").first()


# Grouped badges


@dataclass(frozen=True)
class GroupedContent:
    name: str
    description: str
    criteria: str
    achievement_type: str = BadgeVersion.AchievementType.BADGE
    certification_code: str = ""  # one of the parts' certifications, or none


@transaction.atomic
def define_grouped_badge(
    organisation: Organisation, user: User | None, parts: Sequence[Badge], content: GroupedContent
) -> Grouping:
    """A new badge of ``organisation`` grouping the competences of ``parts`` (two or more of
    its badges). Raises GroupingError."""
    if len({p.pk for p in parts}) < 2:
        raise GroupingError(_("Choisissez au moins deux badges à regrouper."))
    if any(p.organisation_id != organisation.pk for p in parts):
        raise GroupingError(_("Un badge regroupé ne réunit que des badges de l'organisation."))
    contents = []
    for part in parts:
        version = part.current_version
        if version is None:
            raise GroupingError(_("Un des badges choisis n'a pas de version."))
        contents.append(content_of(version))
    competences = merged_competences([(c.name, c.competences) for c in contents])
    certified = next(
        (c for c in contents if content.certification_code and
         c.certification_code == content.certification_code),
        None,
    )  # fmt: skip
    if content.certification_code and certified is None:
        raise GroupingError(_("Cette certification n'est liée à aucun des badges choisis."))
    base = certified or replace(
        contents[0], certification_code="", certification_title="", certification_url=""
    )
    tags = list(dict.fromkeys(t for c in contents for t in c.tags))[:MAX_TAGS]
    grouped = replace(
        base,
        name=content.name.strip(),
        description=content.description.strip(),
        criteria=content.criteria.strip() or _criteria([c.name for c in contents]),
        achievement_type=content.achievement_type,
        tags=tuple(tags),
        expiry=BadgeVersion.Expiry.NONE,
        expiry_date=None,
        expiry_days=None,
        competences=competences,
    )
    version = create_badge(organisation, user, grouped, _image(grouped))
    grouping = Grouping.objects.create(badge=version.badge, created_by=user)
    grouping.parts.set(parts)
    return grouping


def _criteria(names: list[str]) -> str:
    lines = "\n".join(f"- {name}" for name in names)
    return _("Avoir obtenu chacun de ces badges :\n\n%(badges)s") % {"badges": lines}


def _image(content: BadgeContent) -> BadgeImage:
    from ..badges.design_png import design_png
    from ..badges.designer import Design, design_svg, problems

    design = Design(shape="sceau", palette="violet", background="#5b2a86", pictogram="puzzle")
    titled = replace(design, line1=content.name)
    if not problems(titled):
        design = titled
    return BadgeImage(
        png=design_png(design), svg=design_svg(design, title=content.name), design=design.as_json()
    )


@dataclass(frozen=True)
class Regrouped:
    awarded: int
    skipped: int  # chosen, but no longer holding every part, or holding the grouped badge


def award_grouped_badge(
    grouping: Grouping, emails: Collection[str] | None, *, by: User | None
) -> Regrouped:
    """Award the grouped badge to the people in ``emails`` (None: everyone listed) who hold
    every part and not the grouped badge, BATCH at a time; each batch is one transaction
    that e-mails its learners once committed. Raises GroupingError for an archived badge."""
    version = current_version(grouping.badge)
    if version is None:
        raise GroupingError(_("Ce badge est archivé : il ne peut pas être attribué."))
    eligible = holders(grouping, version)
    chosen = [h for h in eligible if emails is None or h.email in emails]
    awarded = 0
    for start in range(0, len(chosen), BATCH):
        batch = chosen[start : start + BATCH]
        with transaction.atomic():
            Badge.objects.select_for_update().filter(pk=grouping.badge_id).first()
            held = set(
                Award.objects.filter(
                    version__badge_id=grouping.badge_id,
                    recipient_email__in=[h.email for h in batch],
                )
                .exclude(state=Award.State.REVOKED)
                .values_list("recipient_email", flat=True)
            )
            recipients = [
                Recipient(email=h.email, name=h.name, levels=h.levels, language=h.language)
                for h in batch
                if h.email not in held
            ]
            made = issue(version, recipients, by=by) if recipients else []
            ids = [award.pk for award in made]
            award_tasks.enqueue_emails_on_commit(ids)
            tasks.check_on_commit(ids)
            awarded += len(made)
    requested = len(eligible) if emails is None else len(set(emails))
    return Regrouped(awarded, requested - awarded)


# Pathways


class PathwayError(ValueError):
    """A pathway change or award that cannot be made; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RequirementContent:
    kind: str
    badge: Badge | None = None
    name: str = ""
    framework: str = ""
    code: str = ""
    url: str = ""
    levels: tuple[str, ...] = ()
    minimum: str = ""


@dataclass(frozen=True)
class PathwayContent:
    name: str
    description: str
    goal_badge: Badge | None
    certification_code: str
    certification_title: str
    completion: str
    requirements: tuple[RequirementContent, ...]


def _check(organisation: Organisation, content: PathwayContent) -> None:
    """Invariants the form enforces, checked again for other callers."""
    if not content.name.strip():
        raise PathwayError(_("Un parcours a besoin d'un nom."))
    if content.goal_badge is None and not content.certification_code:
        raise PathwayError(_("Choisissez le badge visé ou la certification visée."))
    if content.completion == Pathway.Completion.AUTOMATIC and content.goal_badge is None:
        raise PathwayError(_("Sans badge visé, il n'y a rien à attribuer automatiquement."))
    if not content.requirements:
        raise PathwayError(_("Choisissez au moins un badge ou une compétence à obtenir."))
    badges = [r.badge for r in content.requirements if r.badge is not None]
    if content.goal_badge is not None:
        badges.append(content.goal_badge)
    if any(b.organisation_id != organisation.pk for b in badges):
        raise PathwayError(_("Un parcours ne réunit que des badges de l'organisation."))
    if content.goal_badge is not None and content.goal_badge in badges[:-1]:
        raise PathwayError(_("Le badge visé ne peut pas être aussi une étape du parcours."))
    for requirement in content.requirements:
        if requirement.minimum and requirement.minimum not in requirement.levels:
            raise PathwayError(_("Ce niveau ne fait pas partie de l'échelle de la compétence."))


def _write(pathway: Pathway, content: PathwayContent) -> None:
    pathway.name = content.name.strip()
    pathway.description = content.description.strip()
    pathway.goal_badge = content.goal_badge
    pathway.certification_code = content.certification_code
    pathway.certification_title = content.certification_title if content.certification_code else ""
    pathway.completion = content.completion
    pathway.save()
    pathway.requirements.all().delete()
    Requirement.objects.bulk_create(
        Requirement(
            pathway=pathway,
            position=position,
            kind=r.kind,
            badge=r.badge,
            name=r.name,
            framework=r.framework,
            code=r.code,
            url=r.url,
            levels=list(r.levels),
            minimum=r.minimum,
        )
        for position, r in enumerate(content.requirements)
    )


@transaction.atomic
def create_pathway(
    organisation: Organisation, user: User | None, content: PathwayContent
) -> Pathway:
    """A new pathway. People who already meet it are listed for the staff, never awarded at
    once: automatic awarding follows the awards made from now on."""
    _check(organisation, content)
    pathway = Pathway(organisation=organisation, created_by=user)
    _write(pathway, content)
    forget_open_pathways()
    return pathway


@transaction.atomic
def edit_pathway(pathway: Pathway, content: PathwayContent) -> Pathway:
    """Change a pathway; the goal badges already awarded through it stay valid."""
    _check(pathway.organisation, content)
    locked = Pathway.objects.select_for_update().get(pk=pathway.pk)
    _write(locked, content)
    return locked


@transaction.atomic
def set_pathway_active(pathway: Pathway, active: bool) -> None:
    """Close a pathway (learners no longer see it, nothing is awarded through it) or open it
    again."""
    Pathway.objects.filter(pk=pathway.pk).update(active=active)
    pathway.active = active
    forget_open_pathways()


def forget_open_pathways() -> None:
    """Backpacks look for open pathways again (now, and once the change is committed, so
    that a backpack read in between does not keep the old answer)."""
    cache.delete(ANY_OPEN_KEY)
    transaction.on_commit(lambda: cache.delete(ANY_OPEN_KEY))


def award_goal(pathway: Pathway, person: Person, *, by: User | None) -> Award | None:
    """Award ``pathway``'s goal badge to ``person``, who meets it, once: None when an outcome
    is recorded for them already or they hold the badge. Raises PathwayError when the goal
    badge cannot be awarded (none, or archived)."""
    goal = pathway.goal_badge
    version = current_version(goal) if goal is not None else None
    if goal is None or version is None:
        raise PathwayError(_("Le badge visé par ce parcours ne peut pas être attribué."))
    with transaction.atomic():
        Pathway.objects.select_for_update().filter(pk=pathway.pk).first()
        addresses = sorted(person.addresses)
        if Outcome.objects.filter(pathway=pathway, recipient_email__in=addresses).exists():
            return None
        holder = Q(recipient_email__in=addresses)
        if person.user_id is not None:
            holder |= Q(learner_id=person.user_id)
        held = (
            Award.objects.filter(holder, version__badge_id=goal.pk)
            .exclude(state=Award.State.REVOKED)
            .first()
        )
        award = held
        if held is None:
            with translation.override(person.language):
                proof = _("Parcours « %(name)s » : toutes les étapes sont franchies.") % {
                    "name": pathway.name
                }
            recipient = Recipient(
                email=person.email,
                name=person.name,
                levels=levels_for(list(version.competences.all()), person.facts),
                language=person.language,
            )
            try:
                award = award_badge(version, recipient, by=by, evidence=Evidence(text=proof))
            except AlreadyHeldError as error:
                award = error.award
        email = award.recipient_email if award is not None else person.email
        Outcome.objects.create(
            pathway=pathway,
            recipient_email=email,
            state=Outcome.State.AWARDED,
            award=award,
            decided_by=by,
        )
    return None if held is not None else award


@dataclass(frozen=True)
class Decided:
    done: int
    skipped: int  # no longer waiting (awarded meanwhile, or no longer meeting the pathway)


def _waiting(pathway: Pathway, emails: Collection[str] | None) -> list[Person]:
    among = None if emails is None else among_people(emails)
    standing = standings(pathway.organisation, [pathway], among=among)[pathway.pk]
    return [
        c.person
        for c in standing.waiting
        if emails is None or c.person.email in emails or c.person.addresses & set(emails)
    ]


def award_goals(pathway: Pathway, emails: Collection[str] | None, *, by: User | None) -> Decided:
    """Award the goal badge to the people in ``emails`` (None: everyone waiting) who meet
    ``pathway`` and wait for it. Raises PathwayError when the badge cannot be awarded."""
    waiting = _waiting(pathway, emails)
    done = sum(1 for person in waiting if award_goal(pathway, person, by=by) is not None)
    requested = len(waiting) if emails is None else len(set(emails))
    return Decided(done, requested - done)


@transaction.atomic
def set_aside(pathway: Pathway, emails: Collection[str], *, by: User | None) -> int:
    """Take people off the list of ``pathway`` (the staff decided not to award, or guided
    them to the certification): nothing is awarded to them through it afterwards."""
    waiting = _waiting(pathway, emails)
    for person in waiting:
        Outcome.objects.get_or_create(
            pathway=pathway,
            recipient_email=person.email,
            defaults={"state": Outcome.State.DISMISSED, "decided_by": by},
        )
    return len(waiting)


def complete_pathways(award_ids: Sequence[int]) -> int:
    """Award the goal badge of automatic pathways to the people of ``award_ids`` who meet
    them now. Returns how many goal badges were awarded."""
    rows = Award.objects.filter(pk__in=list(award_ids)).values_list(
        "organisation_id", "recipient_email", "learner_id"
    )
    by_organisation: dict[int, tuple[set[str], set[int]]] = {}
    for organisation_pk, email, learner in rows:
        emails, learners = by_organisation.setdefault(organisation_pk, (set(), set()))
        emails.add(email)
        if learner is not None:
            learners.add(learner)
    awarded = 0
    for organisation_pk, (emails, learners) in by_organisation.items():
        pathways = list(
            Pathway.objects.select_related("organisation", "goal_badge").filter(
                organisation_id=organisation_pk,
                active=True,
                completion=Pathway.Completion.AUTOMATIC,
                goal_badge__isnull=False,
                goal_badge__archived=False,
            )
        )
        if not pathways:
            continue
        organisation = pathways[0].organisation
        found = standings(organisation, pathways, among=among_people(emails, learners))
        for pathway in pathways:
            for candidate in found[pathway.pk].waiting:
                if award_goal(pathway, candidate.person, by=None) is not None:
                    awarded += 1
    return awarded
