"""A house framework ("référentiel maison"): create it, describe it, set its levels, add,
edit, move and delete its items; delete a framework no badge uses."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ...issuers.permissions import DESIGN
from ...issuers.views.access import Access, access
from .. import actions
from ..access import framework_of, item_of
from ..forms import FrameworkForm, ItemForm, NewFrameworkForm, level_formset
from ..models import Framework, Item


def _own(
    request: HttpRequest, slug: str, identifier: uuid.UUID, *, house: bool = True
) -> tuple[Access, Framework]:
    """The organisation's framework ``identifier``; a house framework unless ``house`` is
    False (imported frameworks are only deleted, or updated by importing their file again)."""
    allowed = access(request, slug, DESIGN)
    framework = framework_of(allowed.organisation, identifier, editable=True)
    if house and framework.origin != Framework.Origin.HOUSE:
        raise Http404
    return allowed, framework


def _detail_url(framework: Framework) -> str:
    assert framework.organisation is not None
    return reverse(
        "frameworks:detail",
        kwargs={"slug": framework.organisation.slug, "identifier": framework.identifier},
    )


def _detail(framework: Framework) -> HttpResponse:
    return redirect(_detail_url(framework))


@login_required
@require_http_methods(["GET", "POST"])
def framework_create(request: HttpRequest, slug: str) -> HttpResponse:
    allowed = access(request, slug, DESIGN)
    data = request.POST if request.method == "POST" else None
    form = NewFrameworkForm(data, initial={"language": "fr"})
    levels = level_formset(data)
    if data is not None and form.is_valid() and levels.is_valid():
        framework = actions.create_framework(
            allowed.organisation,
            request.user,  # type: ignore[arg-type]
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"].strip(),
            language=form.cleaned_data["language"],
            levels=levels.levels(),
        )
        messages.success(
            request,
            _("Le référentiel « %(title)s » est créé : ajoutez-lui ses items.")
            % {"title": framework.title},
        )
        return redirect("frameworks:item-add", slug=slug, identifier=framework.identifier)
    context = {"organisation": allowed.organisation, "form": form, "levels": levels}
    return render(request, "frameworks/create.html", context, status=400 if data else 200)


@login_required
@require_http_methods(["GET", "POST"])
def framework_edit(request: HttpRequest, slug: str, identifier: uuid.UUID) -> HttpResponse:
    allowed, framework = _own(request, slug, identifier)
    data = request.POST if request.method == "POST" else None
    form = FrameworkForm(data, instance=framework)
    initial = [
        {"name": level.name, "description": level.description}
        for level in framework.levels.filter(item__isnull=True).order_by("position")
    ]
    levels = level_formset(data, initial=initial)
    if data is not None and form.is_valid() and levels.is_valid():
        actions.edit_framework(
            framework, **{name: form.cleaned_data[name] for name in FrameworkForm.Meta.fields}
        )
        actions.set_levels(framework, levels.levels())
        messages.success(request, _("Le référentiel est enregistré."))
        return _detail(framework)
    if data is not None:
        framework.refresh_from_db()  # the form wrote the refused values on the instance
    context = {
        "organisation": allowed.organisation,
        "framework": framework,
        "form": form,
        "levels": levels,
    }
    return render(request, "frameworks/edit.html", context, status=400 if data else 200)


@login_required
@require_http_methods(["GET", "POST"])
def framework_delete(request: HttpRequest, slug: str, identifier: uuid.UUID) -> HttpResponse:
    allowed, framework = _own(request, slug, identifier, house=False)
    if request.method == "POST":
        try:
            actions.delete_framework(framework)
        except actions.ChangeRefusedError as refused:
            messages.error(request, str(refused))
            return _detail(framework)
        messages.success(
            request, _("Le référentiel « %(title)s » est supprimé.") % {"title": framework.title}
        )
        return redirect("frameworks:list", slug=slug)
    context = {
        "organisation": allowed.organisation,
        "framework": framework,
        "used": actions.used_by_badges(framework),
        "item_count": framework.items.count(),
    }
    return render(request, "frameworks/delete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest, slug: str, identifier: uuid.UUID) -> HttpResponse:
    allowed, framework = _own(request, slug, identifier)
    return _item_page(request, allowed, framework, None)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(
    request: HttpRequest, slug: str, identifier: uuid.UUID, item: uuid.UUID
) -> HttpResponse:
    allowed, framework = _own(request, slug, identifier)
    return _item_page(request, allowed, framework, item_of(framework, item))


def _item_page(
    request: HttpRequest, allowed: Access, framework: Framework, item: Item | None
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    identifier = framework.identifier
    initial = {}
    if item is not None:
        initial = {
            "statement": item.full_statement,
            "code": item.human_coding_scheme,
            "item_type": item.item_type,
            "notes": item.notes,
            "parent": str(item.parent.identifier) if item.parent else "",
        }
    elif request.GET.get("sous"):
        initial = {"parent": request.GET["sous"]}
    form = ItemForm(data, initial=initial, framework=framework, item=item)
    if data is not None and form.is_valid():
        values = {
            "statement": form.cleaned_data["statement"],
            "code": form.cleaned_data["code"],
            "notes": form.cleaned_data["notes"].strip(),
            "item_type": form.cleaned_data["item_type"].strip(),
            "parent": form.cleaned_data["parent"],
        }
        try:
            if item is None:
                item = actions.add_item(framework, **values)
                messages.success(request, _("Item ajouté : « %(label)s ».") % {"label": item})
                if "encore" in data:
                    parent = values["parent"]
                    add = reverse(
                        "frameworks:item-add",
                        kwargs={"slug": allowed.organisation.slug, "identifier": identifier},
                    )
                    return redirect(add + (f"?sous={parent.identifier}" if parent else ""))
            else:
                actions.edit_item(item, **values)
                messages.success(request, _("Item enregistré."))
            return redirect(_detail_url(framework) + f"#item-{item.identifier}")
        except actions.ChangeRefusedError as refused:
            form.add_error(refused.field, str(refused))
    context = {
        "organisation": allowed.organisation,
        "framework": framework,
        "item": item,
        "form": form,
    }
    return render(request, "frameworks/item_form.html", context, status=400 if data else 200)


@login_required
@require_POST
def item_move(
    request: HttpRequest, slug: str, identifier: uuid.UUID, item: uuid.UUID
) -> HttpResponse:
    _allowed, framework = _own(request, slug, identifier)
    found = item_of(framework, item)
    direction = request.POST.get("direction", "")
    if actions.move_item(found, direction):
        messages.success(
            request,
            _("« %(label)s » est monté d'un rang.") % {"label": found.full_statement}
            if direction == "up"
            else _("« %(label)s » est descendu d'un rang.") % {"label": found.full_statement},
        )
    return redirect(_detail_url(framework) + f"#item-{found.identifier}")


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(
    request: HttpRequest, slug: str, identifier: uuid.UUID, item: uuid.UUID
) -> HttpResponse:
    allowed, framework = _own(request, slug, identifier)
    found = item_of(framework, item)
    if request.method == "POST":
        try:
            actions.delete_item(found)
        except actions.ChangeRefusedError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request, _("« %(label)s » est supprimé.") % {"label": found.full_statement}
            )
        return _detail(framework)
    context = {"organisation": allowed.organisation, "framework": framework, "item": found}
    return render(request, "frameworks/item_delete.html", context)
