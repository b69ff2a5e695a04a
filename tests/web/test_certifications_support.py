"""Shared pieces of the certifications tests (no tests here): export files written in the
format of France Compétences' CSV export, the shipped sample, and in-memory sources."""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from insigne.web.certifications.actions import SAMPLE_DIR
from insigne.web.certifications.export_files import Source, sources

STANDARD_HEADER = (
    "Id_Fiche;Numero_Fiche;Intitule;Abrege_Libelle;Abrege_Intitule;Nomenclature_Europe_Niveau;"
    "Nomenclature_Europe_Intitule;Accessible_Nouvelle_Caledonie;Accessible_Polynesie_Francaise;"
    "Date_dernier_jo;Date_Decision;Date_Fin_Enregistrement;Date_Effet;Type_Enregistrement;"
    "Validation_Partielle;Actif"
)
BLOCS_HEADER = "Numero_Fiche;Bloc_Competences_Code;Bloc_Competences_Libelle"
CERTIFIERS_HEADER = "Numero_Fiche;Siret_Certificateur;Nom_Certificateur"
REPLACEMENTS_HEADER = "Numero_Fiche;Ancienne_Certification;Nouvelle_Certification"
STANDARD = "export_fiches_CSV_Standard_2025_03_10.csv"
BLOCS = "export_fiches_CSV_Blocs_De_Compétences_2025_03_10.csv"
CERTIFIERS = "export_fiches_CSV_Certificateurs_2025_03_10.csv"
REPLACEMENTS = "export_fiches_CSV_Ancienne_Nouvelle_Certification_2025_03_10.csv"


def fiche_line(
    code: str,
    title: str,
    *,
    level: str = "",
    active: str = "ACTIVE",
    end: str = "31/12/2099",
    decision: str = "01/02/2024",
) -> str:
    label = f"Niveau {level[3:]}" if level else ""
    return f"1;{code};{title};;;{level};{label};Non;Non;;{decision};{end};{decision};Enregistrement sur demande;Non;{active}"  # noqa: E501


def csv_bytes(header: str, *lines: str, bom: bool = False) -> bytes:
    data = "\r\n".join([header, *lines]).encode("utf-8") + b"\r\n"
    return codecs.BOM_UTF8 + data if bom else data


def memory_source(name: str, data: bytes) -> Source:
    @contextmanager
    def opener() -> Iterator[IO[bytes]]:
        yield io.BytesIO(data)

    return Source(name, opener)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sample_paths() -> list[Path]:
    return sorted(SAMPLE_DIR.glob("*.csv"))


def sample_files() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sample_paths()}


def sources_of(files: dict[str, bytes]) -> Sequence[Source]:
    """The CSV files of ``files`` (name: content), a zip giving its members."""
    found: list[Source] = []
    for name, data in files.items():
        source = memory_source(name, data)
        found += sources(source.name, source.opener)
    return found
