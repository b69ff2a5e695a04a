from django.urls import URLPattern, URLResolver, path  # noqa: F401

app_name = "badges"
urlpatterns: list[URLPattern | URLResolver] = []
