"""CASE packages (CFPackage JSON): CFDocument, CFItems, CFAssociations, optional CFRubrics.

The package is checked whole before anything is written: a JSON document cannot be read a
row at a time without a streaming parser, so its size is bounded by the upload limit and by
:data:`MAX_ITEMS`. Items get identifiers of this platform; each keeps the address it had in
the package as ``source_uri`` and as an ``exactMatchOf`` association.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

from ..models import MAX_LEVEL_NAME, MAX_LEVELS, MAX_TITLE, Association, Framework, Item, Level
from ..text import one_line
from .esco import is_http_uri
from .report import ImportRefusedError, Outcome, Problems
from .writing import BATCH, ItemWriter, set_parents

MAX_ITEMS = 50_000
TRANSLATIONS = "insigne:translations"
TYPES = {choice.value for choice in Association.Type}
STATUSES = {choice.value for choice in Framework.Status}


@dataclass
class ParsedLevel:
    name: str
    description: str = ""


@dataclass
class ParsedItem:
    key: str
    item: Item
    uri: str


@dataclass
class ParsedLink:
    kind: str
    origin: str
    destination: str | None  # key of an item of the package, else an outside node
    uri: str = ""
    title: str = ""
    identifier: str = ""
    sequence: int | None = None


@dataclass
class Package:
    document: dict[str, Any]
    items: dict[str, ParsedItem] = field(default_factory=dict)
    parents: dict[str, tuple[str, int]] = field(default_factory=dict)  # child → parent, rank
    links: list[ParsedLink] = field(default_factory=list)
    levels: list[ParsedLevel] = field(default_factory=list)
    item_levels: dict[str, list[ParsedLevel]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def load(binary: IO[bytes]) -> Any:
    binary.seek(0)
    try:
        return json.load(binary)
    except UnicodeDecodeError as error:
        raise ImportRefusedError(_("Le fichier n'est pas encodé en UTF-8.")) from error
    except RecursionError as error:
        raise ImportRefusedError(_("Ce fichier JSON est imbriqué trop profondément.")) from error
    except json.JSONDecodeError as error:
        raise ImportRefusedError(
            _("Ce fichier n'est pas du JSON valide (ligne %(line)s, colonne %(column)s : %(msg)s).")
            % {"line": error.lineno, "column": error.colno, "msg": error.msg}
        ) from error


def _text(value: Any, limit: int | None = None) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return ""
    text = str(value).strip()
    return text[:limit] if limit else text


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(v).strip() for v in value if isinstance(v, str) and v.strip()][:50]
    return []


def _node(value: Any) -> tuple[str, str, str]:
    """A LinkURI's identifier, uri and title (empty strings when missing)."""
    if not isinstance(value, dict):
        return "", "", ""
    return (
        _text(value.get("identifier"), 200),
        _text(value.get("uri"), 500),
        _text(value.get("title")),
    )


def parse(data: Any) -> Package:
    """The package's content, checked. Raises :class:`ImportRefusedError` listing the problems."""
    problems = Problems()
    if not isinstance(data, dict) or not isinstance(data.get("CFDocument"), dict):
        raise ImportRefusedError(
            _("Ce fichier n'est pas un paquet CASE : il n'a pas de CFDocument.")
        )
    document = data["CFDocument"]
    package = Package(document=document)
    if not _text(document.get("title")):
        problems.add(_("le titre (title) est obligatoire."), where="CFDocument")
    doc_id, doc_uri = _text(document.get("identifier")), _text(document.get("uri"))
    items = data.get("CFItems") or []
    if not isinstance(items, list):
        raise ImportRefusedError(_("CFItems doit être une liste."))
    if len(items) > MAX_ITEMS:
        raise ImportRefusedError(
            _("Le paquet compte %(count)s items ; %(max)s au plus.")
            % {"count": len(items), "max": MAX_ITEMS}
        )
    by_uri: dict[str, str] = {}
    for index, entry in enumerate(items):
        where = f"CFItems[{index}]"
        if not isinstance(entry, dict):
            problems.add(_("un item doit être un objet JSON."), where=where)
            continue
        key = _text(entry.get("identifier"), 200)
        statement = _text(entry.get("fullStatement"))
        if not key:
            problems.add(_("identifier est obligatoire."), where=where)
        elif key in package.items:
            problems.add(_("l'identifiant %(id)s figure deux fois.") % {"id": key}, where=where)
        if not statement:
            problems.add(_("fullStatement est obligatoire."), where=where)
        code = _text(entry.get("humanCodingScheme"))
        if len(code) > 60:
            problems.add(_("humanCodingScheme dépasse 60 caractères."), where=where)
        if problems:
            continue
        uri = _text(entry.get("uri"), 500)
        package.items[key] = ParsedItem(key, _item(entry, statement, code, index), uri)
        if uri:
            by_uri[uri] = key
    _associations(data.get("CFAssociations") or [], package, problems, (doc_id, doc_uri), by_uri)
    _rubrics(data.get("CFRubrics") or [], package, problems, by_uri)
    for key in _cycles(package.parents):
        problems.add(
            _("les associations isChildOf forment une boucle autour de l'item %(id)s.")
            % {"id": key},
            where="CFAssociations",
        )
    if problems:
        raise ImportRefusedError(problems)
    return package


