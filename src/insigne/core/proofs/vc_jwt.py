"""Open Badges 3.0 credentials as JSON Web Tokens (OB 3.0, "JSON Web Token Proof Format").

The payload is the credential itself plus the registered claims ``iss`` (issuer id), ``jti``
(credential id), ``nbf`` (validFrom), ``exp`` (validUntil) and ``sub`` (credentialSubject.id).
Tokens of the VC Data Model 1.1 era carry the credential in a ``vc`` claim instead; they are
read, with a warning. Only the header members OB 3.0 allows are accepted: alg, kid, jwk, typ.

Where the verification key comes from, and what shows that it is the issuer's:
- ``kid`` naming a DID URL, or an HTTPS controller document or Multikey: resolved with
  ``insigne.core.methods``; the method's controller must be the issuer;
- ``kid`` naming an HTTPS JWK or JWK Set: the key is read there; it is the issuer's when it
  is published on the issuer's own host;
- any other ``kid``: looked up in the issuer's JWK Set at ``/.well-known/jwks.json``;
- ``jwk``: the key travels with the token. Only the issuer's JWK Set can show it is theirs,
  so when that set is unavailable or does not list the key, the result carries a warning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .. import dates
from ..fetch import Fetcher, FetchError, Response
from ..keys import Ed25519Key, KeyFormatError, PublicKey, public_key_from_jwk, public_key_to_jwk
from ..methods import MethodError, resolve_method
from ..outcome import FAIL, PASS, WARNING, Check, Outcome, Report, all_clear, check
from . import jws

ALLOWED_HEADER = ("alg", "kid", "jwk", "typ")
JWKS_PATH = "/.well-known/jwks.json"

_TEXT = {
    "token": ("Ce jeton n'est pas un badge signé lisible.",
              "This token is not a readable signed credential."),
    "vc-bad": ("Le contenu du badge est illisible.", "The badge content is unreadable."),
    "vc-legacy": ("Ce badge suit l'ancien format (Verifiable Credentials 1.1).",
                  "This badge uses the former format (Verifiable Credentials 1.1)."),
    "header-bad": ("L'en-tête du jeton contient des éléments non autorisés.",
                   "The token header holds members Open Badges does not allow."),
    "header-typ": ("Le type déclaré du jeton est inhabituel.",
                   "The token declares an unusual type."),
    "header-ok": ("L'en-tête du jeton est conforme.", "The token header is valid."),
    "no-key": ("Impossible de vérifier la signature : la clé de l'émetteur est introuvable.",
               "The signature cannot be checked: the issuer's key cannot be found."),
    "key-found": ("La clé de signature a été trouvée.", "The signing key was found."),
    "owner-pass": ("La clé appartient bien à l'émetteur.", "The key belongs to the issuer."),
    "owner-warning": ("Rien ne confirme que la clé de signature appartient à l'émetteur.",
                      "Nothing confirms that the signing key belongs to the issuer."),
    "owner-fail": ("La clé de signature n'appartient pas à l'émetteur.",
                   "The signing key does not belong to the issuer."),
    "wrong-key": ("La clé trouvée ne peut pas vérifier cette signature.",
                  "The key found cannot check this signature."),
    "signature-ok": ("La signature est valide.", "The signature is valid."),
    "signature-bad": ("La signature ne correspond pas : le badge a été modifié ou signé avec "
                      "une autre clé.",
                      "The signature does not match: the badge was changed or signed with "
                      "another key."),
    "claim-ok": ("Les informations du jeton concordent avec le badge.",
                 "The token's claims agree with the badge."),
    "claim-bad": ("Les informations du jeton ne concordent pas avec le badge.",
                  "The token's claims do not agree with the badge."),
    "claim-missing": ("Une information attendue manque dans le jeton.",
                      "An expected claim is missing from the token."),
    "not-yet": ("Ce badge n'est pas encore valide.", "This badge is not valid yet."),
    "expired": ("Ce badge a expiré.", "This badge has expired."),
}  # fmt: skip

# The messages of the nbf/exp checks that only compare with the clock (not with the
# credential's own dates): a caller that also checks validFrom/validUntil can drop these.
CLOCK_MESSAGES = frozenset(_TEXT[key] for key in ("not-yet", "expired"))

_PROVENANCE = {PASS: "owner-pass", WARNING: "owner-warning", FAIL: "owner-fail"}


def _check(name: str, state: Outcome, text: str, detail: str) -> Check:
    return check(name, state, _TEXT[text], detail)


@dataclass(frozen=True)
class JwtVerification:
    """What a VC-JWT said and how each check went.

    ``credential`` is the payload (or its ``vc`` claim for VC 1.1 tokens), None when the token
    could not be read. ``key_source`` is one of "jwk-header", "kid-method", "kid-jwk",
    "kid-jwks", "issuer-jwks", or None when no key was found.
    """

    credential: dict[str, Any] | None
    header: dict[str, Any] | None
    signature_valid: bool
    key_source: str | None
    checks: tuple[Check, ...]
    legacy_vc_claim: bool = False

    @property
    def verified(self) -> bool:
        return self.signature_valid and all_clear(self.checks)


def issuer_id(credential: dict[str, Any]) -> str | None:
    """The issuer's id, whether ``issuer`` is a string or a Profile object."""
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) and issuer else None


