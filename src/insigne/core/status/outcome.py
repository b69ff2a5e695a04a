"""What a status check concludes, and the words shown to the person checking a badge.

Messages are written for an employer who is not a specialist: they say what the status
means for the badge, or why it could not be confirmed. The technical reason (URL, index,
the W3C error name) goes into ``detail``, in English.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..text import Text

State = Literal["ok", "revoked", "suspended", "error", "unsupported"]


@dataclass(frozen=True)
class StatusOutcome:
    """The result of one ``credentialStatus`` entry.

    ``state``: "ok" (not revoked or suspended), "revoked", "suspended", "error" (the
    status could not be decided) or "unsupported" (a status method Insigne does not read).
    """

    state: State
    purpose: str | None
    message: Text
    detail: str = ""


REVOKED = Text(
    fr="Ce badge a été révoqué par son émetteur.",
    en="This badge has been revoked by its issuer.",
)
SUSPENDED = Text(
    fr="Ce badge est actuellement suspendu par son émetteur.",
    en="This badge is currently suspended by its issuer.",
)
NOT_REVOKED = Text(fr="Ce badge n'a pas été révoqué.", en="This badge has not been revoked.")
NOT_SUSPENDED = Text(fr="Ce badge n'est pas suspendu.", en="This badge is not suspended.")
NOTHING_REPORTED = Text(
    fr="L'émetteur ne signale ni révocation ni suspension pour ce badge.",
    en="The issuer reports neither revocation nor suspension for this badge.",
)
UNSUPPORTED = Text(
    fr="Ce badge indique son statut d'une manière qu'Insigne ne sait pas encore vérifier.",
    en="This badge publishes its status in a way Insigne cannot check yet.",
)

# Why a status could not be confirmed: the end of "Impossible de vérifier ... : <reason>".
LIST_NOT_FOUND = Text(
    fr="la liste de statut est introuvable.", en="the status list could not be found."
)
LIST_UNREADABLE = Text(fr="la liste de statut est illisible.", en="the status list cannot be read.")
LIST_TOO_LARGE = Text(
    fr="la liste de statut est anormalement volumineuse.",
    en="the status list is abnormally large.",
)
LIST_NOT_AUTHENTIC = Text(
    fr="la liste de statut n'a pas pu être authentifiée.",
    en="the status list could not be authenticated.",
)
LIST_EXPIRED = Text(
    fr="la liste de statut publiée par l'émetteur a expiré.",
    en="the status list published by the issuer has expired.",
)
LIST_NOT_YET_VALID = Text(
    fr="la liste de statut publiée par l'émetteur n'est pas encore valable.",
    en="the status list published by the issuer is not valid yet.",
)
LIST_BAD_DATES = Text(
    fr="les dates de validité de la liste de statut sont illisibles.",
    en="the validity dates of the status list cannot be read.",
)
NOT_A_STATUS_LIST = Text(
    fr="le document indiqué n'est pas une liste de statut.",
    en="the document it points to is not a status list.",
)
WRONG_PURPOSE = Text(
    fr="la liste de statut indiquée ne sert pas à ce type de vérification.",
    en="the status list it points to is not meant for this kind of check.",
)
LIST_TOO_SHORT = Text(
    fr="la liste de statut est plus petite que le minimum exigé par la norme (131 072 entrées).",
    en="the status list is smaller than the standard requires (131,072 entries).",
)
INDEX_OUT_OF_RANGE = Text(
    fr="la position de ce badge dépasse la fin de la liste de statut.",
    en="this badge's position lies beyond the end of the status list.",
)
BAD_ENTRY = Text(
    fr="les informations de statut de ce badge sont incomplètes ou mal formées.",
    en="this badge's status information is incomplete or malformed.",
)
NO_CREDENTIAL_ID = Text(
    fr="ce badge n'a pas d'identifiant à rechercher dans la liste.",
    en="this badge has no identifier to look up in the list.",
)
TOO_MANY_ENTRIES = Text(
    fr="ce badge indique trop de sources de statut pour qu'elles soient toutes consultées.",
    en="this badge names too many status sources for all of them to be consulted.",
)

_CANNOT_CHECK = {
    "revocation": Text(
        fr="Impossible de vérifier si ce badge a été révoqué",
        en="Could not check whether this badge has been revoked",
    ),
    "suspension": Text(
        fr="Impossible de vérifier si ce badge est suspendu",
        en="Could not check whether this badge is suspended",
    ),
}
_CANNOT_CHECK_STATUS = Text(
    fr="Impossible de vérifier le statut de ce badge",
    en="Could not check the status of this badge",
)


class UndecidedError(Exception):
    """Raised inside a check when the status cannot be decided; becomes an "error" outcome.

    ``reason`` ends "Impossible de vérifier ... : <reason>"; ``explanation`` (a full
    sentence, e.g. what the list verifier found) may follow it.
    """

    def __init__(self, reason: Text, detail: str, explanation: Text | None = None) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.explanation = explanation

    def outcome(self, purpose: str | None) -> StatusOutcome:
        """The "error" outcome for an entry with this ``purpose``."""
        lead = _CANNOT_CHECK.get(purpose or "", _CANNOT_CHECK_STATUS)
        fr = f"{lead.fr} : {self.reason.fr}"
        en = f"{lead.en}: {self.reason.en}"
        if self.explanation is not None:
            fr, en = f"{fr} {self.explanation.fr}", f"{en} {self.explanation.en}"
        return StatusOutcome("error", purpose, Text(fr=fr, en=en), self.detail)


def quote(value: object, limit: int = 80) -> str:
    """``repr(value)`` cut to ``limit`` characters: details echo untrusted input."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
