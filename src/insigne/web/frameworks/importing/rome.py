"""ROME 4.0's competence tree (France Travail open data, ``unix_arborescence_competences``).

Each row names a competence with its whole path: domaine → enjeu → objectif →
macro-compétence → compétence. They become nested items, coded with the file's codes
(``code_ogr`` for macro-competences and competences). A domain filter keeps one part of the
tree, for instance the savoir-être professionnels.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _

from ...folding import folded
from ..models import Framework, Item
from ..text import one_line
from . import reading
from .report import ImportRefusedError, Outcome, Problems
from .writing import ItemWriter

COLUMNS = (
    "code_domaine_competence",
    "domaine_competence",
    "code_enjeu",
    "enjeu",
    "code_objectif",
    "objectif",
    "code_macro_competence",
    "code_ogr_macro_competence",
    "libelle_macro_competence",
    "code_ogr_competence",
    "libelle_competence",
)
SIGNATURE = "code_ogr_competence"
# (kind, code column, label column): the four levels above the competences.
LEVELS = (
    ("domain", "code_domaine_competence", "domaine_competence", "Domaine de compétences"),
    ("stake", "code_enjeu", "enjeu", "Enjeu"),
    ("goal", "code_objectif", "objectif", "Objectif"),
    ("macro", "code_ogr_macro_competence", "libelle_macro_competence", "Macro-compétence"),
)
LEAF_TYPE = "Compétence"
MAX_CODE = 60
MAX_LABEL = 1000


def matches(row: dict[str, str], wanted: str) -> bool:
    """Whether the row belongs to the part asked for: a domain code, or words of a domain,
    stake (enjeu) or goal label (accents and case ignored)."""
    if not wanted:
        return True
    if row.get("code_domaine_competence", "").strip() == wanted.strip():
        return True
    needle = folded(wanted)
    return any(
        needle in folded(row.get(column) or "")
        for column in ("domaine_competence", "enjeu", "objectif")
    )


class _Reader:
    def __init__(self, framework: Framework, wanted: str) -> None:
        self.framework = framework
        self.wanted = wanted
        self.problems = Problems()
        self.writer = ItemWriter(framework)
        self.nodes: dict[tuple[str, ...], int] = {}  # path of codes → item pk
        self.leaves: set[tuple[str, ...]] = set()
        self.domains: dict[str, str] = {}  # code → label, to help when nothing matched
        self.skipped = 0
        self.sequence = 0

    def row(self, line: int, row: dict[str, str], columns: int) -> None:
        problem = reading.column_count_problem(row, columns)
        if problem:
            self.problems.add(problem, line=line)
            return
        values = {name: one_line(row.get(name) or "") for name in COLUMNS}
        self.domains.setdefault(values["code_domaine_competence"], values["domaine_competence"])
        if not matches(row, self.wanted):
            self.skipped += 1
            return
        for _kind, code, label, _type in LEVELS:
            self._check(line, values, code, label)
        leaf_code, leaf_label = values["code_ogr_competence"], values["libelle_competence"]
        if bool(leaf_code) != bool(leaf_label):
            self.problems.add(
                _("code_ogr_competence et libelle_competence vont ensemble : l'un est vide."),
                line=line,
            )
        elif leaf_code:
            self._check(line, values, "code_ogr_competence", "libelle_competence")
        if self.problems:
            return  # the file will be refused: only look for more problems
        path: tuple[str, ...] = ()
        parent: int | None = None
        for kind, code, label, item_type in LEVELS:
            path = (*path, values[code])
            if path not in self.nodes:
                notes = ""
                if kind == "macro" and values["code_macro_competence"]:
                    notes = _("Code fonctionnel : %(code)s") % {
                        "code": values["code_macro_competence"]
                    }
                self.nodes[path] = self._node(values[code], values[label], item_type, parent, notes)
            parent = self.nodes[path]
        if leaf_code and (*path, leaf_code) not in self.leaves:
            self.leaves.add((*path, leaf_code))
            self.sequence += 1
            item = Item(
                parent_id=parent,
                full_statement=leaf_label,
                human_coding_scheme=leaf_code,
                item_type=LEAF_TYPE,
                language="fr",
                sequence=self.sequence,
            )
            self.writer.add("/".join((*path, leaf_code)), item)

    def _check(self, line: int, values: dict[str, str], code: str, label: str) -> None:
        if not values[code] or not values[label]:
            self.problems.add(
                _("les colonnes %(code)s et %(label)s sont obligatoires.")
                % {"code": code, "label": label},
                line=line,
            )
        elif len(values[code]) > MAX_CODE or len(values[label]) > MAX_LABEL:
            self.problems.add(
                _("%(code)s ou %(label)s est trop long.") % {"code": code, "label": label},
                line=line,
            )

    def _node(self, code: str, label: str, item_type: str, parent: int | None, notes: str) -> int:
        self.sequence += 1
        item = Item(
            framework=self.framework,
            parent_id=parent,
            full_statement=label,
            human_coding_scheme=code,
            item_type=item_type,
            language="fr",
            notes=notes,
            sequence=self.sequence,
        )
        key = f"node:{len(self.nodes)}"
        self.writer.add(key, item)
        self.writer.flush()  # its children need its key in the database
        return self.writer.pks[key]


def read(binary: IO[bytes], framework: Framework, *, part: str = "") -> Outcome:
    """Read the arborescence file into ``framework``, keeping only ``part`` when given.

    Raises :class:`ImportRefusedError` listing every bad row, or the domains of the file when no
    row matched ``part``.
    """
    with reading.csv_rows(binary) as (header, records):
        return _read(framework, part, header, records)


def _read(
    framework: Framework,
    part: str,
    header: list[str],
    records: Iterator[tuple[int, dict[str, str]]],
) -> Outcome:
    missing = reading.missing_columns(header, COLUMNS)
    if missing:
        raise ImportRefusedError(
            _(
                "Ce fichier n'a pas les colonnes de l'arborescence des compétences du ROME 4.0 : "
                "il manque %(missing)s."
            )
            % {"missing": ", ".join(missing)}
        )
    reader = _Reader(framework, part.strip())
    for line, row in records:
        reader.row(line, row, len(header))
    if reader.problems:
        raise ImportRefusedError(reader.problems)
    reader.writer.flush()
    if not reader.writer.created:
        found = "; ".join(f"{code} – {label}" for code, label in sorted(reader.domains.items()))
        raise ImportRefusedError(
            _(
                "Aucune ligne ne correspond à « %(part)s ». Domaines présents dans le "
                "fichier : %(found)s."
            )
            % {"part": part, "found": found or _("aucun")}
        )
    return Outcome(created=reader.writer.created, skipped=reader.skipped)
