"""Shared pieces of the frameworks tests (no tests here): sample files, a house framework."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from insigne.web.frameworks import actions
from insigne.web.frameworks.models import Framework, Item
from insigne.web.issuers.models import Organisation

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "insigne" / "web" / "frameworks" / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def upload(name: str, content: bytes) -> actions.Upload:
    return actions.Upload(name, io.BytesIO(content))


def uploaded(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def house_framework(organisation: Organisation) -> Framework:
    """ "Compétences du CFA": two domains, three items, a scale of three levels."""
    framework = actions.create_framework(
        organisation,
        None,
        title="Compétences du CFA",
        description="Le référentiel maison de l'atelier.",
        levels=[("Découverte", "Avec aide"), ("Application", ""), ("Maîtrise", "Seul")],
    )
    relation = actions.add_item(framework, statement="Relation", code="REL")
    actions.add_item(framework, statement="Accueillir un client", code="REL-1", parent=relation)
    actions.add_item(framework, statement="Gérer une réclamation", code="REL-2", parent=relation)
    actions.add_item(framework, statement="Organisation", code="ORG")
    return framework


def item(framework: Framework, code: str) -> Item:
    return framework.items.get(human_coding_scheme=code)


def list_url(organisation: Organisation) -> str:
    return reverse("frameworks:list", kwargs={"slug": organisation.slug})


def page_url(name: str, organisation: Organisation, **kwargs: object) -> str:
    return reverse(f"frameworks:{name}", kwargs={"slug": organisation.slug, **kwargs})
