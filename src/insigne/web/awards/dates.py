"""Award dates as people type them (12/03/2025, 2025-03-12) and the instant an award carries."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

EARLIEST = date(1950, 1, 1)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?")
_FRENCH = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})")


def parse_date(text: str) -> date | None:
    """``dd/mm/yyyy`` (also with - or ., and two-digit years) or ``yyyy-mm-dd``; None if neither."""
    text = text.strip()
    try:
        if match := _ISO.fullmatch(text):
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day)
        if match := _FRENCH.fullmatch(text):
            day, month, year = (int(g) for g in match.groups())
            if len(match.group(3)) == 2:
                year += 2000
            return date(year, month, day)
    except ValueError:
        return None
    return None


def today() -> date:
    return timezone.localdate()


def awarded_at(day: date | None, now: datetime | None = None) -> datetime:
    """The instant of an award made on ``day``: noon in the platform's time zone (so the date
    reads the same in any zone), never later than now (a credential valid from the future
    would not verify yet). No day: now."""
    now = now or timezone.now()
    if day is None:
        return now
    noon = datetime.combine(day, time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))
    return min(noon, now)
