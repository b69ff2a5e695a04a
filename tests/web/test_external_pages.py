"""The pages of imported badges: adding one, the holder's page with its verdict checked again,
the original file, and the choice of a public page. Only the holder sees their imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from insigne.web.awards.actions import change_state
from insigne.web.badges.models import BadgeVersion
from insigne.web.external import fetching
from insigne.web.external.actions import MAX_FILE_BYTES, import_badge
from insigne.web.external.models import ExternalBadge
from insigne.web.external.queries import HEAVY, held_by
from insigne.web.public.fetching import own_document
from insigne.web.public.safe_fetch import GuardedFetcher

from .conftest import Cast
from .images import PNG_64
from .test_external_support import (  # noqa: F401
    ADD,
    STATUS_LIST,
    Outside,
    dcc,
    insigne_png,
    ob30,
    outside_fixture,
    post_file,
    text_of,
    vector,
)
from .test_public_support import (  # noqa: F401
    CAMILLE,
    LocalServer,
    Route,
    award_for,
    local_server_fixture,
)

pytestmark = pytest.mark.django_db


def page(badge: ExternalBadge, suffix: str = "") -> str:
    return f"/sac/externes/{badge.public_id}{suffix}"


def public_page(badge: ExternalBadge) -> str:
    return f"/sac/externes/p/{badge.public_id}"


@pytest.fixture
def imported(cast: Cast, vectors: Path, outside: Outside) -> ExternalBadge:
    """A 1EdTech badge in the learner's backpack."""
    return import_badge(cast.learner, ob30(vectors, "simple.json"), name="simple.json").badge


# Adding a badge


def test_adding_a_badge_needs_an_account(cast: Cast) -> None:
    response = Client().get(ADD)
    assert response.status_code == 302
    assert "/compte/" in response["Location"]


def test_the_add_form_takes_a_file_or_an_address(cast: Cast) -> None:
    response = cast.client(cast.learner).get(ADD)
    assert response.status_code == 200
    html = text_of(response)
    assert 'enctype="multipart/form-data"' in html
    assert 'name="file"' in html and 'name="url"' in html
    assert '<label for="id_file">' in html and '<label for="id_url">' in html
    assert 'aria-describedby="id_file_helptext"' in html
    assert "10\u00a0Mo au plus" in html


def test_an_added_badge_opens_on_its_page_with_its_verdict(
    cast: Cast, grouped_badge: BadgeVersion, outside: Outside
) -> None:
    _award, png = insigne_png(cast, grouped_badge)
    response = post_file(cast.client(cast.learner), png)
    badge = ExternalBadge.objects.get(owner=cast.learner)
    assert response.status_code == 302 and response["Location"] == page(badge)
    html = text_of(cast.client(cast.learner).get(page(badge)))
    assert "Compétences relationnelles" in html and "Atelier de Lyon" in html
    assert '<div class="verdict pass">' in html
    assert "Travailler en équipe" in html  # the competences the credential recognises
    assert f"Délivré à votre adresse {CAMILLE}" in html
    assert "aucune adresse donnée" not in html  # the engine's unchecked recipient line


def test_the_holder_is_told_whether_the_import_verified(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    client = cast.client(cast.learner)
    response = client.post(
        ADD,
        {"file": SimpleUploadedFile("faux.json", ob30(vectors, "simple-err-proof-value.json"))},
        follow=True,
    )
    html = text_of(response)
    assert "Badge ajouté à votre sac." in html
    assert "sa vérification a échoué" in html
    assert '<div class="verdict fail">' in html
    assert "La signature ne correspond pas" in html  # what the failure means


def test_adding_the_same_badge_again_says_it_replaced_the_first(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    client = cast.client(cast.learner)
    post_file(client, ob30(vectors, "simple.json"), "simple.json")
    response = client.post(
        ADD, {"file": SimpleUploadedFile("b.png", ob30(vectors, "simple-json.png"))}, follow=True
    )
    assert "il a été remplacé par celui-ci" in text_of(response)
    assert ExternalBadge.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (PNG_64, "ne contient aucun badge"),
        (b"eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2V4YW1wbGUub3Jn", "pas un badge reconnu"),
        (b'{"nom": "pas un badge"}', "pas un badge"),
    ],
)
def test_what_is_not_a_badge_is_explained_on_the_form_and_nothing_is_stored(
    cast: Cast, outside: Outside, content: bytes, reason: str
) -> None:
    response = post_file(cast.client(cast.learner), content, "fichier.png")
    assert response.status_code == 400
    html = text_of(response)
    assert 'role="alert"' in html
    assert "Ce badge n'a pas été ajouté" in html
    assert reason in html
    assert "Rien n'a été enregistré." in html
    assert not ExternalBadge.objects.exists()


