"""Issue 5 in a browser: a badge that groups competences from two frameworks and links an RS
fiche, designed, awarded, made public and verified through the interface.

The designer imports the ESCO sample file on the import page and picks one competence from
RECTEC (shipped with the product) and one from that ESCO import with the editor's picker,
typing a scale of levels for the RECTEC one (RECTEC's level descriptors are not shipped);
the certification picker links the fictitious fiche RS0000. The France Compétences sample
is loaded by the loader the demo uses (``certifications.actions.load_sample``): importing it
on the staff page runs in the background and is the subject of its own tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.core import mail
from playwright.sync_api import Locator, Page, expect

from insigne.core.verify import verify
from insigne.web.awards.models import Award
from insigne.web.certifications.actions import load_sample
from insigne.web.frameworks.models import Item
from insigne.web.public.fetching import platform_fetcher
from tests.web.conftest import Cast

from .conftest import Site, link_in, shipped_frameworks

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "insigne" / "web" / "frameworks" / "samples"
BADGE = "Coopérer et s'exprimer"
RECTEC = ("Travailler en équipe", "RECTEC-ORG-3", "RECTEC – Compétences transversales")
RECTEC_LEVELS = ("Découverte", "Application", "Maîtrise")
ESCO = ("communiquer à l'oral", "https://esco.example/skill/communiquer-a-l-oral")
FICHE = ("RS0000", "Certification de démonstration (code fictif)")
CERTIFIER = "Organisme certificateur d'exemple (fictif)"


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def competence(page: Page, number: int) -> Locator:
    return page.get_by_role("group", name=f"Compétence {number}", exact=True).first


def import_esco_sample(page: Page, slug: str) -> None:
    page.goto(f"/organisations/{slug}/")
    page.get_by_role("main").get_by_role("link", name=re.compile("^Référentiels")).first.click()
    expect(h1(page)).to_have_text("Référentiels de compétences")
    page.get_by_role("link", name="Importer un fichier (ESCO, ROME, CASE)").click()
    page.get_by_label("Fichier", exact=True).set_input_files(
        SAMPLES / "transversalSkillsCollection_fr.csv"
    )
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(h1(page)).to_have_text("ESCO")
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"Import terminé\s:\s\d+ items"))


def pick(page: Page, number: int, query: str, option: re.Pattern[str]) -> None:
    """Type in the competence's search field, then choose the option from the list."""
    group = competence(page, number)
    search = group.get_by_role("combobox", name=re.compile("^Chercher dans les référentiels"))
    search.fill(query)
    choice = group.get_by_role("option").filter(has_text=option).first
    choice.click()
    expect(group.get_by_text(re.compile("^Reprise du référentiel"))).to_be_visible()


def design_badge(page: Page, slug: str) -> None:
    page.goto(f"/organisations/{slug}/badges/nouveau/")
    page.get_by_label("Nom du badge").fill(BADGE)
    page.get_by_label("Description", exact=True).fill(
        "Reconnaît le travail en équipe et la prise de parole au cours d'un projet."
    )
    page.get_by_label("Nature de la reconnaissance").select_option(label="Compétence")
    page.get_by_role("textbox", name="Critères d'attribution").fill(
        "La personne a mené un projet en équipe et l'a présenté à l'oral."
    )
    pick(page, 1, RECTEC[1], re.compile(re.escape(RECTEC[0])))
    first = competence(page, 1)
    expect(first.get_by_label("Intitulé de la compétence")).to_have_value(RECTEC[0])
    expect(first.get_by_label(re.compile("^Référentiel"))).to_have_value(RECTEC[2])
    expect(first.get_by_label("Code dans le référentiel")).to_have_value(RECTEC[1])
    first.get_by_label("Niveaux").fill("\n".join(RECTEC_LEVELS))

    page.get_by_role("button", name="Ajouter une compétence").click()
    pick(page, 2, ESCO[0], re.compile(r"ESCO"))
    second = competence(page, 2)
    expect(second.get_by_label("Intitulé de la compétence")).to_have_value(ESCO[0])
    expect(second.get_by_label(re.compile("^Référentiel"))).to_have_value("ESCO")

    code = page.get_by_role("combobox", name="Code de la certification")
    code.press_sequentially("RS000", delay=20)
    page.get_by_role("option").filter(has_text=FICHE[1]).click()
    expect(code).to_have_value(FICHE[0])
    expect(page.get_by_label("Intitulé de la certification")).to_have_value(FICHE[1])
    page.get_by_role("button", name="Créer le badge").click()
    expect(h1(page)).to_have_text(BADGE)


