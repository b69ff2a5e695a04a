"""Deterministic Open Badges 3.0 credentials for the differential tests.

Everything is drawn from a seeded ``random.Random``: the same seed gives the same documents,
so a failure seen once is seen again. Three families:

- ``credential``: realistic OpenBadgeCredentials (VC 2.0 + OB 3.0.3, sometimes OB 3.0.2 or the
  1EdTech extensions context) whose strings mix French accents, astral emoji, characters in
  U+E000..U+FFFF (which sort differently in UTF-16 and in code points), C0 controls, DEL,
  U+2028/U+2029, quotes, backslashes and very long text, with duplicated and near-duplicated
  alignments and identifiers (blank nodes whose hashes collide);
- ``NEGATIVE``: changes the reference refuses in safe mode (undefined terms, relative IRIs,
  undefined types, language maps where the context defines none...);
- ``number_bug_cases``: numbers that jsonld.js 9.0.0 turns into RDF wrongly (see
  ``js_number_bug_values``); kept apart so the known bug is checked, not hidden.
"""

from __future__ import annotations

import copy
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from insigne.core.keys import Ed25519Key

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_302 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"
OB_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
VALID_FROM = "2024-03-01T08:30:00Z"
VERIFY_AT = "2025-06-15T12:00:00Z"  # inside every generated validity period

Json = dict[str, Any]
Expect = Literal["accept", "refuse"]


@dataclass(frozen=True)
class Case:
    name: str
    document: Json
    expect: Expect  # what the reference is meant to do; the test checks the generator's word


FRENCH = [
    "Compétence évaluée à l'oral",
    "Élève de l'École nationale",
    "Œuvre collective, façade Noël",
    "garçon naïf déjà là, où ?",
    "crème brûlée « à la française »",
    "Travailler en équipe",
]
ASTRAL = ["🎓", "🏅", "😀", "𝄞", "🇫🇷", "👩🏽‍🎓", "\U0001f9d1\u200d\U0001f4bb", "\U00010348"]
HIGH_BMP = ["\ue000", "\uf8ff", "\ufb01", "\ufeff", "\ufffd", "\uff21", "\ufe0f", "\uffff"]
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"]
SEPARATORS = ["\u2028", "\u2029", "\x85", "\xa0", "\r\n", "\t", "\u200b"]
SYNTAX = ['"', "\\", "\\n", "'", "\\u0041", "<a href='x'>", "{}", "^^", " .", "_:b0", '"@en']
LANGUAGES = ["fr", "fr-FR", "en", "en-GB", "de", "ar", "zh-Hant-TW"]
ACHIEVEMENT_TYPES = ["Badge", "Certificate", "Competency", "Course", "Diploma", "ext:Atelier"]


def text(rng: random.Random, *, short: bool = False) -> str:
    """A string drawn from the awkward families above, sometimes very long."""
    pools = [FRENCH, FRENCH, ASTRAL, HIGH_BMP, CONTROLS, SEPARATORS, SYNTAX]
    parts = [rng.choice(rng.choice(pools)) for _ in range(rng.randint(1, 2 if short else 6))]
    value = " ".join(parts) if rng.random() < 0.7 else "".join(parts)
    if not short and rng.random() < 0.005:
        value = (value + " " + rng.choice(FRENCH)) * rng.randint(200, 1500)
    return value


def sort_stress(rng: random.Random, count: int) -> list[str]:
    """Strings sharing a prefix and differing by an astral or a U+E000..U+FFFF character:
    their order differs between UTF-16 code units and code points."""
    prefix = rng.choice(["tag-", "é", ""])
    chars = rng.sample(ASTRAL + HIGH_BMP, count)
    return [prefix + c for c in chars]


def urn(rng: random.Random) -> str:
    return f"urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}"


def did_key(rng: random.Random) -> str:
    return Ed25519Key.from_seed(rng.randbytes(32)).did_key


def url(rng: random.Random, path: str) -> str:
    host = rng.choice(["atelier-lyon.example.fr", "univ.example.edu", "xn--cole-9oa.example"])
    return f"https://{host}/{path}/{rng.randint(1, 99999)}"


