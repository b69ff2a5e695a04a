"""France Compétences certifications as imported from the open-data export: RS and RNCP
fiches (with their certifiers) and the RNCP blocs de compétences, plus a record of each import.

A badge version refers to a fiche or a bloc by its code (``BadgeVersion.certification_code``),
which the export keeps stable; re-importing updates fiches in place, so that link never
breaks and a code typed before the data was imported is linked once it is.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Fiche(models.Model):
    """One fiche (``Numero_Fiche``): an RS certification or an RNCP certification."""

    class Kind(models.TextChoices):
        RS = "RS", _("Répertoire spécifique")
        RNCP = "RNCP", _("Répertoire national des certifications professionnelles")

    code = models.CharField(_("numéro de fiche"), max_length=12, unique=True)
    kind = models.CharField(_("répertoire"), max_length=4, choices=Kind.choices)
    fiche_id = models.CharField(_("identifiant interne"), max_length=20, blank=True)
    title = models.TextField(_("intitulé"))
    abbreviation = models.CharField(_("abrégé"), max_length=40, blank=True)
    abbreviation_label = models.CharField(_("intitulé de l'abrégé"), max_length=200, blank=True)
    level = models.PositiveSmallIntegerField(_("niveau"), null=True, blank=True)
    level_label = models.CharField(_("intitulé du niveau"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    registration_type = models.CharField(_("type d'enregistrement"), max_length=200, blank=True)
    decision_date = models.DateField(_("date de décision"), null=True, blank=True)
    effective_date = models.DateField(_("date d'effet"), null=True, blank=True)
    end_date = models.DateField(_("fin d'enregistrement"), null=True, blank=True)
    journal_date = models.DateField(_("dernier Journal officiel"), null=True, blank=True)
    replaced_by = models.JSONField(_("remplacée par"), default=list, blank=True)
    # The bodies that deliver it (``Certificateurs``): [{"name": ..., "siret": ...}].
    certifiers = models.JSONField(_("certificateurs"), default=list, blank=True)
    # Lower-case, without accents: code, title and abbreviation, for search on any database.
    search_text = models.TextField(editable=False, default="")
    source = models.CharField(_("source"), max_length=200)
    export_date = models.DateField(_("date de l'export"), null=True, blank=True)
    imported_at = models.DateTimeField(_("importée le"), default=timezone.now)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("fiche de certification")
        verbose_name_plural = _("fiches de certification")
        indexes = [models.Index(fields=["kind", "active"], name="fiche_kind_active")]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def ended(self, today: datetime.date) -> bool:
        """Whether the fiche no longer certifies: inactive, or its registration is over."""
        return not self.active or (self.end_date is not None and self.end_date < today)


class Bloc(models.Model):
    """A bloc de compétences of an RNCP fiche (``Bloc_Competences_Code`` like RNCP38436BC01)."""

    code = models.CharField(_("code du bloc"), max_length=16, unique=True)
    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="blocs")
    label = models.TextField(_("libellé"))
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["code"]
        verbose_name = _("bloc de compétences")
        verbose_name_plural = _("blocs de compétences")

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class CertificationImport(models.Model):
    """Files uploaded by the platform staff, from upload to the final report."""

    class State(models.TextChoices):
        QUEUED = "queued", _("en attente")
        CHECKING = "checking", _("vérification des lignes")
        WRITING = "writing", _("enregistrement")
        DONE = "done", _("terminé")
        REFUSED = "refused", _("refusé : rien n'a été enregistré")
        FAILED = "failed", _("échec : rien n'a été enregistré")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # [{"name": file name as uploaded, "path": where it is kept until the import ends}]
    files = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    rows_checked = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)  # see importer.Report.as_json
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.REFUSED, self.State.FAILED)
