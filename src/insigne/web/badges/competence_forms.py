"""The competences of a badge: a formset whose entries can be added, removed and reordered.

Without JavaScript, the buttons beside each competence submit the whole editor, and
:func:`rearranged` rewrites the submitted data (one more blank entry, one fewer, or two
swapped) before the page is shown again; with JavaScript, ``badges.js`` does the same in the
page. The competences' order is the order of the entries.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..frameworks.access import available_item
from ..frameworks.models import Item
from ..frameworks.picking import competence_values
from ..issuers.models import Organisation
from .content import MAX_COMPETENCES, MAX_LEVELS, CompetenceContent
from .models import BadgeVersion

PREFIX = "competences"
ACTION = "competence_action"  # the name of the add / remove / move buttons
MAX_LEVEL_LENGTH = 100


class CompetenceForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Intitulé de la compétence"), max_length=200)
    framework = forms.CharField(
        label=gettext_lazy("Référentiel"),
        required=False,
        max_length=120,
        help_text=gettext_lazy("Par exemple RECTEC, CléA, ESCO ou « référentiel maison »."),
    )
    code = forms.CharField(
        label=gettext_lazy("Code dans le référentiel"), required=False, max_length=60
    )
    url = forms.URLField(
        label=gettext_lazy("Adresse de la compétence"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("Facultative : la page qui décrit la compétence."),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    levels = forms.CharField(
        label=gettext_lazy("Niveaux"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Un niveau par ligne, du plus simple au plus avancé (10 au plus). Laissez vide si "
            "la compétence n'a pas de niveaux."
        ),
    )

    # The framework item the competence was picked from (its identifier), and the words of
    # the search that finds one; see frameworks/editor_picking.py.
    item = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    query = forms.CharField(
        label=gettext_lazy("Chercher dans les référentiels"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=gettext_lazy("Un intitulé ou un code : RECTEC, CléA, ESCO, vos référentiels…"),
    )

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.linked: Item | None = None
        if self["item"].value():
            # Framework, code and address come from the item while it is linked.
            for name in ("framework", "code", "url"):
                self.fields[name].widget.attrs["readonly"] = True

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        identifier = str(data.get("item") or "")
        if identifier and self.organisation is not None:
            self.linked = available_item(self.organisation, identifier)
            if self.linked is None:
                self.add_error(
                    "name",
                    _(
                        "La compétence choisie n'est plus dans les référentiels de "
                        "l'organisation : détachez-la ou choisissez-en une autre."
                    ),
                )
            else:
                values = competence_values(self.linked, (), "")
                for name in ("framework", "code", "url"):
                    data[name] = values[name]
        return data

    def has_changed(self) -> bool:
        # A search typed in an otherwise blank competence does not make it a competence.
        return any(name != "query" and name in self.changed_data for name in self.fields)

    def clean_levels(self) -> tuple[str, ...]:
        levels = [
            " ".join(line.split())
            for line in str(self.cleaned_data.get("levels") or "").splitlines()
        ]
        levels = [level for level in levels if level]
        if len(levels) > MAX_LEVELS:
            raise forms.ValidationError(
                _("%(max)s niveaux au plus (%(count)s donnés).")
                % {"max": MAX_LEVELS, "count": len(levels)}
            )
        seen: set[str] = set()
        for level in levels:
            if len(level) > MAX_LEVEL_LENGTH:
                raise forms.ValidationError(
                    _("Un niveau compte %(max)s caractères au plus.") % {"max": MAX_LEVEL_LENGTH}
                )
            if level.casefold() in seen:
                raise forms.ValidationError(
                    _("Le niveau « %(level)s » est en double.") % {"level": level}
                )
            seen.add(level.casefold())
        return tuple(levels)

    def content(self) -> CompetenceContent:
        data = self.cleaned_data
        return CompetenceContent(
            name=" ".join(data["name"].split()),
            framework=data["framework"].strip(),
            code=data["code"].strip(),
            url=data["url"],
            description=data["description"].strip(),
            levels=data["levels"],
            item_id=self.linked.pk if self.linked else None,
        )


class BaseCompetenceFormSet(forms.BaseFormSet[CompetenceForm]):
    default_error_messages = {
        "too_many_forms": gettext_lazy("Un badge regroupe %(num)d compétences au plus."),
    }

    def initial_form_count(self) -> int:
        # Every entry may be left blank (and is then ignored), existing ones included.
        return 0

    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        items: set[int] = set()
        for form in self.filled_forms():
            name = " ".join(form.cleaned_data["name"].split())
            if name.casefold() in seen:
                form.add_error(
                    "name", _("La compétence « %(name)s » figure deux fois.") % {"name": name}
                )
            elif form.linked is not None and form.linked.pk in items:
                form.add_error(
                    "name",
                    _("La compétence « %(name)s » reprend un item de référentiel déjà choisi.")
                    % {"name": name},
                )
            seen.add(name.casefold())
            if form.linked is not None:
                items.add(form.linked.pk)
        if len(seen) > MAX_COMPETENCES:
            raise forms.ValidationError(
                _("Un badge regroupe %(max)s compétences au plus.") % {"max": MAX_COMPETENCES}
            )

    def filled_forms(self) -> list[CompetenceForm]:
        return [form for form in self.forms if form.is_valid() and form.cleaned_data]

    def contents(self) -> list[CompetenceContent]:
        return [form.content() for form in self.filled_forms()]


CompetenceFormSet = cast(
    type[BaseCompetenceFormSet],
    forms.formset_factory(
        CompetenceForm,
        formset=BaseCompetenceFormSet,
        extra=0,
        max_num=MAX_COMPETENCES,
        validate_max=True,
        absolute_max=MAX_COMPETENCES + 10,
    ),
)


def competence_formset(
    data: QueryDict | None = None,
    version: BadgeVersion | None = None,
    organisation: Organisation | None = None,
) -> BaseCompetenceFormSet:
    initial: list[dict[str, Any]] = []
    kwargs = {"organisation": organisation}
    if version is not None:
        initial = [
            {
                "name": c.name,
                "framework": c.framework,
                "code": c.code,
                "url": c.url,
                "description": c.description,
                "levels": "\n".join(str(level) for level in c.levels),
                "item": str(c.item.identifier) if c.item else "",
            }
            for c in version.competences.select_related("item").order_by("position")
        ]
    if data is not None:
        return CompetenceFormSet(data, prefix=PREFIX, form_kwargs=kwargs)
    formset = CompetenceFormSet(initial=initial, prefix=PREFIX, form_kwargs=kwargs)
    formset.extra = len(initial) if initial else 1
    return formset


def rearranged(data: QueryDict) -> QueryDict | None:
    """``data`` after the competence button that was pressed, or None if none was."""
    action = data.get(ACTION, "")
    verb, _sep, number = action.partition("-")
    try:
        total = int(data.get(f"{PREFIX}-TOTAL_FORMS", "0"))
    except ValueError:
        return None
    total = max(0, min(total, MAX_COMPETENCES + 10))
    rows = [_row(data, i) for i in range(total)]
    if verb == "add":
        if total >= MAX_COMPETENCES:
            return None
        rows.append({})
    elif verb in {"remove", "up", "down"} and number.isdigit() and int(number) < total:
        index = int(number)
        if verb == "remove":
            rows.pop(index)
        else:
            other = index - 1 if verb == "up" else index + 1
            if not 0 <= other < total:
                return None
            rows[index], rows[other] = rows[other], rows[index]
    else:
        return None
    result = data.copy()
    for key in [k for k in result if k.startswith(f"{PREFIX}-")]:
        del result[key]
    result[f"{PREFIX}-TOTAL_FORMS"] = str(len(rows))
    result[f"{PREFIX}-INITIAL_FORMS"] = "0"
    for i, row in enumerate(rows):
        for field, value in row.items():
            result[f"{PREFIX}-{i}-{field}"] = value
    return result


def _row(data: QueryDict, index: int) -> dict[str, str]:
    return {name: data.get(f"{PREFIX}-{index}-{name}", "") for name in CompetenceForm.base_fields}
