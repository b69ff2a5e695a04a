"""Badge designs. A badge is a sequence of versions; a version that has awards is frozen and
editing the badge creates the next version, so awarded credentials never change meaning."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..issuers.models import Organisation, Unit


class Badge(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="badges")
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="badges"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived = models.BooleanField(_("archivé"), default=False)
    # Learners may ask for the badge from its public page (the claims app handles requests).
    accepts_requests = models.BooleanField(_("accepte les demandes"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("badge")

    def __str__(self) -> str:
        current = self.current_version
        return current.name if current else str(self.public_id)

    @property
    def current_version(self) -> BadgeVersion | None:
        return self.versions.order_by("-number").first()


class BadgeVersion(models.Model):
    class AchievementType(models.TextChoices):
        BADGE = "Badge", _("Badge")
        COMPETENCY = "Competency", _("Compétence")
        ACHIEVEMENT = "Achievement", _("Réalisation")
        AWARD = "Award", _("Distinction")
        CERTIFICATE = "Certificate", _("Certificat")
        COMPLETION = "CertificateOfCompletion", _("Attestation de suivi")
        COURSE = "Course", _("Formation")
        ASSESSMENT = "Assessment", _("Évaluation")
        COMMUNITY = "CommunityService", _("Engagement citoyen")
        MICRO = "MicroCredential", _("Micro-certification")
        MEMBERSHIP = "Membership", _("Adhésion")
        LEARNING_PROGRAM = "LearningProgram", _("Parcours de formation")

    class Expiry(models.TextChoices):
        NONE = "none", _("Sans limite de validité")
        DATE = "date", _("Jusqu'à une date")
        DURATION = "duration", _("Pendant une durée après l'attribution")

    badge = models.ForeignKey(Badge, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    name = models.CharField(_("nom"), max_length=120)
    description = models.TextField(_("description"))
    criteria = models.TextField(_("critères d'attribution"), help_text=_("Markdown"))
    language = models.CharField(
        _("langue du badge"), max_length=8, choices=[("fr", "Français"), ("en", "English")],
        default="fr",
    )  # fmt: skip
    achievement_type = models.CharField(
        _("nature"), max_length=40, choices=AchievementType.choices, default=AchievementType.BADGE
    )
    tags = models.JSONField(_("mots-clés"), default=list, blank=True)
    expiry = models.CharField(
        _("validité"), max_length=10, choices=Expiry.choices, default=Expiry.NONE
    )
    expiry_date = models.DateField(_("fin de validité"), null=True, blank=True)
    expiry_days = models.PositiveIntegerField(_("durée de validité (jours)"), null=True, blank=True)
    image_png = models.BinaryField(editable=True)
    image_svg = models.TextField(blank=True)
    design = models.JSONField(default=dict, blank=True)  # set when drawn with the designer
    certification_code = models.CharField(_("code de certification"), max_length=20, blank=True)
    certification_title = models.CharField(
        _("intitulé de la certification"), max_length=300, blank=True
    )
    certification_url = models.URLField(_("adresse de la fiche"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["badge", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["badge", "number"], name="badge_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.number})"


class Competence(models.Model):
    """One competence a badge version groups, with its optional scale of levels."""

    version = models.ForeignKey(BadgeVersion, on_delete=models.CASCADE, related_name="competences")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(_("compétence"), max_length=200)
    framework = models.CharField(_("référentiel"), max_length=120, blank=True)
    code = models.CharField(_("code"), max_length=60, blank=True)
    url = models.URLField(_("adresse de la compétence"), blank=True, max_length=500)
    description = models.TextField(_("description"), blank=True)
    levels = models.JSONField(_("niveaux"), default=list, blank=True)
    # The framework item it was picked from; None when typed by hand. Issued credentials name
    # the item's address, so an item a badge uses cannot be deleted.
    item = models.ForeignKey(
        "frameworks.Item",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="competences",
    )

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="competence_position"),
        ]

    def __str__(self) -> str:
        return self.name
