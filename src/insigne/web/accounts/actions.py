"""State changes of the accounts context: the account's details, keeping a badge from its
claim link, gathering the badges sent to the account's addresses, and deleting the account."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.deletion import ProtectedError, RestrictedError
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ...core.identity import normalize_email
from ..awards.models import Award
from ..issuers.models import Membership, Organisation, Role
from . import erasure, holdings
from .models import User


def update_account(user: User, *, first_name: str, last_name: str, language: str) -> User:
    """Change a person's name and the language the platform writes to them in."""
    if language not in dict(User._meta.get_field("language").choices or ()):
        raise ValueError(f"unknown language {language!r}")
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.language = language
    user.save(update_fields=["first_name", "last_name", "language"])
    return user


class RefusedError(Exception):
    """An action the rules forbid. ``message`` says why, in words meant for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class KeepRefusedError(RefusedError):
    """``reason`` is ``held`` (another account holds the badge) or ``erased``."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def attach_awards(user: User, addresses: list[str] | None = None) -> int:
    """Put in ``user``'s backpack the awards sent to ``addresses`` (by default: every verified
    address of the account) that nobody holds yet. Returns how many joined."""
    chosen = holdings.verified_addresses(user) if addresses is None else addresses
    if not chosen:
        return 0
    when = Coalesce(F("claimed_at"), Value(timezone.now()))
    return holdings.unheld_awards_sent_to(chosen).update(learner=user, claimed_at=when)


@transaction.atomic
def keep_award(user: User, award: Award) -> Award:
    """Put ``award`` in ``user``'s backpack, for someone who opened its claim link.

    The link was sent to the recipient's address, so holding it shows access to that mailbox:
    the address joins the account as verified (unless another account has it), and the other
    badges sent to it join the backpack too. Raises KeepRefusedError when another account
    already holds the award or when it was erased.
    """
    locked = Award.objects.select_for_update().get(pk=award.pk)
    if locked.erased_at is not None:
        raise KeepRefusedError(
            "erased", _("Ce badge a été supprimé à la demande de son titulaire.")
        )
    if locked.learner_id is not None and locked.learner_id != user.pk:
        raise KeepRefusedError(
            "held",
            _(
                "Ce badge est déjà gardé dans un autre compte Insigne. Connectez-vous avec ce "
                "compte pour le retrouver."
            ),
        )
    if locked.learner_id is None:
        locked.learner = user
        locked.claimed_at = locked.claimed_at or timezone.now()
        locked.save(update_fields=["learner", "claimed_at"])
    address = _take_address(user, locked.recipient_email)
    if address is not None:
        attach_awards(user, [address])
    return locked


def address_elsewhere(user: User, email: str) -> bool:
    """Whether another account has ``email`` (verified or not)."""
    email = normalize_email(email)
    if EmailAddress.objects.filter(email__iexact=email).exclude(user=user).exists():
        return True
    return User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists()


def _take_address(user: User, email: str) -> str | None:
    """Add ``email`` to the account as verified, unless another account has it. Returns the
    address when the account now has it verified."""
    email = normalize_email(email)
    if not email or address_elsewhere(user, email):
        return None
    own = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if own is None:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=False)
    elif not own.verified:
        own.verified = True
        own.save(update_fields=["verified"])
    return email


class SoleOwnerError(RefusedError):
    """The account is the only owner of organisations, which would be left without one."""

    def __init__(self, organisations: list[Organisation]) -> None:
        names = ", ".join(f"« {o.name} »" for o in organisations)
        super().__init__(
            _(
                "Vous êtes la seule personne responsable de %(names)s. Nommez d'abord une autre "
                "personne responsable dans l'équipe, puis revenez supprimer votre compte."
            )
            % {"names": names}
        )
        self.organisations = organisations


def sole_owned(user: User) -> list[Organisation]:
    """The organisations that ``user`` is the only owner of."""
    owned = Membership.objects.filter(user=user, role=Role.OWNER).values("organisation_id")
    others = (
        Membership.objects.filter(organisation_id__in=owned, role=Role.OWNER)
        .exclude(user=user)
        .values("organisation_id")
    )
    return list(Organisation.objects.filter(pk__in=owned).exclude(pk__in=others).order_by("name"))


@transaction.atomic
def delete_account(user: User) -> int:
    """Erase the account and the personal data of its badges. Returns how many awards were
    erased.

    Each award held by the account, or sent to one of its verified addresses and held by
    nobody, keeps only what the issuer's records need (organisation, badge, dates, state): the
    recipient, the signed credential, the evidence and what the holder added are deleted, and
    its public addresses answer 410 Gone. The award is not revoked: its status-list bit is
    not touched, so a copy the person downloaded keeps verifying. Imported badges and
    collections go with the account. Raises SoleOwnerError when an organisation would be
    left without an owner.
    """
    locked = User.objects.select_for_update().get(pk=user.pk)
    orphans = sole_owned(locked)
    if orphans:
        raise SoleOwnerError(orphans)
    addresses = holdings.verified_addresses(locked)
    mine = Q(learner=locked) | Q(recipient_email__in=addresses, learner__isnull=True)
    ids = list(
        Award.objects.select_for_update()
        .filter(mine, erased_at__isnull=True)
        .values_list("pk", flat=True)
    )
    erased = erasure.erase_awards(ids, addresses)
    try:
        locked.delete()
    except (ProtectedError, RestrictedError) as error:
        raise RefusedError(
            _(
                "Votre compte ne peut pas être supprimé automatiquement : des données y sont "
                "encore liées. Écrivez à l'exploitant de la plateforme, qui le fera pour vous."
            )
        ) from error
    return erased
