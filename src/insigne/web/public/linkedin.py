"""LinkedIn's two sharing forms, filled in for an award: "Add licence or certification" to the
member's profile, and a post sharing the badge page (whose Open Graph tags give the preview).
The member confirms both on LinkedIn; nothing is posted for them."""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils import timezone

from ..awards.models import Award

ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"
SHARE_OFFSITE = "https://www.linkedin.com/sharing/share-offsite/"


def add_to_profile_url(award: Award, page_url: str) -> str:
    """The certification form with the badge's name, its issuer (by LinkedIn organisation id
    when it has one, else by name), the month it was awarded and, when it expires, the month
    it expires (in the platform's time zone), its page and its identifier."""
    awarded = timezone.localtime(award.awarded_at)
    organisation = award.organisation
    params: dict[str, str | int] = {
        "startTask": "CERTIFICATION_NAME",
        "name": award.version.name,
    }
    if organisation.linkedin_organization_id:
        params["organizationId"] = organisation.linkedin_organization_id
    else:
        params["organizationName"] = organisation.name
    params["issueYear"] = awarded.year
    params["issueMonth"] = awarded.month
    if award.valid_until:
        until = timezone.localtime(award.valid_until)
        params["expirationYear"] = until.year
        params["expirationMonth"] = until.month
    params["certUrl"] = page_url
    params["certId"] = str(award.public_id)
    return f"{ADD_TO_PROFILE}?{urlencode(params)}"


def share_url(page_url: str) -> str:
    """A LinkedIn post about ``page_url``: only the address counts, LinkedIn reads the rest."""
    return f"{SHARE_OFFSITE}?{urlencode({'url': page_url})}"
