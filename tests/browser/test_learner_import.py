"""A learner brings badges from other platforms into the backpack.

Real badges from the published test suites: the 1EdTech validator's baked PNG (its issuer's
key cannot be confirmed offline: authentic, with a reservation) dropped on the form, and a
Digital Credentials Consortium badge whose did:key issuer verifies fully offline, chosen with
the file picker. A PNG that carries no badge is refused with the reason, and nothing is
added. The issuers' web is the web suite's ``Outside``: nothing leaves the test machine.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from insigne.web.external.models import ExternalBadge
from tests.web.conftest import Cast
from tests.web.images import PNG_64
from tests.web.test_external_support import Outside, outside_fixture  # noqa: F401

from .conftest import Site
from .test_revocation import drop_file

EDTECH_PNG = "1edtech-validator/ob30/simple-json.png"
DCC_JSON = (
    "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/"
    "legacyRegistry-noStatus-noExpiry-alignments.json"
)


def add_page(page: Page) -> None:
    page.goto("/sac/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon sac à badges")
    page.get_by_role("main").get_by_role("link", name="Importer un badge").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter un badge obtenu ailleurs")


def submit(page: Page) -> None:
    page.get_by_role("button", name="Ajouter à mon sac").click()


def test_a_learner_imports_badges_from_other_platforms_and_sees_their_verdicts(
    site: Site, cast: Cast, vectors: Path, outside: Outside, tmp_path: Path
) -> None:
    page = site.page(user=cast.learner)
    page.goto("/sac/")
    expect(page.get_by_role("main")).to_contain_text("Votre sac est encore vide")

    # A 1EdTech baked PNG, dragged from the desktop onto the form.
    add_page(page)
    file_field = page.get_by_label("Fichier du badge")
    drop_file(page, file_field, vectors / EDTECH_PNG, "image/png")
    assert file_field.evaluate("input => input.files.length") == 1, "the drop was not taken"
    submit(page)
    expect(page).to_have_url(re.compile(r"/sac/externes/[0-9a-f-]{36}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Teamwork")
    expect(page.get_by_role("status")).to_contain_text(
        "Badge ajouté à votre sac. Il est authentique, mais sa vérification appelle des "
        "réserves : lisez-les."
    )
    main = page.get_by_role("main")
    expect(main).to_contain_text("Example Corp")
    verification = main.get_by_role("region", name="Vérification")
    expect(verification.locator(".verdict")).to_have_class(re.compile(r"\bwarning\b"))
    expect(verification).to_contain_text("Le badge est authentique")
    expect(main.get_by_role("img", name="Image du badge « Teamwork »")).to_be_visible()

    # A DCC badge (JSON) whose issuer is a did:key, chosen with the file picker.
    add_page(page)
    page.get_by_label("Fichier du badge").set_input_files(vectors / DCC_JSON)
    submit(page)
    expect(page.get_by_role("status")).to_contain_text(
        "Badge ajouté à votre sac. Sa vérification a réussi."
    )
    dcc_name = page.get_by_role("heading", level=1).inner_text()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Example University")
    verification = main.get_by_role("region", name="Vérification")
    expect(verification.locator(".verdict-headline")).to_contain_text("Badge vérifié")
    # It stays private until the holder decides otherwise.
    expect(main.get_by_role("region", name="Qui peut voir ce badge ?")).to_contain_text("Privé")

    # Not a badge: a plain PNG picture. The reason is given and nothing is stored.
    add_page(page)
    photo = tmp_path / "photo-de-vacances.png"
    photo.write_bytes(PNG_64)
    page.get_by_label("Fichier du badge").set_input_files(photo)
    submit(page)
    problem = page.get_by_role("alert")
    expect(problem).to_contain_text("Ce badge n'a pas été ajouté")
    expect(problem).to_contain_text("Cette image ne contient aucun badge.")
    expect(problem).to_contain_text("Rien n'a été enregistré.")
    expect(problem).to_be_focused()  # announced by a screen reader at once
    assert ExternalBadge.objects.filter(owner=cast.learner).count() == 2

    # The backpack lists both imported badges, with the standing each verification gave.
    page.get_by_role("navigation", name="Fil d’Ariane").get_by_role(
        "link", name="Mon sac à badges"
    ).click()
    main = page.get_by_role("main")
    expect(main.get_by_role("status")).to_have_text("2 badges affichés sur 2")
    for name, issuer in (("Teamwork", "Example Corp"), (dcc_name, "Example University")):
        item = main.get_by_role("listitem").filter(
            has=page.get_by_role("heading", name=name, exact=True)
        )
        expect(item).to_contain_text(f"Délivré par {issuer}")
        expect(item).to_contain_text("Valide")
        expect(item).to_contain_text("Importé")
        expect(item).to_contain_text("Privé")
    expect(main).not_to_contain_text("photo-de-vacances")
    main.get_by_role("link", name="Teamwork").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teamwork")
