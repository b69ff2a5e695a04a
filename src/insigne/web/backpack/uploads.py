"""Views that take an evidence file: an upload larger than allowed is refused from its
declared length, before its body is read (as the verifier does, see
``public/views/verifier.py``): the CSRF check, which reads the body, comes after."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from .limits import MAX_EVIDENCE_BYTES

# Room for the form's other fields and the multipart framing around the file.
FORM_OVERHEAD = 64 * 1024

View = Callable[..., HttpResponse]


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _refused(request: HttpRequest, problem: str, status: int) -> HttpResponse:
    back = request.META.get("HTTP_REFERER", "")
    context = {"problem": problem, "back": back if back.startswith("/") else ""}
    return render(request, "backpack/refused_upload.html", context, status=status)


def too_big_message() -> str:
    return _(
        "Le fichier envoyé est trop volumineux : 10 Mo au plus. Choisissez un fichier plus "
        "léger, ou donnez plutôt l'adresse web où le trouver."
    )


def bounded_upload(view: View) -> View:
    """``view``, refusing an oversized or unreadable upload with a clear message."""
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            if _declared_length(request) > MAX_EVIDENCE_BYTES + FORM_OVERHEAD:
                return _refused(request, too_big_message(), 413)
            try:
                request.POST  # noqa: B018 -- parsed here, where a refusal can still be explained
            except (RequestDataTooBig, TooManyFieldsSent):
                return _refused(request, too_big_message(), 413)
            except MultiPartParserError:
                problem = _("L'envoi est incomplet ou illisible : réessayez.")
                return _refused(request, problem, 400)
        return protected(request, *args, **kwargs)

    return wrapper
