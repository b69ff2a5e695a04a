"""A client for the JavaScript reference worker (``tests/interop/js/worker.mjs``).

One Node.js process runs Digital Bazaar's stack (``@digitalbazaar/vc``, the eddsa-rdfc-2022
cryptosuite, jsonld.js, rdf-canonize) and answers newline-delimited JSON requests. The tests
and the benchmarks in ``bench/`` share it::

    from tests.interop import jsref

    if (reason := jsref.available()) is None:
        with jsref.start() as js:
            nquads = js.call("canonize", doc=document)

Only the standard library is used, so importing this module never needs extra packages.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import threading
from collections import deque
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from types import TracebackType
from typing import IO, Any

JS_DIR = Path(__file__).resolve().parent / "js"
WORKER = JS_DIR / "worker.mjs"
MANIFEST = Path(__file__).resolve().parents[2] / "src/insigne/core/jsonld/contexts/manifest.json"
REQUIRED_PACKAGES = (
    "@digitalbazaar/vc",
    "@digitalbazaar/data-integrity",
    "@digitalbazaar/eddsa-rdfc-2022-cryptosuite",
    "@digitalbazaar/ed25519-multikey",
    "jsonld",
    "rdf-canonize",
)
DEFAULT_TIMEOUT = 120.0
MINIMUM_NODE = 18


class JsError(Exception):
    """The worker answered ``ok: false``: the reference refused the input or the request.

    ``code`` is the jsonld.js error or safe-mode event code when the worker reported one.
    """

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class WorkerError(RuntimeError):
    """The worker could not be started, died, timed out or broke the protocol."""


def available() -> str | None:
    """``None`` when the reference stack can run here, otherwise the reason it cannot."""
    node = shutil.which("node")
    if node is None:
        return "Node.js not found on PATH"
    try:
        version = subprocess.run(
            [node, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
        major = int(version.lstrip("v").split(".")[0])
    except (OSError, subprocess.SubprocessError, ValueError) as error:
        return f"Node.js at {node} does not run ({error})"
    if major < MINIMUM_NODE:
        return f"Node.js {version} is too old (the reference stack needs {MINIMUM_NODE} or later)"
    missing = [name for name in REQUIRED_PACKAGES if not (JS_DIR / "node_modules" / name).is_dir()]
    if missing:
        return (
            f"the JavaScript reference stack is not installed in {JS_DIR / 'node_modules'} "
            f"(missing {', '.join(missing)}; run `make js`)"
        )
    if not MANIFEST.is_file():
        return f"the pinned context manifest {MANIFEST} is missing"
    return None


class JsReference:
    """A running worker. Thread-safe; requests are answered in the order they were sent."""

    def __init__(
        self,
        *,
        node: str = "node",
        manifest: Path = MANIFEST,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.timeout = timeout
        self._lock = threading.Lock()
        self._pending: dict[int, Future[Any]] = {}
        self._next_id = 0
        self._stderr: deque[str] = deque(maxlen=200)
        self._failure: str | None = None
        try:
            self._process = subprocess.Popen(
                [node, str(WORKER), "--manifest", str(manifest)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=JS_DIR,
            )
        except OSError as error:
            raise WorkerError(f"cannot start {node}: {error}") from error
        assert self._process.stdout is not None and self._process.stderr is not None
        self._reader = threading.Thread(
            target=self._read_responses, args=(self._process.stdout,), daemon=True
        )
        self._drainer = threading.Thread(
            target=self._drain_stderr, args=(self._process.stderr,), daemon=True
        )
        self._reader.start()
        self._drainer.start()

    def __enter__(self) -> JsReference:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def submit(self, op: str, /, **args: Any) -> Future[Any]:
        """Send a request without waiting; the future holds the result or raises JsError."""
        if "id" in args or "op" in args:
            raise ValueError("'id' and 'op' are reserved by the protocol")
        future: Future[Any] = Future()
        with self._lock:
            if self._failure is not None:
                raise WorkerError(self._failure)
            request_id = self._next_id
            self._next_id += 1
            self._pending[request_id] = future
            line = json.dumps({**args, "id": request_id, "op": op}, ensure_ascii=True)
            stdin = self._process.stdin
            assert stdin is not None
            try:
                stdin.write(line.encode("ascii") + b"\n")
                stdin.flush()
            except (BrokenPipeError, ValueError) as error:
                del self._pending[request_id]
                raise WorkerError(f"the worker is not running ({error}){self._log()}") from error
        return future

    def call(self, op: str, /, *, timeout: float | None = None, **args: Any) -> Any:
        """Run ``op`` and return its result; raises JsError on ``ok: false``.

        A request that takes longer than ``timeout`` seconds (default: the client's) stops the
        worker, because its later answers could no longer be trusted, and raises WorkerError.
        """
        return self.wait(self.submit(op, **args), timeout=timeout)

    def wait(self, future: Future[Any], *, timeout: float | None = None) -> Any:
        try:
            return future.result(timeout=self.timeout if timeout is None else timeout)
        except FutureTimeout as error:
            self._fail("the worker did not answer in time")
            self.close(timeout=1.0)
            raise WorkerError(f"the worker did not answer in time{self._log()}") from error

    def ping(self) -> dict[str, Any]:
        result: dict[str, Any] = self.call("ping")
        return result

    def close(self, timeout: float = 10.0) -> None:
        """Stop the worker: close its input, let it finish, kill it if it lingers."""
        process = self._process
        if process.stdin is not None and not process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                process.stdin.close()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self._reader.join(timeout)
        self._drainer.join(timeout)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
        self._fail("the worker has been stopped")

    def _read_responses(self, stdout: IO[bytes]) -> None:
        for raw in stdout:  # binary: lines end only at b"\n"
            try:
                response = json.loads(raw)
                future = self._take(response["id"])
            except (ValueError, KeyError, TypeError) as error:
                self._fail(f"protocol error: {error}: {raw[:200]!r}")
                return
            if future is None:
                continue
            if response.get("ok") is True:
                future.set_result(response.get("result"))
            else:
                future.set_exception(JsError(str(response.get("error")), response.get("code")))
        code = self._process.wait()
        self._fail(f"the worker exited with status {code}")

    def _drain_stderr(self, stderr: IO[bytes]) -> None:
        for raw in stderr:
            self._stderr.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def _take(self, request_id: Any) -> Future[Any] | None:
        with self._lock:
            return self._pending.pop(request_id, None) if isinstance(request_id, int) else None

    def _fail(self, reason: str) -> None:
        """Refuse further requests and fail every request still waiting."""
        with self._lock:
            if self._failure is None:
                self._failure = reason
            waiting, self._pending = list(self._pending.values()), {}
        for future in waiting:
            if not future.done():
                future.set_exception(WorkerError(f"{reason}{self._log()}"))

    def _log(self) -> str:
        lines = list(self._stderr)[-20:]
        return ("\nworker stderr:\n" + "\n".join(lines)) if lines else ""


def start(*, timeout: float = DEFAULT_TIMEOUT) -> JsReference:
    """Start a worker and check it answers; raises WorkerError when the stack cannot run."""
    reason = available()
    if reason is not None:
        raise WorkerError(reason)
    client = JsReference(node=shutil.which("node") or "node", timeout=timeout)
    try:
        client.ping()
    except (JsError, WorkerError) as error:
        client.close()
        raise WorkerError(f"the JavaScript reference worker does not answer: {error}") from error
    return client


def required() -> bool:
    """Whether the environment demands the reference stack (``INSIGNE_REQUIRE_JS=1``, as in CI)."""
    return os.environ.get("INSIGNE_REQUIRE_JS") == "1"
