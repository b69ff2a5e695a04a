"""The organisation dashboard: figures computed by the database, charts as accessible SVG."""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from insigne.web.awards.models import Award
from insigne.web.badges.models import Badge, BadgeVersion, Competence
from insigne.web.insights import charts, figures
from insigne.web.insights.dashboard import context
from insigne.web.issuers.models import Organisation

from .conftest import Cast, make_badge

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2025, 3, 12, 10, 0, tzinfo=PARIS)


def _awards(
    version: BadgeVersion,
    count: int,
    *,
    awarded_at: datetime = NOW,
    claimed: bool = False,
    state: str = Award.State.ACTIVE,
    levels: dict[str, str] | None = None,
) -> None:
    """Stored awards without signatures: the dashboard only counts rows."""
    organisation = version.badge.organisation
    Award.objects.bulk_create(
        Award(
            organisation=organisation,
            version=version,
            recipient_email=f"personne{index}@example.org",
            recipient_name="",
            awarded_at=awarded_at,
            claimed_at=awarded_at if claimed else None,
            state=state,
            levels=levels or {},
            salt="sel",
            credential="{}",
            claim_token=secrets.token_urlsafe(16),
        )
        for index in range(count)
    )


def _url(organisation: Organisation) -> str:
    return reverse("insights:dashboard", kwargs={"slug": organisation.slug})


# Figures


def test_totals_count_claimed_suspended_and_revoked_awards(grouped_badge: BadgeVersion) -> None:
    _awards(grouped_badge, 6, claimed=True)
    _awards(grouped_badge, 2)
    _awards(grouped_badge, 1, state=Award.State.SUSPENDED)
    _awards(grouped_badge, 1, state=Award.State.REVOKED, claimed=True)
    totals = figures.totals(grouped_badge.badge.organisation)
    assert totals == figures.Totals(awards=10, claimed=7, suspended=1, revoked=1)
    assert totals.claim_rate == 70.0
    assert figures.Totals(0, 0, 0, 0).claim_rate is None


def test_awards_are_counted_per_local_month_over_the_last_twelve(
    grouped_badge: BadgeVersion,
) -> None:
    _awards(grouped_badge, 3, awarded_at=NOW)
    # 1 March 00:30 in Paris is still February in UTC: it counts for March.
    _awards(grouped_badge, 2, awarded_at=datetime(2025, 3, 1, 0, 30, tzinfo=PARIS))
    _awards(grouped_badge, 4, awarded_at=datetime(2024, 4, 30, 23, 0, tzinfo=PARIS))
    _awards(grouped_badge, 7, awarded_at=datetime(2024, 3, 31, 12, 0, tzinfo=PARIS))  # too old
    months = figures.per_month(grouped_badge.badge.organisation, now=NOW)
    assert len(months) == 12
    assert months[0] == (datetime(2024, 4, 1).date(), 4)
    assert months[-1] == (datetime(2025, 3, 1).date(), 5)
    assert sum(count for _month, count in months) == 9


def test_month_starts_cross_the_new_year() -> None:
    starts = figures.month_starts(datetime(2025, 1, 15, tzinfo=PARIS), 3)
    assert [(d.year, d.month) for d in starts] == [(2024, 11), (2024, 12), (2025, 1)]


def test_awards_per_badge_add_up_versions_and_use_the_latest_name(cast: Cast) -> None:
    first = make_badge(cast.organisation, name="Ancien nom")
    second = BadgeVersion.objects.create(
        badge=first.badge, number=2, name="Nouveau nom", description="d", criteria="c",
        image_png=b"",
    )  # fmt: skip
    other = make_badge(cast.organisation, name="Autre badge")
    make_badge(cast.organisation, name="Jamais délivré")
    archived = make_badge(cast.organisation, name="Archivé sans attribution")
    Badge.objects.filter(pk=archived.badge_id).update(archived=True)
    _awards(first, 2)
    _awards(second, 3)
    _awards(other, 1)
    rows = figures.per_badge(cast.organisation)
    assert rows == [
        figures.Named("Nouveau nom", 5),
        figures.Named("Autre badge", 1),
        figures.Named("Jamais délivré", 0),
    ]


