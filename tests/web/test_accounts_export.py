"""Taking one's data away in one click: a zip with every badge signed and baked, the imported
badges as received, a spreadsheet summary and the whole account in JSON."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from insigne.core.verify import verify
from insigne.web.awards.models import Award, EvidenceFile
from insigne.web.backpack.models import Collection
from insigne.web.badges.models import BadgeVersion
from insigne.web.claims.models import BadgeRequest
from insigne.web.public.fetching import platform_fetcher

from .conftest import Cast, make_badge
from .test_accounts_support import add_holder_material, imported_badge
from .test_public_support import CAMILLE, award_for

pytestmark = pytest.mark.django_db


def archive(client: Client) -> zipfile.ZipFile:
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="insigne-mes-donnees-')
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[arg-type]


def one(names: list[str], suffix: str) -> str:
    [found] = [n for n in names if n.endswith(suffix)]
    return found


def test_each_badge_is_in_the_archive_signed_and_baked_and_both_verify(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, linked=True, with_jwt=True)
    zipped = archive(cast.client(cast.learner))
    names = zipped.namelist()
    signed = zipped.read(one([n for n in names if n.startswith("badges-insigne/")], ".json"))
    assert signed == award.credential.encode("utf-8")
    for name in (".json", ".png", ".jwt"):
        data = zipped.read(one([n for n in names if n.startswith("badges-insigne/")], name))
        email = None if name == ".jwt" else CAMILLE
        result = verify(data, email=email, fetcher=platform_fetcher())
        assert result.verified, (name, [(c.name, c.detail) for c in result.failures()])
    assert zipped.read(one(names, ".png")).startswith(b"\x89PNG")


def test_the_archive_explains_itself_in_french(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award_for(cast, grouped_badge, linked=True)
    readme = archive(cast.client(cast.learner)).read("README.txt").decode("utf-8")
    for part in ("badges.csv", "compte.json", "badges-insigne/", "badges-importes/"):
        assert part in readme
    assert "Vos données Insigne" in readme
    assert reverse("public:verifier") in readme
    assert "&#x27;" not in readme and "&quot;" not in readme  # plain text, not HTML


def test_the_summary_opens_in_french_excel(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award_for(cast, grouped_badge, linked=True, public=True)
    imported_badge(cast.learner, name="=HYPERLIEN(1)", source_url="https://ailleurs.example/b/1")
    raw = archive(cast.client(cast.learner)).read("badges.csv")
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for Excel
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][:8] == [
        "nom",
        "émetteur",
        "date",
        "expiration",
        "état",
        "public",
        "adresse de la page",
        "origine",
    ]
    mine, imported = lines[1], lines[2]
    assert mine[:2] == ["Compétences relationnelles", "Atelier de Lyon"]
    assert (mine[4], mine[5], mine[7]) == ("valide", "oui", "Insigne")
    assert mine[6].startswith("https://insigne.test/b/")
    assert imported[0] == "'=HYPERLIEN(1)"  # never run as a formula
    assert (imported[4], imported[7]) == ("non vérifié", "importé (fichier)")


def test_imported_badges_are_in_the_archive_exactly_as_received(cast: Cast) -> None:
    badge = imported_badge(cast.learner, original=b"\x89PNG original bytes", original_name="x.png")
    zipped = archive(cast.client(cast.learner))
    name = one([n for n in zipped.namelist() if n.startswith("badges-importes/")], ".png")
    assert zipped.read(name) == bytes(badge.original)


def test_evidence_files_come_along_with_safe_names(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    EvidenceFile.objects.create(
        award=award, name="../../etc/passwd", content_type="text/plain", data=b"preuve"
    )
    EvidenceFile.objects.create(award=award, name="..", content_type="text/plain", data=b"2")
    add_holder_material(award)
    names = archive(cast.client(cast.learner)).namelist()
    assert all(part not in ("", ".", "..") for name in names for part in name.split("/"))
    assert any(n.endswith("/preuves-emetteur/etc_passwd") for n in names)
    assert any(n.endswith("/preuves-emetteur/fichier") for n in names)
    assert any(n.endswith("/preuves-ajoutees/chantier.jpg") for n in names)


def test_the_account_document_holds_the_whole_account(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    add_holder_material(award)
    imported = imported_badge(cast.learner)
    collection = Collection.objects.create(owner=cast.learner, name="Pour mon CV", public=True)
    collection.awards.add(award)
    collection.external_badges.add(imported)
    document = json.loads(archive(cast.client(cast.learner)).read("compte.json"))
    assert document["account"]["email"] == CAMILLE
    assert document["account"]["first_name"] == "Camille"
    assert document["addresses"] == [{"email": CAMILLE, "verified": True, "primary": True}]
    [badge] = document["badges"]
    assert badge["id"] == str(award.public_id)
    assert badge["levels"] == {"Travailler en équipe": "Application", "Communiquer": "Maîtrise"}
    assert badge["narrative"] == "Projet mené avec rigueur."
    assert badge["reflection"] == "J'ai appris à écouter l'équipe."
    assert [e["title"] for e in badge["holder_evidence"]] == [
        "Mon carnet de bord",
        "Photo du chantier",
    ]
    assert badge["credential"] == json.loads(award.credential)
    [kept] = document["imported_badges"]
    assert (kept["name"], kept["issuer"]["name"]) == (
        "Sauveteur secouriste du travail",
        "Croix-Blanche",
    )
    [mine] = document["collections"]
    assert mine["badges"] == [str(award.public_id)]
    assert mine["imported_badges"] == [str(imported.public_id)]
    assert document["badge_requests"] == []


def test_the_account_document_alone_is_one_click_too(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award_for(cast, grouped_badge, linked=True)
    response = cast.client(cast.learner).get(reverse("accounts:export-json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["badges"][0]["badge"] == "Compétences relationnelles"


def test_badges_waiting_at_a_verified_address_are_exported_and_others_are_not(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award_for(cast, grouped_badge)  # sent to the learner's address, not kept yet
    someone_else = award_for(
        cast, make_badge(cast.organisation, name="Autonomie"), email="ana@example.org"
    )
    document = json.loads(cast.client(cast.learner).get(reverse("accounts:export-json")).content)
    assert [b["badge"] for b in document["badges"]] == ["Compétences relationnelles"]
    assert str(someone_else.public_id) not in json.dumps(document)
    editor = json.loads(cast.client(cast.editor).get(reverse("accounts:export-json")).content)
    assert editor["badges"] == []
    assert editor["organisations"] == [
        {"name": "Atelier de Lyon", "role": "editor", "since": editor["organisations"][0]["since"]}
    ]


def test_the_export_needs_a_signed_in_person(cast: Cast) -> None:
    for name in ("accounts:export", "accounts:export-json"):
        response = Client().get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_the_account_page_offers_the_export_and_the_deletion(cast: Cast) -> None:
    page = cast.client(cast.learner).get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:export") in page
    assert reverse("accounts:export-json") in page
    assert reverse("accounts:delete") in page
    assert reverse("backpack:index") in page


def test_an_erased_award_is_never_exported(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = award_for(cast, grouped_badge, linked=True)
    Award.objects.filter(pk=award.pk).update(erased_at=award.awarded_at)
    names = archive(cast.client(cast.learner)).namelist()
    assert not [n for n in names if n.startswith("badges-insigne/")]


def test_badge_requests_of_the_person_are_exported_with_their_files_and_no_one_elses(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    BadgeRequest.objects.create(
        badge=grouped_badge.badge,
        email=CAMILLE,
        name="Camille Roux",
        user=cast.learner,
        message="J'ai participé à tout le projet.",
        evidence_file_name="attestation.pdf",
        evidence_content_type="application/pdf",
        evidence_data=b"%PDF attestation",
    )
    BadgeRequest.objects.create(
        badge=grouped_badge.badge,
        email="ana@example.org",
        name="Ana Lopez",
        state=BadgeRequest.State.DECLINED,
        decided_by=cast.learner,  # decided by the person, as someone else's request
        decided_at=timezone.now(),
    )
    zipped = archive(cast.client(cast.learner))
    [request] = json.loads(zipped.read("compte.json"))["badge_requests"]
    assert (request["badge"], request["message"]) == (
        "Compétences relationnelles",
        "J'ai participé à tout le projet.",
    )
    assert zipped.read("demandes-de-badges/attestation.pdf") == b"%PDF attestation"
    assert "ana@example.org" not in zipped.read("compte.json").decode()
