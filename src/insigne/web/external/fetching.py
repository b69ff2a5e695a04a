"""How an imported badge reaches the platform that issued it.

Through the verifier's guarded fetcher (no private address, bounded time, size and number of
documents), the platform's own documents being answered from the database. Each use records
what it obtained, so the badge class and issuer of an Open Badges 2.0 assertion can be shown,
and what it failed to obtain, so a page knows its verdict could not be completed.
"""

from __future__ import annotations

import json
from typing import Any

from ...core.fetch import Fetcher, FetchError, Response
from ..public.fetching import own_document, platform_fetcher
from ..public.safe_fetch import GuardedFetcher
from ..public.verification import BUDGET_SECONDS, MAX_DOCUMENTS

IMPORT_BUDGET = BUDGET_SECONDS
VIEW_BUDGET = 6.0  # a page waits less than an import: it can fall back on the last verdict


def outside_fetcher(budget: float) -> Fetcher:
    """The fetcher for one import or one re-check (tests replace it: no test goes online)."""
    return GuardedFetcher(internal=own_document, budget=budget, max_calls=MAX_DOCUMENTS)


class RecordingFetcher:
    """A fetcher that remembers each answer (asked again, it answers from memory) and each
    URL it could not obtain."""

    def __init__(self, outside: Fetcher) -> None:
        self._fetch = platform_fetcher(outside)
        self.responses: dict[str, Response] = {}
        self.failures: list[str] = []

    def __call__(self, url: str) -> Response:
        if url in self.responses:
            return self.responses[url]
        try:
            response = self._fetch(url)
        except FetchError:
            self.failures.append(url)
            raise
        if response.status >= 400 and response.status != 410:  # 410 is an answer: revoked
            self.failures.append(url)
        self.responses[url] = response
        return response

    def remember(self, response: Response) -> None:
        """Answer ``response.url`` with ``response`` from now on (it was fetched already)."""
        self.responses[response.url] = response

    def document(self, url: object) -> dict[str, Any] | None:
        """The JSON object obtained from ``url``, if any."""
        response = self.responses.get(url) if isinstance(url, str) else None
        if response is None or response.status != 200:
            return None
        try:
            value = json.loads(response.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        return value if isinstance(value, dict) else None
