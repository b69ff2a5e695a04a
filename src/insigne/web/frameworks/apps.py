from django.apps import AppConfig


class Config(AppConfig):
    name = "insigne.web.frameworks"
    label = "frameworks"
