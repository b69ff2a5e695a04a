"""Organisations in the admin. Keys are shown by their public half only, and never edited:
a changed or deleted key would break every badge it signed."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..read_only_admin import ReadOnlyAdmin
from .models import Invitation, Membership, Organisation, Role, SigningKey, Unit


def _last_owner(membership: Membership) -> bool:
    return (
        membership.role == Role.OWNER
        and not Membership.objects.filter(
            organisation_id=membership.organisation_id, role=Role.OWNER
        )
        .exclude(pk=membership.pk)
        .exists()
    )


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    """Read-only: roles change on the team page, which keeps the last owner."""

    model = Membership
    extra = 0
    fields = ("user", "role", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class UnitInline(admin.TabularInline[Unit, Organisation]):
    model = Unit
    extra = 0
    can_delete = False  # a unit that files badges is kept: delete from the unit's own page


class SigningKeyInline(admin.TabularInline[SigningKey, Organisation]):
    model = SigningKey
    extra = 0
    fields = ("public_multibase", "created_at", "retired_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name", "slug", "kind", "region", "siret", "created_at")
    list_filter = ("kind", "region")
    search_fields = ("name", "slug", "siret", "contact_email")
    # The slug is in every DID and credential already issued: it never changes.
    readonly_fields = ("slug", "created_at")
    exclude = ("logo_png",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = (MembershipInline, UnitInline, SigningKeyInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # through the site, so that the owner and the first key come along


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    """Support can add a member; roles change on the team page, which keeps the last owner."""

    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__email", "organisation__name")
    autocomplete_fields = ("user", "organisation")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("user", "organisation", "role", "created_at") if obj else ()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and _last_owner(obj):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    list_display = ("email", "organisation", "role", "invited_by", "expires_at", "state")
    list_filter = ("role",)
    search_fields = ("email", "organisation__name")
    # The token is a bearer secret: whoever holds it can join as this address.
    exclude = ("token",)
    readonly_fields = ("organisation", "email", "role", "invited_by", "created_at", "accepted_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the staff page sends the e-mail that carries the token

    @admin.display(description=_("état"))
    def state(self, invitation: Invitation) -> str:
        if invitation.accepted_at:
            return str(_("acceptée"))
        if invitation.expires_at <= timezone.now():
            return str(_("expirée"))
        return str(pgettext_lazy("invitation", "en attente"))


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "public_multibase", "created_at", "retired_at")
    list_filter = ("retired_at",)
    search_fields = ("organisation__name", "public_multibase")
    fields = ("organisation", "public_multibase", "created_at", "retired_at")
    readonly_fields = fields


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ("name", "organisation")
    search_fields = ("name", "organisation__name")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Same rule as the site: deleting would silently unfile the unit's badges.
        if obj is not None and obj.badges.exists():
            return False
        return super().has_delete_permission(request, obj)