def _cycles(parents: dict[str, tuple[str, int]]) -> list[str]:
    """One item of each loop of parents (an item cannot be its own ancestor)."""
    done: set[str] = set()
    found = []
    for start in parents:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in done and node not in path:
            path.append(node)
            node = parents[node][0] if node in parents else None
        if node is not None and node in path:
            found.append(node)
        done.update(path)
    return found


def _item(entry: dict[str, Any], statement: str, code: str, index: int) -> Item:
    extensions = entry.get("extensions")
    translations = extensions.get(TRANSLATIONS) if isinstance(extensions, dict) else None
    if not isinstance(translations, dict):
        translations = {}
    return Item(
        full_statement=statement,
        abbreviated_statement=_text(entry.get("abbreviatedStatement"), 200),
        human_coding_scheme=code,
        list_enumeration=_text(entry.get("listEnumeration"), 20),
        item_type=_text(entry.get("CFItemType"), 120),
        language=_text(entry.get("language"), 8),
        notes=_text(entry.get("notes")),
        concept_keywords=_strings(entry.get("conceptKeywords")),
        education_level=_strings(entry.get("educationLevel")),
        translations={
            str(lang)[:8]: value for lang, value in translations.items() if isinstance(value, dict)
        },
        sequence=index,
    )


def _associations(
    entries: Any,
    package: Package,
    problems: Problems,
    document: tuple[str, str],
    by_uri: dict[str, str],
) -> None:
    if not isinstance(entries, list):
        problems.add(_("CFAssociations doit être une liste."))
        return
    outside = 0
    for index, entry in enumerate(entries):
        where = f"CFAssociations[{index}]"
        if not isinstance(entry, dict):
            problems.add(_("une association doit être un objet JSON."), where=where)
            continue
        kind = _text(entry.get("associationType"))
        if kind not in TYPES:
            problems.add(
                _("type d'association inconnu « %(type)s ».") % {"type": kind[:40]}, where=where
            )
            continue
        origin_id, origin_uri, _title = _node(entry.get("originNodeURI"))
        origin = origin_id if origin_id in package.items else by_uri.get(origin_uri)
        if origin is None:
            outside += 1  # about nodes outside the package: nothing to attach it to
            continue
        target_id, target_uri, target_title = _node(entry.get("destinationNodeURI"))
        target = target_id if target_id in package.items else by_uri.get(target_uri)
        sequence = entry.get("sequenceNumber")
        rank = sequence if isinstance(sequence, int) and not isinstance(sequence, bool) else None
        if kind == "isChildOf" and origin not in package.parents:
            if target is not None and target != origin:
                package.parents[origin] = (target, rank if rank is not None else index)
                continue
            if target_id == document[0] or (target_uri and target_uri == document[1]):
                package.items[origin].item.sequence = rank if rank is not None else index
                continue
        if target is None and not is_http_uri(target_uri):
            problems.add(
                _("la destination n'est ni un item du paquet ni une adresse http(s)."),
                where=where,
            )
            continue
        package.links.append(
            ParsedLink(kind, origin, target, target_uri, target_title, target_id, rank)
        )
    if outside:
        package.notes.append(
            _("%(count)s associations partant de nœuds extérieurs au paquet ont été ignorées.")
            % {"count": outside}
        )


def _rubrics(entries: Any, package: Package, problems: Problems, by_uri: dict[str, str]) -> None:
    if not isinstance(entries, list):
        problems.add(_("CFRubrics doit être une liste."))
        return
    for r_index, rubric in enumerate(entries):
        criteria = rubric.get("CFRubricCriteria") if isinstance(rubric, dict) else None
        for c_index, criterion in enumerate(criteria if isinstance(criteria, list) else []):
            where = f"CFRubrics[{r_index}].CFRubricCriteria[{c_index}]"
            if not isinstance(criterion, dict):
                continue
            levels = _levels(criterion.get("CFRubricCriterionLevels"), problems, where)
            item_id, item_uri, _title = _node(criterion.get("CFItemURI"))
            key = item_id if item_id in package.items else by_uri.get(item_uri)
            if key is not None:
                package.item_levels.setdefault(key, levels)
            elif not package.levels:
                package.levels = levels


