"""The account page's form, and the confirmation of an account's deletion."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User


class AccountForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ("first_name", "last_name", "language")
        labels = {
            "first_name": _("Prénom"),
            "last_name": _("Nom"),
            "language": _("Langue des courriels"),
        }
        help_texts = {
            "first_name": _("Vos collègues le voient dans la liste de l'équipe."),
            "language": _("Les courriels de la plateforme vous sont écrits dans cette langue."),
        }


class DeleteAccountForm(forms.Form):
    """Confirming the deletion with the password, or with the address for an account that
    has no password (created by an administrator)."""

    password = forms.CharField(
        label=_("Votre mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Pour confirmer que c'est bien vous qui supprimez ce compte."),
    )
    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        help_text=_("Tapez l'adresse de votre compte pour confirmer la suppression."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        del self.fields["email" if user.has_usable_password() else "password"]

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Ce mot de passe n'est pas le bon. Votre compte n'a pas été supprimé.")
            )
        return password

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        addresses = EmailAddress.objects.filter(user=self.user).values_list("email", flat=True)
        if email.strip().lower() not in {a.lower() for a in [self.user.email, *addresses]}:
            raise forms.ValidationError(
                _(
                    "Cette adresse n'est pas celle de votre compte. "
                    "Votre compte n'a pas été supprimé."
                )
            )
        return email