def subject_ids(credential: dict[str, Any]) -> list[str]:
    subjects = credential.get("credentialSubject")
    subjects = subjects if isinstance(subjects, list) else [subjects]
    return [s["id"] for s in subjects if isinstance(s, dict) and isinstance(s.get("id"), str)]


def jwt_claims(credential: dict[str, Any]) -> dict[str, Any]:
    """The registered claims OB 3.0 derives from ``credential``.

    Raises ValueError when the credential has no issuer id, no id, no valid ``validFrom``,
    or an unreadable ``validUntil``.
    """
    issuer = issuer_id(credential)
    if issuer is None:
        raise ValueError("the credential has no issuer id")
    if not isinstance(credential.get("id"), str):
        raise ValueError("the credential has no id")
    start = dates.parse(credential.get("validFrom"))
    if start is None:
        raise ValueError("validFrom is missing or is not a dateTimeStamp")
    claims: dict[str, Any] = {"iss": issuer, "jti": credential["id"], "nbf": _numeric(start)}
    if "validUntil" in credential:
        end = dates.parse(credential["validUntil"])
        if end is None:
            raise ValueError("validUntil is not a dateTimeStamp")
        claims["exp"] = _numeric(end)
    subjects = subject_ids(credential)
    if len(subjects) == 1:
        claims["sub"] = subjects[0]
    return claims


def sign_credential(
    credential: dict[str, Any],
    key: jws.SigningKey,
    *,
    kid: str | None = None,
    embed_jwk: bool = False,
) -> str:
    """The credential as a compact JWS: its JSON unchanged, plus the OB 3.0 claims.

    The header names the key by ``kid`` (a URL that resolves to it) and/or carries the
    public key as ``jwk``. Raises ValueError if neither is asked for, if the credential lacks
    what the claims are made from (see ``jwt_claims``) or already holds a claim with another
    value; JwsError for an unsupported key.
    """
    if kid is None and not embed_jwk:
        raise ValueError("name the key with kid or embed it with embed_jwk=True")
    claims = jwt_claims(credential)
    clashes = [name for name in claims if name in credential and credential[name] != claims[name]]
    if clashes:
        raise ValueError(f"the credential already holds different {', '.join(clashes)}")
    header: dict[str, Any] = {"typ": "JWT"}
    if kid is not None:
        header["kid"] = kid
    if embed_jwk:
        header["jwk"] = key.public_jwk() if isinstance(key, Ed25519Key) else _jwk_of(key)
    payload = json.dumps({**credential, **claims}, ensure_ascii=False, separators=(",", ":"))
    return jws.sign_compact(payload.encode("utf-8"), key, header=header)


def _jwk_of(key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey) -> dict[str, str]:
    jws.algorithm_for(key)  # refuses curves other than P-256 and short RSA keys
    return public_key_to_jwk(key.public_key())


