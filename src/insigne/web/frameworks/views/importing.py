"""Importing a framework file: the form, and the report of a refused file."""

from __future__ import annotations

from typing import IO, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ...issuers.permissions import DESIGN
from ...issuers.views.access import access
from .. import actions
from ..forms import ImportForm
from ..importing.report import ImportRefusedError, Outcome


@login_required
@require_http_methods(["GET", "POST"])
def framework_import(request: HttpRequest, slug: str) -> HttpResponse:
    allowed = access(request, slug, DESIGN)
    organisation = allowed.organisation
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        organisation=organisation,
    )
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload: UploadedFile[bytes] = data["file"]
        try:
            framework, outcome = actions.import_framework(
                organisation,
                request.user,  # type: ignore[arg-type]
                actions.Upload(upload.name or "", cast(IO[bytes], upload.file)),
                kind=data["kind"],
                title=data["title"],
                language=data["language"],
                part=data["part"],
                into=data["into"],
            )
        except ImportRefusedError as refused:
            refusal = refused.problems
        else:
            messages.success(request, _summary(outcome))
            for note in outcome.notes:
                messages.info(request, note)
            return redirect(
                "frameworks:detail", slug=organisation.slug, identifier=framework.identifier
            )
    context = {"organisation": organisation, "access": allowed, "form": form, "refusal": refusal}
    status = 400 if request.method == "POST" else 200
    return render(request, "frameworks/import.html", context, status=status)


def _summary(outcome: Outcome) -> str:
    parts = [
        ngettext("%(count)s item ajouté", "%(count)s items ajoutés", outcome.created)
        % {"count": outcome.created}
    ]
    if outcome.updated:
        parts.append(
            ngettext("%(count)s item complété", "%(count)s items complétés", outcome.updated)
            % {"count": outcome.updated}
        )
    if outcome.skipped:
        parts.append(
            ngettext(
                "%(count)s ligne hors de la partie choisie",
                "%(count)s lignes hors de la partie choisie",
                outcome.skipped,
            )
            % {"count": outcome.skipped}
        )
    return _("Import terminé : %(summary)s.") % {"summary": ", ".join(parts)}
