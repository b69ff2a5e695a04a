"""What the holder's own page of an award shows: the badge as its public page does, with the
privacy choice, the holder's additions and the collections it is in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ..accounts.models import User
from ..awards.models import Award
from ..public.award_details import AwardDetails
from .additions import Additions, evidence_of
from .forms import CollectionChoiceForm, EvidenceForm, PublishForm, ReflectionForm
from .holdings import SYMBOLS, Standing, award_standing
from .models import Collection, Reflection


def collections_with(user: User, award: Award) -> list[Collection]:
    """The holder's collections, each with ``holds``: whether ``award`` is in it."""
    inside = Collection.awards.through.objects.filter(collection=OuterRef("pk"), award=award)
    return list(
        Collection.objects.filter(owner=user)
        .only("public_id", "name", "public")
        .annotate(holds=Exists(inside))
    )


# Where each form of the page is, to point at the one sent back with errors.
FORM_ANCHORS = {
    "publish": "visibilite",
    "reflection": "reflexion",
    "evidence": "ajout-preuve-title",
    "collection": "collections",
}


def award_context(user: User, award: Award, **bound: forms.Form) -> dict[str, Any]:
    """The page's context; ``bound`` holds a form sent back with its errors (by name:
    ``publish``, ``reflection``, ``evidence``, ``collection``)."""
    reflection = Reflection.objects.filter(award=award).values_list("text", flat=True).first()
    collections = collections_with(user, award)
    others = [(str(c.public_id), c.name) for c in collections if not getattr(c, "holds", False)]
    standing = Standing(award_standing(award.state, award.valid_until, timezone.now()))
    return {
        "award": award,
        "details": AwardDetails(award),
        "standing": standing,
        "standing_label": standing.label,
        "symbol": SYMBOLS[standing],
        "additions": Additions(reflection or "", evidence_of(award)),
        "publish_form": bound.get("publish") or PublishForm(auto_id="publish_%s"),
        "reflection_form": bound.get("reflection")
        or ReflectionForm(auto_id="reflection_%s", initial={"text": reflection or ""}),
        "evidence_form": bound.get("evidence") or EvidenceForm(auto_id="evidence_%s"),
        "inside": [c for c in collections if getattr(c, "holds", False)],
        "collection_form": bound.get("collection")
        or (CollectionChoiceForm(others, auto_id="collection_%s") if others else None),
        "has_collections": bool(collections),
        "problem_anchor": next((FORM_ANCHORS[name] for name in bound if name in FORM_ANCHORS), ""),
    }