def verify_credential_jwt(token: str, *, fetcher: Fetcher, now: datetime) -> JwtVerification:
    """Verify a VC-JWT: framing, header, key, signature, then claims against the credential.

    Never raises on bad input: an unreadable token, an unknown key or a fetch error is
    reported in the checks. ``now`` (aware) is the instant validity is judged at.
    """
    try:
        decoded = jws.decode(token.strip() if isinstance(token, str) else token)
        payload = decoded.payload_json()
    except jws.JwsError as error:
        return JwtVerification(
            None, None, False, None, (_check("token", FAIL, "token", str(error)),)
        )
    checks: list[Check] = []
    credential, legacy = payload, False
    if isinstance(payload.get("vc"), dict):
        credential, legacy = payload["vc"], True
        detail = "the credential is in the vc claim (VC Data Model 1.1 JWT), not the payload"
        checks.append(_check("vc", WARNING, "vc-legacy", detail))
    elif "vc" in payload:
        checks.append(_check("vc", FAIL, "vc-bad", "the vc claim is not a JSON object"))
    checks.append(_header_check(decoded.header))
    key, source = _obtain_key(decoded.header, issuer_id(credential), fetcher, checks.append)
    valid = key is not None and _signature_check(decoded, key, checks.append)
    # VC 1.1 JWTs map nbf and exp to issuanceDate and expirationDate.
    starts, ends = ["validFrom", "issuanceDate"], ["validUntil", "expirationDate"]
    if legacy:
        starts, ends = starts[::-1], ends[::-1]
    checks += [
        *_identity_checks(payload, credential),
        _start_check(payload, credential, starts, now),
    ]
    checks.append(_end_check(payload, credential, ends, now))
    return JwtVerification(credential, decoded.header, valid, source, tuple(checks), legacy)


def _header_check(header: dict[str, Any]) -> Check:
    extra = sorted(set(header) - set(ALLOWED_HEADER))
    if extra:
        detail = f"header members not allowed by OB 3.0: {', '.join(extra)}"
        return _check("header", FAIL, "header-bad", detail)
    if header.get("typ", "JWT") != "JWT":
        detail = f"typ is {header.get('typ')!r}, OB 3.0 uses 'JWT'"
        return _check("header", WARNING, "header-typ", detail)
    return _check("header", PASS, "header-ok", f"alg {header['alg']}")


def _obtain_key(
    header: dict[str, Any], issuer: str | None, fetcher: Fetcher, report: Report
) -> tuple[PublicKey | None, str | None]:
    if "kid" in header:
        return _key_from_kid(header["kid"], issuer, fetcher, report)
    if "jwk" in header:
        key = _usable(header["jwk"], "the header jwk", report)
        if key is None:
            return None, None
        report(_check("key", PASS, "key-found", "public key taken from the JOSE header jwk"))
        entries, where = _issuer_jwks(issuer, fetcher)
        if any(_same_key(entry, key) for entry in entries):
            report(_owner(PASS, f"the header jwk is listed in {where}"))
        else:
            report(
                _owner(WARNING, f"the key came with the token; no JWK Set confirms it ({where})")
            )
        return key, "jwk-header"
    report(_check("key", FAIL, "no-key", "the JOSE header has neither kid nor jwk"))
    return None, None


def _owner(state: Outcome, detail: str) -> Check:
    return _check("key-provenance", state, _PROVENANCE[state], detail)


def _key_from_kid(
    kid: Any, issuer: str | None, fetcher: Fetcher, report: Report
) -> tuple[PublicKey | None, str | None]:
    if not isinstance(kid, str) or not kid:
        report(_check("key", FAIL, "no-key", "kid is not a non-empty string"))
        return None, None
    web = kid.startswith(("https://", "http://"))
    if web:
        base = kid.partition("#")[0]
        response, document, _ = _fetch_json(base, fetcher)
        if isinstance(document, dict) and ("kty" in document or "keys" in document):
            return _key_from_jwk_document(kid, document, issuer, report)
        if response is not None:  # hand the document already fetched to the resolver
            fetcher = _with_response(fetcher, base, response)
    if web or kid.startswith("did:"):
        return _key_from_method(kid, issuer, fetcher, report)
    entries, where = _issuer_jwks(issuer, fetcher)
    matches = [entry for entry in entries if entry.get("kid") == kid]
    if not matches:
        detail = f"kid {kid!r} is not a URL and is not in the issuer's JWK Set ({where})"
        report(_check("key", FAIL, "no-key", detail))
        return None, None
    key = _usable(matches[0], f"key {kid!r} of {where}", report)
    if key is not None:
        report(_check("key", PASS, "key-found", f"kid {kid!r} found in {where}"))
        report(_owner(PASS, f"the key is listed in the issuer's JWK Set {where}"))
    return key, "issuer-jwks" if key is not None else None


