"""What the sharing panel links to: short redirects to LinkedIn's forms (only for a public
badge: LinkedIn and the people it shows the badge to must be able to open its page) and the
QR code of the badge's address."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from ...awards.models import Award
from .. import qr
from ..award_details import AwardDetails
from ..erased import Erased, gone_when_erased
from ..responses import file_response
from ..visibility import awards, visible_award


def _public_details(public_id: uuid.UUID) -> AwardDetails:
    award = awards().filter(public_id=public_id).first()
    if award is not None and award.erased_at is not None:
        raise Erased
    if award is None or not award.public:
        raise Http404
    return AwardDetails(award)


def _redirect(url: str) -> HttpResponse:
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "no-cache"  # the badge may turn private at any time
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@gone_when_erased
def linkedin_add(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _redirect(_public_details(public_id).linkedin_add_url())


@require_safe
@gone_when_erased
def linkedin_share(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _redirect(_public_details(public_id).linkedin_share_url())


def _qr_subject(request: HttpRequest, public_id: uuid.UUID) -> tuple[Award, AwardDetails, str]:
    award, _access = visible_award(request, public_id, awards())
    details = AwardDetails(award)
    return award, details, f"qr-{slugify(award.version.name)[:60] or 'badge'}"


@require_safe
@gone_when_erased
def qr_svg(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    award, details, stem = _qr_subject(request, public_id)
    body = qr.svg(details.url, label=details.qr_label, pixels=400)
    private = not award.public
    response = file_response(
        body.encode("utf-8"), "image/svg+xml", f"{stem}.svg", attachment=True, private=private
    )
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


@require_safe
@gone_when_erased
def qr_png(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    award, details, stem = _qr_subject(request, public_id)
    return file_response(
        qr.png(details.url), "image/png", f"{stem}.png", attachment=True, private=not award.public
    )
