"""Evidence files given with an award, at the stable URL the credential names.

Seen by whoever may see the award. Images and PDF open in the browser; anything else is
downloaded as opaque bytes, so an uploaded HTML or SVG file never runs in the platform's
origin.
"""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from ...awards.models import EvidenceFile
from ..erased import Erased, gone_when_erased
from ..responses import evidence_response
from ..visibility import can_see


@require_safe
@gone_when_erased
def evidence_file(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    found = (
        EvidenceFile.objects.select_related("award__organisation")
        .defer("award__credential", "award__credential_jwt", "award__organisation__logo_png")
        .filter(public_id=public_id)
        .first()
    )
    if found is not None and found.award.erased_at is not None:
        raise Erased
    if found is None or not can_see(request, found.award):
        raise Http404
    return evidence_response(
        bytes(found.data), found.content_type, found.name, private=not found.award.public
    )
