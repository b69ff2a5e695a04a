"""Fetching a badge or a document from a URL someone typed, without letting it reach inside.

Only http(s). The host is resolved once and every address it resolves to is checked: private,
loopback, link-local, multicast, reserved, unspecified and other non-global addresses are
refused, IPv4 addresses hidden in IPv6 ones (mapped, 6to4, Teredo, NAT64) included. The
connection goes to the checked address itself (no second lookup), with the original name in
the Host header and as the TLS server name. Redirects are followed by hand, each target
checked again. Time, body size and content type are bounded.

``GuardedFetcher(allowed=...)`` lets named addresses through (tests use 127.0.0.1), and
``internal`` answers URLs the platform serves itself, so a redirect to the platform never
leaves the process.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from urllib3.exceptions import HTTPError

from ...core.fetch import FetchError, Response

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

TIMEOUT_SECONDS = 5.0
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 3
CHUNK = 64 * 1024
ACCEPT = (
    "application/ld+json, application/vc+ld+json, application/json;q=0.9, "
    "image/png;q=0.8, image/svg+xml;q=0.8, text/plain;q=0.5, */*;q=0.1"
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_JSON_TYPE = re.compile(r"application/[\w.+-]*json[\w.+-]*")
_BINARY_TYPES = frozenset(
    {
        "application/octet-stream", "binary/octet-stream", "application/jwt",
        "application/vc+jwt", "application/vc", "application/vp", "text/plain",
        "image/png", "image/svg+xml",
    }
)  # fmt: skip
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class FetchRefusedError(FetchError):
    """The URL was not fetched, or its answer not used; ``text`` says why, for people."""

    def __init__(self, text: str | Promise, detail: str) -> None:
        super().__init__(detail)
        self.text = text


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (raises OSError when it does not resolve)."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def forbidden(address: IPAddress) -> bool:
    """Whether ``address`` is not a public unicast address on the internet."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None:
            return forbidden(inner)
    return (
        not address.is_global
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # the name as sent in Host and SNI (IDNA-encoded)
    port: int
    address: str  # the checked IP address the connection goes to
    path: str

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


class GuardedFetcher:
    """A ``Fetcher`` (URL → ``Response``) for URLs from outside; raises ``FetchRefusedError``.

    ``allowed``: addresses let through although not public (for tests and private
    deployments). ``internal``: answers the platform's own URLs (None for any other URL).
    ``timeout`` bounds each call, redirects included; ``budget`` (seconds) and ``max_calls``
    bound all the calls made through one fetcher, which serves one verification.
    """

    def __init__(
        self,
        *,
        allowed: Iterable[str | IPAddress] = (),
        internal: Callable[[str], Response | None] | None = None,
        resolver: Resolver = system_resolver,
        timeout: float = TIMEOUT_SECONDS,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        budget: float | None = None,
        max_calls: int | None = None,
        user_agent: str = "Insigne-verifier",
    ) -> None:
        self._allowed = frozenset(ipaddress.ip_address(a) for a in allowed)
        self._internal = internal
        self._resolver = resolver
        self._timeout = timeout
        self._max_bytes = max_bytes
        self._max_redirects = max_redirects
        self._user_agent = user_agent
        self._budget_end = time.monotonic() + budget if budget is not None else None
        self._calls_left = max_calls

    def __call__(self, url: str) -> Response:
        deadline = time.monotonic() + self._timeout
        if self._budget_end is not None:
            deadline = min(deadline, self._budget_end)
        if self._calls_left is not None:
            if self._calls_left <= 0:
                raise FetchRefusedError(_TOO_MANY_CALLS, "too many documents fetched for one badge")
            self._calls_left -= 1
        for _hop in range(self._max_redirects + 1):
            if self._internal is not None:
                own = self._internal(url)
                if own is not None:
                    return own
            target = self._target(url)
            status, headers, body = self._request(target, deadline)
            location = headers.get("location")
            if status in _REDIRECTS and location:
                url = urljoin(url, location)
                continue
            content_type = headers.get("content-type", "").split(";")[0].strip().lower()
            if status == 200:
                _check_content_type(url, content_type)
            return Response(url, status, body, content_type or "application/octet-stream")
        raise FetchRefusedError(_TOO_MANY_REDIRECTS, f"more than {self._max_redirects} redirects")

    def _target(self, url: str) -> _Target:
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError as error:
            raise FetchRefusedError(_BAD_URL, f"{url!r}: {error}") from error
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchRefusedError(_SCHEME, f"{url!r}: scheme {scheme!r} is not http(s)")
        if not parts.hostname or parts.username is not None or parts.password is not None:
            raise FetchRefusedError(_BAD_URL, f"{url!r}: no host, or credentials in the URL")
        host = _ascii_host(parts.hostname, url)
        port = port or (443 if scheme == "https" else 80)
        address = self._checked_address(host, port)
        path = parts.path or "/"
        if parts.query:
            path = f"{path}?{parts.query}"
        return _Target(scheme, host, port, address, path)

    def _checked_address(self, host: str, port: int) -> str:
        try:
            literal: IPAddress | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None:
            candidates = [str(literal)]
        else:
            try:
                candidates = self._resolver(host, port)
            except (OSError, UnicodeError) as error:
                detail = f"{host} does not resolve: {error}"
                raise FetchRefusedError(_UNKNOWN_HOST, detail) from error
        if not candidates:
            raise FetchRefusedError(_UNKNOWN_HOST, f"{host} resolves to no address")
        checked = []
        for candidate in candidates:
            address = ipaddress.ip_address(candidate.split("%")[0])
            if forbidden(address) and address not in self._allowed:
                detail = f"{host} resolves to {address}, which is not public"
                raise FetchRefusedError(_PRIVATE, detail)
            checked.append(str(address))
        return checked[0]

    def _request(self, target: _Target, deadline: float) -> tuple[int, dict[str, str], bytes]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchRefusedError(_TIMEOUT, "the time limit was reached")
        timeout = urllib3.Timeout(connect=remaining, read=remaining)
        pool: urllib3.HTTPConnectionPool
        if target.scheme == "https":
            pool = urllib3.HTTPSConnectionPool(
                target.address, target.port, timeout=timeout, retries=False, maxsize=1,
                cert_reqs="CERT_REQUIRED", assert_hostname=target.host,
                server_hostname=target.host,
            )  # fmt: skip
        else:
            pool = urllib3.HTTPConnectionPool(
                target.address, target.port, timeout=timeout, retries=False, maxsize=1
            )
        headers = {
            "Host": target.host_header,
            "Accept": ACCEPT,
            "Accept-Encoding": "identity",  # a compressed body could hide a bomb
            "User-Agent": self._user_agent,
        }
        try:
            response = pool.urlopen(
                "GET", target.path, headers=headers, redirect=False, retries=False,
                preload_content=False, decode_content=False, assert_same_host=False,
                timeout=timeout,
            )  # fmt: skip
            try:
                received = {k.lower(): v for k, v in response.headers.items()}
                body = b""
                if response.status not in _REDIRECTS:
                    body = self._read(response, received, deadline)
                return response.status, received, body
            finally:
                response.close()  # also closes the socket: the pool serves one request
        except FetchRefusedError:
            raise
        except (HTTPError, OSError) as error:
            text = _TIMEOUT if "timed out" in str(error).lower() else _UNREACHABLE
            detail = f"{target.host}: {type(error).__name__}: {error}"
            raise FetchRefusedError(text, detail) from error
        finally:
            pool.close()

    def _read(self, response: Any, headers: dict[str, str], deadline: float) -> bytes:
        if headers.get("content-encoding", "identity").strip().lower() not in ("", "identity"):
            raise FetchRefusedError(_CONTENT_TYPE, "compressed answer despite identity asked")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self._max_bytes:
            raise FetchRefusedError(_TOO_BIG, f"Content-Length {declared} > {self._max_bytes}")
        chunks: list[bytes] = []
        size = 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchRefusedError(_TIMEOUT, "the time limit was reached while reading")
            sock = getattr(response.connection, "sock", None)
            if sock is not None:
                sock.settimeout(remaining)  # bounds each read by the time left overall
            chunk = response.read1(CHUNK)  # one network read at most: the deadline holds
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self._max_bytes:
                raise FetchRefusedError(_TOO_BIG, f"more than {self._max_bytes} bytes")
            chunks.append(chunk)


def _ascii_host(hostname: str, url: str) -> str:
    try:
        return hostname.encode("idna").decode("ascii") if not hostname.isascii() else hostname
    except UnicodeError as error:
        raise FetchRefusedError(_BAD_URL, f"{url!r}: invalid host name") from error


def _check_content_type(url: str, content_type: str) -> None:
    if not content_type or content_type in _BINARY_TYPES or _JSON_TYPE.fullmatch(content_type):
        return
    if content_type in ("text/html", "application/xhtml+xml"):
        raise FetchRefusedError(_WEB_PAGE, f"{url} is a web page ({content_type})")
    raise FetchRefusedError(_CONTENT_TYPE, f"{url} answered with {content_type}")


_BAD_URL = _("Cette adresse n'est pas valide.")
_SCHEME = _("Seules les adresses web (http ou https) sont acceptées.")
_UNKNOWN_HOST = _("Ce nom de domaine est introuvable.")
_PRIVATE = _("Cette adresse mène à un réseau privé ou local : le vérificateur ne la consulte pas.")
_UNREACHABLE = _("Le site à cette adresse n'a pas pu être joint.")
_TIMEOUT = _("Le site à cette adresse a mis trop de temps à répondre.")
_TOO_BIG = _("La réponse de cette adresse est trop volumineuse pour être un badge (5 Mo au plus).")
_TOO_MANY_REDIRECTS = _("Cette adresse renvoie vers d'autres adresses trop de fois.")
_WEB_PAGE = _(
    "Cette adresse mène à une page web, pas à un badge. Téléchargez le badge et déposez le "
    "fichier, ou donnez l'adresse du badge lui-même."
)
_TOO_MANY_CALLS = _("Ce badge renvoie vers trop de documents pour être vérifié.")
_CONTENT_TYPE = _("Cette adresse ne renvoie pas un badge (ni JSON, ni JWT, ni image PNG ou SVG).")
