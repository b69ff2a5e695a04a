"""Writing imported items in batches, so a file of any length never sits whole in memory.

The readers hand items over as they read rows; this module inserts them a batch at a time,
remembers each one's key (an ESCO conceptUri, a ROME code, a CASE identifier) so parents and
associations can be joined afterwards, and keeps the search column up to date.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Association, Framework, Item
from ..text import search_text

BATCH = 500


class ItemWriter:
    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.pks: dict[str, int] = {}
        self._pending: list[tuple[str, Item]] = []
        self._links: list[tuple[str, Association]] = []
        self.created = 0

    def add(self, key: str, item: Item) -> None:
        item.framework = self.framework
        item.search_text = item_search_text(item)
        self._pending.append((key, item))
        if len(self._pending) >= BATCH:
            self.flush()

    def add_exact_match(self, key: str, uri: str, title: str) -> None:
        """Record that the item ``key`` is the node ``uri`` of the published framework."""
        association = Association(
            framework=self.framework,
            association_type=Association.Type.EXACT_MATCH_OF,
            destination_uri=uri,
            destination_title=title[:1000],
            destination_identifier=uri.rstrip("/").rsplit("/", 1)[-1][:200],
        )
        self._links.append((key, association))

    def flush(self) -> None:
        """Write the pending items, then the exact-match associations of written items."""
        if self._pending:
            written = Item.objects.bulk_create([item for _key, item in self._pending])
            for (key, _item), saved in zip(self._pending, written, strict=True):
                self.pks[key] = saved.pk
            self.created += len(written)
            self._pending = []
        ready, waiting = [], []
        for key, association in self._links:
            pk = self.pks.get(key)
            if pk is None:
                waiting.append((key, association))
            else:
                association.origin_id = pk
                ready.append(association)
        Association.objects.bulk_create(ready, batch_size=BATCH)
        self._links = waiting


def set_parents(pairs: Iterable[tuple[int, int]]) -> None:
    """Put each child (first pk) under its parent (second pk), a batch at a time."""
    batch: list[Item] = []
    for child, parent in pairs:
        batch.append(Item(pk=child, parent_id=parent))
        if len(batch) >= BATCH:
            Item.objects.bulk_update(batch, ["parent"])
            batch = []
    if batch:
        Item.objects.bulk_update(batch, ["parent"])


def item_search_text(item: Item) -> str:
    parts = [item.human_coding_scheme, item.full_statement, item.abbreviated_statement]
    parts += [str(k) for k in item.concept_keywords or []]
    for translated in (item.translations or {}).values():
        if isinstance(translated, dict):
            parts.append(str(translated.get("fullStatement") or ""))
            parts += [str(k) for k in translated.get("conceptKeywords") or []]
    return search_text(parts)
