"""Deleting one's account: what happens said plainly, confirmed with the password."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from ...backpack.models import Collection
from ...external.models import ExternalBadge
from .. import holdings
from ..actions import RefusedError, delete_account, sole_owned
from ..forms import DeleteAccountForm
from ..models import User


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = DeleteAccountForm(user, request.POST or None)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        try:
            delete_account(user)
        except RefusedError as refused:
            refusal = refused.message
        else:
            logout(request)
            return redirect("accounts:deleted")
    context = {
        "form": form,
        "refusal": refusal,
        "sole_owned": sole_owned(user),
        "awards": holdings.awards_of(user).count(),
        "imported": ExternalBadge.objects.filter(owner=user).count(),
        "collections": Collection.objects.filter(owner=user).count(),
    }
    status = 200 if request.method == "GET" else (409 if refusal else 400)
    return render(request, "accounts/delete.html", context, status=status)


@require_safe
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/deleted.html")
