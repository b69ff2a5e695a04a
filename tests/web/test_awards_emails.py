"""The e-mail that announces a badge: the learner's language, a claim link, no tracking."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone

from insigne.web.awards import emails
from insigne.web.awards.actions import set_state
from insigne.web.awards.issuance import Recipient, issue
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion

from .conftest import Cast

pytestmark = pytest.mark.django_db


def one(cast: Cast, version: BadgeVersion, **extra: object) -> Award:
    [award] = issue(
        version,
        [
            Recipient(
                "camille@apprenant.example", "Camille Roux", {"Communiquer": "Maîtrise"}, **extra
            )
        ],  # type: ignore[arg-type]
        by=cast.owner,
    )
    return award


def test_a_french_learner_gets_a_french_mail_with_the_claim_link(
    cast: Cast, grouped_badge: BadgeVersion, settings
) -> None:
    settings.DEFAULT_FROM_EMAIL = "Insigne <badges@insigne.test>"
    award = one(cast, grouped_badge)
    assert emails.send_awarded([award.pk]) == 1
    [message] = mail.outbox
    assert message.to == ["camille@apprenant.example"]
    assert message.from_email == "Insigne <badges@insigne.test>"
    assert message.reply_to == ["contact@atelier.example"]
    assert (
        message.subject == "Votre badge «\u00a0Compétences relationnelles\u00a0» — Atelier de Lyon"
    )
    body = message.body
    assert "Bonjour Camille Roux," in body
    assert (
        "Félicitations\u00a0! Atelier de Lyon vous a attribué le badge "
        "«\u00a0Compétences relationnelles\u00a0»"
    ) in body
    assert f"https://insigne.test/reclamer/{award.claim_token}" in body
    assert "Communiquer\u00a0: Maîtrise" in body
    assert "À quoi sert un badge" in body


def test_no_mail_goes_out_for_an_award_erased_before_its_mail_was_sent(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = one(cast, grouped_badge)
    Award.objects.filter(pk=award.pk).update(erased_at=timezone.now(), recipient_email="")
    assert emails.send_awarded([award.pk]) == 0
    assert mail.outbox == []


def test_an_english_learner_gets_an_english_mail(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = one(cast, grouped_badge, language="en")
    emails.send_awarded([award.pk])
    [message] = mail.outbox
    assert message.subject == "Your badge “Compétences relationnelles” from Atelier de Lyon"
    assert "Congratulations! Atelier de Lyon has awarded you" in message.body
    assert "Félicitations" not in message.body


def test_the_html_alternative_has_the_link_and_no_image_or_tracking(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = one(cast, grouped_badge)
    emails.send_awarded([award.pk])
    [message] = mail.outbox
    [(html, kind)] = message.alternatives  # type: ignore[attr-defined]
    assert kind == "text/html"
    assert '<html lang="fr">' in html
    assert f'href="https://insigne.test/reclamer/{award.claim_token}"' in html
    assert "<img" not in html
    assert re.findall(r'href="([^"]+)"', html) == [
        f"https://insigne.test/reclamer/{award.claim_token}",
        f"https://insigne.test/reclamer/{award.claim_token}",
        "mailto:contact@atelier.example",
        "https://insigne.test",
    ]


def test_names_are_escaped_in_the_html_mail(cast: Cast, grouped_badge: BadgeVersion) -> None:
    [award] = issue(grouped_badge, [Recipient("a@example.org", "<b>Eve</b>")], by=cast.owner)
    emails.send_awarded([award.pk])
    [(html, _kind)] = mail.outbox[0].alternatives  # type: ignore[attr-defined]
    assert "<b>Eve</b>" not in html
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html
    assert "<b>Eve</b>" in mail.outbox[0].body  # plain text stays as typed


def test_a_revoked_award_is_not_announced(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = one(cast, grouped_badge)
    set_state([award], Award.State.REVOKED, "Erreur")
    assert emails.send_awarded([award.pk]) == 0
    assert mail.outbox == []
