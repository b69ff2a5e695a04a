"""Pathways of an organisation: the list, designing one, and the people who met one and wait
for the goal badge (or for the staff's guidance towards the certification)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ....core.competences import certification
from ...issuers.models import Organisation
from ...issuers.permissions import AWARD, DESIGN, VIEW, organisation_for, role_in
from .. import actions
from ..forms import PathwayForm, chosen_people
from ..learner import badge_names
from ..models import Pathway
from ..standing import requirements_of, standings

PAGE_SIZE = 100


def _pathway(organisation: Organisation, public_id: uuid.UUID) -> Pathway:
    return get_object_or_404(
        Pathway.objects.select_related("organisation", "goal_badge"),
        organisation=organisation,
        public_id=public_id,
    )


@login_required
def pathway_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(request, slug, VIEW)
    pathways = list(Pathway.objects.filter(organisation=organisation).select_related("goal_badge"))
    found = standings(organisation, [p for p in pathways if p.active])
    names = badge_names({p.goal_badge_id for p in pathways if p.goal_badge_id is not None})
    rows = [(p, found.get(p.pk), names.get(p.goal_badge_id or 0, "")) for p in pathways]
    context = {
        "organisation": organisation,
        "rows": rows,
        "can_design": role_in(request.user, organisation) in DESIGN,
    }
    return render(request, "pathways/pathway_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def pathway_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(request, slug, DESIGN)
    return _edit(request, organisation, None)


@login_required
@require_http_methods(["GET", "POST"])
def pathway_edit(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, DESIGN)
    return _edit(request, organisation, _pathway(organisation, public_id))


def _edit(
    request: HttpRequest, organisation: Organisation, pathway: Pathway | None
) -> HttpResponse:
    posted = request.method == "POST"
    form = PathwayForm(organisation, request.POST if posted else None, pathway=pathway)
    if posted and form.is_valid():
        try:
            if pathway is None:
                saved = actions.create_pathway(organisation, request.user, form.content())  # type: ignore[arg-type]
                messages.success(request, _("Le parcours est créé."))
            else:
                saved = actions.edit_pathway(pathway, form.content())
                messages.success(request, _("Le parcours est modifié."))
        except actions.PathwayError as error:
            form.add_error(None, error.message)
        else:
            return redirect("pathways:detail", slug=organisation.slug, public_id=saved.public_id)
    context = {"organisation": organisation, "pathway": pathway, "form": form}
    return render(request, "pathways/pathway_form.html", context, status=400 if posted else 200)


@login_required
def pathway_detail(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, VIEW)
    pathway = _pathway(organisation, public_id)
    role = role_in(request.user, organisation)
    requirements = requirements_of([pathway])[pathway.pk]
    standing = standings(organisation, [pathway])[pathway.pk]
    names = badge_names(
        {r.badge_id for r in requirements if r.badge_id is not None}
        | ({pathway.goal_badge_id} if pathway.goal_badge_id else set())
    )
    context = {
        "organisation": organisation,
        "pathway": pathway,
        "requirements": [(r, names.get(r.badge_id or 0, "")) for r in requirements],
        "goal_name": names.get(pathway.goal_badge_id or 0, ""),
        "standing": standing,
        "page": Paginator(standing.waiting, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_award": role in AWARD and pathway.active,
        "can_design": role in DESIGN,
        "awardable": pathway.goal_badge is not None and not pathway.goal_badge.archived,
        "fiche_url": _fiche_url(pathway),
    }
    return render(request, "pathways/pathway_detail.html", context)


def _fiche_url(pathway: Pathway) -> str:
    if not pathway.certification_code:
        return ""
    try:
        return certification(pathway.certification_code, pathway.certification_title or "-").url
    except ValueError:
        return ""


@login_required
@require_POST
def pathway_decide(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    pathway = _pathway(organisation, public_id)
    back = redirect("pathways:detail", slug=slug, public_id=public_id)
    if not pathway.active:
        messages.error(request, _("Ce parcours est fermé : rouvrez-le pour attribuer."))
        return back
    aside = request.POST.get("ecarter", "")
    one = request.POST.get("une", "")
    everyone = "tous" in request.POST
    emails = chosen_people([aside or one] if aside or one else request.POST.getlist("personnes"))
    if emails is None or (not everyone and not emails):
        messages.error(request, _("Cochez au moins une personne, ou attribuez à toutes."))
        return back
    if aside:
        count = actions.set_aside(pathway, emails, by=request.user)  # type: ignore[arg-type]
        if not count:
            messages.warning(request, _("Cette personne n'est plus dans la liste."))
            return back
        messages.success(
            request,
            ngettext(
                "%(count)s personne retirée de la liste.",
                "%(count)s personnes retirées de la liste.",
                count,
            )
            % {"count": count},
        )
        return back
    try:
        result = actions.award_goals(
            pathway,
            None if everyone else emails,
            by=request.user,  # type: ignore[arg-type]
        )
    except actions.PathwayError as error:
        messages.error(request, error.message)
        return back
    if result.done:
        messages.success(
            request,
            ngettext(
                "Badge attribué à %(count)s personne ; un courriel lui a été envoyé.",
                "Badge attribué à %(count)s personnes ; un courriel leur a été envoyé.",
                result.done,
            )
            % {"count": result.done},
        )
    if result.skipped:
        messages.warning(
            request,
            ngettext(
                "%(count)s personne n'a pas reçu le badge : elle l'a déjà reçu, ou ne "
                "remplit plus les conditions.",
                "%(count)s personnes n'ont pas reçu le badge : elles l'ont déjà reçu, ou "
                "ne remplissent plus les conditions.",
                result.skipped,
            )
            % {"count": result.skipped},
        )
    return back


@login_required
@require_POST
def pathway_active(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, DESIGN)
    pathway = _pathway(organisation, public_id)
    active = request.POST.get("ouvert") == "1"
    actions.set_pathway_active(pathway, active)
    messages.success(
        request,
        _("Le parcours est ouvert.")
        if active
        else _(
            "Le parcours est fermé : les personnes ne le voient plus et rien n'est attribué "
            "par lui. Les badges déjà attribués restent valides."
        ),
    )
    return redirect("pathways:detail", slug=slug, public_id=public_id)
