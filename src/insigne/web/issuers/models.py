"""Organisations that issue badges, their staff, and their signing keys."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import validate_siret


class Organisation(models.Model):
    class Kind(models.TextChoices):
        TRAINING_BODY = "training", _("Organisme de formation")
        COMPANY = "company", _("Entreprise")
        ASSOCIATION = "association", _("Association")
        LOCAL_AUTHORITY = "authority", _("Collectivité territoriale")
        SCHOOL = "school", _("Établissement d'enseignement")
        OTHER = "other", _("Autre")

    class Region(models.TextChoices):
        ARA = "ARA", "Auvergne-Rhône-Alpes"
        BFC = "BFC", "Bourgogne-Franche-Comté"
        BRE = "BRE", "Bretagne"
        CVL = "CVL", "Centre-Val de Loire"
        COR = "COR", "Corse"
        GES = "GES", "Grand Est"
        HDF = "HDF", "Hauts-de-France"
        IDF = "IDF", "Île-de-France"
        NOR = "NOR", "Normandie"
        NAQ = "NAQ", "Nouvelle-Aquitaine"
        OCC = "OCC", "Occitanie"
        PDL = "PDL", "Pays de la Loire"
        PAC = "PAC", "Provence-Alpes-Côte d'Azur"
        GUA = "GUA", "Guadeloupe"
        GUY = "GUY", "Guyane"
        MAR = "MAR", "Martinique"
        MAY = "MAY", "Mayotte"
        REU = "REU", "La Réunion"
        ABROAD = "ABROAD", _("Hors de France")

    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    contact_email = models.EmailField(_("adresse de contact"))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    region = models.CharField(_("région"), max_length=8, choices=Region.choices, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    linkedin_organization_id = models.CharField(
        _("identifiant de la page LinkedIn"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^\d{1,20}$", _("Un identifiant LinkedIn est un nombre."))],
    )
    logo_png = models.BinaryField(_("logo"), blank=True, null=True, editable=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A department or site of an organisation, used to file badges."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("nom"), max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unit_unique_name")
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    OWNER = "owner", _("Responsable")
    EDITOR = "editor", _("Conception des badges")
    AWARDER = "awarder", _("Attribution des badges")


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.role})"


class Invitation(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse électronique"))
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class SigningKey(models.Model):
    """An Ed25519 key of an organisation; the secret is encrypted with the platform secret.

    Retired keys stay published in the DID document so that credentials they signed keep
    verifying; only the active key signs.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="signing_keys"
    )
    public_multibase = models.CharField(max_length=64, unique=True)
    encrypted_secret = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(retired_at__isnull=True),
                name="one_active_key_per_organisation",
            )
        ]


def new_public_id() -> str:
    return uuid.uuid4().hex