def award_to_the_learner(page: Page, cast: Cast) -> None:
    page.goto(f"/organisations/{cast.organisation.slug}/badges/")
    page.get_by_role("main").get_by_role("link", name=BADGE).first.click()
    page.get_by_role("link", name="Attribuer à une personne").click()
    page.get_by_label("Adresse électronique").fill(cast.learner.email)
    page.get_by_label("Nom et prénom").fill("Camille Roux")
    page.get_by_label(RECTEC[0]).select_option(label="Application")
    page.get_by_role("button", name="Attribuer le badge").click()
    expect(page.get_by_role("main")).to_contain_text(cast.learner.email)


def keep_and_publish(page: Page, claim_url: str) -> None:
    page.goto(claim_url)
    page.get_by_role("main").get_by_role("button", name="Garder ce badge").click()
    panel = page.get_by_role("region", name="Qui peut voir ce badge ?")
    panel.get_by_role("checkbox", name=re.compile("^J'accepte que toute personne")).check()
    panel.get_by_role("button", name="Rendre ce badge public").click()
    panel = page.get_by_role("region", name="Qui peut voir ce badge ?")
    expect(panel.get_by_role("button", name="Rendre ce badge privé")).to_be_visible()


def check_public_page(page: Page) -> None:
    main = page.get_by_role("main")
    expect(h1(page)).to_have_text(BADGE)
    expect(main.locator(".verdict-headline").first).to_contain_text("Badge vérifié")
    skills = main.get_by_role("region", name="Compétences")
    team = skills.get_by_role("listitem").filter(has=page.get_by_role("heading", name=RECTEC[0]))
    expect(team).to_contain_text(f"Référentiel : {RECTEC[2]} ({RECTEC[1]})")
    expect(team).to_contain_text("Niveau atteint : Application")
    speaking = skills.get_by_role("listitem").filter(has=page.get_by_role("heading", name=ESCO[0]))
    expect(speaking).to_contain_text("Référentiel : ESCO")
    certification = main.get_by_role("region", name="Certification")
    for fact in (FICHE[0], FICHE[1], CERTIFIER, "Répertoire spécifique"):
        expect(certification).to_contain_text(fact)
    expect(certification.get_by_role("definition").filter(has_text="Active")).to_be_visible()


def download_json(page: Page, tmp_path: Path) -> bytes:
    downloads = page.get_by_role("region", name="Télécharger le badge")
    with page.expect_download() as started:
        downloads.get_by_role("link", name="Badge signé au format JSON (Open Badges 3.0)").click()
    path = tmp_path / "badge.json"
    started.value.save_as(path)
    return path.read_bytes()


def test_a_badge_grouping_rectec_and_esco_competences_with_an_rs_fiche_shows_and_verifies(
    site: Site, cast: Cast, tmp_path: Path
) -> None:
    shipped_frameworks()
    load_sample()
    slug = cast.organisation.slug
    designer = site.page(user=cast.editor)
    import_esco_sample(designer, slug)
    design_badge(designer, slug)

    awarder = site.page(user=cast.awarder)
    award_to_the_learner(awarder, cast)
    [message] = [m for m in mail.outbox if m.to == [cast.learner.email]]
    learner = site.page(user=cast.learner)
    keep_and_publish(learner, link_in(str(message.body), "/reclamer/"))
    award = Award.objects.get(version__name=BADGE)

    visitor = site.page()
    response = visitor.goto(f"/b/{award.public_id}")
    assert response is not None and response.status == 200
    check_public_page(visitor)

    credential = json.loads(download_json(visitor, tmp_path))
    alignments = credential["credentialSubject"]["achievement"]["alignment"]
    rectec = Item.objects.get(framework__organisation=None, human_coding_scheme=RECTEC[1])
    esco = Item.objects.get(framework__organisation=cast.organisation, source_uri=ESCO[1])
    items = [a for a in alignments if a.get("targetType") == "CFItem"]
    assert [(a["targetName"], a["targetUrl"]) for a in items] == [
        (RECTEC[0], f"{site.url}/ims/case/v1p0/CFItems/{rectec.identifier}"),
        (ESCO[0], f"{site.url}/ims/case/v1p0/CFItems/{esco.identifier}"),
    ]
    [fiche] = [a for a in alignments if a.get("targetCode") == FICHE[0]]
    assert fiche["targetName"] == FICHE[1]
    assert len(alignments) == 3, alignments

    result = verify(json.dumps(credential).encode(), fetcher=platform_fetcher())
    assert result.verified, result