def _levels(entries: Any, problems: Problems, where: str) -> list[ParsedLevel]:
    if not isinstance(entries, list):
        return []
    ordered = sorted((e for e in entries if isinstance(e, dict)), key=_position)
    levels = []
    for entry in ordered:
        quality = one_line(_text(entry.get("quality")))
        description = _text(entry.get("description"))
        name = quality or one_line(description)
        if not name:
            continue
        if len(name) > MAX_LEVEL_NAME:
            name = name[: MAX_LEVEL_NAME - 1] + "…"
            description = description or quality
        levels.append(ParsedLevel(name, description if description != name else ""))
    if len(levels) > MAX_LEVELS:
        problems.add(
            _("%(count)s niveaux ; %(max)s au plus.") % {"count": len(levels), "max": MAX_LEVELS},
            where=where,
        )
    names = [level.name.casefold() for level in levels]
    if len(set(names)) != len(names):
        problems.add(_("deux niveaux portent le même nom."), where=where)
    return levels


def _position(entry: dict[str, Any]) -> float:
    position = entry.get("position")
    return float(position) if isinstance(position, int | float) else 0.0


def document_fields(document: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """The Framework fields the CFDocument (and its licence) gives."""
    title = one_line(_text(document.get("title")))
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 1] + "…"
    status = _text(document.get("adoptionStatus"))
    fields: dict[str, Any] = {
        "title": title,
        "creator": _text(document.get("creator"), 200),
        "publisher": _text(document.get("publisher"), 200),
        "description": _text(document.get("description")),
        "notes": _text(document.get("notes")),
        "version": _text(document.get("version"), 50),
        "language": _text(document.get("language"), 8) or "fr",
        "adoption_status": status if status in STATUSES else Framework.Status.DRAFT,
        "official_source_url": _url(document.get("officialSourceURL")),
        "source_uri": _url(document.get("uri")),
    }
    licence_id, licence_uri, licence_title = _node(document.get("licenseURI"))
    definitions = data.get("CFDefinitions")
    licences = definitions.get("CFLicenses") if isinstance(definitions, dict) else None
    for licence in licences if isinstance(licences, list) else []:
        if isinstance(licence, dict) and _text(licence.get("identifier")) == licence_id:
            licence_title = _text(licence.get("title")) or licence_title
            fields["licence_text"] = _text(licence.get("licenseText"))
            licence_uri = _text(licence.get("uri")) or licence_uri
    fields["licence_title"] = licence_title[:200]
    fields["licence_uri"] = _url(licence_uri) if "/ims/case/" not in licence_uri else ""
    return fields


def _url(value: Any) -> str:
    text = _text(value, 500)
    return text if is_http_uri(text) else ""


def write(package: Package, framework: Framework) -> Outcome:
    """Write a parsed package into ``framework`` (just created, still empty)."""
    writer = ItemWriter(framework)
    for key, parsed in package.items.items():
        if key in package.parents:
            parsed.item.sequence = package.parents[key][1]
        writer.add(key, parsed.item)
        if parsed.uri and is_http_uri(parsed.uri):
            writer.add_exact_match(key, parsed.uri, parsed.item.full_statement)
    writer.flush()
    pks = writer.pks
    set_parents((pks[child], pks[parent]) for child, (parent, _rank) in package.parents.items())
    Association.objects.bulk_create(
        (
            Association(
                framework=framework,
                association_type=link.kind,
                origin_id=pks[link.origin],
                destination_id=pks[link.destination] if link.destination else None,
                destination_uri="" if link.destination else link.uri,
                destination_title="" if link.destination else link.title[:1000],
                destination_identifier="" if link.destination else link.identifier,
                sequence_number=link.sequence,
            )
            for link in package.links
        ),
        batch_size=BATCH,
    )
    levels = [
        Level(framework=framework, position=rank, name=level.name, description=level.description)
        for rank, level in enumerate(package.levels)
    ]
    for key, item_levels in package.item_levels.items():
        levels += [
            Level(
                framework=framework,
                item_id=pks[key],
                position=rank,
                name=level.name,
                description=level.description,
            )
            for rank, level in enumerate(item_levels)
        ]
    Level.objects.bulk_create(levels, batch_size=BATCH)
    return Outcome(created=writer.created, notes=list(package.notes))
