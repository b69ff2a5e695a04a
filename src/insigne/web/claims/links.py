"""The address participants open, printed on posters and in QR codes."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from .models import ClaimLink


def event_url(link: ClaimLink) -> str:
    return f"{settings.PUBLIC_URL}{reverse('claims:event', args=[link.token])}"
