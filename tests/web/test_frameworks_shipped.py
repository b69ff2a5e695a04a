"""The frameworks shipped with Insigne: present after migrate, read-only, sourced."""

from __future__ import annotations

import pytest

from insigne.web.frameworks import actions
from insigne.web.frameworks.access import available
from insigne.web.frameworks.models import Framework, Item
from insigne.web.frameworks.shipped import packages, sync

from .conftest import Cast

pytestmark = pytest.mark.django_db


def shipped(title_start: str) -> Framework:
    return Framework.objects.get(organisation=None, title__startswith=title_start)


def test_rectec_has_its_twelve_competences_in_four_poles_after_migrate() -> None:
    rectec = shipped("RECTEC")
    poles = rectec.items.filter(parent=None).order_by("sequence")
    assert [p.human_coding_scheme for p in poles] == [
        "RECTEC-ORG",
        "RECTEC-COM",
        "RECTEC-RVA",
        "RECTEC-RVP",
    ]
    assert [p.children.count() for p in poles] == [4, 4, 2, 2]
    competence = rectec.items.get(human_coding_scheme="RECTEC-RVP-2")
    assert competence.full_statement == "Développer ses savoirs et ses modes d'apprentissage"
    assert not rectec.levels.exists()  # no level descriptors are copied from the guide


def test_clea_has_its_seven_domains_and_the_savoir_etre_list_its_fourteen() -> None:
    clea = shipped("CléA")
    assert list(clea.items.values_list("human_coding_scheme", flat=True)) == [
        f"CLEA-{n}" for n in range(1, 8)
    ]
    savoir_etre = shipped("Les 14 savoir-être")
    assert savoir_etre.items.count() == 14
    assert savoir_etre.items.filter(full_statement="Prise de recul").exists()


def test_every_shipped_framework_records_its_source_and_licence_and_owns_its_codes() -> None:
    frameworks = Framework.objects.filter(organisation=None)
    assert frameworks.count() == 3
    for framework in frameworks:
        assert framework.origin == Framework.Origin.SHIPPED
        assert "Source" in framework.notes
        assert framework.licence_title and framework.licence_text
        assert "définis par Insigne" in framework.notes  # the codes are ours, not official


def test_shipped_frameworks_are_offered_to_every_organisation(cast: Cast) -> None:
    for organisation in (cast.organisation, cast.other):
        assert available(organisation).filter(organisation=None).count() == 3


def test_shipped_frameworks_cannot_be_changed(cast: Cast) -> None:
    rectec = shipped("RECTEC")
    with pytest.raises(actions.ChangeRefusedError):
        actions.add_item(rectec, statement="Ajout")
    with pytest.raises(actions.ChangeRefusedError):
        actions.delete_framework(rectec)
    assert rectec.items.count() == 16


def test_syncing_again_keeps_identifiers_and_adds_nothing() -> None:
    before = dict(Item.objects.filter(framework__organisation=None).values_list("identifier", "pk"))
    sync(Framework, Item)
    after = dict(Item.objects.filter(framework__organisation=None).values_list("identifier", "pk"))
    assert before == after
    files = {item["identifier"] for package in packages() for item in package["CFItems"]}
    assert {str(identifier) for identifier in after} == files
