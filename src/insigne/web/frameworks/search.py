"""Finding framework items by code or words of their labels, in every language they have,
across the frameworks an organisation may use. Accents and case are ignored."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from ..folding import folded
from ..issuers.models import Organisation
from .models import Item, Level

MAX_WORDS = 8
CANDIDATES = 200


@dataclass(frozen=True)
class Found:
    item: Item
    levels: tuple[str, ...]  # the item's own scale, else its framework's


def search_items(organisation: Organisation, query: str, *, limit: int = 20) -> list[Found]:
    """Items matching every word of ``query``: exact codes first, then labels that start
    with the query, then the others, in framework order. Four queries."""
    needle = folded(query)
    words = needle.split()[:MAX_WORDS]
    if not words:
        return []
    items = (
        Item.objects.filter(
            Q(framework__organisation__isnull=True) | Q(framework__organisation=organisation)
        )
        .select_related("framework", "parent")
        .prefetch_related(
            Prefetch("levels", queryset=Level.objects.order_by("position")),
            Prefetch(
                "framework__levels",
                queryset=Level.objects.filter(item__isnull=True).order_by("position"),
            ),
        )
    )
    for word in words:
        items = items.filter(search_text__contains=word)
    candidates = list(
        items.order_by("framework__title", "framework_id", "sequence", "pk")[:CANDIDATES]
    )

    def rank(item: Item) -> int:
        if needle in (folded(item.human_coding_scheme), folded(item.full_statement)):
            return 0
        if folded(item.full_statement).startswith(needle):
            return 1
        return 2

    found = sorted(candidates, key=rank)[:limit]
    return [Found(item, levels_of(item)) for item in found]


def levels_of(item: Item) -> tuple[str, ...]:
    """The names of the item's own scale, else of its framework's, lowest first."""
    own = sorted(item.levels.all(), key=lambda level: level.position)
    if own:
        return tuple(level.name for level in own)
    common = [level for level in item.framework.levels.all() if level.item_id is None]
    return tuple(level.name for level in sorted(common, key=lambda level: level.position))
