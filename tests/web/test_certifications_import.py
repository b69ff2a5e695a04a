"""Importing France Compétences' CSV export: the real format, re-imports in place, bad rows
reported with nothing stored, files that are not the export."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from insigne.web.certifications.actions import SAMPLE_SOURCE, import_files, load_sample
from insigne.web.certifications.export_files import Table, identify
from insigne.web.certifications.importer import (
    MAX_SHOWN,
    ImportRefusedError,
    Report,
    import_export,
)
from insigne.web.certifications.models import Bloc, Fiche
from insigne.web.certifications.problems import describe_json

from .test_certifications_support import (
    BLOCS,
    BLOCS_HEADER,
    CERTIFIERS,
    CERTIFIERS_HEADER,
    REPLACEMENTS,
    REPLACEMENTS_HEADER,
    STANDARD,
    STANDARD_HEADER,
    csv_bytes,
    fiche_line,
    memory_source,
    sample_files,
    sources_of,
    zip_bytes,
)

pytestmark = pytest.mark.django_db


def refused(files: dict[str, bytes]) -> Report:
    with pytest.raises(ImportRefusedError) as caught:
        import_export(sources_of(files))
    return caught.value.report


def certifier_count() -> int:
    return sum(len(certifiers) for certifiers in Fiche.objects.values_list("certifiers", flat=True))


def texts(report: Report) -> list[tuple[str, int, str]]:
    """(file, line, message) of each problem, no-break spaces read as spaces."""
    return [
        (p.file, p.line, describe_json(p.as_json()).replace("\xa0", " ")) for p in report.problems
    ]


# The shipped sample, in the export's format ---------------------------------------------------


def test_sample_imports_fiches_blocs_certifiers_and_replacements() -> None:
    report = load_sample()
    assert report.counts == {
        "fiches_created": 6,
        "fiches_updated": 0,
        "blocs": 6,
        "certifiers": 7,
        "replacements": 2,
    }
    assert set(Fiche.objects.values_list("code", flat=True)) == {
        "RS0000", "RS00000", "RS000000", "RNCP0000", "RNCP00000", "RNCP000000",
    }  # fmt: skip
    assert Bloc.objects.count() == 6
    assert certifier_count() == 7


def test_standard_row_becomes_a_fiche_with_level_status_and_dates() -> None:
    load_sample()
    fiche = Fiche.objects.get(code="RNCP00000")
    assert fiche.kind == Fiche.Kind.RNCP
    assert fiche.title == "Exemple : ancien titre de niveau 4 (code fictif)"
    assert (fiche.abbreviation, fiche.abbreviation_label) == ("TP", "Titre professionnel")
    assert (fiche.level, fiche.level_label) == (4, "Niveau 4")
    assert fiche.active is False
    assert fiche.end_date == datetime.date(2023, 6, 1)
    assert fiche.decision_date == datetime.date(2018, 5, 2)
    assert fiche.effective_date == datetime.date(2018, 5, 5)
    assert fiche.journal_date == datetime.date(2018, 5, 5)
    assert fiche.registration_type == "Enregistrement de droit"
    assert fiche.replaced_by == ["RNCP0000"]
    assert fiche.source == SAMPLE_SOURCE
    assert fiche.export_date == datetime.date(2025, 1, 6)


def test_rs_fiche_has_no_level() -> None:
    load_sample()
    fiche = Fiche.objects.get(code="RS0000")
    assert fiche.kind == Fiche.Kind.RS
    assert fiche.level is None
    assert fiche.level_label == ""


def test_byte_order_mark_is_not_part_of_the_first_column() -> None:
    load_sample()  # the sample's Standard file starts with a BOM
    assert Fiche.objects.get(code="RS0000").fiche_id == "1"


def test_quoted_fields_keep_their_semicolons() -> None:
    load_sample()
    assert Fiche.objects.get(code="RNCP000000").title == (
        "Exemple : diplôme de niveau 6 « médiation ; numérique » (code fictif)"
    )
    assert Bloc.objects.get(code="RNCP0000BC02").label == (
        "Exemple : organiser ; planifier son activité (bloc fictif)"
    )
    assert Fiche.objects.get(code="RS000000").certifiers == [
        {"name": "Réseau d'exemple ; habilitations (fictif)", "siret": ""}
    ]


def test_blocs_belong_to_their_fiche_and_certifiers_keep_their_siret() -> None:
    load_sample()
    fiche = Fiche.objects.get(code="RNCP0000")
    assert list(fiche.blocs.values_list("code", flat=True)) == [
        "RNCP0000BC01", "RNCP0000BC02", "RNCP0000BC03",
    ]  # fmt: skip
    assert Fiche.objects.get(code="RNCP000000").certifiers == [
        {"name": "Université d'exemple (fictive)", "siret": "00000000000000"},
        {"name": "École d'exemple (fictive)", "siret": ""},
    ]


def test_the_zip_of_the_export_imports_like_its_files() -> None:
    files = sample_files()
    files["export_fiches_CSV_Rome_2025_01_06.csv"] = csv_bytes(
        "Numero_Fiche;Codes_Rome_Code;Codes_Rome_Libelle", "RNCP0000;K0000;Exemple"
    )
    report = import_export(sources_of({"export_fiches_CSV.zip": zip_bytes(files)}))
    assert report.counts["fiches_created"] == 6
    assert Bloc.objects.count() == 6
    ignored = [f["name"] for f in report.files if f["table"] is None]
    assert ignored == ["export_fiches_CSV_Rome_2025_01_06.csv"]


def test_a_renamed_file_is_recognised_by_its_header() -> None:
    data = csv_bytes(STANDARD_HEADER, fiche_line("RS0000", "Exemple (code fictif)"))
    assert identify(memory_source("fiches.csv", data)) is Table.STANDARD


def test_iso_dates_are_accepted_too() -> None:
    import_export(
        sources_of(
            {STANDARD: csv_bytes(STANDARD_HEADER, fiche_line("RS0000", "Ex", end="2030-01-31"))}
        )
    )
    assert Fiche.objects.get().end_date == datetime.date(2030, 1, 31)


# Importing again ---------------------------------------------------------------------------


def test_reimport_updates_fiches_in_place_and_replaces_their_blocs_and_certifiers() -> None:
    load_sample()
    before = Fiche.objects.get(code="RNCP0000")
    untouched = Fiche.objects.get(code="RS0000")
    report = import_export(
        sources_of(
            {
                STANDARD: csv_bytes(
                    STANDARD_HEADER,
                    fiche_line(
                        "RNCP0000",
                        "Exemple : titre renommé (code fictif)",
                        level="NIV5",
                        active="INACTIVE",
                        end="31/01/2025",
                    ),
                    fiche_line("RNCP0", "Exemple : nouvelle fiche (code fictif)", level="NIV3"),
                    fiche_line(
                        "RNCP00000", "Exemple : ancien titre (code fictif)", active="INACTIVE"
                    ),
                ),
                BLOCS: csv_bytes(
                    BLOCS_HEADER,
                    "RNCP0000;RNCP0000BC01;Exemple : bloc renommé (fictif)",
                    "RNCP0;RNCP0BC01;Exemple : bloc nouveau (fictif)",
                ),
                CERTIFIERS: csv_bytes(
                    CERTIFIERS_HEADER, "RNCP0000;;Nouveau certificateur (fictif)"
                ),
            }
        )
    )
    assert report.counts["fiches_created"] == 1
    assert report.counts["fiches_updated"] == 2
    after = Fiche.objects.get(code="RNCP0000")
    assert after.pk == before.pk
    assert after.title == "Exemple : titre renommé (code fictif)"
    assert after.active is False
    assert after.end_date == datetime.date(2025, 1, 31)
    assert after.export_date == datetime.date(2025, 3, 10)
    assert list(after.blocs.values_list("code", "label")) == [
        ("RNCP0000BC01", "Exemple : bloc renommé (fictif)")
    ]
    assert [c["name"] for c in after.certifiers] == ["Nouveau certificateur (fictif)"]
    # Without a replacements file, replacements stay; a fiche without blocs in the file loses
    # them, and fiches outside the Standard file are left alone.
    older = Fiche.objects.get(code="RNCP00000")
    assert older.replaced_by == ["RNCP0000"]
    assert not older.blocs.exists()
    assert older.certifiers == []
    kept = Fiche.objects.get(code="RS0000")
    assert (kept.pk, kept.title, kept.imported_at) == (untouched.pk, untouched.title,
                                                        untouched.imported_at)  # fmt: skip
    assert Fiche.objects.count() == 7
    assert Fiche.objects.get(code="RNCP0").blocs.get().label == "Exemple : bloc nouveau (fictif)"


def test_reimport_of_the_same_files_changes_nothing_but_the_import_date() -> None:
    load_sample()
    snapshot = list(Fiche.objects.order_by("code").values_list("pk", "code", "title", "active"))
    blocs = Bloc.objects.count()
    report = load_sample()
    assert report.counts["fiches_updated"] == 6 and report.counts["fiches_created"] == 0
    assert list(Fiche.objects.order_by("code").values_list("pk", "code", "title", "active")) == (
        snapshot
    )
    assert Bloc.objects.count() == blocs
    assert certifier_count() == 7
    assert Fiche.objects.get(code="RS00000").replaced_by == ["RS0000"]


def test_blocs_file_alone_adds_blocs_to_fiches_already_imported() -> None:
    load_sample()
    import_export(
        sources_of({BLOCS: csv_bytes(BLOCS_HEADER, "RNCP000000;RNCP000000BC02;Ex (fictif)")})
    )
    assert list(Fiche.objects.get(code="RNCP000000").blocs.values_list("code", flat=True)) == [
        "RNCP000000BC02"
    ]
    assert Fiche.objects.get(code="RNCP0000").blocs.count() == 3  # not in the file: kept


# Bad rows: reported, nothing stored -----------------------------------------------------------


def test_bad_rows_are_reported_with_their_line_and_nothing_is_stored() -> None:
    load_sample()
    before = list(Fiche.objects.order_by("code").values_list("code", "title", "imported_at"))
    report = refused(
        {
            STANDARD: csv_bytes(
                STANDARD_HEADER,
                fiche_line("RS0000", "Exemple : titre changé (code fictif)"),
                fiche_line("RS12AB", "Code impossible"),
                fiche_line("RS0", ""),
                fiche_line("RNCP0", "Exemple", end="31/02/2025"),
                fiche_line("RS00", "Exemple", active="ACTIF"),
                fiche_line("RS0000", "Encore elle"),
                '1;RS000;"Titre ; sans fin;;;;;;;;;;;;;ACTIVE',
                bom=True,
            ),
            BLOCS: csv_bytes(
                BLOCS_HEADER,
                "RNCP0000;RNCP0000BC09;Exemple (fictif)",
                "RNCP0000;RNCP0000-BC1;Code de bloc faux",
                "RNCP0000;RNCP00000BC01;Bloc d'une autre fiche",
                "RNCP0000000;RNCP0000000BC01;Fiche trop longue",
                "RNCP99;RNCP99BC01;Fiche inconnue",
            ),
            CERTIFIERS: csv_bytes(CERTIFIERS_HEADER, "RS0000;123;Organisme (fictif)", "RS0000;;"),
        }
    )
    found = texts(report)
    assert (
        STANDARD,
        3,
        "numéro de fiche « RS12AB » invalide : attendu RS ou RNCP suivi de chiffres",
    ) in found
    assert (STANDARD, 4, "la colonne Intitule est vide") in found
    assert (
        STANDARD,
        5,
        "date « 31/02/2025 » illisible dans la colonne Date_Fin_Enregistrement (attendu : "
        "jj/mm/aaaa)",
    ) in found
    assert (STANDARD, 6, "colonne Actif : « ACTIF » au lieu de ACTIVE ou INACTIVE") in found
    assert (STANDARD, 7, "la fiche RS0000 figure déjà à la ligne 2") in found
    assert any(f == STANDARD and line == 8 and "colonnes" in text for f, line, text in found)
    assert (
        BLOCS,
        3,
        "code de bloc « RNCP0000-BC1 » invalide : attendu RNCP suivi de chiffres, BC et deux "
        "chiffres (RNCP12345BC01)",
    ) in found
    assert (BLOCS, 4, "le bloc RNCP00000BC01 ne fait pas partie de la fiche RNCP0000") in found
    assert any(f == BLOCS and line == 5 and "RNCP0000000" in text for f, line, text in found)
    assert (BLOCS, 6, "la fiche RNCP99 n'est ni dans le fichier Standard ni déjà importée") in found
    assert (CERTIFIERS, 2, "SIRET « 123 » invalide : attendu 14 chiffres") in found
    assert (CERTIFIERS, 3, "la colonne Nom_Certificateur est vide") in found
    assert report.problem_count == len(found) == 12
    after = list(Fiche.objects.order_by("code").values_list("code", "title", "imported_at"))
    assert after == before
    assert not Bloc.objects.filter(code="RNCP0000BC09").exists()


def test_a_good_file_is_not_stored_when_another_file_has_a_bad_row() -> None:
    report = refused(
        {
            STANDARD: csv_bytes(STANDARD_HEADER, fiche_line("RNCP0", "Exemple (code fictif)")),
            BLOCS: csv_bytes(BLOCS_HEADER, "RNCP0;RNCP0BC01;", "RNCP0;RNCP0BC02;Exemple"),
        }
    )
    assert texts(report) == [(BLOCS, 2, "la colonne Bloc_Competences_Libelle est vide")]
    assert not Fiche.objects.exists() and not Bloc.objects.exists()


def test_a_multiline_quoted_field_is_reported_at_its_first_line() -> None:
    report = refused(
        {
            STANDARD: csv_bytes(
                STANDARD_HEADER,
                fiche_line("RS0", '"Titre sur\ndeux lignes"'),
                fiche_line("RS00", "Exemple", active="?"),
            )
        }
    )
    assert [(p.line, p.code) for p in report.problems] == [(4, "active")]


def test_only_the_first_problems_are_kept_but_all_are_counted() -> None:
    lines = [fiche_line(f"RS{n}", "Exemple", active="NON") for n in range(MAX_SHOWN + 50)]
    report = refused({STANDARD: csv_bytes(STANDARD_HEADER, *lines)})
    assert report.problem_count == MAX_SHOWN + 50
    assert len(report.problems) == MAX_SHOWN
    assert not Fiche.objects.exists()


def test_a_row_naming_a_fiche_of_neither_file_nor_database_is_refused() -> None:
    report = refused({CERTIFIERS: csv_bytes(CERTIFIERS_HEADER, "RS0;;Organisme (fictif)")})
    assert texts(report) == [
        (CERTIFIERS, 2, "la fiche RS0 n'est ni dans le fichier Standard ni déjà importée")
    ]


def test_a_replacement_that_is_not_a_fiche_code_is_refused() -> None:
    load_sample()
    report = refused({REPLACEMENTS: csv_bytes(REPLACEMENTS_HEADER, "RS0000;;CPF206")})
    assert texts(report) == [
        (
            REPLACEMENTS,
            2,
            "Nouvelle_Certification : « CPF206 » n'est pas un numéro de fiche (RS… ou RNCP…)",
        )
    ]


# Files that are not the export --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("vide.csv", b"", "vide.csv est vide"),
        ("liste.csv", b"nom,prenom\r\nMartin,Camille\r\n",
         "liste.csv n'est pas un fichier CSV séparé par des points-virgules"),
        (STANDARD, csv_bytes("Id_Fiche;Numero_Fiche;Intitule"),
         f"{STANDARD} : colonne(s) manquante(s) : Actif"),
        (STANDARD, csv_bytes(STANDARD_HEADER, fiche_line("RS0", "Intitulé")).decode()
         .encode("cp1252"), f"{STANDARD} n'est pas encodé en UTF-8 (vers la ligne 2) : "
         "enregistrez-le en « CSV UTF-8 »"),
        ("export.zip", b"PK\x03\x04 pas vraiment un zip", "export.zip : archive zip illisible"),
        ("autre.csv", csv_bytes("Numero_Fiche;Nsf_Code;Nsf_Intitule", "RS0;200;Exemple"),
         "Aucun des fichiers n'est un fichier Standard, Blocs_De_Compétences, Certificateurs ou "
         "Ancienne_Nouvelle_Certification de l'export de France compétences."),
    ],
)  # fmt: skip
def test_a_file_that_is_not_the_export_is_refused_with_a_clear_message(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportRefusedError) as caught:
        import_files([path])
    assert [text for _f, _l, text in texts(caught.value.report)] == [expected]
    assert not Fiche.objects.exists()


def test_two_files_of_the_same_table_are_refused() -> None:
    one = csv_bytes(STANDARD_HEADER, fiche_line("RS0", "Exemple"))
    report = refused({STANDARD: one, "copie.csv": one})
    assert texts(report) == [
        (
            "copie.csv",
            0,
            f"copie.csv et {STANDARD} contiennent tous deux la table Standard : déposez-en un seul",
        )
    ]


def test_a_zip_on_disk_imports_with_france_competences_as_source(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    archive.write_bytes(zip_bytes(sample_files()))
    report = import_files([archive])
    assert report.counts["fiches_created"] == 6
    assert Fiche.objects.get(code="RS0000").source == "France compétences (Licence Ouverte 2.0)"