def test_a_50_mb_upload_gets_the_message_not_an_error_page(cast: Cast, outside: Outside) -> None:
    big = SimpleUploadedFile("enorme.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (50 * 1024 * 1024))
    response = cast.client(cast.learner).post(ADD, {"file": big})
    assert response.status_code == 413
    html = text_of(response)
    assert "trop volumineux" in html and "10\u00a0Mo" in html
    assert 'name="file"' in html  # the form, to try again
    assert not ExternalBadge.objects.exists()


def test_a_file_just_over_the_limit_is_refused_by_the_form(cast: Cast, outside: Outside) -> None:
    big = SimpleUploadedFile("b.json", b"{" + b" " * MAX_FILE_BYTES + b"}")
    response = cast.client(cast.learner).post(ADD, {"file": big})
    assert response.status_code == 400
    assert "trop volumineux" in text_of(response)
    assert not ExternalBadge.objects.exists()


def test_nothing_given_or_both_given_are_explained(cast: Cast, outside: Outside) -> None:
    client = cast.client(cast.learner)
    empty = client.post(ADD, {})
    assert empty.status_code == 400
    assert "Choisissez le fichier du badge" in text_of(empty)
    both = client.post(
        ADD, {"file": SimpleUploadedFile("b.png", PNG_64), "url": "https://example.org/b"}
    )
    assert both.status_code == 400
    assert "un seul badge à la fois" in text_of(both)


def test_the_add_form_is_protected_against_cross_site_posts(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.learner)
    assert client.post(ADD, {"url": "https://example.org/b"}).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/badge.json",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/badge.json",
        "http://localhost/badge.json",
    ],
)
def test_an_address_on_a_private_network_is_refused(cast: Cast, url: str) -> None:
    response = cast.client(cast.learner).post(ADD, {"url": url})
    assert response.status_code == 400
    assert "réseau privé ou local" in text_of(response)
    assert not ExternalBadge.objects.exists()


def test_the_local_server_is_never_asked_by_the_real_fetcher(
    cast: Cast, grouped_badge: BadgeVersion, local_server: LocalServer
) -> None:
    award = award_for(cast, grouped_badge)
    local_server.routes["/badge.json"] = Route(body=award.credential.encode())
    response = cast.client(cast.learner).post(ADD, {"url": f"{local_server.base}/badge.json"})
    assert "réseau privé ou local" in text_of(response)
    assert local_server.hosts == []
    assert not ExternalBadge.objects.exists()


@pytest.fixture
def local_fetcher(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guarded fetcher, with the local test server's address let through."""

    def fetcher(budget: float) -> GuardedFetcher:
        return GuardedFetcher(allowed=("127.0.0.1",), internal=own_document, timeout=2)

    monkeypatch.setattr(fetching, "outside_fetcher", fetcher)


def test_a_badge_at_an_outside_address_is_added(
    cast: Cast, grouped_badge: BadgeVersion, local_server: LocalServer, local_fetcher: None
) -> None:
    award = award_for(cast, grouped_badge)
    local_server.routes["/badges/camille.json"] = Route(
        body=award.credential.encode(), headers={"Content-Type": "application/ld+json"}
    )
    url = f"{local_server.base}/badges/camille.json"
    response = cast.client(cast.learner).post(ADD, {"url": url})
    badge = ExternalBadge.objects.get()
    assert response.status_code == 302
    assert (badge.source, badge.source_url, badge.original_name) == ("url", url, "camille.json")
    assert bytes(badge.original) == award.credential.encode()
    assert badge.verified


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(status=404), "a répondu par une erreur (HTTP 404)"),
        (Route(status=410), "le badge a été retiré (410 Gone)"),
        (Route(body=b"<html></html>", headers={"Content-Type": "text/html"}), "page web"),
    ],
)
def test_an_outside_address_without_a_badge_is_explained(
    cast: Cast, local_server: LocalServer, local_fetcher: None, route: Route, message: str
) -> None:
    local_server.routes["/b"] = route
    response = cast.client(cast.learner).post(ADD, {"url": f"{local_server.base}/b"})
    assert response.status_code == 400
    assert message in text_of(response)
    assert not ExternalBadge.objects.exists()


# The holder's page


@pytest.mark.parametrize("suffix", ["", "/original", "/image.png", "/supprimer"])
def test_nobody_but_the_holder_sees_an_import(
    cast: Cast, imported: ExternalBadge, suffix: str
) -> None:
    for user in (cast.outsider, cast.owner):
        assert cast.client(user).get(page(imported, suffix)).status_code == 404


@pytest.mark.parametrize("suffix", ["/publier", "/rendre-prive", "/supprimer"])
def test_nobody_but_the_holder_changes_an_import(
    cast: Cast, imported: ExternalBadge, suffix: str
) -> None:
    response = cast.client(cast.outsider).post(page(imported, suffix), {"consent": "on"})
    assert response.status_code == 404
    assert ExternalBadge.objects.get(pk=imported.pk).public is False


