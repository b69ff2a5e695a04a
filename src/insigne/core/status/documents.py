"""The JSON an issuer writes for Bitstring Status List: the entry placed in each credential
and the (unsigned) list credential published at the list URL.

The writer only produces the two purposes Insigne acts on: ``revocation`` (final) and
``suspension`` (reversible). Values are checked here so that nothing a strict verifier
refuses is ever signed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .. import dates

VC_V2 = "https://www.w3.org/ns/credentials/v2"
WRITABLE_PURPOSES = ("revocation", "suspension")


def status_entry(list_url: str, index: int, purpose: str) -> dict[str, Any]:
    """The ``credentialStatus`` entry for the credential at ``index`` of the list.

    ``statusListIndex`` is written as a string, as the specification requires. Raises
    ValueError for a list URL with a fragment, a negative index or another purpose.
    """
    _check_list_url(list_url)
    _check_purpose(purpose)
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise ValueError(f"statusListIndex must be a non-negative integer, not {index!r}")
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def list_credential(
    *,
    list_url: str,
    issuer: str | dict[str, Any],
    purpose: str,
    encoded_list: str,
    valid_from: datetime | str,
    valid_until: datetime | str | None = None,
    ttl: int | None = None,
) -> dict[str, Any]:
    """An unsigned ``BitstringStatusListCredential`` (VC Data Model 2.0).

    ``encoded_list`` is ``StatusList.encode()``; dates are aware datetimes (written as
    ``YYYY-MM-DDThh:mm:ssZ``) or dateTimeStamp strings kept as given; ``ttl`` is in
    milliseconds. Raises ValueError on a value a verifier would reject.
    """
    _check_list_url(list_url)
    _check_purpose(purpose)
    if not isinstance(encoded_list, str) or not encoded_list.startswith("u"):
        raise ValueError("encoded_list must be the multibase base64url text (prefix 'u')")
    credential: dict[str, Any] = {
        "@context": [VC_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
    }
    start_text, start = _date(valid_from, "valid_from")
    credential["validFrom"] = start_text
    if valid_until is not None:
        end_text, end = _date(valid_until, "valid_until")
        if end <= start:
            raise ValueError("valid_until must come after valid_from")
        credential["validUntil"] = end_text
    subject: dict[str, Any] = {
        "id": f"{list_url}#list",
        "type": "BitstringStatusList",
        "statusPurpose": purpose,
        "encodedList": encoded_list,
    }
    if ttl is not None:
        if isinstance(ttl, bool) or not isinstance(ttl, int) or ttl < 0:
            raise ValueError(f"ttl is a non-negative number of milliseconds, not {ttl!r}")
        subject["ttl"] = ttl
    credential["credentialSubject"] = subject
    return credential


def _check_list_url(list_url: str) -> None:
    # Entries are named "<list URL>#<index>", so the list URL itself carries no fragment.
    if not isinstance(list_url, str) or not list_url or "#" in list_url:
        raise ValueError(f"the status list URL must be a URL without fragment, not {list_url!r}")


def _check_purpose(purpose: str) -> None:
    if purpose not in WRITABLE_PURPOSES:
        raise ValueError(f"statusPurpose must be one of {WRITABLE_PURPOSES}, not {purpose!r}")


def _date(value: datetime | str, name: str) -> tuple[str, datetime]:
    """The text to write for ``value`` and the instant it names."""
    text = dates.format_z(value) if isinstance(value, datetime) else value
    instant = dates.parse(text)
    if instant is None:
        raise ValueError(f"{name} {value!r} is not an XSD dateTimeStamp")
    return text, instant
