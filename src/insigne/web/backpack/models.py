"""What the holder adds to the badges they hold: collections, evidence and a reflection."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..awards.models import Award
from ..external.models import ExternalBadge


class Collection(models.Model):
    """A named set of the holder's badges, private or public, with its own page."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collections"
    )
    name = models.CharField(_("nom"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    public = models.BooleanField(_("publique"), default=False)
    awards = models.ManyToManyField(Award, blank=True, related_name="collections")
    external_badges = models.ManyToManyField(ExternalBadge, blank=True, related_name="collections")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]


class Reflection(models.Model):
    """The holder's own words about an award, shown apart from the issuer's narrative."""

    award = models.OneToOneField(Award, on_delete=models.CASCADE, related_name="reflection")
    text = models.TextField(_("réflexion"), max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)


class HolderEvidence(models.Model):
    """Evidence the holder adds to an award (a link or a file), shown as added by the holder,
    never mixed with the evidence the issuer signed into the credential."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="holder_evidence")
    title = models.CharField(_("titre"), max_length=200)
    url = models.URLField(_("adresse web"), max_length=2000, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    file_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    data = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