def number(rng: random.Random) -> int | float:
    """A JSON number jsonld.js handles correctly: integers, decimals, integral floats."""
    while True:
        choice = rng.randrange(5)
        if choice == 0:
            value: int | float = rng.randint(0, 120)
        elif choice == 1:
            value = round(rng.uniform(0.1, 60), rng.randint(1, 3))
        elif choice == 2:
            value = rng.random() * 10.0 ** rng.randint(-5, 25)
        elif choice == 3:
            value = float(rng.choice([2, 10**20, 123456789012345678901234]))
        else:
            value = -round(rng.uniform(0, 5), 2)
        if not js_number_bug_values(value):
            return value


def maybe_language(rng: random.Random, value: str) -> Any:
    """Plain, or a value object with a language (and sometimes a base direction)."""
    roll = rng.random()
    if roll < 0.85:
        return value
    tagged: Json = {"@value": value, "@language": rng.choice(LANGUAGES)}
    if roll > 0.95:
        tagged["@direction"] = rng.choice(["ltr", "rtl"])
    return tagged


def image(rng: random.Random) -> Any:
    if rng.random() < 0.3:
        return {"id": url(rng, "images"), "type": "Image"}
    source = rng.choice([url(rng, "img"), "data:image/png;base64," + "iVBORw0KGgo" * 40])
    return {"id": source, "type": "Image", "caption": text(rng, short=True)}


def alignments(rng: random.Random) -> list[Json]:
    """0 to 8 alignments, with exact duplicates and near-duplicates among them."""
    items: list[Json] = []
    for _ in range(rng.randint(0, 8)):
        if items and rng.random() < 0.3:
            items.append(copy.deepcopy(rng.choice(items)))
            continue
        if items and rng.random() < 0.3:
            near = copy.deepcopy(rng.choice(items))
            near["targetName"] = near["targetName"] + rng.choice(["", " ", "\u2028", "🎓"])
            near["targetType"] = rng.choice(["CFItem", "CTDL", "ceterms:Credential"])
            items.append(near)
            continue
        item: Json = {
            "type": ["Alignment"],
            "targetName": text(rng, short=True),
            "targetUrl": url(rng, "competences"),
        }
        if rng.random() < 0.6:
            item["targetDescription"] = text(rng)
        if rng.random() < 0.5:
            item["targetFramework"] = rng.choice(["RNCP", "ESCO", "Référentiel 2024"])
            item["targetCode"] = f"C{rng.randint(1, 40)}.{rng.randint(1, 9)}"
        if rng.random() < 0.5:
            item["targetType"] = rng.choice(["CFItem", "CFRubric", "ext:Bloc"])
        items.append(item)
    return items


def result_descriptions(rng: random.Random) -> list[Json]:
    descriptions = []
    for _ in range(rng.randint(0, 2)):
        levels = [
            {
                "id": urn(rng),
                "type": ["RubricCriterionLevel"],
                "level": rng.choice(["Acquis", "En cours", "Non acquis", "Expert 🏅"]),
                "name": text(rng, short=True),
                "description": text(rng),
                "points": str(rng.randint(0, 20)),
            }
            for _ in range(rng.randint(1, 4))
        ]
        description: Json = {
            "id": urn(rng),
            "type": ["ResultDescription"],
            "name": text(rng, short=True),
            "resultType": "RubricCriterionLevel",
            "rubricCriterionLevel": levels,
            "requiredLevel": levels[0]["id"],
        }
        if rng.random() < 0.5:
            description["allowedValue"] = [rng.choice(["A", "B", "C", "A", "é"]) for _ in "abc"]
        if rng.random() < 0.3:
            description["valueMin"], description["valueMax"] = "0", str(rng.randint(10, 100))
        descriptions.append(description)
    return descriptions


def achievement(rng: random.Random) -> Json:
    value: Json = {
        "type": ["Achievement"],
        "achievementType": rng.choice(ACHIEVEMENT_TYPES),
        "name": maybe_language(rng, text(rng, short=True)),
        "description": maybe_language(rng, text(rng)),
        "criteria": {"narrative": text(rng)},
    }
    if rng.random() < 0.8:  # otherwise a blank node, hashed by its content
        value = {"id": rng.choice([url(rng, "badges"), urn(rng)]), **value}
    if rng.random() < 0.3:
        value["criteria"]["id"] = url(rng, "criteres")
    if rng.random() < 0.8:
        value["image"] = image(rng)
    if found := alignments(rng):
        value["alignment"] = found
    if found := result_descriptions(rng):
        value["resultDescription"] = found
    if rng.random() < 0.5:
        value["creditsAvailable"] = number(rng)
    if rng.random() < 0.5:
        value["tag"] = [*sort_stress(rng, rng.randint(2, 5)), text(rng, short=True)]
    if rng.random() < 0.4:
        value["inLanguage"] = rng.choice(LANGUAGES)
    if rng.random() < 0.3:
        value["humanCode"], value["fieldOfStudy"] = f"HC-{rng.randint(1, 999)}", text(rng)
    if rng.random() < 0.2:
        value["otherIdentifier"] = [
            {"type": "IdentifierEntry", "identifier": urn(rng), "identifierType": "identifier"}
        ]
    if rng.random() < 0.2:
        value["creator"] = {"id": did_key(rng), "type": ["Profile"], "name": text(rng)}
    return value


