from django.contrib import admin

from .models import Framework, Item


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin[Framework]):
    list_display = ["title", "organisation", "origin", "language", "adoption_status", "updated_at"]
    list_filter = ["origin", "adoption_status", "language"]
    search_fields = ["title", "creator"]
    raw_id_fields = ["organisation", "created_by"]
    readonly_fields = ["identifier", "licence_id", "rubric_id", "criterion_id"]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin[Item]):
    list_display = ["full_statement", "human_coding_scheme", "framework", "item_type"]
    search_fields = ["full_statement", "human_coding_scheme", "source_uri"]
    raw_id_fields = ["framework", "parent"]
    readonly_fields = ["identifier", "child_link_id", "criterion_id", "search_text"]
