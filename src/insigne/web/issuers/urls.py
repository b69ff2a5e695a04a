from django.urls import URLPattern, URLResolver, path  # noqa: F401

app_name = "issuers"
urlpatterns: list[URLPattern | URLResolver] = []