def test_awards_per_competence_count_badges_and_levels_reached(cast: Cast) -> None:
    grouped = make_badge(cast.organisation)
    solo = make_badge(
        cast.organisation,
        name="Communication écrite",
        competences=(("Communiquer", ("Découverte", "Application", "Maîtrise")),),
    )
    _awards(grouped, 4, levels={"Communiquer": "Maîtrise", "Travailler en équipe": "Découverte"})
    _awards(grouped, 2, levels={"Communiquer": "Application"})
    _awards(grouped, 1)
    _awards(solo, 3, levels={"Communiquer": "Maîtrise"})
    _awards(solo, 1, levels={"0": "Découverte"})  # keyed by position, as the model describes
    rows = {row.name: row for row in figures.per_competence(cast.organisation)}
    assert rows["Communiquer"].awards == 11
    assert rows["Communiquer"].levels == {"Découverte": 1, "Application": 2, "Maîtrise": 7}
    assert list(rows["Communiquer"].levels) == ["Découverte", "Application", "Maîtrise"]
    assert rows["Travailler en équipe"].awards == 7
    assert rows["Travailler en équipe"].levels["Découverte"] == 4
    assert rows["Apprendre à apprendre"].awards == 7
    assert rows["Apprendre à apprendre"].levels == {}
    assert next(row.name for row in figures.per_competence(cast.organisation)) == "Communiquer"


def test_figures_of_one_organisation_never_include_another(cast: Cast) -> None:
    ours = make_badge(cast.organisation)
    theirs = make_badge(cast.other, name="Leur badge")
    _awards(ours, 2)
    _awards(theirs, 5, claimed=True)
    assert figures.totals(cast.organisation).awards == 2
    assert figures.totals(cast.organisation).claimed == 0
    assert [row.name for row in figures.per_badge(cast.organisation)] == [
        "Compétences relationnelles"
    ]
    assert all(row.awards == 2 for row in figures.per_competence(cast.organisation))


# Charts


def test_scale_tops_are_round_and_steps_whole() -> None:
    assert charts.scale_top(0) == (1, 1)
    assert charts.scale_top(3) == (3, 1)
    assert charts.scale_top(7) == (8, 2)
    assert charts.scale_top(450) == (500, 100)
    assert charts.scale_top(1000) == (1000, 200)
    top, step = charts.scale_top(9_876)
    assert top >= 9_876 and top % step == 0 and top / step <= 5


def test_vertical_bars_are_proportional_and_inside_the_drawing() -> None:
    chart = charts.vertical(
        "c", "t", "d", [charts.Item("a", 10), charts.Item("b", 5), charts.Item("c", 0)],
        label_header="l", value_header="v",
    )  # fmt: skip
    a, b, c = chart.bars
    assert a.height == pytest.approx(2 * b.height, abs=0.2)
    assert c.height == 0
    for bar in chart.bars:
        assert bar.x >= 0 and bar.x + bar.width <= chart.width
        assert bar.y >= 0 and bar.y + bar.height <= chart.height
    assert a.y + a.height == b.y + b.height  # same baseline


def test_horizontal_bars_draw_at_most_the_limit_but_the_table_has_every_row() -> None:
    items = [charts.Item(f"Badge {i}", 100 - i) for i in range(40)]
    chart = charts.horizontal("c", "t", "d", items, label_header="l", value_header="v", limit=25)
    assert len(chart.bars) == 25 and len(chart.rows) == 40
    assert chart.bars[0].width > chart.bars[-1].width
    assert max(bar.value_x for bar in chart.bars) < chart.width


def test_long_names_are_shortened_in_the_drawing_only() -> None:
    name = "Concevoir et animer une séquence de formation en situation de travail"
    chart = charts.horizontal(
        "c", "t", "d", [charts.Item(name, 1)], label_header="l", value_header="v"
    )
    assert chart.bars[0].short.endswith("…") and len(chart.bars[0].short) <= charts.LABEL_CHARS
    assert chart.rows[0].label == name


# The page


