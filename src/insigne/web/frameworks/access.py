"""Which frameworks an organisation may use (the shipped ones and its own) and may change
(only its own), found by identifier; anything else is a 404."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet
from django.http import Http404

from ..issuers.models import Organisation
from .models import Framework, Item


def available(organisation: Organisation) -> QuerySet[Framework]:
    return Framework.objects.filter(Q(organisation__isnull=True) | Q(organisation=organisation))


def framework_of(
    organisation: Organisation, identifier: uuid.UUID, *, editable: bool = False
) -> Framework:
    frameworks = (
        Framework.objects.filter(organisation=organisation) if editable else available(organisation)
    )
    framework = frameworks.filter(identifier=identifier).first()
    if framework is None:
        raise Http404
    return framework


def item_of(framework: Framework, identifier: uuid.UUID) -> Item:
    item = framework.items.filter(identifier=identifier).first()
    if item is None:
        raise Http404
    return item


def available_item(organisation: Organisation, identifier: str | uuid.UUID) -> Item | None:
    """The item ``identifier`` if it belongs to a framework ``organisation`` may use."""
    try:
        key = uuid.UUID(str(identifier))
    except ValueError:
        return None
    return (
        Item.objects.select_related("framework")
        .filter(identifier=key)
        .filter(Q(framework__organisation__isnull=True) | Q(framework__organisation=organisation))
        .first()
    )


def available_items(organisation: Organisation, identifiers: set[str]) -> dict[str, Item]:
    """The items among ``identifiers`` that ``organisation`` may use, by identifier."""
    keys = []
    for identifier in identifiers:
        try:
            keys.append(uuid.UUID(identifier))
        except ValueError:
            continue
    if not keys:
        return {}
    items = Item.objects.select_related("framework").filter(
        Q(framework__organisation__isnull=True) | Q(framework__organisation=organisation),
        identifier__in=keys,
    )
    return {str(item.identifier): item for item in items}


def usable_items(organisation: Organisation) -> QuerySet[Item]:
    """Every item of the frameworks ``organisation`` may use."""
    return Item.objects.filter(
        Q(framework__organisation__isnull=True) | Q(framework__organisation=organisation)
    )
