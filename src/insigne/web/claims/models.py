"""Getting a badge without being sent one.

A claim link (printed as a QR code at an event, or sent around) lets participants ask for a
badge with their e-mail address; each use is recorded as a badge request, accepted at once
or left for staff to decide. Learners may also ask for a badge from its public page, with
evidence, when the issuer accepts requests for it.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..awards.models import Award
from ..badges.models import Badge


def new_token() -> str:
    """128 random bits, short enough for a small QR code."""
    return secrets.token_urlsafe(16)


class ClaimLink(models.Model):
    class Closed(models.TextChoices):
        INACTIVE = "inactive", _("désactivé")
        EXPIRED = "expired", _("expiré")
        EXHAUSTED = "exhausted", _("complet")
        ARCHIVED = "archived", _("badge archivé")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge = models.ForeignKey(Badge, on_delete=models.CASCADE, related_name="claim_links")
    label = models.CharField(_("nom de l'événement"), max_length=200)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    code = models.CharField(_("code"), max_length=40, blank=True)
    max_uses = models.PositiveIntegerField(
        _("nombre maximal d'utilisations"), null=True, blank=True
    )
    uses = models.PositiveIntegerField(_("utilisations"), default=0)
    expires_at = models.DateTimeField(_("date d'expiration"), null=True, blank=True)
    requires_approval = models.BooleanField(_("validation par l'équipe"), default=False)
    active = models.BooleanField(_("actif"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lien de réclamation")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_uses__isnull=True) | Q(max_uses__gte=1),
                name="claim_link_max_uses_positive",
            ),
            models.CheckConstraint(
                condition=Q(max_uses__isnull=True) | Q(uses__lte=F("max_uses")),
                name="claim_link_uses_within_limit",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def closed(self, now: datetime | None = None) -> str | None:
        """Why the link accepts nobody now (a ``Closed`` value), or None when it is open."""
        if not self.active:
            return self.Closed.INACTIVE
        if self.badge.archived:
            return self.Closed.ARCHIVED
        if self.expires_at is not None and self.expires_at <= (now or timezone.now()):
            return self.Closed.EXPIRED
        if self.max_uses is not None and self.uses >= self.max_uses:
            return self.Closed.EXHAUSTED
        return None

    @property
    def remaining(self) -> int | None:
        return None if self.max_uses is None else max(0, self.max_uses - self.uses)


class BadgeRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("en attente")
        ACCEPTED = "accepted", _("acceptée")
        DECLINED = "declined", _("refusée")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge = models.ForeignKey(Badge, on_delete=models.CASCADE, related_name="requests")
    claim_link = models.ForeignKey(
        ClaimLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="requests"
    )
    email = models.EmailField(_("adresse électronique"))
    name = models.CharField(_("nom et prénom"), max_length=200)
    language = models.CharField(max_length=8, default="fr")
    # The account that asked; its requests go with it when it is deleted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="badge_requests",
    )
    evidence_url = models.URLField(_("adresse d'une preuve"), max_length=500, blank=True)
    evidence_text = models.TextField(_("description de la preuve"), blank=True)
    evidence_file_name = models.CharField(max_length=255, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)
    evidence_data = models.BinaryField(null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decision_comment = models.TextField(_("commentaire"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Accepted on the spot by a claim link that needs no approval.
    automatic = models.BooleanField(default=False)
    award = models.OneToOneField(
        Award, on_delete=models.SET_NULL, null=True, blank=True, related_name="badge_request"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("demande de badge")
        indexes = [models.Index(fields=["badge", "state"], name="badge_request_state")]
        constraints = [
            # One open request per person and badge; a declined one may be asked again.
            models.UniqueConstraint(
                fields=["badge", "email"],
                condition=Q(state="pending"),
                name="badge_request_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(state="pending", decided_at__isnull=True)
                | (~Q(state="pending") & Q(decided_at__isnull=False)),
                name="badge_request_decided_when_not_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_url or self.evidence_text or self.evidence_file_name)
