"""Shared pieces of the public-part tests (no tests here): awards to look at, a local HTTP
server for the guarded fetcher, and the static folder WhiteNoise expects."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from insigne.web.awards.issuance import Recipient, issue
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion

from .conftest import Cast

CAMILLE = "camille@apprenant.example"


def award_for(
    cast: Cast,
    version: BadgeVersion,
    *,
    public: bool = False,
    linked: bool = False,
    with_jwt: bool = False,
    **recipient: object,
) -> Award:
    """One award of ``version`` to Camille (the cast's learner), issued by the awarder."""
    fields: dict[str, object] = {
        "email": CAMILLE,
        "name": "Camille Roux",
        "levels": {"Travailler en équipe": "Application", "Communiquer": "Maîtrise"},
        "narrative": "Projet mené avec rigueur.",
        **recipient,
    }
    [award] = issue(version, [Recipient(**fields)], by=cast.awarder, with_jwt=with_jwt)
    if public or linked:
        Award.objects.filter(pk=award.pk).update(
            public=public, learner=cast.learner if linked else None
        )
    return Award.objects.select_related("version__badge", "organisation").get(pk=award.pk)


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before each body chunk
    chunks: int = 1


@dataclass
class LocalServer:
    """An HTTP server on 127.0.0.1 answering fixed routes; it records the Host headers."""

    base: str
    port: int
    routes: dict[str, Route]
    hosts: list[str]


def _handler(routes: dict[str, Route], hosts: list[str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hosts.append(self.headers.get("Host", ""))
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            size = max(1, len(route.body) // route.chunks)
            try:
                for start in range(0, len(route.body), size):
                    if route.delay:
                        time.sleep(route.delay)
                    self.wfile.write(route.body[start : start + size])
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture(name="local_server")
def local_server_fixture() -> Iterator[LocalServer]:
    routes: dict[str, Route] = {}
    hosts: list[str] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes, hosts))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        yield LocalServer(f"http://127.0.0.1:{port}", port, routes, hosts)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
