"""The account page: name and language, addresses, password, organisations, and the way to
the backpack, the export and the deletion."""

from __future__ import annotations

import copy

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..actions import update_account
from ..forms import AccountForm
from ..models import User


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = AccountForm(request.POST or None, instance=copy.copy(user))
    if request.method == "POST" and form.is_valid():
        update_account(user, **form.cleaned_data)
        messages.success(request, _("Vos informations sont enregistrées."))
        return redirect("accounts:profile")
    addresses = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    memberships = user.memberships.select_related("organisation").order_by("organisation__name")
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "addresses": addresses, "memberships": memberships},
    )