def _key_from_jwk_document(
    kid: str, document: dict[str, Any], issuer: str | None, report: Report
) -> tuple[PublicKey | None, str | None]:
    source, jwk = "kid-jwk", document
    if "keys" in document:
        fragment = kid.partition("#")[2]
        keys = document["keys"] if isinstance(document["keys"], list) else []
        entries = [entry for entry in keys if isinstance(entry, dict)]
        chosen = [e for e in entries if e.get("kid") and e.get("kid") in (kid, fragment)]
        if not chosen and len(entries) == 1 and "kid" not in entries[0]:
            chosen = entries  # a set of one unnamed key
        if not chosen:
            report(_check("key", FAIL, "no-key", f"the JWK Set at {kid} has no such key"))
            return None, None
        source, jwk = "kid-jwks", chosen[0]
    key = _usable(jwk, kid, report)
    if key is None:
        return None, None
    report(_check("key", PASS, "key-found", f"public key read from {kid}"))
    if issuer is not None and _host(kid) is not None and _host(kid) == _host(issuer):
        report(_owner(PASS, f"{kid} is published on the issuer's host"))
    else:
        report(_owner(WARNING, f"{kid} is not on the host of the issuer id {issuer}"))
    return key, source


def _key_from_method(
    kid: str, issuer: str | None, fetcher: Fetcher, report: Report
) -> tuple[PublicKey | None, str | None]:
    try:
        method = resolve_method(kid, fetcher)
        if method.public_key is not None:
            key: PublicKey = Ed25519PublicKey.from_public_bytes(method.public_key)
        else:
            key = public_key_from_jwk(method.jwk)
    except (MethodError, KeyFormatError, ValueError, RecursionError) as error:
        report(_check("key", FAIL, "no-key", f"{kid}: {error}"))
        return None, None
    report(_check("key", PASS, "key-found", f"verification method {kid}"))
    if method.controller != issuer:
        report(_owner(FAIL, f"{kid} is controlled by {method.controller}, not {issuer}"))
    elif not method.confirmed:
        report(_owner(WARNING, method.note or f"{issuer} does not list {kid} for assertions"))
    else:
        report(_owner(PASS, f"{kid} is controlled by the issuer {issuer}"))
    return key, "kid-method"


def _usable(jwk: Any, where: str, report: Report) -> PublicKey | None:
    try:
        return public_key_from_jwk(jwk)
    except KeyFormatError as error:
        report(_check("key", FAIL, "no-key", f"{where} is unusable: {error}"))
        return None


def _issuer_jwks(issuer: str | None, fetcher: Fetcher) -> tuple[list[dict[str, Any]], str]:
    """The entries of the issuer's JWK Set, and where they were looked for (or why not)."""
    host = _host(issuer) if issuer is not None and issuer.startswith("https://") else None
    if host is None:
        return [], f"issuer id {issuer!r} is not an https URL, so it has no JWK Set"
    url = f"https://{host}{JWKS_PATH}"
    _, document, problem = _fetch_json(url, fetcher)
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        return [], problem or f"{url} is not a JWK Set"
    return [entry for entry in document["keys"] if isinstance(entry, dict)], url


def _same_key(entry: dict[str, Any], key: PublicKey) -> bool:
    try:
        return public_key_to_jwk(public_key_from_jwk(entry)) == public_key_to_jwk(key)
    except KeyFormatError:
        return False


def _fetch_json(url: str, fetcher: Fetcher) -> tuple[Response | None, Any, str]:
    try:
        response = fetcher(url)
    except FetchError as error:
        return None, None, f"{url} could not be fetched: {error}"
    if response.status != 200:
        return None, None, f"{url} answered HTTP {response.status}"
    try:
        return response, response.json(), ""
    except (ValueError, UnicodeDecodeError, RecursionError):
        return response, None, f"{url} did not return JSON"


def _with_response(fetcher: Fetcher, url: str, response: Response) -> Fetcher:
    def fetch(requested: str) -> Response:
        return response if requested == url else fetcher(requested)

    return fetch


def _signature_check(decoded: jws.DecodedJws, key: PublicKey, report: Report) -> bool:
    try:
        valid = jws.verify_signature(decoded, key)
    except jws.JwsError as error:
        report(_check("signature", FAIL, "wrong-key", str(error)))
        return False
    if valid:
        report(_check("signature", PASS, "signature-ok", f"{decoded.alg} signature verified"))
    else:
        report(_check("signature", FAIL, "signature-bad", f"{decoded.alg} verification failed"))
    return valid


