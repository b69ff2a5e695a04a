"""The page a learner reaches from the e-mail announcing a badge."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ...awards.models import Award
from ..award_details import AwardDetails
from ..award_page import page_parts
from ..erased import Erased, gone_when_erased
from ..visibility import awards, remember_claim


@never_cache
@require_safe
@gone_when_erased
def claim(request: HttpRequest, token: str) -> HttpResponse:
    """Shows the award at once to whoever holds the link, and lets this browser session see
    its badge page. The first visit records that the badge was claimed."""
    award = get_object_or_404(awards(), claim_token=token)
    if award.erased_at is not None:
        raise Erased
    if award.claimed_at is None and request.method == "GET":
        now = timezone.now()
        Award.objects.filter(pk=award.pk, claimed_at__isnull=True).update(claimed_at=now)
        award.claimed_at = now
    remember_claim(request, award)
    details = AwardDetails(award)
    context = {"award": award, "details": details, "parts": page_parts(award, details)}
    response = render(request, "public/claim.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
