"""The frameworks every installation has: CASE packages in ``shipped/``, written by a data
migration and kept in step with those files by :func:`sync`.

They keep the identifiers of the files, so an item has the same identifier on every
installation. Each package records its source and licence in its CFDocument (``notes``,
``officialSourceURL``) and its CFLicense. They belong to no organisation and are read-only.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from .text import search_text

DIRECTORY = Path(__file__).resolve().parent / "shipped"
FILES = ("rectec.json", "clea.json", "savoir_etre_2018.json")


def packages() -> list[dict[str, Any]]:
    return [json.loads((DIRECTORY / name).read_text("utf-8")) for name in FILES]


def _derived(identifier: str, purpose: str) -> uuid.UUID:
    return uuid.uuid5(uuid.UUID(identifier), purpose)


def sync(framework_model: Any, item_model: Any) -> None:
    """Create or update the shipped frameworks from the files.

    Takes the model classes so the data migration can pass its historical ones. Items are
    added and relabelled, never removed: badges may point at them.
    """
    for package in packages():
        document = package["CFDocument"]
        licences = {lic["identifier"]: lic for lic in package["CFDefinitions"]["CFLicenses"]}
        licence = licences[document["licenseURI"]["identifier"]]
        framework, _created = framework_model.objects.update_or_create(
            identifier=uuid.UUID(document["identifier"]),
            defaults={
                "organisation": None,
                "origin": "shipped",
                "title": document["title"],
                "creator": document.get("creator", ""),
                "publisher": document.get("publisher", ""),
                "description": document.get("description", ""),
                "notes": document.get("notes", ""),
                "version": document.get("version", ""),
                "language": document.get("language", "fr"),
                "adoption_status": document.get("adoptionStatus", "Adopted"),
                "official_source_url": document.get("officialSourceURL", ""),
                "licence_title": licence.get("title", ""),
                "licence_text": licence.get("licenseText", ""),
                "licence_uri": licence.get("uri", ""),
                "licence_id": uuid.UUID(licence["identifier"]),
                "rubric_id": _derived(document["identifier"], "CFRubric"),
                "criterion_id": _derived(document["identifier"], "CFRubricCriterion"),
            },
        )
        placement = {
            a["originNodeURI"]["identifier"]: a
            for a in package["CFAssociations"]
            if a["associationType"] == "isChildOf"
        }
        saved = {}
        for entry in package["CFItems"]:
            link = placement[entry["identifier"]]
            code = entry.get("humanCodingScheme", "")
            saved[entry["identifier"]], _created = item_model.objects.update_or_create(
                identifier=uuid.UUID(entry["identifier"]),
                defaults={
                    "framework": framework,
                    "full_statement": entry["fullStatement"],
                    "human_coding_scheme": code,
                    "item_type": entry.get("CFItemType", ""),
                    "language": entry.get("language", ""),
                    "notes": entry.get("notes", ""),
                    "sequence": link.get("sequenceNumber", 1) - 1,
                    "child_link_id": uuid.UUID(link["identifier"]),
                    "criterion_id": _derived(entry["identifier"], "CFRubricCriterion"),
                    "search_text": search_text([code, entry["fullStatement"]]),
                },
            )
        for key, item in saved.items():
            parent = saved.get(placement[key]["destinationNodeURI"]["identifier"])
            if item.parent_id != (parent.pk if parent else None):
                item.parent = parent
                item.save(update_fields=["parent"])
