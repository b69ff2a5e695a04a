from django.contrib import admin

from .models import BadgeRequest, ClaimLink


@admin.register(ClaimLink)
class ClaimLinkAdmin(admin.ModelAdmin[ClaimLink]):
    list_display = ["label", "badge", "uses", "max_uses", "expires_at", "active"]
    list_filter = ["active", "requires_approval"]
    raw_id_fields = ["badge", "created_by"]


@admin.register(BadgeRequest)
class BadgeRequestAdmin(admin.ModelAdmin[BadgeRequest]):
    list_display = ["email", "badge", "state", "created_at", "decided_at"]
    list_filter = ["state"]
    search_fields = ["email", "name"]
    raw_id_fields = ["badge", "claim_link", "user", "decided_by", "award"]
    exclude = ["evidence_data"]
