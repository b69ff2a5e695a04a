"""What OpenBadgeCredential and EndorsementCredential share: @context, types, validity dates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from .. import dates
from .construction import require_date, require_text, require_types, require_uri
from .formats import ob_context_version
from .vocabulary import EXTENSION_TYPES, OB_CONTEXT, OB_EXTENSIONS_CONTEXT, VC_V2_CONTEXT

Context = Sequence[str | Mapping[str, Any]]


def resolve_context(owner: str, context: Context | None, used_types: Iterable[str]) -> Context:
    """The @context to write: the default when None, else ``context`` after checking it.

    The default is VC 2.0 + OB 3.0.3, plus the OB extensions context when a 1EdTech status,
    refresh or schema type is used (those types are undefined without it).
    """
    needs_extensions = not EXTENSION_TYPES.isdisjoint(used_types)
    if context is None:
        default = (VC_V2_CONTEXT, OB_CONTEXT)
        return (*default, OB_EXTENSIONS_CONTEXT) if needs_extensions else default
    context = tuple(context)
    if not context or context[0] != VC_V2_CONTEXT:
        raise ValueError(f"{owner}.context must start with {VC_V2_CONTEXT}")
    if len(context) < 2 or not isinstance(context[1], str) or not ob_context_version(context[1]):
        raise ValueError(f"{owner}.context must have an OB 3.0 context second ({OB_CONTEXT})")
    if needs_extensions and OB_EXTENSIONS_CONTEXT not in context:
        raise ValueError(f"{owner}.context must include {OB_EXTENSIONS_CONTEXT} for 1EdTech types")
    return context


def check_envelope(
    owner: str,
    *,
    credential_id: str,
    name: str,
    types: Sequence[str],
    kind: frozenset[str],
    valid_from: str | datetime,
    valid_until: str | datetime | None,
    awarded_date: str | datetime | None,
) -> None:
    """Id, name, type and dates of a credential; ``validUntil`` may not precede ``validFrom``."""
    require_uri(owner, "id", credential_id)
    require_text(owner, "name", name)
    require_types(owner, types, frozenset({"VerifiableCredential"}), kind)
    require_date(owner, "validFrom", valid_from)
    require_date(owner, "validUntil", valid_until)
    require_date(owner, "awardedDate", awarded_date)
    if valid_until is not None and _instant(valid_until) < _instant(valid_from):
        raise ValueError(f"{owner}.validUntil is before validFrom")


def _instant(value: str | datetime) -> datetime:
    moment = value if isinstance(value, datetime) else dates.parse(value)
    if moment is None:  # pragma: no cover - require_date refused it already
        raise ValueError(f"not a date-time: {value!r}")
    return moment