def test_a_visitor_without_an_account_is_sent_to_log_in(imported: ExternalBadge) -> None:
    response = Client().get(page(imported))
    assert response.status_code == 302 and "/compte/" in response["Location"]


def test_the_original_is_downloaded_byte_for_byte(
    cast: Cast, vectors: Path, imported: ExternalBadge
) -> None:
    response = cast.client(cast.learner).get(page(imported, "/original"))
    assert response.status_code == 200
    assert response.content == ob30(vectors, "simple.json")
    assert response["Content-Type"] == "application/vc+ld+json"
    assert response["Content-Disposition"] == 'attachment; filename="simple.json"'
    assert response["Cache-Control"] == "private, no-store"


def test_the_page_says_what_the_import_is_and_where_it_comes_from(
    cast: Cast, imported: ExternalBadge
) -> None:
    html = text_of(cast.client(cast.learner).get(page(imported)))
    assert '<h1 id="badge-name">Teamwork</h1>' in html
    assert "Example Corp" in html and "Open Badges 3.0" in html
    assert "Badge importé · délivré sur une autre plateforme" in html
    assert "Ce badge ne désigne aucune de vos adresses vérifiées" in html
    assert "badge-placeholder" in html  # a JSON badge with no picture of its own
    assert "Télécharger le fichier d'origine" in html


def test_a_revocation_after_the_import_shows_on_the_next_view(
    cast: Cast, grouped_badge: BadgeVersion, outside: Outside
) -> None:
    award, png = insigne_png(cast, grouped_badge)
    badge = import_badge(cast.learner, png).badge
    assert badge.outcome == "pass"
    change_state([award], "revoked", "Fraude constatée")
    html = text_of(cast.client(cast.learner).get(page(badge)))
    assert "Badge révoqué par son émetteur." in html
    badge.refresh_from_db()
    assert (badge.outcome, badge.verified) == ("revoked", False)


