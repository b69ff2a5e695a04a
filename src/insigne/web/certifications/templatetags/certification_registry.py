"""Template tags: what the imported data says about a certification code, and the editor's
certification picker."""

from __future__ import annotations

from typing import Any

from django import forms, template

from ..registry import Entry, entry_for, normalised
from ..rows import FICHE_CODE
from ..search import any_imported, search

register = template.Library()
SUGGESTIONS = 8


@register.simple_tag
def registry_entry(code: str) -> Entry | None:
    """The imported fiche or bloc of ``code`` (None when not imported)."""
    return entry_for(str(code or ""))


@register.inclusion_tag("certifications/_picker_body.html", takes_context=True)
def certification_picker(context: template.Context, form: forms.Form) -> dict[str, Any]:
    """The picker under the editor's certification fields: the linked fiche and its status,
    or, when the code field holds words, the fiches they find (the no-JavaScript search)."""
    typed = " ".join(str(form["certification_code"].value() or "").split())
    code = normalised(typed)
    entry = entry_for(code) if code else None
    wordy = bool(typed) and entry is None and not _looks_like_code(code)
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "typed": typed,
        "entry": entry,
        "suggestions": search(typed, limit=SUGGESTIONS) if wordy else [],
        "searched": wordy,
        "imported": entry is not None or any_imported(),
        "staff": bool(user and user.is_staff),
        "code_id": form["certification_code"].id_for_label,
        "title_id": form["certification_title"].id_for_label,
        "url_id": form["certification_url"].id_for_label,
    }


def _looks_like_code(code: str) -> bool:
    return bool(FICHE_CODE.fullmatch(code.split("BC", maxsplit=1)[0]))
