"""Forms of grouped badges and pathways, and the public search."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from ...core.competences import CERTIFICATION_CODE
from ...core.identity import normalize_email
from ..badges.models import Badge, BadgeVersion
from ..issuers.models import Organisation
from .actions import GroupedContent, PathwayContent, RequirementContent
from .catalogue import Entry, badges_of, competences_of
from .matching import Named, same_competence
from .models import Pathway, Requirement

ANY_LEVEL = "*"
MAX_PEOPLE = 5000
QUERY_LENGTH = 100


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class BadgeChoices(forms.ModelMultipleChoiceField[Badge]):
    """Badges shown by the name of their newest version (``catalogue.badges_of``)."""

    def label_from_instance(self, obj: Badge) -> str:
        name = str(getattr(obj, "current_name", "") or obj.public_id)
        return f"{name} ({_('archivé')})" if obj.archived else name


class BadgeChoice(forms.ModelChoiceField[Badge]):
    def label_from_instance(self, obj: Badge) -> str:
        return str(getattr(obj, "current_name", "") or obj.public_id)


def _certifications(badges: list[Badge]) -> dict[str, str]:
    """Certification code -> title, of the newest versions of ``badges``."""
    found: dict[str, str] = {}
    for badge in badges:
        code = getattr(badge, "current_code", "")
        if code:
            found.setdefault(code, getattr(badge, "current_title", "") or code)
    return dict(sorted(found.items()))


class GroupForm(_Form):
    parts = BadgeChoices(
        queryset=Badge.objects.none(),
        label=_("Badges à regrouper"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Au moins deux badges, par exemple un badge par compétence. Ils restent valides "
            "pour les personnes qui les détiennent."
        ),
    )
    name = forms.CharField(label=_("Nom du badge regroupé"), max_length=120)
    description = forms.CharField(
        label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    criteria = forms.CharField(
        label=_("Critères d'attribution"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Laissé vide : « Avoir obtenu chacun de ces badges », suivi de leur liste."),
    )
    achievement_type = forms.ChoiceField(
        label=_("Nature"),
        choices=BadgeVersion.AchievementType.choices,
        initial=BadgeVersion.AchievementType.BADGE,
    )
    certification = forms.ChoiceField(
        label=_("Certification liée"),
        required=False,
        help_text=_("Une certification liée à l'un des badges choisis."),
    )

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        badges = badges_of(organisation)
        parts = self.fields["parts"]
        assert isinstance(parts, BadgeChoices)
        parts.queryset = badges
        choice = self.fields["certification"]
        assert isinstance(choice, forms.ChoiceField)
        found = _certifications(list(badges))
        choice.choices = [("", _("Aucune")), *((c, f"{t} ({c})") for c, t in found.items())]

    def clean_parts(self) -> list[Badge]:
        parts = list(self.cleaned_data["parts"])
        if len(parts) < 2:
            raise ValidationError(_("Choisissez au moins deux badges."))
        return parts

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = data.get("certification") or ""
        parts = data.get("parts") or []
        if code and parts and not any(getattr(p, "current_code", "") == code for p in parts):
            self.add_error(
                "certification", _("Cette certification n'est liée à aucun des badges choisis.")
            )
        return data

    def content(self) -> GroupedContent:
        data = self.cleaned_data
        return GroupedContent(
            name=data["name"],
            description=data["description"],
            criteria=data["criteria"],
            achievement_type=data["achievement_type"],
            certification_code=data["certification"] or "",
        )


def _level_choices(entry: Entry) -> list[tuple[str, str]]:
    choices: list[tuple[str, str]] = [("", str(_("Non exigée")))]
    if entry.levels:
        choices.append((ANY_LEVEL, str(_("Exigée, à n'importe quel niveau"))))
        choices += [
            (level, str(_("Niveau « %(level)s » au moins") % {"level": level}))
            for level in entry.levels
        ]
    else:
        choices.append((ANY_LEVEL, str(_("Exigée"))))
    return choices


class PathwayForm(_Form):
    name = forms.CharField(label=_("Nom du parcours"), max_length=120)
    description = forms.CharField(
        label=_("Présentation pour les personnes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    goal_badge = BadgeChoice(
        queryset=Badge.objects.none(),
        label=_("Badge visé"),
        required=False,
        empty_label=_("Aucun : le parcours mène à une certification"),
    )
    certification_code = forms.CharField(
        label=_("Certification visée : code"),
        required=False,
        max_length=20,
        help_text=_("RS1234, RNCP12345 ou RNCP12345BC01 pour un bloc de compétences."),
    )
    certification_title = forms.CharField(
        label=_("Certification visée : intitulé"),
        required=False,
        max_length=300,
        help_text=_("Laissé vide : l'intitulé donné sur vos badges liés à ce code."),
    )
    completion = forms.ChoiceField(
        label=_("Quand toutes les étapes sont franchies"),
        choices=Pathway.Completion.choices,
        initial=Pathway.Completion.PROPOSE,
        widget=forms.RadioSelect,
    )
    badges = BadgeChoices(
        queryset=Badge.objects.none(),
        label=_("Badges à obtenir"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        organisation: Organisation,
        *args: Any,
        pathway: Pathway | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        every = badges_of(organisation)
        self._titles = _certifications(list(every))
        goal = self.fields["goal_badge"]
        assert isinstance(goal, BadgeChoice)
        goal.queryset = badges_of(organisation, archived=False)
        steps = self.fields["badges"]
        assert isinstance(steps, BadgeChoices)
        steps.queryset = every
        requirements = list(pathway.requirements.all()) if pathway is not None else []
        self.entries = competences_of(organisation)
        for requirement in requirements:  # a competence no badge names any more stays listed
            if requirement.kind == Requirement.Kind.COMPETENCE and not self._entry_for(requirement):
                named = Named(
                    requirement.name, requirement.framework, requirement.code, requirement.url
                )
                self.entries.append(Entry(named, tuple(str(x) for x in requirement.levels)))
        for entry in self.entries:
            self.fields[f"c-{entry.key}"] = forms.ChoiceField(
                label=entry.named.name, choices=_level_choices(entry), required=False
            )
        if pathway is not None and not self.is_bound:
            self._fill(pathway, requirements)

    def _entry_for(self, requirement: Requirement) -> Entry | None:
        wanted = Named(requirement.name, requirement.framework, requirement.code, requirement.url)
        return next((e for e in self.entries if same_competence(wanted, e.named)), None)

    def _fill(self, pathway: Pathway, requirements: list[Requirement]) -> None:
        self.initial.update(
            name=pathway.name,
            description=pathway.description,
            goal_badge=pathway.goal_badge_id,
            certification_code=pathway.certification_code,
            certification_title=pathway.certification_title,
            completion=pathway.completion,
            badges=[r.badge_id for r in requirements if r.badge_id is not None],
        )
        for requirement in requirements:
            entry = self._entry_for(requirement)
            if entry is not None:
                self.initial[f"c-{entry.key}"] = requirement.minimum or ANY_LEVEL

    def competence_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The competence fields, by framework, for the template."""
        groups: dict[str, list[forms.BoundField]] = {}
        for entry in self.entries:
            groups.setdefault(entry.named.framework, []).append(self[f"c-{entry.key}"])
        return list(groups.items())

    def clean_certification_code(self) -> str:
        return str(self.cleaned_data["certification_code"]).strip().upper().replace(" ", "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = data.get("certification_code") or ""
        if code and not CERTIFICATION_CODE.fullmatch(code):
            self.add_error(
                "certification_code",
                _("Ce code n'a pas la forme RS1234, RNCP12345 ou RNCP12345BC01."),
            )
        elif code:
            title = (data.get("certification_title") or "").strip() or self._titles.get(code, "")
            if not title:
                self.add_error(
                    "certification_title",
                    _("Indiquez l'intitulé : aucun de vos badges n'est lié à ce code."),
                )
            data["certification_title"] = title
        goal = data.get("goal_badge")
        if goal is None and not code and "certification_code" not in self.errors:
            self.add_error("goal_badge", _("Choisissez le badge visé ou la certification visée."))
        if data.get("completion") == Pathway.Completion.AUTOMATIC and goal is None:
            self.add_error(
                "completion",
                _("Sans badge visé, il n'y a rien à attribuer : choisissez de prévenir l'équipe."),
            )
        steps = list(data.get("badges") or [])
        if goal is not None and goal in steps:
            self.add_error(
                "badges", _("Le badge visé ne peut pas être aussi une étape du parcours.")
            )
        if not steps and not any(data.get(f"c-{e.key}") for e in self.entries):
            raise ValidationError(_("Choisissez au moins un badge ou une compétence à obtenir."))
        return data

    def content(self) -> PathwayContent:
        data = self.cleaned_data
        requirements = [
            RequirementContent(kind=Requirement.Kind.BADGE, badge=badge) for badge in data["badges"]
        ]
        for entry in self.entries:
            chosen = data.get(f"c-{entry.key}") or ""
            if chosen:
                requirements.append(
                    RequirementContent(
                        kind=Requirement.Kind.COMPETENCE,
                        name=entry.named.name,
                        framework=entry.named.framework,
                        code=entry.named.code,
                        url=entry.named.url,
                        levels=entry.levels,
                        minimum="" if chosen == ANY_LEVEL else chosen,
                    )
                )
        return PathwayContent(
            name=data["name"],
            description=data["description"],
            goal_badge=data["goal_badge"],
            certification_code=data["certification_code"],
            certification_title=data["certification_title"],
            completion=data["completion"],
            requirements=tuple(requirements),
        )


def chosen_people(values: list[str]) -> list[str] | None:
    """The addresses ticked in a list of people, normalised; None when one is not an address
    or there are too many."""
    if len(values) > MAX_PEOPLE:
        return None
    found = []
    for value in values:
        try:
            validate_email(value)
        except ValidationError:
            return None
        found.append(normalize_email(value))
    return list(dict.fromkeys(found))


class SearchForm(_Form):
    competence = forms.CharField(
        label=_("Compétence"),
        required=False,
        max_length=QUERY_LENGTH,
        help_text=_("Son nom ou son code, par exemple « travailler en équipe »."),
    )
    certification = forms.CharField(
        label=_("Certification"),
        required=False,
        max_length=QUERY_LENGTH,
        help_text=_("Son code (RS1234, RNCP12345) ou des mots de son intitulé."),
    )

    def queries(self) -> tuple[str, str]:
        """The two queries, spaces collapsed ("" for a field left empty)."""
        data = self.cleaned_data
        return " ".join(data["competence"].split()), " ".join(data["certification"].split())
