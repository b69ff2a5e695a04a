"""Why a badge could not be baked into, or read from, an image: one error, two languages."""

from __future__ import annotations

from insigne.core.text import Text


class BakingError(ValueError):
    """The image or the payload cannot be baked or unbaked.

    ``str(error)`` is plain English for logs; ``error.text`` carries the same message in
    French and English for the people who uploaded the file.
    """

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


NOT_AN_IMAGE = Text(
    fr="Ce fichier n'est ni une image PNG ni une image SVG.",
    en="This file is neither a PNG nor an SVG image.",
)
NO_BADGE = Text(fr="Cette image ne contient aucun badge.", en="This image carries no badge.")
ANOTHER_BADGE = Text(
    fr="Cette image contient déjà un autre badge.", en="This image already carries another badge."
)


def too_big(what_fr: str, what_en: str, limit: int) -> BakingError:
    """``what`` is larger than ``limit`` bytes."""
    size = f"{limit / 2**20:g}"
    return BakingError(
        Text(
            fr=f"{what_fr} dépasse la taille maximale de {size} Mo.",
            en=f"{what_en} is larger than the {size} MiB limit.",
        )
    )


def damaged_png(fr: str, en: str) -> BakingError:
    """The PNG file does not follow the PNG format (the detail says where)."""
    return BakingError(
        Text(fr=f"Le fichier PNG est endommagé : {fr}.", en=f"The PNG file is damaged: {en}.")
    )


def invalid_svg(fr: str, en: str) -> BakingError:
    """The SVG file cannot be used (the detail says why)."""
    return BakingError(
        Text(
            fr=f"Le fichier SVG est inutilisable : {fr}.", en=f"The SVG file cannot be used: {en}."
        )
    )


def unreadable_badge(fr: str, en: str) -> BakingError:
    """The image has a badge container whose content cannot be read."""
    return BakingError(
        Text(
            fr=f"Le badge contenu dans l'image est illisible : {fr}.",
            en=f"The badge inside the image cannot be read: {en}.",
        )
    )


def invalid_payload(fr: str, en: str) -> BakingError:
    """What was asked to be baked is not something a badge image can carry."""
    return BakingError(
        Text(
            fr=f"Ce contenu ne peut pas être intégré à une image : {fr}.",
            en=f"This content cannot be baked into an image: {en}.",
        )
    )
