"""One row of the France Compétences CSV export, checked and turned into plain values.

Each ``parse_*`` function takes the row as a mapping of column name to text and returns a
value object, or raises :class:`RowError` with a reason code and its values, worded when
shown (``problems.describe``). Columns: ``../shared/research/france.md`` section 1.3.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..folding import folded

FICHE_CODE = re.compile(r"(RS|RNCP)\d{1,6}")
BLOC_CODE = re.compile(r"(RNCP\d{1,6})BC\d{2}")
SIRET = re.compile(r"\d{14}")
_LEVEL = re.compile(r"NIV([1-8])")
_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
MAX_TITLE = 2000
MAX_NAME = 300


class RowError(Exception):
    """A row that cannot be imported: a reason code and the values that explain it."""

    def __init__(self, reason: str, /, **values: str | int) -> None:
        super().__init__(reason, values)
        self.code = reason
        self.values = values


@dataclass(frozen=True)
class FicheRow:
    code: str
    kind: str
    fiche_id: str
    title: str
    abbreviation: str
    abbreviation_label: str
    level: int | None
    level_label: str
    active: bool
    registration_type: str
    decision_date: datetime.date | None
    effective_date: datetime.date | None
    end_date: datetime.date | None
    journal_date: datetime.date | None


@dataclass(frozen=True)
class BlocRow:
    code: str
    fiche: str
    label: str


@dataclass(frozen=True)
class CertifierRow:
    fiche: str
    name: str
    siret: str


@dataclass(frozen=True)
class ReplacementRow:
    fiche: str
    replaced_by: str  # "" when the row only names the older certification


def searchable(*parts: str) -> str:
    """Lower case without accents or extra spaces: what search compares on any database."""
    return folded(" ".join(parts))


def _text(row: Mapping[str, str], column: str) -> str:
    return " ".join((row.get(column) or "").split())


def fiche_code(value: str) -> str:
    code = "".join(value.split()).upper()
    if not FICHE_CODE.fullmatch(code):
        raise RowError("fiche_code", value=value[:40])
    return code


def day(value: str, column: str) -> datetime.date | None:
    """A ``dd/mm/yyyy`` date (ISO ``yyyy-mm-dd`` is accepted too); None when empty."""
    value = value.strip()
    if not value:
        return None
    try:
        match = _DAY.fullmatch(value)
        if match:
            return datetime.date(int(match[3]), int(match[2]), int(match[1]))
        return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    raise RowError("date", value=value[:40], column=column)


def _level(value: str) -> int | None:
    """``NIV3``…``NIV8`` give 3…8; empty (RS fiches) or another notation gives no level."""
    match = _LEVEL.fullmatch(value.strip().upper())
    return int(match[1]) if match else None


def _active(value: str) -> bool:
    flag = value.strip().upper()
    if flag not in ("ACTIVE", "INACTIVE"):
        raise RowError("active", value=value[:40])
    return flag == "ACTIVE"


def parse_fiche(row: Mapping[str, str]) -> FicheRow:
    code = fiche_code(row.get("Numero_Fiche") or "")
    title = _text(row, "Intitule")
    if not title:
        raise RowError("empty", column="Intitule")
    if len(title) > MAX_TITLE:
        raise RowError("too_long", column="Intitule", max=MAX_TITLE)
    return FicheRow(
        code=code,
        kind="RS" if code.startswith("RS") else "RNCP",
        fiche_id=_text(row, "Id_Fiche")[:20],
        title=title,
        abbreviation=_text(row, "Abrege_Libelle")[:40],
        abbreviation_label=_text(row, "Abrege_Intitule")[:200],
        level=_level(row.get("Nomenclature_Europe_Niveau") or ""),
        level_label=_text(row, "Nomenclature_Europe_Intitule")[:200],
        active=_active(row.get("Actif") or ""),
        registration_type=_text(row, "Type_Enregistrement")[:200],
        decision_date=day(row.get("Date_Decision") or "", "Date_Decision"),
        effective_date=day(row.get("Date_Effet") or "", "Date_Effet"),
        end_date=day(row.get("Date_Fin_Enregistrement") or "", "Date_Fin_Enregistrement"),
        journal_date=day(row.get("Date_dernier_jo") or "", "Date_dernier_jo"),
    )


def parse_bloc(row: Mapping[str, str]) -> BlocRow:
    fiche = fiche_code(row.get("Numero_Fiche") or "")
    raw = row.get("Bloc_Competences_Code") or ""
    code = "".join(raw.split()).upper()
    match = BLOC_CODE.fullmatch(code)
    if match is None:
        raise RowError("bloc_code", value=raw[:40])
    if match[1] != fiche:
        raise RowError("bloc_fiche", code=code, fiche=fiche)
    label = _text(row, "Bloc_Competences_Libelle")
    if not label:
        raise RowError("empty", column="Bloc_Competences_Libelle")
    return BlocRow(code=code, fiche=fiche, label=label[:MAX_TITLE])


def parse_certifier(row: Mapping[str, str]) -> CertifierRow:
    fiche = fiche_code(row.get("Numero_Fiche") or "")
    name = _text(row, "Nom_Certificateur")
    if not name:
        raise RowError("empty", column="Nom_Certificateur")
    siret = "".join((row.get("Siret_Certificateur") or "").split())
    if siret and not SIRET.fullmatch(siret):
        raise RowError("siret", value=siret[:40])
    return CertifierRow(fiche=fiche, name=name[:MAX_NAME], siret=siret)


def parse_replacement(row: Mapping[str, str]) -> ReplacementRow:
    fiche = fiche_code(row.get("Numero_Fiche") or "")
    newer = "".join((row.get("Nouvelle_Certification") or "").split()).upper()
    if newer and not FICHE_CODE.fullmatch(newer):
        raise RowError("fiche_code", value=newer[:40], column="Nouvelle_Certification")
    return ReplacementRow(fiche=fiche, replaced_by=newer if newer != fiche else "")
