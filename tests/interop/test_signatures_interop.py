"""eddsa-rdfc-2022 credentials: Insigne and ``@digitalbazaar/vc`` accept each other's, sign
identically, and reject the same tampered ones."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from concurrent.futures import Future
from typing import Any

import pytest

from insigne.core.canon import default_canonicalizer
from insigne.core.fetch import no_network
from insigne.core.keys import Ed25519Key
from insigne.core.proofs import data_integrity
from tests.interop import generate
from tests.interop.jsref import JsReference

pytestmark = pytest.mark.interop

SEED = bytes.fromhex("4f1c2b3a5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a8")
KEY = Ed25519Key.from_seed(SEED)
CREATED = "2025-01-02T03:04:05Z"
NOW = generate.VERIFY_AT
SHAPES = {
    f"shape-{n}": generate.credential(random.Random(n), issuer_id=KEY.did_key) for n in range(6)
}
TAMPERED_SHAPES = ("shape-0", "shape-1", "shape-2")

Json = dict[str, Any]
Path = tuple[str | int, ...]


def insigne_sign(document: Json) -> Json:
    return data_integrity.sign(
        document, KEY, created=CREATED, canonicalizer=default_canonicalizer()
    )


def js_sign(js: JsReference, document: Json) -> Json:
    signed: Json = js.call("sign", doc=document, seed=SEED.hex(), created=CREATED)
    return signed


def insigne_verifies(document: Json) -> bool:
    outcomes = data_integrity.verify_proofs(
        document, canonicalizer=default_canonicalizer(), fetcher=no_network
    )
    return bool(outcomes) and all(outcome.verified for outcome in outcomes)


def js_verifies(js: JsReference, document: Json) -> Future[Any]:
    return js.submit("verify", doc=document, now=NOW)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_credential_signed_by_insigne_verifies_with_the_reference(
    js: JsReference, name: str
) -> None:
    signed = insigne_sign(SHAPES[name])
    result = js.call("verify", doc=signed, now=NOW)
    assert result == {"verified": True, "errors": []}, json.dumps(signed, ensure_ascii=True)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_credential_signed_by_the_reference_verifies_with_insigne(
    js: JsReference, name: str
) -> None:
    signed = js_sign(js, SHAPES[name])
    outcomes = data_integrity.verify_proofs(
        signed, canonicalizer=default_canonicalizer(), fetcher=no_network
    )
    assert [(o.verified, o.kind) for o in outcomes] == [
        (True, "DataIntegrityProof/eddsa-rdfc-2022")
    ], outcomes
    assert outcomes[0].method is not None
    assert outcomes[0].method.controller == signed["issuer"]["id"] == KEY.did_key


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_same_key_and_created_time_give_the_same_signed_credential_on_both_sides(
    js: JsReference, name: str
) -> None:
    ours, theirs = insigne_sign(SHAPES[name]), js_sign(js, SHAPES[name])
    assert ours["proof"]["proofValue"] == theirs["proof"]["proofValue"]
    # Member order included. (Numbers are compared as values: JSON.stringify writes 1e20 as
    # 100000000000000000000 and Python as 1e+20, which is no difference in the credential.)
    assert members(ours) == members(theirs)


def members(value: Any) -> Any:
    """The JSON value with objects as ordered lists of members, so that order is compared."""
    if isinstance(value, dict):
        return [(key, members(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [members(item) for item in value]
    return value


def scalar_paths(value: Any, path: Path = ()) -> Iterator[Path]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from scalar_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from scalar_paths(item, (*path, index))
    elif value is not None:
        yield path


def changed(value: Any) -> Any:
    """Another value of the same kind: the last digit (or letter) moved on by one, a number
    doubled plus one, a boolean flipped. Dates and IRIs therefore stay well formed."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        doubled = value * 2 + 1
        return doubled if doubled != value else value + 1
    assert isinstance(value, str)
    for kind in (str.isdigit, str.isalpha):
        for index in range(len(value) - 1, -1, -1):
            if kind(value[index]) and value[index].isascii():
                successor = {"9": "0", "z": "a", "Z": "A"}.get(value[index])
                new = successor or chr(ord(value[index]) + 1)
                return value[:index] + new + value[index + 1 :]
    return value + "x"


def value_at(document: Any, path: Path) -> Any:
    for step in path:
        document = document[step]
    return document


def replaced(document: Json, path: Path, new: Any) -> Json:
    copied = copy.deepcopy(document)
    value_at(copied, path[:-1])[path[-1]] = new
    return copied


@pytest.mark.parametrize("name", TAMPERED_SHAPES)
def test_changing_any_signed_value_makes_both_sides_reject_the_credential(
    js: JsReference, name: str
) -> None:
    signed = insigne_sign(SHAPES[name])
    assert js.call("verify", doc=signed, now=NOW)["verified"] and insigne_verifies(signed)
    paths = list(scalar_paths(signed))
    assert len(paths) >= 20
    variants = [(path, replaced(signed, path, changed(value_at(signed, path)))) for path in paths]
    pending = [(path, doc, js_verifies(js, doc)) for path, doc in variants]
    accepted = []
    for path, doc, future in pending:
        ours, theirs = insigne_verifies(doc), js.wait(future)["verified"]
        if ours or theirs:
            accepted.append(f"{path}: insigne {ours}, reference {theirs}")
    assert not accepted, "changed credentials still verify:\n" + "\n".join(accepted)


UNDEFINED_PLACES: dict[str, Path] = {
    "credential": (),
    "issuer": ("issuer",),
    "subject": ("credentialSubject",),
    "achievement": ("credentialSubject", "achievement"),
    "proof": ("proof",),
}


@pytest.mark.parametrize("place", sorted(UNDEFINED_PLACES))
def test_adding_an_undefined_property_after_signing_makes_both_sides_reject(
    js: JsReference, place: str
) -> None:
    signed = insigne_sign(SHAPES["shape-0"])
    added = copy.deepcopy(signed)
    value_at(added, UNDEFINED_PLACES[place])["remarque"] = "ajoutée après la signature"
    theirs = js.call("verify", doc=added, now=NOW)
    assert theirs["verified"] is False
    assert any("invalid property" in error for error in theirs["errors"]), theirs
    ours = data_integrity.verify_proofs(
        added, canonicalizer=default_canonicalizer(), fetcher=no_network
    )
    assert [o.verified for o in ours] == [False]
    assert "invalid property" in ours[0].message, ours
