"""Insigne's canonical N-Quads against the reference's, byte for byte, on generated credentials.

The reference is the eddsa-rdfc-2022 cryptosuite's ``canonize`` (jsonld.js 9.0.0 in safe mode
and rdf-canonize 5.0.0) with only Insigne's pinned contexts. Whatever one side refuses the
other must refuse, for the same reason. The single tolerated difference is jsonld.js's number
bug (see ``generate.js_number_bug_values``), and it is checked, not skipped.
"""

from __future__ import annotations

import difflib
import json
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

import pytest

from insigne.core import rdfc
from insigne.core.canon import Canonicalizer
from insigne.core.jsonld.errors import JsonLdError
from insigne.core.jsonld.nquads import RDF_LANGSTRING, XSD_DOUBLE, XSD_INTEGER, XSD_STRING, Literal
from tests.interop import generate
from tests.interop.jsref import JsReference

pytestmark = pytest.mark.interop

CASES = [*generate.cases(1000), *generate.edge_cases(), *generate.number_bug_cases()]
SHOWN = 3  # mismatches printed in full in a failure message
DOCUMENT_CHARS = 30_000


@dataclass(frozen=True)
class Outcome:
    nquads: str | None  # None when refused
    error: str = ""
    code: str | None = None


@dataclass(frozen=True)
class Comparison:
    case: generate.Case
    js: Outcome
    insigne: Outcome
    insigne_again: Outcome  # same canonicalizer, second time: its shape templates are warm

    @property
    def number_bug(self) -> list[float]:
        return generate.js_number_bug_values(self.case.document)


# Refusals that the reference reports without a jsonld.js code, by message, and the code
# Insigne gives them.
UNCODED_JS_ERRORS = {"Maximum deep iterations exceeded": "canonicalization work limit"}


def js_outcome(entry: dict[str, Any]) -> Outcome:
    if entry["ok"]:
        return Outcome(entry["result"])
    code = entry["code"]
    if code is None:
        code = next((c for text, c in UNCODED_JS_ERRORS.items() if text in entry["error"]), None)
    return Outcome(None, entry["error"], code)


def insigne_outcome(canonicalizer: Canonicalizer, document: Any) -> Outcome:
    try:
        return Outcome(canonicalizer.canonicalize(document))
    except JsonLdError as error:
        return Outcome(None, str(error), error.code)


@pytest.fixture(scope="module")
def comparisons(js: JsReference) -> list[Comparison]:
    # Node canonicalizes the whole batch while Python does its share.
    pending = js.submit("canonize_batch", docs=[case.document for case in CASES])
    canonicalizer = Canonicalizer()
    ours, again = [], []
    for case in CASES:
        ours.append(insigne_outcome(canonicalizer, case.document))
        again.append(insigne_outcome(canonicalizer, case.document))
    theirs = [js_outcome(entry) for entry in js.wait(pending)]
    assert len(theirs) == len(CASES)
    return [Comparison(*row) for row in zip(CASES, theirs, ours, again, strict=True)]


def show(document: Any) -> str:
    text = json.dumps(document, ensure_ascii=True, indent=1)
    if len(text) > DOCUMENT_CHARS:
        text = text[:DOCUMENT_CHARS] + f"\n... ({len(text) - DOCUMENT_CHARS} more characters)"
    return text


def diff(js_nquads: str, insigne_nquads: str) -> str:
    # N-Quads lines end at "\n" only: str.splitlines() would also split literals on U+2028.
    lines = difflib.unified_diff(
        js_nquads.split("\n"),
        insigne_nquads.split("\n"),
        "javascript reference",
        "insigne",
        lineterm="",
    )
    return "\n".join(lines)


def report(title: str, failures: list[Comparison], explain: Any) -> str:
    names = ", ".join(f.case.name for f in failures)
    parts = [f"{len(failures)} {title}: {names}"]
    for failure in failures[:SHOWN]:
        parts.append(f"--- {failure.case.name}\n{show(failure.case.document)}\n{explain(failure)}")
    return "\n\n".join(parts)


def test_insigne_writes_the_same_canonical_nquads_as_the_reference(
    comparisons: list[Comparison],
) -> None:
    both = [c for c in comparisons if c.js.nquads is not None and c.insigne.nquads is not None]
    compared = [c for c in both if not c.number_bug]
    assert len(compared) >= 850, "too few documents were accepted by both sides to mean much"
    different = [c for c in compared if c.js.nquads != c.insigne.nquads]
    assert not different, report(
        "documents canonicalize differently",
        different,
        lambda c: diff(c.js.nquads, c.insigne.nquads),
    )


def test_insigne_gives_the_same_answer_the_second_time(comparisons: list[Comparison]) -> None:
    """The second canonicalization of a document reuses what the first one learnt (shape
    templates); it must not change a single byte, nor turn a refusal into an answer."""
    changed = [c for c in comparisons if c.insigne_again != c.insigne]
    assert not changed, report(
        "documents canonicalized differently the second time",
        changed,
        lambda c: (
            f"first: {c.insigne.error}\nagain: {c.insigne_again.error}\n"
            + diff(c.insigne.nquads or "", c.insigne_again.nquads or "")
        ),
    )


