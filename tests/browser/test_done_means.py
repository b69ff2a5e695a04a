"""The issue's "Done means", in a browser and through the interface only.

A new person signs up in French, confirms the address from the e-mail, creates an
organisation, designs a badge grouping three competences (two with levels) aligned on an RS
certification with an image from the built-in designer, awards it to 500 learners from a CSV
file, opens one award from the learner's e-mail, downloads the baked PNG, and an anonymous
visitor verifies that file on the verifier page.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.core import mail
from playwright.sync_api import Locator, Page, expect

from insigne.web.awards.models import Award

from .conftest import Site, link_in

PASSWORD = "un-mot-de-passe-assez-long-2025"
FOUNDER = "fondatrice@compagnons.example"
ORGANISATION = "Compagnons du Numérique"
BADGE = "Projet collectif réussi"
CERTIFICATION = ("RS5476", "Accompagner les usages numériques")
COMPETENCES = (
    ("Travailler en équipe", ("Découverte", "Application", "Maîtrise")),
    ("Communiquer à l'oral", ("Notions", "Autonomie", "Expertise")),
    ("Organiser son travail", ()),
)
LEARNERS = 500
# The level column accepts a level's name in any case, or its rank; it may stay empty.
LEVEL_CELLS = ("Découverte", "application", "3", "")
CHOSEN = 42  # the learner whose award is opened: level "3", that is "Maîtrise"


def learners_csv() -> bytes:
    """500 good rows and two bad ones (lines 102 and 303), UTF-8, ``;``-separated."""
    lines = ["courriel;nom;Travailler en équipe;commentaire"]
    for number in range(1, LEARNERS + 1):
        level = LEVEL_CELLS[number % len(LEVEL_CELLS)]
        lines.append(
            f"apprenant{number:03d}@exemple.fr;Élève n°{number};{level};"
            f"A mené le projet « Jardin partagé » ({number})"
        )
        if number == 100:
            lines.append("pas-une-adresse;Adresse fausse;Découverte;")
        if number == 300:
            lines.append("niveau.inconnu@exemple.fr;Niveau inconnu;Expert;")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def competence(page: Page, number: int) -> Locator:
    """The fieldset of the competence ``number`` in the badge editor."""
    return page.get_by_role("group", name=f"Compétence {number}", exact=True).first


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def sign_up_and_confirm(page: Page) -> None:
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name="Créer un compte").click()
    page.get_by_label("Courriel").fill(FOUNDER)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button").click()
    expect(h1(page)).to_have_text(re.compile("Vérifiez", re.IGNORECASE))
    [message] = mail.outbox
    assert message.to == [FOUNDER]
    page.goto(link_in(str(message.body), "/compte/"))
    page.get_by_role("main").get_by_role("button", name=re.compile("Confirmer")).click()
    expect(h1(page)).to_have_text("Mes organisations")


def create_organisation(page: Page) -> None:
    page.get_by_role("link", name="Créer une organisation").click()
    page.get_by_label("Nom de l'organisation").fill(ORGANISATION)
    page.get_by_label("Type d'organisation").select_option(label="Association")
    page.get_by_label("Région").select_option(label="Bretagne")
    page.get_by_label("Adresse électronique de contact").fill("contact@compagnons.example")
    page.get_by_role("button", name="Créer l'organisation").click()
    expect(h1(page)).to_have_text(ORGANISATION)


def design_badge(page: Page) -> None:
    page.get_by_role("main").get_by_role("link", name="Badges", exact=True).click()
    page.get_by_role("link", name="Créer un badge").click()
    page.get_by_label("Nom du badge").fill(BADGE)
    page.get_by_label("Description", exact=True).fill(
        "Reconnaît la conduite d'un projet collectif au service d'un quartier."
    )
    page.get_by_label("Nature de la reconnaissance").select_option(label="Compétence")
    page.get_by_role("textbox", name="Critères d'attribution").fill(
        "La personne a mené un **projet collectif** de six semaines :\n\n"
        "- elle a réparti le travail ;\n- elle a présenté le résultat."
    )
    add = page.get_by_role("button", name="Ajouter une compétence")
    add.click()
    add.click()
    for number, (name, levels) in enumerate(COMPETENCES, start=1):
        group = competence(page, number)
        group.get_by_label("Intitulé de la compétence").fill(name)
        group.get_by_label(re.compile("^Référentiel")).fill("RECTEC")
        if levels:
            group.get_by_label("Niveaux").fill("\n".join(levels))
    page.get_by_label("Code de la certification").fill(CERTIFICATION[0])
    page.get_by_label("Intitulé de la certification").fill(CERTIFICATION[1])

    expect(page.get_by_role("radio", name="Dessiner l'image avec l'atelier")).to_be_checked()
    preview = page.get_by_role("img", name="Aperçu de l’image dessinée")
    first_preview = preview.get_attribute("src")
    page.get_by_role("radio", name="Hexagone").check()
    page.get_by_role("radio", name="Équipe").check()
    page.get_by_role("radio", name="Vert et blanc").check()
    page.get_by_label("Texte, première ligne").fill("Projet")
    page.get_by_label("Texte, seconde ligne").fill("2025")
    # The designer redraws the preview in the page as the settings change.
    expect(preview).not_to_have_attribute("src", first_preview or "")
    page.get_by_role("button", name="Créer le badge").click()
    expect(h1(page)).to_have_text(BADGE)


def check_badge_page(page: Page) -> None:
    main = page.get_by_role("main")
    for name, levels in COMPETENCES:
        expect(main.get_by_role("heading", name=name, level=3)).to_be_visible()
        for level in levels:
            expect(main.get_by_role("listitem").filter(has_text=level).first).to_be_visible()
    expect(main).to_contain_text(CERTIFICATION[1])
    expect(main).to_contain_text(CERTIFICATION[0])
    image = main.get_by_role("img", name=f"{BADGE} — {ORGANISATION}")
    expect(image).to_be_visible()
    # The designer's drawing, rendered to a 512×512 PNG when the badge was saved.
    assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [512, 512]


def import_learners(page: Page) -> None:
    page.get_by_role("link", name="Attribuer à partir d'un fichier").click()
    page.get_by_label("Fichier des bénéficiaires").set_input_files(
        {"name": "promotion-2025.csv", "mimeType": "text/csv", "buffer": learners_csv()}
    )
    page.get_by_role("button", name="Voir l'aperçu").click()

    main = page.get_by_role("main")
    expect(main).to_contain_text("500 lignes prêtes")
    expect(main).to_contain_text("2 lignes écartées")
    problems = page.get_by_role("table", name=re.compile("Lignes écartées"))
    invalid = problems.get_by_role("row").filter(has_text="102")
    expect(invalid).to_contain_text(re.compile(r"adresse électronique invalide", re.I))
    expect(invalid).to_contain_text("pas-une-adresse")
    unknown = problems.get_by_role("row").filter(has_text="303")
    expect(unknown).to_contain_text(re.compile(r"niveau inconnu «\s*Expert\s*»", re.I))
    expect(unknown).to_contain_text("Travailler en équipe")
    assert Award.objects.count() == 0, "nothing may be awarded before the confirmation"

    page.get_by_role("button", name="Attribuer le badge à 500 personnes").click()
    expect(page.get_by_role("heading", name="Compte rendu")).to_be_visible()
    expect(main).to_contain_text("500 badges attribués")
    expect(main).to_contain_text("2 lignes écartées à l’aperçu")


def claim_and_download(site: Site, tmp_path: Path) -> Path:
    address = f"apprenant{CHOSEN:03d}@exemple.fr"
    [message] = [m for m in mail.outbox if m.to == [address]]
    learner = site.page()
    learner.goto(link_in(str(message.body), "/reclamer/"))
    expect(learner.get_by_role("main")).to_contain_text(f"{ORGANISATION} vous a délivré ce badge")
    learner.get_by_role("link", name="Page du badge").click()
    learner.wait_for_url(re.compile(r"/b/[0-9a-f-]{36}$"))

    main = learner.get_by_role("main")
    expect(h1(learner)).to_have_text(BADGE)
    expect(main.locator(".verdict-headline").first).to_contain_text("Badge vérifié")
    team = main.get_by_role("listitem").filter(
        has=learner.get_by_role("heading", name="Travailler en équipe")
    )
    expect(team).to_contain_text("Niveau atteint : Maîtrise")
    for name, _levels in COMPETENCES:
        expect(main.get_by_role("heading", name=name, level=3)).to_be_visible()
    expect(main).to_contain_text(CERTIFICATION[1])
    image = main.get_by_role("img", name=re.compile(re.escape(BADGE)))
    assert ORGANISATION in str(image.get_attribute("alt"))

    with learner.expect_download() as started:
        main.get_by_role("link", name=re.compile("Image PNG du badge")).click()
    path = tmp_path / "badge.png"
    started.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"openbadgecredential" in data or b"openbadges" in data
    return path


def test_new_user_designs_a_grouped_badge_awards_500_learners_and_it_verifies(
    site: Site, tmp_path: Path
) -> None:
    page = site.page()
    sign_up_and_confirm(page)
    create_organisation(page)
    design_badge(page)
    check_badge_page(page)
    import_learners(page)
    assert Award.objects.count() == LEARNERS
    baked = claim_and_download(site, tmp_path)

    visitor = site.page()
    visitor.goto("/")
    visitor.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Vérifier un badge"
    ).click()
    visitor.get_by_label("Fichier du badge").set_input_files(baked)
    visitor.get_by_role("button", name="Vérifier", exact=True).click()
    result = visitor.get_by_role("region", name="Résultat de la vérification")
    expect(result.locator(".verdict-headline")).to_have_text(re.compile(r"Badge vérifié\.$"))
    expect(result).to_contain_text(BADGE)
    expect(result).to_contain_text(ORGANISATION)
    # What the badge recognises, as the employer reading the verdict needs to see it.
    for name, _levels in COMPETENCES:
        expect(result).to_contain_text(name)
    expect(result).to_contain_text("Maîtrise")
