"""What a badge page shows about an award, each part computed only when a template asks for
it: a page whose body comes from the fragment cache costs no further query."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ...core.competences import Certification
from ..awards.models import Award
from ..badges.models import Competence
from ..badges.rendering import markdown_html
from ..issuers import identifiers
from . import linkedin, qr
from .certification import certification_of
from .downloads import FORMATS
from .explanations import Verdict, explain
from .verdict import award_verdict


@dataclass(frozen=True)
class CompetenceLine:
    anchor: str
    name: str
    framework: str
    code: str
    url: str
    description: str
    levels: tuple[str, ...]
    reached: str | None  # the level reached, when the competence has levels


@dataclass(frozen=True)
class EvidenceLine:
    name: str
    url: str | None
    narrative: str


def absolute(path: str) -> str:
    return f"{settings.PUBLIC_URL}{path}"


def competence_lines(
    competences: list[Competence], reached: dict[str, Any]
) -> list[CompetenceLine]:
    """The version's competences in order, with the level the learner reached in each."""
    lines = []
    for competence in sorted(competences, key=lambda c: c.position):
        level = reached.get(competence.name, reached.get(str(competence.position)))
        lines.append(
            CompetenceLine(
                anchor=f"competence-{competence.position + 1}",
                name=competence.name,
                framework=competence.framework,
                code=competence.code,
                url=competence.url,
                description=competence.description,
                levels=tuple(str(level) for level in competence.levels),
                reached=str(level) if level else None,
            )
        )
    return lines


class AwardDetails:
    """The parts of a badge page, for one award (loaded with ``visibility.awards()``)."""

    def __init__(self, award: Award) -> None:
        self.award = award
        self.version = award.version
        self.organisation = award.organisation

    @property
    def url(self) -> str:
        return absolute(reverse("public:award", args=[self.award.public_id]))

    @property
    def image_url(self) -> str:
        version = self.version
        return reverse("public:badge-image", args=[version.badge.public_id, version.number])

    @property
    def image_alt(self) -> str:
        return _("%(badge)s, délivré par %(issuer)s") % {
            "badge": self.version.name,
            "issuer": self.organisation.name,
        }

    @property
    def share_card_url(self) -> str:
        return absolute(reverse("public:share-card", args=[self.award.public_id]))

    @property
    def og_locale(self) -> str:
        return "en_GB" if (get_language() or "fr").startswith("en") else "fr_FR"

    @property
    def og_description(self) -> str:
        text = _("Badge numérique ouvert délivré par %(issuer)s. %(description)s") % {
            "issuer": self.organisation.name,
            "description": self.version.description,
        }
        return text if len(text) <= 290 else text[:289].rstrip() + "…"

    @property
    def issuer_page(self) -> str:
        return reverse("public:issuer", args=[self.organisation.slug])

    @property
    def achievement_page(self) -> str:
        version = self.version
        return reverse("public:achievement", args=[version.badge.public_id, version.number])

    @property
    def expired(self) -> bool:
        until = self.award.valid_until
        return until is not None and until < timezone.now()

    @cached_property
    def verdict(self) -> Verdict:
        return explain(award_verdict(self.award))

    @cached_property
    def holder_verdict(self) -> Verdict:
        """The verdict with the recipient checked against the address the badge was sent to."""
        return explain(award_verdict(self.award, for_holder=True))

    @cached_property
    def competences(self) -> list[CompetenceLine]:
        return competence_lines(list(self.version.competences.all()), self.award.levels or {})

    @cached_property
    def criteria_html(self) -> SafeString:
        return SafeString(markdown_html(self.version.criteria))

    @cached_property
    def evidence(self) -> list[EvidenceLine]:
        lines = []
        for item in self.award.evidence or []:
            if not isinstance(item, dict):
                continue
            url = str(item.get("url") or "")
            lines.append(
                EvidenceLine(
                    name=str(item.get("name") or url or _("Preuve")),
                    url=url if url.startswith(("https://", "http://")) else None,
                    narrative=str(item.get("narrative") or item.get("description") or ""),
                )
            )
        return lines

    @cached_property
    def certification(self) -> Certification | None:
        return certification_of(self.version)

    @cached_property
    def downloads(self) -> list[tuple[str, str]]:
        """(label, URL) of every download, in the order the page lists them."""
        labels = {
            "badge.png": _("Image PNG du badge, avec le badge signé à l'intérieur"),
            "badge.svg": _("Image SVG du badge, avec le badge signé à l'intérieur"),
            "ob3.json": _("Badge signé au format JSON (Open Badges 3.0)"),
            "ob3.jwt": _("Badge signé au format JWT (Open Badges 3.0)"),
            "ob2.png": _("Image PNG pour les anciens portefeuilles (Open Badges 2.0)"),
        }
        return [
            (str(labels[name]), reverse("public:download", args=[self.award.public_id, name]))
            for name in FORMATS
        ]

    @property
    def ob2_assertion_url(self) -> str:
        return absolute(reverse("public:ob2-assertion", args=[self.award.public_id]))

    # Sharing (``_share.html``): only for a public award, whose page anyone can open.

    @property
    def shareable(self) -> bool:
        return self.award.public and self.award.erased_at is None

    def linkedin_add_url(self) -> str:
        """LinkedIn's "Add licence or certification" form, filled in (the member confirms)."""
        return linkedin.add_to_profile_url(self.award, self.url)

    def linkedin_share_url(self) -> str:
        return linkedin.share_url(self.url)

    @property
    def linkedin_add_link(self) -> str:
        """Our short address that redirects to ``linkedin_add_url`` (fits in any e-mail)."""
        return absolute(reverse("public:linkedin", args=[self.award.public_id]))

    @property
    def linkedin_share_link(self) -> str:
        return absolute(reverse("public:linkedin-share", args=[self.award.public_id]))

    @property
    def qr_label(self) -> str:
        text = _("Code QR menant à la page du badge « %(badge)s »")
        return text % {"badge": self.version.name}

    @cached_property
    def qr_svg(self) -> SafeString:
        return SafeString(qr.svg(self.url, label=self.qr_label))

    @property
    def qr_svg_url(self) -> str:
        return reverse("public:qr-svg", args=[self.award.public_id])

    @property
    def qr_png_url(self) -> str:
        return reverse("public:qr-png", args=[self.award.public_id])

    @property
    def share_card_download_url(self) -> str:
        return reverse("public:share-card", args=[self.award.public_id]) + "?telecharger=1"

    @cached_property
    def embed_html(self) -> str:
        """A card to paste into any web page: inline styles, no script, images and link from
        the platform."""
        context = {"award": self.award, "details": self, "image": absolute(self.image_url)}
        html = render_to_string("public/embed_card.html", context)
        return " ".join(line.strip() for line in html.splitlines() if line.strip())

    @property
    def issuer_did(self) -> str:
        return identifiers.did(self.organisation)
