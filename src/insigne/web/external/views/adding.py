"""Adding a badge issued elsewhere to the backpack: one form, a file or an address.

An oversized upload is refused from its declared length, before its body is read, with the
page and its message rather than a bare error: the view is exempt from the CSRF middleware
(which would read the body first) and protects itself once the size is known to be
acceptable, as the verifier page does.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from .. import actions
from ..forms import ImportForm
from ..models import ExternalBadge
from ..recognition import ImportRefusedError

# Room for the form's other fields and the multipart framing around the file.
FORM_OVERHEAD = 64 * 1024


def _page(
    request: HttpRequest, form: ImportForm, status: int = 200, problem: str = ""
) -> HttpResponse:
    problems = [problem] if problem else list(form.non_field_errors())
    context = {"form": form, "problems": problems}
    return render(request, "external/add.html", context, status=status)


def _refused(request: HttpRequest, problem: str, status: int) -> HttpResponse:
    return _page(request, ImportForm(), status, problem)


@csrf_exempt
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def add(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > actions.MAX_FILE_BYTES + FORM_OVERHEAD:
            return _refused(request, actions.too_big_message(), 413)
        try:
            request.POST  # noqa: B018 -- parsed here, where a refusal can still be explained
        except (RequestDataTooBig, TooManyFieldsSent):
            return _refused(request, actions.too_big_message(), 413)
        except MultiPartParserError:
            return _refused(request, _("L'envoi est incomplet ou illisible ; réessayez."), 400)
    return _add(request)


@csrf_protect
def _add(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    owner = request.user
    upload = form.cleaned_data.get("file")
    try:
        if upload is not None:
            imported = actions.import_badge(
                owner,  # type: ignore[arg-type]
                upload.read(),
                source=ExternalBadge.Source.FILE,
                name=upload.name or "",
            )
        else:
            imported = actions.import_badge_from_url(owner, form.cleaned_data["url"])  # type: ignore[arg-type]
    except ImportRefusedError as refused:
        return _page(request, form, status=400, problem=refused.message)
    _announce(request, imported)
    return redirect("external:detail", public_id=imported.badge.public_id)


def _announce(request: HttpRequest, imported: actions.Imported) -> None:
    """Say what was added, and whether it verifies, before the holder reads the page."""
    outcome = imported.badge.outcome
    if imported.replaced:
        added = _("Ce badge était déjà dans votre sac : il a été remplacé par celui-ci.")
    else:
        added = _("Badge ajouté à votre sac.")
    if outcome == ExternalBadge.Outcome.PASS:
        verdict = _("Sa vérification a réussi.")
        messages.success(request, f"{added} {verdict}")
    elif outcome == ExternalBadge.Outcome.WARNING:
        verdict = _("Il est authentique, mais sa vérification appelle des réserves : lisez-les.")
        messages.success(request, f"{added} {verdict}")
    elif outcome == ExternalBadge.Outcome.REVOKED:
        verdict = _("Attention : son émetteur l'a révoqué, il n'atteste plus rien.")
        messages.warning(request, f"{added} {verdict}")
    else:
        verdict = _(
            "Attention : sa vérification a échoué. Il reste dans votre sac, mais lisez "
            "ci-dessous pourquoi avant de vous en servir."
        )
        messages.warning(request, f"{added} {verdict}")
