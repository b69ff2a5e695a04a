"""The image part of the badge editor: keep the current image, draw one, or send a file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import rasterise
from .design_png import design_png
from .designer import CUSTOM, PALETTES, SHAPES, Design, design_svg, problems
from .pictograms import PICTOGRAMS
from .uploads import MAX_BYTES, BadgeImage, ImageRefusedError, read_upload

KEEP, DESIGN, UPLOAD = "garder", "atelier", "fichier"
SOURCES = [
    (KEEP, gettext_lazy("Garder l'image actuelle")),
    (DESIGN, gettext_lazy("Dessiner l'image avec l'atelier")),
    (UPLOAD, gettext_lazy("Importer un fichier PNG ou SVG")),
]


class ImageForm(forms.Form):
    source = forms.ChoiceField(
        label=gettext_lazy("Image du badge"),
        widget=forms.RadioSelect,
        choices=SOURCES,
    )
    file = forms.FileField(
        label=gettext_lazy("Fichier de l'image (PNG ou SVG)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".png,.svg,image/png,image/svg+xml"}),
        help_text=gettext_lazy(
            "2 Mo au plus ; une image carrée d'au moins 90×90 pixels (512×512 conseillé). "
            "Un SVG est nettoyé : scripts, liens externes et contenus étrangers sont retirés."
        ),
    )
    companion = forms.FileField(
        label=gettext_lazy("Version PNG de l'image SVG"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".png,image/png"}),
        help_text=gettext_lazy("Facultative : utilisée telle quelle à la place de la conversion."),
    )

    def __init__(self, *args: Any, editing: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.image: BadgeImage | None = None
        field = self.fields["source"]
        assert isinstance(field, forms.ChoiceField)
        if not editing:
            field.choices = SOURCES[1:]
        self.fields["source"].initial = KEEP if editing else DESIGN
        if not rasterise.available():
            self.fields["companion"].help_text = gettext_lazy(
                "Obligatoire avec un fichier SVG : ce serveur ne sait pas convertir un SVG."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") != UPLOAD:
            return data
        upload = data.get("file")
        if upload is None:
            self.add_error("file", _("Choisissez le fichier de l'image."))
            return data
        try:
            self.image = read_upload(_read(upload), _read(data.get("companion")) or None)
        except ImageRefusedError as error:
            self.add_error("file", error.message)
        return data


def _read(upload: Any) -> bytes:
    if upload is None:
        return b""
    if upload.size is not None and upload.size > MAX_BYTES:
        # Read one byte more than allowed: enough for the size check to speak.
        return bytes(upload.read(MAX_BYTES + 1))
    return bytes(upload.read())


class DesignForm(forms.Form):
    shape = forms.ChoiceField(
        label=gettext_lazy("Forme"), widget=forms.RadioSelect, choices=list(SHAPES.items())
    )
    pictogram = forms.ChoiceField(
        label=gettext_lazy("Pictogramme"),
        widget=forms.RadioSelect,
        choices=[(key, label) for key, (label, _shapes) in PICTOGRAMS.items()],
    )
    palette = forms.ChoiceField(
        label=gettext_lazy("Couleurs"),
        widget=forms.RadioSelect,
        choices=[
            *((key, label) for key, (label, _b, _f) in PALETTES.items()),
            (CUSTOM, gettext_lazy("Couleurs personnalisées")),
        ],
    )
    background = forms.CharField(
        label=gettext_lazy("Couleur du fond"),
        required=False,
        max_length=7,
        help_text=gettext_lazy("Pour les couleurs personnalisées, au format #1a2b3c."),
    )
    foreground = forms.CharField(
        label=gettext_lazy("Couleur du pictogramme et du texte"),
        required=False,
        max_length=7,
        help_text=gettext_lazy("Contraste d'au moins 4,5:1 avec le fond."),
    )
    line1 = forms.CharField(
        label=gettext_lazy("Texte, première ligne"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("Par exemple le nom du badge, en court."),
    )
    line2 = forms.CharField(
        label=gettext_lazy("Texte, seconde ligne"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("Par exemple l'année ou le nom de votre organisation."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("background", "foreground"):
            self.fields[name].widget.attrs.update(
                {"autocomplete": "off", "spellcheck": "false", "size": "8"}
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        palette = data.get("palette")
        if palette in PALETTES:
            data["background"], data["foreground"] = PALETTES[palette][1:]
        for name in ("background", "foreground"):
            data[name] = str(data.get(name) or "").strip().lower()
        if self.errors:
            return data
        for name, message in problems(self._design(data)).items():
            self.add_error(name, message)
        return data

    def _design(self, data: dict[str, Any]) -> Design:
        return Design(
            shape=data["shape"],
            palette=data["palette"],
            background=data["background"],
            foreground=data["foreground"],
            pictogram=data["pictogram"],
            line1=" ".join(data["line1"].split()),
            line2=" ".join(data["line2"].split()),
        )

    def design(self) -> Design:
        return self._design(self.cleaned_data)

    def image(self) -> BadgeImage:
        design = self.design()
        return BadgeImage(png=design_png(design), svg=design_svg(design), design=design.as_json())


def design_initial(design: Design) -> dict[str, str]:
    return {
        "shape": design.shape,
        "pictogram": design.pictogram,
        "palette": design.palette,
        "background": design.background,
        "foreground": design.foreground,
        "line1": design.line1,
        "line2": design.line2,
    }
