"""Forms of the issuers context: organisation profile, units, staff and invitations."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from . import logos
from .actions import is_member
from .models import Organisation, Role, Unit

_LINKEDIN_URL = re.compile(r"linkedin\.com/company/(\d+)", re.IGNORECASE)
PROFILE_FIELDS = (
    "name",
    "description",
    "website",
    "contact_email",
    "kind",
    "region",
    "siret",
    "linkedin_organization_id",
)


class OrganisationForm(forms.ModelForm[Organisation]):
    """Create or edit an organisation's public profile.

    ``cleaned_data["logo"]`` is the re-encoded PNG (bytes) when a logo was uploaded.
    """

    website = forms.URLField(
        label=_("Site web"),
        required=False,
        assume_scheme="https",
        help_text=_("Par exemple : https://www.exemple.fr"),
    )
    # Wider than the stored value: spaces in a SIRET and a whole LinkedIn page address are
    # accepted, then reduced by clean_*; the model's validators check what is left.
    siret = forms.CharField(
        label=_("SIRET"),
        required=False,
        max_length=30,
        help_text=_("14 chiffres, les espaces sont acceptées."),
    )
    linkedin_organization_id = forms.CharField(
        label=_("Identifiant de la page LinkedIn"),
        required=False,
        max_length=300,
        help_text=_(
            "Le numéro de votre page LinkedIn (ou l'adresse de la page), pour que les "
            "bénéficiaires ajoutent le badge à leur profil avec votre nom."
        ),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("Image PNG ou JPEG, 2 Mo au plus. Elle est réduite à 512 pixels de côté."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Retirer le logo actuel"), required=False)

    class Meta:
        model = Organisation
        fields = PROFILE_FIELDS
        labels = {
            "name": _("Nom de l'organisation"),
            "contact_email": _("Adresse électronique de contact"),
            "kind": _("Type d'organisation"),
        }
        help_texts = {
            "description": _("Quelques phrases affichées sur les pages publiques de vos badges."),
            "contact_email": _("Publiée avec vos badges : les bénéficiaires peuvent vous écrire."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].required = False
        if not (self.instance.pk and self.instance.logo_png):
            del self.fields["remove_logo"]

    def clean_siret(self) -> str:
        return re.sub(r"[\s.]", "", self.cleaned_data.get("siret") or "")

    def clean_linkedin_organization_id(self) -> str:
        value = (self.cleaned_data.get("linkedin_organization_id") or "").strip()
        match = _LINKEDIN_URL.search(value)
        return match.group(1) if match else value

    def clean_logo(self) -> bytes | None:
        upload = self.cleaned_data.get("logo")
        if not isinstance(upload, UploadedFile):
            return None
        try:
            # From the announced size first: a large file is never read into memory.
            logos.check_size(upload.size or 0)
            return logos.normalise(upload.read(), upload.name or "")
        except logos.LogoError as error:
            raise forms.ValidationError(str(error), code="logo") from error

    def profile(self) -> dict[str, Any]:
        """The profile fields, ready for the create and update actions."""
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Nom de l'unité"), max_length=120)

    def __init__(self, organisation: Organisation, *args: Any, unit: Unit | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.unit = unit

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        others = Unit.objects.filter(organisation=self.organisation, name__iexact=name)
        if self.unit is not None:
            others = others.exclude(pk=self.unit.pk)
        if others.exists():
            raise forms.ValidationError(_("Une unité porte déjà ce nom."), code="duplicate")
        return name


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Adresse électronique de la personne"))
    role = forms.ChoiceField(
        label=_("Rôle"),
        choices=Role.choices,
        initial=Role.AWARDER,
        help_text=_(
            "Responsable : tout gérer. Conception : créer et modifier les badges. "
            "Attribution : délivrer et révoquer les badges."
        ),
    )

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        if is_member(self.organisation, email):
            raise forms.ValidationError(
                _("Cette personne fait déjà partie de l'organisation."), code="member"
            )
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices)
