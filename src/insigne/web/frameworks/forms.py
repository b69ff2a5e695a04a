"""Forms of the frameworks pages: importing a file, a house framework, its levels, an item."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..issuers.models import Organisation
from .importing import detect
from .models import MAX_CODE, MAX_LEVEL_NAME, MAX_LEVELS, MAX_TITLE, Framework, Item
from .text import one_line
from .tree import ordered

LANGUAGES = [("fr", "Français"), ("en", "English")]
FILE_LANGUAGES = [
    ("", gettext_lazy("Donnée par le nom du fichier (…_fr.csv, …_en.csv)")),
    ("fr", "Français"),
    ("en", "English"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("pt", "Português"),
]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fichier"),
        help_text=gettext_lazy(
            "Un paquet CASE (.json), un fichier ESCO (skills_fr.csv, "
            "transversalSkillsCollection_fr.csv…) ou l'arborescence des compétences du ROME 4.0 "
            "(unix_arborescence_competences_….csv), encodé en UTF-8."
        ),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        choices=[
            ("", gettext_lazy("Reconnu d'après le contenu")),
            (detect.CASE, gettext_lazy("Paquet CASE (JSON)")),
            (detect.ESCO, gettext_lazy("ESCO (CSV)")),
            (detect.ROME, gettext_lazy("ROME 4.0, arborescence des compétences (CSV)")),
        ],
    )
    title = forms.CharField(
        label=gettext_lazy("Titre du référentiel"),
        required=False,
        max_length=MAX_TITLE,
        help_text=gettext_lazy(
            "Par défaut : le titre du paquet CASE, « ESCO » ou « ROME 4.0 – … »."
        ),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Langue du fichier (ESCO)"), required=False, choices=FILE_LANGUAGES
    )
    into = forms.ModelChoiceField(
        label=gettext_lazy("Compléter un référentiel ESCO déjà importé (ESCO)"),
        required=False,
        queryset=Framework.objects.none(),
        empty_label=gettext_lazy("Non : créer un nouveau référentiel"),
        help_text=gettext_lazy(
            "Pour ajouter les intitulés d'une autre langue de la même collection : les "
            "compétences sont reconnues par leur conceptUri."
        ),
    )
    part = forms.CharField(
        label=gettext_lazy("Partie à importer (ROME)"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "Le code d'un domaine de compétences, ou des mots de son intitulé, d'un enjeu ou "
            "d'un objectif (par exemple « savoir-être »). Vide : tout le fichier."
        ),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField[Framework], self.fields["into"])
        field.queryset = Framework.objects.filter(
            organisation=organisation, origin=Framework.Origin.ESCO
        )

    def clean_file(self) -> UploadedFile[bytes]:
        upload = cast(UploadedFile[bytes], self.cleaned_data["file"])
        if (upload.size or 0) > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Le fichier dépasse %(max)s.")
                % {"max": filesizeformat(settings.MAX_UPLOAD_BYTES)}
            )
        return upload


class FrameworkForm(forms.ModelForm[Framework]):
    language = forms.ChoiceField(label=gettext_lazy("Langue"), choices=LANGUAGES)
    licence_uri = forms.URLField(
        label=gettext_lazy("Adresse de la licence"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )

    class Meta:
        model = Framework
        fields = [
            "title",
            "description",
            "language",
            "version",
            "adoption_status",
            "licence_title",
            "licence_text",
            "licence_uri",
        ]
        labels = {
            "title": gettext_lazy("Nom du référentiel"),
            "adoption_status": gettext_lazy("Statut"),
            "licence_title": gettext_lazy("Licence"),
        }
        help_texts = {
            "adoption_status": gettext_lazy(
                "« Adopté » quand le référentiel est stabilisé. Les badges peuvent s'y appuyer "
                "dans tous les cas."
            ),
            "licence_title": gettext_lazy("Par exemple : Licence Ouverte 2.0, CC BY 4.0."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "licence_text": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_title(self) -> str:
        return one_line(self.cleaned_data["title"])


class NewFrameworkForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Nom du référentiel"), max_length=MAX_TITLE)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    language = forms.ChoiceField(label=gettext_lazy("Langue"), choices=LANGUAGES)

    def clean_title(self) -> str:
        return one_line(self.cleaned_data["title"])


class LevelForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nom du niveau"), max_length=MAX_LEVEL_NAME)
    description = forms.CharField(
        label=gettext_lazy("Ce qui est attendu à ce niveau"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BaseLevelFormSet(forms.BaseFormSet[LevelForm]):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            name = one_line(form.cleaned_data.get("name") or "")
            if name and name.casefold() in seen:
                form.add_error("name", _("Ce niveau figure deux fois."))
            seen.add(name.casefold())

    def levels(self) -> list[tuple[str, str]]:
        return [
            (one_line(form.cleaned_data["name"]), form.cleaned_data["description"].strip())
            for form in self.forms
            if form.cleaned_data.get("name")
        ]


LevelFormSet = cast(
    type[BaseLevelFormSet],
    forms.formset_factory(
        LevelForm,
        formset=BaseLevelFormSet,
        extra=0,
        max_num=MAX_LEVELS,
        validate_max=True,
        absolute_max=MAX_LEVELS,
    ),
)


def level_formset(
    data: Any = None, *, initial: list[dict[str, str]] | None = None
) -> BaseLevelFormSet:
    """The scale's rows: the current levels, then blank rows to add more (10 in all)."""
    initial = initial or []
    formset = LevelFormSet(data, initial=initial, prefix="niveaux")
    formset.extra = max(0, min(MAX_LEVELS, len(initial) + 3) - len(initial))
    for form in formset.forms:
        form.empty_permitted = True
        form.use_required_attribute = False
    return formset


class ItemForm(forms.Form):
    statement = forms.CharField(
        label=gettext_lazy("Intitulé"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    code = forms.CharField(
        label=gettext_lazy("Code"),
        required=False,
        max_length=MAX_CODE,
        help_text=gettext_lazy("Par exemple COM-1. Deux items ne peuvent pas avoir le même code."),
    )
    item_type = forms.CharField(
        label=gettext_lazy("Type"),
        required=False,
        max_length=120,
        help_text=gettext_lazy("Par exemple : Domaine, Compétence, Capacité."),
    )
    parent = forms.ChoiceField(label=gettext_lazy("Place dans le référentiel"), required=False)
    notes = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, framework: Framework, item: Item | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.framework = framework
        nodes = ordered(
            framework.items.only("pk", "identifier", "parent_id", "sequence", "full_statement")
        )
        excluded: set[int] = set()
        if item is not None:  # an item cannot go under itself or its own sub-items
            excluded.add(item.pk)
            for node in nodes:
                if node.item.parent_id in excluded:
                    excluded.add(node.item.pk)
        choices = [("", _("Au premier niveau"))]
        choices += [
            (
                str(node.item.identifier),
                _("Sous « %(label)s »") % {"label": ("— " * node.depth) + _short(node.item)},
            )
            for node in nodes
            if node.item.pk not in excluded
        ]
        self._items = {str(node.item.identifier): node.item for node in nodes}
        parent = cast(forms.ChoiceField, self.fields["parent"])
        parent.choices = choices

    def clean_statement(self) -> str:
        return " ".join(self.cleaned_data["statement"].split())

    def clean_code(self) -> str:
        return one_line(self.cleaned_data["code"])

    def clean_parent(self) -> Item | None:
        value = self.cleaned_data.get("parent") or ""
        return self._items.get(value) if value else None


def _short(item: Item) -> str:
    text = item.full_statement
    return text if len(text) <= 80 else text[:79] + "…"