def test_dashboard_shows_accessible_charts_with_the_same_numbers_in_tables(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    _awards(grouped_badge, 1234, claimed=True, awarded_at=timezone.now())
    _awards(grouped_badge, 766, awarded_at=timezone.now())
    page = cast.client(cast.owner).get(_url(cast.organisation)).content.decode()
    assert page.count('role="img"') == 3
    for chart_id in ("par-mois", "par-badge", "par-competence"):
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in page
        assert f'<title id="{chart_id}-title">' in page and f'<desc id="{chart_id}-desc">' in page
    assert "61,7\u00a0%" in page  # claim rate with a decimal comma
    assert "2\u202f000" in page or "2\u00a0000" in page  # total, grouped the French way
    # SVG coordinates stay machine numbers whatever the language.
    for value in re.findall(
        r'\s(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', page.split("<svg", 1)[1]
    ):
        float(value)
    assert '<table class="visually-hidden">' in page
    assert "Compétences reconnues et niveaux atteints" in page


def test_dashboard_in_english_uses_english_words_and_numbers(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    _awards(grouped_badge, 3, claimed=True, awarded_at=timezone.now())
    _awards(grouped_badge, 5, awarded_at=timezone.now())
    page = (
        cast.client(cast.owner)
        .get(_url(cast.organisation), headers={"accept-language": "en"})
        .content.decode()
    )
    assert "Dashboard" in page
    assert "37.5%" in page
    assert "Tableau de bord" not in page


def test_an_organisation_without_awards_gets_an_explanation_not_empty_charts(
    cast: Cast,
) -> None:
    page = cast.client(cast.editor).get(_url(cast.organisation))
    text = page.content.decode().replace("&#x27;", "'")
    assert page.status_code == 200
    assert "Aucun badge n'a encore été délivré." in text
    assert 'role="img"' in text  # the months still show, all at zero


@pytest.mark.parametrize("person", ["owner", "editor", "awarder"])
def test_every_member_sees_the_dashboard(cast: Cast, person: str) -> None:
    assert cast.client(getattr(cast, person)).get(_url(cast.organisation)).status_code == 200


@pytest.mark.parametrize("person", ["outsider", "learner"])
def test_non_members_cannot_see_the_dashboard(cast: Cast, person: str) -> None:
    response = cast.client(getattr(cast, person)).get(_url(cast.organisation))
    assert response.status_code == 404


def test_anonymous_visitor_is_asked_to_sign_in_for_the_dashboard(cast: Cast) -> None:
    response = Client().get(_url(cast.organisation))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_dashboard_queries_do_not_grow_with_10000_awards(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    versions = [make_badge(cast.organisation, name=f"Badge {i}") for i in range(5)]
    levels: tuple[dict[str, str], ...] = (
        {"Communiquer": "Maîtrise"},
        {"Communiquer": "Découverte"},
        {},
    )
    now = timezone.now()
    for index in range(10):
        _awards(
            versions[index % 5],
            1000,
            awarded_at=now - timedelta(days=31 * index),
            claimed=index % 2 == 0,
            levels=levels[index % 3],
        )
    client = cast.client(cast.awarder)
    with django_assert_max_num_queries(9):
        response = client.get(_url(cast.organisation))
    assert response.status_code == 200
    with translation.override("fr"):
        data = context(cast.organisation)
    assert data["totals"].awards == 10_000
    assert sum(bar.value for bar in data["monthly"].bars) == 10_000
    communiquer = next(c for c in data["competence_rows"] if c.name == "Communiquer")
    assert communiquer.awards == 10_000
    assert communiquer.levels["Maîtrise"] == 4000


def test_competences_shared_by_versions_are_one_row(cast: Cast) -> None:
    first = make_badge(cast.organisation)
    second = BadgeVersion.objects.create(
        badge=first.badge, number=2, name="v2", description="d", criteria="c", image_png=b""
    )
    Competence.objects.create(
        version=second, position=0, name="Communiquer", framework="RECTEC",
        levels=["Découverte", "Application", "Maîtrise", "Expertise"],
    )  # fmt: skip
    _awards(first, 1, levels={"Communiquer": "Maîtrise"})
    _awards(second, 2, levels={"Communiquer": "Expertise"})
    [row] = [r for r in figures.per_competence(cast.organisation) if r.name == "Communiquer"]
    assert row.awards == 3
    assert row.levels == {"Découverte": 0, "Application": 0, "Maîtrise": 1, "Expertise": 2}
