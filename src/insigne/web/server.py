"""The web server command line, shared by ``serve`` and the serving benchmark.

gunicorn with threaded workers (keep-alive, slow clients parked in the poller); SO_REUSEPORT
gives each worker its own accept queue, so that the kernel spreads connections evenly
(without it, long-lived keep-alive connections piled up on one worker under load: see
bench/serving.py).
"""

from __future__ import annotations

import socket
import sys

THREADS = 4


def gunicorn_command(
    bind: str, *, workers: int, threads: int = THREADS, access_log: str = "/dev/null"
) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "insigne.web.wsgi:application",
        "--bind", bind, "--workers", str(workers), "--threads", str(threads),
        "--reuse-port", "--access-logfile", access_log,
    ]  # fmt: skip


def port_in_use(bind: str) -> bool:
    """Whether something already listens on ``bind`` ("host:port"); with SO_REUSEPORT a second
    server would silently share the port, so ``serve`` checks first."""
    host, _, port = bind.rpartition(":")
    family = socket.AF_INET6 if host.startswith("[") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host.strip("[]") or "0.0.0.0", int(port)))
        except OSError:
            return True
    return False
