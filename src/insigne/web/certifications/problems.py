"""Why an import refused a file or a row, in plain words (stored as a code and values, worded
when shown, in the reader's language)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def describe(code: str, values: Mapping[str, Any]) -> str:
    file = values.get("file", "")
    if code == "fiche_code":
        if values.get("column"):
            return _("%(column)s : « %(value)s » n'est pas un numéro de fiche (RS… ou RNCP…)") % {
                "column": values["column"],
                "value": values.get("value", ""),
            }
        return _(
            "numéro de fiche « %(value)s » invalide : attendu RS ou RNCP suivi de chiffres"
        ) % {"value": values.get("value", "")}
    if code == "date":
        return _(
            "date « %(value)s » illisible dans la colonne %(column)s (attendu : jj/mm/aaaa)"
        ) % {
            "value": values.get("value", ""),
            "column": values.get("column", ""),
        }
    if code == "active":
        return _("colonne Actif : « %(value)s » au lieu de ACTIVE ou INACTIVE") % {
            "value": values.get("value", "")
        }
    if code == "empty":
        return _("la colonne %(column)s est vide") % {"column": values.get("column", "")}
    if code == "too_long":
        return _("la colonne %(column)s dépasse %(max)s caractères") % {
            "column": values.get("column", ""),
            "max": number_format(values.get("max", 0), force_grouping=True),
        }
    if code == "bloc_code":
        return _("code de bloc « %(value)s » invalide : attendu RNCP suivi de chiffres, BC et "
                 "deux chiffres (RNCP12345BC01)") % {"value": values.get("value", "")}  # fmt: skip
    if code == "bloc_fiche":
        return _("le bloc %(code)s ne fait pas partie de la fiche %(fiche)s") % {
            "code": values.get("code", ""),
            "fiche": values.get("fiche", ""),
        }
    if code == "siret":
        return _("SIRET « %(value)s » invalide : attendu 14 chiffres") % {
            "value": values.get("value", "")
        }
    if code == "fields":
        return _("%(count)s colonnes au lieu de celles de la ligne de titres (un « ; » sans "
                 "guillemets dans un texte ?)") % {"count": values.get("count", 0)}  # fmt: skip
    if code == "duplicate":
        return _("la fiche %(code)s figure déjà à la ligne %(first)s") % {
            "code": values.get("code", ""),
            "first": values.get("first", ""),
        }
    if code == "unknown_fiche":
        return _("la fiche %(code)s n'est ni dans le fichier Standard ni déjà importée") % {
            "code": values.get("code", "")
        }
    if code == "encoding":
        return _("%(file)s n'est pas encodé en UTF-8 (vers la ligne %(line)s) : enregistrez-le "
                 "en « CSV UTF-8 »") % {"file": file, "line": values.get("line", "")}  # fmt: skip
    if code == "line_too_long":
        return _("%(file)s : ligne %(line)s trop longue pour un fichier de l'export") % {
            "file": file,
            "line": values.get("line", ""),
        }
    if code == "csv":
        return _("%(file)s : CSV illisible vers la ligne %(line)s (%(detail)s)") % {
            "file": file,
            "line": values.get("line", ""),
            "detail": values.get("detail", ""),
        }
    if code == "empty_file":
        return _("%(file)s est vide") % {"file": file}
    if code == "not_csv":
        return _("%(file)s n'est pas un fichier CSV séparé par des points-virgules") % {
            "file": file
        }
    if code == "columns":
        return _("%(file)s : colonne(s) manquante(s) : %(columns)s") % {
            "file": file,
            "columns": values.get("columns", ""),
        }
    if code == "too_many_rows":
        return _("%(file)s compte plus de %(max)s lignes") % {
            "file": file,
            "max": number_format(values.get("max", 0), force_grouping=True),
        }
    if code == "too_large":
        return _("%(file)s est trop volumineux pour être un fichier de l'export") % {"file": file}
    if code == "zip":
        return _("%(file)s : archive zip illisible") % {"file": file}
    if code == "zip_empty":
        return _("%(file)s : l'archive ne contient aucun fichier CSV") % {"file": file}
    if code == "duplicate_table":
        return _("%(file)s et %(other)s contiennent tous deux la table %(table)s : déposez-en "
                 "un seul") % {"file": file, "other": values.get("other", ""),
                                "table": values.get("table", "")}  # fmt: skip
    if code == "no_table":
        return _(
            "Aucun des fichiers n'est un fichier Standard, Blocs_De_Compétences, Certificateurs "
            "ou Ancienne_Nouvelle_Certification de l'export de France compétences."
        )
    return str(code)


def describe_json(problem: Mapping[str, Any]) -> str:
    """The text of a stored problem (``importer.Problem.as_json``)."""
    values = dict(problem.get("values") or {})
    values.setdefault("file", problem.get("file", ""))
    return describe(str(problem.get("code", "")), values)
