"""A framework item as a badge competence: what picking it writes in the editor's fields.

The competence keeps the item's address on this platform (``uris.item_uri``), its code and
its framework's title, so the credential's alignment is a ``CFItem`` the platform serves.
The name is the item's label in the badge's language when the framework has one.
"""

from __future__ import annotations

from .models import MAX_LEVELS, Item
from .uris import item_uri

NAME_LENGTH = 200  # badges.Competence.name
DESCRIPTION_LENGTH = 2000


def competence_values(item: Item, levels: tuple[str, ...], language: str) -> dict[str, str]:
    """The competence form's fields for ``item`` (levels one per line, empty if none)."""
    label = " ".join(item.label(language).split())
    name = label if len(label) <= NAME_LENGTH else label[: NAME_LENGTH - 1] + "…"
    description = item.description(language).strip()
    if name != label and not description:
        description = label
    return {
        "name": name,
        "framework": item.framework.title,
        "code": item.human_coding_scheme,
        "url": item_uri(item.identifier),
        "description": description[:DESCRIPTION_LENGTH],
        "levels": "\n".join(levels[:MAX_LEVELS]),
        "item": str(item.identifier),
    }
