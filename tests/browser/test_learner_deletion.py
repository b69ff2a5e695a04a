"""A learner takes their data away and deletes their account.

The deletion page offers the export first: the zip holds the signed badge, its baked PNG,
the imported badge as received and a table of the badges. A wrong password deletes nothing.
Once the account is deleted, the badge's public page answers 410 Gone, saying it was deleted
at its holder's request (not revoked), while the PNG kept from the export still verifies.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect

from insigne.core.baking import unbake
from insigne.web.accounts.models import User
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion
from insigne.web.external.actions import import_badge
from tests.web.conftest import Cast
from tests.web.test_external_support import Outside, outside_fixture  # noqa: F401
from tests.web.test_public_support import award_for

from .conftest import Site

PASSWORD = "mot-de-passe-solide-42"  # the cast's (tests/web/conftest.py make_user)
DCC_JSON = (
    "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/"
    "legacyRegistry-noStatus-noExpiry-alignments.json"
)


def download_export(page: Page, tmp_path: Path) -> zipfile.ZipFile:
    before = page.get_by_role("region", name="Avant de supprimer")
    with page.expect_download() as started:
        before.get_by_role("link", name="Télécharger toutes mes données (zip)").click()
    path = tmp_path / started.value.suggested_filename
    started.value.save_as(path)
    assert path.suffix == ".zip", path.name
    return zipfile.ZipFile(path)


def only(names: list[str], pattern: str) -> str:
    found = [name for name in names if re.fullmatch(pattern, name)]
    assert len(found) == 1, f"{pattern}: {found} in {names}"
    return found[0]


def test_a_learner_exports_then_deletes_the_account_and_the_badge_page_is_gone(
    site: Site,
    cast: Cast,
    grouped_badge: BadgeVersion,
    vectors: Path,
    outside: Outside,
    tmp_path: Path,
) -> None:
    award = award_for(cast, grouped_badge, public=True, linked=True)
    import_badge(cast.learner, (vectors / DCC_JSON).read_bytes(), name="diplome.json")
    public_path = f"/b/{award.public_id}"
    visitor = site.page()
    response = visitor.goto(public_path)
    assert response is not None and response.status == 200

    page = site.page(user=cast.learner)
    page.goto("/sac/")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Mon compte"
    ).click()
    page.get_by_role("main").get_by_role("link", name="Supprimer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supprimer mon compte")
    consequences = page.get_by_role("region", name="Ce qui va se passer")
    expect(consequences).to_contain_text("Votre badge reçu sur Insigne disparaît")
    expect(consequences).to_contain_text("Vos badges ne sont pas révoqués")

    with download_export(page, tmp_path) as archive:
        names = archive.namelist()
        folder = r"badges-insigne/\d{4}-\d\d-\d\d-competences-relationnelles-[0-9a-f]{8}/"
        credential = archive.read(only(names, folder + r"competences-relationnelles\.json"))
        baked = archive.read(only(names, folder + r"competences-relationnelles\.png"))
        imported = archive.read(only(names, r"badges-importes/.+\.json"))
        table = archive.read("badges.csv").decode("utf-8-sig")
    assert credential.decode("utf-8") == award.credential
    assert baked.startswith(b"\x89PNG\r\n\x1a\n")
    assert unbake(baked).payload == award.credential
    assert imported == (vectors / DCC_JSON).read_bytes()
    rows = list(csv.reader(io.StringIO(table), delimiter=";"))
    assert rows[0][:2] == ["nom", "émetteur"]
    by_issuer = {row[1]: row for row in rows[1:]}
    assert len(rows) == 3 and set(by_issuer) == {"Atelier de Lyon", "Example University"}, rows
    assert by_issuer["Atelier de Lyon"][0] == "Compétences relationnelles"
    assert f"{site.url}{public_path}" in by_issuer["Atelier de Lyon"], rows

    # A wrong password: nothing is deleted, and the learner is told.
    confirm = page.get_by_role("region", name="Confirmer la suppression")
    confirm.get_by_label("Votre mot de passe").fill("pas-le-bon-mot-de-passe")
    confirm.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page.get_by_role("main")).to_contain_text(
        "Ce mot de passe n'est pas le bon. Votre compte n'a pas été supprimé."
    )
    assert User.objects.filter(pk=cast.learner.pk).exists()
    response = visitor.goto(public_path)
    assert response is not None and response.status == 200

    confirm = page.get_by_role("region", name="Confirmer la suppression")
    confirm.get_by_label("Votre mot de passe").fill(PASSWORD)
    confirm.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre compte a été supprimé")
    assert not User.objects.filter(pk=cast.learner.pk).exists()
    assert Award.objects.get(pk=award.pk).erased_at is not None

    response = visitor.goto(public_path)
    assert response is not None and response.status == 410
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Badge supprimé")
    main = visitor.get_by_role("main")
    expect(main).to_contain_text("Ce badge a été supprimé à la demande de son titulaire.")
    expect(main).not_to_contain_text("révoqué")
    expect(main).not_to_contain_text("Compétences relationnelles")

    # As the deletion page promised, the copy taken away still verifies.
    baked_file = tmp_path / "badge.png"
    baked_file.write_bytes(baked)
    visitor.goto("/verifier")
    visitor.get_by_label("Fichier du badge").set_input_files(baked_file)
    visitor.get_by_role("button", name="Vérifier", exact=True).click()
    result = visitor.get_by_role("region", name="Résultat de la vérification")
    expect(result.locator(".verdict-headline")).to_have_text(re.compile(r"Badge vérifié\.$"))
