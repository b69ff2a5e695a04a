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
    """The key behind ``method_id`` and who controls it, or MethodError.

    The controller a method names is only believed when the controller's own document
    lists the method: a document cannot hand its key to someone else.
    """
    if not isinstance(method_id, str) or not method_id:
        raise MethodError("the proof has no verificationMethod")
    base, _, fragment = method_id.partition("#")
    if base.startswith("did:key:") and not fragment:
        # A bare did:key names its only key (1EdTech's validator accepts this form).
        method_id = f"{base}#{base[len('did:key:') :]}"
    if base.startswith("did:key:"):
        return _did_key_method(method_id)
    if base.startswith("did:"):
        document = _did_document(base, fetcher)
        return _confirmed(_find(document, method_id), method_id, document, fetcher)
    if not base.startswith(("https://", "http://")):
        raise MethodError(f"unsupported verification method {method_id!r}")
    try:
        document = _http_document(base, fetcher)
    except MethodError as error:
        if fragment.startswith("z6Mk"):
            return _key_from_url(method_id, base, fragment, str(error))
        raise
    return _confirmed(_find(document, method_id), method_id, document, fetcher)


def _did_document(did_id: str, fetcher: Fetcher) -> dict[str, Any]:
    try:
        return did.resolve(did_id, fetcher)  # checks that the document's id is the DID
    except did.DidError as error:
        raise MethodError(str(error)) from error


def _http_document(url: str, fetcher: Fetcher) -> dict[str, Any]:
    try:
        response = fetcher(url)
        document = response.json() if response.status == 200 else None
    except (FetchError, ValueError, UnicodeDecodeError) as error:
        raise MethodError(str(error)) from error
    if not isinstance(document, dict):
        raise MethodError(f"{url} did not return a JSON document")
    served_as = document.get("id")
    if not isinstance(served_as, str) or served_as.partition("#")[0] != url:
        raise MethodError(f"the document served at {url} says it is {served_as!r}")
    return document


def _key_from_url(method_id: str, base: str, fragment: str, problem: str) -> VerificationMethod:
    try:
        key = decode_public_multikey(fragment)
    except KeyFormatError as error:
        raise MethodError(str(error)) from error
    note = f"key read from the method URL, not confirmed by the issuer ({problem})"
    return VerificationMethod(method_id, base, key, None, confirmed=False, note=note)


@lru_cache(maxsize=1024)
def _did_key_method(method_id: str) -> VerificationMethod:
    """did:key methods are derived from their own identifier, so they can be cached."""
    try:
        document = did.key_document(method_id.partition("#")[0])
    except did.DidError as error:
        raise MethodError(str(error)) from error
    return _confirmed(_find(document, method_id), method_id, document, no_fetch)


def no_fetch(url: str) -> Any:
    raise FetchError("did:key needs no fetching")


def _find(document: dict[str, Any], method_id: str) -> dict[str, Any]:
    doc_id = document.get("id")
    if document.get("id") == method_id and document.get("type") in _KEY_TYPES:
        return document
    for member in ("verificationMethod", "assertionMethod"):
        for entry in _as_list(document.get(member)):
            if isinstance(entry, dict) and _absolute(entry.get("id"), doc_id) == method_id:
                return entry
    raise MethodError(f"{method_id} is not listed in the document of {doc_id}")


def _lists_for_assertions(document: dict[str, Any], method_id: str) -> bool:
    """Does the controller document authorise ``method_id`` to make assertions?

    DID documents must say so in ``assertionMethod``; an issuer profile without an
    ``assertionMethod`` list authorises the keys in its ``verificationMethod`` list.
    """
    doc_id = document.get("id")
    members = ["assertionMethod"]
    if "assertionMethod" not in document and not str(doc_id).startswith("did:"):
        members.append("verificationMethod")
    for member in members:
        for entry in _as_list(document.get(member)):
            entry_id = entry.get("id") if isinstance(entry, dict) else entry
            if _absolute(entry_id, doc_id) == method_id:
                return True
    return False


def _confirmed(
    entry: dict[str, Any], method_id: str, document: dict[str, Any], fetcher: Fetcher
) -> VerificationMethod:
    controller = entry.get("controller")
    if not isinstance(controller, str):
        raise MethodError(f"{method_id} names no controller")
    public_key, jwk = _key_material(entry)
    source = document.get("id")
    if entry is document or controller != source:
        # The method names a controller other than the document it came from: only that
        # controller's own document can vouch for it.
        if controller.startswith("did:key:"):
            owner = did.key_document(controller)
        elif controller.startswith("did:"):
            owner = _did_document(controller, fetcher)
        elif controller.startswith(("https://", "http://")):
            owner = _http_document(controller, fetcher)
        else:
            raise MethodError(f"{method_id}: unsupported controller {controller!r}")
        if not _lists_for_assertions(owner, method_id):
            raise MethodError(f"{controller} does not list {method_id} among its keys")
        return VerificationMethod(method_id, controller, public_key, jwk, confirmed=True)
    if not _lists_for_assertions(document, method_id):
        raise MethodError(f"{controller} does not authorise {method_id} for assertions")
    return VerificationMethod(method_id, controller, public_key, jwk, confirmed=True)


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
