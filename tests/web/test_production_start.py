"""The platform starts as in production (DEBUG off, static files collected, gunicorn) on a
fresh data folder, and serves its pages and static files."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from insigne.web.server import gunicorn_command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, bytes, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Location", "")


@pytest.fixture
def production(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("INSIGNE_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env |= {
        "INSIGNE_DATA_DIR": str(tmp_path),
        "INSIGNE_SECRET_KEY": "production-start-test-secret-key-0123456789abcdef",
        "INSIGNE_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "INSIGNE_EMAIL": "console",
    }
    manage = [sys.executable, "-m", "insigne.web"]
    for command in (["migrate", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"]):
        done = subprocess.run(
            [*manage, *command], check=False, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-3000:]
    server = subprocess.Popen(
        gunicorn_command(f"127.0.0.1:{port}", workers=1),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            break
        except OSError:
            assert server.poll() is None, (
                server.stderr.read().decode()[-3000:] if server.stderr else ""
            )
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)
    if server.stderr:
        server.stderr.close()


def test_pages_and_static_files_are_served_with_debug_off(production: str) -> None:
    status, body, _location = _get(f"{production}/")
    assert status == 200 and b"Insigne" in body
    status, _body, location = _get(f"{production}/favicon.ico")
    assert status == 301 and location.startswith("/static/insigne/favicon.")
    status, body, _location = _get(f"{production}{location}")
    assert status == 200 and body.startswith(b"<svg")
    status, _body, _location = _get(f"{production}/verifier")
    assert status == 200
    status, body, _location = _get(f"{production}/b/00000000-0000-0000-0000-000000000000")
    assert status == 404 and b"Traceback" not in body


def test_serve_refuses_an_address_already_in_use_before_touching_anything() -> None:
    from django.core.management import CommandError, call_command

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(CommandError, match="déjà utilisée"):
            call_command("serve", bind=f"127.0.0.1:{port}")
