"""What the holder added to an award, as its pages show it: their reflection and their
evidence (never the files' bytes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models.functions import Length

from ..awards.models import Award
from .models import HolderEvidence, Reflection


@dataclass(frozen=True)
class Additions:
    reflection: str = ""
    evidence: list[HolderEvidence] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.reflection or self.evidence)


def evidence_of(award: Award) -> list[HolderEvidence]:
    """The award's holder evidence, oldest first, each with ``size`` (bytes of its file)."""
    return list(
        HolderEvidence.objects.filter(award_id=award.pk).defer("data").annotate(size=Length("data"))
    )


def additions_of(award: Award) -> Additions:
    """No query for an award whose holder never changed anything (most awards)."""
    if award.holder_changed_at is None:
        return Additions()
    text = Reflection.objects.filter(award_id=award.pk).values_list("text", flat=True).first()
    return Additions(reflection=text or "", evidence=evidence_of(award))
