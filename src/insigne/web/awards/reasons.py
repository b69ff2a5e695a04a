"""Why a row was left out, in plain words (stored as a code and values, worded when shown)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def describe(reason: Mapping[str, Any]) -> str:
    code = reason.get("code")
    value = str(reason.get("value", ""))
    if code == "email_missing":
        return _("adresse électronique manquante")
    if code == "email_invalid":
        return _("adresse électronique invalide « %(value)s »") % {"value": value}
    if code == "duplicate":
        return _("adresse déjà présente dans le fichier, ligne %(line)s") % {
            "line": reason.get("first_line")
        }
    if code == "holder":
        return _("cette personne possède déjà ce badge")
    if code == "language_unknown":
        return _("langue inconnue « %(value)s » (fr ou en)") % {"value": value}
    if code == "date_unreadable":
        return _("date illisible « %(value)s » (attendu : 12/03/2025 ou 2025-03-12)") % {
            "value": value
        }
    if code == "date_future":
        return _("date dans le futur « %(value)s »") % {"value": value}
    if code == "date_too_old":
        return _("date trop ancienne « %(value)s »") % {"value": value}
    if code == "url_invalid":
        return _("adresse de preuve invalide « %(value)s » (elle doit commencer par https://)") % {
            "value": value
        }
    if code == "level_unknown":
        return _("niveau inconnu « %(value)s » pour « %(competence)s » (niveaux : %(levels)s)") % {
            "value": value,
            "competence": reason.get("competence", ""),
            "levels": ", ".join(str(level) for level in reason.get("levels", [])),
        }
    if code == "too_long":
        field = {"name": _("nom"), "narrative": _("commentaire"), "evidence": _("preuve")}.get(
            str(reason.get("field")), str(reason.get("field"))
        )
        return _("%(field)s trop long (%(max)s caractères au plus)") % {
            "field": field,
            "max": number_format(reason.get("max", 0), force_grouping=True),
        }
    if code == "issue_failed":
        return _("attribution impossible : %(detail)s") % {"detail": reason.get("detail", "")}
    return str(code)


def describe_all(reasons: list[Mapping[str, Any]]) -> str:
    return " ; ".join(describe(reason) for reason in reasons)
