"""Organisations, under /organisations/ (see actions.RESERVED_SLUGS for the fixed words)."""

from django.urls import URLPattern, URLResolver, path

from .views import invitations, keys, profile, staff, units

app_name = "issuers"
urlpatterns: list[URLPattern | URLResolver] = [
    path("nouvelle/", profile.create, name="create"),
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
    path("<slug:slug>/", profile.detail, name="detail"),
    path("<slug:slug>/modifier/", profile.edit, name="edit"),
    path("<slug:slug>/unites/", units.units, name="units"),
    path("<slug:slug>/unites/<int:pk>/renommer/", units.rename, name="unit_rename"),
    path("<slug:slug>/unites/<int:pk>/supprimer/", units.delete, name="unit_delete"),
    path("<slug:slug>/equipe/", staff.staff, name="staff"),
    path("<slug:slug>/equipe/inviter/", staff.invite, name="invite"),
    path(
        "<slug:slug>/equipe/invitations/<int:pk>/annuler/",
        staff.cancel_invitation,
        name="invitation_cancel",
    ),
    path("<slug:slug>/equipe/<int:pk>/role/", staff.change_role, name="member_role"),
    path("<slug:slug>/equipe/<int:pk>/retirer/", staff.remove, name="member_remove"),
    path("<slug:slug>/cles/", keys.keys, name="keys"),
    path("<slug:slug>/cles/renouveler/", keys.rotate, name="key_rotate"),
]
