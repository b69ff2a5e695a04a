"""The staff upload form: the export's CSV files, or its zip."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_FILES = 12
# The real export is tens of megabytes; a file larger than this is not an export.
MAX_BYTES = 500 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ExportFilesField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        files = data if isinstance(data, Sequence) else [data] if data else []
        cleaned = [super(ExportFilesField, self).clean(item, initial) for item in files]
        if not cleaned and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [item for item in cleaned if item]


class ImportForm(forms.Form):
    uploads = ExportFilesField(
        label=gettext_lazy("Fichiers de l'export"),
        help_text=gettext_lazy(
            "Le zip « export_fiches_CSV » téléchargé sur data.gouv.fr, ou ses fichiers "
            "Standard, Blocs_De_Compétences et Certificateurs (et, si vous l'avez, "
            "Ancienne_Nouvelle_Certification), déposés ensemble."
        ),
        error_messages={"required": gettext_lazy("Choisissez au moins un fichier.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["uploads"].widget.attrs.update({"accept": ".csv,.zip,text/csv,application/zip"})

    def clean_uploads(self) -> list[UploadedFile[bytes]]:
        files: list[UploadedFile[bytes]] = self.cleaned_data["uploads"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("%(max)s fichiers au plus (%(count)s déposés).")
                % {"max": MAX_FILES, "count": len(files)}
            )
        limit = max(MAX_BYTES, settings.MAX_UPLOAD_BYTES)
        for upload in files:
            if (upload.size or 0) > limit:
                raise forms.ValidationError(
                    _("« %(name)s » est trop volumineux pour être un fichier de l'export.")
                    % {"name": upload.name}
                )
        return files


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Code ou mots de l'intitulé"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Par exemple RS5476, RNCP37173, RNCP38436BC01 ou « numérique »."),
    )
