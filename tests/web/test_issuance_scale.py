"""Issuing a large batch keeps every credential distinct and verifiable."""

from __future__ import annotations

import json

import pytest

from insigne.core.verify import verify
from insigne.web.awards.issuance import Recipient, issue
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion
from insigne.web.public.fetching import platform_fetcher

from .conftest import Cast

pytestmark = pytest.mark.django_db


def test_a_batch_of_a_thousand_gets_distinct_slots_and_verifies(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    recipients = [
        Recipient(f"learner{n}@example.org", levels={"Communiquer": "Application"})
        for n in range(1000)
    ]
    awards = issue(grouped_badge, recipients, by=cast.awarder)
    assert Award.objects.count() == 1000
    slots = {(a.revocation_list_id, a.revocation_index) for a in awards}
    assert len(slots) == 1000
    fetcher = platform_fetcher()
    for award in awards[::97]:
        result = verify(json.loads(award.credential), email=award.recipient_email, fetcher=fetcher)
        assert result.verified, [(c.name, c.detail) for c in result.failures()]
