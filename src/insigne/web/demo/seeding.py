"""Demo data for ``make run``: an organisation with staff in each role, badges (one of them
grouping three competences and linked to an RS certification), a few hundred awards, and a
learner account with a backpack (see ``learner``). Idempotent: running it again changes nothing."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from ..accounts.models import User
from ..awards.actions import change_state
from ..awards.issuance import Recipient, issue
from ..awards.models import Award
from ..badges.models import Badge, BadgeVersion, Competence
from ..certifications.actions import load_sample
from ..issuers.actions import create_organisation
from ..issuers.models import Membership, Organisation, Role
from .frameworks import seed_frameworks
from .learner import seed_learner

PASSWORD = "demo-insigne-2026"
SINGLE_BADGES = (
    (
        "Travailler en équipe",
        "Coopère avec les autres pour atteindre un objectif commun.",
        "A tenu son rôle dans un projet collectif et contribué aux bilans d'étape.",
        (11, 92, 173),
    ),
    (
        "Communiquer",
        "S'exprime et écoute de façon adaptée dans un contexte professionnel.",
        "A présenté son travail à l'oral et répondu aux questions du groupe.",
        (29, 107, 47),
    ),
    (
        "Apprendre à apprendre",
        "Organise ses apprentissages et les transfère à de nouvelles situations.",
        "A tenu un carnet de bord et fixé puis atteint ses propres objectifs.",
        (138, 82, 0),
    ),
)
SLUG = "atelier-lyon"
LEVELS = ("Découverte", "Application", "Maîtrise")
FIRST = [
    "Camille",
    "Léa",
    "Hugo",
    "Inès",
    "Lucas",
    "Chloé",
    "Nathan",
    "Manon",
    "Yanis",
    "Emma",
    "Adam",
    "Jade",
    "Louis",
    "Sarah",
]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Roux",
]


@dataclass(frozen=True)
class Login:
    role: str
    email: str


STAFF = (
    Login("responsable", "responsable@atelier-lyon.example"),
    Login("conception", "conception@atelier-lyon.example"),
    Login("attribution", "attribution@atelier-lyon.example"),
)
LEARNER = Login("apprenant·e", "camille.martin@example.org")


def _user(email: str, first: str, last: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=PASSWORD, first_name=first, last_name=last
        )
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def badge_image(colour: tuple[int, int, int], initials: str) -> bytes:
    size = 512
    canvas = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((16, 16, size - 16, size - 16), fill=colour)
    draw.ellipse((64, 64, size - 64, size - 64), outline=(255, 255, 255), width=14)
    draw.text((size // 2, size // 2), initials, fill=(255, 255, 255), anchor="mm", font_size=150)
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    return out.getvalue()


def _badge(
    organisation: Organisation,
    owner: User,
    name: str,
    description: str,
    criteria: str,
    competences: list[tuple[str, tuple[str, ...]]],
    colour: tuple[int, int, int],
    certification: tuple[str, str] | None = None,
) -> BadgeVersion:
    badge = Badge.objects.create(organisation=organisation, created_by=owner)
    initials = "".join(word[0] for word in name.split() if word[0].isalpha())[:3].upper()
    version = BadgeVersion.objects.create(
        badge=badge,
        number=1,
        name=name,
        description=description,
        criteria=criteria,
        achievement_type=BadgeVersion.AchievementType.COMPETENCY,
        tags=["compétences transversales", "RECTEC"],
        image_png=badge_image(colour, initials),
        certification_code=certification[0] if certification else "",
        certification_title=certification[1] if certification else "",
        created_by=owner,
    )
    for position, (competence, levels) in enumerate(competences):
        Competence.objects.create(
            version=version,
            position=position,
            name=competence,
            framework="RECTEC",
            levels=list(levels),
        )
    return version


@transaction.atomic
def seed(awards: int = 300) -> bool:
    """Create the demo data unless it exists; True when it was created."""
    if Organisation.objects.filter(slug=SLUG).exists():
        return False
    load_sample()  # fictitious RS/RNCP fiches, among them the grouped badge's RS0000
    owner = _user(STAFF[0].email, "Claire", "Moreau")
    editor = _user(STAFF[1].email, "Hugo", "Bernard")
    awarder = _user(STAFF[2].email, "Inès", "Petit")
    learner = _user(LEARNER.email, "Camille", "Martin")
    organisation = create_organisation(
        owner,
        slug=SLUG,
        name="Atelier de formation de Lyon",
        description="Ateliers de pédagogie personnalisée : remise à niveau, compétences clés, "
        "accompagnement vers la qualification.",
        website="https://atelier-lyon.example",
        contact_email="contact@atelier-lyon.example",
        kind=Organisation.Kind.TRAINING_BODY,
        region=Organisation.Region.ARA,
    )
    Membership.objects.create(organisation=organisation, user=editor, role=Role.EDITOR)
    Membership.objects.create(organisation=organisation, user=awarder, role=Role.AWARDER)
    singles = [
        _badge(organisation, owner, name, description, criteria, [(name, LEVELS)], colour)
        for name, description, criteria, colour in SINGLE_BADGES
    ]
    grouped = _badge(
        organisation,
        owner,
        "Compétences relationnelles",
        "Travaille en équipe, communique de façon adaptée et sait apprendre de ses expériences.",
        "Avoir obtenu les trois badges de compétence, ou démontré les trois compétences lors "
        "d'un **projet collectif** de six semaines.",
        [
            ("Travailler en équipe", LEVELS),
            ("Communiquer", LEVELS),
            ("Apprendre à apprendre", LEVELS),
        ],
        (179, 38, 30),
        certification=("RS0000", "Certification de démonstration (code fictif)"),
    )
    rng = random.Random(2026)
    now = timezone.now()
    versions = [*singles, grouped]
    issued: list[Award] = []
    for version in versions:
        share = awards // len(versions)
        names = [c.name for c in version.competences.all()]
        recipients = []
        for n in range(share):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            recipients.append(
                Recipient(
                    email=f"{first}.{last}.{version.pk}.{n}@example.org".lower(),
                    name=f"{first} {last}",
                    levels={name: rng.choice(LEVELS) for name in names if rng.random() < 0.8},
                    awarded_at=now - timedelta(days=rng.randint(0, 360), hours=rng.randint(0, 12)),
                )
            )
        issued += issue(version, recipients, by=awarder)
    mine = issue(
        grouped,
        [Recipient(LEARNER.email, "Camille Martin", {"Communiquer": "Maîtrise"})],
        by=awarder,
    )
    Award.objects.filter(pk__in=[a.pk for a in mine]).update(
        learner=learner, claimed_at=now, public=True
    )
    claimed = [a.pk for a in issued if rng.random() < 0.6]
    Award.objects.filter(pk__in=claimed).update(claimed_at=now)
    change_state(issued[:3], Award.State.REVOKED, "Attribué par erreur")
    change_state(issued[3:5], Award.State.SUSPENDED, "Vérification des preuves en cours")
    seed_learner(learner, grouped, singles[2], owner)
    seed_frameworks(organisation, owner, singles, grouped)
    return True
