"""The account page's form."""

from __future__ import annotations

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
