"""Grouped badges: defining one over earlier badges, and awarding it in one action to the
people who hold every part."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ...issuers.permissions import AWARD, DESIGN, VIEW, organisation_for, role_in
from .. import actions
from ..catalogue import badges_of
from ..forms import GroupForm, chosen_people
from ..models import Grouping
from ..regrouping import GroupingError, holders

PAGE_SIZE = 100


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(request, slug, DESIGN)
    posted = request.method == "POST"
    form = GroupForm(organisation, request.POST if posted else None)
    if not posted:
        chosen = [p for p in request.GET.getlist("partie") if _is_uuid(p)]
        form.initial["parts"] = list(
            badges_of(organisation).filter(public_id__in=chosen).values_list("pk", flat=True)
        )
    if posted and form.is_valid():
        try:
            grouping = actions.define_grouped_badge(
                organisation,
                request.user,  # type: ignore[arg-type]
                form.cleaned_data["parts"],
                form.content(),
            )
        except GroupingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Le badge regroupé est créé. Vous pouvez le modifier comme tout badge "
                    "(image, description) et l'attribuer ci-dessous aux personnes qui "
                    "détiennent déjà toutes ses parties."
                ),
            )
            return redirect("pathways:group", slug=slug, public_id=grouping.badge.public_id)
    context = {"organisation": organisation, "form": form}
    return render(request, "pathways/group_form.html", context, status=400 if posted else 200)


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _grouping(
    slug: str, public_id: uuid.UUID, request: HttpRequest, roles: frozenset[str]
) -> Grouping:
    organisation = organisation_for(request, slug, roles)
    return get_object_or_404(
        Grouping.objects.select_related("badge__organisation"),
        badge__organisation=organisation,
        badge__public_id=public_id,
    )


@login_required
def group(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    grouping = _grouping(slug, public_id, request, VIEW)
    organisation = grouping.badge.organisation
    version = actions.current_version(grouping.badge)
    shown = version or grouping.badge.current_version
    if shown is None:
        raise Http404
    found = holders(grouping, shown)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "organisation": organisation,
        "grouping": grouping,
        "badge": grouping.badge,
        "version": shown,
        "parts": list(badges_of(organisation).filter(part_of=grouping)),
        "holders": found,
        "page": page,
        "can_award": role_in(request.user, organisation) in AWARD and version is not None,
        "can_design": role_in(request.user, organisation) in DESIGN,
    }
    return render(request, "pathways/group.html", context)


@login_required
@require_POST
def group_award(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    grouping = _grouping(slug, public_id, request, AWARD)
    back = redirect("pathways:group", slug=slug, public_id=public_id)
    if "tous" in request.POST:
        emails = None
    else:
        one = request.POST.get("une", "")
        emails = chosen_people([one] if one else request.POST.getlist("personnes"))
        if emails is None:
            messages.error(request, _("La sélection n'a pas pu être lue : recommencez."))
            return back
        if not emails:
            messages.error(request, _("Cochez au moins une personne, ou attribuez à toutes."))
            return back
    try:
        result = actions.award_grouped_badge(
            grouping,
            emails,
            by=request.user,  # type: ignore[arg-type]
        )
    except GroupingError as error:
        messages.error(request, error.message)
        return back
    if result.awarded:
        messages.success(
            request,
            ngettext(
                "Badge regroupé attribué à %(count)s personne ; un courriel lui a été envoyé.",
                "Badge regroupé attribué à %(count)s personnes ; un courriel leur a été envoyé.",
                result.awarded,
            )
            % {"count": result.awarded},
        )
    if result.skipped:
        messages.warning(
            request,
            ngettext(
                "%(count)s personne n'a pas reçu le badge : elle le détient déjà, ou ne "
                "détient plus toutes les parties.",
                "%(count)s personnes n'ont pas reçu le badge : elles le détiennent déjà, ou "
                "ne détiennent plus toutes les parties.",
                result.skipped,
            )
            % {"count": result.skipped},
        )
    return back
