"""The badge editor's main form: what the badge says, its validity and its certification."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...core.competences import CERTIFICATION_CODE, certification
from ..certifications.registry import official_title
from ..issuers.models import Organisation, Unit
from .content import MAX_TAGS, BadgeContent, CompetenceContent
from .models import BadgeVersion

MAX_TAG_LENGTH = 50
MAX_EXPIRY_DAYS = 36_500


class BadgeForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Nom du badge"),
        max_length=120,
        help_text=gettext_lazy("Court et parlant, par exemple « Travailler en équipe »."),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Ce que le badge reconnaît, en quelques phrases."),
    )
    criteria = forms.CharField(
        label=gettext_lazy("Critères d'attribution"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Ce que la personne a fait pour obtenir le badge. Mise en forme Markdown : "
            "**gras**, *italique*, listes commençant par « - »."
        ),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Langue du badge"),
        choices=[("fr", "Français"), ("en", "English")],
        initial="fr",
    )
    achievement_type = forms.ChoiceField(
        label=gettext_lazy("Nature de la reconnaissance"),
        choices=BadgeVersion.AchievementType.choices,
        initial=BadgeVersion.AchievementType.BADGE,
    )
    tags = forms.CharField(
        label=gettext_lazy("Mots-clés"),
        required=False,
        max_length=700,
        help_text=gettext_lazy("Séparés par des virgules, par exemple : numérique, autonomie."),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Service ou site"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("Aucun"),
    )
    expiry = forms.ChoiceField(
        label=gettext_lazy("Validité"),
        choices=BadgeVersion.Expiry.choices,
        initial=BadgeVersion.Expiry.NONE,
        widget=forms.RadioSelect,
    )
    expiry_date = forms.DateField(
        label=gettext_lazy("Valable jusqu'au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Pour « Jusqu'à une date » : une date à venir."),
    )
    expiry_days = forms.IntegerField(
        label=gettext_lazy("Durée de validité en jours"),
        required=False,
        min_value=1,
        max_value=MAX_EXPIRY_DAYS,
        help_text=gettext_lazy(
            "Pour « Pendant une durée » : comptée à partir de la date d'attribution "
            "(365 pour un an)."
        ),
    )
    certification_code = forms.CharField(
        label=gettext_lazy("Code de la certification"),
        required=False,
        max_length=20,
        help_text=gettext_lazy(
            "Fiche RS (RS5476), fiche RNCP (RNCP37173) ou bloc de compétences (RNCP38436BC01), "
            "ou des mots de son intitulé pour la chercher."
        ),
    )
    certification_title = forms.CharField(
        label=gettext_lazy("Intitulé de la certification"),
        required=False,
        max_length=300,
        help_text=gettext_lazy(
            "Repris de la fiche quand elle a été importée de France compétences ; sinon, "
            "obligatoire avec un code."
        ),
    )
    certification_url = forms.URLField(
        label=gettext_lazy("Adresse de la fiche"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=gettext_lazy(
            "Facultative : laissée vide, c'est la fiche publique de France compétences."
        ),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._units: QuerySet[Unit] = organisation.units.all()
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = self._units
        self.fields["certification_code"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false"}
        )

    @property
    def has_units(self) -> bool:
        return self._units.exists()

    def clean_tags(self) -> tuple[str, ...]:
        tags: list[str] = []
        for raw in str(self.cleaned_data.get("tags") or "").split(","):
            tag = " ".join(raw.split())
            if tag and tag.casefold() not in {t.casefold() for t in tags}:
                tags.append(tag)
        if any(len(t) > MAX_TAG_LENGTH for t in tags):
            raise forms.ValidationError(
                _("Un mot-clé compte %(max)s caractères au plus.") % {"max": MAX_TAG_LENGTH}
            )
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                _("%(max)s mots-clés au plus (%(count)s donnés).")
                % {"max": MAX_TAGS, "count": len(tags)}
            )
        return tuple(tags)

    def clean_certification_code(self) -> str:
        return "".join(str(self.cleaned_data.get("certification_code") or "").split()).upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_expiry(data)
        self._clean_certification(data)
        return data

    def _clean_expiry(self, data: dict[str, Any]) -> None:
        expiry = data.get("expiry")
        if expiry == BadgeVersion.Expiry.DATE:
            day = data.get("expiry_date")
            if day is None and "expiry_date" not in self.errors:
                self.add_error("expiry_date", _("Indiquez la date de fin de validité."))
            elif day is not None and day <= timezone.localdate():
                self.add_error("expiry_date", _("La date de fin de validité doit être à venir."))
        elif (
            expiry == BadgeVersion.Expiry.DURATION
            and data.get("expiry_days") is None
            and "expiry_days" not in self.errors
        ):
            self.add_error("expiry_days", _("Indiquez la durée de validité en jours."))

    def _clean_certification(self, data: dict[str, Any]) -> None:
        code = data.get("certification_code") or ""
        title = (data.get("certification_title") or "").strip()
        if not code:
            if title or data.get("certification_url"):
                self.add_error(
                    "certification_code",
                    _(
                        "Indiquez le code de la certification (RS…, RNCP… ou RNCP…BC…), "
                        "ou videz l'intitulé et l'adresse."
                    ),
                )
            return
        if not CERTIFICATION_CODE.fullmatch(code):
            self.add_error(
                "certification_code",
                _(
                    "Le code « %(code)s » n'est pas un code de certification : attendu RS "
                    "suivi de chiffres (RS5476), RNCP suivi de chiffres (RNCP37173) ou un bloc "
                    "(RNCP38436BC01)."
                )
                % {"code": code},
            )
        elif not title:
            # A fiche or bloc imported from France Compétences gives its own title.
            official = official_title(code)
            if official:
                data["certification_title"] = official[:300]
            else:
                self.add_error(
                    "certification_title",
                    _(
                        "Indiquez l'intitulé de la certification : le code %(code)s ne figure "
                        "pas dans les fiches importées de France compétences."
                    )
                    % {"code": code},
                )

    @property
    def fiche_url(self) -> str:
        """The public fiche of the code typed so far, shown beside the address field."""
        code = str(self["certification_code"].value() or "")
        try:
            return certification(code, "-").url
        except ValueError:
            return ""

    def content(self, competences: list[CompetenceContent]) -> BadgeContent:
        data = self.cleaned_data
        expiry = data["expiry"]
        code = data["certification_code"]
        return BadgeContent(
            name=" ".join(data["name"].split()),
            description=data["description"].strip(),
            criteria=data["criteria"].strip(),
            language=data["language"],
            achievement_type=data["achievement_type"],
            tags=data["tags"],
            expiry=expiry,
            expiry_date=data["expiry_date"] if expiry == BadgeVersion.Expiry.DATE else None,
            expiry_days=data["expiry_days"] if expiry == BadgeVersion.Expiry.DURATION else None,
            certification_code=code,
            certification_title=data["certification_title"].strip() if code else "",
            certification_url=data["certification_url"] if code else "",
            competences=tuple(competences),
        )


def initial_for(version: BadgeVersion) -> dict[str, Any]:
    return {
        "name": version.name,
        "description": version.description,
        "criteria": version.criteria,
        "language": version.language,
        "achievement_type": version.achievement_type,
        "tags": ", ".join(str(t) for t in version.tags),
        "unit": version.badge.unit_id,
        "expiry": version.expiry,
        "expiry_date": version.expiry_date,
        "expiry_days": version.expiry_days,
        "certification_code": version.certification_code,
        "certification_title": version.certification_title,
        "certification_url": version.certification_url,
    }
