"""The read-only CASE 1.0 service: shapes of the REST binding, CORS, JSON 404s."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from insigne.web.frameworks import uris
from insigne.web.frameworks.models import Association, Framework

from .conftest import Cast
from .test_frameworks_support import house_framework, item

pytestmark = pytest.mark.django_db
BASE = "/ims/case/v1p0"


def get(path: str) -> tuple[int, dict[str, object], dict[str, str]]:
    response = Client().get(path)
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.status_code, response.json(), dict(response.headers)


def test_documents_lists_every_framework_with_its_package_link(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    status, body, headers = get(f"{BASE}/CFDocuments")
    assert status == 200
    documents = body["CFDocuments"]
    assert isinstance(documents, list)
    assert headers["X-Total-Count"] == "4"  # three shipped and the house framework
    ours = next(d for d in documents if d["identifier"] == str(framework.identifier))
    assert ours["uri"] == f"https://insigne.test{BASE}/CFDocuments/{framework.identifier}"
    assert ours["CFPackageURI"]["uri"] == uris.package_uri(framework.identifier)
    assert ours["title"] == "Compétences du CFA"
    assert ours["adoptionStatus"] == "Draft"
    assert ours["lastChangeDateTime"].endswith("+00:00")


def test_documents_pages_with_limit_and_offset_and_refuses_bad_numbers(cast: Cast) -> None:
    status, body, _headers = get(f"{BASE}/CFDocuments?limit=2&offset=1")
    assert status == 200 and len(body["CFDocuments"]) == 2  # type: ignore[arg-type]
    status, body, _headers = get(f"{BASE}/CFDocuments?limit=deux")
    assert status == 400 and body["imsx_codeMajor"] == "failure"


def test_an_item_has_its_document_link_and_a_stable_uri(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    accueil = item(framework, "REL-1")
    status, body, _headers = get(f"{BASE}/CFItems/{accueil.identifier}")
    assert status == 200
    assert body["uri"] == uris.item_uri(accueil.identifier)
    assert body["fullStatement"] == "Accueillir un client"
    assert body["humanCodingScheme"] == "REL-1"
    assert body["CFDocumentURI"]["identifier"] == str(framework.identifier)  # type: ignore[index]


def test_item_associations_give_the_place_in_the_tree_and_the_children(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    relation = item(framework, "REL")
    status, body, _headers = get(f"{BASE}/CFItemAssociations/{relation.identifier}")
    assert status == 200
    assert body["CFItem"]["identifier"] == str(relation.identifier)  # type: ignore[index]
    links = body["CFAssociations"]
    assert isinstance(links, list)
    up = links[0]
    assert up["associationType"] == "isChildOf"
    assert up["originNodeURI"]["identifier"] == str(relation.identifier)
    assert up["destinationNodeURI"]["identifier"] == str(framework.identifier)  # a top item
    children = {link["originNodeURI"]["title"] for link in links[1:]}
    assert children == {"Accueillir un client", "Gérer une réclamation"}
    one = links[1]
    status, alone, _headers = get(f"{BASE}/CFAssociations/{one['identifier']}")
    assert status == 200 and alone == one


def test_a_package_holds_document_items_tree_and_rubric(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    with CaptureQueriesContext(connection) as queries:
        status, body, _headers = get(f"{BASE}/CFPackages/{framework.identifier}")
    assert status == 200
    assert len(queries) <= 5
    assert set(body) == {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics"}
    assert [i["humanCodingScheme"] for i in body["CFItems"]] == ["REL", "REL-1", "REL-2", "ORG"]  # type: ignore[index]
    [rubric] = body["CFRubrics"]  # type: ignore[misc]
    [criterion] = rubric["CFRubricCriteria"]
    assert [level["quality"] for level in criterion["CFRubricCriterionLevels"]] == [
        "Découverte",
        "Application",
        "Maîtrise",
    ]
    status, served, _headers = get(f"{BASE}/CFRubrics/{rubric['identifier']}")
    assert status == 200 and served == rubric


def test_a_shipped_package_names_its_licence(cast: Cast) -> None:
    rectec = Framework.objects.get(organisation=None, title__startswith="RECTEC")
    status, body, _headers = get(f"{BASE}/CFPackages/{rectec.identifier}")
    [licence] = body["CFDefinitions"]["CFLicenses"]  # type: ignore[index]
    assert body["CFDocument"]["licenseURI"]["identifier"] == licence["identifier"]  # type: ignore[index]
    assert "attribution" in licence["title"]
    status, served, _headers = get(f"{BASE}/CFLicenses/{licence['identifier']}")
    assert status == 200 and served["licenseText"] == licence["licenseText"]


@pytest.mark.parametrize(
    "path",
    [
        "CFDocuments/{id}",
        "CFPackages/{id}",
        "CFItems/{id}",
        "CFItemAssociations/{id}",
        "CFAssociations/{id}",
        "CFRubrics/{id}",
        "CFLicenses/{id}",
    ],
)
def test_an_unknown_identifier_answers_a_json_404(cast: Cast, path: str) -> None:
    status, body, _headers = get(f"{BASE}/{path.format(id=uuid.uuid4())}")
    assert status == 404
    assert body["imsx_codeMajor"] == "failure"
    assert body["imsx_description"] == "Unknown Object"
    status, body, _headers = get(f"{BASE}/{path.format(id='pas-un-uuid')}")
    assert status == 404 and body["imsx_description"] == "Invalid UUID"


def test_an_unknown_endpoint_answers_a_json_404() -> None:
    status, body, _headers = get(f"{BASE}/CFConcepts/{uuid.uuid4()}")
    assert status == 404 and body["imsx_codeMajor"] == "failure"


def test_the_service_is_read_only(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    response = Client().post(f"{BASE}/CFDocuments/{framework.identifier}", {})
    assert response.status_code == 405
    assert Association.objects.count() == 0


def test_a_browser_following_a_badge_link_gets_a_page_about_the_item(cast: Cast) -> None:
    framework = house_framework(cast.organisation)
    accueil = item(framework, "REL-1")
    path = f"{BASE}/CFItems/{accueil.identifier}"
    browser = Client(headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    response = browser.get(path)
    page = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "Accept" in response["Vary"].split(", ")
    assert '<h1 lang="fr">Accueillir un client</h1>' in page
    assert ">Relation</a>" in page  # its parent, in the breadcrumb
    assert "<li>Découverte</li>" in page  # the framework's scale
    assert browser.get(path, {"format": "json"}).json()["humanCodingScheme"] == "REL-1"
    assert Client().get(path).json()["humanCodingScheme"] == "REL-1"  # */* means JSON
