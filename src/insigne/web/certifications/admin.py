"""Read-only views of the imported fiches: they change only through an import."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Bloc, Fiche


class ReadOnly(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Fiche)
class FicheAdmin(ReadOnly):
    list_display = ["code", "title", "kind", "level", "active", "end_date", "imported_at"]
    list_filter = ["kind", "active", "level"]
    search_fields = ["code", "title"]


@admin.register(Bloc)
class BlocAdmin(ReadOnly):
    list_display = ["code", "label", "fiche"]
    search_fields = ["code", "label"]
    raw_id_fields = ["fiche"]