def test_a_revocation_on_another_platform_shows_once_its_list_is_reachable(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    data = ob30(vectors, "bit-string-list/credential-status-revoked.json")
    badge = import_badge(cast.learner, data).badge
    assert badge.outcome == "warning"  # the status list was out of reach
    outside.documents[STATUS_LIST] = ob30(vectors, "bit-string-list/testlist")
    html = text_of(cast.client(cast.learner).get(page(badge)))
    assert "Badge révoqué par son émetteur." in html
    badge.refresh_from_db()
    assert badge.outcome == "revoked"


def test_the_address_of_a_public_insigne_badge_is_read_without_the_network(
    cast: Cast, grouped_badge: BadgeVersion, outside: Outside
) -> None:
    award = award_for(cast, grouped_badge, public=True)
    url = f"https://insigne.test/b/{award.public_id}"
    response = cast.client(cast.learner).post(ADD, {"url": url})
    assert response.status_code == 302
    badge = ExternalBadge.objects.get()
    assert (badge.source_url, badge.outcome) == (url, "pass")
    assert outside.asked == []


def test_an_unreachable_issuer_shows_the_last_complete_verdict_with_its_date(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    outside.serve_ob2_assets(vectors)
    data = vector(vectors, "1edtech-validator/ob20/simple-badge.png")
    badge = import_badge(cast.learner, data).badge
    assert badge.verified and badge.report["complete"]
    stored = dict(badge.report)
    outside.online = False
    cache.clear()
    html = text_of(cast.client(cast.learner).get(page(badge)))
    assert "n'a pas pu être joint" in html
    assert "dernière vérification complète" in html
    assert f'<div class="verdict {badge.outcome}">' in html  # the stored verdict
    assert "Awesome Robotics Badge" in html
    badge.refresh_from_db()
    assert badge.report == stored


def test_a_reachable_issuer_gets_the_verdict_checked_again(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    outside.serve_ob2_assets(vectors)
    badge = import_badge(cast.learner, vector(vectors, "1edtech-validator/ob20/simple-badge.png"))
    outside.asked.clear()
    cache.clear()
    html = text_of(cast.client(cast.learner).get(page(badge.badge)))
    assert "https://example.org/beths-robotics-badge.json" in outside.asked
    assert "Insigne vient de vérifier ce badge" in html


def test_a_burst_of_views_checks_once(
    cast: Cast, imported: ExternalBadge, outside: Outside
) -> None:
    client = cast.client(cast.learner)
    outside.asked.clear()
    client.get(page(imported))
    asked = len(outside.asked)
    assert asked > 0  # the issuer's key is looked for again
    client.get(page(imported))
    Client().get(page(imported))
    assert len(outside.asked) == asked


def test_the_page_speaks_english(cast: Cast, imported: ExternalBadge) -> None:
    response = cast.client(cast.learner).get(page(imported), HTTP_ACCEPT_LANGUAGE="en")
    html = text_of(response)
    assert "Who can see this badge?" in html
    assert "Badge verified, with warnings." in html
    assert "Download the original file" in html


# Public or private


def test_an_import_is_private_until_the_holder_agrees_to_publish_it(
    cast: Cast, imported: ExternalBadge
) -> None:
    assert Client().get(public_page(imported)).status_code == 404
    client = cast.client(cast.learner)
    refused = client.post(page(imported, "/publier"), {})
    assert refused.status_code == 400
    assert "Cochez la case" in text_of(refused)
    assert Client().get(public_page(imported)).status_code == 404
    client.post(page(imported, "/publier"), {"consent": "on"})
    assert ExternalBadge.objects.get(pk=imported.pk).public


def test_the_public_page_says_who_issued_it_and_who_imported_it(
    cast: Cast, imported: ExternalBadge
) -> None:
    cast.client(cast.learner).post(page(imported, "/publier"), {"consent": "on"})
    response = Client().get(public_page(imported))
    assert response.status_code == 200
    html = text_of(response)
    assert "délivré par Example Corp sur une autre plateforme" in html
    assert "Insigne n'en est pas l'émetteur" in html
    assert "Le badge ne désigne pas le compte qui l'a ajouté" in html
    assert '<div class="verdict warning">' in html
    assert CAMILLE not in html
    assert response["X-Robots-Tag"] == "noindex"


def test_the_public_page_of_a_badge_issued_to_the_holder_names_them(
    cast: Cast, grouped_badge: BadgeVersion, outside: Outside
) -> None:
    _award, png = insigne_png(cast, grouped_badge)
    badge = import_badge(cast.learner, png).badge
    cast.client(cast.learner).post(page(badge, "/publier"), {"consent": "on"})
    html = text_of(Client().get(public_page(badge)))
    assert "Délivré à une adresse vérifiée de Camille Roux" in html
    assert CAMILLE not in html
    assert Client().get(page(badge, "/image.png")).status_code == 200


def test_making_it_private_again_removes_the_public_page(
    cast: Cast, imported: ExternalBadge
) -> None:
    client = cast.client(cast.learner)
    client.post(page(imported, "/publier"), {"consent": "on"})
    assert Client().get(public_page(imported)).status_code == 200
    client.post(page(imported, "/rendre-prive"))
    assert Client().get(public_page(imported)).status_code == 404


def test_the_picture_of_a_private_import_is_the_holders_only(
    cast: Cast, grouped_badge: BadgeVersion, outside: Outside
) -> None:
    _award, png = insigne_png(cast, grouped_badge)
    badge = import_badge(cast.learner, png).badge
    response = cast.client(cast.learner).get(page(badge, "/image.png"))
    assert response.status_code == 200 and response.content.startswith(b"\x89PNG")
    assert response["Cache-Control"] == "private, no-store"
    assert Client().get(page(badge, "/image.png")).status_code == 404


# Deleting


def test_deleting_asks_for_confirmation_then_removes_the_badge(
    cast: Cast, imported: ExternalBadge
) -> None:
    client = cast.client(cast.learner)
    confirm = client.get(page(imported, "/supprimer"))
    assert confirm.status_code == 200
    assert "Retirer définitivement" in text_of(confirm)
    assert ExternalBadge.objects.exists()
    response = client.post(page(imported, "/supprimer"))
    assert response.status_code == 302 and response["Location"] == "/sac/"
    assert not ExternalBadge.objects.exists()


# What the backpack lists


def test_the_backpack_list_is_one_query_without_the_heavy_columns(
    cast: Cast, vectors: Path, outside: Outside, django_assert_num_queries: Any
) -> None:
    did_key = "dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json"
    import_badge(cast.learner, ob30(vectors, "simple.json"))
    import_badge(cast.learner, dcc(vectors, did_key))
    import_badge(cast.outsider, ob30(vectors, "simple.json"))
    with django_assert_num_queries(1):
        listed = list(held_by(cast.learner))
    assert len(listed) == 2
    assert all(set(HEAVY) <= badge.get_deferred_fields() for badge in listed)
    assert {badge.outcome for badge in listed} == {"warning", "pass"}
    assert not any(badge.has_picture for badge in listed)  # type: ignore[attr-defined]


def test_the_holders_page_costs_a_fixed_number_of_queries(
    cast: Cast, imported: ExternalBadge, django_assert_num_queries: Any
) -> None:
    client = cast.client(cast.learner)
    # session, user, the badge, the holder's addresses, the new verdict kept
    with django_assert_num_queries(5):
        client.get(page(imported))
    with django_assert_num_queries(4):  # within the minute: the verdict is not checked again
        client.get(page(imported))
