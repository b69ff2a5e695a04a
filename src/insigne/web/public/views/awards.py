"""An award's public page (HTML for people, the credential for machines), its share card
and its downloads."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ...awards.models import Award
from .. import downloads, share_card
from ..award_details import AwardDetails
from ..award_page import is_plain_visitor, page_parts, visitor_page
from ..erased import gone_when_erased
from ..negotiation import CREDENTIAL_TYPES, HTML, preferred, vary_on_accept
from ..responses import file_response
from ..visibility import awards, gate, visible_award


@require_safe
@gone_when_erased
def award_page(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """One query for a visitor: the award's visibility and state; the page itself comes from
    the cache (see ``award_page.py``)."""
    media_type = preferred(request, [HTML, *CREDENTIAL_TYPES])
    wants_json = media_type != HTML
    queryset = gate("credential") if wants_json else gate()
    award, allowed = visible_award(request, public_id, queryset)
    if wants_json:
        response = HttpResponse(award.credential.encode("utf-8"), content_type=media_type)
        if award.public:
            response["Access-Control-Allow-Origin"] = "*"
    elif award.public and is_plain_visitor(request):
        response = visitor_page(request, award)
    else:
        sharing = None
        if allowed.holder and award.public:
            sharing = AwardDetails(awards().get(pk=award.pk))
        context = {
            "award": award,
            "parts": page_parts(award, sharing),
            "sharing": sharing,
            "holder": allowed.holder,
            "staff": allowed.staff,
        }
        response = render(request, "public/award.html", context)
    if not award.public:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return vary_on_accept(response)


@require_safe
@gone_when_erased
def share_card_image(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The card shown where the page is shared; with ``?telecharger=1``, as a file to save."""
    queryset = Award.objects.select_related("version__badge", "organisation").defer(
        "credential",
        "credential_jwt",
        "version__image_png",
        "version__image_svg",
        "version__design",
        "organisation__logo_png",
    )
    award, _access = visible_award(request, public_id, queryset)
    bands = {Award.State.REVOKED: _("Révoqué"), Award.State.SUSPENDED: _("Suspendu")}
    card = share_card.cached_card(
        (award.version_id, award.state),
        lambda: bytes(award.version.image_png),
        award.version.name,
        award.organisation.name,
        bands.get(Award.State(award.state)),
    )
    attachment = request.GET.get("telecharger") == "1"
    stem = slugify(award.version.name)[:60] or "badge"
    name = f"{stem}-partage.png" if attachment else "partage.png"
    return file_response(card, "image/png", name, attachment=attachment, private=not award.public)


@require_safe
@gone_when_erased
def download(request: HttpRequest, public_id: uuid.UUID, format_name: str) -> HttpResponse:
    if format_name not in downloads.FORMATS:
        raise Http404
    queryset = Award.objects.select_related("version__badge", "organisation")
    award, _access = visible_award(request, public_id, queryset)
    built = downloads.build(award, format_name)
    if built is None:
        raise Http404
    return file_response(
        built.body, built.content_type, built.filename, attachment=True, private=not award.public
    )
