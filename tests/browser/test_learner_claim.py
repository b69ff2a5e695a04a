"""A learner's first badge, from the award e-mail to an employer's check.

The learner opens the claim link of the e-mail, creates an account (the address confirmed
from a second e-mail), finds the badge in the backpack, makes it public (the consent box
asked for first), adds it to the LinkedIn profile (LinkedIn itself is a stub: the browser
never leaves the test machine), downloads the baked PNG, and an anonymous visitor verifies
that file on the verifier page.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import BrowserContext, Page, Route, expect

from insigne.core.baking import unbake
from insigne.web.awards.actions import award_badge
from insigne.web.awards.issuance import Recipient
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion
from tests.web.conftest import Cast

from .conftest import Site, link_in

LEA = "lea.moreau@apprenant.example"
PASSWORD = "un-mot-de-passe-assez-long-2025"
# 23:30 on 31 January in UTC is already 1 February in Paris: LinkedIn is told February.
AWARDED_AT = datetime(2025, 1, 31, 23, 30, tzinfo=UTC)
LINKEDIN_STUB = "<!doctype html><title>LinkedIn (stub)</title><h1>LinkedIn</h1>"


def offline(context: BrowserContext, linkedin: list[str]) -> list[str]:
    """Keep ``context`` on the test machine: LinkedIn answers a stub page (its addresses are
    recorded in ``linkedin``), anything else outside the live server is refused and
    recorded in the list returned."""
    refused: list[str] = []
    local = re.compile(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?/")

    def refuse(route: Route) -> None:
        refused.append(route.request.url)
        route.abort()

    def stub(route: Route) -> None:
        linkedin.append(route.request.url)
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=LINKEDIN_STUB)

    context.route(lambda url: not local.match(url), refuse)
    # Registered last, so tried first: LinkedIn gets its stub rather than a refusal.
    context.route("https://www.linkedin.com/**", stub)
    return refused


def expiring_badge(version: BadgeVersion) -> date:
    """Make ``version`` valid until a fixed day about two years ahead; that day."""
    until = date.today().replace(day=1) + timedelta(days=2 * 366)
    version.expiry = BadgeVersion.Expiry.DATE
    version.expiry_date = until
    version.save(update_fields=["expiry", "expiry_date"])
    return until


def sign_up_from_the_claim_page(page: Page, claim_link: str) -> None:
    page.goto(claim_link)
    main = page.get_by_role("main")
    expect(main).to_contain_text("Atelier de Lyon vous a délivré ce badge numérique ouvert.")
    main.get_by_role("link", name="Créer un compte").click()

    # The address the badge was sent to is already filled in.
    expect(page.get_by_label("Courriel")).to_have_value(LEA)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Vérifiez", re.I))

    confirmation = [m for m in mail.outbox if m.to == [LEA] and "/compte/" in str(m.body)]
    assert len(confirmation) == 1, [m.subject for m in mail.outbox if m.to == [LEA]]
    page.goto(link_in(str(confirmation[0].body), "/compte/"))
    page.get_by_role("main").get_by_role("button", name=re.compile("Confirmer")).click()


def make_public(page: Page) -> None:
    panel = page.get_by_role("region", name="Qui peut voir ce badge ?")
    expect(panel).to_contain_text("Privé.")
    linkedin = page.get_by_role("link", name=re.compile("Ajouter à mon profil LinkedIn"))
    expect(linkedin).to_have_count(0)  # nothing to share while the badge is private
    # Without the consent box ticked, nothing changes and the learner is told why.
    panel.get_by_role("button", name="Rendre ce badge public").click()
    expect(page.get_by_role("main")).to_contain_text(
        "Cochez la case pour confirmer que vous acceptez de rendre ce badge public."
    )
    panel = page.get_by_role("region", name="Qui peut voir ce badge ?")
    expect(panel).to_contain_text("Privé.")

    panel.get_by_role("checkbox", name=re.compile("^J'accepte que toute personne")).check()
    panel.get_by_role("button", name="Rendre ce badge public").click()
    panel = page.get_by_role("region", name="Qui peut voir ce badge ?")
    expect(panel).to_contain_text("Public.")
    expect(panel.get_by_role("button", name="Rendre ce badge privé")).to_be_visible()


def add_to_linkedin(page: Page, linkedin: list[str]) -> dict[str, list[str]]:
    """Follow "Ajouter à mon profil LinkedIn"; the query of the LinkedIn address reached."""
    sharing = page.get_by_role("region", name="Partager ce badge")
    link = sharing.get_by_role("link", name=re.compile("Ajouter à mon profil LinkedIn"))
    short = str(link.get_attribute("href"))
    assert re.search(r"/b/[0-9a-f-]{36}/linkedin$", short), short
    with page.context.expect_page() as opened:
        link.click()
    window = opened.value
    window.wait_for_load_state()
    expect(window.get_by_role("heading", name="LinkedIn")).to_be_visible()
    window.close()
    [reached] = linkedin
    parts = urlsplit(reached)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.linkedin.com", "/profile/add")
    return parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)


def download_png(page: Page, tmp_path: Path) -> Path:
    downloads = page.get_by_role("region", name="Télécharger le badge")
    with page.expect_download() as started:
        downloads.get_by_role("link", name=re.compile("Image PNG du badge")).click()
    path = tmp_path / started.value.suggested_filename
    started.value.save_as(path)
    return path


def test_a_learner_claims_signs_up_shares_on_linkedin_and_an_employer_verifies_the_png(
    site: Site, cast: Cast, grouped_badge: BadgeVersion, tmp_path: Path
) -> None:
    until = expiring_badge(grouped_badge)
    award = award_badge(
        grouped_badge,
        Recipient(
            email=LEA,
            name="Léa Moreau",
            levels={"Travailler en équipe": "Maîtrise"},
            awarded_at=AWARDED_AT,
        ),
        by=cast.awarder,
    )
    [award_mail] = [m for m in mail.outbox if m.to == [LEA]]
    context = site.context()
    linkedin: list[str] = []
    refused = offline(context, linkedin)
    page = context.new_page()

    sign_up_from_the_claim_page(page, link_in(str(award_mail.body), "/reclamer/"))
    # Confirming the address brings the learner back to the claim page, the badge now theirs.
    main = page.get_by_role("main")
    expect(main).to_contain_text("Ce badge est dans votre sac à badges.")
    main.get_by_role("link", name="Voir ce badge dans mon sac").click()
    expect(page).to_have_url(re.compile(rf"/sac/badges/{award.public_id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(grouped_badge.name)
    main = page.get_by_role("main")
    expect(main).to_contain_text(f"Valable jusqu'au {until.day} ")
    expect(main.locator(".verdict-headline").first).to_contain_text("Badge vérifié")

    make_public(page)
    query = add_to_linkedin(page, linkedin)
    public_page = f"{site.url}/b/{award.public_id}"
    assert query == {
        "startTask": ["CERTIFICATION_NAME"],
        "name": [grouped_badge.name],
        "organizationName": ["Atelier de Lyon"],
        "issueYear": ["2025"],
        "issueMonth": ["2"],
        "expirationYear": [str(until.year)],
        "expirationMonth": [str(until.month)],
        "certUrl": [public_page],
        "certId": [str(award.public_id)],
    }
    # The certificate address LinkedIn shows opens the badge's public page for anyone.
    visitor = site.page()
    response = visitor.goto(query["certUrl"][0])
    assert response is not None and response.status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(grouped_badge.name)

    baked = download_png(page, tmp_path)
    assert baked.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    kept = Award.objects.get(pk=award.pk)
    assert unbake(baked.read_bytes()).payload == kept.credential

    visitor.goto("/verifier")
    visitor.get_by_label("Fichier du badge").set_input_files(baked)
    visitor.get_by_role("button", name="Vérifier", exact=True).click()
    result = visitor.get_by_role("region", name="Résultat de la vérification")
    expect(result.locator(".verdict-headline")).to_have_text(re.compile(r"Badge vérifié\.$"))
    expect(result).to_contain_text(grouped_badge.name)
    expect(result).to_contain_text("Atelier de Lyon")
    assert refused == [], f"the browser tried to leave the test machine: {refused}"


def test_linkedin_is_given_the_issuer_s_linkedin_page_when_it_has_one(
    site: Site, cast: Cast, grouped_badge: BadgeVersion
) -> None:
    cast.organisation.linkedin_organization_id = "10429715"
    cast.organisation.save(update_fields=["linkedin_organization_id"])
    award = award_badge(
        grouped_badge,
        Recipient(email=cast.learner.email, name="Camille Roux", awarded_at=AWARDED_AT),
        by=cast.awarder,
    )
    Award.objects.filter(pk=award.pk).update(public=True)
    page = site.page()

    # The short address on our domain answers a redirect; the browser does not follow it.
    answer = page.request.get(f"/b/{award.public_id}/linkedin", max_redirects=0)
    assert answer.status == 302
    parts = urlsplit(answer.headers["location"])
    assert (parts.netloc, parts.path) == ("www.linkedin.com", "/profile/add")
    query = parse_qs(parts.query, strict_parsing=True)
    assert query["organizationId"] == ["10429715"]
    assert "organizationName" not in query
    # A badge without an end of validity gives LinkedIn none.
    assert "expirationYear" not in query and "expirationMonth" not in query
    assert query["issueYear"] == ["2025"] and query["issueMonth"] == ["2"]


def test_a_learner_with_an_account_keeps_a_badge_sent_to_another_address(
    site: Site, cast: Cast, grouped_badge: BadgeVersion
) -> None:
    work_address = "camille.roux@entreprise.example"
    award = award_badge(
        grouped_badge, Recipient(email=work_address, name="Camille Roux"), by=cast.awarder
    )
    [award_mail] = [m for m in mail.outbox if m.to == [work_address]]
    page = site.page()
    page.goto(link_in(str(award_mail.body), "/reclamer/"))
    page.get_by_role("main").get_by_role("link", name="J'ai déjà un compte").click()
    page.get_by_label("Courriel").fill(cast.learner.email)
    page.get_by_label("Mot de passe").fill("mot-de-passe-solide-42")
    page.get_by_role("main").get_by_role("button", name="Connexion").click()

    # Back on the claim page: the badge was sent to an address the account does not have yet.
    main = page.get_by_role("main")
    expect(main).to_contain_text(
        f"L'adresse {work_address}, à laquelle ce badge a été envoyé, sera ajoutée à votre compte"
    )
    main.get_by_role("button", name="Garder ce badge").click()
    expect(page).to_have_url(re.compile(rf"/sac/badges/{award.public_id}$"))
    expect(page.get_by_role("status")).to_contain_text(
        f"Le badge « {grouped_badge.name} » est dans votre sac à badges."
    )
    expect(page.get_by_role("region", name="Qui peut voir ce badge ?")).to_contain_text("Privé.")
    page.get_by_role("link", name="Mon sac à badges").first.click()
    expect(page.get_by_role("main").get_by_role("link", name=grouped_badge.name)).to_be_visible()
    assert Award.objects.get(pk=award.pk).learner_id == cast.learner.pk
    # Opening the claim link proved the address: it joins the account, verified.
    assert EmailAddress.objects.filter(
        user=cast.learner, email=work_address, verified=True
    ).exists()
