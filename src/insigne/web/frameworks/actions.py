"""State changes of the frameworks context: import a file, create and edit a house framework
(its levels and items), delete what no badge uses.

Shipped frameworks (no organisation) are never changed here. An item a badge competence
points at is never deleted: the badges that were issued name its address.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ..accounts.models import User
from ..issuers.models import Organisation
from .importing import case, detect, esco, rome
from .importing.report import ImportRefusedError, Outcome
from .importing.writing import item_search_text
from .models import MAX_LEVELS, Framework, Item, Level

ESCO_SOURCE = "https://esco.ec.europa.eu/"
ESCO_LICENCE = "https://eur-lex.europa.eu/eli/dec/2011/833/oj"


class ChangeRefusedError(ValueError):
    """The change cannot be made; the message says why, in the user's language, and
    ``field`` names the form field at fault, if one is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Upload:
    """An uploaded file: its name (which may tell the language) and its bytes."""

    name: str
    file: IO[bytes]


@transaction.atomic
def import_framework(
    organisation: Organisation,
    user: User | None,
    upload: Upload,
    *,
    kind: str = "",
    title: str = "",
    language: str = "",
    part: str = "",
    into: Framework | None = None,
) -> tuple[Framework, Outcome]:
    """Read ``upload`` (CASE JSON, ESCO CSV or ROME CSV; ``kind`` empty: recognised from
    the content) into a new framework of ``organisation``, or, for ESCO, into ``into``.

    Raises :class:`ImportRefusedError` with every problem found; nothing is then stored.
    """
    kind = kind or detect.detect(upload.file) or ""
    if into is not None and (into.organisation_id != organisation.pk or kind != detect.ESCO):
        raise ImportRefusedError(
            _("Seul un fichier ESCO peut compléter un référentiel ESCO importé.")
        )
    today = timezone.localdate().strftime("%d/%m/%Y")
    if kind == detect.CASE:
        data = case.load(upload.file)
        package = case.parse(data)
        fields = case.document_fields(package.document, data)
        if title:
            fields["title"] = title
        imported = _("Importé depuis le fichier « %(name)s » le %(date)s.") % {
            "name": upload.name,
            "date": today,
        }
        fields["notes"] = f"{fields['notes']}\n\n{imported}".strip()
        framework = _new(organisation, user, Framework.Origin.CASE, fields)
        return framework, case.write(package, framework)
    if kind == detect.ESCO:
        language = language or esco.file_language(upload.name)
        if not language:
            raise ImportRefusedError(
                _("Indiquez la langue du fichier : son nom ne la donne pas (skills_fr.csv…).")
            )
        note = _("Fichier « %(name)s » (%(language)s) importé le %(date)s.") % {
            "name": upload.name,
            "language": language,
            "date": today,
        }
        if into is None:
            into = _new(organisation, user, Framework.Origin.ESCO, _esco_fields(title, language))
            into.notes += "\n\n" + note
        else:
            into.notes = f"{into.notes}\n{note}".strip()
        into.save()
        return into, esco.read(upload.file, into, language=language)
    if kind == detect.ROME:
        fields = _rome_fields(title, part)
        fields["notes"] += "\n\n" + _("Fichier « %(name)s » importé le %(date)s%(part)s.") % {
            "name": upload.name,
            "date": today,
            "part": _(", partie « %(part)s »") % {"part": part} if part else "",
        }
        framework = _new(organisation, user, Framework.Origin.ROME, fields)
        return framework, rome.read(upload.file, framework, part=part)
    raise ImportRefusedError(
        _(
            "Format de fichier non reconnu. Les formats acceptés sont : un paquet CASE (JSON), "
            "un fichier ESCO (CSV avec la colonne conceptUri) et l'arborescence des compétences "
            "du ROME 4.0 (CSV avec la colonne code_ogr_competence)."
        )
    )


def _new(
    organisation: Organisation, user: User | None, origin: str, fields: dict[str, Any]
) -> Framework:
    return Framework.objects.create(
        organisation=organisation, created_by=user, origin=origin, **fields
    )


