"""What an Open Badges 2.0 Assertion, BadgeClass and issuer Profile must hold, and when an
assertion is valid in time (OB 2.0 "Data validation" and "Verification")."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .. import dates
from ..outcome import FAIL, PASS, Report, check
from .documents import LABELS, host_of

OB2_CONTEXTS = ("https://w3id.org/openbadges/v2", "https://openbadgespec.org/v2/context.json")
_VOCABULARY = ("https://w3id.org/openbadges#", "obi:")
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")

Validator = Callable[[Any], bool]


def parse_date(value: object) -> datetime | None:
    """An OB 2.0 timestamp: ISO 8601 with a time zone (seconds may be left out)."""
    moment = dates.parse(value)
    if moment is not None or not isinstance(value, str):
        return moment
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def is_iri(value: Any) -> bool:
    return isinstance(value, str) and _IRI.fullmatch(value) is not None


def is_url(value: Any) -> bool:
    return host_of(value) is not None


def is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def is_node(value: Any) -> bool:
    """An IRI, or an embedded object whose id (if any) is an IRI or a blank node (``_:b0``)."""
    if not isinstance(value, dict):
        return is_iri(value)
    node_id = value.get("id")
    return node_id is None or is_iri(node_id) or (isinstance(node_id, str) and node_id[:2] == "_:")


def _image(value: Any) -> bool:
    if isinstance(value, dict):
        return is_iri(value.get("id"))
    return is_iri(value)  # a URL or a data: URI


def _criteria(value: Any) -> bool:
    if isinstance(value, dict):
        return is_iri(value.get("id")) or is_text(value.get("narrative"))
    return is_iri(value)


def _identity(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and is_text(value.get("identity"))
        and is_text(value.get("type"))
        and isinstance(value.get("hashed"), bool)
        and (value.get("salt") is None or isinstance(value["salt"], str))
    )


def _verification(value: Any) -> bool:
    return isinstance(value, dict) and is_text(value.get("type"))


def _alignment(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and is_text(value.get("targetName"))
        and is_url(value.get("targetUrl"))
    )


def _one_or_many(validator: Validator) -> Validator:
    def valid(value: Any) -> bool:
        items = value if isinstance(value, list) else [value]
        return all(validator(item) for item in items)

    return valid


def _date(value: Any) -> bool:
    return parse_date(value) is not None


def _of(kind: type) -> Validator:
    return lambda value: isinstance(value, kind)


TYPES = {"assertion": ("Assertion",), "badge": ("BadgeClass",), "issuer": ("Issuer", "Profile")}
REQUIRED: dict[str, dict[str, Validator]] = {
    "assertion": {"id": is_iri, "recipient": _identity, "badge": is_node,
                  "verification": _verification, "issuedOn": _date},
    "badge": {"id": is_iri, "name": is_text, "description": is_text, "image": _image,
              "criteria": _criteria, "issuer": is_node},
    "issuer": {"id": is_iri, "name": is_text, "url": is_url, "email": is_text},
}  # fmt: skip
OPTIONAL: dict[str, dict[str, Validator]] = {
    "assertion": {"expires": _date, "image": _image, "narrative": _of(str),
                  "evidence": _one_or_many(is_node), "revoked": _of(bool)},
    "badge": {"alignment": _one_or_many(_alignment), "tags": _one_or_many(_of(str))},
    "issuer": {"publicKey": _one_or_many(is_node), "revocationList": is_node,
               "verification": _of(dict), "image": _image, "telephone": _of(str),
               "description": _of(str)},
}  # fmt: skip


def verification_of(assertion: dict[str, Any]) -> Any:
    """The assertion's VerificationObject (``verify`` is the OB 1.1 name)."""
    return assertion.get("verification", assertion.get("verify"))


def has_type(document: dict[str, Any], names: tuple[str, ...]) -> bool:
    values = document.get("type")
    for value in values if isinstance(values, list) else [values]:
        if isinstance(value, str):
            short = next((value[len(p) :] for p in _VOCABULARY if value.startswith(p)), value)
            if short in names:
                return True
    return False


def context_check(document: dict[str, Any], kind: str, report: Report) -> bool:
    """The Open Badges 2.0 context must be among the document's ``@context`` values."""
    value = document.get("@context")
    values = value if isinstance(value, list) else [value]
    if any(item in OB2_CONTEXTS for item in values):
        return True
    fr, en = LABELS[kind]
    message = (
        f"{fr.capitalize()} n'est pas au format Open Badges 2.0.",
        f"{en.capitalize()} is not in the Open Badges 2.0 format.",
    )
    report(check(f"{kind}-context", FAIL, message, f"@context is {value!r}"))
    return False


def class_check(document: dict[str, Any], kind: str, report: Report) -> bool:
    """Type and properties of an Assertion ("assertion"), BadgeClass ("badge") or issuer."""
    problems = []
    if not has_type(document, TYPES[kind]):
        problems.append(f"type {document.get('type')!r} is not {' or '.join(TYPES[kind])}")
    values = dict(document)
    if kind == "assertion":
        values["verification"] = verification_of(document)
    for name, valid in REQUIRED[kind].items():
        if values.get(name) is None:
            problems.append(f"{name} is missing")
        elif not valid(values[name]):
            problems.append(f"{name} has an unexpected form: {values[name]!r}"[:200])
    for name, valid in OPTIONAL[kind].items():
        if name in values and not valid(values[name]):
            problems.append(f"{name} has an unexpected form: {values[name]!r}"[:200])
    fr, en = LABELS[kind]
    if problems:
        message = (
            f"Informations manquantes ou mal formées dans {fr}.",
            f"Missing or malformed information in {en}.",
        )
        report(check(f"{kind}-data", FAIL, message, "; ".join(problems)))
    else:
        message = (f"Contenu vérifié : {fr}.", f"Content checked: {en}.")
        report(check(f"{kind}-data", PASS, message, f"{TYPES[kind][0]} properties present"))
    return not problems


def dates_check(assertion: dict[str, Any], now: datetime, report: Report) -> None:
    """issuedOn must be past, expires (when given) future and after issuedOn."""
    issued = parse_date(assertion.get("issuedOn"))
    expires = parse_date(assertion.get("expires"))
    moment = dates.format_z(now)
    if issued is None:
        return  # already reported by class_check
    if issued > now:
        detail = f"issuedOn {assertion['issuedOn']} is after now ({moment})"
        report(check("dates", FAIL, _FUTURE, detail))
    elif expires is not None and expires < issued:
        detail = f"expires {assertion['expires']} is before issuedOn {assertion['issuedOn']}"
        report(check("dates", FAIL, _INCOHERENT, detail))
    elif expires is not None and expires <= now:
        detail = f"expired on {assertion['expires']} (now {moment})"
        report(check("dates", FAIL, _EXPIRED, detail))
    else:
        until = f", expires {assertion['expires']}" if expires is not None else ", no expiry"
        report(check("dates", PASS, _VALID, f"issued {assertion['issuedOn']}{until}"))


_FUTURE = ("Ce badge est daté dans le futur.", "This badge is dated in the future.")
_INCOHERENT = ("Ce badge expire avant d'avoir été délivré.", "This badge expires before its issue.")
_EXPIRED = ("Ce badge a expiré.", "This badge has expired.")
_VALID = ("Les dates du badge sont valides.", "The badge's dates are valid.")
