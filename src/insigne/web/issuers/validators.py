"""Checks for French business identifiers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_siret(value: str) -> None:
    """A SIRET is 14 digits passing the Luhn check (La Poste's sites are the exception)."""
    if not (len(value) == 14 and value.isdigit()):
        raise ValidationError(_("Un SIRET comporte 14 chiffres."), code="siret_format")
    if value.startswith("356000000"):  # La Poste: digit sum divisible by 5
        if sum(int(c) for c in value) % 5 == 0:
            return
        raise ValidationError(_("Ce SIRET n'est pas valide (clé incorrecte)."), code="siret_key")
    total = 0
    for index, char in enumerate(reversed(value)):
        digit = int(char)
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    if total % 10:
        raise ValidationError(_("Ce SIRET n'est pas valide (clé incorrecte)."), code="siret_key")
