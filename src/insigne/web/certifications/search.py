"""Finding imported fiches and blocs by code or by words of their title, for the editor.

"RS54", "rncp 37173", "RNCP38436BC" or "5476" search codes (a full fiche code also lists its
blocs); anything else searches titles and labels, every word required, without regard to
case or accents. At most three queries, whatever the number of results.
"""

from __future__ import annotations

import datetime
import re

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from .models import Bloc, Fiche
from .registry import Entry, entries, normalised
from .rows import searchable

LIMIT = 20
MAX_QUERY = 100
MIN_WORD = 2
_CODE_PREFIX = re.compile(r"(RS|RNCP)\d*(BC\d{0,2})?")


def search(query: str, *, limit: int = LIMIT, today: datetime.date | None = None) -> list[Entry]:
    """Up to ``limit`` fiches then blocs matching ``query``; [] for a query too short."""
    text = " ".join(query.split())[:MAX_QUERY]
    compact = normalised(text)
    fiches: QuerySet[Fiche]
    blocs: QuerySet[Bloc]
    if _CODE_PREFIX.fullmatch(compact):
        fiches, blocs = _by_code(compact)
    elif compact.isdigit():
        fiches = Fiche.objects.filter(Q(code=f"RS{compact}") | Q(code=f"RNCP{compact}"))
        blocs = Bloc.objects.filter(fiche__code=f"RNCP{compact}")
    else:
        words = [w for w in searchable(text).split() if len(w) >= MIN_WORD]
        if not words:
            return []
        fiches, blocs = Fiche.objects.all(), Bloc.objects.all()
        for word in words:
            fiches = fiches.filter(search_text__contains=word)
            blocs = blocs.filter(search_text__contains=word)
    found = list(
        fiches.annotate(exact=_exact(compact)).order_by("-exact", "-active", "kind", "code")[:limit]
    )
    pairs: list[tuple[Fiche, Bloc | None]] = [(fiche, None) for fiche in found]
    room = limit - len(pairs)
    if room > 0:
        pairs += [
            (bloc.fiche, bloc)
            for bloc in blocs.select_related("fiche").order_by("-fiche__active", "code")[:room]
        ]
    return entries(pairs, today=today)


def _by_code(compact: str) -> tuple[QuerySet[Fiche], QuerySet[Bloc]]:
    if "BC" in compact:
        return Fiche.objects.none(), Bloc.objects.filter(code__startswith=compact)
    fiches = Fiche.objects.filter(code__startswith=compact)
    if compact in ("RS", "RNCP"):  # a register's name alone: not a search
        return Fiche.objects.none(), Bloc.objects.none()
    return fiches, Bloc.objects.filter(fiche__code=compact)


def _exact(code: str) -> Case:
    return Case(When(code=code, then=Value(1)), default=Value(0), output_field=IntegerField())


def any_imported() -> bool:
    return Fiche.objects.exists()
