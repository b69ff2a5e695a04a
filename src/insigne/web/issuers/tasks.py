"""Background work of the issuers context: the invitation e-mail."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ..background import task
from .models import Invitation


def invitation_email(invitation: Invitation, language: str) -> EmailMessage:
    """The plain-text invitation, in ``language`` (the inviting person's interface)."""
    with translation.override(language):
        context = {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": invitation.invited_by.display_name if invitation.invited_by else "",
            "role": invitation.get_role_display(),
            "url": settings.PUBLIC_URL
            + reverse("issuers:invitation", kwargs={"token": invitation.token}),
        }
        subject = render_to_string("issuers/email/invitation_subject.txt", context)
        body = render_to_string("issuers/email/invitation_message.txt", context)
    return EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=body.strip() + "\n",
        to=[invitation.email],
    )


@task()
def send_invitation_email(invitation_id: int, language: str) -> None:
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:  # cancelled or already accepted before the worker got to it
        return
    invitation_email(invitation, language).send()
