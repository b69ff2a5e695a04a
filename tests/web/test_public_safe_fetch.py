"""The guarded fetcher: what it refuses, and how it fetches what it accepts (from a local
server whose address is let through explicitly; no test touches the internet)."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from insigne.core.fetch import Response
from insigne.web.public.safe_fetch import FetchRefusedError, GuardedFetcher, forbidden

from .test_public_support import LocalServer, Route, local_server_fixture  # noqa: F401

LOCAL = ("127.0.0.1",)


JSON_HEADERS = {"Content-Type": "application/ld+json"}


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "240.0.0.1", "192.0.2.1",
        "::1", "::", "fe80::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        "::ffff:169.254.169.254", "2002:7f00:1::1", "2002:a00:1::", "64:ff9b::a00:1",
        "64:ff9b::7f00:1", "2001:db8::1",
    ],
)  # fmt: skip
def test_non_public_addresses_are_forbidden(address: str) -> None:
    assert forbidden(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["93.184.215.14", "2606:4700::1111", "::ffff:93.184.215.14", "64:ff9b::5db8:d70e"]
)
def test_public_addresses_are_allowed(address: str) -> None:
    assert not forbidden(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/badge.json",
        "http://10.0.0.1/badge.json",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/badge.json",
        "http://[::ffff:127.0.0.1]/badge.json",
        "https://localhost/badge.json",
        "http://2130706433/badge.json",
        "http://0x7f000001/badge.json",
    ],
)
def test_private_destinations_are_refused_before_connecting(url: str) -> None:
    with pytest.raises(FetchRefusedError) as refused:
        GuardedFetcher(timeout=1)(url)
    assert "réseau privé" in str(refused.value.text) or "introuvable" in str(refused.value.text)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/badge", "gopher://x", "javascript:alert(1)"]
)
def test_only_web_addresses_are_fetched(url: str) -> None:
    with pytest.raises(FetchRefusedError) as refused:
        GuardedFetcher()(url)
    assert "http ou https" in str(refused.value.text)


def test_credentials_in_the_address_are_refused() -> None:
    with pytest.raises(FetchRefusedError):
        GuardedFetcher()("https://user:secret@example.org/badge.json")


def test_a_name_resolving_to_a_private_address_among_public_ones_is_refused() -> None:
    fetcher = GuardedFetcher(resolver=lambda host, port: ["93.184.215.14", "10.0.0.7"])
    with pytest.raises(FetchRefusedError) as refused:
        fetcher("https://badges.example/b/1")
    assert "10.0.0.7" in str(refused.value)


def test_an_allowed_address_is_fetched(local_server: LocalServer) -> None:
    local_server.routes["/badge.json"] = Route(body=b'{"ok": true}', headers=JSON_HEADERS)
    response = GuardedFetcher(allowed=LOCAL)(f"{local_server.base}/badge.json")
    assert (response.status, response.body) == (200, b'{"ok": true}')
    assert response.content_type == "application/ld+json"


def test_the_connection_goes_to_the_checked_address_with_the_name_as_host(
    local_server: LocalServer,
) -> None:
    local_server.routes["/badge.json"] = Route(body=b"{}", headers=JSON_HEADERS)
    lookups: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    fetcher = GuardedFetcher(allowed=LOCAL, resolver=resolver)
    response = fetcher(f"http://badges.example:{local_server.port}/badge.json")
    assert response.status == 200
    assert lookups == ["badges.example"]  # resolved once, then pinned
    assert local_server.hosts == [f"badges.example:{local_server.port}"]


def test_a_redirect_to_a_private_address_is_refused(local_server: LocalServer) -> None:
    local_server.routes["/jump"] = Route(302, headers={"Location": "http://10.0.0.1/badge.json"})
    with pytest.raises(FetchRefusedError) as refused:
        GuardedFetcher(allowed=LOCAL)(f"{local_server.base}/jump")
    assert "réseau privé" in str(refused.value.text)


def test_a_relative_redirect_is_followed(local_server: LocalServer) -> None:
    local_server.routes["/old"] = Route(301, headers={"Location": "/new"})
    local_server.routes["/new"] = Route(body=b"{}", headers=JSON_HEADERS)
    response = GuardedFetcher(allowed=LOCAL)(f"{local_server.base}/old")
    assert (response.url, response.status) == (f"{local_server.base}/new", 200)


def test_at_most_three_redirects_are_followed(local_server: LocalServer) -> None:
    for hop in range(5):
        local_server.routes[f"/{hop}"] = Route(302, headers={"Location": f"/{hop + 1}"})
    local_server.routes["/5"] = Route(body=b"{}", headers=JSON_HEADERS)
    with pytest.raises(FetchRefusedError) as refused:
        GuardedFetcher(allowed=LOCAL)(f"{local_server.base}/0")
    assert "trop de fois" in str(refused.value.text)
    assert GuardedFetcher(allowed=LOCAL)(f"{local_server.base}/2").status == 200


def test_a_redirect_to_the_platform_is_answered_inside(local_server: LocalServer) -> None:
    local_server.routes["/go"] = Route(302, headers={"Location": "https://insigne.test/doc"})
    own = Response("https://insigne.test/doc", 200, b'{"own": true}')

    def internal(url: str) -> Response | None:
        return own if url.startswith("https://insigne.test/") else None

    assert GuardedFetcher(allowed=LOCAL, internal=internal)(f"{local_server.base}/go") is own


def test_a_large_body_is_cut_short(local_server: LocalServer) -> None:
    local_server.routes["/big"] = Route(body=b"x" * 200_000, headers=JSON_HEADERS, chunks=20)
    with pytest.raises(FetchRefusedError) as refused:
        GuardedFetcher(allowed=LOCAL, max_bytes=50_000)(f"{local_server.base}/big")
    assert "trop volumineuse" in str(refused.value.text)


def test_a_slow_server_is_given_up(local_server: LocalServer) -> None:
    local_server.routes["/slow"] = Route(
        body=b"{}" * 10, headers=JSON_HEADERS, chunks=10, delay=0.3
    )
    started = time.monotonic()
    with pytest.raises(FetchRefusedError) as refused:
        GuardedFetcher(allowed=LOCAL, timeout=0.5)(f"{local_server.base}/slow")
    assert time.monotonic() - started < 2.0
    assert "trop de temps" in str(refused.value.text)


@pytest.mark.parametrize(
    ("content_type", "accepted"),
    [
        ("application/json", True), ("application/vc+ld+json; charset=utf-8", True),
        ("application/did+ld+json", True), ("text/plain", True), ("image/png", True),
        ("image/svg+xml", True), ("application/octet-stream", True), ("text/html", False),
        ("application/x-msdownload", False), ("video/mp4", False),
    ],
)  # fmt: skip
def test_only_badge_like_content_types_are_accepted(
    local_server: LocalServer, content_type: str, accepted: bool
) -> None:
    local_server.routes["/doc"] = Route(body=b"{}", headers={"Content-Type": content_type})
    fetcher = GuardedFetcher(allowed=LOCAL)
    if accepted:
        assert fetcher(f"{local_server.base}/doc").body == b"{}"
    else:
        with pytest.raises(FetchRefusedError):
            fetcher(f"{local_server.base}/doc")


def test_error_answers_are_returned_with_their_status(local_server: LocalServer) -> None:
    local_server.routes["/gone"] = Route(410, body=b'{"revoked": true}', headers=JSON_HEADERS)
    response = GuardedFetcher(allowed=LOCAL)(f"{local_server.base}/gone")
    assert (response.status, response.body) == (410, b'{"revoked": true}')
    assert GuardedFetcher(allowed=LOCAL)(f"{local_server.base}/missing").status == 404


def test_one_verification_fetches_a_bounded_number_of_documents(local_server: LocalServer) -> None:
    local_server.routes["/doc"] = Route(body=b"{}", headers=JSON_HEADERS)
    fetcher = GuardedFetcher(allowed=LOCAL, max_calls=2)
    fetcher(f"{local_server.base}/doc")
    fetcher(f"{local_server.base}/doc")
    with pytest.raises(FetchRefusedError):
        fetcher(f"{local_server.base}/doc")


def test_an_unreachable_port_is_reported(local_server: LocalServer) -> None:
    with pytest.raises(FetchRefusedError) as refused:
        GuardedFetcher(allowed=LOCAL, timeout=1)("http://127.0.0.1:9/")
    assert "n'a pas pu être joint" in str(refused.value.text)


def test_a_compressed_answer_is_refused(local_server: LocalServer) -> None:
    local_server.routes["/gz"] = Route(
        body=b"\x1f\x8b\x08\x00" + b"\0" * 20,
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    with pytest.raises(FetchRefusedError):
        GuardedFetcher(allowed=LOCAL)(f"{local_server.base}/gz")


def _self_signed(directory: Path, name: str) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(tz=UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_https_sends_the_name_for_tls_and_checks_the_certificate(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path, "badges.example")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def accept_one() -> None:
        connection, _ = listener.accept()
        try:
            with context.wrap_socket(connection, server_side=True):
                pass
        except (ssl.SSLError, OSError):
            pass  # the client refuses the self-signed certificate, as it should

    thread = threading.Thread(target=accept_one, daemon=True)
    thread.start()
    fetcher = GuardedFetcher(allowed=LOCAL, resolver=lambda host, p: ["127.0.0.1"], timeout=3)
    try:
        with pytest.raises(FetchRefusedError) as refused:
            fetcher(f"https://badges.example:{port}/badge.json")
    finally:
        thread.join(timeout=5)
        listener.close()
    assert names == ["badges.example"]  # SNI carries the name, not the pinned address
    assert "CERTIFICATE_VERIFY_FAILED" in str(refused.value)
