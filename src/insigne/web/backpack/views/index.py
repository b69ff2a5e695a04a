"""The backpack: every badge the person holds, with filters that work without JavaScript."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ...accounts.actions import attach_awards
from ..access import signed_in
from ..forms import FilterForm
from ..holdings import held_badges
from ..models import Collection
from ..search import issuers_of, matching


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    attach_awards(user)  # badges sent to a verified address since the person signed in
    held = held_badges(user)
    form = FilterForm(issuers_of(held), request.GET or None)
    filters = form.filters()
    context = {
        "form": form,
        "filters": filters,
        "held": held,
        "shown": matching(held, filters),
        "collections": Collection.objects.filter(owner=user).count(),
    }
    return render(request, "backpack/index.html", context)