def test_insigne_refuses_exactly_the_documents_the_reference_refuses(
    comparisons: list[Comparison],
) -> None:
    disagreeing = [c for c in comparisons if (c.js.nquads is None) != (c.insigne.nquads is None)]
    assert not disagreeing, report(
        "documents accepted by one side only",
        disagreeing,
        lambda c: (
            f"reference: {c.js.error or 'accepted'}\ninsigne: {c.insigne.error or 'accepted'}"
        ),
    )
    refused = [c for c in comparisons if c.js.nquads is None and c.insigne.nquads is None]
    other_reason = [c for c in refused if c.js.code != c.insigne.code]
    assert not other_reason, report(
        "documents refused for different reasons",
        other_reason,
        lambda c: f"reference: {c.js.error}\ninsigne: {c.insigne.error}",
    )


def test_generated_documents_are_accepted_or_refused_as_the_generator_intends(
    comparisons: list[Comparison],
) -> None:
    """Keeps the generator honest: negative variants really are refused by the reference."""
    wrong = [c for c in comparisons if (c.case.expect == "refuse") != (c.js.nquads is None)]
    assert not wrong, report(
        "documents where the reference did not do what the generator meant",
        wrong,
        lambda c: f"meant to be {c.case.expect}d; reference: {c.js.error or 'accepted'}",
    )
    refused_kinds = {c.case.name.split("-", 1)[1] for c in comparisons if c.case.expect == "refuse"}
    assert refused_kinds == set(generate.NEGATIVE), "some negative variants were never generated"
    siblings = [c for c in comparisons if c.case.name.endswith("+sibling")]
    assert len(siblings) >= 150, "too few same-shape siblings to exercise shape templates"


# The reference's (wrong) handling of numbers such as 1e-7, reproduced on Insigne's dataset.
def js_double(value: float) -> str:
    """The xsd:double form jsonld.js writes: toExponential(15) (ties go to the larger digit),
    trailing zeros trimmed to one, as in ``1.5E0``. Computed exactly with decimals."""
    with localcontext() as context:
        context.prec = 1200
        exact = abs(Decimal(value))
        exponent = exact.adjusted()
        digits = exact.scaleb(-exponent).quantize(Decimal("1.000000000000000"), ROUND_HALF_UP)
        if digits >= 10:
            digits, exponent = Decimal("1.000000000000000"), exponent + 1
    mantissa = str(digits).rstrip("0")
    mantissa += "0" if mantissa.endswith(".") else ""
    return f"{'-' if math.copysign(1, value) < 0 else ''}{mantissa}E{exponent}"


def js_to_fixed_0(value: float) -> str:
    """JavaScript's ``value.toFixed(0)`` for the tiny numbers the bug concerns."""
    assert abs(value) < 0.5
    return "-0" if value < 0 else "0"


def nquads_with_js_number_bug(document: Any) -> str:
    """Insigne's dataset with each bugged number written the way jsonld.js 9.0.0 writes it."""
    wrong = {js_double(x): js_to_fixed_0(x) for x in generate.js_number_bug_values(document)}
    quads = []
    for subject, predicate, obj, graph in Canonicalizer().quads(document):
        if (
            isinstance(obj, Literal)
            and obj.datatype not in (XSD_STRING, RDF_LANGSTRING)
            and obj.value in wrong
        ):
            datatype = XSD_INTEGER if obj.datatype == XSD_DOUBLE else obj.datatype
            obj = Literal(wrong[obj.value], datatype)
        quads.append((subject, predicate, obj, graph))
    return rdfc.canonicalize(quads)


def test_the_only_difference_tolerated_is_the_jsonld_js_number_bug(
    comparisons: list[Comparison],
) -> None:
    bugged = [c for c in comparisons if c.number_bug]
    assert len(bugged) >= 9, "the number-bug documents were not generated"
    assert all(c.case.name.startswith("number-bug-") for c in bugged)
    for c in bugged:
        assert c.js.nquads is not None and c.insigne.nquads is not None, (c.js, c.insigne)
        for value in c.number_bug:
            assert f'"{js_double(value)}"^^' in c.insigne.nquads, (value, c.insigne.nquads)
        assert c.js.nquads != c.insigne.nquads, c.case.name
        expected = nquads_with_js_number_bug(c.case.document)
        assert c.js.nquads == expected, (
            f"{c.case.name} differs by more than the number bug:\n{show(c.case.document)}\n"
            + diff(c.js.nquads, expected)
        )


def test_js_double_formats_like_javascript_to_exponential() -> None:
    assert js_double(1.5) == "1.5E0"
    assert js_double(1e-7) == "1.0E-7"
    assert js_double(-3e-9) == "-3.0E-9"
    assert js_double(5e-324) == "4.940656458412465E-324"
    assert js_double(1e23) == "9.999999999999999E22"
    assert js_double(1125899906842624.5) == "1.125899906842625E15"


MINIMAL = {"@context": {"@vocab": "https://example.org/"}, "@id": "https://example.org/s"}


def test_doubles_halfway_between_16_digit_values_round_up_as_in_javascript(
    js: JsReference,
) -> None:
    """jsonld.js writes doubles with toExponential(15), which on a tie picks the larger
    candidate (ECMA-262, Number.prototype.toExponential: "If there are two such sets of e and
    n, pick the e and n for which n × 10**(e - f) is larger"); Python's "%.15e" rounds half to
    even. 2**50 + 0.5 = 1125899906842624.5 is a tie at the 16th significant digit, as is any
    double whose exact decimal value has 17 significant digits ending in 5 (1234567.0009765625
    in edge-double-ties)."""
    document = {**MINIMAL, "n": 1125899906842624.5}
    expected = (
        '<https://example.org/s> <https://example.org/n> "1.125899906842625E15"'
        "^^<http://www.w3.org/2001/XMLSchema#double> .\n"
    )
    assert js.call("canonize", doc=document) == expected
    assert Canonicalizer().canonicalize(document) == expected
