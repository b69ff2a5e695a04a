"""Keeping a badge from its claim page: at once when signed in, else after signing in or
creating an account, coming back to the claim page to finish."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ...awards.models import Award
from .. import returning
from ..actions import KeepRefusedError, keep_award
from ..models import User


def _award(token: str) -> Award:
    return get_object_or_404(
        Award.objects.select_related("version"), claim_token=token, erased_at__isnull=True
    )


def _claim_page(token: str) -> str:
    return reverse("public:claim", args=[token])


@login_required
@require_http_methods(["GET", "POST"])
def keep(request: HttpRequest, token: str) -> HttpResponse:
    """POST keeps the badge; GET (a link followed after signing in) leads to the claim page,
    whose button keeps it."""
    award = _award(token)
    if request.method != "POST":
        return redirect(_claim_page(token))
    user: User = request.user  # type: ignore[assignment]
    try:
        kept = keep_award(user, award)
    except KeepRefusedError as refused:
        messages.error(request, refused.message)
        return redirect(_claim_page(token))
    messages.success(
        request,
        _("Le badge « %(name)s » est dans votre sac à badges.") % {"name": kept.version.name},
    )
    return redirect("backpack:award", public_id=kept.public_id)


@require_safe
def sign_up(request: HttpRequest, token: str) -> HttpResponse:
    """To sign-up, the address the badge was sent to filled in; back to the claim page after."""
    award = _award(token)
    back = _claim_page(token)
    returning.remember(request, back)
    query = urlencode({"next": back, "email": award.recipient_email})
    return redirect(f"{reverse('account_signup')}?{query}")


@require_safe
def sign_in(request: HttpRequest, token: str) -> HttpResponse:
    """To sign-in, back to the claim page after."""
    _award(token)
    back = _claim_page(token)
    returning.remember(request, back)
    return redirect(f"{reverse('account_login')}?{urlencode({'next': back})}")
