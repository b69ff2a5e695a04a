"""Badge design, under /organisations/<slug>/badges/."""

from django.urls import URLPattern, URLResolver, path

from . import image_views, views

app_name = "badges"
_badge = "<slug:slug>/badges/<uuid:public_id>"
urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:slug>/badges/", views.badge_list, name="list"),
    path("<slug:slug>/badges/nouveau/", views.create, name="create"),
    path("<slug:slug>/badges/apercu/image.svg", image_views.design_preview, name="design_preview"),
    path(
        "<slug:slug>/badges/apercu/criteres/",
        image_views.criteria_preview,
        name="criteria_preview",
    ),
    path(f"{_badge}/", views.detail, name="detail"),
    path(f"{_badge}/modifier/", views.edit, name="edit"),
    path(f"{_badge}/archiver/", views.archive, name="archive"),
    path(f"{_badge}/desarchiver/", views.unarchive, name="unarchive"),
    path(f"{_badge}/image.png", image_views.image_png, name="image_png"),
    path(f"{_badge}/image.svg", image_views.image_svg, name="image_svg"),
    path(f"{_badge}/v<int:number>/image.png", image_views.image_png, name="version_png"),
    path(f"{_badge}/v<int:number>/image.svg", image_views.image_svg, name="version_svg"),
]
