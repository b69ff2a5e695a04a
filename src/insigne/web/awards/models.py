"""Awards (one signed credential per learner and badge), status lists and CSV imports."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..badges.models import BadgeVersion
from ..issuers.models import Organisation


class StatusList(models.Model):
    """A W3C Bitstring Status List of an organisation, for one purpose.

    ``bits`` is the raw bitstring (MSB first); ``credential`` caches the signed
    BitstringStatusListCredential for ``version``, re-signed when bits change.
    """

    class Purpose(models.TextChoices):
        REVOCATION = "revocation", _("révocation")
        SUSPENSION = "suspension", _("suspension")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="status_lists"
    )
    purpose = models.CharField(max_length=12, choices=Purpose.choices)
    size = models.PositiveIntegerField(default=131_072)
    used = models.PositiveIntegerField(default=0)
    bits = models.BinaryField()
    version = models.PositiveIntegerField(default=0)
    credential = models.TextField(blank=True)
    credential_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class AwardImport(models.Model):
    """A CSV or spreadsheet of learners to award, from upload to the final report."""

    class State(models.TextChoices):
        PREVIEW = "preview", _("aperçu")
        QUEUED = "queued", _("en attente")
        RUNNING = "running", _("en cours")
        DONE = "done", _("terminé")
        FAILED = "failed", _("échec")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="imports")
    version = models.ForeignKey(BadgeVersion, on_delete=models.PROTECT, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    rows = models.JSONField(default=list)  # the valid rows, ready to issue
    problems = models.JSONField(default=list)  # [{"line": n, "message": "..."}]
    state = models.CharField(max_length=10, choices=State.choices, default=State.PREVIEW)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class Award(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("valide")
        SUSPENDED = "suspended", _("suspendu")
        REVOKED = "revoked", _("révoqué")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="awards")
    version = models.ForeignKey(BadgeVersion, on_delete=models.PROTECT, related_name="awards")
    recipient_email = models.EmailField(_("adresse du bénéficiaire"))
    recipient_name = models.CharField(_("nom du bénéficiaire"), max_length=200)
    language = models.CharField(max_length=8, default="fr")
    awarded_at = models.DateTimeField(_("date d'attribution"))
    valid_until = models.DateTimeField(null=True, blank=True)
    narrative = models.TextField(_("commentaire"), blank=True)
    levels = models.JSONField(default=dict, blank=True)  # competence position -> level name
    evidence = models.JSONField(default=list, blank=True)  # [{"url", "name", "narrative"}]
    salt = models.CharField(max_length=64)
    credential = models.TextField()  # the signed OB 3.0 credential, exactly as signed
    credential_jwt = models.TextField(blank=True)  # VC-JWT, when requested
    revocation_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, related_name="+", null=True
    )
    revocation_index = models.PositiveIntegerField(null=True)
    suspension_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, related_name="+", null=True
    )
    suspension_index = models.PositiveIntegerField(null=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACTIVE)
    state_reason = models.CharField(_("motif"), max_length=500, blank=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=64, unique=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="awards",
    )  # fmt: skip
    public = models.BooleanField(default=False)  # the learner's choice (private by default)
    public_changed_at = models.DateTimeField(null=True, blank=True)  # when they last chose
    # When the holder last changed what the badge page shows (its visibility, their evidence
    # or reflection): part of the key of the cached page.
    holder_changed_at = models.DateTimeField(null=True, blank=True)
    # Set when the learner deleted their account: personal data is gone, the public page
    # answers 410 Gone, and the award is not revoked (revocation is the issuer's act).
    erased_at = models.DateTimeField(null=True, blank=True)
    import_batch = models.ForeignKey(
        AwardImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="awards"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-awarded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["revocation_list", "revocation_index"], name="revocation_slot_unique"
            ),
            models.UniqueConstraint(
                fields=["suspension_list", "suspension_index"], name="suspension_slot_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "awarded_at"]),
            models.Index(fields=["recipient_email"]),
        ]


class EvidenceFile(models.Model):
    """A file given as evidence for an award, served at a stable URL named in the credential."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="evidence_files")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
