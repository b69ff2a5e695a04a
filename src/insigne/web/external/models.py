"""External badges: credentials issued by other platforms, added by their holder.

The original bytes are kept exactly as received (a baked image, JSON or a VC-JWT); the rest is
read from them to list and search the backpack. ``credential_id`` is the credential's own ``id``
(OB 3.0) or the assertion's (OB 2.0): one holder keeps one copy of a credential, so the Open
Badges 3.0 API's "upsert credential" replaces it in place.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ExternalBadge(models.Model):
    class Source(models.TextChoices):
        FILE = "file", _("fichier")
        URL = "url", _("adresse web")
        API = "api", _("API Open Badges")

    class Spec(models.TextChoices):
        OB3 = "ob3", "Open Badges 3.0"
        OB2 = "ob2", "Open Badges 2.0"

    class Outcome(models.TextChoices):
        """The last verdict in one word, for lists (the page shows every check)."""

        PASS = "pass", _("vérifié")
        WARNING = "warning", _("vérifié, avec des réserves")
        FAIL = "fail", _("non vérifié")
        REVOKED = "revoked", _("révoqué")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_badges"
    )
    source = models.CharField(max_length=8, choices=Source.choices)
    source_url = models.URLField(max_length=2000, blank=True)
    original = models.BinaryField()  # exactly the bytes received
    original_name = models.CharField(max_length=255, blank=True)
    original_media_type = models.CharField(max_length=100)
    spec = models.CharField(max_length=4, choices=Spec.choices)
    credential_id = models.CharField(max_length=2000, blank=True)
    credential = models.TextField()  # the credential or assertion read from the original
    name = models.CharField(_("nom"), max_length=500)
    description = models.TextField(blank=True)
    issuer_name = models.CharField(_("émetteur"), max_length=500, blank=True)
    issuer_url = models.URLField(max_length=2000, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True)
    image_png = models.BinaryField(null=True, blank=True)
    verified = models.BooleanField(default=False)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, default=Outcome.FAIL)
    report = models.JSONField(default=dict, blank=True)  # the last verification, for display
    checked_at = models.DateTimeField(null=True, blank=True)
    public = models.BooleanField(default=False)  # the holder's choice (private by default)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "credential_id"],
                condition=~Q(credential_id=""),
                name="external_one_copy_per_holder",
            )
        ]
