from django.urls import URLPattern, URLResolver

app_name = "claims"
urlpatterns: list[URLPattern | URLResolver] = []