def _esco_fields(title: str, language: str) -> dict[str, Any]:
    return {
        "title": title or "ESCO",
        "creator": "Commission européenne (ESCO)",
        "publisher": "Commission européenne",
        "language": language,
        "adoption_status": Framework.Status.ADOPTED,
        "official_source_url": ESCO_SOURCE,
        "licence_title": _("Réutilisation des documents de la Commission (décision 2011/833/UE)"),
        "licence_text": _(
            "Réutilisation libre, y compris commerciale, à condition de citer la source : ESCO, "
            "Commission européenne."
        ),
        "licence_uri": ESCO_LICENCE,
        "notes": _(
            "Source : ESCO (classification européenne des aptitudes, compétences, certifications "
            "et professions), Commission européenne. Les adresses conceptUri d'ESCO sont "
            "conservées comme correspondances exactes (exactMatchOf) de chaque item."
        ),
    }


def _rome_fields(title: str, part: str) -> dict[str, Any]:
    default = "ROME 4.0 – " + (part or _("arborescence des compétences"))
    return {
        "title": (title or default)[:120],
        "creator": "France Travail",
        "publisher": "France Travail",
        "language": "fr",
        "adoption_status": Framework.Status.ADOPTED,
        "licence_title": _("Données ouvertes de France Travail"),
        "licence_text": _(
            "Les réutilisateurs citent la Licence Ouverte 2.0 : vérifiez-la sur la page du jeu "
            "de données."
        ),
        "notes": _(
            "Source : ROME 4.0, arborescence des compétences (France Travail, données "
            "ouvertes). Les codes sont ceux du fichier : code_ogr pour les macro-compétences "
            "et les compétences."
        ),
    }


@transaction.atomic
def create_framework(
    organisation: Organisation,
    user: User | None,
    *,
    title: str,
    description: str = "",
    language: str = "fr",
    levels: Sequence[tuple[str, str]] = (),
) -> Framework:
    """A new house framework ("référentiel maison") of ``organisation``, with its scale."""
    framework = Framework.objects.create(
        organisation=organisation,
        created_by=user,
        origin=Framework.Origin.HOUSE,
        title=title,
        description=description,
        language=language,
        creator=organisation.name,
        publisher=organisation.name,
        version="1",
        notes=_("Référentiel créé par %(name)s dans Insigne.") % {"name": organisation.name},
    )
    _write_levels(framework, levels)
    return framework


@transaction.atomic
def edit_framework(framework: Framework, **fields: str) -> None:
    """Change the description of a framework of an organisation (title, licence...)."""
    _check_editable(framework)
    allowed = {
        "title",
        "description",
        "version",
        "adoption_status",
        "licence_title",
        "licence_text",
        "licence_uri",
        "official_source_url",
        "language",
    }
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"unknown field {name}")
        setattr(framework, name, value)
    framework.save()


@transaction.atomic
def set_levels(framework: Framework, levels: Sequence[tuple[str, str]]) -> None:
    """Replace the framework's scale, lowest level first (levels keep their identifiers by
    position). Badges already designed keep the levels they copied."""
    _check_editable(framework)
    _write_levels(framework, levels)
    framework.save(update_fields=["updated_at"])


def _write_levels(framework: Framework, levels: Sequence[tuple[str, str]]) -> None:
    names = [name.casefold() for name, _description in levels]
    if len(levels) > MAX_LEVELS or len(set(names)) != len(names) or not all(names):
        raise ChangeRefusedError(
            _("Une échelle compte au plus 10 niveaux, tous nommés et différents.")
        )
    existing = list(framework.levels.filter(item__isnull=True).order_by("position"))
    for position, (name, description) in enumerate(levels):
        if position < len(existing):
            level = existing[position]
            level.name, level.description, level.position = name, description, position
            level.save()
        else:
            Level.objects.create(
                framework=framework, position=position, name=name, description=description
            )
    Level.objects.filter(pk__in=[level.pk for level in existing[len(levels) :]]).delete()


@transaction.atomic
def add_item(
    framework: Framework,
    *,
    statement: str,
    code: str = "",
    notes: str = "",
    item_type: str = "",
    parent: Item | None = None,
) -> Item:
    """A new item of a house framework, last among its siblings."""
    _check_editable(framework)
    _check_code(framework, code, None)
    _check_parent(framework, None, parent)
    item = Item(
        framework=framework,
        parent=parent,
        full_statement=statement,
        human_coding_scheme=code,
        notes=notes,
        item_type=item_type,
        language=framework.language,
        sequence=_next_sequence(framework, parent),
    )
    item.search_text = item_search_text(item)
    item.save()
    framework.save(update_fields=["updated_at"])
    return item


