"""The dashboard's charts and figures, worded for people."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from ..issuers.models import Organisation
from . import charts, figures

IN_CHART = 25  # bars in a chart of badges or competences; the tables list them all


def context(organisation: Organisation, *, now: datetime | None = None) -> dict[str, Any]:
    totals = figures.totals(organisation)
    months = figures.per_month(organisation, now=now or timezone.now())
    badges = figures.per_badge(organisation)
    competences = figures.per_competence(organisation)
    return {
        "totals": totals,
        "claim_rate": _percent(totals.claim_rate),
        "monthly": _monthly_chart(months),
        "badges": _badge_chart(badges),
        "badge_rows": badges,
        "competences": _competence_chart(competences),
        "competence_rows": competences,
    }


def _percent(rate: float | None) -> str:
    if rate is None:
        return "—"
    # French puts a (non-breaking) space before %, English does not: the catalog decides.
    return _("%(rate)s %%") % {"rate": formats.number_format(rate, 1)}


def _count(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def _monthly_chart(months: list[tuple[Any, int]]) -> charts.Chart:
    items = [
        charts.Item(
            label=formats.date_format(start, "F Y"),
            short=formats.date_format(start, "N"),
            note=str(start.year) if start.month == 1 or index == 0 else "",
            value=count,
        )
        for index, (start, count) in enumerate(months)
    ]
    total = sum(count for _start, count in months)
    busiest = max(items, key=lambda item: item.value)
    if total:
        description = ngettext(
            "De %(first)s à %(last)s : %(total)s badge délivré ; le plus : %(best)s en %(month)s.",
            "De %(first)s à %(last)s : %(total)s badges délivrés ; "
            "le plus : %(best)s en %(month)s.",
            total,
        ) % {
            "first": items[0].label,
            "last": items[-1].label,
            "total": _count(total),
            "best": _count(busiest.value),
            "month": busiest.label,
        }
    else:
        description = _("Aucun badge délivré de %(first)s à %(last)s.") % {
            "first": items[0].label,
            "last": items[-1].label,
        }
    return charts.vertical(
        "par-mois",
        _("Badges délivrés par mois, sur les douze derniers mois"),
        description,
        items,
        label_header=_("Mois"),
        value_header=_("Badges délivrés"),
    )


def _badge_chart(badges: list[figures.Named]) -> charts.Chart:
    shown = badges[:IN_CHART]
    if shown and shown[0].value:
        description = _("Le badge le plus délivré est « %(name)s » (%(count)s).") % {
            "name": shown[0].name,
            "count": _count(shown[0].value),
        }
    else:
        description = _("Aucun badge n'a encore été délivré.")
    if len(badges) > len(shown):
        description += " " + _("Le graphique montre les %(count)s badges les plus délivrés.") % {
            "count": len(shown)
        }
    return charts.horizontal(
        "par-badge",
        _("Badges délivrés, par badge"),
        description,
        [charts.Item(label=b.name, value=b.value) for b in badges],
        label_header=_("Badge"),
        value_header=_("Badges délivrés"),
        limit=IN_CHART,
    )


def _competence_chart(competences: list[figures.CompetenceFigures]) -> charts.Chart:
    if competences and competences[0].awards:
        description = _(
            "La compétence la plus reconnue est « %(name)s » (%(count)s badges délivrés)."
        ) % {"name": competences[0].name, "count": _count(competences[0].awards)}
    else:
        description = _("Aucune compétence n'a encore été reconnue par un badge délivré.")
    shown = competences[:IN_CHART]
    if len(competences) > len(shown):
        description += " " + _(
            "Le graphique montre les %(count)s compétences les plus reconnues."
        ) % {"count": len(shown)}
    return charts.horizontal(
        "par-competence",
        _("Badges délivrés, par compétence"),
        description,
        [charts.Item(label=c.name, value=c.awards) for c in competences],
        label_header=pgettext("column of a table", "Compétence"),
        value_header=_("Badges délivrés"),
        limit=IN_CHART,
    )
