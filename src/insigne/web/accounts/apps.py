from django.apps import AppConfig


class Config(AppConfig):
    name = "insigne.web.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