@transaction.atomic
def edit_item(
    item: Item,
    *,
    statement: str,
    code: str = "",
    notes: str = "",
    item_type: str = "",
    parent: Item | None = None,
) -> None:
    framework = item.framework
    _check_editable(framework)
    _check_code(framework, code, item)
    _check_parent(framework, item, parent)
    if item.parent_id != (parent.pk if parent else None):
        item.sequence = _next_sequence(framework, parent)
    item.parent = parent
    item.full_statement = statement
    item.human_coding_scheme = code
    item.notes = notes
    item.item_type = item_type
    item.search_text = item_search_text(item)
    item.save()
    framework.save(update_fields=["updated_at"])


@transaction.atomic
def move_item(item: Item, direction: str) -> bool:
    """Swap ``item`` with the sibling before (``up``) or after (``down``) it."""
    _check_editable(item.framework)
    siblings = list(
        Item.objects.select_for_update()
        .filter(framework=item.framework, parent=item.parent_id)
        .order_by("sequence", "pk")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings):
        sibling.sequence = position
    Item.objects.bulk_update(siblings, ["sequence"])
    item.framework.save(update_fields=["updated_at"])
    return True


@transaction.atomic
def delete_item(item: Item) -> None:
    _check_editable(item.framework)
    if item.children.exists():
        raise ChangeRefusedError(
            _("Cet item en contient d'autres : déplacez-les ou supprimez-les d'abord.")
        )
    if _uses(Item.objects.filter(pk=item.pk)):
        raise ChangeRefusedError(
            _("Des badges s'appuient sur cet item : il ne peut pas être supprimé.")
        )
    item.delete()
    item.framework.save(update_fields=["updated_at"])


@transaction.atomic
def delete_framework(framework: Framework) -> None:
    _check_own(framework)
    if _uses(framework.items.all()):
        raise ChangeRefusedError(
            _("Des badges s'appuient sur ce référentiel : il ne peut pas être supprimé.")
        )
    framework.delete()


def used_by_badges(framework: Framework) -> int:
    """How many badge competences point at items of ``framework``."""
    from ..badges.models import Competence

    return Competence.objects.filter(item__framework=framework).count()


def _uses(items: QuerySet[Item]) -> bool:
    from ..badges.models import Competence

    return Competence.objects.filter(item__in=items).exists()


def _check_own(framework: Framework) -> None:
    if framework.organisation_id is None:
        raise ChangeRefusedError(_("Les référentiels fournis avec Insigne ne se modifient pas."))


def _check_editable(framework: Framework) -> None:
    _check_own(framework)
    if framework.origin != Framework.Origin.HOUSE:
        raise ChangeRefusedError(
            _(
                "Seuls les référentiels maison se modifient : un référentiel importé se "
                "met à jour en important de nouveau son fichier."
            )
        )


def _check_code(framework: Framework, code: str, item: Item | None) -> None:
    if not code:
        return
    clash = framework.items.filter(human_coding_scheme=code)
    if item is not None:
        clash = clash.exclude(pk=item.pk)
    if clash.exists():
        raise ChangeRefusedError(
            _("Le code « %(code)s » est déjà celui d'un autre item.") % {"code": code}, "code"
        )


def _check_parent(framework: Framework, item: Item | None, parent: Item | None) -> None:
    if parent is None:
        return
    if parent.framework_id != framework.pk:
        raise ChangeRefusedError(_("L'item parent doit appartenir au même référentiel."), "parent")
    ancestor: Item | None = parent
    while ancestor is not None:
        if item is not None and ancestor.pk == item.pk:
            raise ChangeRefusedError(
                _("Un item ne peut pas être placé sous lui-même ou sous ses sous-items."), "parent"
            )
        ancestor = ancestor.parent


def _next_sequence(framework: Framework, parent: Item | None) -> int:
    top = framework.items.filter(parent=parent).aggregate(top=Max("sequence"))["top"]
    return 0 if top is None else top + 1
