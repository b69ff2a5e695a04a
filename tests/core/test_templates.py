"""Shape templates must give exactly what the full JSON-LD path gives, or step aside."""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from typing import Any

import pytest
from bench.credential import credential
from hypothesis import given, settings
from hypothesis import strategies as st

from insigne.core.canon import Canonicalizer
from insigne.core.jsonld.errors import JsonLdError

ISSUER = "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"


def outcome(canonicalizer: Canonicalizer, document: Any) -> str | tuple[str, str]:
    try:
        return canonicalizer.canonicalize(document)
    except JsonLdError as error:
        return ("refused", error.code)


def string_paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "@context":
                yield from string_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from string_paths(value, (*path, index))
    elif isinstance(node, str):
        yield path


def replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    copied = copy.deepcopy(document)
    target = copied
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copied


BASE = credential(ISSUER)
PATHS = list(string_paths(BASE))
TRICKY = [
    "", "x", "é\u2028\x01\"\\\x7f", "😀\ufb33", "urn:uuid:1", "_:b0", "relative/iri",
    "ob:thing", "https://example.org/a b", "https://example.org/<>", "Achievement",
    "https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement", "xsd:string", "@id",
    "Travailler en équipe", "RECTEC", "did:key:z6Mk",
]  # fmt: skip


@pytest.fixture(scope="module")
def pair() -> tuple[Canonicalizer, Canonicalizer]:
    fast, full = Canonicalizer(), Canonicalizer(templates=False)
    assert fast.canonicalize(BASE) == full.canonicalize(BASE)
    return fast, full


def test_a_second_credential_of_the_same_shape_uses_the_template(
    pair: tuple[Canonicalizer, Canonicalizer],
) -> None:
    fast, full = pair
    other = credential(ISSUER, number=2)
    assert fast.templates is not None
    assert fast.templates.quads_and_shape(other) is not None
    assert fast.canonicalize(other) == full.canonicalize(other)


def test_random_edits_agree_with_the_full_path(pair: tuple[Canonicalizer, Canonicalizer]) -> None:
    fast, full = pair
    rnd = random.Random(20261128)
    refused = agreed = 0
    for _ in range(1500):
        document = BASE
        for _ in range(rnd.randint(1, 3)):
            value = rnd.choice(TRICKY) + rnd.choice(["", "1", "/x"])
            document = replaced(document, rnd.choice(PATHS), value)
        expected = outcome(full, document)
        assert outcome(fast, document) == expected, document
        refused += isinstance(expected, tuple)
        agreed += 1
    assert refused > 100 and agreed - refused > 100  # both kinds of case were exercised


def test_duplicate_alignments_fall_back_to_the_general_algorithm(
    pair: tuple[Canonicalizer, Canonicalizer],
) -> None:
    fast, full = pair
    alignments = BASE["credentialSubject"]["achievement"]["alignment"]
    document = replaced(BASE, ("credentialSubject", "achievement", "alignment", 1), alignments[0])
    assert fast.canonicalize(document) == full.canonicalize(document)
    assert fast.canonicalize(document).count("_:c14n") > 0


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_text_in_any_literal_position_agrees(
    pair: tuple[Canonicalizer, Canonicalizer], data: st.DataObject
) -> None:
    fast, full = pair
    path = data.draw(st.sampled_from(PATHS))
    text = data.draw(st.text(max_size=40))
    document = replaced(BASE, path, text)
    assert outcome(fast, document) == outcome(full, document)
