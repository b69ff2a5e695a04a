"""Finding the public key behind a proof's ``verificationMethod``, and who controls it.

Supported forms:
- ``did:key:z6Mk...#z6Mk...``: derived locally;
- ``did:web:...#fragment``: the DID document is fetched through the injected fetcher;
- an HTTPS URL: the document (a Multikey, a controller document or an issuer Profile with a
  ``verificationMethod`` list) is fetched through the injected fetcher;
- ``<issuer id>#z6Mk...`` as 1EdTech's validator reads it: the key is taken from the
  fragment. Nothing then confirms that the issuer published that key, so the binding is
  only ``confirmed`` when the issuer's document could be fetched and lists it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import did
from .fetch import Fetcher, FetchError
from .keys import KeyFormatError, decode_public_multikey, public_key_from_jwk


@dataclass(frozen=True)
class VerificationMethod:
    id: str
    controller: str | None
    public_key: bytes | None  # raw Ed25519 key, when the method is an Ed25519 Multikey
    jwk: dict[str, Any] | None
    confirmed: bool  # the controller's own document lists this method for assertions
    note: str = ""


class MethodError(ValueError):
    """The verification method cannot be resolved to a usable key."""


_KEY_TYPES = ("Multikey", "Ed25519VerificationKey2020", "JsonWebKey", "JsonWebKey2020")


def resolve_method(method_id: object, fetcher: Fetcher) -> VerificationMethod:
    if not isinstance(method_id, str) or not method_id:
        raise MethodError("the proof has no verificationMethod")
    base, _, fragment = method_id.partition("#")
    if base.startswith("did:key:") and not fragment:
        # A bare did:key names its only key (1EdTech's validator accepts this form).
        method_id = f"{base}#{base[len('did:key:') :]}"
    if base.startswith("did:key:"):
        return _did_key_method(method_id)
    if base.startswith("did:"):
        try:
            did_document = did.resolve(base, fetcher)
        except did.DidError as error:
            raise MethodError(str(error)) from error
        return _from_controller_document(did_document, method_id, is_did=True)
    if not base.startswith(("https://", "http://")):
        raise MethodError(f"unsupported verification method {method_id!r}")
    document: Any = None
    try:
        response = fetcher(base)
        document = response.json() if response.status == 200 else None
    except (FetchError, ValueError, UnicodeDecodeError) as error:
        fetch_problem = str(error)
    else:
        fetch_problem = f"{base} did not return a JSON document"
    if isinstance(document, dict):
        return _from_controller_document(document, method_id, is_did=False)
    if fragment.startswith("z6Mk"):
        try:
            key = decode_public_multikey(fragment)
        except KeyFormatError as error:
            raise MethodError(str(error)) from error
        note = f"key read from the method URL, not confirmed by the issuer ({fetch_problem})"
        return VerificationMethod(method_id, base, key, None, confirmed=False, note=note)
    raise MethodError(fetch_problem)


@lru_cache(maxsize=1024)
def _did_key_method(method_id: str) -> VerificationMethod:
    """did:key methods are derived from their own identifier, so they can be cached."""
    try:
        document = did.key_document(method_id.partition("#")[0])
    except did.DidError as error:
        raise MethodError(str(error)) from error
    return _from_controller_document(document, method_id, is_did=True)


def _from_controller_document(
    document: dict[str, Any], method_id: str, *, is_did: bool
) -> VerificationMethod:
    doc_id = document.get("id")
    candidate = None
    if document.get("id") == method_id and document.get("type") in _KEY_TYPES:
        candidate = document
    for entry in _as_list(document.get("verificationMethod")):
        if isinstance(entry, dict) and _absolute(entry.get("id"), doc_id) == method_id:
            candidate = entry
    if candidate is None:
        for entry in _as_list(document.get("assertionMethod")):
            if isinstance(entry, dict) and _absolute(entry.get("id"), doc_id) == method_id:
                candidate = entry
    if candidate is None:
        raise MethodError(f"{method_id} is not listed in its controller's document")
    controller = candidate.get("controller")
    if not isinstance(controller, str):
        raise MethodError(f"{method_id} names no controller")
    public_key, jwk = _key_material(candidate)
    if candidate is document:
        confirmed = True  # the method document itself was served at its URL
    else:
        listed = [
            _absolute(entry if isinstance(entry, str) else entry.get("id"), doc_id)
            for entry in _as_list(document.get("assertionMethod"))
            if isinstance(entry, (str, dict))
        ]
        confirmed = method_id in listed or (not is_did and "assertionMethod" not in document)
    return VerificationMethod(method_id, controller, public_key, jwk, confirmed)


def _key_material(entry: dict[str, Any]) -> tuple[bytes | None, dict[str, Any] | None]:
    kind = entry.get("type")
    try:
        if "publicKeyMultibase" in entry and kind in ("Multikey", "Ed25519VerificationKey2020"):
            return decode_public_multikey(entry["publicKeyMultibase"]), None
        if "publicKeyJwk" in entry:
            jwk = entry["publicKeyJwk"]
            public_key_from_jwk(jwk)
            return None, dict(jwk)
    except KeyFormatError as error:
        raise MethodError(f"{entry.get('id')}: {error}") from error
    raise MethodError(f"{entry.get('id')}: unsupported key type {kind!r}")


def _absolute(value: Any, doc_id: Any) -> Any:
    if isinstance(value, str) and value.startswith("#") and isinstance(doc_id, str):
        return doc_id + value
    return value


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
