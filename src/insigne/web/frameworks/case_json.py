"""Frameworks as CASE 1.0 JSON: CFDocument, CFItem, CFAssociation, CFRubric, CFLicense and
the CFPackage that holds them all (the shapes of the CASE REST binding).

The tree is written as ``isChildOf`` associations (top items are children of the document);
levels as one CFRubric whose criteria are the framework's scale (no CFItemURI) and the scales
of single items. Labels in other languages, which CASE 1.0 has no place for, travel in
``extensions`` (CASE 1.1) under ``insigne:translations``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from . import tree, uris
from .models import Association, Framework, Item, Level

TRANSLATIONS = "insigne:translations"


def timestamp(moment: datetime.datetime | None) -> str:
    moment = moment or datetime.datetime.now(datetime.UTC)
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def link(title: str, identifier: object, uri: str) -> dict[str, str]:
    """A CASE LinkURI."""
    return {"title": title, "identifier": str(identifier), "uri": uri}


def _clean(entries: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional values (CASE omits what it does not know)."""
    return {key: value for key, value in entries.items() if value not in ("", None, [], {})}


def document_link(framework: Framework) -> dict[str, str]:
    return link(framework.title, framework.identifier, uris.document_uri(framework.identifier))


def item_link(item: Item) -> dict[str, str]:
    return link(item.full_statement[:200], item.identifier, uris.item_uri(item.identifier))


def licence_link(framework: Framework) -> dict[str, str] | None:
    if not (framework.licence_title or framework.licence_text or framework.licence_uri):
        return None
    uri = framework.licence_uri or uris.licence_uri(framework.licence_id)
    return link(framework.licence_title or framework.title, framework.licence_id, uri)


def document_json(framework: Framework, *, in_package: bool = False) -> dict[str, Any]:
    data = _clean(
        {
            "identifier": str(framework.identifier),
            "uri": uris.document_uri(framework.identifier),
            "creator": framework.creator or framework.publisher or "Insigne",
            "title": framework.title,
            "lastChangeDateTime": timestamp(framework.updated_at),
            "officialSourceURL": framework.official_source_url,
            "publisher": framework.publisher,
            "description": framework.description,
            "language": framework.language,
            "version": framework.version,
            "adoptionStatus": framework.adoption_status,
            "licenseURI": licence_link(framework),
            "notes": framework.notes,
        }
    )
    if not in_package:
        data["CFPackageURI"] = link(
            framework.title, framework.identifier, uris.package_uri(framework.identifier)
        )
    return data


def licence_json(framework: Framework) -> dict[str, Any]:
    return _clean(
        {
            "identifier": str(framework.licence_id),
            "uri": framework.licence_uri or uris.licence_uri(framework.licence_id),
            "title": framework.licence_title or framework.title,
            "licenseText": framework.licence_text,
            "lastChangeDateTime": timestamp(framework.updated_at),
        }
    )


def item_json(item: Item, framework: Framework, *, in_package: bool = False) -> dict[str, Any]:
    data = _clean(
        {
            "identifier": str(item.identifier),
            "uri": uris.item_uri(item.identifier),
            "fullStatement": item.full_statement,
            "abbreviatedStatement": item.abbreviated_statement,
            "humanCodingScheme": item.human_coding_scheme,
            "listEnumeration": item.list_enumeration,
            "CFItemType": item.item_type,
            "conceptKeywords": list(item.concept_keywords or []),
            "educationLevel": list(item.education_level or []),
            "language": item.language or framework.language,
            "notes": item.notes,
            "lastChangeDateTime": timestamp(item.updated_at),
            "extensions": {TRANSLATIONS: item.translations} if item.translations else None,
        }
    )
    if not in_package:
        data["CFDocumentURI"] = document_link(framework)
    return data


