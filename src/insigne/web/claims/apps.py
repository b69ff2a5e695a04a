from django.apps import AppConfig


class Config(AppConfig):
    name = "insigne.web.claims"
    label = "claims"

    def ready(self) -> None:
        from . import signals  # noqa: F401
