from django.urls import URLPattern, URLResolver

app_name = "backpack"
urlpatterns: list[URLPattern | URLResolver] = []
