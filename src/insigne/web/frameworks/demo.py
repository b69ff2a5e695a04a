"""The sample files imported into an organisation, for the demonstration: the ESCO
transversal collection sample in French then English, and the savoir-être part of the ROME
4.0 sample (see ``samples/README.md``: their content is illustrative)."""

from __future__ import annotations

import io
from pathlib import Path

from ..accounts.models import User
from ..issuers.models import Organisation
from . import actions
from .models import Framework

SAMPLES = Path(__file__).resolve().parent / "samples"


def _upload(name: str, stored: str | None = None) -> actions.Upload:
    return actions.Upload(name, io.BytesIO((SAMPLES / (stored or name)).read_bytes()))


def import_samples(organisation: Organisation, user: User | None) -> list[Framework]:
    """Import the sample files into ``organisation``; returns the frameworks written."""
    esco, _outcome = actions.import_framework(
        organisation,
        user,
        _upload("transversalSkillsCollection_fr.csv"),
        title="ESCO – compétences transversales (exemple)",
    )
    actions.import_framework(
        organisation, user, _upload("transversalSkillsCollection_en.csv"), into=esco
    )
    rome, _outcome = actions.import_framework(
        organisation,
        user,
        _upload("unix_arborescence_competences_exemple_utf8.csv"),
        title="ROME 4.0 – savoir-être (exemple)",
        part="savoir-être",
    )
    return [esco, rome]
