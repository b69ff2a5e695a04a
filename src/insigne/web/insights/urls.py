from django.urls import URLPattern, URLResolver, path  # noqa: F401

app_name = "insights"
urlpatterns: list[URLPattern | URLResolver] = []
