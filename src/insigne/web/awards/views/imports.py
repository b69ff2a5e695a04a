"""Importing a list of learners: upload, preview, confirmation, progress and final report."""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from ...issuers.permissions import AWARD, VIEW, organisation_for, role_in
from .. import actions
from ..columns import Column, meaning
from ..forms import ImportForm
from ..models import AwardImport
from ..reasons import describe, describe_all
from ..spreadsheets import SpreadsheetError
from .access import current_version, import_of

SHOWN_PROBLEMS = 200
SAMPLE_ROWS = 5


@login_required
def upload(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    version = current_version(organisation, public_id)
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            award_import, created = actions.start_import(
                version,
                name=upload.name or "liste.csv",
                data=upload.read(),
                by=request.user,  # type: ignore[arg-type]
                language=form.cleaned_data["language"],
                with_jwt=form.cleaned_data["with_jwt"],
            )
        except SpreadsheetError as error:
            form.add_error("file", str(error))
        else:
            if not created:
                messages.info(
                    request,
                    _(
                        "Ce fichier a déjà été déposé pour ce badge : voici l'import "
                        "correspondant. Aucun badge n'a été attribué une seconde fois."
                    ),
                )
            return redirect("awards:import_detail", slug=slug, public_id=award_import.public_id)
    recent = (
        AwardImport.objects.filter(organisation=organisation, version__badge=version.badge)
        .defer("rows", "problems")
        .select_related("uploaded_by")[:10]
    )
    return render(
        request,
        "awards/import_form.html",
        {"organisation": organisation, "version": version, "form": form, "recent": recent},
        status=400 if form.errors else 200,
    )


@login_required
def template(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    """An empty list to fill in, with this badge's competence columns (Excel-friendly CSV)."""
    organisation = organisation_for(request, slug, AWARD)
    version = current_version(organisation, public_id)
    scaled = [c for c in version.competences.all() if c.levels]
    header = [
        "courriel", "nom", "langue", "date", "commentaire", "preuve_url", "preuve",
        *(c.name for c in scaled),
    ]  # fmt: skip
    example = [
        "camille.martin@example.org", "Camille Martin", "fr", "", "", "", "",
        *(str(c.levels[-1]) for c in scaled),
    ]  # fmt: skip
    return _csv_response("modele-attribution.csv", [header, example])


@login_required
def detail(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, VIEW)
    award_import = import_of(organisation, public_id, without=("rows",))
    if request.method == "POST":
        return _act(request, award_import)
    may_award = role_in(request.user, organisation) in AWARD
    problems = award_import.problems
    report = award_import.report
    context: dict[str, Any] = {
        "organisation": organisation,
        "award_import": award_import,
        "version": award_import.version,
        "states": AwardImport.State,
        "may_award": may_award,
        "can_resume": may_award and actions.can_resume(award_import),
        "columns": [
            (c["header"], meaning(Column(0, c["header"], c["field"], c.get("competence", ""))))
            for c in report.get("columns", [])
        ],
        "ignored": report.get("ignored", []),
        "problem_count": len(problems),
        "problems": _worded(problems[:SHOWN_PROBLEMS]),
        "summary": _summary(problems),
        "sample": _sample(award_import),
        "skipped": _worded(report.get("skipped", [])[:SHOWN_PROBLEMS]),
        "failed": _worded(report.get("failed", [])[:SHOWN_PROBLEMS]),
        "progress_url": reverse("awards:import_progress", args=[slug, public_id]),
        "list_url": reverse("awards:list", args=[slug]) + f"?batch={public_id}",
        "percent": _percent(award_import),
        "progress_text": _progress_text(award_import),
    }
    return render(request, "awards/import_detail.html", context)


def _act(request: HttpRequest, award_import: AwardImport) -> HttpResponse:
    organisation = award_import.organisation
    if role_in(request.user, organisation) not in AWARD:
        raise PermissionDenied
    action = request.POST.get("action")
    if action == "confirm":
        if actions.confirm_import(award_import, by=request.user):  # type: ignore[arg-type]
            messages.success(request, _("L'attribution des badges a commencé."))
    elif action == "cancel":
        if actions.cancel_import(award_import):
            messages.success(request, _("L'import a été abandonné ; aucun badge n'a été attribué."))
            return redirect(
                "awards:import",
                slug=organisation.slug,
                public_id=award_import.version.badge.public_id,
            )
    elif action == "resume":
        if actions.resume_import(award_import):
            messages.success(
                request, _("L'attribution des badges reprend là où elle s'était arrêtée.")
            )
    else:
        return HttpResponse(status=400)
    return redirect(
        "awards:import_detail", slug=organisation.slug, public_id=award_import.public_id
    )


@never_cache
@login_required
def progress(request: HttpRequest, slug: str, public_id: uuid.UUID) -> JsonResponse:
    organisation = organisation_for(request, slug, VIEW)
    award_import = import_of(organisation, public_id, without=("rows", "problems"))
    finished = award_import.state in (AwardImport.State.DONE, AwardImport.State.FAILED)
    return JsonResponse(
        {
            "state": award_import.state,
            "state_label": award_import.get_state_display(),
            "total": award_import.total,
            "done": award_import.done,
            "skipped": award_import.skipped,
            "percent": _percent(award_import),
            "finished": finished,
            "text": _progress_text(award_import),
        }
    )


@login_required
def problems(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    """Every row left out (at preview, and while issuing) with its reason, as CSV."""
    organisation = organisation_for(request, slug, VIEW)
    award_import = import_of(organisation, public_id, without=("rows",))
    report = award_import.report
    lines = [[_("ligne"), _("adresse"), _("motif")]]
    for entry in [*award_import.problems, *report.get("skipped", []), *report.get("failed", [])]:
        lines.append([str(entry["line"]), entry.get("email", ""), describe_all(entry["reasons"])])
    lines[1:] = sorted(lines[1:], key=lambda line: int(line[0]))
    return _csv_response(f"lignes-ecartees-{public_id}.csv", lines)


def _sample(award_import: AwardImport) -> list[dict[str, Any]]:
    """The first rows ready, shown in a preview (the rows are read only then)."""
    if award_import.state != AwardImport.State.PREVIEW:
        return []
    rows: list[dict[str, Any]] = (
        AwardImport.objects.filter(pk=award_import.pk).values_list("rows", flat=True).get()
    )
    return [
        {**row, "day": date.fromisoformat(row["date"]) if row.get("date") else None}
        for row in rows[:SAMPLE_ROWS]
    ]


def _percent(award_import: AwardImport) -> int:
    if award_import.state == AwardImport.State.DONE:
        return 100
    if not award_import.total:
        return 0
    return min(100, (award_import.done + award_import.skipped) * 100 // award_import.total)


def _progress_text(award_import: AwardImport) -> str:
    return ngettext(
        "%(done)s badge attribué sur %(total)s (%(percent)s %%)",
        "%(done)s badges attribués sur %(total)s (%(percent)s %%)",
        award_import.done,
    ) % {
        "done": number_format(award_import.done, force_grouping=True),
        "total": number_format(award_import.total, force_grouping=True),
        "percent": _percent(award_import),
    }


def _worded(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "line": e["line"],
            "email": e.get("email", ""),
            "reasons": [describe(r) for r in e["reasons"]],
        }
        for e in entries
    ]


def _summary(problems: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """How many rows were left out for each kind of reason, most frequent first."""
    counts: Counter[str] = Counter()
    for entry in problems:
        for code in {r["code"] for r in entry["reasons"]}:
            counts[code] += 1
    labels = {
        "email_missing": _("adresse manquante"),
        "email_invalid": _("adresse invalide"),
        "duplicate": _("adresse en double dans le fichier"),
        "holder": _("badge déjà possédé"),
        "language_unknown": _("langue inconnue"),
        "date_unreadable": _("date illisible"),
        "date_future": _("date dans le futur"),
        "date_too_old": _("date trop ancienne"),
        "url_invalid": _("adresse de preuve invalide"),
        "level_unknown": _("niveau inconnu"),
        "too_long": _("texte trop long"),
    }
    return [(labels.get(code, code), count) for code, count in counts.most_common()]


def _csv_response(filename: str, lines: list[list[str]]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(_safe(line) for line in lines)
    # The byte-order mark makes Excel read UTF-8; the semicolon is what French Excel expects.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _safe(line: list[str]) -> list[str]:
    """Cells that a spreadsheet would run as a formula are quoted with an apostrophe."""
    return ["'" + cell if cell[:1] in ("=", "+", "-", "@") else cell for cell in line]
