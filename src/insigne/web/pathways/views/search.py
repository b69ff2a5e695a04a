"""The public search of badges (no account needed): who holds a public badge for a
competence or a certification. Addresses never appear; the holder's name does, as on the
public badge page it links to."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ...awards.models import Award
from ...folding import folded
from ..forms import SearchForm
from ..search import search as find

PAGE_SIZE = 20


@dataclass(frozen=True)
class Result:
    award: Award
    competences: list[tuple[str, str]]  # (name, level reached or "") of the badge
    matched: set[str]  # the names of the competences the query names
    expired: bool


def _result(award: Award, query: str) -> Result:
    words = folded(query).split()
    competences = [
        (c.name, str(award.levels.get(c.name, ""))) for c in award.version.competences.all()
    ]
    matched = {
        c.name
        for c in award.version.competences.all()
        if words and all(w in folded(f"{c.name} {c.code}") for w in words)
    }
    expired = award.valid_until is not None and award.valid_until < timezone.now()
    return Result(award, competences, matched, expired)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict[str, object] = {"form": form, "searched": False}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        competence, certification = form.queries()
        if competence or certification:
            page = Paginator(find(competence, certification), PAGE_SIZE).get_page(
                request.GET.get("page")
            )
            context.update(
                searched=True,
                page=page,
                results=[_result(a, competence) for a in page.object_list],
                query=urlencode({"competence": competence, "certification": certification}),
            )
    return render(request, "pathways/search.html", context, status=status)
