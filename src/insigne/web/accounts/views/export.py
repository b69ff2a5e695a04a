"""Taking everything away in one click: the zip, or the account's JSON document alone."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..export.archive import build_archive
from ..export.contents import contents
from ..export.document import document_bytes
from ..models import User


def _name(extension: str) -> str:
    return f"insigne-mes-donnees-{timezone.localdate().isoformat()}.{extension}"


@never_cache
@login_required
@require_safe
def archive(request: HttpRequest) -> FileResponse:
    user: User = request.user  # type: ignore[assignment]
    spool = build_archive(contents(user))
    return FileResponse(
        spool, as_attachment=True, filename=_name("zip"), content_type="application/zip"
    )


@never_cache
@login_required
@require_safe
def account_json(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    response = HttpResponse(document_bytes(contents(user)), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_name("json")}"'
    return response
