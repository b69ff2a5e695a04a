"""The verifier's form: one badge, given as a file, as pasted text or as a URL."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


def megabytes(size: int) -> int:
    return size // (1024 * 1024)


class VerifierForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier du badge"),
        required=False,
        help_text=_(
            "Image PNG ou SVG du badge, fichier JSON ou JWT. Vous pouvez aussi le glisser ici."
        ),
    )
    text = forms.CharField(
        label=_("Contenu du badge"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_("Collez le JSON ou le jeton JWT du badge."),
    )
    url = forms.URLField(
        label=_("Adresse du badge"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=_("L'adresse web où le badge est publié, commençant par https://"),
    )
    email = forms.EmailField(
        label=_("Adresse électronique du titulaire (facultatif)"),
        required=False,
        help_text=_("Pour vérifier que le badge a bien été délivré à cette personne."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Ce fichier est trop volumineux : %(size)s Mo au plus.")
                % {"size": megabytes(settings.MAX_UPLOAD_BYTES)}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        given = [name for name in ("file", "text", "url") if cleaned.get(name)]
        if not self.errors and not given:
            raise forms.ValidationError(
                _("Déposez le fichier du badge, collez son contenu ou donnez son adresse."),
                code="empty",
            )
        if len(given) > 1:
            raise forms.ValidationError(
                _("Donnez un seul badge à la fois : un fichier, un contenu collé ou une adresse."),
                code="several",
            )
        return cleaned
