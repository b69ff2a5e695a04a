"""The backpack, under /sac/: the holder's badges, their choices and additions, collections.

``c/<id>`` (a public collection) is shared with others: its path stays stable.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from .views import award, collections, evidence, index, membership, public

app_name = "backpack"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", index.index, name="index"),
    path("badges/<uuid:public_id>", award.award, name="award"),
    path("badges/<uuid:public_id>/publier", award.publish, name="publish"),
    path("badges/<uuid:public_id>/rendre-prive", award.unpublish, name="unpublish"),
    path("badges/<uuid:public_id>/reflexion", award.reflection, name="reflection"),
    path("badges/<uuid:public_id>/preuves", evidence.add, name="add-evidence"),
    path("badges/<uuid:public_id>/collections", membership.add, name="award-collection-add"),
    path(
        "badges/<uuid:public_id>/collections/retirer",
        membership.remove,
        name="award-collection-remove",
    ),
    path("preuves/<uuid:public_id>", evidence.evidence_file, name="evidence-file"),
    path("preuves/<uuid:public_id>/modifier", evidence.edit, name="edit-evidence"),
    path("preuves/<uuid:public_id>/supprimer", evidence.delete, name="delete-evidence"),
    path("collections", collections.collections, name="collections"),
    path("collections/<uuid:public_id>", collections.collection, name="collection"),
    path("collections/<uuid:public_id>/badges", collections.add_badges, name="collection-add"),
    path(
        "collections/<uuid:public_id>/retirer", collections.remove_badge, name="collection-remove"
    ),
    path("collections/<uuid:public_id>/supprimer", collections.delete, name="delete-collection"),
    path("c/<uuid:public_id>", public.public_collection, name="public-collection"),
]
