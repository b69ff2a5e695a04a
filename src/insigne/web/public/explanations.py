"""A verification result in plain language: a title for each check, its outcome in words and
as a symbol (never colour alone), and what a failure means for the person reading it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ...core.outcome import Outcome
from ...core.verify import VerificationResult

_TITLES: dict[str, Promise] = {
    "format": _("Lecture du badge"),
    "jsonld": _("Intégrité des données"),
    "schema": _("Format Open Badges"),
    "proof": _("Signature"),
    "issuer": _("Émetteur"),
    "iss": _("Émetteur"),
    "valid_from": _("Date de délivrance"),
    "nbf": _("Date de délivrance"),
    "valid_until": _("Fin de validité"),
    "exp": _("Fin de validité"),
    "dates": _("Dates de validité"),
    "status": _("Révocation"),
    "recipient": _("Titulaire"),
    "sub": _("Titulaire"),
    "endorsement": _("Recommandation"),
    "badge-document": _("Description du badge"),
    "issuer-document": _("Profil de l'émetteur"),
    "key": _("Clé de l'émetteur"),
    "scope": _("Site de publication"),
    "verification": _("Mode de vérification"),
    "assertion-copy": _("Copie du badge"),
    "header": _("Format du jeton"),
    "token": _("Format du jeton"),
    "vc": _("Format du jeton"),
    "jti": _("Identifiant du badge"),
}
_PUBLISHED = _(
    "Un document que publie l'émetteur n'a pas pu être obtenu : son site est peut-être "
    "indisponible ou fermé. Réessayez plus tard."
)
_EXPIRED = _(
    "Le badge n'est plus valide : sa date de fin de validité est passée. Il atteste de ce qui "
    "avait été acquis à l'époque."
)
_MEANINGS: dict[str, Promise] = {
    "format": _(
        "Ce qui a été fourni n'est pas un badge numérique ouvert lisible. Vérifiez qu'il "
        "s'agit bien de l'image PNG ou SVG du badge, de son fichier JSON ou de son jeton JWT."
    ),
    "jsonld": _(
        "Une partie du contenu n'est pas protégée par la signature, ou utilise un vocabulaire "
        "inconnu : on ne peut pas s'y fier."
    ),
    "schema": _(
        "Des informations essentielles du badge manquent ou sont mal formées : il ne respecte "
        "pas le format Open Badges."
    ),
    "proof": _(
        "La signature ne correspond pas : le badge a pu être modifié après sa délivrance, ou "
        "il ne vient pas de l'émetteur qu'il annonce. Ne vous y fiez pas."
    ),
    "issuer": _(
        "La clé qui a signé le badge n'appartient pas à l'émetteur annoncé, ou cela n'a pas "
        "pu être vérifié."
    ),
    "valid_from": _("Le badge n'est pas encore valide, ou sa date de délivrance est invalide."),
    "valid_until": _EXPIRED,
    "exp": _EXPIRED,
    "dates": _EXPIRED,
    "status": _(
        "L'émetteur a révoqué ou suspendu ce badge, ou son statut n'a pas pu être consulté. "
        "Un badge révoqué n'atteste plus rien."
    ),
    "recipient": _("Le badge n'a pas été délivré à l'adresse électronique indiquée."),
    "endorsement": _(
        "Une recommandation jointe au badge ne se vérifie pas ; le badge lui-même peut rester "
        "valable."
    ),
    "badge-document": _PUBLISHED,
    "issuer-document": _PUBLISHED,
    "key": _PUBLISHED,
    "scope": _("Le badge n'est pas publié sur un site que l'émetteur autorise."),
}
_DEFAULT_MEANING = _("Cette vérification a échoué ; le détail technique l'explique.")
_OUTCOMES: dict[Outcome, tuple[str, Promise]] = {
    Outcome.PASS: ("✓", _("Réussi")),
    Outcome.FAIL: ("✗", _("Échec")),
    Outcome.WARNING: ("!", _("Attention")),
    Outcome.SKIPPED: ("–", _("Non vérifié")),
}


@dataclass(frozen=True)
class CheckLine:
    name: str
    title: str
    outcome: str  # pass, fail, warning, skipped (also the CSS class)
    symbol: str
    label: str
    message: str
    meaning: str  # what a failure means; empty otherwise
    detail: str  # technical, in English


@dataclass(frozen=True)
class Verdict:
    outcome: str  # pass, warning or fail
    symbol: str
    headline: str
    verified: bool
    revoked: bool
    lines: tuple[CheckLine, ...]

    @property
    def failures(self) -> tuple[CheckLine, ...]:
        return tuple(line for line in self.lines if line.outcome == Outcome.FAIL)


def explain(result: VerificationResult) -> Verdict:
    """``result`` in the active language."""
    language = get_language() or "fr"
    lines = []
    for check in result.checks:
        symbol, label = _OUTCOMES[check.outcome]
        meaning = ""
        if check.outcome is Outcome.FAIL:
            meaning = str(_MEANINGS.get(check.name, _DEFAULT_MEANING))
        lines.append(
            CheckLine(
                name=check.name,
                title=str(_TITLES.get(check.name, _("Autre vérification"))),
                outcome=check.outcome.value,
                symbol=symbol,
                label=str(label),
                message=check.message.get(language),
                meaning=meaning,
                detail=check.detail,
            )
        )
    if result.verified:
        outcome, symbol = ("warning", "!") if result.warnings() else ("pass", "✓")
    else:
        outcome, symbol = "fail", "✗"
    return Verdict(
        outcome=outcome,
        symbol=symbol,
        headline=result.summary().get(language),
        verified=result.verified,
        revoked=result.revoked,
        lines=tuple(lines),
    )
