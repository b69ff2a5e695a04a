"""XML Schema dateTimeStamp values as Verifiable Credentials use them.

Insigne writes ``YYYY-MM-DDThh:mm:ssZ`` and never rewrites a date that was signed: values are
parsed only to compare them with a clock.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

# VC Data Model 2.0, section 4.9: the dateTimeStamp lexical space.
_DATE_TIME_STAMP = re.compile(
    r"(-?(?:[1-9][0-9]{3,}|0[0-9]{3}))-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"T(?:([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(\.[0-9]+)?|(24):00:00(?:\.0+)?)"
    r"(Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))"
)


def parse(value: object) -> datetime | None:
    """The instant ``value`` names, or None if it is not a valid dateTimeStamp."""
    if not isinstance(value, str):
        return None
    match = _DATE_TIME_STAMP.fullmatch(value)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, midnight, zone = match.groups()
    try:
        moment = datetime(
            int(year), int(month), int(day),
            0 if midnight else int(hour), 0 if midnight else int(minute),
            0 if midnight else int(second),
            int(float(fraction) * 1_000_000) if fraction else 0,
            tzinfo=UTC,
        )  # fmt: skip
    except ValueError:  # 31 February, year 0 or beyond 9999
        return None
    if midnight:
        moment += timedelta(days=1)
    if zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        moment -= sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    return moment


def format_z(moment: datetime) -> str:
    """``YYYY-MM-DDThh:mm:ssZ`` in UTC, seconds precision."""
    if moment.tzinfo is None:
        raise ValueError("a date written into a credential must carry a time zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now() -> datetime:
    return datetime.now(UTC)
