"""The addresses of CASE objects on this platform: ``{PUBLIC_URL}/ims/case/v1p0/<kind>/<id>``.

They are what badge alignments point at, so they depend only on the public address and the
object's identifier, never on anything an editor can change.
"""

from __future__ import annotations

import uuid

from django.conf import settings

BASE_PATH = "/ims/case/v1p0"


def case_url(kind: str, identifier: uuid.UUID | str) -> str:
    """``kind`` is a CASE collection: CFDocuments, CFItems, CFAssociations, CFRubrics..."""
    return f"{settings.PUBLIC_URL}{BASE_PATH}/{kind}/{identifier}"


def document_uri(identifier: uuid.UUID | str) -> str:
    return case_url("CFDocuments", identifier)


def package_uri(identifier: uuid.UUID | str) -> str:
    return case_url("CFPackages", identifier)


def item_uri(identifier: uuid.UUID | str) -> str:
    return case_url("CFItems", identifier)


def association_uri(identifier: uuid.UUID | str) -> str:
    return case_url("CFAssociations", identifier)


def rubric_uri(identifier: uuid.UUID | str) -> str:
    return case_url("CFRubrics", identifier)


def part_uri(rubric_id: uuid.UUID | str, identifier: uuid.UUID | str) -> str:
    """A criterion or criterion level: served inside its rubric, so a fragment of it."""
    return f"{rubric_uri(rubric_id)}#{identifier}"


def licence_uri(identifier: uuid.UUID | str) -> str:
    return case_url("CFLicenses", identifier)
