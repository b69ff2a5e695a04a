"""The verifier page: anyone checks a badge, given as a file, as pasted text or as a URL.

An oversized upload is refused from its declared length, before its body is read: the view
is exempt from the CSRF middleware (which would read the body first) and protects itself
once the size is known to be acceptable, as Django's documentation advises for uploads.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from .. import verification
from ..forms import VerifierForm, megabytes

# Room for the form's other fields and the multipart framing around the file.
FORM_OVERHEAD = 64 * 1024


def _page(
    request: HttpRequest, form: VerifierForm, status: int = 200, **extra: object
) -> HttpResponse:
    context = {"form": form, "max_mb": megabytes(settings.MAX_UPLOAD_BYTES), **extra}
    return render(request, "public/verifier.html", context, status=status)


def _refused(request: HttpRequest, problem: str, status: int) -> HttpResponse:
    checked = verification.Checked(problem=problem)
    return _page(request, VerifierForm(), status=status, checked=checked)


def _too_big(request: HttpRequest) -> HttpResponse:
    problem = _(
        "Ce qui a été envoyé est trop volumineux : un badge pèse au plus %(size)s Mo. "
        "Vérifiez qu'il s'agit bien de l'image ou du fichier du badge."
    ) % {"size": megabytes(settings.MAX_UPLOAD_BYTES)}
    return _refused(request, problem, 413)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def verifier(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.MAX_UPLOAD_BYTES + FORM_OVERHEAD:
            return _too_big(request)
        try:
            request.POST  # noqa: B018 -- parsed here, where a refusal can still be explained
        except (RequestDataTooBig, TooManyFieldsSent):
            return _too_big(request)
        except MultiPartParserError:
            return _refused(request, _("L'envoi est incomplet ou illisible ; réessayez."), 400)
    return _verify(request)


@csrf_protect
def _verify(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, VerifierForm())
    form = VerifierForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    email = form.cleaned_data.get("email") or None
    upload = form.cleaned_data.get("file")
    if upload is not None:
        checked = verification.check_badge(upload.read(), email)
    elif form.cleaned_data.get("text"):
        checked = verification.check_badge(form.cleaned_data["text"], email)
    else:
        checked = verification.check_url(form.cleaned_data["url"], email)
    return _page(request, form, checked=checked)
