"""Finding what a page is about inside the organisation the person may act for (else 404)."""

from __future__ import annotations

import uuid

from django.http import Http404

from ...badges.models import BadgeVersion
from ...issuers.models import Organisation
from ..models import Award, AwardImport


def current_version(organisation: Organisation, badge_id: uuid.UUID) -> BadgeVersion:
    """The newest version of a badge of ``organisation`` that is not archived."""
    version = (
        BadgeVersion.objects.select_related("badge")
        .filter(badge__organisation=organisation, badge__public_id=badge_id, badge__archived=False)
        .order_by("-number")
        .first()
    )
    if version is None:
        raise Http404
    return version


def award_of(organisation: Organisation, award_id: uuid.UUID) -> Award:
    award = (
        Award.objects.select_related("version__badge", "created_by", "import_batch")
        .filter(organisation=organisation, public_id=award_id)
        .first()
    )
    if award is None:
        raise Http404
    return award


def import_of(
    organisation: Organisation, import_id: uuid.UUID, *, without: tuple[str, ...] = ()
) -> AwardImport:
    """An import of ``organisation``, leaving unread the fields named in ``without`` (its
    rows and problems can weigh megabytes)."""
    imports = AwardImport.objects.select_related("version__badge", "uploaded_by")
    if without:
        imports = imports.defer(*without)
    award_import = imports.filter(organisation=organisation, public_id=import_id).first()
    if award_import is None:
        raise Http404
    return award_import
