"""Pages of the badges context: the list, one badge, archiving, and the editor."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ...core.competences import certification
from ..issuers.models import Organisation
from ..issuers.permissions import AWARD, DESIGN, VIEW, organisation_for, role_in
from . import actions
from .editor import Editor
from .models import Badge
from .queries import badge_rows, versions_with_counts
from .rendering import markdown_html

PAGE_SIZE = 24
ARCHIVED = "archives"


def _badge(organisation: Organisation, public_id: UUID) -> Badge:
    return get_object_or_404(
        Badge.objects.select_related("unit", "organisation"),
        organisation=organisation,
        public_id=public_id,
    )


@login_required
def badge_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(request, slug, VIEW)
    archived = request.GET.get("etat") == ARCHIVED
    search = " ".join(request.GET.get("q", "").split())[:100]
    page = Paginator(badge_rows(organisation, archived=archived, search=search), PAGE_SIZE)
    context = {
        "organisation": organisation,
        "page": page.get_page(request.GET.get("page")),
        "archived": archived,
        "search": search,
        "can_design": role_in(request.user, organisation) in DESIGN,
    }
    return render(request, "badges/list.html", context)


@login_required
def detail(request: HttpRequest, slug: str, public_id: UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, VIEW)
    role = role_in(request.user, organisation)
    badge = _badge(organisation, public_id)
    versions = versions_with_counts(badge)
    if not versions:
        raise Http404
    shown = versions[0]
    if request.GET.get("version", "").isdigit():
        number = int(request.GET["version"])
        shown = next((v for v in versions if v.number == number), shown)
    fiche = None
    if shown.certification_code:
        try:
            fiche = certification(
                shown.certification_code,
                shown.certification_title or shown.certification_code,
                shown.certification_url or None,
            )
        except ValueError:
            fiche = None  # stored before the format check; show the raw values instead
    context = {
        "organisation": organisation,
        "badge": badge,
        "version": shown,
        "current": versions[0],
        "versions": versions,
        "competences": sorted(shown.competences.all(), key=lambda c: c.position),
        "criteria_html": markdown_html(shown.criteria),
        "fiche": fiche,
        "frozen": actions.is_frozen(versions[0]),
        "can_design": role in DESIGN,
        "can_award": role in AWARD,
    }
    return render(request, "badges/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(request, slug, DESIGN)
    editor = Editor(request, organisation, None)
    if editor.saving and editor.is_valid():
        image = editor.image()
        assert image is not None  # a new badge is drawn or uploaded, never "kept"
        version = actions.create_badge(
            organisation,
            request.user,  # type: ignore[arg-type]
            editor.content(),
            image,
            unit=editor.badge_form.cleaned_data["unit"],
        )
        _tell_notes(request, image.notes)
        messages.success(request, _("Le badge « %(name)s » est créé.") % {"name": version.name})
        return redirect("badges:detail", slug=slug, public_id=version.badge.public_id)
    return render(request, "badges/editor.html", editor.context())


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, public_id: UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, DESIGN)
    badge = _badge(organisation, public_id)
    current = badge.current_version
    if current is None:
        raise Http404
    editor = Editor(request, organisation, current)
    if editor.saving and editor.is_valid():
        image = editor.image()
        result = actions.edit_badge(
            badge,
            request.user,  # type: ignore[arg-type]
            editor.content(),
            image,
            unit=editor.badge_form.cleaned_data["unit"],
        )
        _tell_notes(request, image.notes if image else ())
        if not result.changed:
            messages.info(request, _("Aucune modification : le badge est inchangé."))
        elif result.new_version:
            messages.success(
                request,
                _(
                    "Version %(number)s enregistrée. Les badges déjà délivrés restent en "
                    "version %(previous)s, inchangés."
                )
                % {"number": result.version.number, "previous": current.number},
            )
        else:
            messages.success(request, _("Modifications enregistrées."))
        return redirect("badges:detail", slug=slug, public_id=badge.public_id)
    return render(request, "badges/editor.html", editor.context())


def _tell_notes(request: HttpRequest, notes: tuple[str, ...]) -> None:
    for note in notes:
        messages.warning(request, note)


@login_required
@require_POST
def archive(request: HttpRequest, slug: str, public_id: UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, DESIGN)
    badge = _badge(organisation, public_id)
    actions.archive_badge(badge)
    messages.success(
        request,
        _(
            "Badge archivé : il n'est plus proposé à l'attribution ; les badges délivrés "
            "restent valides."
        ),
    )
    return redirect("badges:detail", slug=slug, public_id=public_id)


@login_required
@require_POST
def unarchive(request: HttpRequest, slug: str, public_id: UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, DESIGN)
    actions.unarchive_badge(_badge(organisation, public_id))
    messages.success(request, _("Badge désarchivé : il peut de nouveau être attribué."))
    return redirect("badges:detail", slug=slug, public_id=public_id)
