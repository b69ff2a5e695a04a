"""State changes of the badges context: create, edit (in place or as a new version), archive.

A version that has awards, or an award import queued or running, is frozen: editing the badge
then writes version n + 1 and leaves version n, and every credential issued from it, as it
was. A version nobody received yet is edited in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from ...core.competences import certification
from ..accounts.models import User
from ..awards.models import AwardImport
from ..frameworks.access import usable_items
from ..issuers.models import Organisation, Unit
from .content import MAX_COMPETENCES, MAX_LEVELS, BadgeContent, content_of
from .models import Badge, BadgeVersion, Competence
from .uploads import BadgeImage

_BUSY_IMPORTS = (AwardImport.State.QUEUED, AwardImport.State.RUNNING)


@dataclass(frozen=True)
class Edit:
    version: BadgeVersion
    new_version: bool  # version n + 1 was written
    changed: bool  # False when the submitted badge was the same as before


def is_frozen(version: BadgeVersion) -> bool:
    """Whether credentials were (or are being) issued from ``version``."""
    return version.awards.exists() or version.imports.filter(state__in=_BUSY_IMPORTS).exists()


@transaction.atomic
def create_badge(
    organisation: Organisation,
    user: User | None,
    content: BadgeContent,
    image: BadgeImage,
    *,
    unit: Unit | None = None,
) -> BadgeVersion:
    """A new badge of ``organisation`` and its version 1."""
    _check(content, organisation, unit)
    badge = Badge.objects.create(organisation=organisation, unit=unit, created_by=user)
    return _write_version(badge, 1, user, content, image)


@transaction.atomic
def edit_badge(
    badge: Badge,
    user: User | None,
    content: BadgeContent,
    image: BadgeImage | None = None,
    *,
    unit: Unit | None = None,
) -> Edit:
    """Apply ``content`` (and ``image``, if given) to ``badge``'s current version.

    The version is edited in place unless it is frozen (see :func:`is_frozen`); then a new
    version is written, with the current image when ``image`` is None. The unit files the
    badge and is not part of a version.
    """
    _check(content, badge.organisation, unit)
    badge = Badge.objects.select_for_update().get(pk=badge.pk)
    if badge.unit_id != (unit.pk if unit else None):
        badge.unit = unit
        badge.save(update_fields=["unit"])
    current = badge.versions.order_by("-number").select_for_update().first()
    if current is None:  # a badge always has a version; repair rather than fail
        return Edit(_write_version(badge, 1, user, content, image or _blank()), True, True)
    if content == content_of(current) and (image is None or _same_image(current, image)):
        return Edit(current, False, False)
    if is_frozen(current):
        image = image or BadgeImage(
            png=bytes(current.image_png), svg=current.image_svg, design=current.design
        )
        return Edit(_write_version(badge, current.number + 1, user, content, image), True, True)
    _apply(current, content, image)
    current.save()
    current.competences.all().delete()
    _write_competences(current, content)
    return Edit(current, False, True)


@transaction.atomic
def archive_badge(badge: Badge) -> None:
    """Hide ``badge`` from the lists of badges to award; its awards stay valid."""
    Badge.objects.filter(pk=badge.pk).update(archived=True)
    badge.archived = True


@transaction.atomic
def unarchive_badge(badge: Badge) -> None:
    Badge.objects.filter(pk=badge.pk).update(archived=False)
    badge.archived = False


def _check(content: BadgeContent, organisation: Organisation, unit: Unit | None) -> None:
    """Invariants the forms already enforce, checked again for other callers (demo, CLI)."""
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValueError("the unit belongs to another organisation")
    if not content.name.strip():
        raise ValueError("a badge needs a name")
    if len(content.competences) > MAX_COMPETENCES:
        raise ValueError(f"at most {MAX_COMPETENCES} competences")
    names = [c.name.casefold() for c in content.competences]
    if len(set(names)) != len(names):
        raise ValueError("two competences have the same name")
    for competence in content.competences:
        levels = [level.casefold() for level in competence.levels]
        if len(levels) > MAX_LEVELS or len(set(levels)) != len(levels):
            raise ValueError(f"competence {competence.name!r}: bad levels")
    items = {c.item_id for c in content.competences if c.item_id is not None}
    if items and usable_items(organisation).filter(pk__in=items).count() != len(items):
        raise ValueError("a competence points at a framework item the organisation cannot use")
    if content.certification_code:
        certification(
            content.certification_code,
            content.certification_title,
            content.certification_url or None,
        )


def _write_version(
    badge: Badge, number: int, user: User | None, content: BadgeContent, image: BadgeImage
) -> BadgeVersion:
    version = BadgeVersion(badge=badge, number=number, created_by=user)
    _apply(version, content, image)
    version.save()
    _write_competences(version, content)
    return version


def _apply(version: BadgeVersion, content: BadgeContent, image: BadgeImage | None) -> None:
    version.name = content.name
    version.description = content.description
    version.criteria = content.criteria
    version.language = content.language
    version.achievement_type = content.achievement_type
    version.tags = list(content.tags)
    version.expiry = content.expiry
    version.expiry_date = content.expiry_date if content.expiry == "date" else None
    version.expiry_days = content.expiry_days if content.expiry == "duration" else None
    version.certification_code = content.certification_code
    version.certification_title = content.certification_title if content.certification_code else ""
    version.certification_url = content.certification_url if content.certification_code else ""
    if image is not None:
        version.image_png = image.png
        version.image_svg = image.svg
        version.design = image.design


def _write_competences(version: BadgeVersion, content: BadgeContent) -> None:
    Competence.objects.bulk_create(
        Competence(
            version=version,
            position=position,
            name=c.name,
            framework=c.framework,
            code=c.code,
            url=c.url,
            description=c.description,
            levels=list(c.levels),
            item_id=c.item_id,
        )
        for position, c in enumerate(content.competences)
    )


def _same_image(version: BadgeVersion, image: BadgeImage) -> bool:
    return (
        bytes(version.image_png) == image.png
        and version.image_svg == image.svg
        and (version.design or {}) == (image.design or {})
    )


def _blank() -> BadgeImage:
    from .design_png import design_png
    from .designer import Design, design_svg

    design = Design()
    return BadgeImage(png=design_png(design), svg=design_svg(design), design=design.as_json())
