"""Read-only views of the imported fiches: they change only through an import."""

from django.contrib import admin

from ..read_only_admin import ReadOnlyAdmin
from .models import Bloc, Fiche


@admin.register(Fiche)
class FicheAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "kind", "level", "active", "end_date", "imported_at"]
    list_filter = ["kind", "active", "level"]
    search_fields = ["code", "title"]


@admin.register(Bloc)
class BlocAdmin(ReadOnlyAdmin):
    list_display = ["code", "label", "fiche"]
    search_fields = ["code", "label"]
    raw_id_fields = ["fiche"]
