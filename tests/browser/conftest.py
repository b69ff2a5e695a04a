"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Without Chromium every test here is skipped with a clear message, unless
``INSIGNE_REQUIRE_BROWSER=1`` (CI): then they fail. The platform builds absolute URLs and
did:web identifiers from ``PUBLIC_URL``, so each test points it at the live server before
anything is created. The test database is a file, not SQLite's shared in-memory database:
the server's request threads and the task worker then each have their own connection.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from django.test import Client

from insigne.web.accounts.models import User
from insigne.web.badges.models import BadgeVersion
from tests.web.conftest import Cast, make_badge, make_cast

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright
    from pytest_django.fixtures import Settings
    from pytest_django.live_server_helper import LiveServer

# Playwright's synchronous API keeps an event loop in the main thread; Django would take every
# ORM call made by the test itself for one made from async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
NOT_RUN = "Chromium not found: browser tests NOT run"
# A page is allowed this long to answer; the background import waits longer (see its test).
TIMEOUT_MS = 15_000


def _unavailable(reason: str) -> None:
    if os.environ.get("INSIGNE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (INSIGNE_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = Path(str(database["NAME"])).with_name("insigne-browser-tests.sqlite3")
        database.setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if shutil.which("chromium") is None:
        _unavailable(NOT_RUN)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(
        executable_path=shutil.which("chromium"),
        args=["--no-sandbox", "--disable-background-networking"],
    )
    yield launched
    launched.close()


@dataclass
class Site:
    """The live server as the browser sees it, and a way to open browser windows on it."""

    url: str
    browser: Browser
    contexts: list[BrowserContext] = field(default_factory=list)

    def context(self, *, locale: str = "fr-FR", user: User | None = None) -> BrowserContext:
        """A fresh browser profile in ``locale``, signed in as ``user`` (None: anonymous)."""
        context = self.browser.new_context(
            base_url=self.url,
            locale=locale,
            timezone_id="Europe/Paris",
            accept_downloads=True,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies["sessionid"]
            context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": self.url}])
        return context

    def page(self, *, locale: str = "fr-FR", user: User | None = None) -> Page:
        return self.context(locale=locale, user=user).new_page()


@pytest.fixture
def site(live_server: LiveServer, settings: Settings, browser: Browser) -> Iterator[Site]:
    url = live_server.url
    parts = urlsplit(url)
    settings.PUBLIC_URL = url
    settings.PUBLIC_HOST = parts.netloc
    settings.ALLOWED_HOSTS = [parts.hostname, "localhost", "127.0.0.1"]
    settings.CSRF_TRUSTED_ORIGINS = [url]
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = parts.scheme
    running = Site(url, browser)
    yield running
    for context in running.contexts:
        context.close()


@pytest.fixture
def cast(site: Site) -> Cast:
    """The named cast of the web suite (see tests/web/conftest.py), made on the live site."""
    return make_cast()


@pytest.fixture
def grouped_badge(cast: Cast) -> BadgeVersion:
    """Three competences, two of them with levels, aligned on RS5476 (see make_badge)."""
    return make_badge(cast.organisation)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def link_in(body: str, path_prefix: str) -> str:
    """The first absolute link in ``body`` whose path starts with ``path_prefix``."""
    found = re.search(rf"https?://[^/\s\"'<>]+{re.escape(path_prefix)}[^\s\"'<>]*", body)
    assert found, f"no link to {path_prefix} in:\n{body}"
    return found.group(0)


def shipped_frameworks() -> None:
    """RECTEC, CléA and the savoir-être, as their data migration wrote them: the live server's
    tests empty every table after each test, so a test that needs them writes them again."""
    from insigne.web.frameworks import shipped
    from insigne.web.frameworks.models import Framework, Item

    shipped.sync(Framework, Item)
