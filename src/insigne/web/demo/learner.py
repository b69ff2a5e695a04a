"""The demo learner's backpack: a reflection on the badge she made public, a badge imported
from another platform (signed with a did:key, so it verifies without any network), and a
public collection. Also an event claim link and a request waiting for the staff's decision."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone

from ...core import dates, description
from ...core.baking import bake
from ...core.fetch import no_network
from ...core.issuing import sign_credential
from ...core.keys import Ed25519Key
from ...demo import solid_png
from ..accounts.models import User
from ..awards.models import Award
from ..backpack import actions as backpack
from ..badges.models import BadgeVersion
from ..claims import actions as claims
from ..claims.actions import Participant, RequestEvidence
from ..external.actions import import_badge

EVENT_CODE = "FORUM2026"

_OTHER_PLATFORM_BADGE = {
    "issuer": {
        "name": "Mission locale de Villeurbanne (démo)",
        "url": "https://mission-locale-villeurbanne.example",
    },
    "achievement": {
        "id": "https://mission-locale-villeurbanne.example/badges/engagement-citoyen",
        "name": "Engagement citoyen",
        "description": "A mené une action bénévole de trois mois dans une association locale.",
        "criteria": "Trois mois d'engagement attestés par l'association d'accueil.",
        "type": "Badge",
        "language": "fr",
    },
}


def seed_learner(learner: User, grouped: BadgeVersion, single: BadgeVersion, staff: User) -> None:
    [mine] = Award.objects.filter(learner=learner)
    backpack.save_reflection(
        learner,
        mine,
        "Ce projet collectif m'a appris à prendre la parole devant un groupe et à demander "
        "de l'aide quand je bloquais.",
    )
    imported = import_badge(
        learner, _other_platform_png(learner.email), name="engagement-citoyen.png",
        fetcher=no_network,
    )  # fmt: skip
    collection = backpack.create_collection(
        learner,
        name="Pour mes candidatures",
        description="Les badges que je montre aux employeurs.",
        public=True,
    )
    backpack.add_to_collection(
        learner, collection, awards=[mine.public_id], externals=[imported.badge.public_id]
    )
    claims.create_link(
        grouped.badge,
        label="Forum de l'emploi 2026",
        by=staff,
        code=EVENT_CODE,
        max_uses=200,
        expires_at=timezone.now() + timedelta(days=60),
    )
    claims.set_requests_open(single.badge, True)
    claims.request_badge(
        single.badge,
        Participant(learner.email, learner.display_name, user=learner),
        evidence=RequestEvidence(
            url="https://portfolio.example/camille/journal-de-bord",
            text="Mon carnet de bord des six semaines de formation.",
        ),
        message="J'aimerais faire reconnaître ce que j'ai appris pendant l'atelier.",
    )


def _other_platform_png(email: str) -> bytes:
    key = Ed25519Key.generate()
    now = dates.now()
    data = {**_OTHER_PLATFORM_BADGE, "recipient": {"email": email, "name": "Camille Martin"}}
    unsigned = description.credential(data, issuer_id=key.did_key, now=now)
    signed = sign_credential(unsigned, key, now=now)
    return bake(solid_png(rgb=b"\x1d\x6b\x2f"), json.dumps(signed, ensure_ascii=False))
