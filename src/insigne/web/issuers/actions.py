"""State changes of the issuers context: organisations, staff, keys."""

from __future__ import annotations

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...core.keys import Ed25519Key
from ..accounts.models import User
from . import keystore
from .models import Invitation, Membership, Organisation, Role, SigningKey, Unit

INVITATION_DAYS = 14
# Paths under /organisations/ that are not organisations: a slug must never shadow them.
RESERVED_SLUGS = frozenset({"nouvelle", "invitations"})


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
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
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


class RefusedError(Exception):
    """An action the rules forbid. ``message`` says why, in words meant for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(str(message))
        self.message = message


class LastOwnerError(RefusedError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Une organisation garde toujours au moins une personne responsable : "
                "nommez d'abord une autre personne responsable."
            )
        )


class UnitInUseError(RefusedError):
    def __init__(self, badges: int) -> None:
        super().__init__(
            ngettext(
                "Cette unité ne peut pas être supprimée : %(count)d badge y est rattaché. "
                "Rattachez-le d'abord à une autre unité.",
                "Cette unité ne peut pas être supprimée : %(count)d badges y sont rattachés. "
                "Rattachez-les d'abord à une autre unité.",
                badges,
            )
            % {"count": badges}
        )


class InvitationRefusedError(RefusedError):
    """``reason`` is one of ``used``, ``expired``, ``email``."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@transaction.atomic
def update_organisation(
    organisation: Organisation,
    *,
    logo_png: bytes | None = None,
    remove_logo: bool = False,
    **fields: object,
) -> Organisation:
    """Change the profile fields given; a new logo replaces the old one."""
    for name, value in fields.items():
        setattr(organisation, name, value)
    if logo_png is not None:
        organisation.logo_png = logo_png
    elif remove_logo:
        organisation.logo_png = None
    organisation.save()
    return organisation


def add_unit(organisation: Organisation, name: str) -> Unit:
    return Unit.objects.create(organisation=organisation, name=name.strip())


def rename_unit(unit: Unit, name: str) -> Unit:
    unit.name = name.strip()
    unit.save(update_fields=["name"])
    return unit


@transaction.atomic
def delete_unit(unit: Unit) -> None:
    """Delete a unit that files no badge: deleting would silently unfile them."""
    badges = unit.badges.count()
    if badges:
        raise UnitInUseError(badges)
    unit.delete()


def _owners(organisation_id: int) -> list[int]:
    """The owners' membership ids, locked so that two requests cannot remove both."""
    return list(
        Membership.objects.select_for_update()
        .filter(organisation_id=organisation_id, role=Role.OWNER)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def change_role(membership: Membership, role: str) -> Membership:
    """Give a member another role; the last owner cannot stop being one."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    owners = _owners(membership.organisation_id)
    current = Membership.objects.select_for_update().get(pk=membership.pk)
    if current.role == Role.OWNER and role != Role.OWNER and owners == [current.pk]:
        raise LastOwnerError
    current.role = role
    current.save(update_fields=["role"])
    return current


@transaction.atomic
def remove_member(membership: Membership) -> None:
    """Take a person out of the organisation; the last owner cannot be removed."""
    owners = _owners(membership.organisation_id)
    current = Membership.objects.select_for_update().get(pk=membership.pk)
    if current.role == Role.OWNER and owners == [current.pk]:
        raise LastOwnerError
    current.delete()


def is_member(organisation: Organisation, email: str) -> bool:
    """Whether a member of ``organisation`` has ``email`` as account or verified address."""
    members = Membership.objects.filter(organisation=organisation)
    return members.filter(user__email__iexact=email).exists() or bool(
        EmailAddress.objects.filter(
            email__iexact=email, verified=True, user__memberships__organisation=organisation
        ).exists()
    )


@transaction.atomic
def send_invitation(
    organisation: Organisation, email: str, role: str, invited_by: User, language: str
) -> Invitation:
    """Invite ``email`` with ``role``; the e-mail, in ``language``, leaves once committed."""
    from .tasks import send_invitation_email

    invitation = invite(organisation, email, role, invited_by)
    pk = invitation.pk
    transaction.on_commit(lambda: send_invitation_email.enqueue(pk, language))
    return invitation


def cancel_invitation(invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).delete()


def invitation_problem(invitation: Invitation, user: User | None) -> InvitationRefusedError | None:
    """Why ``user`` cannot accept ``invitation`` now, or None if they can."""
    if invitation.accepted_at is not None:
        return InvitationRefusedError(
            "used",
            _("Cette invitation a déjà été utilisée. Une invitation ne sert qu'une fois."),
        )
    if invitation.expires_at <= timezone.now():
        return InvitationRefusedError(
            "expired",
            _(
                "Cette invitation a expiré. Demandez à une personne responsable de "
                "l'organisation de vous en envoyer une nouvelle."
            ),
        )
    if user is not None and not has_verified_email(user, invitation.email):
        return InvitationRefusedError(
            "email",
            _(
                "Cette invitation est adressée à %(email)s, qui n'est pas une adresse vérifiée "
                "de votre compte."
            )
            % {"email": invitation.email},
        )
    return None


def has_verified_email(user: User, email: str) -> bool:
    return bool(EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists())


@transaction.atomic
def join(invitation: Invitation, user: User) -> Membership:
    """Accept ``invitation`` for ``user``. Raises InvitationRefusedError when it cannot be.

    A person already in the organisation keeps their role: an invitation never demotes
    (and so can never take away the last owner).
    """
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    problem = invitation_problem(locked, user)
    if problem is not None:
        raise problem
    existing = Membership.objects.filter(organisation_id=locked.organisation_id, user=user).first()
    if existing is not None:
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["accepted_at"])
        return existing
    return accept_invitation(locked, user)
