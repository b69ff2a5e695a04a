"""Issuer side: a badge's claim links, creating one, its QR code, turning it off, and
whether learners may ask for the badge."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ...issuers.permissions import AWARD, organisation_for
from ...public import qr
from .. import actions
from ..access import badge_of, link_of
from ..forms import LinkForm
from ..links import event_url
from ..models import BadgeRequest


@login_required
def link_list(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    badge = badge_of(organisation, public_id)
    links = badge.claim_links.annotate(
        pending=Count("requests", filter=Q(requests__state=BadgeRequest.State.PENDING))
    )
    now = timezone.now()
    rows = [{"link": link, "url": event_url(link), "closed": link.closed(now)} for link in links]
    pending = BadgeRequest.objects.filter(badge=badge, state=BadgeRequest.State.PENDING).count()
    context = {
        "organisation": organisation,
        "badge": badge,
        "version": actions.current_version(badge) or badge.current_version,
        "rows": rows,
        "pending": pending,
    }
    return render(request, "claims/links.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def link_create(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    badge = badge_of(organisation, public_id)
    version = actions.current_version(badge)
    if version is None:
        raise Http404  # archived: nothing to hand out
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        link = actions.create_link(
            badge,
            label=data["label"],
            code=data["code"],
            max_uses=data["max_uses"],
            expires_at=data["expires_at"],
            requires_approval=data["requires_approval"],
            by=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, _("Le lien « %(label)s » est prêt.") % {"label": link.label})
        return redirect("claims:link", slug=slug, public_id=link.public_id)
    context = {"organisation": organisation, "badge": badge, "version": version, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "claims/link_form.html", context, status=status)


@login_required
def link_detail(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    link = link_of(organisation, public_id)
    url = event_url(link)
    requests = (
        link.requests.select_related("award")
        .defer("evidence_data", "evidence_text", "message")
        .order_by("-created_at", "-pk")[:100]
    )
    context = {
        "organisation": organisation,
        "badge": link.badge,
        "version": link.badge.current_version,
        "link": link,
        "url": url,
        "closed": link.closed(),
        "qr_svg": SafeString(qr.svg(url, label=_("QR code du lien %(url)s") % {"url": url})),
        "requests": list(requests),
    }
    return render(request, "claims/link_detail.html", context)


@login_required
def link_qr(
    request: HttpRequest, slug: str, public_id: uuid.UUID, format_name: str
) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    link = link_of(organisation, public_id)
    url = event_url(link)
    name = f"qr-{slugify(link.label)[:60] or 'lien'}"
    if format_name == "svg":
        title = _("QR code du lien %(url)s") % {"url": url}
        svg = qr.svg(url, label=title, pixels=512)
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n' + svg).encode()
        response = HttpResponse(body, content_type="image/svg+xml")
    elif format_name == "png":
        response = HttpResponse(qr.png(url), content_type="image/png")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{format_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def link_active(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    link = link_of(organisation, public_id)
    active = request.POST.get("active") == "1"
    if actions.set_link_active(link, active):
        if active:
            messages.success(request, _("Le lien est de nouveau actif."))
        else:
            messages.success(
                request, _("Le lien est désactivé : plus personne ne peut l'utiliser.")
            )
    return redirect("claims:link", slug=slug, public_id=public_id)


@login_required
@require_POST
def requests_open(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    badge = badge_of(organisation, public_id)
    accepts = request.POST.get("open") == "1"
    if accepts and actions.current_version(badge) is None:
        messages.error(request, _("Ce badge est archivé : il ne peut pas être demandé."))
    else:
        actions.set_requests_open(badge, accepts)
        if accepts:
            messages.success(
                request,
                _("Les personnes peuvent désormais demander ce badge depuis sa page publique."),
            )
        else:
            messages.success(request, _("Ce badge ne peut plus être demandé."))
    return redirect("claims:links", slug=slug, public_id=public_id)