def child_json(item: Item, framework: Framework, parent: Item | None) -> dict[str, Any]:
    """The ``isChildOf`` association that places ``item`` in the tree."""
    destination = item_link(parent) if parent else document_link(framework)
    return {
        "identifier": str(item.child_link_id),
        "uri": uris.association_uri(item.child_link_id),
        "associationType": "isChildOf",
        "sequenceNumber": item.sequence + 1,
        "originNodeURI": item_link(item),
        "destinationNodeURI": destination,
        "CFDocumentURI": document_link(framework),
        "lastChangeDateTime": timestamp(item.updated_at),
    }


def association_json(
    association: Association, framework: Framework, items: dict[int, Item]
) -> dict[str, Any]:
    origin = items[association.origin_id]
    target = items.get(association.destination_id or 0)
    if target is not None:
        destination = item_link(target)
    else:
        destination = link(
            association.destination_title or association.destination_uri,
            association.destination_identifier or association.destination_uri,
            association.destination_uri,
        )
    return _clean(
        {
            "identifier": str(association.identifier),
            "uri": uris.association_uri(association.identifier),
            "associationType": association.association_type,
            "sequenceNumber": association.sequence_number,
            "originNodeURI": item_link(origin),
            "destinationNodeURI": destination,
            "CFDocumentURI": document_link(framework),
            "lastChangeDateTime": timestamp(association.updated_at),
        }
    )


def rubric_json(
    framework: Framework, levels: Iterable[Level], items: dict[int, Item]
) -> dict[str, Any] | None:
    """The framework's CFRubric, or None when neither it nor its items have levels."""
    scales: dict[int | None, list[Level]] = defaultdict(list)
    for level in levels:
        scales[level.item_id].append(level)
    if not scales:
        return None
    criteria = []
    ordered = sorted(scales, key=lambda pk: (pk is not None, pk or 0))
    for position, item_pk in enumerate(ordered, start=1):
        item = items[item_pk] if item_pk is not None else None
        criterion_id = item.criterion_id if item else framework.criterion_id
        criterion = _clean(
            {
                "identifier": str(criterion_id),
                "uri": uris.part_uri(framework.rubric_id, criterion_id),
                "category": item.full_statement[:200] if item else framework.title,
                "CFItemURI": item_link(item) if item else None,
                "position": position,
                "rubricId": str(framework.rubric_id),
                "lastChangeDateTime": timestamp(framework.updated_at),
            }
        )
        criterion["CFRubricCriterionLevels"] = [
            _clean(
                {
                    "identifier": str(level.identifier),
                    "uri": uris.part_uri(framework.rubric_id, level.identifier),
                    "quality": level.name,
                    "description": level.description,
                    "score": rank,
                    "position": rank,
                    "rubricCriterionId": str(criterion_id),
                    "lastChangeDateTime": timestamp(level.updated_at),
                }
            )
            for rank, level in enumerate(sorted(scales[item_pk], key=lambda lv: lv.position), 1)
        ]
        criteria.append(criterion)
    return {
        "identifier": str(framework.rubric_id),
        "uri": uris.rubric_uri(framework.rubric_id),
        "title": framework.title,
        "lastChangeDateTime": timestamp(framework.updated_at),
        "CFRubricCriteria": criteria,
    }


def package_json(framework: Framework) -> dict[str, Any]:
    """The whole framework as a CFPackage (four queries, whatever its size)."""
    items = {item.pk: item for item in framework.items.order_by("sequence", "pk")}
    associations = list(framework.associations.order_by("pk"))
    levels = list(framework.levels.order_by("item_id", "position"))
    licence = [licence_json(framework)] if licence_link(framework) else []
    rubric = rubric_json(framework, levels, items)
    ordered = [node.item for node in tree.ordered(items.values())]
    return {
        "CFDocument": document_json(framework, in_package=True),
        "CFItems": [item_json(item, framework, in_package=True) for item in ordered],
        "CFAssociations": [
            child_json(item, framework, items.get(item.parent_id or 0)) for item in ordered
        ]
        + [association_json(a, framework, items) for a in associations],
        "CFDefinitions": {
            "CFConcepts": [],
            "CFSubjects": [],
            "CFLicenses": licence,
            "CFItemTypes": [],
            "CFAssociationGroupings": [],
        },
        "CFRubrics": [rubric] if rubric else [],
    }
