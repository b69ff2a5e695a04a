"""Forms of the external badges: adding one (a file or an address) and making it public."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import MAX_FILE_BYTES, megabytes, too_big_message


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier du badge"),
        required=False,
    )
    url = forms.URLField(
        label=_("Ou l'adresse web du badge"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=_(
            "L'adresse où l'émetteur publie le badge lui-même (un fichier JSON ou une image), "
            "commençant par https://"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Image PNG ou SVG du badge, fichier JSON ou jeton JWT, tel que la plateforme de "
            "l'émetteur vous l'a remis (%(size)s Mo au plus)."
        ) % {"size": megabytes(MAX_FILE_BYTES)}

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(too_big_message(), code="too-big")
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        given = [name for name in ("file", "url") if cleaned.get(name)]
        if not self.errors and not given:
            raise forms.ValidationError(
                _("Choisissez le fichier du badge ou donnez son adresse web."), code="empty"
            )
        if len(given) > 1:
            raise forms.ValidationError(
                _("Donnez un seul badge à la fois : un fichier ou une adresse, pas les deux."),
                code="several",
            )
        return cleaned


class PublishForm(forms.Form):
    """Making a badge public asks for the holder's explicit agreement."""

    consent = forms.BooleanField(
        label=_("J'ai compris : toute personne qui a l'adresse de la page pourra voir ce badge."),
        required=True,
        error_messages={
            "required": _("Cochez la case pour confirmer que vous voulez rendre ce badge public.")
        },
    )
