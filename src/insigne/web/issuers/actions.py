"""State changes of the issuers context: organisations, staff, keys."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ...core.keys import Ed25519Key
from ..accounts.models import User
from . import keystore
from .models import Invitation, Membership, Organisation, Role, SigningKey

INVITATION_DAYS = 14


@transaction.atomic
def create_organisation(owner: User, **fields: object) -> Organisation:
    """A new organisation with ``owner`` as owner and a fresh signing key."""
    name = str(fields.get("name", ""))
    fields.setdefault("slug", unique_slug(name))
    organisation = Organisation.objects.create(**fields)
    Membership.objects.create(organisation=organisation, user=owner, role=Role.OWNER)
    rotate_key(organisation)
    return organisation


def unique_slug(name: str) -> str:
    base = slugify(name)[:50] or "organisation"
    slug, counter = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


@transaction.atomic
def rotate_key(organisation: Organisation) -> SigningKey:
    """Retire the active key (it stays published) and make a new one the signing key."""
    now = timezone.now()
    SigningKey.objects.select_for_update().filter(
        organisation=organisation, retired_at__isnull=True
    ).update(retired_at=now)
    key = Ed25519Key.generate()
    return SigningKey.objects.create(
        organisation=organisation,
        public_multibase=key.public_multibase,
        encrypted_secret=keystore.seal(key, organisation.pk),
    )


def active_key(organisation: Organisation) -> tuple[SigningKey, Ed25519Key]:
    record = SigningKey.objects.get(organisation=organisation, retired_at__isnull=True)
    return record, keystore.open_sealed(bytes(record.encrypted_secret), organisation.pk)


@transaction.atomic
def invite(organisation: Organisation, email: str, role: str, invited_by: User) -> Invitation:
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True
    ).delete()
    return Invitation.objects.create(
        organisation=organisation,
        email=email.strip().lower(),
        role=role,
        token=secrets.token_urlsafe(32),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership
