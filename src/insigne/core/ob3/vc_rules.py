"""VC Data Model 2.0 rules every credential follows, with the Open Badges narrowing when asked.

``check_envelope`` covers what OpenBadge, Endorsement and plain credentials share: @context,
id, type, validity dates, name and description, status, schemas, refresh, terms of use and
proofs. Under ``Checker(ob=True)`` it applies the OB 3.0 JSON Schema (OB context second,
``id`` and ``validFrom`` required, plain-string names, single status and refresh objects).
A VC 1.1 credential (``https://www.w3.org/2018/credentials/v1``) is read with a warning.
"""

from __future__ import annotations

from typing import Any

from .. import dates
from . import messages
from .formats import is_uri, ob_context_version
from .issues import Checker, pointer
from .shapes import Shape, check_kind, check_shape, items
from .vocabulary import OB_CONTEXT, OB_CONTEXT_VERSION, VC_V1_CONTEXT, VC_V2_CONTEXT

_BITSTRING_TYPES = frozenset({"BitstringStatusListEntry", "StatusList2021Entry"})
_PROOF = Shape(
    "Proof",
    required=("type",),
    members={
        "type": "string", "created": "datetime", "expires": "datetime",
        "verificationMethod": "uri", "cryptosuite": "string", "proofPurpose": "string",
        "proofValue": "string", "challenge": "string", "domain": "string", "nonce": "string",
    },
    typed=False,
)  # fmt: skip


def _service(cls: str, required: tuple[str, ...], type_kind: str) -> Shape:
    return Shape(cls, required, {"id": "uri", "type": type_kind}, typed=False)


# (VC 2.0 shape, OB 3.0 shape): OB types these as one IRI string and requires more ids.
_STATUS = (
    _service("CredentialStatus", ("type",), "type-names"),
    _service("CredentialStatus", ("id", "type"), "string"),
)
_SCHEMA = (
    _service("CredentialSchema", ("id", "type"), "type-names"),
    _service("CredentialSchema", ("id", "type"), "string"),
)
_REFRESH = (
    _service("RefreshService", ("type",), "type-names"),
    _service("RefreshService", ("id", "type"), "string"),
)
_TERMS = (
    _service("TermsOfUse", ("type",), "type-names"),
    _service("TermsOfUse", ("type",), "string"),
)


def check_envelope(
    c: Checker, doc: dict[str, Any], path: str, *, owner: str, needed: tuple[frozenset[str], ...]
) -> str:
    """Check what every credential shares; returns the VC version ("2.0", "1.1" or "")."""
    version = check_context(c, doc, path, owner)
    if "id" in doc:
        check_kind(c, doc["id"], path, "id", "uri")
    elif c.ob:
        c.error(pointer(path, "id"), "required", messages.required("id", owner))
    check_types(c, doc, path, owner, needed)
    check_validity(c, doc, path, owner, version)
    for name in ("name", "description"):
        if name in doc:
            check_kind(c, doc[name], path, name, "string" if c.ob else "text")
    shape = int(c.ob)
    for entry_path, entry in _single_or_list(c, doc, "credentialStatus", path):
        check_status(c, entry, entry_path, _STATUS[shape])
    for entry_path, entry in items(c, doc, "credentialSchema", path, compact=True):
        check_shape(c, entry, entry_path, _SCHEMA[shape])
    for entry_path, entry in _single_or_list(c, doc, "refreshService", path):
        check_shape(c, entry, entry_path, _REFRESH[shape])
    for entry_path, entry in items(c, doc, "termsOfUse", path, compact=True):
        check_shape(c, entry, entry_path, _TERMS[shape])
    for entry_path, entry in items(c, doc, "proof", path, compact=True):
        check_shape(c, entry, entry_path, _PROOF)
    return version


