"""Shared pieces of the accounts tests (no tests here): page text, links from e-mails, the
claim page's paths, and things a learner adds to a badge."""

from __future__ import annotations

import html
import re

from django.core import mail
from django.http import HttpResponse
from django.urls import reverse

from insigne.web.accounts.models import User
from insigne.web.awards.models import Award
from insigne.web.backpack.models import HolderEvidence, Reflection
from insigne.web.external.models import ExternalBadge

PASSWORD = "un-mot-de-passe-assez-long-2025"
SAME_PASSWORD = "mot-de-passe-solide-42"  # the cast's (conftest.make_user)


def text(response: HttpResponse) -> str:
    """The page as text: entities decoded, French non-breaking spaces as plain spaces."""
    page = html.unescape(response.content.decode())
    return page.replace("\u00a0", " ").replace("\u202f", " ")


def link_in(message: mail.EmailMessage) -> str:
    """The path of the first link of an e-mail."""
    found = re.search(r"https?://[^/\s]+(/\S+)", str(message.body))
    assert found, message.body
    return found.group(1)


def claim_path(award: Award) -> str:
    return reverse("public:claim", args=[award.claim_token])


def keep_path(award: Award) -> str:
    return reverse("accounts:keep", args=[award.claim_token])


def add_holder_material(award: Award) -> None:
    """A reflection and two pieces of evidence (a link, a file) added by the holder."""
    Reflection.objects.create(award=award, text="J'ai appris à écouter l'équipe.")
    HolderEvidence.objects.create(
        award=award, title="Mon carnet de bord", url="https://carnet.example/camille"
    )
    HolderEvidence.objects.create(
        award=award,
        title="Photo du chantier",
        file_name="chantier.jpg",
        content_type="image/jpeg",
        data=b"\xff\xd8\xff photo de Camille",
    )


def imported_badge(owner: User, **fields: object) -> ExternalBadge:
    values: dict[str, object] = {
        "source": ExternalBadge.Source.FILE,
        "original": b'{"type": ["VerifiableCredential"], "name": "Secourisme"}',
        "original_name": "secourisme.json",
        "original_media_type": "application/json",
        "spec": ExternalBadge.Spec.OB3,
        "credential_id": "urn:uuid:5a1c0d1e-0000-4000-8000-000000000001",
        "credential": '{"type": ["VerifiableCredential"], "name": "Secourisme"}',
        "name": "Sauveteur secouriste du travail",
        "issuer_name": "Croix-Blanche",
        "issuer_url": "https://croix-blanche.example",
        **fields,
    }
    return ExternalBadge.objects.create(owner=owner, **values)
