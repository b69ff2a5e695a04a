"""Sub-units of an organisation (a department, a site), used to file badges."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import actions
from ..forms import UnitForm
from ..models import Unit
from ..permissions import MANAGE
from .access import access


@login_required
@require_http_methods(["GET", "POST"])
def units(request: HttpRequest, slug: str) -> HttpResponse:
    """The list of units, with the form that adds one."""
    current = access(request, slug, MANAGE)
    organisation = current.organisation
    form = UnitForm(organisation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit = actions.add_unit(organisation, form.cleaned_data["name"])
        messages.success(request, _("L'unité « %(name)s » est ajoutée.") % {"name": unit.name})
        return redirect("issuers:units", slug=slug)
    listed = organisation.units.annotate(badge_count=Count("badges")).order_by("name")
    return render(
        request,
        "issuers/units.html",
        {"organisation": organisation, "access": current, "units": listed, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rename(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    current = access(request, slug, MANAGE)
    unit = get_object_or_404(Unit, pk=pk, organisation=current.organisation)
    form = UnitForm(
        current.organisation, request.POST or None, unit=unit, initial={"name": unit.name}
    )
    if request.method == "POST" and form.is_valid():
        actions.rename_unit(unit, form.cleaned_data["name"])
        messages.success(request, _("L'unité est renommée."))
        return redirect("issuers:units", slug=slug)
    return render(
        request,
        "issuers/unit_rename.html",
        {"organisation": current.organisation, "access": current, "unit": unit, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A confirmation page, then the deletion; a unit that files badges is kept."""
    current = access(request, slug, MANAGE)
    unit = get_object_or_404(
        Unit.objects.annotate(badge_count=Count("badges")), pk=pk, organisation=current.organisation
    )
    if request.method == "POST":
        try:
            actions.delete_unit(unit)
        except actions.UnitInUseError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request, _("L'unité « %(name)s » est supprimée.") % {"name": unit.name}
            )
        return redirect("issuers:units", slug=slug)
    return render(
        request,
        "issuers/unit_delete.html",
        {"organisation": current.organisation, "access": current, "unit": unit},
    )
