"""Importing frameworks from the published formats: ESCO CSV, ROME 4.0 CSV, CASE JSON.

Every refused file leaves nothing behind, and reports its bad rows with their line.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from insigne.web.frameworks import actions, case_json
from insigne.web.frameworks.importing.report import ImportRefusedError
from insigne.web.frameworks.models import Association, Framework, Item, Level
from insigne.web.frameworks.search import search_items
from insigne.web.frameworks.tree import ordered

from .conftest import Cast
from .test_frameworks_support import sample, upload

pytestmark = pytest.mark.django_db
ESCO_HEADER = (
    "conceptType,conceptUri,preferredLabel,status,skillType,reuseLevel,altLabels,description,"
    "broaderConceptUri,broaderConceptPT\n"
)


def import_file(cast: Cast, name: str, content: bytes, **options: Any) -> Framework:
    framework, _outcome = actions.import_framework(
        cast.organisation, cast.editor, upload(name, content), **options
    )
    return framework


def refused(cast: Cast, name: str, content: bytes, **options: Any) -> list[str]:
    before = (Framework.objects.count(), Item.objects.count(), Association.objects.count())
    with pytest.raises(ImportRefusedError) as raised:
        import_file(cast, name, content, **options)
    after = (Framework.objects.count(), Item.objects.count(), Association.objects.count())
    assert after == before  # nothing stored
    return [str(problem) for problem in raised.value.problems.shown]


def test_an_esco_collection_becomes_a_tree_under_its_broader_concepts(cast: Cast) -> None:
    framework = import_file(
        cast, "transversalSkillsCollection_fr.csv", sample("transversalSkillsCollection_fr.csv")
    )
    assert framework.origin == Framework.Origin.ESCO
    assert framework.language == "fr"
    assert "ESCO" in framework.notes and "2011/833" in framework.licence_title
    tops = [node.item.full_statement for node in ordered(framework.items.all()) if node.depth == 0]
    assert tops == [
        "compétences sociales et de communication",
        "compétences d'autogestion",
        "compétences de réflexion",
    ]
    team = framework.items.get(source_uri="https://esco.example/skill/travailler-en-equipe")
    assert team.parent is not None and team.parent.full_statement.startswith("compétences sociales")
    assert team.concept_keywords == ["coopérer", "travailler en collaboration, en groupe"]
    assert team.item_type == "skill/competence"
    match = Association.objects.get(origin=team)
    assert match.association_type == "exactMatchOf"
    assert match.destination_uri == team.source_uri


def test_the_english_file_of_the_same_collection_adds_its_labels(cast: Cast) -> None:
    french = import_file(
        cast, "transversalSkillsCollection_fr.csv", sample("transversalSkillsCollection_fr.csv")
    )
    count = french.items.count()
    merged, outcome = actions.import_framework(
        cast.organisation,
        cast.editor,
        upload("transversalSkillsCollection_en.csv", sample("transversalSkillsCollection_en.csv")),
        into=french,
    )
    assert merged == french
    assert outcome.created == 0 and outcome.updated == count
    assert french.items.count() == count  # merged by conceptUri, nothing doubled
    team = french.items.get(source_uri="https://esco.example/skill/travailler-en-equipe")
    assert team.label("fr") == "travailler en équipe"
    assert team.label("en") == "work in teams"
    assert team.description("en").startswith("Cooperate with other people")
    group = team.parent
    assert group is not None and group.label("en") == "social and communication skills"
    [found] = search_items(cast.organisation, "work in teams")
    assert found.item == team
    assert "(en)" in french.notes


def test_only_an_esco_file_may_complete_an_esco_framework(cast: Cast) -> None:
    french = import_file(
        cast, "transversalSkillsCollection_fr.csv", sample("transversalSkillsCollection_fr.csv")
    )
    problems = refused(
        cast, "referentiel.json", sample("referentiel_exemple.case.json"), into=french
    )
    assert "ESCO" in problems[0]


def test_an_esco_file_whose_name_does_not_give_its_language_needs_one(cast: Cast) -> None:
    content = sample("transversalSkillsCollection_fr.csv")
    problems = refused(cast, "competences.csv", content)
    assert "langue" in problems[0]
    framework = import_file(cast, "competences.csv", content, language="fr")
    assert framework.items.count() == 11


def test_bad_esco_rows_are_reported_with_their_line_and_nothing_is_stored(cast: Cast) -> None:
    content = (
        ESCO_HEADER
        + "KnowledgeSkillCompetence,https://esco.example/skill/a,premier,released,,,,,,\n"
        + 'KnowledgeSkillCompetence,https://esco.example/skill/b,,released,,,"deux\nlignes",,,\n'
        + "KnowledgeSkillCompetence,pas-une-adresse,troisième,released,,,,,,\n"
        + "KnowledgeSkillCompetence,https://esco.example/skill/a,doublon,released,,,,,,\n"
        + "KnowledgeSkillCompetence,https://esco.example/skill/c,trop,de,colonnes,,,,,,,\n"
    ).encode()
    problems = refused(cast, "skills_fr.csv", content)
    assert problems == [
        "Ligne 3 : la colonne preferredLabel est vide.",
        "Ligne 5 : conceptUri « pas-une-adresse » n'est pas une adresse http(s).",
        "Ligne 6 : conceptUri https://esco.example/skill/a figure déjà ligne 2.",
        "Ligne 7 : 12 colonnes au lieu de 10.",
    ]


def test_a_file_in_another_encoding_is_refused_clearly(cast: Cast) -> None:
    content = ESCO_HEADER + "KnowledgeSkillCompetence,https://esco.example/skill/a,équipe,,,,,,,\n"
    problems = refused(cast, "skills_fr.csv", content.encode("latin-1"))
    assert "UTF-8" in problems[0]


def test_a_byte_order_mark_and_semicolons_are_read(cast: Cast) -> None:
    content = (
        "\ufeff"
        + ESCO_HEADER.replace(",", ";")
        + ("KnowledgeSkillCompetence;https://esco.example/skill/a;travailler en équipe;;;;;;;\n")
    )
    framework = import_file(cast, "skills_fr.csv", content.encode())
    assert framework.items.get().full_statement == "travailler en équipe"


class ReadsInSmallPieces(io.BytesIO):
    """A file that fails if anyone reads it whole: importers must stream."""

    largest = 0

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0 or size > 1 << 16:
            raise AssertionError(f"read({size}) would load the whole file")
        self.largest = max(self.largest, size)
        return super().read(size)

    def read1(self, size: int = -1) -> bytes:
        return self.read(size if size and size > 0 else 8192)

    def readline(self, size: int | None = -1) -> bytes:
        raise AssertionError("the text layer reads in chunks")


def test_a_large_esco_file_is_streamed_into_the_database(cast: Cast) -> None:
    rows = [ESCO_HEADER]
    for n in range(6000):
        rows.append(
            f"KnowledgeSkillCompetence,https://esco.example/skill/{n},compétence numéro {n},"
            f'released,skill/competence,cross-sector,"autre nom {n}",Description {n},,\n'
        )
    content = "".join(rows).encode()
    stream = ReadsInSmallPieces(content)
    framework, outcome = actions.import_framework(
        cast.organisation, cast.editor, actions.Upload("skills_fr.csv", stream)
    )
    assert outcome.created == 6000
    assert framework.items.count() == 6000
    assert 0 < stream.largest <= 1 << 16
    assert framework.items.get(source_uri="https://esco.example/skill/5999").search_text


def test_the_rome_savoir_etre_part_becomes_a_five_level_tree(cast: Cast) -> None:
    framework, outcome = actions.import_framework(
        cast.organisation,
        cast.editor,
        upload(
            "unix_arborescence_competences_v460_utf8.csv",
            sample("unix_arborescence_competences_exemple_utf8.csv"),
        ),
        part="savoir-etre",
    )
    assert outcome.skipped == 1  # the savoir-faire row
    nodes = ordered(framework.items.all())
    assert [n.depth for n in nodes[:5]] == [0, 1, 2, 3, 4]
    assert [n.item.human_coding_scheme for n in nodes[:5]] == [
        "EX1",
        "EX1A",
        "EX1A1",
        "EXEMPLE-100",
        "EXEMPLE-101",
    ]
    macro = framework.items.get(human_coding_scheme="EXEMPLE-100")
    assert macro.full_statement == "Travailler en équipe"
    assert macro.item_type == "Macro-compétence"
    assert "EX1A101" in macro.notes
    assert framework.items.count() == 1 + 2 + 3 + 5 + 5
    assert not framework.items.filter(human_coding_scheme__startswith="EX2").exists()
    stress = framework.items.get(human_coding_scheme="EXEMPLE-140")
    assert not stress.children.exists()  # a macro-competence listed without competences
    assert framework.title == "ROME 4.0 – savoir-etre"
    assert framework.origin == Framework.Origin.ROME


def test_a_rome_part_that_matches_nothing_lists_the_domains(cast: Cast) -> None:
    problems = refused(
        cast,
        "unix_arborescence_competences_v460_utf8.csv",
        sample("unix_arborescence_competences_exemple_utf8.csv"),
        part="cuisine",
    )
    assert "EX1 – Domaine d'exemple – Savoir-être professionnels" in problems[0]


def test_bad_rome_rows_are_reported_with_their_line(cast: Cast) -> None:
    lines = sample("unix_arborescence_competences_exemple_utf8.csv").decode().splitlines()
    lines[2] = lines[2].replace("EXEMPLE-100,Travailler en équipe", "EXEMPLE-100,")
    lines[3] = lines[3].rsplit(",", 1)[0] + ","
    problems = refused(cast, "arbo.csv", ("\n".join(lines) + "\n").encode(), kind="rome")
    assert problems == [
        "Ligne 3 : les colonnes code_ogr_macro_competence et libelle_macro_competence sont "
        "obligatoires.",
        "Ligne 4 : code_ogr_competence et libelle_competence vont ensemble : l'un est vide.",
    ]


def substance(package: dict[str, Any]) -> dict[str, Any]:
    """What a package says, without identifiers, addresses or dates."""
    items = {i["identifier"]: i for i in package["CFItems"]}

    def label(node: dict[str, Any]) -> str:
        found = items.get(node.get("identifier", ""))
        return found["humanCodingScheme"] if found else "document"

    keep = ("fullStatement", "humanCodingScheme", "CFItemType", "notes", "language")
    return {
        "title": package["CFDocument"]["title"],
        "items": [{k: i.get(k) for k in keep} for i in package["CFItems"]],
        "associations": sorted(
            (a["associationType"], label(a["originNodeURI"]), label(a["destinationNodeURI"]))
            for a in package["CFAssociations"]
            if a["associationType"] != "exactMatchOf"
        ),
        "levels": [
            [(lv["quality"], lv.get("description", "")) for lv in c["CFRubricCriterionLevels"]]
            for r in package["CFRubrics"]
            for c in r["CFRubricCriteria"]
        ],
        "licence": [lic["title"] for lic in package["CFDefinitions"]["CFLicenses"]],
    }


def test_a_case_package_comes_back_out_the_same_in_substance(cast: Cast) -> None:
    original = json.loads(sample("referentiel_exemple.case.json"))
    framework = import_file(cast, "referentiel.json", sample("referentiel_exemple.case.json"))
    assert framework.origin == Framework.Origin.CASE
    exported = case_json.package_json(framework)
    assert substance(exported) == substance(original)
    # Our identifiers and addresses, with the package's own kept as exact matches.
    ours = {i["uri"] for i in exported["CFItems"]}
    assert all(uri.startswith("https://insigne.test/ims/case/v1p0/CFItems/") for uri in ours)
    matches = {
        a["destinationNodeURI"]["uri"]
        for a in exported["CFAssociations"]
        if a["associationType"] == "exactMatchOf"
    }
    assert matches == {i["uri"] for i in original["CFItems"]}
    # And once more: the export imports to the same substance.
    again = import_file(cast, "export.json", json.dumps(exported).encode())
    assert substance(case_json.package_json(again)) == substance(original)


def test_a_case_package_keeps_its_levels_as_the_framework_scale(cast: Cast) -> None:
    framework = import_file(cast, "referentiel.json", sample("referentiel_exemple.case.json"))
    scale = Level.objects.filter(framework=framework, item=None).order_by("position")
    assert [level.name for level in scale] == ["Débutant", "Autonome", "Expert"]
    assert framework.licence_title == "CC BY 4.0"
    assert framework.licence_uri == "https://creativecommons.org/licenses/by/4.0/"


def test_a_broken_case_package_is_refused_with_where_each_problem_is(cast: Cast) -> None:
    package = json.loads(sample("referentiel_exemple.case.json"))
    package["CFItems"][1]["fullStatement"] = ""
    package["CFAssociations"][0]["associationType"] = "estCousinDe"
    package["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"] *= 4
    problems = refused(cast, "casse.json", json.dumps(package).encode())
    assert problems == [
        "CFItems[1] : fullStatement est obligatoire.",
        "CFAssociations[0] : type d'association inconnu « estCousinDe ».",
        "CFRubrics[0].CFRubricCriteria[0] : 12 niveaux ; 10 au plus.",
        "CFRubrics[0].CFRubricCriteria[0] : deux niveaux portent le même nom.",
    ]


def test_a_loop_of_parents_is_refused(cast: Cast) -> None:
    package = json.loads(sample("referentiel_exemple.case.json"))
    first, second = package["CFItems"][0], package["CFItems"][1]
    for association in package["CFAssociations"]:
        if association["originNodeURI"]["identifier"] == first["identifier"]:
            association["destinationNodeURI"] = {"identifier": second["identifier"]}
    problems = refused(cast, "boucle.json", json.dumps(package).encode())
    assert "boucle" in problems[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{pas du json", "JSON valide"),
        (b'{"CFItems": []}', "CFDocument"),
        (b"nom;prenom\nMartin;Claire\n", "Format de fichier non reconnu"),
        (b"", "Format de fichier non reconnu"),
        (b'{"CFDocument": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "trop profondément"),
    ],
)
def test_other_files_are_refused_clearly(cast: Cast, content: bytes, expected: str) -> None:
    problems = refused(cast, "fichier", content)
    assert expected in problems[0]


def test_the_demonstration_imports_the_sample_files(cast: Cast) -> None:
    from insigne.web.frameworks.demo import import_samples

    esco, rome = import_samples(cast.organisation, cast.editor)
    assert esco.items.count() == 11
    assert esco.items.exclude(translations={}).count() == 11  # French and English labels
    assert rome.items.filter(item_type="Macro-compétence").count() == 5


def test_the_same_esco_file_imported_again_updates_the_labels_in_place(cast: Cast) -> None:
    content = sample("transversalSkillsCollection_fr.csv")
    framework = import_file(cast, "transversalSkillsCollection_fr.csv", content)
    identifiers = set(framework.items.values_list("identifier", flat=True))
    changed = content.replace("gérer son temps,".encode(), "gérer son temps de travail,".encode())
    _framework, outcome = actions.import_framework(
        cast.organisation, cast.editor, upload("t_fr.csv", changed), into=framework
    )
    assert outcome.created == 0
    assert set(framework.items.values_list("identifier", flat=True)) == identifiers
    time = framework.items.get(source_uri="https://esco.example/skill/gerer-son-temps")
    assert time.full_statement == "gérer son temps de travail"
    assert "gerer son temps de travail" in time.search_text
