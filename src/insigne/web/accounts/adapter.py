"""allauth hooks: the account language follows the interface language at sign-up, the
platform writes to each person in the language of their account, and signing in leads back
to the page that asked for it (see ``returning``)."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils import translation

from . import returning


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user.language = (translation.get_language() or "fr")[:2]
        return super().save_user(request, user, form, commit)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Messages about an unknown address (no account) use the interface language.
        language = getattr(context.get("user"), "language", None) or translation.get_language()
        with translation.override(language or "fr"):
            super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # Only used when the sign-in carries no explicit ``next``.
        return returning.take(request) or str(super().get_login_redirect_url(request))
