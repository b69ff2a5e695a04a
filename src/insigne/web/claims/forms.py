"""Forms of the claims context: a claim link, claiming through it, a learner's request, and
staff decisions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..awards.forms import EVIDENCE_TYPES, MAX_EVIDENCE_BYTES
from .actions import RequestEvidence
from .models import ClaimLink

MAX_USES = 100_000


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class LinkForm(_Form):
    label = forms.CharField(
        label=_("Nom de l'événement"),
        max_length=200,
        help_text=_("Par exemple « Forum des métiers, 12 mars ». Les participants le voient."),
    )
    code = forms.CharField(
        label=_("Code à saisir (facultatif)"),
        required=False,
        max_length=40,
        help_text=_(
            "Un mot que vous annoncez sur place : sans lui, le lien seul ne suffit pas. "
            "Majuscules et minuscules sont confondues."
        ),
    )
    max_uses = forms.IntegerField(
        label=_("Nombre maximal de badges (facultatif)"),
        required=False,
        min_value=1,
        max_value=MAX_USES,
        help_text=_("Par exemple le nombre d'inscrits. Vide : pas de limite."),
    )
    expires_at = forms.DateTimeField(
        label=_("Fin de validité du lien (facultatif)"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    requires_approval = forms.BooleanField(
        label=_("Chaque demande est validée par l'équipe avant l'attribution"),
        required=False,
        help_text=_(
            "Sans validation, le badge est attribué dès que la personne remplit le formulaire."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expires_at"].help_text = _(
            "Heure de %(zone)s. Vide : le lien reste valable jusqu'à ce que vous le désactiviez."
        ) % {"zone": timezone.get_current_timezone_name()}

    def clean_expires_at(self) -> datetime | None:
        moment: datetime | None = self.cleaned_data.get("expires_at")
        if moment is not None and moment <= timezone.now():
            raise ValidationError(_("Choisissez une date et une heure à venir."))
        return moment


class EventClaimForm(_Form):
    name = forms.CharField(
        label=_("Nom et prénom"),
        max_length=200,
        help_text=_("Tels qu'ils doivent figurer sur le badge."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        help_text=_("Le badge vous sera envoyé à cette adresse."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, link: ClaimLink, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if link.code:
            self.fields["code"] = forms.CharField(
                label=_("Code de l'événement"),
                max_length=40,
                help_text=_("Le code annoncé par l'organisateur."),
                widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
            )
        if link.requires_approval:
            self.fields["message"] = forms.CharField(
                label=_("Message pour l'organisateur (facultatif)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )


def evidence_type(name: str) -> str | None:
    """The content type of an accepted evidence file, from its extension; None if refused."""
    if "." not in name:
        return None
    return EVIDENCE_TYPES.get("." + name.rsplit(".", 1)[-1].lower())


class LearnerRequestForm(_Form):
    email = forms.ChoiceField(
        label=_("Adresse à laquelle recevoir le badge"),
        help_text=_("Une des adresses vérifiées de votre compte."),
    )
    name = forms.CharField(
        label=_("Nom et prénom"),
        max_length=200,
        help_text=_("Tels qu'ils doivent figurer sur le badge."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    evidence_url = forms.URLField(
        label=_("Adresse d'une preuve"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Par exemple la page d'un projet, une vidéo, un portfolio."),
    )
    evidence_text = forms.CharField(
        label=_("Ce que vous avez fait"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Décrivez ce qui montre que vous remplissez les critères."),
    )
    evidence_file = forms.FileField(
        label=_("Fichier de preuve"),
        required=False,
        help_text=_("PDF, image, document bureautique, audio ou vidéo ; 10 Mo au plus."),
    )
    message = forms.CharField(
        label=_("Message pour l'émetteur (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, addresses: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["email"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(address, address) for address in addresses]

    def evidence_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("evidence_url", "evidence_text", "evidence_file")]

    def clean_evidence_file(self) -> UploadedFile[bytes] | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("evidence_file")
        if upload is None:
            return None
        if (upload.size or 0) > MAX_EVIDENCE_BYTES:
            raise ValidationError(_("Le fichier dépasse 10 Mo."))
        if evidence_type(upload.name or "") is None:
            raise ValidationError(
                _("Ce type de fichier n'est pas accepté (PDF, image, document, audio ou vidéo).")
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [data.get("evidence_url"), (data.get("evidence_text") or "").strip()]
        if not any(given) and not data.get("evidence_file") and not self._file_refused():
            raise ValidationError(
                _("Donnez au moins une preuve : une adresse, une description ou un fichier."),
                code="no_evidence",
            )
        return data

    def _file_refused(self) -> bool:
        return "evidence_file" in self.errors

    def evidence(self) -> RequestEvidence:
        data = self.cleaned_data
        upload: UploadedFile[bytes] | None = data.get("evidence_file")
        if upload is None:
            return RequestEvidence(url=data.get("evidence_url") or "", text=data["evidence_text"])
        upload.seek(0)
        return RequestEvidence(
            url=data.get("evidence_url") or "",
            text=data["evidence_text"],
            file_name=(upload.name or "")[:255],
            content_type=evidence_type(upload.name or "") or "application/octet-stream",
            data=upload.read(),
        )


class AcceptForm(_Form):
    comment = forms.CharField(
        label=_("Commentaire pour la personne (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Conservé avec la demande ; la personne le voit dans ses demandes si elle a un "
            "compte Insigne."
        ),
    )


class DeclineForm(_Form):
    comment = forms.CharField(
        label=_("Motif du refus"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Il est envoyé par courriel à la personne."),
        error_messages={"required": _("Expliquez à la personne pourquoi sa demande est refusée.")},
    )
