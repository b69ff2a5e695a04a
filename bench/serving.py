"""The public badge page and the status list under load, over loopback.

Run with ``make bench`` (or ``.venv/bin/python bench/serving.py``). The platform runs as in
production (gunicorn, as ``serve`` starts it, without DEBUG) on the demo data, in a fresh
temporary directory with SQLite. A load generator in this process keeps ``--connections``
keep-alive connections busy for ``--seconds`` per address after a warm-up, and prints
requests per second and latency percentiles. The generator shares the machine's cores with
the server, as a reverse proxy would. Goal: at least 1,000 requests a second with a 99th
percentile under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from insigne.web.server import THREADS, gunicorn_command  # noqa: E402

GOAL_RATE = 1_000
GOAL_P99_MS = 50.0


@dataclass
class Figures:
    requests: int
    failures: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, bool]:
    """One request on a connection: the response's status code, and whether the server keeps
    the connection open."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length, keep = 0, True
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.lower()
        if name == "content-length":
            length = int(value)
        elif name == "connection":
            keep = value.strip().lower() != "close"
        elif name == "transfer-encoding":
            raise RuntimeError("chunked responses are not expected here")
    await reader.readexactly(length)
    return status, keep


async def _client(port: int, request: bytes, stop: float, record: bool, figures: Figures) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                status, keep = await _exchange(reader, writer, request)
            except (asyncio.IncompleteReadError, ConnectionError):
                status, keep = 0, False
            if not keep:  # a sync worker closes after each response: connect again
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            if record:
                figures.requests += 1
                figures.latencies.append(time.perf_counter() - start)
                if status != 200:
                    figures.failures += 1
    finally:
        writer.close()


async def load(port: int, path: str, *, connections: int, seconds: float, warmup: float) -> Figures:
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Language: fr\r\n"
        "User-Agent: insigne-bench\r\n\r\n"
    ).encode()
    warm = Figures(0, 0, warmup, [])
    stop = time.perf_counter() + warmup
    await asyncio.gather(*(_client(port, request, stop, False, warm) for _ in range(connections)))
    figures = Figures(0, 0, seconds, [])
    start = time.perf_counter()
    stop = start + seconds
    await asyncio.gather(*(_client(port, request, stop, True, figures) for _ in range(connections)))
    figures.seconds = time.perf_counter() - start
    return figures


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare(env: dict[str, str]) -> tuple[str, str]:
    """Migrate, collect static files, seed the demo; the paths of a public badge page and of
    the status list its credential names."""
    manage = [sys.executable, "-m", "insigne.web"]
    for command in (["migrate"], ["collectstatic", "--no-input"], ["seed_demo"]):
        subprocess.run([*manage, *command, "-v", "0"], env=env, check=True)
    script = (
        "import json\n"
        "from urllib.parse import urlsplit\n"
        "from insigne.web.awards.models import Award\n"
        "award = Award.objects.filter(public=True, state=Award.State.ACTIVE).first()\n"
        "status = json.loads(award.credential)['credentialStatus']\n"
        "print(f'/b/{award.public_id}', urlsplit(status['statusListCredential']).path)\n"
    )
    output = subprocess.run(
        [*manage, "shell", "-c", script], env=env, check=True, capture_output=True, text=True
    ).stdout
    page, status_list = output.split()[-2:]
    return page, status_list


def wait_until_serving(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before serving")
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start within 30 s")


def report(name: str, figures: Figures) -> None:
    p50, p99 = figures.percentile(0.50), figures.percentile(0.99)
    met = figures.rate >= GOAL_RATE and p99 < GOAL_P99_MS and not figures.failures
    print(
        f"  {name:<18} {figures.rate:>7,.0f} req/s   p50 {p50:5.1f} ms   p99 {p99:5.1f} ms   "
        f"mean {statistics.fmean(figures.latencies) * 1000:5.1f} ms   "
        f"{figures.failures} failed of {figures.requests:,}   "
        f"({'goal met' if met else 'BELOW GOAL'}: "
        f"≥ {GOAL_RATE:,} req/s, p99 < {GOAL_P99_MS:.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=THREADS, help="threads per worker")
    options = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="insigne-bench-") as data_dir:
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "INSIGNE_DEBUG")},
            "INSIGNE_DATA_DIR": data_dir,
            "INSIGNE_SECRET_KEY": "bench-only-secret-key-0123456789abcdef-0123456789",
            "INSIGNE_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "INSIGNE_EMAIL": "console",
            "DJANGO_SETTINGS_MODULE": "insigne.web.settings",
        }
        page, status_list = prepare(env)
        bind = f"127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                *gunicorn_command(bind, workers=options.workers, threads=options.threads),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=Path(data_dir),
        )
        try:
            wait_until_serving(port, server)
            print(
                f"Loopback load, {options.connections} connections, "
                f"{options.seconds:.0f} s each, "
                f"gunicorn {options.workers} workers × {options.threads} threads:"
            )
            for name, path in (("public badge page", page), ("status list", status_list)):
                figures = asyncio.run(
                    load(
                        port,
                        path,
                        connections=options.connections,
                        seconds=options.seconds,
                        warmup=options.warmup,
                    )
                )
                report(name, figures)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
