from django.urls import URLPattern, URLResolver, path  # noqa: F401

app_name = "awards"
urlpatterns: list[URLPattern | URLResolver] = []
