"""Verifying what a visitor hands to the verifier page: a file, pasted text or a URL.

Documents the badge refers to are read from the database when they are the platform's own,
and fetched through the guarded fetcher otherwise; one verification may fetch a bounded
number of documents within a bounded time.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from ...core.fetch import Fetcher, FetchError
from ...core.verify import verify
from .badge_facts import BadgeFacts, facts_of
from .explanations import Verdict, explain
from .fetching import own_document, platform_fetcher
from .safe_fetch import FetchRefusedError, GuardedFetcher

BUDGET_SECONDS = 15.0
MAX_DOCUMENTS = 12


@dataclass(frozen=True)
class Checked:
    """What the verifier page shows: a verdict with the badge's facts, or why there is none."""

    verdict: Verdict | None = None
    facts: BadgeFacts | None = None
    problem: str = ""
    detail: str = ""


def guarded_fetcher() -> Fetcher:
    """The fetcher for one verification of a third-party badge."""
    return GuardedFetcher(internal=own_document, budget=BUDGET_SECONDS, max_calls=MAX_DOCUMENTS)


def check_badge(data: bytes | str, email: str | None, external: Fetcher | None = None) -> Checked:
    result = verify(
        data,
        email=email or None,
        now=timezone.now(),
        fetcher=platform_fetcher(external or guarded_fetcher()),
    )
    return Checked(explain(result), facts_of(result.kind, result.credential))


def check_url(url: str, email: str | None, external: Fetcher | None = None) -> Checked:
    fetcher = external or guarded_fetcher()
    try:
        response = platform_fetcher(fetcher)(url)
    except FetchRefusedError as error:
        return Checked(problem=str(error.text), detail=str(error))
    except FetchError as error:
        return Checked(problem=_("Aucun badge n'a été trouvé à cette adresse."), detail=str(error))
    if response.status == 410 and not response.body.strip():
        return Checked(
            problem=_(
                "Cette adresse répond que le badge a été retiré (410 Gone) : son émetteur l'a "
                "révoqué ou supprimé."
            ),
            detail=f"{url} answered HTTP 410",
        )
    if response.status not in (200, 410):
        return Checked(
            problem=_("Cette adresse a répondu par une erreur (HTTP %(status)s).")
            % {"status": response.status},
            detail=f"{url} answered HTTP {response.status}",
        )
    return check_badge(response.body, email, fetcher)
