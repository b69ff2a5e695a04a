"""Forms of the backpack: filters, the privacy choice, the holder's additions, collections."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .actions import EvidenceInput
from .holdings import Origin, Standing
from .limits import EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, REFLECTION_LENGTH, evidence_type
from .search import PRIVATE, PUBLIC, Filters


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class FilterForm(_Form):
    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Nom du badge, émetteur ou mot de la description."),
    )
    issuer = forms.ChoiceField(label=_("Émetteur"), required=False)
    origin = forms.ChoiceField(
        label=_("Origine"),
        required=False,
        choices=[("", _("Toutes")), *Origin.choices],
    )
    visibility = forms.ChoiceField(
        label=_("Visibilité"),
        required=False,
        choices=[("", _("Toutes")), (PUBLIC, _("Public")), (PRIVATE, _("Privé"))],
    )
    state = forms.ChoiceField(
        label=_("État"), required=False, choices=[("", _("Tous")), *Standing.choices]
    )

    def __init__(self, issuers: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["issuer"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Tous les émetteurs")), *((name, name) for name in issuers)]

    def filters(self) -> Filters:
        """The filters given, leaving out any value that is not valid."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            query=str(data.get("q") or "").strip(),
            issuer=str(data.get("issuer") or ""),
            origin=str(data.get("origin") or ""),
            visibility=str(data.get("visibility") or ""),
            standing=str(data.get("state") or ""),
        )


class PublishForm(_Form):
    consent = forms.BooleanField(
        label=_(
            "J'accepte que toute personne qui a le lien de ce badge puisse voir sa page : "
            "mon nom, le badge, son émetteur, ses dates, les compétences reconnues, les preuves "
            "et ce que j'y ai ajouté. Je peux le rendre privé à tout moment."
        ),
        error_messages={
            "required": _(
                "Cochez la case pour confirmer que vous acceptez de rendre ce badge public."
            )
        },
    )


class ReflectionForm(_Form):
    text = forms.CharField(
        label=_("Votre réflexion"),
        required=False,
        max_length=REFLECTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Ce que ce badge représente pour vous, ce que vous avez appris. 5 000 caractères au "
            "plus. Laissez vide et enregistrez pour l'effacer."
        ),
    )


class EvidenceForm(_Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    url = forms.URLField(
        label=_("Adresse web (facultatif)"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=_("Par exemple la page d'un projet, une vidéo ou un article."),
    )
    file = forms.FileField(
        label=_("Fichier (facultatif)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ",".join(sorted(EVIDENCE_TYPES))}),
        help_text=_(
            "PDF, image, document bureautique, audio ou vidéo ; 10 Mo au plus. "
            "Donnez une adresse web, un fichier ou les deux."
        ),
    )
    description = forms.CharField(
        label=_("Description (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, has_file: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_file = has_file
        if has_file:
            self.fields["drop_file"] = forms.BooleanField(
                label=_("Retirer le fichier joint"), required=False
            )

    def clean_file(self) -> UploadedFile[bytes] | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("file")
        if upload is None:
            return None
        if (upload.size or 0) > MAX_EVIDENCE_BYTES:
            raise ValidationError(
                _(
                    "Le fichier dépasse 10 Mo : choisissez un fichier plus léger, ou donnez "
                    "plutôt l'adresse web où le trouver."
                )
            )
        if evidence_type(upload.name or "") is None:
            raise ValidationError(
                _(
                    "Ce type de fichier n'est pas accepté. Choisissez un PDF, une image (PNG, "
                    "JPEG, GIF, WebP), un document (ODT, DOCX, XLSX…), un son MP3 ou une vidéo MP4."
                )
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        keeps_file = self.has_file and not data.get("drop_file")
        given = data.get("url") or data.get("file") or keeps_file
        if not given and not self.has_error("file") and not self.has_error("url"):
            self.add_error("url", _("Indiquez une adresse web ou joignez un fichier."))
        return data

    def evidence(self) -> EvidenceInput:
        data = self.cleaned_data
        upload = data.get("file")
        return EvidenceInput(
            title=data["title"],
            url=data.get("url") or "",
            description=data.get("description") or "",
            file=upload,
            content_type=(evidence_type(upload.name or "") or "") if upload else "",
        )


class CollectionForm(_Form):
    name = forms.CharField(label=_("Nom de la collection"), max_length=120)
    description = forms.CharField(
        label=_("Description (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    public = forms.BooleanField(
        label=_("Collection publique"),
        required=False,
        help_text=_(
            "Toute personne qui a le lien de la collection verra votre nom, son nom, sa "
            "description et ceux de ses badges qui sont publics. Les badges privés n'y "
            "apparaissent jamais."
        ),
    )


def parse_key(value: str) -> tuple[str, uuid.UUID] | None:
    """A badge key of a form (``a:<id>`` for an award, ``e:<id>`` for an imported badge)."""
    kind, _sep, rest = value.partition(":")
    if kind not in ("a", "e"):
        return None
    try:
        return kind, uuid.UUID(rest)
    except ValueError:
        return None


def split_keys(values: list[str]) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    """Award ids and imported badge ids among badge keys; anything unreadable is left out."""
    awards: list[uuid.UUID] = []
    externals: list[uuid.UUID] = []
    for value in values[:500]:
        parsed = parse_key(value)
        if parsed is not None:
            (awards if parsed[0] == "a" else externals).append(parsed[1])
    return awards, externals


class PickForm(_Form):
    """Badges to put in a collection, ticked in a list of the holder's badges."""

    badges = forms.MultipleChoiceField(
        label=_("Badges à ajouter"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins un badge.")},
    )

    def __init__(self, choices: list[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["badges"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices


class CollectionChoiceForm(_Form):
    """One of the holder's collections, to put a badge in it from the badge's page."""

    collection = forms.ChoiceField(
        label=_("Ajouter à la collection"),
        error_messages={"required": _("Choisissez une collection.")},
    )

    def __init__(self, choices: list[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["collection"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
