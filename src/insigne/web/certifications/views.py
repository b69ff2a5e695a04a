"""Searching the imported fiches (anyone signed in: badge designers), and importing the export
(platform staff only)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..accounts.models import User
from . import actions
from .forms import ImportForm, SearchForm
from .models import Bloc, CertificationImport, Fiche
from .problems import describe_json
from .registry import Entry
from .search import search

View = Callable[..., HttpResponse]


def staff_only(view: View) -> View:
    """Platform staff (``is_staff``) only: others get 403, visitors the sign-in page."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@require_safe
@login_required
def search_json(request: HttpRequest) -> HttpResponse:
    """Matches for the editor's autocomplete, each with its summary ready to show."""
    query = str(request.GET.get("q", ""))[:100]
    found = search(query)
    data = {"query": query, "results": [_as_json(entry, request) for entry in found]}
    response = JsonResponse(data)
    response["Cache-Control"] = "private, max-age=60"
    return response


def _as_json(entry: Entry, request: HttpRequest) -> dict[str, Any]:
    return {
        "code": entry.code,
        "kind": entry.kind,
        "title": entry.title,
        "fiche": entry.fiche.code,
        "active": not entry.ended,
        "certifiers": [c.name for c in entry.certifiers],
        "label": _option_label(entry),
        "summary": render_to_string(
            "certifications/_entry_summary.html", {"entry": entry, "editing": True}, request
        ),
    }


def _option_label(entry: Entry) -> str:
    kinds = {"rs": _("fiche RS"), "rncp": _("fiche RNCP"), "bloc": _("bloc RNCP")}
    state = _("plus active") if entry.ended else _("active")
    return f"{entry.code} — {entry.title} ({kinds[entry.kind]}, {state})"


@require_safe
@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = search(query) if query else []
    return render(
        request,
        "certifications/search.html",
        {"form": form, "query": query, "results": found, "imported": Fiche.objects.exists()},
    )


@never_cache
@staff_only
def imports(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        files = form.cleaned_data["uploads"]
        report = actions.check_uploads(files)
        if report.ok:
            assert isinstance(request.user, User)
            record = actions.start_import(files, request.user)
            return redirect("certifications:import_detail", public_id=record.public_id)
        for problem in report.problems:
            form.add_error("uploads", describe_json(problem.as_json()))
    counts = Fiche.objects.aggregate(
        rs=Count("pk", filter=Q(kind=Fiche.Kind.RS)),
        rncp=Count("pk", filter=Q(kind=Fiche.Kind.RNCP)),
        ended=Count("pk", filter=Q(active=False) | Q(end_date__lt=timezone.localdate())),
    )
    context = {
        "form": form,
        "counts": counts,
        "blocs": Bloc.objects.count(),
        "recent": CertificationImport.objects.select_related("uploaded_by")[:10],
    }
    return render(
        request, "certifications/imports.html", context, status=400 if form.errors else 200
    )


@never_cache
@staff_only
def import_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    record = get_object_or_404(
        CertificationImport.objects.select_related("uploaded_by"), public_id=public_id
    )
    report = record.report or {}
    context = {
        "record": record,
        "states": CertificationImport.State,
        "progress_text": _progress_text(record),
        "problems": [
            {**problem, "text": describe_json(problem)}
            for problem in report.get("problems", [])
            if isinstance(problem, dict)
        ],
        "problem_count": int(report.get("problem_count", 0)),
        "counts": report.get("counts", {}),
        "files": report.get("files", []),
    }
    return render(request, "certifications/import_detail.html", context)


@never_cache
@staff_only
def import_progress(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    record = get_object_or_404(CertificationImport, public_id=public_id)
    return JsonResponse(
        {
            "state": record.state,
            "finished": record.finished,
            "rows": record.rows_checked,
            "text": _progress_text(record),
        }
    )


def _progress_text(record: CertificationImport) -> str:
    if record.state == CertificationImport.State.QUEUED:
        return _("En attente : l'import commence dans un instant.")
    if record.state == CertificationImport.State.CHECKING:
        return ngettext(
            "Étape 1 sur 2 : vérification des lignes, %(count)s ligne vérifiée.",
            "Étape 1 sur 2 : vérification des lignes, %(count)s lignes vérifiées.",
            record.rows_checked,
        ) % {"count": number_format(record.rows_checked, force_grouping=True)}
    if record.state == CertificationImport.State.WRITING:
        return _("Étape 2 sur 2 : enregistrement des fiches, en une seule fois.")
    return str(record.get_state_display()).capitalize()
