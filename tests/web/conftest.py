"""The named cast every authorisation test uses.

- ``owner``, ``editor``, ``awarder``: the three roles of the organisation "Atelier de Lyon";
- ``outsider``: the owner of another organisation ("Autre structure");
- ``learner``: a person with no organisation, who receives badges.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client

from insigne.web.accounts.models import User
from insigne.web.badges.models import Badge, BadgeVersion, Competence
from insigne.web.issuers.actions import create_organisation
from insigne.web.issuers.models import Membership, Organisation, Role

from .images import PNG_64


@dataclass
class Cast:
    organisation: Organisation
    other: Organisation
    owner: User
    editor: User
    awarder: User
    outsider: User
    learner: User

    def client(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


def make_user(email: str, **extra: object) -> User:
    user = User.objects.create_user(email=email, password="mot-de-passe-solide-42", **extra)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture(autouse=True)
def french() -> Iterator[None]:
    """Each test starts in French, whatever language the previous test's requests left active."""
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture
def cast(db: None) -> Cast:
    return make_cast()


def make_cast() -> Cast:
    """The named cast: an organisation with its owner, editor and awarder, another
    organisation with its owner (the outsider), and a learner."""
    owner = make_user("responsable@atelier.example", first_name="Claire", last_name="Martin")
    editor = make_user("conception@atelier.example", first_name="Hugo", last_name="Bernard")
    awarder = make_user("attribution@atelier.example", first_name="Inès", last_name="Petit")
    outsider = make_user("responsable@autre.example", first_name="Paul", last_name="Durand")
    learner = make_user("camille@apprenant.example", first_name="Camille", last_name="Roux")
    organisation = create_organisation(
        owner,
        name="Atelier de Lyon",
        contact_email="contact@atelier.example",
        website="https://atelier.example",
        kind=Organisation.Kind.TRAINING_BODY,
        region=Organisation.Region.ARA,
    )
    Membership.objects.create(organisation=organisation, user=editor, role=Role.EDITOR)
    Membership.objects.create(organisation=organisation, user=awarder, role=Role.AWARDER)
    other = create_organisation(
        outsider, name="Autre structure", contact_email="contact@autre.example"
    )
    return Cast(organisation, other, owner, editor, awarder, outsider, learner)


def make_badge(
    organisation: Organisation,
    *,
    name: str = "Compétences relationnelles",
    competences: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("Travailler en équipe", ("Découverte", "Application", "Maîtrise")),
        ("Communiquer", ("Découverte", "Application", "Maîtrise")),
        ("Apprendre à apprendre", ()),
    ),
    certification: tuple[str, str] | None = ("RS5476", "Certification d'exemple"),
) -> BadgeVersion:
    """A grouped-competence badge (version 1) of ``organisation``."""
    badge = Badge.objects.create(organisation=organisation)
    version = BadgeVersion.objects.create(
        badge=badge,
        number=1,
        name=name,
        description="Travaille en équipe et communique de façon adaptée.",
        criteria="La personne a mené un **projet collectif** de six semaines.",
        achievement_type=BadgeVersion.AchievementType.COMPETENCY,
        tags=["soft skills"],
        image_png=PNG_64,
        certification_code=certification[0] if certification else "",
        certification_title=certification[1] if certification else "",
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


@pytest.fixture
def grouped_badge(cast: Cast) -> BadgeVersion:
    return make_badge(cast.organisation)
