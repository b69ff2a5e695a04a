"""The reference worker itself: the pinned stack, offline, and a protocol that survives errors."""

from __future__ import annotations

import random

import pytest

from insigne.core.canon import Canonicalizer
from insigne.core.jsonld.errors import ContextLoadError
from insigne.core.keys import Ed25519Key
from tests.interop import generate, jsref
from tests.interop.jsref import JsReference

pytestmark = pytest.mark.interop

SEED = bytes(range(32))


def test_the_reference_is_the_pinned_javascript_stack(js: JsReference) -> None:
    assert js.ping()["packages"] == {
        "@digitalbazaar/vc": "7.3.0",
        "@digitalbazaar/eddsa-rdfc-2022-cryptosuite": "1.3.0",
        "@digitalbazaar/data-integrity": "2.5.0",
        "@digitalbazaar/ed25519-multikey": "1.3.1",
        "jsonld": "9.0.0",
        "jsonld-signatures": "11.6.0",
        "rdf-canonize": "5.0.0",
    }


def test_the_reference_loads_no_context_but_insignes_pinned_ones(js: JsReference) -> None:
    document = {"@context": ["https://example.org/context.jsonld"], "id": "urn:x"}
    with pytest.raises(jsref.JsError) as refused:
        js.call("canonize", doc=document)
    assert refused.value.code == "loading remote context failed"
    assert "https://example.org/context.jsonld" in refused.value.message
    with pytest.raises(ContextLoadError):
        Canonicalizer().canonicalize(document)


def test_an_unknown_operation_is_answered_with_an_error_and_the_worker_carries_on(
    js: JsReference,
) -> None:
    with pytest.raises(jsref.JsError, match="unknown op"):
        js.call("transmogrify")
    assert js.ping()["node"].startswith("v")


def test_signing_refuses_a_created_time_the_reference_would_rewrite(js: JsReference) -> None:
    document = generate.credential(random.Random(1))
    with pytest.raises(jsref.JsError, match="whole seconds"):
        js.call("sign", doc=document, seed=SEED.hex(), created="2025-01-02T03:04:05.250Z")


@pytest.mark.parametrize("operation", ["issue", "verify"])
def test_time_reports_per_call_microseconds_measured_inside_node(
    js: JsReference, operation: str
) -> None:
    key = Ed25519Key.from_seed(SEED)
    document = generate.credential(random.Random(2), issuer_id=key.did_key)
    timing = js.call(
        "time",
        operation=operation,
        doc=document,
        seed=SEED.hex(),
        iterations=3,
        warmup=1,
        now=generate.VERIFY_AT,
    )
    assert timing["iterations"] == 3 and timing["warmup"] == 1
    assert 0 < timing["min_us"] <= timing["median_us"] <= timing["max_us"]


def test_timing_a_credential_that_does_not_verify_is_an_error(js: JsReference) -> None:
    document = generate.credential(random.Random(2))  # issuer is not the seed's key
    with pytest.raises(jsref.JsError, match="does not verify"):
        js.call("time", operation="verify", doc=document, seed=SEED.hex(), iterations=1, warmup=0)
