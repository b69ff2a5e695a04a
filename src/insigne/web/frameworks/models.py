"""Competence frameworks, shaped on 1EdTech CASE 1.0/1.1.

A :class:`Framework` is a CFDocument; its :class:`Item` rows are CFItems, nested through
``parent`` (CASE's ``isChildOf`` association, kept on the child so the tree cannot contradict
itself); every other association is an :class:`Association`; the ordered :class:`Level` rows are
the criterion levels of the framework's CFRubric, either one scale for the whole framework
(``item`` is None) or a scale of one item.

Identifiers are ours: every object gets a UUID when it is written here, and its ``uri`` is a
page of this platform's CASE service (see ``uris.py``), so badge alignments point at addresses
the platform controls. An item that came from elsewhere (an ESCO ``conceptUri``, the ``uri`` of
an imported CASE item) keeps that address in ``source_uri`` and, in CASE, as an
``exactMatchOf`` association to it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..issuers.models import Organisation

MAX_TITLE = 120  # a badge competence's "référentiel" field holds the title
MAX_CODE = 60  # and its "code" field the item's humanCodingScheme
MAX_LEVELS = 10
MAX_LEVEL_NAME = 100


class Framework(models.Model):
    class Origin(models.TextChoices):
        SHIPPED = "shipped", _("Fourni avec Insigne")
        HOUSE = "house", _("Référentiel maison")
        CASE = "case", _("Importé (CASE)")
        ESCO = "esco", _("Importé (ESCO)")
        ROME = "rome", _("Importé (ROME 4.0)")

    class Status(models.TextChoices):
        DRAFT = "Draft", _("Brouillon")
        ADOPTED = "Adopted", _("Adopté")
        DEPRECATED = "Deprecated", _("Abandonné")

    identifier = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # None: shipped with the product, offered to every organisation, read-only.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="frameworks",
    )
    origin = models.CharField(max_length=10, choices=Origin.choices)
    title = models.CharField(_("titre"), max_length=MAX_TITLE)
    creator = models.CharField(_("auteur"), max_length=200, blank=True)
    publisher = models.CharField(_("éditeur"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Where the data comes from and under which terms, in plain words (CASE ``notes``).
    notes = models.TextField(_("source et notes"), blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)
    language = models.CharField(_("langue"), max_length=8, default="fr")
    adoption_status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    licence_title = models.CharField(_("licence"), max_length=200, blank=True)
    licence_text = models.TextField(_("conditions de réutilisation"), blank=True)
    licence_uri = models.URLField(_("adresse de la licence"), max_length=500, blank=True)
    official_source_url = models.URLField(_("source officielle"), max_length=500, blank=True)
    source_uri = models.URLField(max_length=500, blank=True)  # an imported CFDocument's uri
    licence_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    rubric_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    criterion_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("référentiel")

    def __str__(self) -> str:
        return self.title

    @property
    def shipped(self) -> bool:
        return self.organisation_id is None

    @property
    def house(self) -> bool:
        return self.origin == self.Origin.HOUSE


class Item(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    identifier = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    sequence = models.PositiveIntegerField(default=0)  # order among its siblings
    full_statement = models.TextField(_("intitulé"))
    abbreviated_statement = models.CharField(_("intitulé court"), max_length=200, blank=True)
    human_coding_scheme = models.CharField(_("code"), max_length=MAX_CODE, blank=True)
    list_enumeration = models.CharField(max_length=20, blank=True)
    item_type = models.CharField(_("type"), max_length=120, blank=True)
    language = models.CharField(max_length=8, blank=True)
    notes = models.TextField(_("description"), blank=True)
    concept_keywords = models.JSONField(default=list, blank=True)
    education_level = models.JSONField(default=list, blank=True)
    # Labels in other languages: {"en": {"fullStatement": "...", "notes": "..."}}.
    translations = models.JSONField(default=dict, blank=True)
    source_uri = models.URLField(max_length=500, blank=True)
    # Identifiers of the CASE objects this row also stands for.
    child_link_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    criterion_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Code, labels and keywords in every language, lower-case and without accents.
    search_text = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["framework", "sequence", "pk"]
        indexes = [models.Index(fields=["framework", "source_uri"], name="item_source")]

    def __str__(self) -> str:
        return self.full_statement

    def label(self, language: str | None = None) -> str:
        """The item's statement in ``language`` when known, else in the framework's language."""
        if language and language != self.language:
            translated = (self.translations or {}).get(language) or {}
            if translated.get("fullStatement"):
                return str(translated["fullStatement"])
        return self.full_statement

    def label_language(self, language: str | None = None) -> str:
        """The language :meth:`label` answers in for ``language``."""
        if language and language != self.language:
            translated = (self.translations or {}).get(language) or {}
            if translated.get("fullStatement"):
                return language
        return self.language or self.framework.language

    def description(self, language: str | None = None) -> str:
        if language and language != self.language:
            translated = (self.translations or {}).get(language) or {}
            if translated.get("fullStatement"):
                return str(translated.get("notes") or "")
        return self.notes


class Association(models.Model):
    """A CASE association other than the tree (``isChildOf`` lives on :attr:`Item.parent`),
    or a second parent of an item imported from CASE."""

    class Type(models.TextChoices):
        IS_CHILD_OF = "isChildOf", _("est un enfant de")
        IS_PEER_OF = "isPeerOf", _("est un pair de")
        IS_PART_OF = "isPartOf", _("fait partie de")
        EXACT_MATCH_OF = "exactMatchOf", _("correspond exactement à")
        PRECEDES = "precedes", _("précède")
        IS_RELATED_TO = "isRelatedTo", _("est lié à")
        REPLACED_BY = "replacedBy", _("est remplacé par")
        EXEMPLAR = "exemplar", _("a pour exemple")
        HAS_SKILL_LEVEL = "hasSkillLevel", _("a pour niveau")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="associations")
    identifier = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    association_type = models.CharField(max_length=20, choices=Type.choices)
    origin = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="associations")
    # Either an item of this platform or a node elsewhere (uri, title, identifier).
    destination = models.ForeignKey(
        Item, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    destination_uri = models.URLField(max_length=500, blank=True)
    destination_title = models.TextField(blank=True)
    destination_identifier = models.CharField(max_length=200, blank=True)
    sequence_number = models.IntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["framework", "origin", "pk"]


class Level(models.Model):
    """One level of a scale (a CFRubricCriterionLevel), lowest first."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, null=True, blank=True, related_name="levels"
    )
    identifier = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    position = models.PositiveSmallIntegerField()
    name = models.CharField(_("niveau"), max_length=MAX_LEVEL_NAME)
    description = models.TextField(_("description"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["framework", "item", "position"]

    def __str__(self) -> str:
        return self.name
