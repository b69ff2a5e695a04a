"""Forms of the awards context: one award, an uploaded list, a change of state, list filters."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ..badges.models import BadgeVersion, Competence
from .actions import Evidence
from .dates import EARLIEST, awarded_at, today
from .issuance import Recipient
from .models import Award

LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# Files people give as evidence; served as downloads by the public app. No SVG or HTML:
# they could run scripts in a browser.
EVIDENCE_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".txt": "text/plain",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".mp3": "audio/mpeg",
    ".mp4": "video/mp4",
}


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _level_field(competence: Competence) -> forms.ChoiceField:
    choices = [("", _("— non précisé —")), *((str(lv), str(lv)) for lv in competence.levels)]
    return forms.ChoiceField(label=competence.name, choices=choices, required=False)


class AwardForm(_Form):
    email = forms.EmailField(label=_("Adresse électronique"), max_length=254)
    name = forms.CharField(label=_("Nom et prénom"), max_length=200)
    language = forms.ChoiceField(
        label=_("Langue du courriel"),
        choices=LANGUAGES,
        initial="fr",
        help_text=_("Le courriel qui annonce le badge sera écrit dans cette langue."),
    )
    awarded_on = forms.DateField(
        label=_("Date d'attribution"),
        initial=today,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    narrative = forms.CharField(
        label=_("Commentaire"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce que la personne a réalisé ; ce texte figure dans le badge."),
    )
    evidence_url = forms.URLField(
        label=_("Adresse d'une preuve"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Par exemple la page d'un projet ou d'une production."),
    )
    evidence_text = forms.CharField(
        label=_("Description de la preuve"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence_file = forms.FileField(
        label=_("Fichier de preuve"),
        required=False,
        help_text=_("PDF, image, document bureautique, audio ou vidéo ; 10 Mo au plus."),
    )
    with_jwt = forms.BooleanField(
        label=_("Produire aussi le badge au format VC-JWT"),
        required=False,
        help_text=_(
            "Utile pour certains portefeuilles numériques ; le format JSON est toujours produit."
        ),
    )

    def __init__(self, version: BadgeVersion, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scaled = [c for c in version.competences.all() if c.levels]
        for competence in self.scaled:
            self.fields[f"level_{competence.position}"] = _level_field(competence)
        self.fields["awarded_on"].widget.attrs["max"] = today().isoformat()
        self.order_fields(
            ["email", "name", "language", "awarded_on"]
            + [f"level_{c.position}" for c in self.scaled]
        )

    def level_fields(self) -> list[forms.BoundField]:
        return [self[f"level_{c.position}"] for c in self.scaled]

    def detail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("email", "name", "language", "awarded_on", "narrative")]

    def evidence_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("evidence_url", "evidence_text", "evidence_file")]

    def clean_awarded_on(self) -> date:
        day: date = self.cleaned_data["awarded_on"]
        if day > today():
            raise ValidationError(_("La date d'attribution ne peut pas être dans le futur."))
        if day < EARLIEST:
            raise ValidationError(_("Cette date est trop ancienne."))
        return day

    def clean_evidence_file(self) -> UploadedFile[bytes] | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("evidence_file")
        if upload is None:
            return None
        if (upload.size or 0) > MAX_EVIDENCE_BYTES:
            raise ValidationError(_("Le fichier dépasse 10 Mo."))
        if _evidence_type(upload.name or "") is None:
            raise ValidationError(
                _("Ce type de fichier n'est pas accepté (PDF, image, document, audio ou vidéo).")
            )
        return upload

    def recipient(self) -> Recipient:
        data = self.cleaned_data
        levels = {
            c.name: data[f"level_{c.position}"] for c in self.scaled if data[f"level_{c.position}"]
        }
        return Recipient(
            email=data["email"],
            name=data["name"].strip(),
            levels=levels,
            narrative=data["narrative"].strip(),
            awarded_at=awarded_at(data["awarded_on"]),
            language=data["language"],
        )

    def evidence(self) -> Evidence:
        data = self.cleaned_data
        upload = data.get("evidence_file")
        content_type = (_evidence_type(upload.name or "") if upload else None) or ""
        return Evidence(
            url=data.get("evidence_url") or "",
            text=(data.get("evidence_text") or "").strip(),
            file=upload,
            content_type=content_type,
        )


def _evidence_type(name: str) -> str | None:
    """The content type of an accepted evidence file, from its extension; None if refused."""
    if "." not in name:
        return None
    return EVIDENCE_TYPES.get("." + name.rsplit(".", 1)[-1].lower())


class ImportForm(_Form):
    file = forms.FileField(
        label=_("Fichier des bénéficiaires"),
        help_text=_(
            "CSV (séparateur point-virgule ou virgule, UTF-8 ou format Excel) ou classeur .xlsx ; "
            "20 Mo et 50 000 lignes au plus."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,text/csv"}),
    )
    language = forms.ChoiceField(
        label=_("Langue des courriels"),
        choices=LANGUAGES,
        initial="fr",
        help_text=_("Pour les lignes dont la colonne « langue » est vide ou absente."),
    )
    with_jwt = forms.BooleanField(
        label=_("Produire aussi les badges au format VC-JWT"), required=False
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        limit = settings.MAX_UPLOAD_BYTES
        if (upload.size or 0) > limit:
            raise ValidationError(
                _("Le fichier dépasse %(size)s Mo.")
                % {"size": number_format(limit // (1024 * 1024))}
            )
        return upload


class StateForm(_Form):
    state = forms.ChoiceField(choices=Award.State.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Il est conservé avec l'attribution ; la personne peut le voir."),
    )
    confirm = forms.BooleanField(
        label=_("Je comprends que la révocation est définitive."), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        state = data.get("state")
        if (
            state in (Award.State.REVOKED, Award.State.SUSPENDED)
            and not data.get("reason", "").strip()
        ):
            self.add_error("reason", _("Indiquez le motif."))
        if state == Award.State.REVOKED and not data.get("confirm"):
            self.add_error("confirm", _("Cochez cette case pour confirmer la révocation."))
        return data


class UUIDListField(forms.Field):
    """Identifiers of the checked awards (at most 500)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("Sélection invalide.")}

    def to_python(self, value: Any) -> list[uuid.UUID]:
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        try:
            return [uuid.UUID(str(v)) for v in value][:500]
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class BulkStateForm(StateForm):
    awards = UUIDListField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["state"]
        assert isinstance(field, forms.ChoiceField)
        field.widget = forms.Select()
        field.label = _("Action")
        field.error_messages["required"] = _("Choisissez une action.")
        field.choices = [
            ("", _("— Choisir —")),
            (Award.State.SUSPENDED, _("Suspendre")),
            (Award.State.ACTIVE, _("Rétablir")),
            (Award.State.REVOKED, _("Révoquer")),
        ]
        self.fields["awards"].error_messages["required"] = _("Cochez au moins une attribution.")


class FilterForm(_Form):
    q = forms.CharField(label=_("Nom ou adresse"), required=False, max_length=200)
    badge = forms.ChoiceField(label=_("Badge"), required=False)
    state = forms.ChoiceField(
        label=_("État"),
        required=False,
        choices=[("", _("Tous")), *Award.State.choices],
    )
    batch = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, badges: list[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["badge"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Tous les badges")), *badges]
