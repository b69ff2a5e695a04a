"""What the imported data says about a certification code, for the pages that show it: the
badge pages (public, backpack, verifier) and the badge editor.

A code is a fiche (``RS5476``, ``RNCP37173``) or a bloc (``RNCP38436BC01``); a bloc's status,
level and certifiers are those of its fiche.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from ...core.competences import CERTIFICATION_CODE, certification
from .models import Bloc, Fiche


@dataclass(frozen=True)
class Certifier:
    name: str
    siret: str


@dataclass(frozen=True)
class Replacement:
    code: str
    title: str  # "" when the replacing fiche was not imported
    url: str


@dataclass(frozen=True)
class Entry:
    code: str
    kind: str  # "rs", "rncp" or "bloc"
    title: str  # the fiche's title, or the bloc's label
    fiche: Fiche
    bloc: Bloc | None
    certifiers: tuple[Certifier, ...]
    replacements: tuple[Replacement, ...]
    url: str  # the fiche's public page at France compétences
    today: datetime.date

    @property
    def ended(self) -> bool:
        return self.fiche.ended(self.today)

    @property
    def ended_on(self) -> datetime.date | None:
        """The date the registration ended, when it is known and past."""
        end = self.fiche.end_date
        return end if end is not None and end < self.today else None


def normalised(code: str) -> str:
    return "".join(code.split()).upper()


def entry_for(code: str, *, today: datetime.date | None = None) -> Entry | None:
    """The imported fiche or bloc of ``code``; None when it is not a code or not imported."""
    code = normalised(code)
    if not CERTIFICATION_CODE.fullmatch(code):
        return None
    bloc = None
    if "BC" in code:
        bloc = Bloc.objects.select_related("fiche").filter(code=code).first()
        if bloc is None:
            return None
        fiche = bloc.fiche
    else:
        found = Fiche.objects.filter(code=code).first()
        if found is None:
            return None
        fiche = found
    return entries([(fiche, bloc)], today=today)[0]


def entries(
    found: Sequence[tuple[Fiche, Bloc | None]], *, today: datetime.date | None = None
) -> list[Entry]:
    """An entry for each (fiche, bloc or None); the titles of the replacing fiches are read
    in one query for all, when there are any."""
    today = today or timezone.localdate()
    wanted = {str(c) for fiche, _bloc in found for c in fiche.replaced_by or []}
    titles = (
        dict(Fiche.objects.filter(code__in=wanted).values_list("code", "title")) if wanted else {}
    )
    return [
        Entry(
            code=bloc.code if bloc else fiche.code,
            kind="bloc" if bloc else fiche.kind.lower(),
            title=bloc.label if bloc else fiche.title,
            fiche=fiche,
            bloc=bloc,
            certifiers=_certifiers(fiche),
            replacements=tuple(
                Replacement(str(c), titles.get(str(c), ""), fiche_url(str(c)))
                for c in fiche.replaced_by or []
            ),
            url=fiche_url(fiche.code),
            today=today,
        )
        for fiche, bloc in found
    ]


def fiche_url(code: str) -> str:
    return certification(code, code).url


def _certifiers(fiche: Fiche) -> tuple[Certifier, ...]:
    found = [
        Certifier(str(item.get("name", "")), str(item.get("siret", "")))
        for item in fiche.certifiers or []
        if isinstance(item, dict) and item.get("name")
    ]
    return tuple(dict.fromkeys(found))  # in the export's order, each once


def official_title(code: str) -> str:
    """The imported title of ``code`` (the bloc's label for a bloc), or "" when unknown."""
    code = normalised(code)
    if "BC" in code:
        return Bloc.objects.filter(code=code).values_list("label", flat=True).first() or ""
    return Fiche.objects.filter(code=code).values_list("title", flat=True).first() or ""
