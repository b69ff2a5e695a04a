"""State changes of the backpack: the learner's privacy choice for each award, what they add
to it (a reflection, evidence), and their collections.

Every change is the holder's own: an award must be theirs (``Award.learner``, not erased), an
imported badge or a collection must belong to them, else ``PermissionDenied``. A change to
what an award's page shows records when it happened in ``Award.holder_changed_at``, which the
cached badge page is keyed on: the next visit sees the change.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..accounts.models import User
from ..awards.models import Award
from ..external.models import ExternalBadge
from .limits import MAX_COLLECTIONS, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_ITEMS, REFLECTION_LENGTH
from .models import Collection, HolderEvidence, Reflection


class RefusedError(Exception):
    """A change the rules do not allow; ``message`` says why, in words for the holder."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _locked(user: User, award: Award) -> Award:
    """``award``, locked for the change, if ``user`` holds it."""
    found = (
        Award.objects.select_for_update()
        .only("pk", "state", "public", "learner")
        .filter(pk=award.pk, learner=user, erased_at__isnull=True)
        .first()
    )
    if found is None:
        raise PermissionDenied
    return found


def _touch(award_pk: int) -> datetime:
    """Record that what the award's page shows has changed (see the module's docstring)."""
    now = timezone.now()
    Award.objects.filter(pk=award_pk).update(holder_changed_at=now)
    return now


@transaction.atomic
def publish_award(user: User, award: Award) -> bool:
    """Make ``award`` public: anyone with its link sees its page. The caller has the learner's
    explicit consent. False if it was public already; raises RefusedError for a revoked award
    (it attests nothing any more), PermissionDenied if ``user`` does not hold it."""
    locked = _locked(user, award)
    if locked.state == Award.State.REVOKED:
        raise RefusedError(
            _("Ce badge a été révoqué par son émetteur : il ne peut plus être rendu public.")
        )
    if locked.public:
        return False
    now = timezone.now()
    Award.objects.filter(pk=locked.pk).update(
        public=True, public_changed_at=now, holder_changed_at=now
    )
    award.public, award.public_changed_at, award.holder_changed_at = True, now, now
    return True


@transaction.atomic
def unpublish_award(user: User, award: Award) -> bool:
    """Make ``award`` private again: its page answers 404 to anyone but its learner and its
    issuer. False if it was private already."""
    locked = _locked(user, award)
    if not locked.public:
        return False
    now = timezone.now()
    Award.objects.filter(pk=locked.pk).update(
        public=False, public_changed_at=now, holder_changed_at=now
    )
    award.public, award.public_changed_at, award.holder_changed_at = False, now, now
    return True


@transaction.atomic
def save_reflection(user: User, award: Award, text: str) -> Reflection | None:
    """Set the holder's reflection on ``award``; an empty text removes it (then None)."""
    text = text.strip()
    if len(text) > REFLECTION_LENGTH:
        raise RefusedError(
            _("Le texte dépasse %(count)s caractères.") % {"count": REFLECTION_LENGTH}
        )
    locked = _locked(user, award)
    award.holder_changed_at = _touch(locked.pk)
    if not text:
        Reflection.objects.filter(award=locked).delete()
        return None
    reflection, _created = Reflection.objects.update_or_create(
        award=locked, defaults={"text": text}
    )
    return reflection


@dataclass(frozen=True)
class EvidenceInput:
    """What the holder gives for one piece of evidence: a title, a link and/or a file."""

    title: str
    url: str = ""
    description: str = ""
    file: UploadedFile[bytes] | None = None
    content_type: str = ""


def _file_checked(given: EvidenceInput) -> bytes | None:
    if given.file is None:
        return None
    if (given.file.size or 0) > MAX_EVIDENCE_BYTES:
        raise RefusedError(_("Le fichier dépasse 10 Mo."))
    given.file.seek(0)
    data = bytes(given.file.read())
    if len(data) > MAX_EVIDENCE_BYTES:
        raise RefusedError(_("Le fichier dépasse 10 Mo."))
    return data


def _titled(given: EvidenceInput) -> str:
    title = given.title.strip()
    if not title:
        raise RefusedError(_("Donnez un titre à cette preuve."))
    return title[:200]


@transaction.atomic
def add_evidence(user: User, award: Award, given: EvidenceInput) -> HolderEvidence:
    """Add a piece of evidence to ``award``: a link, a file (10 MB at most) or both."""
    title = _titled(given)
    data = _file_checked(given)
    if data is None and not given.url:
        raise RefusedError(_("Indiquez une adresse web ou joignez un fichier."))
    locked = _locked(user, award)
    if HolderEvidence.objects.filter(award=locked).count() >= MAX_EVIDENCE_ITEMS:
        raise RefusedError(
            _("Un badge peut recevoir au plus %(count)s preuves : supprimez-en une d'abord.")
            % {"count": MAX_EVIDENCE_ITEMS}
        )
    item = HolderEvidence.objects.create(
        award=locked,
        title=title,
        url=given.url,
        description=given.description.strip(),
        file_name=(given.file.name or "")[:255] if given.file is not None else "",
        content_type=given.content_type if data is not None else "",
        data=data,
    )
    award.holder_changed_at = _touch(locked.pk)
    return item