def check_context(c: Checker, doc: dict[str, Any], path: str, owner: str) -> str:
    """@context: VC 2.0 (or 1.1) first; for OB, an OB 3.0 context second."""
    here = pointer(path, "@context")
    value = doc.get("@context")
    if value is None:
        if "@context" in doc:
            c.error(here, "null", messages.null("@context"))
        else:
            c.error(here, "required", messages.required("@context", owner))
        return ""
    entries = [value] if isinstance(value, str) else value
    if not isinstance(entries, list) or not entries:
        c.error(here, "type", messages.kind("@context", "array"))
        return ""
    for index, entry in enumerate(entries):
        if not (isinstance(entry, dict) or is_uri(entry)):
            c.error(pointer(here, index), "format", messages.context_entry())
    first = entries[0]
    version = (
        {VC_V2_CONTEXT: "2.0", VC_V1_CONTEXT: "1.1"}.get(first, "")
        if isinstance(first, str)
        else ""
    )
    if not version:
        c.error(pointer(here, 0), "context", messages.context_first(VC_V2_CONTEXT))
    elif version == "1.1":
        c.warning(pointer(here, 0), "older-format", messages.older_vc_format())
    if c.ob:
        _check_ob_context(c, entries, here)
    return version


def _check_ob_context(c: Checker, entries: list[Any], here: str) -> None:
    for index, entry in enumerate(entries):
        version = ob_context_version(entry) if isinstance(entry, str) else None
        if version is None:
            continue
        if index != 1:
            c.error(pointer(here, index), "context-order", messages.context_ob_position())
        if version < OB_CONTEXT_VERSION:
            c.warning(pointer(here, index), "context-version", messages.context_ob_version(entry))
        return
    c.error(here, "context", messages.context_ob_missing(OB_CONTEXT))


def check_types(
    c: Checker, doc: dict[str, Any], path: str, owner: str, needed: tuple[frozenset[str], ...]
) -> None:
    """``type`` (one name or a set of names) includes one name of each set in ``needed``."""
    here = pointer(path, "type")
    value = doc.get("type")
    if value is None:
        if "type" in doc:
            c.error(here, "null", messages.null("type"))
        else:
            c.error(here, "required", messages.required("type", owner))
        return
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        c.error(here, "type", messages.kind("type", "array"))
        return
    for options in needed:
        if options.isdisjoint(names):
            expected = " / ".join(sorted(options, reverse=True))
            c.error(here, "class", messages.klass(owner, expected, exact=False))


def check_validity(c: Checker, doc: dict[str, Any], path: str, owner: str, version: str) -> None:
    """validFrom/validUntil (issuanceDate/expirationDate in VC 1.1) and their order."""
    start, end = (
        ("issuanceDate", "expirationDate") if version == "1.1" else ("validFrom", "validUntil")
    )
    if start not in doc and (c.ob or version == "1.1"):
        c.error(pointer(path, start), "required", messages.required(start, owner))
    for name in (start, end, "awardedDate") if c.ob else (start, end):
        if name in doc:
            check_kind(c, doc[name], path, name, "datetime")
    begins, ends = dates.parse(doc.get(start)), dates.parse(doc.get(end))
    if begins is not None and ends is not None and ends < begins:
        c.error(pointer(path, end), "date-order", messages.date_order(start, end))


def check_status(c: Checker, entry: object, path: str, shape: Shape) -> None:
    """A status entry; Bitstring entries also need their three members, index as a string."""
    node = check_shape(c, entry, path, shape)
    if node is None or not _is_bitstring_entry(node.get("type")):
        return
    for name in ("statusPurpose", "statusListIndex", "statusListCredential"):
        if name not in node:
            c.error(pointer(path, name), "required", messages.required(name, shape.cls))
    for name, kind in (("statusPurpose", "string"), ("statusListCredential", "uri")):
        if name in node:
            check_kind(c, node[name], path, name, kind)
    index = node.get("statusListIndex", "0")  # a missing index is reported above
    here = pointer(path, "statusListIndex")
    if isinstance(index, int) and not isinstance(index, bool) and index >= 0:
        # 1EdTech's own fixture does this and readers cope: worth fixing, not worth refusing.
        c.warning(here, "format", messages.status_index_number())
    elif not (isinstance(index, str) and index.isascii() and index.isdigit()):
        c.error(here, "format", messages.status_index_invalid())


def _is_bitstring_entry(kind: object) -> bool:
    return isinstance(kind, str) and kind in _BITSTRING_TYPES


def _single_or_list(
    c: Checker, doc: dict[str, Any], name: str, path: str
) -> list[tuple[str, object]]:
    # VC 2.0 allows one object or several; the OB 3.0 schema allows exactly one object.
    value = doc.get(name)
    if c.ob and isinstance(value, list):
        c.error(pointer(path, name), "type", messages.kind(name, "object"))
        return []
    if value is None and name not in doc:
        return []
    return items(c, doc, name, path, compact=True)