def _identity_checks(payload: dict[str, Any], credential: dict[str, Any]) -> list[Check]:
    issuer, iss = issuer_id(credential), payload.get("iss")
    if iss is not None and iss == issuer:
        iss_check = _check("iss", PASS, "claim-ok", f"iss is the issuer id {issuer}")
    else:
        iss_check = _check("iss", FAIL, "claim-bad", f"iss {iss!r} is not the issuer {issuer!r}")
    jti, credential_id = payload.get("jti"), credential.get("id")
    if jti is None:
        jti_check = _check("jti", WARNING, "claim-missing", "the token has no jti claim")
    elif jti == credential_id:
        jti_check = _check("jti", PASS, "claim-ok", f"jti is the credential id {jti}")
    else:
        detail = f"jti {jti!r} is not the credential id {credential_id!r}"
        jti_check = _check("jti", FAIL, "claim-bad", detail)
    sub, subjects = payload.get("sub"), subject_ids(credential)
    if sub is None:  # 1EdTech's own tokens omit it
        sub_check = _check("sub", PASS, "claim-ok", "no sub claim (optional)")
    elif sub in subjects:
        sub_check = _check("sub", PASS, "claim-ok", f"sub is the credentialSubject id {sub}")
    elif not subjects:
        detail = f"sub {sub!r} but the credentialSubject has no id"
        sub_check = _check("sub", WARNING, "claim-missing", detail)
    else:
        sub_check = _check("sub", FAIL, "claim-bad", f"sub {sub!r} is not one of {subjects}")
    return [iss_check, jti_check, sub_check]


def _member(credential: dict[str, Any], names: list[str]) -> tuple[str, Any]:
    """The first of ``names`` the credential has, and its value."""
    name = next((name for name in names if name in credential), names[0])
    return name, credential.get(name)


def _start_check(
    payload: dict[str, Any], credential: dict[str, Any], names: list[str], now: datetime
) -> Check:
    member, text = _member(credential, names)
    nbf, start = payload.get("nbf"), _timestamp(text)
    problem = _consistency("nbf", nbf, member, text, start)
    if problem:
        return _check("nbf", FAIL, "claim-bad", problem)
    begins = [t for t in (nbf, start) if t is not None]
    if not begins:
        return _check("nbf", FAIL, "claim-bad", f"neither {member} nor nbf says when it starts")
    if max(begins) > now.timestamp():
        detail = f"valid from {text or nbf}, now is {dates.format_z(now)}"
        return _check("nbf", FAIL, "not-yet", detail)
    if nbf is None:
        return _check("nbf", WARNING, "claim-missing", "the token has no nbf claim")
    return _check("nbf", PASS, "claim-ok", f"nbf matches {member} {text}, which is past")


def _end_check(
    payload: dict[str, Any], credential: dict[str, Any], names: list[str], now: datetime
) -> Check:
    member, text = _member(credential, names)
    exp, end = payload.get("exp"), _timestamp(text)
    problem = _consistency("exp", exp, member, text, end)
    if problem:
        return _check("exp", FAIL, "claim-bad", problem)
    deadlines = [t for t in (exp, end) if t is not None]
    if deadlines and min(deadlines) <= now.timestamp():
        detail = f"valid until {text or exp}, now is {dates.format_z(now)}"
        return _check("exp", FAIL, "expired", detail)
    if exp is not None and end is None:
        return _check("exp", FAIL, "claim-bad", f"exp {exp} but the credential has no {member}")
    if exp is None and end is not None:
        return _check("exp", WARNING, "claim-missing", f"{member} {text} but no exp claim")
    return _check("exp", PASS, "claim-ok", f"valid until {text}" if text else "no expiry")


def _consistency(
    claim: str, value: Any, member: str, text: Any, moment: float | None
) -> str | None:
    """Why a NumericDate claim and the credential's date disagree, or None if they do not."""
    if value is not None and (not isinstance(value, (int, float)) or isinstance(value, bool)):
        return f"{claim} {value!r} is not a NumericDate"
    if text is not None and moment is None:
        return f"{member} {text!r} is not a dateTimeStamp"
    if value is not None and moment is not None and abs(value - moment) >= 1:
        return f"{claim} {value} is not {member} {text}"
    return None


def _timestamp(text: Any) -> float | None:
    moment = dates.parse(text)
    return moment.timestamp() if moment is not None else None


def _numeric(moment: datetime) -> int:
    return int(moment.timestamp() // 1)


def _host(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts.netloc.lower()