def _own_evidence(user: User, item: HolderEvidence) -> HolderEvidence:
    found = (
        HolderEvidence.objects.select_for_update()
        .defer("data")
        .filter(pk=item.pk, award__learner=user, award__erased_at__isnull=True)
        .first()
    )
    if found is None:
        raise PermissionDenied
    return found


@transaction.atomic
def change_evidence(
    user: User, item: HolderEvidence, given: EvidenceInput, *, drop_file: bool = False
) -> HolderEvidence:
    """Change a piece of evidence; a new file replaces the old one, ``drop_file`` removes it.
    What is left must still be a link or a file."""
    title = _titled(given)
    data = _file_checked(given)
    found = _own_evidence(user, item)
    fields = ["title", "url", "description"]
    found.title, found.url, found.description = title, given.url, given.description.strip()
    if data is not None and given.file is not None:
        found.data, found.content_type = data, given.content_type
        found.file_name = (given.file.name or "")[:255]
        fields += ["data", "content_type", "file_name"]
    elif drop_file:
        found.data, found.content_type, found.file_name = None, "", ""
        fields += ["data", "content_type", "file_name"]
    if not found.url and not found.file_name:
        raise RefusedError(_("Indiquez une adresse web ou joignez un fichier."))
    found.save(update_fields=fields)
    _touch(found.award_id)
    return found


@transaction.atomic
def remove_evidence(user: User, item: HolderEvidence) -> None:
    found = _own_evidence(user, item)
    found.delete()
    _touch(found.award_id)


def _collection_text(name: str, description: str) -> tuple[str, str]:
    name = name.strip()
    if not name:
        raise RefusedError(_("Donnez un nom à la collection."))
    return name[:120], description.strip()


@transaction.atomic
def create_collection(
    user: User, *, name: str, description: str = "", public: bool = False
) -> Collection:
    name, description = _collection_text(name, description)
    User.objects.select_for_update().filter(pk=user.pk).first()  # one count at a time
    if Collection.objects.filter(owner=user).count() >= MAX_COLLECTIONS:
        raise RefusedError(
            _("Vous avez déjà %(count)s collections : supprimez-en une d'abord.")
            % {"count": MAX_COLLECTIONS}
        )
    return Collection.objects.create(owner=user, name=name, description=description, public=public)


def _own_collection(user: User, collection: Collection) -> Collection:
    found = Collection.objects.select_for_update().filter(pk=collection.pk, owner=user).first()
    if found is None:
        raise PermissionDenied
    return found


@transaction.atomic
def change_collection(
    user: User, collection: Collection, *, name: str, description: str, public: bool
) -> Collection:
    """Rename, describe, and make ``collection`` public or private."""
    name, description = _collection_text(name, description)
    found = _own_collection(user, collection)
    found.name, found.description, found.public = name, description, public
    found.save(update_fields=["name", "description", "public", "updated_at"])
    return found


@transaction.atomic
def delete_collection(user: User, collection: Collection) -> None:
    """Delete ``collection``; its badges stay in the backpack."""
    _own_collection(user, collection).delete()


@transaction.atomic
def add_to_collection(
    user: User,
    collection: Collection,
    *,
    awards: Iterable[uuid.UUID] = (),
    externals: Iterable[uuid.UUID] = (),
) -> int:
    """Put the holder's badges named by their ids in ``collection`` (ids of badges that are
    not theirs are ignored). Returns how many were not in it yet."""
    found = _own_collection(user, collection)
    held = list(
        Award.objects.filter(
            learner=user, erased_at__isnull=True, public_id__in=list(awards)
        ).exclude(collections=found)
    )
    imported = list(
        ExternalBadge.objects.filter(owner=user, public_id__in=list(externals))
        .exclude(collections=found)
        .defer("original", "credential", "image_png")
    )
    found.awards.add(*held)
    found.external_badges.add(*imported)
    if held or imported:
        found.save(update_fields=["updated_at"])
    return len(held) + len(imported)


@transaction.atomic
def remove_from_collection(
    user: User,
    collection: Collection,
    *,
    awards: Iterable[uuid.UUID] = (),
    externals: Iterable[uuid.UUID] = (),
) -> int:
    """Take badges out of ``collection`` (they stay in the backpack). Returns how many."""
    found = _own_collection(user, collection)
    through_awards = Collection.awards.through.objects.filter(
        collection=found, award__public_id__in=list(awards)
    )
    through_externals = Collection.external_badges.through.objects.filter(
        collection=found, externalbadge__public_id__in=list(externals)
    )
    removed = through_awards.delete()[0] + through_externals.delete()[0]
    if removed:
        found.save(update_fields=["updated_at"])
    return removed
