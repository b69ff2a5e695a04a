"""The badge editor page: its four forms bound together, and what the page shows about them.

One submission can mean four things: save; preview (criteria and image, nothing saved); add,
remove or move a competence (no JavaScript); or, when JavaScript did those in the page, just
save. Only a save or a preview validates, so adding a competence does not fill the page with
"this field is required".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.forms.utils import ErrorDict
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from ..frameworks import editor_picking
from ..issuers.models import Organisation
from . import actions, rasterise
from .competence_forms import ACTION, BaseCompetenceFormSet, competence_formset, rearranged
from .content import BadgeContent
from .designer import PALETTES, Design
from .forms import BadgeForm, initial_for
from .icons import pictogram_icon, shape_icon
from .image_forms import DESIGN, UPLOAD, DesignForm, ImageForm, design_initial
from .models import BadgeVersion
from .rendering import markdown_html
from .uploads import BadgeImage

PREVIEW = "preview"


@dataclass
class SummaryError:
    label: str
    message: str
    anchor: str


class Editor:
    def __init__(
        self, request: HttpRequest, organisation: Organisation, version: BadgeVersion | None
    ) -> None:
        self.organisation = organisation
        self.version = version
        editing = version is not None
        data: QueryDict | None = request.POST if request.method == "POST" else None
        files = request.FILES if data is not None else None
        # A framework search, pick or unlink in a competence (no JavaScript) is a rearrangement.
        pick = editor_picking.requested(data)
        applied = None
        self.rearranged = data is not None and (ACTION in data or pick is not None)
        if data is not None and pick is not None:
            language = str(data.get("language") or "fr")
            applied = editor_picking.apply(data, pick, organisation, language)
            data = applied.data
        elif data is not None and self.rearranged:
            data = rearranged(data) or data
        self.previewing = data is not None and PREVIEW in data
        self.saving = data is not None and not self.rearranged and not self.previewing
        self.badge_form = BadgeForm(
            data,
            organisation=organisation,
            initial=initial_for(version) if version else {},
        )
        self.competences: BaseCompetenceFormSet = competence_formset(data, version, organisation)
        editor_picking.annotate(self.competences.forms, organisation, pick, applied)
        self.image_form = ImageForm(data, files, editing=editing)
        design = Design.from_json(version.design) if version and version.design else Design()
        self.design_form = DesignForm(data, prefix="design", initial=design_initial(design))
        if self.rearranged:
            for form in self._forms():
                _quiet(form)
        self.frozen = bool(version and actions.is_frozen(version))

    def _forms(self) -> list[Any]:
        return [self.badge_form, self.competences, self.image_form, self.design_form]

    @property
    def uses_designer(self) -> bool:
        return bool(self.image_form["source"].value() == DESIGN)

    def is_valid(self) -> bool:
        valid = [
            self.badge_form.is_valid(),
            self.competences.is_valid(),
            self.image_form.is_valid(),
        ]
        if self.uses_designer:
            valid.append(self.design_form.is_valid())
        return all(valid)

    def content(self) -> BadgeContent:
        return self.badge_form.content(self.competences.contents())

    def image(self) -> BadgeImage | None:
        if self.uses_designer:
            return self.design_form.image()
        return self.image_form.image

    def errors(self) -> list[SummaryError]:
        """Every error on the page, each linked to its field, for the summary at the top."""
        if not self.badge_form.is_bound or self.rearranged:
            return []
        found = _form_errors(self.badge_form, "")
        for message in self.competences.non_form_errors():
            found.append(SummaryError(_("Compétences"), str(message), "competences"))
        for number, form in enumerate(self.competences.forms, start=1):
            prefix = _("Compétence %(number)s") % {"number": number}
            found.extend(_form_errors(form, prefix))
        found.extend(_form_errors(self.image_form, ""))
        if self.uses_designer:
            found.extend(_form_errors(self.design_form, _("Atelier")))
        return found

    def context(self) -> dict[str, Any]:
        errors = self.errors()
        return {
            "organisation": self.organisation,
            "version": self.version,
            "badge": self.version.badge if self.version else None,
            "form": self.badge_form,
            "competences": self.competences,
            "image_form": self.image_form,
            "design_form": self.design_form,
            "errors": errors,
            "frozen": self.frozen,
            "next_number": self.version.number + 1 if self.version else 1,
            "criteria_html": self._criteria_preview(),
            "design_preview_url": self.design_preview_url(),
            "current_image_url": self._current_image_url(),
            "file_lost": self._file_lost(),
            "rasteriser": rasterise.available(),
            **self._designer_choices(),
        }

    def _designer_choices(self) -> dict[str, Any]:
        form = self.design_form
        return {
            "shape_choices": [(w, shape_icon(w.data["value"])) for w in form["shape"]],
            "pictogram_choices": [(w, pictogram_icon(w.data["value"])) for w in form["pictogram"]],
            "palette_choices": [(w, PALETTES.get(w.data["value"])) for w in form["palette"]],
            "design_ok": not form.is_bound or self.rearranged or form.is_valid(),
        }

    def _criteria_preview(self) -> str:
        if not self.previewing:
            return ""
        return markdown_html(str(self.badge_form["criteria"].value() or ""))

    def _file_lost(self) -> bool:
        """A file was chosen, but the page is shown again: the browser will not keep it."""
        return (
            not self.saving
            and self.image_form.is_bound
            and self.image_form["source"].value() == UPLOAD
            and bool(self.image_form.files.get("file"))
        )

    def _current_image_url(self) -> str:
        if self.version is None:
            return ""
        kwargs = {
            "slug": self.organisation.slug,
            "public_id": self.version.badge.public_id,
            "number": self.version.number,
        }
        return reverse("badges:version_png", kwargs=kwargs)

    def design_preview_url(self) -> str:
        form = self.design_form
        names = ("shape", "pictogram", "palette", "background", "foreground", "line1", "line2")
        values = {name: str(form[name].value() or "") for name in names}
        base = reverse("badges:design_preview", kwargs={"slug": self.organisation.slug})
        return f"{base}?{urlencode(values)}"


def _form_errors(form: forms.Form, prefix: str) -> list[SummaryError]:
    found = []
    for name, messages in form.errors.items():
        if name == "__all__":
            anchor, label = "", prefix
        else:
            field = form[name]
            # A group of radio buttons has no single label target: point at the first one.
            anchor = field.id_for_label or f"{field.auto_id}_0"
            label = f"{prefix} — {field.label}" if prefix else str(field.label)
        for message in messages:
            found.append(SummaryError(label, str(message), anchor))
    return found


def _quiet(form: forms.Form | BaseCompetenceFormSet) -> None:
    """Keep a bound form's values on the page without validating them (no error shown)."""
    if isinstance(form, forms.BaseFormSet):
        form._errors = [ErrorDict() for _form in form.forms]  # type: ignore[attr-defined]
        form._non_form_errors = form.error_class()  # type: ignore[attr-defined]
        for member in form.forms:
            _quiet(member)
    else:
        form._errors = ErrorDict()  # type: ignore[attr-defined]
        form.cleaned_data = {}
