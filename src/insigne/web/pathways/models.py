"""Grouped badges, pathways and the words the public search looks in.

A grouping makes a badge the sum of earlier badges of the same organisation (its parts).
A pathway names a goal (a badge to award, or a certification) and what leads to it: badges
and competence levels. Who meets a pathway is computed from awards, never stored; what is
stored is the outcome for a person (the goal badge awarded, or the proposal set aside), so
that nobody receives the goal badge twice.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..awards.models import Award
from ..badges.models import Badge, BadgeVersion
from ..issuers.models import Organisation


class Grouping(models.Model):
    """``badge`` groups the competences of ``parts``, badges awarded earlier one by one."""

    badge = models.OneToOneField(Badge, on_delete=models.CASCADE, related_name="grouping")
    parts = models.ManyToManyField(Badge, related_name="part_of")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)


class Pathway(models.Model):
    class Completion(models.TextChoices):
        AUTOMATIC = "automatic", _("Attribuer le badge visé automatiquement")
        PROPOSE = "propose", _("Proposer l'attribution à l'équipe")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="pathways"
    )
    name = models.CharField(_("nom du parcours"), max_length=120)
    description = models.TextField(_("présentation"), blank=True)
    # RESTRICT: a badge a pathway uses is not deleted alone; deleting the organisation
    # deletes both.
    goal_badge = models.ForeignKey(
        Badge, on_delete=models.RESTRICT, null=True, blank=True, related_name="goal_of"
    )
    certification_code = models.CharField(_("code de la certification"), max_length=20, blank=True)
    certification_title = models.CharField(
        _("intitulé de la certification"), max_length=300, blank=True
    )
    completion = models.CharField(
        _("quand les conditions sont remplies"),
        max_length=10,
        choices=Completion.choices,
        default=Completion.PROPOSE,
    )
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def automatic(self) -> bool:
        return self.completion == self.Completion.AUTOMATIC and self.goal_badge_id is not None


class Requirement(models.Model):
    """A badge to hold, or a competence to hold at a level of its scale at least.

    A competence is named as badges name it (name, framework, code, address) and keeps the
    scale it was picked with, which orders the levels.
    """

    class Kind(models.TextChoices):
        BADGE = "badge", _("Badge")
        COMPETENCE = "competence", _("Compétence")

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="requirements")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    badge = models.ForeignKey(
        Badge, on_delete=models.RESTRICT, null=True, blank=True, related_name="required_by"
    )
    name = models.CharField(max_length=200, blank=True)
    framework = models.CharField(max_length=120, blank=True)
    code = models.CharField(max_length=60, blank=True)
    url = models.URLField(max_length=500, blank=True)
    levels = models.JSONField(default=list, blank=True)
    minimum = models.CharField(max_length=200, blank=True)  # one of ``levels``, or any level

    class Meta:
        ordering = ["pathway", "position"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "position"], name="requirement_position"),
            models.CheckConstraint(
                condition=models.Q(kind="badge", badge__isnull=False)
                | models.Q(kind="competence", badge__isnull=True),
                name="requirement_kind",
            ),
        ]


class Outcome(models.Model):
    """What became of a person who met a pathway: the goal badge was awarded to them, or the
    staff set the proposal aside. One per pathway and address."""

    class State(models.TextChoices):
        AWARDED = "awarded", _("badge attribué")
        DISMISSED = "dismissed", _("proposition écartée")

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="outcomes")
    recipient_email = models.EmailField()
    state = models.CharField(max_length=10, choices=State.choices)
    award = models.ForeignKey(
        Award, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "recipient_email"], name="outcome_once_per_address"
            )
        ]


class SearchTerms(models.Model):
    """A badge version's competences and certification, folded (no case, no accents) so that
    any database finds "equipe" in "Travailler en Équipe". Written for versions with public
    awards, which are frozen: the words never change after."""

    version = models.OneToOneField(
        BadgeVersion, on_delete=models.CASCADE, related_name="search_terms"
    )
    competences = models.TextField(blank=True)  # one competence per line: name and code
    certification = models.TextField(blank=True)  # code and title