def identity(rng: random.Random) -> Json:
    return {
        "type": "IdentityObject",
        "identityHash": "sha256$" + rng.randbytes(32).hex(),
        "identityType": rng.choice(["emailAddress", "studentId", "ext:ine"]),
        "hashed": rng.random() < 0.9,
        "salt": rng.randbytes(8).hex(),
    }


def subject(rng: random.Random, achieved: Json) -> Json:
    value: Json = {"type": ["AchievementSubject"]}
    roll = rng.random()
    if roll < 0.5:
        identifiers = [identity(rng) for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.3:
            identifiers.append(copy.deepcopy(identifiers[0]))
        value["identifier"] = identifiers
    else:
        value["id"] = rng.choice(
            [did_key(rng), urn(rng), "did:example:ebfeb1f712ebc6f1c276e12ec21"]
        )
    value["achievement"] = achieved
    descriptions = achieved.get("resultDescription", [])
    if descriptions and rng.random() < 0.8:
        value["result"] = [
            {
                "type": ["Result"],
                "resultDescription": description["id"],
                "achievedLevel": rng.choice(description["rubricCriterionLevel"])["id"],
                "status": rng.choice(["Completed", "Enrolled", "InProgress"]),
            }
            for description in descriptions
        ]
    if rng.random() < 0.4:
        value["creditsEarned"] = number(rng)
    if rng.random() < 0.3:
        value["activityStartDate"], value["activityEndDate"] = "2024-01-15", "2024-02-28"
    if rng.random() < 0.2:
        value["role"], value["term"] = text(rng, short=True), rng.choice(["S1", "2023-2024"])
    return value


def issuer(rng: random.Random) -> Json:
    value: Json = {
        "id": did_key(rng) if rng.random() < 0.8 else url(rng, "issuers"),
        "type": ["Profile"],
        "name": maybe_language(rng, text(rng, short=True)),
        "url": url(rng, "accueil"),
    }
    if rng.random() < 0.6:
        value["image"] = image(rng)
    if rng.random() < 0.3:
        value["email"], value["phone"] = "contact@example.fr", "+33 4 72 00 00 00"
    if rng.random() < 0.3:
        value["address"] = {
            "type": ["Address"],
            "addressCountry": "France",
            "addressLocality": rng.choice(["Lyon", "Saint-Étienne", "Besançon"]),
            "postalCode": f"{rng.randint(1000, 95999):05d}",
            "geo": {
                "type": "GeoCoordinates",
                "latitude": round(rng.uniform(41, 51), 6),
                "longitude": round(rng.uniform(-5, 9), 6),
            },
        }
    if rng.random() < 0.2:
        value["parentOrg"] = {"id": url(rng, "org"), "type": ["Profile"], "name": text(rng)}
    return value


def credential(rng: random.Random, *, issuer_id: str | None = None) -> Json:
    """A realistic OpenBadgeCredential (unsigned)."""
    ob = OB_303 if rng.random() < 0.9 else OB_302
    context: list[Any] = [VC_V2, ob]
    if rng.random() < 0.2:
        context.append(OB_EXTENSIONS)
    the_issuer = issuer(rng)
    if issuer_id is not None:
        the_issuer["id"] = issuer_id
    achieved = achievement(rng)
    if ob != OB_303:
        achieved.pop("inLanguage", None)  # added in OB 3.0.3
    name = achieved["name"] if rng.random() < 0.5 else maybe_language(rng, text(rng))
    document: Json = {
        "@context": context,
        "id": urn(rng) if rng.random() < 0.7 else url(rng, "credentials"),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": the_issuer,
        "validFrom": VALID_FROM,
        "name": name,
        "credentialSubject": subject(rng, achieved),
    }
    if rng.random() < 0.3:
        document["validUntil"] = "2030-12-31T23:59:59Z"
    if ob == OB_303 and rng.random() < 0.2:  # defined since OB 3.0.3
        document["awardedDate"] = "2024-03-01T08:00:00+01:00"
    if rng.random() < 0.4:
        document["description"] = maybe_language(rng, text(rng))
    if rng.random() < 0.3:
        document["evidence"] = [
            {
                **({"id": url(rng, "preuves")} if rng.random() < 0.5 else {}),
                "type": ["Evidence"],
                "name": text(rng, short=True),
                "narrative": text(rng),
                "genre": rng.choice(["Projet", "Portfolio"]),
            }
            for _ in range(rng.randint(1, 3))
        ]
    if rng.random() < 0.4:
        document["credentialStatus"] = {
            "id": url(rng, "status") + "#" + str(rng.randint(0, 131071)),
            "type": "BitstringStatusListEntry",
            "statusPurpose": rng.choice(["revocation", "suspension"]),
            "statusListIndex": str(rng.randint(0, 131071)),
            "statusListCredential": url(rng, "status"),
        }
    if OB_EXTENSIONS in context and rng.random() < 0.5:
        document["credentialSchema"] = [
            {"id": url(rng, "schema"), "type": "1EdTechJsonSchemaValidator2019"}
        ]
    return document


# Changes the reference refuses in safe mode (or as invalid JSON-LD).
def _undefined_property(doc: Json, rng: random.Random) -> None:
    doc["hobby"] = text(rng, short=True)


def _undefined_nested_property(doc: Json, rng: random.Random) -> None:
    doc["credentialSubject"]["achievement"]["difficulty"] = rng.choice(["haute", 3])


def _relative_credential_id(doc: Json, rng: random.Random) -> None:
    doc["id"] = f"credentials/{rng.randint(1, 999)}"


def _relative_achievement_id(doc: Json, rng: random.Random) -> None:
    doc["credentialSubject"]["achievement"]["id"] = "#badge"


def _relative_image(doc: Json, rng: random.Random) -> None:
    doc["credentialSubject"]["achievement"]["image"] = "images/badge.png"


def _relative_subject_id(doc: Json, rng: random.Random) -> None:
    doc["credentialSubject"]["id"] = "apprenants/42"


def _undefined_status_type(doc: Json, rng: random.Random) -> None:
    # Defined only by extensions.json, which this document does not use.
    doc["@context"] = [c for c in doc["@context"] if c != OB_EXTENSIONS]
    doc.pop("credentialSchema", None)
    doc["credentialStatus"] = {"id": url(rng, "revocations"), "type": "1EdTechRevocationList"}


def _undefined_type(doc: Json, rng: random.Random) -> None:
    doc["type"] = [*doc["type"], "BadgeAtelier"]


def _empty_object(doc: Json, rng: random.Random) -> None:
    # Empty objects are refused where they would be free-floating nodes: at the top level and
    # in @graph containers (``proof`` in VC 2.0). As property values they are blank nodes.
    place = rng.choice(["proof", "proof-list", "graph", "included"])
    if place == "proof":
        doc["proof"] = {}
    elif place == "proof-list":
        doc["proof"] = [{}]
    else:
        doc["@" + place] = [{}]


def _node_with_only_id(doc: Json, rng: random.Random) -> None:
    doc["proof"] = {"id": urn(rng)}


def _free_floating_scalar(doc: Json, rng: random.Random) -> None:
    doc["@graph"] = [text(rng, short=True)]


def _null_id(doc: Json, rng: random.Random) -> None:
    doc["id"] = None


def _invalid_language_tag(doc: Json, rng: random.Random) -> None:
    doc["name"] = {"@value": "Badge", "@language": "pas une langue"}


def _undefined_subject_type(doc: Json, rng: random.Random) -> None:
    doc["credentialSubject"]["type"] = ["AchievementSubject", "Apprenant"]


def _language_map(doc: Json, rng: random.Random) -> None:
    doc["name"] = {"fr": text(rng, short=True), "en": "Teamwork"}


def _protected_redefinition(doc: Json, rng: random.Random) -> None:
    doc["@context"] = [*doc["@context"], {"name": "https://example.org/vocab#name"}]


def _unpinned_context(doc: Json, rng: random.Random) -> None:
    # Not among Insigne's pinned contexts: both sides must fail to load it, offline.
    doc["@context"] = [*doc["@context"], "https://w3id.org/security/suites/ed25519-2018/v1"]


def _poison_graph(doc: Json, rng: random.Random) -> None:
    # Evidence blank nodes that all point at one another: RDFC-1.0 would need factorial work,
    # so both sides stop at rdf-canonize's limit (maxWorkFactor 1).
    count = rng.randint(3, 6)
    doc["evidence"] = [
        {
            "id": f"_:e{i}",
            "type": ["Evidence"],
            "https://example.org/v#seeAlso": [{"id": f"_:e{j}"} for j in range(count) if j != i],
        }
        for i in range(count)
    ]


def _space_in_iri(doc: Json, rng: random.Random) -> None:
    doc["issuer"]["url"] = "https://example.org/a b"
    doc["id"] = "https://example.org/credentials/a b"


NEGATIVE: dict[str, Callable[[Json, random.Random], None]] = {
    "undefined-property": _undefined_property,
    "undefined-nested-property": _undefined_nested_property,
    "relative-credential-id": _relative_credential_id,
    "relative-achievement-id": _relative_achievement_id,
    "relative-image": _relative_image,
    "relative-subject-id": _relative_subject_id,
    "undefined-status-type": _undefined_status_type,
    "undefined-type": _undefined_type,
    "empty-object": _empty_object,
    "node-with-only-id": _node_with_only_id,
    "free-floating-scalar": _free_floating_scalar,
    "null-id": _null_id,
    "invalid-language-tag": _invalid_language_tag,
    "undefined-subject-type": _undefined_subject_type,
    "language-map": _language_map,
    "protected-term-redefinition": _protected_redefinition,
    "space-in-iri": _space_in_iri,
    "unpinned-context": _unpinned_context,
    "poison-graph": _poison_graph,
}


# Members whose string values are plain literals: a sibling credential changes them and
# keeps the shape (the same badge awarded to someone else, as in a batch).
LITERAL_MEMBERS = frozenset(
    {
        "name",
        "description",
        "narrative",
        "caption",
        "targetName",
        "targetDescription",
        "identityHash",
        "salt",
        "level",
        "role",
        "fieldOfStudy",
        "tag",
        "genre",
    }
)


def sibling(document: Json, rng: random.Random) -> Json:
    """The same credential shape with other literal values; sometimes every tag the same,
    so that duplicate quads disappear from the dataset."""
    same_tags = rng.random() < 0.3

    def visit(value: Any, member: str | None) -> Any:
        if isinstance(value, dict):
            if "@value" in value:
                return {**value, "@value": visit(value["@value"], member)}
            return {key: visit(item, key) for key, item in value.items()}
        if isinstance(value, list):
            return [visit(item, member) for item in value]
        if isinstance(value, str) and member in LITERAL_MEMBERS:
            return "même étiquette" if same_tags and member == "tag" else text(rng, short=True)
        return value

    changed: Json = visit(document, None)
    return changed


def cases(count: int, *, seed: int = 20241128, negative_share: float = 0.15) -> Iterator[Case]:
    """``count`` credentials; about ``negative_share`` of them carry a change from NEGATIVE,
    and about one accepted credential in four is followed by a sibling of the same shape."""
    rng = random.Random(seed)
    for index in range(count):
        document = credential(rng)
        if rng.random() < negative_share:
            kind = rng.choice(sorted(NEGATIVE))
            NEGATIVE[kind](document, rng)
            yield Case(f"{index:04d}-{kind}", document, "refuse")
            continue
        yield Case(f"{index:04d}", document, "accept")
        if rng.random() < 0.25:
            yield Case(f"{index:04d}+sibling", sibling(document, rng), "accept")


def edge_cases() -> Iterator[Case]:
    """Hand-picked documents: each awkward family on its own, at its extreme."""
    rng = random.Random(7)
    base = credential(rng)
    base["credentialSubject"]["achievement"].pop("id", None)

    def variant(name: str, change: Callable[[Json], None]) -> Case:
        document = copy.deepcopy(base)
        change(document)
        return Case(f"edge-{name}", document, "accept")

    def achieved(document: Json) -> Json:
        found: Json = document["credentialSubject"]["achievement"]
        return found

    one = alignments(random.Random(3)) or [{"type": ["Alignment"], "targetName": "x"}]
    yield variant("every-control-character", lambda d: d.update(name="".join(CONTROLS)))
    yield variant("line-and-paragraph-separators", lambda d: d.update(name="a\u2028b\u2029c\x85"))
    yield variant("quotes-and-backslashes", lambda d: d.update(name='\\"\\\\"\'\\u0000\\'))
    yield variant("all-astral-vs-high-bmp", lambda d: d.update(name="".join(ASTRAL + HIGH_BMP)))
    yield variant("sorted-tags", lambda d: achieved(d).update(tag=ASTRAL + HIGH_BMP))
    yield variant("very-long-narrative", lambda d: d.update(description="é🎓\x01" * 40000))
    yield variant(
        "eight-identical-alignments",
        lambda d: achieved(d).update(alignment=[one[0]] * 8),
    )
    yield variant(
        "identical-identities",
        lambda d: d["credentialSubject"].update(identifier=[identity(random.Random(1))] * 3),
    )
    yield variant("empty-string-values", lambda d: d.update(name="", description=""))
    yield variant(
        "language-and-direction",
        lambda d: d.update(
            name={"@value": "شارة", "@language": "ar", "@direction": "rtl"},
            description={"@value": "Badge", "@language": "EN-gb"},
        ),
    )
    yield variant("absolute-iri-property", lambda d: d.update({"https://example.org/v#note": "n"}))
    yield variant(
        "inline-context-term",
        lambda d: d.update(
            {"@context": [*d["@context"], {"note": "https://example.org/v#note"}], "note": "n"}
        ),
    )
    yield variant("null-value", lambda d: d.update(description=None))

    def empty_objects(document: Json) -> None:
        achieved(document)["criteria"] = {}
        document.update(evidence=[{}], credentialStatus={})
        document["credentialSubject"]["result"] = [{}]

    yield variant("empty-objects-as-values", empty_objects)
    yield variant("blank-node-iri-values", lambda d: d["issuer"].update(id="_:issuer", url="_:u"))
    yield variant("blank-node-type", lambda d: d.update(type=[*d["type"], "_:kind"]))
    yield variant("double-ties", lambda d: achieved(d).update(creditsAvailable=1234567.0009765625))
    yield variant("blank-node-ids", lambda d: achieved(d).update(id="_:b0"))
    yield variant(
        "json-literal",
        lambda d: d.update(
            _sd=["é🎓", 1.5, 1e-7, 1e21, 100, -0.0, {"b": [True, None], "a": "\u2028\x01"}]
        ),
    )
    yield variant("integral-floats", lambda d: achieved(d).update(creditsAvailable=1e20))


# A number the reference (jsonld.js 9.0.0) writes wrongly in RDF: JavaScript's String(x)
# has neither "." nor is it an integer below 1e21 (for example 1e-7), so toRDF takes the
# integer branch and writes x.toFixed(0): "0" (or "-0") instead of the double "1.0E-7".
def js_number_bug_values(value: Any) -> list[float]:
    """The numbers in ``value`` (a JSON tree) that trigger the jsonld.js number bug.

    JSON literals (``_sd`` here) are skipped: the reference serializes them with JCS, which
    formats numbers correctly.
    """
    if isinstance(value, dict):
        return [
            found
            for key, item in value.items()
            if key != "_sd"
            for found in js_number_bug_values(item)
        ]
    if isinstance(value, list):
        return [found for item in value for found in js_number_bug_values(item)]
    if isinstance(value, float) and value != 0 and not value.is_integer() and abs(value) < 1e-6:
        mantissa = repr(abs(value)).split("e")[0]
        if "." not in mantissa:  # one significant digit: JavaScript writes "1e-7", no "."
            return [value]
    return []


def number_bug_cases() -> Iterator[Case]:
    """Credentials carrying numbers that hit the jsonld.js bug, one place at a time."""
    rng = random.Random(11)
    places: list[tuple[str, Callable[[Json, float], None]]] = [
        (
            "credits-available",
            lambda d, x: d["credentialSubject"]["achievement"].update(creditsAvailable=x),
        ),
        ("credits-earned", lambda d, x: d["credentialSubject"].update(creditsEarned=x)),
        ("untyped", lambda d, x: d.update({"https://example.org/v#measure": x})),
    ]
    for place, change in places:
        for value in (1e-7, -3e-9, 5e-324):
            document = credential(rng)
            change(document, value)
            yield Case(f"number-bug-{place}-{value!r}", document, "accept")
