"""A revoked award: the file downloaded before the revocation no longer verifies, and the
badge page says so, with the reason."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from django.core import mail
from playwright.sync_api import Locator, Page, expect

from insigne.web.badges.models import BadgeVersion
from tests.web.conftest import Cast

from .conftest import Site, link_in

REASON = "Le projet présenté n'était pas celui de la personne."


def drop_file(page: Page, zone: Locator, path: Path, mime: str) -> None:
    """Drag ``path`` from the desktop and drop it on ``zone``, as a person does."""
    transfer = page.evaluate_handle(
        """([name, data, mime]) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, {type: mime}));
            return transfer;
        }""",
        [path.name, base64.b64encode(path.read_bytes()).decode("ascii"), mime],
    )
    for event in ("dragenter", "dragover", "drop"):
        zone.dispatch_event(event, {"dataTransfer": transfer})


def award_through_the_form(page: Page, cast: Cast, version: BadgeVersion) -> None:
    page.goto(f"/organisations/{cast.organisation.slug}/badges/{version.badge.public_id}/")
    page.get_by_role("link", name="Attribuer à une personne").click()
    page.get_by_label("Adresse électronique").fill(cast.learner.email)
    page.get_by_label("Nom et prénom").fill("Camille Roux")
    page.get_by_label("Travailler en équipe").select_option("Application")
    page.get_by_role("button", name="Attribuer le badge").click()
    expect(page.get_by_role("status")).to_contain_text("Badge attribué à Camille Roux")


def learner_downloads_the_png(site: Site, cast: Cast, tmp_path: Path) -> tuple[Page, Path]:
    [message] = [m for m in mail.outbox if m.to == [cast.learner.email]]
    learner = site.page()
    learner.goto(link_in(str(message.body), "/reclamer/"))
    learner.get_by_role("link", name="Page du badge").click()
    learner.wait_for_url(re.compile(r"/b/[0-9a-f-]{36}$"))
    expect(learner.locator(".verdict-headline").first).to_contain_text("Badge vérifié")
    with learner.expect_download() as started:
        learner.get_by_role("link", name=re.compile("Image PNG du badge")).click()
    path = tmp_path / started.value.suggested_filename
    started.value.save_as(path)
    return learner, path


def revoke(page: Page) -> None:
    form = page.locator("form").filter(has=page.get_by_role("heading", name="Révoquer"))
    form.get_by_label("Motif").fill(REASON)
    form.get_by_label("Je comprends que la révocation est définitive.").check()
    form.get_by_role("button", name="Révoquer définitivement ce badge").click()
    expect(page.get_by_role("status")).to_contain_text("1 badge révoqué.")
    expect(page.get_by_role("main")).to_contain_text(f"motif : {REASON}")


def test_a_png_downloaded_before_revocation_is_reported_revoked_with_its_reason(
    site: Site, cast: Cast, grouped_badge: BadgeVersion, tmp_path: Path
) -> None:
    awarder = site.page(user=cast.awarder)
    award_through_the_form(awarder, cast, grouped_badge)
    learner, baked = learner_downloads_the_png(site, cast, tmp_path)

    revoke(awarder)

    visitor = site.page()
    visitor.goto("/verifier")
    file_field = visitor.get_by_label("Fichier du badge")
    drop_file(visitor, file_field, baked, "image/png")
    assert file_field.evaluate("input => input.files.length") == 1, "the drop was not taken"
    visitor.get_by_role("button", name="Vérifier", exact=True).click()
    result = visitor.get_by_role("region", name="Résultat de la vérification")
    expect(result.locator(".verdict-headline")).to_contain_text("Badge révoqué par son émetteur")
    expect(result).not_to_contain_text("Badge vérifié")
    expect(result.locator(".check.fail")).not_to_have_count(0)

    # The learner's badge page, already seen before the revocation, now says it is revoked.
    learner.reload()
    banner = learner.get_by_role("heading", name=re.compile("Ce badge a été révoqué"))
    expect(banner).to_be_visible()
    main = learner.get_by_role("main")
    expect(main).to_contain_text(f"Motif : {REASON}")
    expect(main.locator(".verdict-headline").first).to_contain_text("Badge révoqué")
