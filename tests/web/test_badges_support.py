"""Shared pieces of the badge design tests (no tests here): the editor's form data, URLs."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from insigne.web.badges.models import Badge, BadgeVersion


def competence_rows(*rows: dict[str, str]) -> dict[str, str]:
    data = {"competences-TOTAL_FORMS": str(len(rows)), "competences-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"competences-{index}-{key}"] = value
    return data


def badge_data(**overrides: Any) -> dict[str, Any]:
    """A complete, valid editor submission: three grouped competences, an RS link, a design."""
    data: dict[str, Any] = {
        "name": "Travailler en équipe",
        "description": "Coopère au sein d'une équipe projet.",
        "criteria": "A mené un **projet collectif** :\n\n- de six semaines\n- à trois au moins",
        "language": "fr",
        "achievement_type": "Competency",
        "tags": "soft skills, coopération, soft skills",
        "unit": "",
        "expiry": "none",
        "expiry_date": "",
        "expiry_days": "",
        "certification_code": "rs 5476",
        "certification_title": "Certification d'exemple",
        "certification_url": "",
        "source": "atelier",
        "design-shape": "hexagone",
        "design-pictogram": "equipe",
        "design-palette": "vert",
        "design-background": "",
        "design-foreground": "",
        "design-line1": "Travail en équipe",
        "design-line2": "2025",
        **competence_rows(
            {"name": "Coopérer", "framework": "RECTEC", "levels": "Découverte\nApplication"},
            {"name": "Communiquer", "framework": "RECTEC", "levels": ""},
            {"name": "S'organiser", "code": "ORG-1", "url": "https://exemple.fr/organiser"},
        ),
    }
    if any(key.startswith("competences-") for key in overrides):
        data = {k: v for k, v in data.items() if not k.startswith("competences-")}
    data.update(overrides)
    return data


def create_url(slug: str) -> str:
    return reverse("badges:create", kwargs={"slug": slug})


def edit_url(badge: Badge) -> str:
    return reverse(
        "badges:edit", kwargs={"slug": badge.organisation.slug, "public_id": badge.public_id}
    )


def detail_url(badge: Badge) -> str:
    return reverse(
        "badges:detail", kwargs={"slug": badge.organisation.slug, "public_id": badge.public_id}
    )


def list_url(slug: str) -> str:
    return reverse("badges:list", kwargs={"slug": slug})


def edit_data(version: BadgeVersion, **overrides: Any) -> dict[str, Any]:
    """The editor's submission for ``version`` unchanged (image kept)."""
    rows = [
        {
            "name": c.name,
            "framework": c.framework,
            "code": c.code,
            "url": c.url,
            "description": c.description,
            "levels": "\n".join(c.levels),
        }
        for c in version.competences.order_by("position")
    ]
    data: dict[str, Any] = {
        "name": version.name,
        "description": version.description,
        "criteria": version.criteria,
        "language": version.language,
        "achievement_type": version.achievement_type,
        "tags": ", ".join(version.tags),
        "unit": "",
        "expiry": version.expiry,
        "expiry_date": version.expiry_date.isoformat() if version.expiry_date else "",
        "expiry_days": str(version.expiry_days or ""),
        "certification_code": version.certification_code,
        "certification_title": version.certification_title,
        "certification_url": version.certification_url,
        "source": "garder",
        **competence_rows(*rows),
    }
    data.update(overrides)
    return data
