from django.urls import URLPattern, URLResolver, path  # noqa: F401

app_name = "public"
urlpatterns: list[URLPattern | URLResolver] = []
