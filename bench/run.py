"""Signing and verification speed: Insigne against plain pyld and Digital Bazaar's JS stack.

Run with ``make bench``. Every figure comes from this one run, on this machine, one core per
implementation (nothing runs in parallel while a figure is taken). Each figure is the median
of several rounds, each round the median of many calls after a warm-up.

Insigne signs and verifies *different* credentials of the same shape (as a batch award
does); the references process one credential over and over, which cannot favour Insigne.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.interop import jsref  # noqa: E402

from bench import pyld_reference  # noqa: E402
from bench.credential import CREATED, SEED, credential  # noqa: E402
from insigne.core.canon import Canonicalizer  # noqa: E402
from insigne.core.fetch import no_network  # noqa: E402
from insigne.core.keys import Ed25519Key  # noqa: E402
from insigne.core.outcome import Outcome  # noqa: E402
from insigne.core.proofs import data_integrity  # noqa: E402
from insigne.core.verify import verify  # noqa: E402
from insigne.core.verify.checks import binding_check, date_checks  # noqa: E402

NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)


def per_call(function: Callable[[int], Any], *, iterations: int, rounds: int, warmup: int) -> float:
    """Median over rounds of the median time of one call, in microseconds."""
    for i in range(warmup):
        function(i)
    medians = []
    counter = warmup
    for _ in range(rounds):
        samples = []
        for _ in range(iterations):
            start = time.perf_counter_ns()
            function(counter)
            samples.append((time.perf_counter_ns() - start) / 1000)
            counter += 1
        medians.append(statistics.median(samples))
    return statistics.median(medians)


def insigne_figures(key: Ed25519Key, *, iterations: int, rounds: int) -> dict[str, float]:
    canon = Canonicalizer()
    pool = [credential(key.did_key, number) for number in range(1, 1001)]
    signed = [data_integrity.sign(c, key, created=CREATED, canonicalizer=canon) for c in pool[:200]]

    def sign(i: int) -> None:
        data_integrity.sign(pool[i % len(pool)], key, created=CREATED, canonicalizer=canon)

    def verify_proof(i: int) -> None:
        [outcome] = data_integrity.verify_proofs(
            signed[i % len(signed)], canonicalizer=canon, fetcher=no_network
        )
        assert outcome.verified

    def verify_all(i: int) -> None:
        assert verify(signed[i % len(signed)], now=NOW, canonicalizer=canon).verified

    def verify_like_js(i: int) -> None:
        # What vc.verifyCredential does: every proof, the key's controller, validity dates.
        document = signed[i % len(signed)]
        [outcome] = data_integrity.verify_proofs(document, canonicalizer=canon, fetcher=no_network)
        assert outcome.verified and outcome.method is not None
        assert binding_check(document, outcome.method).outcome is Outcome.PASS
        date_checks(document, NOW)

    return {
        "sign": per_call(sign, iterations=iterations, rounds=rounds, warmup=50),
        "verify_proof": per_call(verify_proof, iterations=iterations, rounds=rounds, warmup=50),
        "verify_full": per_call(verify_all, iterations=iterations, rounds=rounds, warmup=50),
        "verify_like_js": per_call(verify_like_js, iterations=iterations, rounds=rounds, warmup=50),
    }


def pyld_figures(key: Ed25519Key, *, iterations: int, rounds: int) -> dict[str, float]:
    document = credential(key.did_key)
    private = key._private
    signed = pyld_reference.sign(document, private, key.did_key_method, CREATED)
    assert pyld_reference.verify(signed)
    return {
        "sign": per_call(
            lambda i: pyld_reference.sign(document, private, key.did_key_method, CREATED),
            iterations=iterations,
            rounds=rounds,
            warmup=5,
        ),
        "verify": per_call(
            lambda i: pyld_reference.verify(signed), iterations=iterations, rounds=rounds, warmup=5
        ),
    }


def js_figures(key: Ed25519Key, *, iterations: int, rounds: int) -> dict[str, float] | str:
    reason = jsref.available()
    if reason is not None:
        return reason
    document = credential(key.did_key)
    figures: dict[str, list[float]] = {"sign": [], "verify": []}
    with jsref.start() as js:
        for _ in range(rounds):
            for name, operation in (("sign", "issue"), ("verify", "verify")):
                result = js.call(
                    "time",
                    operation=operation,
                    doc=document,
                    seed=SEED.hex(),
                    created=CREATED,
                    iterations=iterations,
                    warmup=20,
                )
                figures[name].append(result["median_us"])
        versions = js.ping()
    print(
        f"  JS reference: node {versions['node']}, "
        + ", ".join(f"{name} {version}" for name, version in sorted(versions["packages"].items()))
    )
    return {name: statistics.median(values) for name, values in figures.items()}


def batch_throughput(key: Ed25519Key, count: int) -> tuple[float, float]:
    """Credentials per second of ``insigne sign --jsonl`` on ``count`` credentials, one process
    (start-up included), and the same without start-up (an empty run subtracted)."""
    with tempfile.TemporaryDirectory() as folder:
        key_file = Path(folder, "key.json")
        key_file.write_text(key.to_json_text())
        source = Path(folder, "in.jsonl")
        source.write_text(
            "".join(json.dumps(credential(key.did_key, n)) + "\n" for n in range(count))
        )
        empty = Path(folder, "empty.jsonl")
        empty.write_text("")
        command = [sys.executable, "-m", "insigne", "sign", "--jsonl", "--key", str(key_file),
                   "--created", CREATED]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        start = time.perf_counter()
        subprocess.run([*command, str(empty)], check=True, env=env, stdout=subprocess.DEVNULL)
        startup = time.perf_counter() - start
        start = time.perf_counter()
        done = subprocess.run([*command, str(source)], check=True, env=env, capture_output=True)
        elapsed = time.perf_counter() - start
        lines = done.stdout.count(b"\n")
        assert lines == count, f"expected {count} signed credentials, got {lines}"
    return count / elapsed, count / (elapsed - startup)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer iterations (a rough look)")
    args = parser.parse_args()
    iterations, rounds, batch = (100, 3, 2000) if args.quick else (400, 5, 10_000)
    key = Ed25519Key.from_seed(SEED)
    sample = credential(key.did_key)
    canon = Canonicalizer()
    print("Open Badges 3.0 credential used by every implementation:")
    print(
        f"  {len(json.dumps(sample))} bytes of JSON, {len(canon.quads(sample))} quads, "
        f"{len(canon.canonicalize(sample))} bytes of canonical N-Quads"
    )
    print(f"Timing ({rounds} rounds x {iterations} calls, median of round medians)...")
    ours = insigne_figures(key, iterations=iterations, rounds=rounds)
    base = pyld_figures(key, iterations=max(20, iterations // 10), rounds=rounds)
    js = js_figures(key, iterations=max(50, iterations // 4), rounds=rounds)

    def rate(us: float) -> str:
        return f"{1e6 / us:>10,.0f}/s  ({us:>8,.1f} µs)"

    print()
    print(f"{'':34}{'sign (per core)':>26}{'verify (per core)':>28}")
    print(
        f"{'Insigne, full verification':34}{rate(ours['sign']):>26}{rate(ours['verify_full']):>28}"
    )
    print(
        f"{'Insigne, what vc.verifyCredential does':34}{'':>26}{rate(ours['verify_like_js']):>28}"
    )
    print(f"{'Insigne, proof only':34}{'':>26}{rate(ours['verify_proof']):>28}")
    print(f"{'pyld + cryptography':34}{rate(base['sign']):>26}{rate(base['verify']):>28}")
    if isinstance(js, str):
        print(f"JS reference not measured: {js}")
    else:
        print(
            f"{'JS reference (vc.issue / verify)':34}{rate(js['sign']):>26}{rate(js['verify']):>28}"
        )
    print()
    print("Ratios (how many times faster Insigne is):")
    print(f"  vs pyld : sign {base['sign'] / ours['sign']:.1f}x, "
          f"verify {base['verify'] / ours['verify_full']:.1f}x (full verification)")  # fmt: skip
    if not isinstance(js, str):
        print(f"  vs JS   : sign {js['sign'] / ours['sign']:.1f}x (goal 25x)")
        like_js = js["verify"] / ours["verify_like_js"]
        full = js["verify"] / ours["verify_full"]
        print(f"            verify {like_js:.1f}x (goal 15x) doing what vc.verifyCredential does")
        print("              (every proof, the issuer's key, validity dates)")
        print(f"            verify {full:.1f}x with Insigne's full report (adds the JSON-LD")
        print("              safe-mode report, OB 3.0 structure, status and recipient checks)")
    with_start, steady = batch_throughput(key, batch)
    print()
    print(f"insigne sign --jsonl, {batch:,} credentials in one process:")
    print(f"  {with_start:,.0f} credentials/s ({steady:,.0f}/s without interpreter start-up)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
